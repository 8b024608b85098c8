import { closeProbe, probeReason, reoffenceProbe, StepProbe } from '../cases/shared-steps';
import { CommunityCoachingCommand } from './community-coaching.commands';
import { ReferredCommunityCoachingCase } from './community-coaching.state';

/** The steps of a coaching case, in the order a case page lists them; `reoffence` is the referrer's. */
export const communityCoachingSteps = ['coach', 'start', 'session', 'complete', 'withdraw', 'close', 'reoffence'] as const;

export type CommunityCoachingStep = (typeof communityCoachingSteps)[number];

/**
 * Stands for a Home-Start volunteer trained by the assignment's date. A coach's room for one more
 * case is judged on the volunteer's stream, not here, so `coach` does not say that one has room.
 */
const coachId = 'any-trained-coach';

export const communityCoachingStepProbes: Record<CommunityCoachingStep, StepProbe<ReferredCommunityCoachingCase, CommunityCoachingCommand>> = {
  coach: ({ caseId }, today) => ({
    type: 'AssignCoach',
    data: { caseId, volunteerId: coachId, assignedOn: today, coach: { exists: true, organisation: 'home-start', trainedOn: today }, today },
  }),
  start: ({ caseId }, today) => ({ type: 'StartIntervention', data: { caseId, startedOn: today, today } }),
  session: ({ caseId }, today) => ({ type: 'LogCoachingSession', data: { caseId, sessionOn: today, hours: 1, today } }),
  complete: ({ caseId }, today) => ({ type: 'CompleteIntervention', data: { caseId, completedOn: today, today } }),
  withdraw: ({ caseId }, today) => ({ type: 'WithdrawIntervention', data: { caseId, on: today, reason: probeReason, today } }),
  close: closeProbe,
  reoffence: reoffenceProbe,
};
