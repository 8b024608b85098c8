import {
  CalendarDate,
  CaseCommand,
  ReopenCase,
  StrikeOutEntry,
  caseDecider,
  CaseEvent,
  CaseState,
  courseDecider,
  courseStreamId,
  entryAt,
  Event,
  fold,
  volunteerDecider,
  VolunteerEvent,
  volunteerStreamId,
  CourseEvent,
} from '@safer-cases/domain';
import { RouteKey } from '../auth/policy';
import { TwoStreamStep } from './case-writer';

/**
 * Who may strike an entry: whoever may record that kind of step, so the policy is asked for the
 * route that records it. Entries no one may strike (the referral, strikes) name the corrections
 * route itself, and the rules then refuse them.
 */
export const recordedThrough: Record<CaseEvent['type'], RouteKey> = {
  CaseReferred: 'POST /api/cases/:id/corrections',
  EntryStruckOut: 'POST /api/cases/:id/corrections',
  CaseReopened: 'POST /api/cases/:id/reopening',
  ReoffenceRecorded: 'POST /api/cases/:id/reoffences',
  CaseClosed: 'POST /api/cases/:id/closure',
  ReferralAccepted: 'POST /api/cases/:id/acceptance',
  ReferralDeclined: 'POST /api/cases/:id/decline',
  PanelHeld: 'POST /api/cases/:id/panel',
  OutcomeAgreementReached: 'POST /api/cases/:id/agreement',
  NoAgreementReached: 'POST /api/cases/:id/no-agreement',
  OutcomeAgreementUpheld: 'POST /api/cases/:id/agreement/upheld',
  OutcomeAgreementBreached: 'POST /api/cases/:id/agreement/breached',
  VictimSatisfactionRecorded: 'POST /api/cases/:id/victim-survey',
  CourseBooked: 'POST /api/cases/:id/booking',
  BookingCancelled: 'DELETE /api/cases/:id/booking',
  FeePaid: 'POST /api/cases/:id/fee',
  CourseAttended: 'POST /api/cases/:id/attendance',
  CourseCompleted: 'POST /api/cases/:id/course-completion',
  ConditionBreached: 'POST /api/cases/:id/breach',
  CoachAssigned: 'POST /api/cases/:id/coach',
  InterventionStarted: 'POST /api/cases/:id/intervention/start',
  CoachingSessionLogged: 'POST /api/cases/:id/sessions',
  InterventionCompleted: 'POST /api/cases/:id/intervention/completion',
  InterventionWithdrawn: 'POST /api/cases/:id/intervention/withdrawal',
  CohortMemberAdopted: 'POST /api/cases/:id/adoption',
  ComparisonMemberAssigned: 'POST /api/cases/:id/comparison',
  CohortMemberLeft: 'POST /api/cases/:id/iom-exit',
  ConvictionRecorded: 'POST /api/cases/:id/convictions',
  ArrestRecorded: 'POST /api/cases/:id/arrests',
};

/** The route whose role may strike the entry at `revision`, or undefined when the case holds no such entry (the rules then answer 404). */
export const strikeRouteOf = (state: CaseState, revision: number): RouteKey | undefined => {
  const entry = entryAt(state, revision);
  return entry === undefined ? undefined : recordedThrough[entry.event.type];
};

/** What a case holds on another stream: a course place (a caution's booking) or a coach (an assigned coach whose work is not over). */
type Held = { course?: string; coach?: string };

const heldBy = (state: CaseState): Held => {
  if (state.programme === 'conditional-caution') return { course: 'booking' in state.state ? state.state.booking?.courseId : undefined };
  if (state.programme === 'community-coaching') {
    const coaching = state.state;
    const working = !coaching.closed && (coaching.status === 'coach-assigned' || coaching.status === 'intervention-open');
    return { coach: working && 'volunteerId' in coaching ? coaching.volunteerId : undefined };
  }
  return {};
};

const after = (command: CaseCommand, state: CaseState): CaseState => caseDecider.decide(command, state).reduce(caseDecider.evolve, state);

/**
 * A correction or a reopening as a two-stream step: when striking an entry or reopening the case
 * changes what the case holds elsewhere, the other stream is put right in the same write. A
 * struck booking gives its course place back and a struck cancellation takes it again (refused,
 * with nothing written, if the course has filled since); a struck assignment frees the coach, and
 * a struck completion, withdrawal or closure, or a reopening, gives the case back to its coach
 * (refused if the coach can no longer take it), from the day the coach was freed.
 */
export const correction = (command: StrikeOutEntry | ReopenCase, today: CalendarDate): TwoStreamStep => {
  const change = (state: CaseState): { before: Held; after: Held } => ({ before: heldBy(state), after: heldBy(after(command, state)) });
  return {
    caseId: command.data.caseId,
    command: () => command,
    other: (state) => {
      const { before, after: next } = change(state);
      if (before.course !== next.course) return courseStreamId((before.course ?? next.course) as string);
      if (before.coach !== next.coach) return volunteerStreamId((before.coach ?? next.coach) as string);
      return undefined;
    },
    onOther: (events: Event[], state) => {
      const { before, after: next } = change(state);
      const caseId = command.data.caseId;
      if (before.course !== undefined && next.course === undefined) {
        const courseId = before.course;
        return courseDecider.decide({ type: 'CancelCoursePlace', data: { courseId, caseId, today } }, fold(courseDecider, events as CourseEvent[]));
      }
      if (next.course !== undefined && before.course === undefined) {
        const courseId = next.course;
        return courseDecider.decide({ type: 'BookCoursePlace', data: { courseId, caseId, today } }, fold(courseDecider, events as CourseEvent[]));
      }
      const coach = fold(volunteerDecider, events as VolunteerEvent[]);
      const spell = coach.status === 'none' ? undefined : coach.coachingSpells.filter((taken) => taken.caseId === caseId).at(-1);
      if (before.coach !== undefined && next.coach === undefined) {
        // A struck assignment: the coach never had the case, so the spell ends the day it began.
        return volunteerDecider.decide({ type: 'ReleaseCoachingCase', data: { volunteerId: before.coach, caseId, releasedOn: spell?.takenOn ?? today, today } }, coach);
      }
      if (next.coach !== undefined && before.coach === undefined) {
        // A reopened case is the coach's again from the reopening; a struck ending, from the day it freed the coach.
        const takenOn = command.type === 'ReopenCase' ? command.data.on : (spell?.releasedOn ?? today);
        return volunteerDecider.decide({ type: 'TakeCoachingCase', data: { volunteerId: next.coach, caseId, takenOn, today } }, coach);
      }
      return [];
    },
  };
};
