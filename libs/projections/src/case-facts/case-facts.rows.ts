import {
  CalendarDate,
  CaseReferred,
  CoachingSessionLogged,
  CourseAttended,
  CourseCompleted,
  InterventionCompleted,
  InterventionStarted,
  OutcomeAgreementReached,
  OutcomeAgreementUpheld,
  PanelHeld,
  VictimSatisfactionRecorded,
  VolunteerLeft,
  VolunteerRecruited,
  VolunteerTrained,
} from '@safer-cases/domain';

/** A row of `case_facts`, keyed as the table's columns so it goes to and from SQL as JSON unchanged. */
export type CaseFactsRow = {
  case_id: string;
  programme: string | null;
  referred_on: CalendarDate | null;
  panel_held_on: CalendarDate | null;
  agreement_reached_on: CalendarDate | null;
  agreement_upheld_on: CalendarDate | null;
  surveyed_on: CalendarDate | null;
  satisfied: boolean | null;
  course_id: string | null;
  course_attended_on: CalendarDate | null;
  course_completed_on: CalendarDate | null;
  intervention_started_on: CalendarDate | null;
  intervention_completed_on: CalendarDate | null;
  support_quarter_hours: number;
};

export type ReoffenceFactsRow = { case_id: string; offence_date: CalendarDate };

export type VolunteerFactsRow = {
  volunteer_id: string;
  organisation: string | null;
  trained_on: CalendarDate | null;
  left_on: CalendarDate | null;
};

export type CaseFactsEvent =
  | CaseReferred
  | PanelHeld
  | OutcomeAgreementReached
  | OutcomeAgreementUpheld
  | VictimSatisfactionRecorded
  | CourseAttended
  | CourseCompleted
  | InterventionStarted
  | CoachingSessionLogged
  | InterventionCompleted;

export type VolunteerFactsEvent = VolunteerRecruited | VolunteerTrained | VolunteerLeft;

export const caseFactsEventTypes: readonly CaseFactsEvent['type'][] = [
  'CaseReferred',
  'PanelHeld',
  'OutcomeAgreementReached',
  'OutcomeAgreementUpheld',
  'VictimSatisfactionRecorded',
  'CourseAttended',
  'CourseCompleted',
  'InterventionStarted',
  'CoachingSessionLogged',
  'InterventionCompleted',
];

export const volunteerFactsEventTypes: readonly VolunteerFactsEvent['type'][] = ['VolunteerRecruited', 'VolunteerTrained', 'VolunteerLeft'];

export const emptyCaseFacts = (caseId: string): CaseFactsRow => ({
  case_id: caseId,
  programme: null,
  referred_on: null,
  panel_held_on: null,
  agreement_reached_on: null,
  agreement_upheld_on: null,
  surveyed_on: null,
  satisfied: null,
  course_id: null,
  course_attended_on: null,
  course_completed_on: null,
  intervention_started_on: null,
  intervention_completed_on: null,
  support_quarter_hours: 0,
});

export const emptyVolunteerFacts = (volunteerId: string): VolunteerFactsRow => ({
  volunteer_id: volunteerId,
  organisation: null,
  trained_on: null,
  left_on: null,
});

/** Only the dates the targets count are kept; a step's own business date, never when it was recorded. */
export const evolveCaseFacts = (row: CaseFactsRow, event: CaseFactsEvent): CaseFactsRow => {
  switch (event.type) {
    case 'CaseReferred':
      return { ...row, programme: event.data.programme, referred_on: event.data.referredOn };
    case 'PanelHeld':
      return { ...row, panel_held_on: event.data.heldOn };
    case 'OutcomeAgreementReached':
      return { ...row, agreement_reached_on: event.data.reachedOn };
    case 'OutcomeAgreementUpheld':
      return { ...row, agreement_upheld_on: event.data.on };
    case 'VictimSatisfactionRecorded':
      return { ...row, surveyed_on: event.data.surveyedOn, satisfied: event.data.satisfied };
    case 'CourseAttended':
      return { ...row, course_id: event.data.courseId, course_attended_on: event.data.attendedOn };
    case 'CourseCompleted':
      return { ...row, course_completed_on: event.data.completedOn };
    case 'InterventionStarted':
      return { ...row, intervention_started_on: event.data.startedOn };
    case 'CoachingSessionLogged':
      return { ...row, support_quarter_hours: row.support_quarter_hours + Math.round(event.data.hours * 4) };
    case 'InterventionCompleted':
      return { ...row, intervention_completed_on: event.data.completedOn };
    default:
      return row;
  }
};

export const evolveVolunteerFacts = (row: VolunteerFactsRow, event: VolunteerFactsEvent): VolunteerFactsRow => {
  switch (event.type) {
    case 'VolunteerRecruited':
      return { ...row, organisation: event.data.organisation };
    case 'VolunteerTrained':
      return { ...row, trained_on: event.data.trainedOn };
    case 'VolunteerLeft':
      return { ...row, left_on: event.data.leftOn };
    default:
      return row;
  }
};
