import { CaseBasics } from '../cases/case-steps';
import { Programme } from '../cases/case.events';
import { CalendarDate, addDays } from '../shared/calendar-date';
import { CautionBreachReason, ConditionalCautionEvent } from './conditional-caution.events';

export const courseFeePence = 4400;
export const cautionDeadlineDays = 84;

/** The course must be completed within 12 weeks of the offence. */
export const deadlineOf = (offenceDate: CalendarDate): CalendarDate => addDays(offenceDate, cautionDeadlineDays);

export type CourseBooking = { courseId: string; courseDate: CalendarDate };

type CautionBasics = CaseBasics & {
  /** Kept so that a step sent to the wrong programme's case is refused rather than misread. */
  programme: Programme;
  personId: string;
  deadline: CalendarDate;
  feePaidOn?: CalendarDate;
};

export type ConditionalCautionCase =
  | { status: 'none' }
  | (CautionBasics & { status: 'referred' })
  | (CautionBasics & { status: 'booked'; booking: CourseBooking })
  | (CautionBasics & { status: 'attended'; booking: CourseBooking; attendedOn: CalendarDate })
  | (CautionBasics & { status: 'completed'; booking: CourseBooking; attendedOn: CalendarDate; completedOn: CalendarDate })
  | (CautionBasics & { status: 'breached'; booking?: CourseBooking; attendedOn?: CalendarDate; breachedOn: CalendarDate; breachReason: CautionBreachReason });

export type ReferredCaution = Exclude<ConditionalCautionCase, { status: 'none' }>;

export const initialConditionalCautionState = (): ConditionalCautionCase => ({ status: 'none' });

const later = (a: CalendarDate, b: CalendarDate): CalendarDate => (a > b ? a : b);

export const evolveConditionalCaution = (state: ConditionalCautionCase, event: ConditionalCautionEvent): ConditionalCautionCase => {
  if (event.type === 'CaseReferred') {
    if (state.status !== 'none') return state;
    const { caseId, programme, referredOn, personId, offence } = event.data;
    const deadline = deadlineOf(offence?.date ?? referredOn);
    return { status: 'referred', caseId, programme, referredOn, lastStepOn: referredOn, closed: false, personId, deadline };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'CourseBooked': {
      if (state.status !== 'referred') return state;
      const { courseId, courseDate } = event.data;
      return { ...state, status: 'booked', booking: { courseId, courseDate } };
    }
    case 'BookingCancelled': {
      if (state.status !== 'booked') return state;
      const { booking: _cancelled, ...rest } = state;
      return { ...rest, status: 'referred' };
    }
    case 'FeePaid':
      return { ...state, feePaidOn: event.data.paidOn, lastStepOn: later(state.lastStepOn, event.data.paidOn) };
    case 'CourseAttended':
      if (state.status !== 'booked') return state;
      return { ...state, status: 'attended', attendedOn: event.data.attendedOn, lastStepOn: later(state.lastStepOn, event.data.attendedOn) };
    case 'CourseCompleted':
      if (state.status !== 'attended') return state;
      return { ...state, status: 'completed', completedOn: event.data.completedOn, lastStepOn: later(state.lastStepOn, event.data.completedOn) };
    case 'ConditionBreached':
      if (state.status === 'completed' || state.status === 'breached') return state;
      return { ...state, status: 'breached', breachedOn: event.data.on, breachReason: event.data.reason, lastStepOn: later(state.lastStepOn, event.data.on) };
    case 'CaseClosed':
      return { ...state, closed: true, lastStepOn: later(state.lastStepOn, event.data.closedOn) };
    case 'ReoffenceRecorded':
    default:
      return state;
  }
};

export const isConditionalCautionCompleted = (state: ConditionalCautionCase): boolean => state.status === 'completed';

export const personIdOf = (state: ConditionalCautionCase): string | undefined => (state.status === 'none' ? undefined : state.personId);
