import { Programme } from '@safer-cases/domain';
import { Role } from '../../apps/api/src/auth/actor';

/** The coordinator who works on each programme's cases, and closes them. */
export const coordinatorOf: Record<Programme, Role> = {
  'restorative-justice': 'rj-coordinator',
  'conditional-caution': 'caution-officer',
  'community-coaching': 'coaching-coordinator',
  iom: 'iom-officer',
};

const stepRoles: Record<string, Role> = {
  acceptance: 'rj-coordinator',
  decline: 'rj-coordinator',
  panel: 'rj-coordinator',
  agreement: 'rj-coordinator',
  'no-agreement': 'rj-coordinator',
  'agreement/upheld': 'rj-coordinator',
  'agreement/breached': 'rj-coordinator',
  'victim-survey': 'rj-coordinator',
  booking: 'caution-officer',
  fee: 'caution-officer',
  attendance: 'caution-officer',
  'course-completion': 'caution-officer',
  breach: 'caution-officer',
  coach: 'coaching-coordinator',
  'intervention/start': 'coaching-coordinator',
  sessions: 'coaching-coordinator',
  'intervention/completion': 'coaching-coordinator',
  'intervention/withdrawal': 'coaching-coordinator',
  adoption: 'iom-officer',
  comparison: 'iom-officer',
  'iom-exit': 'iom-officer',
  convictions: 'iom-officer',
  arrests: 'iom-officer',
  reoffences: 'referrer',
};

/** Who records a case step in real life, by its path under /api/cases/:id (a closure: `coordinatorOf`). */
export const roleForStep = (path: string): Role => {
  const role = stepRoles[path];
  if (role === undefined) throw new Error(`No single role records "${path}"; a closure is recorded by the coordinatorOf the case's programme`);
  return role;
};

/** Victim Support's volunteers are kept by its restorative-justice coordinator, Home-Start's by its coaching coordinator. */
export const keeperOf = (organisation: string): Role => (organisation === 'home-start' ? 'coaching-coordinator' : 'rj-coordinator');
