import { Role } from '../auth/actor';

export type NavigationItem = { href: string; text: string; active?: boolean; current?: boolean };

/** Each role's daily pages, in the service navigation; the first is where the role lands after sign-in. */
export const pagesOfRole: Record<Role, readonly NavigationItem[]> = {
  referrer: [
    { href: '/referrals', text: 'Your referrals' },
    { href: '/referrals/new', text: 'Make a referral' },
  ],
  'rj-coordinator': [
    { href: '/restorative-justice', text: 'Cases' },
    { href: '/restorative-justice/volunteers', text: 'Volunteers' },
    { href: '/dashboard', text: 'Targets' },
  ],
  'caution-officer': [
    { href: '/conditional-caution', text: 'Cases' },
    { href: '/conditional-caution/courses', text: 'Courses' },
    { href: '/conditional-caution/deadlines', text: 'Deadlines' },
    { href: '/dashboard', text: 'Targets' },
  ],
  'coaching-coordinator': [
    { href: '/community-coaching', text: 'Caseload' },
    { href: '/community-coaching/coaches', text: 'Coaches' },
    { href: '/dashboard', text: 'Targets' },
  ],
  commissioner: [{ href: '/dashboard', text: 'Dashboard' }],
  admin: [{ href: '/admin', text: 'Administration' }],
};

export const homeOf = (role: Role): string => pagesOfRole[role][0].href;

/** The role's navigation, the item for the current page marked (the longest matching href wins). */
export const navigationFor = (role: Role, path: string): NavigationItem[] => {
  const items = pagesOfRole[role];
  const matches = items.filter((item) => path === item.href || path.startsWith(`${item.href}/`));
  const current = matches.sort((a, b) => b.href.length - a.href.length)[0];
  return items.map((item) => ({ ...item, active: item === current, current: item.href === path }));
};
