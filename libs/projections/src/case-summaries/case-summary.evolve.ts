import { CaseCorrectionEvent, CaseReferred, CommunityCoachingEvent, ConditionalCautionEvent, IomEvent, Programme, RestorativeJusticeEvent, deadlineOf } from '@safer-cases/domain';
import { Recorded, stampOf } from '../row-projection';
import { CaseStatus, CaseSummaryRow } from './case-summary.row';

/** Every event of a case; a strike itself only stamps the row, which the row engine folds again from what stands (`struckOut: 'refold'`). */
export type CaseSummaryEvent = RestorativeJusticeEvent | ConditionalCautionEvent | CommunityCoachingEvent | IomEvent | CaseCorrectionEvent;

const handled: Record<CaseSummaryEvent['type'], true> = {
  CaseReferred: true,
  ReoffenceRecorded: true,
  CaseClosed: true,
  EntryStruckOut: true,
  CaseReopened: true,
  ReferralAccepted: true,
  ReferralDeclined: true,
  PanelHeld: true,
  OutcomeAgreementReached: true,
  NoAgreementReached: true,
  OutcomeAgreementUpheld: true,
  OutcomeAgreementBreached: true,
  VictimSatisfactionRecorded: true,
  CourseBooked: true,
  BookingCancelled: true,
  FeePaid: true,
  CourseAttended: true,
  CourseCompleted: true,
  ConditionBreached: true,
  CoachAssigned: true,
  InterventionStarted: true,
  CoachingSessionLogged: true,
  InterventionCompleted: true,
  InterventionWithdrawn: true,
  CohortMemberAdopted: true,
  ComparisonMemberAssigned: true,
  CohortMemberLeft: true,
  ConvictionRecorded: true,
  ArrestRecorded: true,
};

export const caseSummaryEventTypes = Object.keys(handled) as CaseSummaryEvent['type'][];

type Changes = Partial<CaseSummaryRow>;

/**
 * The row moves only from the statuses its programme's decider moves from; any other event
 * leaves it as it is, as the deciders' `evolve` does.
 */
const from = (row: CaseSummaryRow, programme: Programme, statuses: readonly CaseStatus[], changes: Changes): CaseSummaryRow =>
  row.programme === programme && statuses.includes(row.status) ? { ...row, ...changes } : row;

const referred = ({ data }: CaseReferred): Omit<CaseSummaryRow, 'last_event_position' | 'updated_at'> => ({
  case_id: data.caseId,
  programme: data.programme,
  status: 'referred',
  closed: false,
  closed_on: null,
  person_id: data.personId,
  referrer_organisation: data.referrer.organisation,
  referrer_reference: data.referrer.reference ?? null,
  referred_on: data.referredOn,
  offence_date: data.offence?.date ?? null,
  accepted_on: null,
  declined_on: null,
  panel_held_on: null,
  agreement_reached_on: null,
  no_agreement_on: null,
  agreement_upheld_on: null,
  agreement_breached_on: null,
  surveyed_on: null,
  deadline: data.programme === 'conditional-caution' ? deadlineOf(data.offence?.date ?? data.referredOn) : null,
  course_id: null,
  course_date: null,
  fee_paid_on: null,
  attended_on: null,
  breached_on: null,
  breach_reason: null,
  volunteer_id: null,
  coach_assigned_on: null,
  started_on: null,
  withdrawn_on: null,
  completed_on: null,
  quarter_hours: null,
  session_count: null,
  latest_session_on: null,
  reoffence_count: 0,
});

const rj = 'restorative-justice';
const caution = 'conditional-caution';
const coaching = 'community-coaching';
const iom = 'iom';

const afterPanel: readonly CaseStatus[] = ['panel-held', 'no-agreement', 'agreement-reached', 'agreement-upheld', 'agreement-breached'];

/**
 * The effect of one case event on the case's summary row, stamped with the event; undefined
 * while the case has not been referred. Pure and total.
 */
export const evolveCaseSummary = (row: CaseSummaryRow | undefined, event: Recorded<CaseSummaryEvent>): CaseSummaryRow | undefined => {
  if (event.type === 'CaseReferred') return row ?? { ...referred(event), ...stampOf(event) };
  if (row === undefined) return undefined;
  return { ...step(row, event), ...stampOf(event) };
};

