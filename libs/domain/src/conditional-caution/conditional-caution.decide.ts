import { CaseAlreadyClosed } from '../cases/case.errors';
import { caseReferred, closeCase, recordReoffence, referralChecks, stepChecks } from '../cases/case-steps';
import { CaseReferred } from '../cases/case.events';
import { ReferCase } from '../cases/case.commands';
import { CourseNotFound, NotBookedOnCourse } from '../courses/course.errors';
import { CalendarDate } from '../shared/calendar-date';
import { notInFuture } from '../shared/decider';
import { CaseNotFound, DateBeforePreviousStep, UnknownCommand, WrongProgramme } from '../shared/domain-error';
import { BookCourse, CancelBooking, CompleteCourse, ConditionalCautionCommand, PayFee, RecordAttendance, RecordBreach } from './conditional-caution.commands';
import {
  AlreadyBooked,
  AttendanceDateMismatch,
  BookingAfterAttendance,
  BreachAfterCompletion,
  ConditionAlreadyBreached,
  CourseAlreadyAttended,
  CourseAlreadyCompleted,
  CourseBeforeReferral,
  CourseNotAttended,
  DeadlinePassed,
  FeeAlreadyPaid,
  FeeUnpaid,
  NoBooking,
  OffenceDateRequired,
  WrongFeeAmount,
} from './conditional-caution.errors';
import { BookingCancelled, ConditionBreached, ConditionalCautionEvent, CourseAttended, CourseBooked, CourseCompleted, FeePaid } from './conditional-caution.events';
import { ConditionalCautionCase, ReferredCaution, courseFeePence } from './conditional-caution.state';

const programme = 'conditional-caution';

export const decideConditionalCaution = (command: ConditionalCautionCommand, state: ConditionalCautionCase): ConditionalCautionEvent[] => {
  switch (command.type) {
    case 'ReferCase':
      return referCase(command, state);
    case 'BookCourse':
      return bookCourse(command, state);
    case 'CancelBooking':
      return cancelBooking(command, state);
    case 'PayFee':
      return payFee(command, state);
    case 'RecordAttendance':
      return recordAttendance(command, state);
    case 'CompleteCourse':
      return completeCourse(command, state);
    case 'RecordBreach':
      return recordBreach(command, state);
    case 'RecordReoffence':
      return recordReoffence(command, basicsOf(state));
    case 'CloseCase':
      return closeCase(command, basicsOf(state));
    default: {
      const unhandled: never = command;
      throw new UnknownCommand(unhandled);
    }
  }
};

const basicsOf = (state: ConditionalCautionCase): ReferredCaution | undefined => (state.status === 'none' ? undefined : state);

const referCase = (command: ReferCase, state: ConditionalCautionCase): CaseReferred[] => {
  const { caseId, offence } = command.data;
  if (command.data.programme !== programme) throw new WrongProgramme(caseId, command.data.programme, programme);
  referralChecks(command, basicsOf(state));
  if (!offence?.date) throw new OffenceDateRequired();
  return [caseReferred(command)];
};

const cautionCase = (state: ConditionalCautionCase, caseId: string): ReferredCaution => {
  if (state.status === 'none') throw new CaseNotFound(caseId);
  if (state.programme !== programme) throw new WrongProgramme(caseId, state.programme, programme);
  return state;
};

/** A step towards the course: only while the caution is neither breached nor completed, on an open case. */
const cautionUnderway = (state: ConditionalCautionCase, caseId: string) => {
  const caution = cautionCase(state, caseId);
  if (caution.closed) throw new CaseAlreadyClosed(caseId);
  if (caution.status === 'breached') throw new ConditionAlreadyBreached(caseId);
  if (caution.status === 'completed') throw new CourseAlreadyCompleted(caseId);
  return caution;
};

const notBefore = (field: string, date: CalendarDate, previous: CalendarDate, previousStep: string): void => {
  if (date < previous) throw new DateBeforePreviousStep(field, date, previous, previousStep);
};

