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
  // The IOM team's pages are issue 14 part 4; until then an IOM officer works through the API.
  'iom-officer': [],
  commissioner: [{ href: '/dashboard', text: 'Dashboard' }],
  admin: [
    { href: '/admin', text: 'Administration' },
    { href: '/admin/people', text: 'People' },
    { href: '/admin/audit', text: 'Audit log' },
  ],
};

/** A role with no pages yet lands on the start of the service, which tells them so. */
export const homeOf = (role: Role): string => pagesOfRole[role][0]?.href ?? '/dashboard';

/** Who holds each role, as a page that is not for someone says whom it is for. */
export const roleAudience: Record<Role, string> = {
  referrer: 'referrers from the police, probation and the council',
  'rj-coordinator': 'Victim Support’s coordinators',
  'caution-officer': 'WDP’s caution officers',
  'coaching-coordinator': 'Home-Start’s coordinators',
  'iom-officer': 'the IOM team’s offender managers',
  commissioner: 'commissioners',
  admin: 'administrators',
};

/** "a", "a and b", "a, b and c". */
const inList = (words: readonly string[]): string => (words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`);

/** The people a list of roles names: "Victim Support’s coordinators and WDP’s caution officers"; a name that is not a role is left out. */
export const audienceText = (audience: readonly string[]): string =>
  inList(audience.flatMap((role) => (Object.hasOwn(roleAudience, role) ? [roleAudience[role as Role]] : []))) || 'other users';

/** Where a user can go instead: "Your pages are: Cases, Volunteers and Targets." */
export const yourPagesText = (role: Role): string =>
  pagesOfRole[role].length === 0 ? 'You have no pages here yet.' : `Your pages are: ${inList(pagesOfRole[role].map((page) => page.text))}.`;

/** The role's navigation, the item for the current page marked (the longest matching href wins). */
export const navigationFor = (role: Role, path: string): NavigationItem[] => {
  const items = pagesOfRole[role];
  const matches = items.filter((item) => path === item.href || path.startsWith(`${item.href}/`));
  const current = matches.sort((a, b) => b.href.length - a.href.length)[0];
  return items.map((item) => ({ ...item, active: item === current, current: item.href === path }));
};
