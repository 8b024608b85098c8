import { ReferCase } from '../cases/case.commands';
import { CaseReferred } from '../cases/case.events';
import { CalendarDate } from '../shared/calendar-date';
import { DeciderSpecification } from '../testing/decider-specification';
import { ConditionalCautionCommand, CourseFacts } from './conditional-caution.commands';
import { CautionBreachReason, ConditionalCautionEvent } from './conditional-caution.events';
import { conditionalCautionDecider } from '.';

/** A caution whose offence on 11 Feb 2014 sets the deadline at 6 May 2014, recorded late in June. */
export const caseId = '0c7d2a4e-1111-4000-8000-000000000001';
export const personId = '0c7d2a4e-2222-4000-8000-000000000002';
export const courseId = '0c7d2a4e-3333-4000-8000-000000000003';
export const otherCourseId = '0c7d2a4e-4444-4000-8000-000000000004';
export const offenceDate = '2014-02-11';
export const deadline = '2014-05-06';
export const referredOn = '2014-02-14';
export const courseDate = '2014-04-10';
export const paidOn = '2014-03-01';
export const today = '2014-06-30';

export const spec = DeciderSpecification.for(conditionalCautionDecider);

export const referCase = (data: Partial<ReferCase['data']> = {}): ConditionalCautionCommand => ({
  type: 'ReferCase',
  data: {
    caseId,
    programme: 'conditional-caution',
    referredOn,
    referrer: { organisation: 'police', reference: 'CAD 1234' },
    personId,
    offence: { type: 'drunk and disorderly', date: offenceDate },
    today,
    ...data,
  },
});

export const referred = (data: Partial<CaseReferred['data']> = {}): ConditionalCautionEvent => ({
  type: 'CaseReferred',
  data: {
    caseId,
    programme: 'conditional-caution',
    referredOn,
    referrer: { organisation: 'police', reference: 'CAD 1234' },
    personId,
    offence: { type: 'drunk and disorderly', date: offenceDate },
    ...data,
  },
});

export const scheduledCourse = (date: CalendarDate = courseDate, id = courseId): CourseFacts => ({ exists: true, courseId: id, date });

export const bookCourse = (course: CourseFacts = scheduledCourse(), id = courseId): ConditionalCautionCommand => ({
  type: 'BookCourse',
  data: { caseId, courseId: id, course, today },
});
export const booked = (date: CalendarDate = courseDate, id = courseId): ConditionalCautionEvent => ({
  type: 'CourseBooked',
  data: { caseId, courseId: id, courseDate: date },
});

export const cancelBooking = (): ConditionalCautionCommand => ({ type: 'CancelBooking', data: { caseId, today } });
export const bookingCancelled = (id = courseId): ConditionalCautionEvent => ({ type: 'BookingCancelled', data: { caseId, courseId: id } });

export const payFee = (on: CalendarDate = paidOn, amountPence = 4400): ConditionalCautionCommand => ({
  type: 'PayFee',
  data: { caseId, paidOn: on, amountPence, today },
});
export const feePaid = (on: CalendarDate = paidOn): ConditionalCautionEvent => ({ type: 'FeePaid', data: { caseId, paidOn: on, amountPence: 4400 } });

export const recordAttendance = (attendedOn: CalendarDate = courseDate, id = courseId, now = today): ConditionalCautionCommand => ({
  type: 'RecordAttendance',
  data: { caseId, courseId: id, attendedOn, today: now },
});
export const attended = (attendedOn: CalendarDate = courseDate, id = courseId): ConditionalCautionEvent => ({
  type: 'CourseAttended',
  data: { caseId, courseId: id, attendedOn },
});

export const completeCourse = (completedOn: CalendarDate = '2014-04-20', now = today): ConditionalCautionCommand => ({
  type: 'CompleteCourse',
  data: { caseId, completedOn, today: now },
});
export const completed = (completedOn: CalendarDate = '2014-04-20'): ConditionalCautionEvent => ({ type: 'CourseCompleted', data: { caseId, completedOn } });

export const recordBreach = (on: CalendarDate = '2014-05-07', reason: CautionBreachReason = 'deadline-passed', now = today): ConditionalCautionCommand => ({
  type: 'RecordBreach',
  data: { caseId, on, reason, today: now },
});
export const breached = (on: CalendarDate = '2014-05-07', reason: CautionBreachReason = 'deadline-passed'): ConditionalCautionEvent => ({
  type: 'ConditionBreached',
  data: { caseId, on, reason },
});

export const recordReoffence = (offenceDateOfReoffence: CalendarDate = '2014-09-01'): ConditionalCautionCommand => ({
  type: 'RecordReoffence',
  data: { caseId, offenceDate: offenceDateOfReoffence, reference: 'CAD 9876', today: '2014-10-01' },
});
export const reoffended = (offenceDateOfReoffence: CalendarDate = '2014-09-01'): ConditionalCautionEvent => ({
  type: 'ReoffenceRecorded',
  data: { caseId, offenceDate: offenceDateOfReoffence, reference: 'CAD 9876' },
});

export const closeCase = (closedOn: CalendarDate = '2014-06-01'): ConditionalCautionCommand => ({
  type: 'CloseCase',
  data: { caseId, closedOn, reason: 'caution finished', today },
});
export const closed = (closedOn: CalendarDate = '2014-06-01'): ConditionalCautionEvent => ({
  type: 'CaseClosed',
  data: { caseId, closedOn, reason: 'caution finished' },
});
