import { DomainError } from '../shared/domain-error';

export class OffenceDateRequired extends DomainError {
  readonly code = 'offence-date-required';
  constructor() {
    super('A conditional-caution referral needs the offence and its date: the 12-week deadline runs from it', { field: 'offence.date' });
  }
}

export class DeadlinePassed extends DomainError {
  readonly code = 'deadline-passed';
  constructor(what: string, date: string, deadline: string, field: string) {
    super(`${what} on ${date} is after the caution's deadline (${deadline}, 84 days after the offence)`, { field, deadline });
  }
}

export class CourseBeforeReferral extends DomainError {
  readonly code = 'course-before-referral';
  constructor(courseDate: string, referredOn: string) {
    super(`The course on ${courseDate} is before the referral on ${referredOn}; choose a later course`, { field: 'courseId' });
  }
}

export class AlreadyBooked extends DomainError {
  readonly code = 'already-booked';
  constructor(caseId: string, courseId: string) {
    super(`Case ${caseId} is already booked on course ${courseId}; cancel that booking first`, { field: 'courseId' });
  }
}

export class NoBooking extends DomainError {
  readonly code = 'no-booking';
  constructor(caseId: string) {
    super(`Case ${caseId} is not booked on a course; book one first`);
  }
}

export class BookingAfterAttendance extends DomainError {
  readonly code = 'booking-after-attendance';
  constructor(caseId: string) {
    super(`Case ${caseId} has already attended its course; no further booking is needed`);
  }
}

export class CourseAlreadyAttended extends DomainError {
  readonly code = 'course-already-attended';
  constructor(caseId: string) {
    super(`Case ${caseId} has already attended its course; the booking can no longer change`);
  }
}

export class WrongFeeAmount extends DomainError {
  readonly code = 'fee-amount';
  constructor(amountPence: number, feePence: number) {
    super(`The course fee is exactly ${feePence} pence; ${amountPence} was given`, { field: 'amountPence' });
  }
}

export class FeeAlreadyPaid extends DomainError {
  readonly code = 'fee-already-paid';
  constructor(caseId: string, paidOn: string) {
    super(`Case ${caseId} already paid the course fee on ${paidOn}`);
  }
}

export class AttendanceDateMismatch extends DomainError {
  readonly code = 'attendance-date-mismatch';
  constructor(attendedOn: string, courseDate: string) {
    super(`Attendance on ${attendedOn} does not match the booked course's date ${courseDate}`, { field: 'attendedOn' });
  }
}

export class CourseNotAttended extends DomainError {
  readonly code = 'course-not-attended';
  constructor(caseId: string) {
    super(`Case ${caseId} has not attended a course; record attendance before completion`);
  }
}

export class FeeUnpaid extends DomainError {
  readonly code = 'fee-unpaid';
  constructor(caseId: string) {
    super(`Case ${caseId} has not paid the course fee; a caution is completed only once it is paid`);
  }
}

export class CourseAlreadyCompleted extends DomainError {
  readonly code = 'already-completed';
  constructor(caseId: string) {
    super(`Case ${caseId} has already completed its conditional caution`);
  }
}

export class ConditionAlreadyBreached extends DomainError {
  readonly code = 'already-breached';
  constructor(caseId: string) {
    super(`Case ${caseId} breached its caution and went back to the police; only a reoffence or closure may follow`);
  }
}

export class BreachAfterCompletion extends DomainError {
  readonly code = 'breach-after-completion';
  constructor(caseId: string) {
    super(`Case ${caseId} completed its conditional caution; it can no longer be breached`);
  }
}