const bookCourse = (command: BookCourse, state: ConditionalCautionCase): CourseBooked[] => {
  const { caseId, courseId, course } = command.data;
  const caution = cautionUnderway(state, caseId);
  if (caution.status === 'attended') throw new BookingAfterAttendance(caseId);
  if (caution.status === 'booked') throw new AlreadyBooked(caseId, caution.booking.courseId);
  if (!course.exists || course.courseId !== courseId) throw new CourseNotFound(courseId);
  if (course.date < caution.referredOn) throw new CourseBeforeReferral(course.date, caution.referredOn);
  if (course.date > caution.deadline) throw new DeadlinePassed('The course', course.date, caution.deadline, 'courseId');
  return [{ type: 'CourseBooked', data: { caseId, courseId, courseDate: course.date } }];
};

const cancelBooking = (command: CancelBooking, state: ConditionalCautionCase): BookingCancelled[] => {
  const { caseId } = command.data;
  const caution = cautionUnderway(state, caseId);
  if (caution.status === 'attended') throw new CourseAlreadyAttended(caseId);
  if (caution.status === 'referred') throw new NoBooking(caseId);
  return [{ type: 'BookingCancelled', data: { caseId, courseId: caution.booking.courseId } }];
};

const payFee = (command: PayFee, state: ConditionalCautionCase): FeePaid[] => {
  const { caseId, paidOn, amountPence, today } = command.data;
  const caution = cautionUnderway(state, caseId);
  if (caution.feePaidOn) throw new FeeAlreadyPaid(caseId, caution.feePaidOn);
  if (amountPence !== courseFeePence) throw new WrongFeeAmount(amountPence, courseFeePence);
  notInFuture('paidOn', paidOn, today);
  notBefore('paidOn', paidOn, caution.referredOn, 'the referral');
  return [{ type: 'FeePaid', data: { caseId, paidOn, amountPence } }];
};

const recordAttendance = (command: RecordAttendance, state: ConditionalCautionCase): CourseAttended[] => {
  const { caseId, courseId, attendedOn, today } = command.data;
  const caution = cautionUnderway(state, caseId);
  if (caution.status === 'attended') throw new CourseAlreadyAttended(caseId);
  if (caution.status === 'referred') throw new NoBooking(caseId);
  if (courseId !== caution.booking.courseId) throw new NotBookedOnCourse(caseId, courseId);
  if (attendedOn !== caution.booking.courseDate) throw new AttendanceDateMismatch(attendedOn, caution.booking.courseDate);
  notInFuture('attendedOn', attendedOn, today);
  return [{ type: 'CourseAttended', data: { caseId, courseId, attendedOn } }];
};

const completeCourse = (command: CompleteCourse, state: ConditionalCautionCase): CourseCompleted[] => {
  const { caseId, completedOn, today } = command.data;
  const caution = cautionUnderway(state, caseId);
  if (caution.status !== 'attended') throw new CourseNotAttended(caseId);
  if (!caution.feePaidOn) throw new FeeUnpaid(caseId);
  notInFuture('completedOn', completedOn, today);
  notBefore('completedOn', completedOn, caution.attendedOn, 'the course attendance');
  notBefore('completedOn', completedOn, caution.feePaidOn, 'the fee payment');
  if (completedOn > caution.deadline) throw new DeadlinePassed('Completion', completedOn, caution.deadline, 'completedOn');
  return [{ type: 'CourseCompleted', data: { caseId, completedOn } }];
};

const recordBreach = (command: RecordBreach, state: ConditionalCautionCase): ConditionBreached[] => {
  const { caseId, on, reason, today } = command.data;
  const caution = cautionCase(state, caseId);
  if (caution.closed) throw new CaseAlreadyClosed(caseId);
  if (caution.status === 'completed') throw new BreachAfterCompletion(caseId);
  if (caution.status === 'breached') throw new ConditionAlreadyBreached(caseId);
  stepChecks(caution, 'on', on, today);
  return [{ type: 'ConditionBreached', data: { caseId, on, reason } }];
};
