import { ReferCase } from '../cases/case.commands';
import { CalendarDate } from '../shared/calendar-date';
import { DeciderSpecification } from '../testing/decider-specification';
import { CoachFacts } from '../volunteers/volunteer.coach';
import { CommunityCoachingCommand } from './community-coaching.commands';
import { CommunityCoachingEvent } from './community-coaching.events';
import { communityCoachingDecider } from '.';

/** One coaching case's story on known dates, for the community-coaching specs. */
export const caseId = '3c5f8a2e-0000-4000-8000-000000000001';
export const personId = '3c5f8a2e-0000-4000-8000-0000000000a1';
export const otherPersonId = '3c5f8a2e-0000-4000-8000-0000000000a2';
export const linkedCaseId = '3c5f8a2e-0000-4000-8000-0000000000c1';
export const coachId = '3c5f8a2e-0000-4000-8000-0000000000f1';
export const today = '2014-12-01';

export const on = {
  referred: '2014-03-03',
  assigned: '2014-03-10',
  started: '2014-03-17',
  firstSession: '2014-03-24',
  secondSession: '2014-04-07',
  completed: '2014-05-26',
  closed: '2014-06-02',
};

export const spec = DeciderSpecification.for(communityCoachingDecider);

export const referred: CommunityCoachingEvent = {
  type: 'CaseReferred',
  data: {
    caseId,
    programme: 'community-coaching',
    referredOn: on.referred,
    referrer: { organisation: 'council', reference: 'EWS 118' },
    personId,
    eligibility: { basis: 'risk-identified', indicators: ['regular truancy', 'school suspension'] },
  },
};
export const referredElsewhere: CommunityCoachingEvent = {
  type: 'CaseReferred',
  data: { caseId, programme: 'restorative-justice', referredOn: on.referred, referrer: { organisation: 'police' }, personId },
};
export const coachAssigned: CommunityCoachingEvent = { type: 'CoachAssigned', data: { caseId, volunteerId: coachId, assignedOn: on.assigned } };
export const interventionStarted: CommunityCoachingEvent = { type: 'InterventionStarted', data: { caseId, startedOn: on.started } };
export const sessionLogged = (sessionOn: CalendarDate, hours: number): CommunityCoachingEvent => ({ type: 'CoachingSessionLogged', data: { caseId, sessionOn, hours } });
export const interventionCompleted: CommunityCoachingEvent = { type: 'InterventionCompleted', data: { caseId, completedOn: on.completed } };
export const interventionWithdrawn: CommunityCoachingEvent = { type: 'InterventionWithdrawn', data: { caseId, on: on.completed, reason: 'moved out of Barnet' } };
export const closed = (closedOn = on.closed): CommunityCoachingEvent => ({ type: 'CaseClosed', data: { caseId, closedOn } });

/** Referred, coached, and the intervention under way. */
export const open: CommunityCoachingEvent[] = [referred, coachAssigned, interventionStarted];

export const trainedCoach: CoachFacts = { exists: true, organisation: 'home-start', trainedOn: '2014-01-20' };

export const refer = (data: Partial<ReferCase['data']> = {}): CommunityCoachingCommand => ({
  type: 'ReferCase',
  data: {
    caseId,
    programme: 'community-coaching',
    referredOn: on.referred,
    referrer: { organisation: 'council', reference: 'EWS 118' },
    personId,
    eligibility: { basis: 'risk-identified', indicators: ['regular truancy', 'school suspension'] },
    today,
    ...data,
  },
});
export const assignCoach = (data: { assignedOn?: CalendarDate; coach?: CoachFacts } = {}): CommunityCoachingCommand => ({
  type: 'AssignCoach',
  data: { caseId, volunteerId: coachId, assignedOn: on.assigned, coach: trainedCoach, today, ...data },
});
export const startIntervention = (startedOn = on.started): CommunityCoachingCommand => ({ type: 'StartIntervention', data: { caseId, startedOn, today } });
export const logSession = (sessionOn: CalendarDate, hours: number): CommunityCoachingCommand => ({
  type: 'LogCoachingSession',
  data: { caseId, sessionOn, hours, today },
});
export const completeIntervention = (completedOn = on.completed): CommunityCoachingCommand => ({
  type: 'CompleteIntervention',
  data: { caseId, completedOn, today },
});
export const withdrawIntervention = (withdrawnOn = on.completed): CommunityCoachingCommand => ({
  type: 'WithdrawIntervention',
  data: { caseId, on: withdrawnOn, reason: 'moved out of Barnet', today },
});
export const recordReoffence = (offenceDate: CalendarDate): CommunityCoachingCommand => ({
  type: 'RecordReoffence',
  data: { caseId, offenceDate, reference: 'CRIS 7781', today },
});
export const closeCase = (closedOn = on.closed): CommunityCoachingCommand => ({ type: 'CloseCase', data: { caseId, closedOn, today } });
