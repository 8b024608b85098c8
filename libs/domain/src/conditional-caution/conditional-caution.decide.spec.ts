import { CaseAlreadyClosed, OffenceAfterReferral, ReoffenceBeforeReferral } from '../cases/case.errors';
import { fold } from '../shared/decider';
import { CaseAlreadyExists, CaseNotFound, DateBeforePreviousStep, DateInFuture, WrongProgramme } from '../shared/domain-error';
import { OffenceDateRequired, conditionalCautionDecider, deadlineOf, isConditionalCautionCompleted, personIdOf } from '.';
import {
  attended,
  bookCourse,
  booked,
  bookingCancelled,
  breached,
  cancelBooking,
  caseId,
  closeCase,
  closed,
  completeCourse,
  completed,
  courseId,
  deadline,
  feePaid,
  offenceDate,
  payFee,
  personId,
  recordAttendance,
  recordBreach,
  recordReoffence,
  referCase,
  referred,
  referredOn,
  reoffended,
  spec,
} from './conditional-caution.fixtures';

describe('conditional caution', () => {
  describe('referral', () => {
    it('refers a case with the offence that starts the 12-week clock', () => spec.given([]).when(referCase()).then([referred()]));

    it('refuses a referral without an offence', () =>
      spec
        .given([])
        .when(referCase({ offence: undefined }))
        .thenThrows(OffenceDateRequired, 'offence-date-required'));

    it('refuses a referral for another programme', () =>
      spec
        .given([])
        .when(referCase({ programme: 'restorative-justice' }))
        .thenThrows(WrongProgramme, 'wrong-programme'));

    it('refuses a case id already used', () => spec.given([referred()]).when(referCase()).thenThrows(CaseAlreadyExists, 'case-already-exists'));

    it('refuses a referral dated after today', () =>
      spec
        .given([])
        .when(referCase({ referredOn: '2014-07-01' }))
        .thenThrows(DateInFuture, 'date-in-future'));

    it('refuses an offence dated after the referral', () =>
      spec
        .given([])
        .when(referCase({ offence: { type: 'drunk and disorderly', date: '2014-02-15' } }))
        .thenThrows(OffenceAfterReferral, 'offence-after-referral'));
  });

  describe('the whole course, step by step', () => {
    it('books, takes the fee, records attendance and completes', () => {
      spec
        .given([referred()])
        .when(bookCourse())
        .then([{ type: 'CourseBooked', data: { caseId, courseId: courseId, courseDate: '2014-04-10' } }]);
      spec
        .given([referred(), booked()])
        .when(payFee())
        .then([{ type: 'FeePaid', data: { caseId, paidOn: '2014-03-01', amountPence: 4400 } }]);
      spec
        .given([referred(), booked(), feePaid()])
        .when(recordAttendance())
        .then([{ type: 'CourseAttended', data: { caseId, courseId: courseId, attendedOn: '2014-04-10' } }]);
      spec
        .given([referred(), booked(), feePaid(), attended()])
        .when(completeCourse())
        .then([{ type: 'CourseCompleted', data: { caseId, completedOn: '2014-04-20' } }]);
      spec
        .given([referred(), booked(), feePaid(), attended(), completed()])
        .when(closeCase())
        .then([{ type: 'CaseClosed', data: { caseId, closedOn: '2014-06-01', reason: 'caution finished' } }]);
    });

    it('folds the history into a completed caution of the referred person', () => {
      const state = fold(conditionalCautionDecider, [referred(), booked(), feePaid(), attended(), completed()]);
      expect(state).toMatchObject({ status: 'completed', caseId, personId, referredOn, deadline, feePaidOn: '2014-03-01', attendedOn: '2014-04-10', completedOn: '2014-04-20' });
      expect(isConditionalCautionCompleted(state)).toBe(true);
      expect(personIdOf(state)).toBe(personId);
    });

    it('does not count an attended, breached or unreferred caution as completed', () => {
      expect(isConditionalCautionCompleted(fold(conditionalCautionDecider, [referred(), booked(), feePaid(), attended()]))).toBe(false);
      expect(isConditionalCautionCompleted(fold(conditionalCautionDecider, [referred(), booked(), breached()]))).toBe(false);
      expect(isConditionalCautionCompleted(fold(conditionalCautionDecider, []))).toBe(false);
      expect(personIdOf(fold(conditionalCautionDecider, []))).toBeUndefined();
    });
  });

  it('sets the deadline 84 days after the offence', () => {
    expect(deadlineOf(offenceDate)).toBe(deadline);
    expect(deadlineOf('2015-12-20')).toBe('2016-03-13');
  });

  describe('a case that does not exist', () => {
    it.each([
      ['a booking', bookCourse()],
      ['a cancellation', cancelBooking()],
      ['a fee', payFee()],
      ['an attendance', recordAttendance()],
      ['a completion', completeCourse()],
      ['a breach', recordBreach()],
      ['a reoffence', recordReoffence()],
      ['a closure', closeCase()],
    ])('refuses %s', (_step, command) => spec.given([]).when(command).thenThrows(CaseNotFound, 'case-not-found'));
  });

  describe('a case of another programme', () => {
    const rjCase = referred({ programme: 'restorative-justice', offence: undefined });

    it.each([
      ['a booking', bookCourse()],
      ['a cancellation', cancelBooking()],
      ['a fee', payFee()],
      ['an attendance', recordAttendance()],
      ['a completion', completeCourse()],
      ['a breach', recordBreach()],
    ])('refuses %s', (_step, command) => spec.given([rjCase]).when(command).thenThrows(WrongProgramme, 'wrong-programme'));
  });

  describe('a closed case', () => {
    const history = [referred(), booked(), feePaid(), attended(), closed('2014-04-12')];

    it.each([
      ['a booking', bookCourse()],
      ['a cancellation', cancelBooking()],
      ['a fee', payFee()],
      ['an attendance', recordAttendance()],
      ['a completion', completeCourse()],
      ['a breach', recordBreach()],
      ['a second closure', closeCase()],
    ])('refuses %s', (_step, command) => spec.given(history).when(command).thenThrows(CaseAlreadyClosed, 'case-closed'));

    it('answers a breach of a completed, closed case with the closure', () =>
      spec.given([referred(), booked(), feePaid(), attended(), completed(), closed()]).when(recordBreach()).thenThrows(CaseAlreadyClosed, 'case-closed'));

    it('still accepts a reoffence found months later', () =>
      spec.given([referred(), booked(), feePaid(), attended(), completed(), closed()]).when(recordReoffence()).then([reoffended()]));
  });

  describe('reoffence and closure', () => {
    it('records a reoffence after a breach', () => spec.given([referred(), breached()]).when(recordReoffence()).then([reoffended()]));

    it('refuses a reoffence dated before the referral', () =>
      spec.given([referred()]).when(recordReoffence('2014-02-13')).thenThrows(ReoffenceBeforeReferral, 'reoffence-before-referral'));

    it('closes a breached case', () =>
      spec
        .given([referred(), breached()])
        .when(closeCase('2014-05-07'))
        .then([closed('2014-05-07')]));

    it('refuses a closure dated before the latest step', () =>
      spec.given([referred(), booked(), feePaid(), attended(), completed()]).when(closeCase('2014-04-19')).thenThrows(DateBeforePreviousStep, 'date-before-previous-step'));

    it('ignores, rather than fails on, events that cannot follow the history', () => {
      const bookedCase = fold(conditionalCautionDecider, [referred(), booked()]);
      expect(fold(conditionalCautionDecider, [referred(), booked(), referred({ personId: 'someone-else' }), booked('2014-04-20')])).toEqual(bookedCase);
      expect(fold(conditionalCautionDecider, [feePaid(), attended()])).toEqual({ status: 'none' });
      expect(fold(conditionalCautionDecider, [referred(), attended(), completed()])).toMatchObject({ status: 'referred' });
      expect(fold(conditionalCautionDecider, [referred(), booked(), attended(), bookingCancelled()])).toMatchObject({ status: 'attended', booking: { courseId } });
      expect(fold(conditionalCautionDecider, [referred(), booked(), breached(), completed(), breached('2014-05-08')])).toMatchObject({
        status: 'breached',
        breachedOn: '2014-05-07',
      });
    });

    it('lets a reoffence change nothing of the caution', () => {
      const before = fold(conditionalCautionDecider, [referred(), booked()]);
      expect(conditionalCautionDecider.evolve(before, reoffended())).toEqual(before);
    });
  });
});
