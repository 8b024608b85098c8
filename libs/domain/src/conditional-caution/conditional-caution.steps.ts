import { closeProbe, reoffenceProbe, StepProbe } from '../cases/shared-steps';
import { CalendarDate } from '../shared/calendar-date';
import { ConditionalCautionCommand } from './conditional-caution.commands';
import { courseFeePence, ReferredCaution } from './conditional-caution.state';

/** The steps of a conditional-caution case, in the order a case page lists them; `reoffence` is the referrer's. */
export const conditionalCautionSteps = ['book', 'cancel-booking', 'fee', 'attendance', 'completion', 'breach', 'close', 'reoffence'] as const;

export type ConditionalCautionStep = (typeof conditionalCautionSteps)[number];

/** Stands for a course with free places: which courses there are is the booking's own question. */
const courseId = 'any-course-with-places';

const earlier = (a: CalendarDate, b: CalendarDate): CalendarDate => (a < b ? a : b);

export const conditionalCautionStepProbes: Record<ConditionalCautionStep, StepProbe<ReferredCaution, ConditionalCautionCommand>> = {
  /* On the deadline's own day: if any course date could be booked, that one could. */
  book: ({ caseId, deadline }, today) => ({ type: 'BookCourse', data: { caseId, courseId, course: { exists: true, courseId, date: deadline }, today } }),
  'cancel-booking': ({ caseId }, today) => ({ type: 'CancelBooking', data: { caseId, today } }),
  fee: ({ caseId }, today) => ({ type: 'PayFee', data: { caseId, paidOn: today, amountPence: courseFeePence, today } }),
  /* Attendance is on the booked course's day, so it waits for that day; with no booking the rules refuse it before reading the course. */
  attendance: (caution, today) => {
    const booking = 'booking' in caution ? caution.booking : undefined;
    return { type: 'RecordAttendance', data: { caseId: caution.caseId, courseId: booking?.courseId ?? courseId, attendedOn: booking?.courseDate ?? today, today } };
  },
  /* A completion may be recorded late, dated back to the deadline at the latest. */
  completion: ({ caseId, deadline }, today) => ({ type: 'CompleteCourse', data: { caseId, completedOn: earlier(today, deadline), today } }),
  breach: ({ caseId }, today) => ({ type: 'RecordBreach', data: { caseId, on: today, reason: 'other', today } }),
  close: closeProbe,
  reoffence: reoffenceProbe,
};
