import { allowedSteps } from '../cases/allowed-steps';
import { caseDecider } from '../cases/case-decider';
import { fold } from '../shared/decider';
import { ConditionalCautionEvent } from './conditional-caution.events';
import { ConditionalCautionStep } from './conditional-caution.steps';

const caseId = '7c1e5a20-0000-4000-8000-000000000001';
const courseId = '7c1e5a20-0000-4000-8000-0000000000c1';
const laterCourseId = '7c1e5a20-0000-4000-8000-0000000000c2';
const today = '2026-12-10';

/** The offence on 20 October 2026 sets the deadline at 12 January 2027. */
const referral = {
  caseId,
  programme: 'conditional-caution' as const,
  referredOn: '2026-11-02',
  referrer: { organisation: 'police' as const },
  personId: caseId,
  offence: { type: 'drunk and disorderly', date: '2026-10-20' },
};
const referred: ConditionalCautionEvent = { type: 'CaseReferred', data: referral };
const booked: ConditionalCautionEvent = { type: 'CourseBooked', data: { caseId, courseId, courseDate: '2026-12-03' } };
const bookedLater: ConditionalCautionEvent = { type: 'CourseBooked', data: { caseId, courseId: laterCourseId, courseDate: '2026-12-20' } };
const cancelled: ConditionalCautionEvent = { type: 'BookingCancelled', data: { caseId, courseId } };
const feePaid: ConditionalCautionEvent = { type: 'FeePaid', data: { caseId, paidOn: '2026-11-20', amountPence: 4400 } };
const attended: ConditionalCautionEvent = { type: 'CourseAttended', data: { caseId, courseId, attendedOn: '2026-12-03' } };
const completed: ConditionalCautionEvent = { type: 'CourseCompleted', data: { caseId, completedOn: '2026-12-04' } };
const breached: ConditionalCautionEvent = { type: 'ConditionBreached', data: { caseId, on: '2026-12-04', reason: 'did-not-attend' } };
const closed: ConditionalCautionEvent = { type: 'CaseClosed', data: { caseId, closedOn: '2026-12-05' } };

/** The histories of the web's step spec, and the steps its case page offers for each, with the referrer's reoffence. */
const offered: [string, ConditionalCautionEvent[], ConditionalCautionStep[]][] = [
  ['referred', [referred], ['book', 'fee', 'breach', 'close', 'reoffence']],
  ['referred, fee paid', [referred, feePaid], ['book', 'breach', 'close', 'reoffence']],
  ['booked on a course that has been held', [referred, booked], ['cancel-booking', 'fee', 'attendance', 'breach', 'close', 'reoffence']],
  ['booked, fee paid', [referred, feePaid, booked], ['cancel-booking', 'attendance', 'breach', 'close', 'reoffence']],
  ['booked on a course still to come', [referred, bookedLater], ['cancel-booking', 'fee', 'breach', 'close', 'reoffence']],
  ['booking cancelled', [referred, booked, cancelled], ['book', 'fee', 'breach', 'close', 'reoffence']],
  ['attended, fee unpaid', [referred, booked, attended], ['fee', 'breach', 'close', 'reoffence']],
  ['attended, fee paid', [referred, feePaid, booked, attended], ['completion', 'breach', 'close', 'reoffence']],
  ['completed', [referred, feePaid, booked, attended, completed], ['close', 'reoffence']],
  ['breached', [referred, booked, breached], ['close', 'reoffence']],
  ['closed when referred', [referred, closed], ['reoffence']],
  ['closed when booked', [referred, booked, closed], ['reoffence']],
];

const stateOf = (...events: ConditionalCautionEvent[]) => fold(caseDecider, events);

describe('the steps a conditional-caution case allows', () => {
  it.each(offered)('allows, when %s, the steps its rules take', (_name, events, steps) => {
    expect(allowedSteps(fold(caseDecider, events), today)).toEqual(steps);
  });

  it('allows attendance only once the course’s day has come', () => {
    const bookedAndPaid = stateOf(referred, feePaid, booked);
    expect(allowedSteps(bookedAndPaid, '2026-12-02')).toEqual(['cancel-booking', 'breach', 'close', 'reoffence']);
    expect(allowedSteps(bookedAndPaid, '2026-12-03')).toEqual(['cancel-booking', 'attendance', 'breach', 'close', 'reoffence']);
  });

  it('allows no booking when the referral came after the deadline, as no course could be booked', () => {
    const late: ConditionalCautionEvent = { type: 'CaseReferred', data: { ...referral, referredOn: '2027-01-13' } };
    expect(allowedSteps(stateOf(late), '2027-01-20')).toEqual(['fee', 'breach', 'close', 'reoffence']);
  });

  it('allows completion after the deadline, dated back to it, but not when the fee was paid after it', () => {
    const afterDeadline = '2027-02-01';
    expect(allowedSteps(stateOf(referred, feePaid, booked, attended), afterDeadline)).toEqual(['completion', 'breach', 'close', 'reoffence']);
    const paidLate: ConditionalCautionEvent = { type: 'FeePaid', data: { caseId, paidOn: '2027-01-20', amountPence: 4400 } };
    expect(allowedSteps(stateOf(referred, booked, attended, paidLate), afterDeadline)).toEqual(['breach', 'close', 'reoffence']);
  });
});
