import { CalendarDate, CommunityCoachingStatus, ConditionalCautionCase, IomStatus, Programme, RestorativeJusticeStatus } from '@safer-cases/domain';
import { columnsOf, Stamp } from '../row-projection';

type ConditionalCautionStatus = ConditionalCautionCase['status'];

/**
 * Each programme's status words, the deciders' own. Written as records so that a status the
 * domain adds and this list misses is a compile error here.
 */
const restorativeJustice: Record<Exclude<RestorativeJusticeStatus, 'none'>, true> = {
  referred: true,
  declined: true,
  accepted: true,
  'panel-held': true,
  'no-agreement': true,
  'agreement-reached': true,
  'agreement-upheld': true,
  'agreement-breached': true,
};

const conditionalCaution: Record<Exclude<ConditionalCautionStatus, 'none'>, true> = {
  referred: true,
  booked: true,
  attended: true,
  completed: true,
  breached: true,
};

const communityCoaching: Record<Exclude<CommunityCoachingStatus, 'none'>, true> = {
  referred: true,
  'coach-assigned': true,
  'intervention-open': true,
  completed: true,
  withdrawn: true,
};

const iom: Record<Exclude<IomStatus, 'none'>, true> = {
  referred: true,
  'cohort-member': true,
  'comparison-member': true,
  left: true,
};

export type CaseStatus =
  Exclude<RestorativeJusticeStatus, 'none'> | Exclude<ConditionalCautionStatus, 'none'> | Exclude<CommunityCoachingStatus, 'none'> | Exclude<IomStatus, 'none'>;

export const caseStatusesOf: Record<Programme, readonly CaseStatus[]> = {
  'restorative-justice': Object.keys(restorativeJustice) as CaseStatus[],
  'conditional-caution': Object.keys(conditionalCaution) as CaseStatus[],
  'community-coaching': Object.keys(communityCoaching) as CaseStatus[],
  iom: Object.keys(iom) as CaseStatus[],
};

export const caseStatuses: readonly CaseStatus[] = [...new Set(Object.values(caseStatusesOf).flat())];

/**
 * One row of `case_summaries`, keyed by column name. Dates of steps a case has not taken are
 * null; `completed_on` is the course's completion (caution) or the intervention's (coaching).
 */
export type CaseSummaryRow = {
  case_id: string;
  programme: Programme;
  status: CaseStatus;
  closed: boolean;
  closed_on: CalendarDate | null;
  person_id: string;
  referrer_organisation: string;
  referrer_reference: string | null;
  referred_on: CalendarDate;
  offence_date: CalendarDate | null;
  accepted_on: CalendarDate | null;
  declined_on: CalendarDate | null;
  panel_held_on: CalendarDate | null;
  agreement_reached_on: CalendarDate | null;
  no_agreement_on: CalendarDate | null;
  agreement_upheld_on: CalendarDate | null;
  agreement_breached_on: CalendarDate | null;
  surveyed_on: CalendarDate | null;
  deadline: CalendarDate | null;
  course_id: string | null;
  course_date: CalendarDate | null;
  fee_paid_on: CalendarDate | null;
  attended_on: CalendarDate | null;
  breached_on: CalendarDate | null;
  breach_reason: string | null;
  volunteer_id: string | null;
  coach_assigned_on: CalendarDate | null;
  started_on: CalendarDate | null;
  withdrawn_on: CalendarDate | null;
  completed_on: CalendarDate | null;
  quarter_hours: number | null;
  session_count: number | null;
  /** The latest date among the intervention's standing sessions; null before the first. */
  latest_session_on: CalendarDate | null;
  reoffence_count: number;
} & Stamp;

export const caseSummaryColumns = columnsOf<CaseSummaryRow>({
  case_id: true,
  programme: true,
  status: true,
  closed: true,
  closed_on: true,
  person_id: true,
  referrer_organisation: true,
  referrer_reference: true,
  referred_on: true,
  offence_date: true,
  accepted_on: true,
  declined_on: true,
  panel_held_on: true,
  agreement_reached_on: true,
  no_agreement_on: true,
  agreement_upheld_on: true,
  agreement_breached_on: true,
  surveyed_on: true,
  deadline: true,
  course_id: true,
  course_date: true,
  fee_paid_on: true,
  attended_on: true,
  breached_on: true,
  breach_reason: true,
  volunteer_id: true,
  coach_assigned_on: true,
  started_on: true,
  withdrawn_on: true,
  completed_on: true,
  quarter_hours: true,
  session_count: true,
  latest_session_on: true,
  reoffence_count: true,
  last_event_position: true,
  updated_at: true,
});