const step = (row: CaseSummaryRow, event: Exclude<CaseSummaryEvent, CaseReferred>): CaseSummaryRow => {
  switch (event.type) {
    case 'ReoffenceRecorded':
      return { ...row, reoffence_count: row.reoffence_count + 1 };
    case 'CaseClosed':
      return row.closed ? row : { ...row, closed: true, closed_on: event.data.closedOn };
    case 'CaseReopened':
      return row.closed ? { ...row, closed: false, closed_on: null } : row;
    case 'ReferralAccepted':
      return from(row, rj, ['referred'], { status: 'accepted', accepted_on: event.data.acceptedOn });
    case 'ReferralDeclined':
      return from(row, rj, ['referred'], { status: 'declined', declined_on: event.data.declinedOn });
    case 'PanelHeld':
      return from(row, rj, ['accepted'], { status: 'panel-held', panel_held_on: event.data.heldOn });
    case 'OutcomeAgreementReached':
      return from(row, rj, ['panel-held'], { status: 'agreement-reached', agreement_reached_on: event.data.reachedOn });
    case 'NoAgreementReached':
      return from(row, rj, ['panel-held'], { status: 'no-agreement', no_agreement_on: event.data.on });
    case 'OutcomeAgreementUpheld':
      return from(row, rj, ['agreement-reached'], { status: 'agreement-upheld', agreement_upheld_on: event.data.on });
    case 'OutcomeAgreementBreached':
      return from(row, rj, ['agreement-reached'], { status: 'agreement-breached', agreement_breached_on: event.data.on });
    case 'VictimSatisfactionRecorded':
      return row.surveyed_on === null ? from(row, rj, afterPanel, { surveyed_on: event.data.surveyedOn }) : row;
    case 'CourseBooked':
      return from(row, caution, ['referred'], { status: 'booked', course_id: event.data.courseId, course_date: event.data.courseDate });
    case 'BookingCancelled':
      return from(row, caution, ['booked'], { status: 'referred', course_id: null, course_date: null });
    case 'FeePaid':
      return from(row, caution, ['referred', 'booked', 'attended', 'completed', 'breached'], { fee_paid_on: event.data.paidOn });
    case 'CourseAttended':
      return from(row, caution, ['booked'], { status: 'attended', attended_on: event.data.attendedOn });
    case 'CourseCompleted':
      return from(row, caution, ['attended'], { status: 'completed', completed_on: event.data.completedOn });
    case 'ConditionBreached':
      return from(row, caution, ['referred', 'booked', 'attended'], { status: 'breached', breached_on: event.data.on, breach_reason: event.data.reason });
    case 'CoachAssigned':
      return from(row, coaching, ['referred'], { status: 'coach-assigned', volunteer_id: event.data.volunteerId, coach_assigned_on: event.data.assignedOn });
    case 'InterventionStarted':
      return from(row, coaching, ['coach-assigned'], {
        status: 'intervention-open',
        started_on: event.data.startedOn,
        quarter_hours: 0,
        session_count: 0,
        latest_session_on: null,
      });
    case 'CoachingSessionLogged':
      return from(row, coaching, ['intervention-open'], {
        quarter_hours: (row.quarter_hours ?? 0) + Math.round(event.data.hours * 4),
        session_count: (row.session_count ?? 0) + 1,
        // Sessions are often logged after the fact and out of order: the latest is the greatest date, not the last logged.
        latest_session_on: row.latest_session_on === null || event.data.sessionOn > row.latest_session_on ? event.data.sessionOn : row.latest_session_on,
      });
    case 'InterventionCompleted':
      return from(row, coaching, ['intervention-open'], { status: 'completed', completed_on: event.data.completedOn });
    case 'InterventionWithdrawn':
      return from(row, coaching, ['intervention-open'], { status: 'withdrawn', withdrawn_on: event.data.on });
    // An IOM row carries its status only: the joining and leaving dates, convictions and arrests are the IOM measures' (issue 14 part 3).
    case 'CohortMemberAdopted':
      return from(row, iom, ['referred'], { status: 'cohort-member' });
    case 'ComparisonMemberAssigned':
      return from(row, iom, ['referred'], { status: 'comparison-member' });
    case 'CohortMemberLeft':
      return from(row, iom, ['cohort-member', 'comparison-member'], { status: 'left' });
    case 'ConvictionRecorded':
    case 'ArrestRecorded':
      return row;
    default:
      return row;
  }
};
