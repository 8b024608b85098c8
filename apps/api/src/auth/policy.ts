import { Programme } from '@safer-cases/domain';
import { Role } from './actor';

/**
 * What a route asks beyond the role, and where that is checked:
 * - `case`: the case in the path must be one the actor works on (`caseScope`), checked where
 *   the case is loaded (CaseWriter, CaseReader);
 * - `referral`: the body's `referrer.organisation` must be the actor's own (CaseWriter.refer);
 * - `case-list`: the list is narrowed to the actor's cases (CaseListController);
 * - `volunteer`: the volunteer's organisation must be the actor's own (VolunteerLedger);
 * - `volunteer-list`: the roster is narrowed to the actor's organisation;
 * - `programme`: a coordinator sees their own programme's only, a commissioner every one (TargetsQueries);
 * - `none`: the role is all it takes.
 */
export type Scope = 'none' | 'case' | 'referral' | 'case-list' | 'volunteer' | 'volunteer-list' | 'programme';

export type RouteRule = { public: true } | { public?: false; roles: readonly Role[]; scope: Scope };

/** `METHOD /path/:param`, as Nest declares the route. */
export type RouteKey = `${'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'} /${string}`;

const open: RouteRule = { public: true };
const only = (allowed: readonly Role[], scope: Scope = 'none'): RouteRule => ({ roles: allowed, scope });

const rj = ['rj-coordinator'] as const;
const caution = ['caution-officer'] as const;
const coaching = ['coaching-coordinator'] as const;
const iom = ['iom-officer'] as const;
/** Each works on one programme's cases; the IOM officer is the IOM programme's coordinator. */
const coordinators = ['rj-coordinator', 'caution-officer', 'coaching-coordinator', 'iom-officer'] as const;
/** The IOM targets are not answered yet (issue 14 part 3), so the IOM officer does not read targets. */
const targetReaders = ['commissioner', 'rj-coordinator', 'caution-officer', 'coaching-coordinator'] as const;
const volunteerCoordinators = ['rj-coordinator', 'coaching-coordinator'] as const;
const admin = ['admin'] as const;

/**
 * Who may do what: every route of the API, and the roles it is open to. A route missing here
 * is refused to everyone (the access guard denies by default, and a spec fails).
 */
export const routePolicy: Readonly<Record<RouteKey, RouteRule>> = {
  'GET /health': open,
  'POST /api/auth/login': open,
  'POST /api/users': only(admin),
  'GET /api/users': only(admin),
  'POST /api/users/:id/unlock': only(admin),
  'POST /api/users/:id/password-reset': only(admin),
  'POST /api/users/:id/disable': only(admin),
  'POST /api/users/:id/enable': only(admin),

  'POST /api/cases': only(['referrer'], 'referral'),
  'GET /api/cases': only(['referrer', ...coordinators], 'case-list'),
  'GET /api/cases/:id': only(['referrer', ...coordinators], 'case'),
  'GET /api/cases/:id/people': only(['referrer', ...coordinators], 'case'),
  'POST /api/cases/:id/reoffences': only(['referrer'], 'case'),
  'POST /api/cases/:id/closure': only(coordinators, 'case'),
  'POST /api/cases/:id/corrections': only(['referrer', ...coordinators], 'case'),
  'POST /api/cases/:id/reopening': only(coordinators, 'case'),

  'POST /api/cases/:id/acceptance': only(rj, 'case'),
  'POST /api/cases/:id/decline': only(rj, 'case'),
  'POST /api/cases/:id/panel': only(rj, 'case'),
  'POST /api/cases/:id/agreement': only(rj, 'case'),
  'POST /api/cases/:id/no-agreement': only(rj, 'case'),
  'POST /api/cases/:id/agreement/upheld': only(rj, 'case'),
  'POST /api/cases/:id/agreement/breached': only(rj, 'case'),
  'POST /api/cases/:id/victim-survey': only(rj, 'case'),

  'POST /api/cases/:id/booking': only(caution, 'case'),
  'DELETE /api/cases/:id/booking': only(caution, 'case'),
  'POST /api/cases/:id/fee': only(caution, 'case'),
  'POST /api/cases/:id/attendance': only(caution, 'case'),
  'POST /api/cases/:id/course-completion': only(caution, 'case'),
  'POST /api/cases/:id/breach': only(caution, 'case'),
  'POST /api/courses': only(caution),
  'GET /api/courses': only(caution),
  'GET /api/courses/:id': only(caution),

  'POST /api/cases/:id/coach': only(coaching, 'case'),
  'POST /api/cases/:id/intervention/start': only(coaching, 'case'),
  'POST /api/cases/:id/sessions': only(coaching, 'case'),
  'POST /api/cases/:id/intervention/completion': only(coaching, 'case'),
  'POST /api/cases/:id/intervention/withdrawal': only(coaching, 'case'),

  'POST /api/cases/:id/adoption': only(iom, 'case'),
  'POST /api/cases/:id/comparison': only(iom, 'case'),
  'POST /api/cases/:id/iom-exit': only(iom, 'case'),
  'POST /api/cases/:id/convictions': only(iom, 'case'),
  'POST /api/cases/:id/arrests': only(iom, 'case'),

  'POST /api/volunteers': only(volunteerCoordinators, 'volunteer'),
  'GET /api/volunteers': only(volunteerCoordinators, 'volunteer-list'),
  'GET /api/volunteers/:id': only(volunteerCoordinators, 'volunteer'),
  'POST /api/volunteers/:id/training': only(volunteerCoordinators, 'volunteer'),
  'POST /api/volunteers/:id/departure': only(volunteerCoordinators, 'volunteer'),

  'GET /api/targets': only(targetReaders, 'programme'),
  'GET /api/targets/series': only(targetReaders, 'programme'),

  'POST /api/people/:id/erasure': only(admin),
  'GET /api/people/:id/export': only(admin),
  'GET /api/audit': only(admin),
};

/** The cases a role works on: one programme's, or those its own organisation referred. */
export type CaseScope = { kind: 'programme'; programme: Programme } | { kind: 'referred-by-own-organisation' } | { kind: 'none' };

export const caseScope: Record<Role, CaseScope> = {
  referrer: { kind: 'referred-by-own-organisation' },
  'rj-coordinator': { kind: 'programme', programme: 'restorative-justice' },
  'caution-officer': { kind: 'programme', programme: 'conditional-caution' },
  'coaching-coordinator': { kind: 'programme', programme: 'community-coaching' },
  'iom-officer': { kind: 'programme', programme: 'iom' },
  commissioner: { kind: 'none' },
  admin: { kind: 'none' },
};

/** The route's rule, or undefined for a route the policy does not name (which is then refused). */
export const ruleOf = (key: string | undefined): RouteRule | undefined => (key !== undefined && Object.hasOwn(routePolicy, key) ? routePolicy[key as RouteKey] : undefined);
