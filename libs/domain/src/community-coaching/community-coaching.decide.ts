import { CloseCase, ReferCase } from '../cases/case.commands';
import { caseReferred, closeCase, existingCaseOf, openCaseOf, recordReoffence, referralChecks, stepChecks } from '../cases/case-steps';
import { notInFuture } from '../shared/decider';
import { UnknownCommand, WrongProgramme } from '../shared/domain-error';
import { checkCoachOn } from '../volunteers/volunteer.coach';
import { AssignCoach, CommunityCoachingCommand, CompleteIntervention, LogCoachingSession, StartIntervention, WithdrawIntervention } from './community-coaching.commands';
import { checkEligibility } from './community-coaching.eligibility';
import {
  CoachAlreadyAssigned,
  CoachNotFound,
  InterventionAlreadyStarted,
  InterventionBeforeCoach,
  InterventionNotOpen,
  SessionBeforeStart,
  SessionHours,
} from './community-coaching.errors';
import { CommunityCoachingEvent } from './community-coaching.events';
import { CommunityCoachingCase, OpenIntervention, ReferredCommunityCoachingCase, latestDateOf, sessionQuarterHours } from './community-coaching.state';

const programme = 'community-coaching';

export const decideCommunityCoaching = (command: CommunityCoachingCommand, state: CommunityCoachingCase): CommunityCoachingEvent[] => {
  switch (command.type) {
    case 'ReferCase':
      return referCase(command, state);
    case 'AssignCoach':
      return assignCoach(command, state);
    case 'StartIntervention':
      return startIntervention(command, state);
    case 'LogCoachingSession':
      return logCoachingSession(command, state);
    case 'CompleteIntervention':
      return completeIntervention(command, state);
    case 'WithdrawIntervention':
      return withdrawIntervention(command, state);
    case 'RecordReoffence':
      return recordReoffence(command, existingCase(state, command.data.caseId));
    case 'CloseCase':
      return close(command, state);
    default: {
      const unhandled: never = command;
      throw new UnknownCommand(unhandled);
    }
  }
};

const existingCase = (state: CommunityCoachingCase, caseId: string): ReferredCommunityCoachingCase => existingCaseOf(state, caseId, programme);

const openCase = (state: CommunityCoachingCase, caseId: string): ReferredCommunityCoachingCase => openCaseOf(state, caseId, programme);

const openIntervention = (state: CommunityCoachingCase, caseId: string): OpenIntervention => {
  const current = openCase(state, caseId);
  if (current.status !== 'intervention-open') throw new InterventionNotOpen(caseId, current.status);
  return current;
};

const referCase = (command: ReferCase, state: CommunityCoachingCase): CommunityCoachingEvent[] => {
  const { caseId, programme: requested } = command.data;
  if (requested !== programme) throw new WrongProgramme(caseId, requested, programme);
  referralChecks(command, state.status === 'none' ? undefined : state);
  checkEligibility(command);
  return [caseReferred(command)];
};

const assignCoach = (command: AssignCoach, state: CommunityCoachingCase): CommunityCoachingEvent[] => {
  const { caseId, volunteerId, assignedOn, coach, today } = command.data;
  const current = openCase(state, caseId);
  if (current.status !== 'referred') throw new CoachAlreadyAssigned(caseId, current.volunteerId);
  stepChecks(current, 'assignedOn', assignedOn, today, 'the referral');
  if (!coach.exists) throw new CoachNotFound(volunteerId);
  checkCoachOn(volunteerId, coach, assignedOn);
  return [{ type: 'CoachAssigned', data: { caseId, volunteerId, assignedOn } }];
};

const startIntervention = (command: StartIntervention, state: CommunityCoachingCase): CommunityCoachingEvent[] => {
  const { caseId, startedOn, today } = command.data;
  const current = openCase(state, caseId);
  if (current.status === 'referred') throw new InterventionBeforeCoach(caseId);
  if (current.status !== 'coach-assigned') throw new InterventionAlreadyStarted(caseId, current.startedOn);
  stepChecks(current, 'startedOn', startedOn, today, 'the coach assignment');
  return [{ type: 'InterventionStarted', data: { caseId, startedOn } }];
};

/** Sessions follow the start, not each other: a coordinator may log last week's after yesterday's. */
const logCoachingSession = (command: LogCoachingSession, state: CommunityCoachingCase): CommunityCoachingEvent[] => {
  const { caseId, sessionOn, hours, today } = command.data;
  const current = openIntervention(state, caseId);
  notInFuture('sessionOn', sessionOn, today);
  if (sessionOn < current.startedOn) throw new SessionBeforeStart(sessionOn, current.startedOn);
  if (sessionQuarterHours(hours) === undefined) throw new SessionHours(hours);
  return [{ type: 'CoachingSessionLogged', data: { caseId, sessionOn, hours } }];
};

const endingChecks = (current: OpenIntervention, field: string, on: string, today: string): void =>
  stepChecks({ ...current, lastStepOn: latestDateOf(current) }, field, on, today, 'the start of the intervention and its latest session');

const completeIntervention = (command: CompleteIntervention, state: CommunityCoachingCase): CommunityCoachingEvent[] => {
  const { caseId, completedOn, today } = command.data;
  endingChecks(openIntervention(state, caseId), 'completedOn', completedOn, today);
  return [{ type: 'InterventionCompleted', data: { caseId, completedOn } }];
};

const withdrawIntervention = (command: WithdrawIntervention, state: CommunityCoachingCase): CommunityCoachingEvent[] => {
  const { caseId, on, reason, today } = command.data;
  endingChecks(openIntervention(state, caseId), 'on', on, today);
  return [{ type: 'InterventionWithdrawn', data: { caseId, on, reason } }];
};

/** A case still in its intervention closes no earlier than its latest session. */
const close = (command: CloseCase, state: CommunityCoachingCase): CommunityCoachingEvent[] => {
  const current = existingCase(state, command.data.caseId);
  return closeCase(command, { ...current, lastStepOn: latestDateOf(current) });
};
