import fc from 'fast-check';
import { CourseNotFound, NotBookedOnCourse } from '../courses/course.errors';
import { addDays } from '../shared/calendar-date';
import { fold } from '../shared/decider';
import { DateInFuture } from '../shared/domain-error';
import {
  AlreadyBooked,
  AttendanceDateMismatch,
  BookingAfterAttendance,
  ConditionAlreadyBreached,
  CourseAlreadyAttended,
  CourseAlreadyCompleted,
  CourseBeforeReferral,
  DeadlinePassed,
  NoBooking,
  conditionalCautionDecider,
} from '.';
import {
  attended,
  bookCourse,
  booked,
  bookingCancelled,
  breached,
  cancelBooking,
  caseId,
  completed,
  courseDate,
  courseId,
  deadline,
  feePaid,
  otherCourseId,
  recordAttendance,
  referCase,
  referred,
  referredOn,
  scheduledCourse,
  spec,
} from './conditional-caution.fixtures';

describe('conditional caution: the course', () => {
  describe('booking', () => {
    it('books a course dated on the deadline day', () =>
      spec
        .given([referred()])
        .when(bookCourse(scheduledCourse(deadline)))
        .then([booked(deadline)]));

    it('refuses a course dated the day after the deadline', () =>
      spec
        .given([referred()])
        .when(bookCourse(scheduledCourse('2014-05-07')))
        .thenThrows(DeadlinePassed, 'deadline-passed'));

    it('books a course on the referral day and refuses one the day before', () => {
      spec
        .given([referred()])
        .when(bookCourse(scheduledCourse(referredOn)))
        .then([booked(referredOn)]);
      spec
        .given([referred()])
        .when(bookCourse(scheduledCourse('2014-02-13')))
        .thenThrows(CourseBeforeReferral, 'course-before-referral');
    });

    it('books a course planned after today, as long as it is before the deadline', () => {
      const now = '2014-03-01';
      spec
        .given([referred()])
        .when({ type: 'BookCourse', data: { caseId, courseId, course: scheduledCourse('2014-05-01'), today: now } })
        .then([booked('2014-05-01')]);
    });

    it('refuses a course that was never scheduled, as missing', () => {
      spec
        .given([referred()])
        .when(bookCourse({ exists: false }))
        .thenThrows(CourseNotFound, 'course-not-found');
      expect(new CourseNotFound(courseId).kind).toBe('not-found');
    });

    it('refuses when the facts read describe another course than the one asked for', () =>
      spec
        .given([referred()])
        .when(bookCourse(scheduledCourse(courseDate, otherCourseId)))
        .thenThrows(CourseNotFound, 'course-not-found'));

    it('refuses a second booking while one stands', () => {
      spec
        .given([referred(), booked()])
        .when(bookCourse(scheduledCourse('2014-04-20', otherCourseId), otherCourseId))
        .thenThrows(AlreadyBooked, 'already-booked');
      spec.given([referred(), booked()]).when(bookCourse()).thenThrows(AlreadyBooked, 'already-booked');
    });

    it('books another course once the first booking is cancelled', () =>
      spec
        .given([referred(), booked(), bookingCancelled()])
        .when(bookCourse(scheduledCourse('2014-04-20', otherCourseId), otherCourseId))
        .then([booked('2014-04-20', otherCourseId)]));

    it('refuses a booking after attendance', () =>
      spec.given([referred(), booked(), attended()]).when(bookCourse()).thenThrows(BookingAfterAttendance, 'booking-after-attendance'));

    it('refuses a booking after a breach or a completion', () => {
      spec.given([referred(), breached()]).when(bookCourse()).thenThrows(ConditionAlreadyBreached, 'already-breached');
      spec.given([referred(), booked(), feePaid(), attended(), completed()]).when(bookCourse()).thenThrows(CourseAlreadyCompleted, 'already-completed');
    });

    it('makes a course bookable exactly when it is dated on or before 84 days after the offence', () => {
      const dates = fc.integer({ min: 0, max: 60_000 }).map((n) => addDays('1950-01-01', n));
      fc.assert(
        fc.property(dates, fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 200 }), (offence, referralDelay, courseDelay) => {
          const referral = addDays(offence, referralDelay);
          const course = addDays(referral, courseDelay);
          const today = addDays(course, 1);
          const command = referCase({ referredOn: referral, offence: { type: 'drunk and disorderly', date: offence }, today });
          const state = fold(conditionalCautionDecider, conditionalCautionDecider.decide(command, conditionalCautionDecider.initialState()));
          const booking = { type: 'BookCourse' as const, data: { caseId, courseId, course: scheduledCourse(course), today } };
          const bookable = referralDelay + courseDelay <= 84;
          if (bookable) {
            expect(conditionalCautionDecider.decide(booking, state)).toEqual([booked(course)]);
          } else {
            expect(() => conditionalCautionDecider.decide(booking, state)).toThrow(DeadlinePassed);
          }
        }),
      );
    });
  });

  describe('cancelling', () => {
    it('cancels the standing booking', () => spec.given([referred(), booked()]).when(cancelBooking()).then([bookingCancelled()]));

    it('refuses to cancel without a booking', () => {
      spec.given([referred()]).when(cancelBooking()).thenThrows(NoBooking, 'no-booking');
      spec.given([referred(), booked(), bookingCancelled()]).when(cancelBooking()).thenThrows(NoBooking, 'no-booking');
    });

    it('refuses to cancel after attendance', () =>
      spec.given([referred(), booked(), attended()]).when(cancelBooking()).thenThrows(CourseAlreadyAttended, 'course-already-attended'));

    it('refuses to cancel after a breach', () => spec.given([referred(), booked(), breached()]).when(cancelBooking()).thenThrows(ConditionAlreadyBreached, 'already-breached'));
  });

  describe('attendance', () => {
    it('records attendance on the booked course date', () => spec.given([referred(), booked()]).when(recordAttendance()).then([attended()]));

    it('records attendance on the rebooked course', () =>
      spec
        .given([referred(), booked(), bookingCancelled(), booked('2014-04-20', otherCourseId)])
        .when(recordAttendance('2014-04-20', otherCourseId))
        .then([attended('2014-04-20', otherCourseId)]));

    it('refuses attendance without a booking', () => {
      spec.given([referred()]).when(recordAttendance()).thenThrows(NoBooking, 'no-booking');
      spec.given([referred(), booked(), bookingCancelled()]).when(recordAttendance()).thenThrows(NoBooking, 'no-booking');
    });

    it('refuses attendance at a course other than the booked one', () =>
      spec.given([referred(), booked()]).when(recordAttendance(courseDate, otherCourseId)).thenThrows(NotBookedOnCourse, 'not-booked-on-course'));

    it('refuses attendance on a day other than the course date', () => {
      spec.given([referred(), booked()]).when(recordAttendance('2014-04-11')).thenThrows(AttendanceDateMismatch, 'attendance-date-mismatch');
      spec.given([referred(), booked()]).when(recordAttendance('2014-04-09')).thenThrows(AttendanceDateMismatch, 'attendance-date-mismatch');
    });

    it('refuses attendance at a course still to come', () =>
      spec
        .given([referred(), booked()])
        .when(recordAttendance(courseDate, courseId, '2014-04-09'))
        .thenThrows(DateInFuture, 'date-in-future'));

    it('refuses a second attendance', () => spec.given([referred(), booked(), attended()]).when(recordAttendance()).thenThrows(CourseAlreadyAttended, 'course-already-attended'));

    it('refuses attendance after a breach', () => spec.given([referred(), booked(), breached()]).when(recordAttendance()).thenThrows(ConditionAlreadyBreached, 'already-breached'));
  });
});
