import { allowedSteps } from '../cases/allowed-steps';
import { caseDecider } from '../cases/case-decider';
import { fold } from '../shared/decider';
import { CommunityCoachingEvent } from './community-coaching.events';
import { CommunityCoachingStep } from './community-coaching.steps';

const caseId = '7d1e4b2c-0000-4000-8000-000000000001';
const coachId = '7d1e4b2c-0000-4000-8000-0000000000f1';
const today = '2026-11-22';

const referred: CommunityCoachingEvent = {
  type: 'CaseReferred',
  data: {
    caseId,
    programme: 'community-coaching',
    referredOn: '2026-09-01',
    referrer: { organisation: 'council' },
    personId: '7d1e4b2c-0000-4000-8000-0000000000a1',
    eligibility: { basis: 'risk-identified', indicators: ['regular truancy'] },
  },
};
const assigned: CommunityCoachingEvent = { type: 'CoachAssigned', data: { caseId, volunteerId: coachId, assignedOn: '2026-09-05' } };
const started: CommunityCoachingEvent = { type: 'InterventionStarted', data: { caseId, startedOn: '2026-09-08' } };
const session: CommunityCoachingEvent = { type: 'CoachingSessionLogged', data: { caseId, sessionOn: '2026-09-15', hours: 1.5 } };
const completed: CommunityCoachingEvent = { type: 'InterventionCompleted', data: { caseId, completedOn: '2026-11-10' } };
const withdrawn: CommunityCoachingEvent = { type: 'InterventionWithdrawn', data: { caseId, on: '2026-10-10', reason: 'moved away' } };
const closed: CommunityCoachingEvent = { type: 'CaseClosed', data: { caseId, closedOn: '2026-11-12' } };

/** The histories of the web's step spec, and the steps its case page offers for each, with the referrer's reoffence. */
const offered: [string, CommunityCoachingEvent[], CommunityCoachingStep[]][] = [
  ['referred', [referred], ['coach', 'close', 'reoffence']],
  ['coach assigned', [referred, assigned], ['start', 'close', 'reoffence']],
  ['intervention open', [referred, assigned, started], ['session', 'complete', 'withdraw', 'close', 'reoffence']],
  ['intervention open, a session logged', [referred, assigned, started, session], ['session', 'complete', 'withdraw', 'close', 'reoffence']],
  ['completed', [referred, assigned, started, session, completed], ['close', 'reoffence']],
  ['withdrawn', [referred, assigned, started, withdrawn], ['close', 'reoffence']],
  ['closed when referred', [referred, closed], ['reoffence']],
  ['closed after completion', [referred, assigned, started, completed, closed], ['reoffence']],
];

describe('the steps a coaching case allows', () => {
  it.each(offered)('allows, when %s, the steps its rules take', (_name, events, steps) => {
    expect(allowedSteps(fold(caseDecider, events), today)).toEqual(steps);
  });
});
