import { DateBeforePreviousStep, DateInFuture } from '../shared/domain-error';
import {
  BreachAfterCompletion,
  ConditionAlreadyBreached,
  CourseAlreadyCompleted,
  CourseNotAttended,
  DeadlinePassed,
  FeeAlreadyPaid,
  FeeUnpaid,
  WrongFeeAmount,
  cautionBreachReasons,
} from '.';
import { attended, booked, breached, completeCourse, completed, deadline, feePaid, payFee, recordBreach, referred, referredOn, spec } from './conditional-caution.fixtures';

describe('conditional caution: fee, completion and breach', () => {
  describe('the fee', () => {
    it('takes the fee before any booking', () => spec.given([referred()]).when(payFee()).then([feePaid()]));

    it('takes the fee on the referral day', () =>
      spec
        .given([referred()])
        .when(payFee(referredOn))
        .then([feePaid(referredOn)]));

    it('takes the fee after the course was attended', () =>
      spec
        .given([referred(), booked(), attended()])
        .when(payFee('2014-04-15'))
        .then([feePaid('2014-04-15')]));

    it.each([4399, 4401, 0, 44])('refuses %d pence: the fee is exactly £44.00', (amountPence) =>
      spec.given([referred(), booked()]).when(payFee('2014-03-01', amountPence)).thenThrows(WrongFeeAmount, 'fee-amount'),
    );

    it('refuses a second payment', () => spec.given([referred(), booked(), feePaid()]).when(payFee()).thenThrows(FeeAlreadyPaid, 'fee-already-paid'));

    it('refuses a payment dated before the referral', () => spec.given([referred()]).when(payFee('2014-02-13')).thenThrows(DateBeforePreviousStep, 'date-before-previous-step'));

    it('refuses a payment dated after today', () => spec.given([referred()]).when(payFee('2014-07-01')).thenThrows(DateInFuture, 'date-in-future'));

    it('refuses a payment after a breach', () => spec.given([referred(), breached()]).when(payFee()).thenThrows(ConditionAlreadyBreached, 'already-breached'));
  });

  describe('completion', () => {
    const attendedAndPaid = [referred(), booked(), feePaid(), attended()];

    it('completes on the deadline day', () =>
      spec
        .given(attendedAndPaid)
        .when(completeCourse(deadline))
        .then([completed(deadline)]));

    it('refuses completion the day after the deadline', () => spec.given(attendedAndPaid).when(completeCourse('2014-05-07')).thenThrows(DeadlinePassed, 'deadline-passed'));

    it('completes on the day of the course', () =>
      spec
        .given(attendedAndPaid)
        .when(completeCourse('2014-04-10'))
        .then([completed('2014-04-10')]));

    it('refuses completion without attendance', () => {
      spec.given([referred(), feePaid()]).when(completeCourse()).thenThrows(CourseNotAttended, 'course-not-attended');
      spec.given([referred(), booked(), feePaid()]).when(completeCourse()).thenThrows(CourseNotAttended, 'course-not-attended');
    });

    it('refuses completion while the fee is unpaid', () => spec.given([referred(), booked(), attended()]).when(completeCourse()).thenThrows(FeeUnpaid, 'fee-unpaid'));

    it('refuses completion dated before the attendance', () =>
      spec.given(attendedAndPaid).when(completeCourse('2014-04-09')).thenThrows(DateBeforePreviousStep, 'date-before-previous-step'));

    it('refuses completion dated before a fee paid after the course, and accepts it on the payment day', () => {
      const paidLate = [referred(), booked(), attended(), feePaid('2014-04-15')];
      spec.given(paidLate).when(completeCourse('2014-04-14')).thenThrows(DateBeforePreviousStep, 'date-before-previous-step');
      spec
        .given(paidLate)
        .when(completeCourse('2014-04-15'))
        .then([completed('2014-04-15')]);
    });

    it('refuses completion dated after today', () => spec.given(attendedAndPaid).when(completeCourse('2014-04-20', '2014-04-19')).thenThrows(DateInFuture, 'date-in-future'));

    it('refuses a second completion', () =>
      spec
        .given([...attendedAndPaid, completed()])
        .when(completeCourse())
        .thenThrows(CourseAlreadyCompleted, 'already-completed'));

    it('refuses completion after a breach', () =>
      spec
        .given([...attendedAndPaid, breached()])
        .when(completeCourse())
        .thenThrows(ConditionAlreadyBreached, 'already-breached'));

    it('refuses a fee after completion', () =>
      spec
        .given([...attendedAndPaid, completed()])
        .when(payFee())
        .thenThrows(CourseAlreadyCompleted, 'already-completed'));
  });

  describe('breach', () => {
    it.each(cautionBreachReasons)('sends the case back to the police for %s', (reason) =>
      spec
        .given([referred(), booked()])
        .when(recordBreach('2014-05-07', reason))
        .then([breached('2014-05-07', reason)]),
    );

    it('records a breach on the referral day of a case never booked', () =>
      spec
        .given([referred()])
        .when(recordBreach(referredOn, 'other'))
        .then([breached(referredOn, 'other')]));

    it('refuses a breach after completion', () =>
      spec.given([referred(), booked(), feePaid(), attended(), completed()]).when(recordBreach()).thenThrows(BreachAfterCompletion, 'breach-after-completion'));

    it('refuses a second breach', () => spec.given([referred(), breached()]).when(recordBreach()).thenThrows(ConditionAlreadyBreached, 'already-breached'));

    it('refuses a breach dated before the referral', () =>
      spec.given([referred()]).when(recordBreach('2014-02-13')).thenThrows(DateBeforePreviousStep, 'date-before-previous-step'));

    it('refuses a breach dated before the latest step', () =>
      spec.given([referred(), booked(), attended()]).when(recordBreach('2014-04-09', 'fee-unpaid')).thenThrows(DateBeforePreviousStep, 'date-before-previous-step'));

    it('refuses a breach dated after today', () =>
      spec
        .given([referred(), booked()])
        .when(recordBreach('2014-05-07', 'did-not-attend', '2014-05-06'))
        .thenThrows(DateInFuture, 'date-in-future'));
  });
});
