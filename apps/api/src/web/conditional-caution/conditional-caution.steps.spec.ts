import { ConditionalCautionCommand, conditionalCautionDecider, ConditionalCautionEvent, fold } from '@safer-cases/domain';
import { CautionStep, cautionSteps, choiceMissing, nextSteps, penceOf, poundsOf, stepForms } from './conditional-caution.steps';

const caseId = '7c1e5a20-0000-4000-8000-000000000001';
const courseId = '7c1e5a20-0000-4000-8000-0000000000c1';
const laterCourseId = '7c1e5a20-0000-4000-8000-0000000000c2';
const otherCourseId = '7c1e5a20-0000-4000-8000-0000000000c3';
const today = '2026-12-10';

const referred: ConditionalCautionEvent = {
  type: 'CaseReferred',
  data: {
    caseId,
    programme: 'conditional-caution',
    referredOn: '2026-11-02',
    referrer: { organisation: 'police' },
    personId: caseId,
    offence: { type: 'drunk and disorderly', date: '2026-10-20' },
  },
};
const booked: ConditionalCautionEvent = { type: 'CourseBooked', data: { caseId, courseId, courseDate: '2026-12-03' } };
const bookedLater: ConditionalCautionEvent = { type: 'CourseBooked', data: { caseId, courseId: laterCourseId, courseDate: '2026-12-20' } };
const cancelled: ConditionalCautionEvent = { type: 'BookingCancelled', data: { caseId, courseId } };
const feePaid: ConditionalCautionEvent = { type: 'FeePaid', data: { caseId, paidOn: '2026-11-20', amountPence: 4400 } };
const attended: ConditionalCautionEvent = { type: 'CourseAttended', data: { caseId, courseId, attendedOn: '2026-12-03' } };
const completed: ConditionalCautionEvent = { type: 'CourseCompleted', data: { caseId, completedOn: '2026-12-04' } };
const breached: ConditionalCautionEvent = { type: 'ConditionBreached', data: { caseId, on: '2026-12-04', reason: 'did-not-attend' } };
const closed: ConditionalCautionEvent = { type: 'CaseClosed', data: { caseId, closedOn: '2026-12-05' } };

/** Each step as the decider's command, dated after anything the histories hold, its course the booked one. */
const commandOf = (step: CautionStep, booking?: { courseId: string; courseDate: string }): ConditionalCautionCommand => {
  switch (step) {
    case 'book':
      return { type: 'BookCourse', data: { caseId, courseId: otherCourseId, course: { exists: true, courseId: otherCourseId, date: '2026-12-05', placesLeft: 3 }, today } };
    case 'cancel-booking':
      return { type: 'CancelBooking', data: { caseId, today } };
    case 'fee':
      return { type: 'PayFee', data: { caseId, paidOn: today, amountPence: 4400, today } };
    case 'attendance':
      return { type: 'RecordAttendance', data: { caseId, courseId: booking?.courseId ?? courseId, attendedOn: booking?.courseDate ?? '2026-12-03', today } };
    case 'completion':
      return { type: 'CompleteCourse', data: { caseId, completedOn: today, today } };
    case 'breach':
      return { type: 'RecordBreach', data: { caseId, on: today, reason: 'fee-unpaid', today } };
    case 'close':
      return { type: 'CloseCase', data: { caseId, closedOn: today, today } };
  }
};

const histories: Record<string, ConditionalCautionEvent[]> = {
  referred: [referred],
  'referred, fee paid': [referred, feePaid],
  'booked on a course that has been held': [referred, booked],
  'booked, fee paid': [referred, feePaid, booked],
  'booked on a course still to come': [referred, bookedLater],
  'booking cancelled': [referred, booked, cancelled],
  'attended, fee unpaid': [referred, booked, attended],
  'attended, fee paid': [referred, feePaid, booked, attended],
  completed: [referred, feePaid, booked, attended, completed],
  breached: [referred, booked, breached],
  'closed when referred': [referred, closed],
  'closed when booked': [referred, booked, closed],
};

const progressOf = (events: ConditionalCautionEvent[]) => {
  const state = fold(conditionalCautionDecider, events);
  if (state.status === 'none') throw new Error('the history has no referral');
  const booking = 'booking' in state ? state.booking : undefined;
  return { status: state.status, closed: state.closed, feePaid: state.feePaidOn !== undefined, courseDate: booking?.courseDate, today, booking };
};

const decidable = (events: ConditionalCautionEvent[], step: CautionStep): boolean => {
  try {
    conditionalCautionDecider.decide(commandOf(step, progressOf(events).booking), fold(conditionalCautionDecider, events));
    return true;
  } catch {
    return false;
  }
};

describe('the steps a conditional-caution case offers next', () => {
  it.each(Object.entries(histories))('offers, when %s, exactly the steps the rules accept', (_name, events) => {
    expect(nextSteps(progressOf(events))).toEqual(cautionSteps.filter((step) => decidable(events, step)));
  });

  it('offers attendance only once the course’s day has come', () => {
    const booked = { status: 'booked', closed: false, feePaid: true, courseDate: '2026-12-03' };
    expect(nextSteps({ ...booked, today: '2026-12-02' })).toEqual(['cancel-booking', 'breach', 'close']);
    expect(nextSteps({ ...booked, today: '2026-12-03' })).toEqual(['cancel-booking', 'attendance', 'breach', 'close']);
  });

  it('offers completion only once the fee is paid, and the fee only once', () => {
    expect(nextSteps({ status: 'attended', closed: false, feePaid: false, today })).toEqual(['fee', 'breach', 'close']);
    expect(nextSteps({ status: 'attended', closed: false, feePaid: true, today })).toEqual(['completion', 'breach', 'close']);
  });

  it('offers nothing on a closed case, nor on a status it does not know', () => {
    expect(nextSteps({ status: 'booked', closed: true, feePaid: false, today })).toEqual([]);
    expect(nextSteps({ status: 'panel-held', closed: false, feePaid: false, today })).toEqual([]);
    expect(nextSteps({ status: 'toString', closed: false, feePaid: false, today })).toEqual([]);
  });
});

describe('what each step’s form sends to the API', () => {
  it('sends the fee in pence, from pounds as typed', () => {
    expect(stepForms.fee.body({ 'paidOn-day': '4', 'paidOn-month': '12', 'paidOn-year': '2026', amount: '£44.00' })).toEqual({ paidOn: '2026-12-04', amountPence: 4400 });
    expect(['44', '44.5', '44.05', '1,044.00', ' 44 '].map(penceOf)).toEqual([4400, 4450, 4405, 104400, 4400]);
  });

  it('sends an amount it cannot read as typed, and none when left empty', () => {
    expect(penceOf('forty-four')).toBe('forty-four');
    expect(penceOf('44.001')).toBe('44.001');
    expect(penceOf(undefined)).toBeUndefined();
  });

  it('sends the booked course and its date for attendance, and nothing to cancel a booking', () => {
    expect(stepForms.attendance.body({ attendedCourseId: courseId, 'attendedOn-day': '3', 'attendedOn-month': '12', 'attendedOn-year': '2026' })).toEqual({
      courseId,
      attendedOn: '2026-12-03',
    });
    expect(stepForms['cancel-booking'].body({})).toBeUndefined();
    expect(stepForms['cancel-booking'].method).toBe('DELETE');
  });

  it('sends the steps dated by `on` from inputs of their own, so that forms sharing a page do not clash', () => {
    expect(stepForms.breach.body({ 'breachedOn-day': '1', 'breachedOn-month': '12', 'breachedOn-year': '2026', breachReason: 'fee-unpaid' })).toEqual({
      on: '2026-12-01',
      reason: 'fee-unpaid',
    });
    const inputIds = Object.values(stepForms).flatMap((form) => Object.values(form.labels).map((label) => label.id));
    expect(new Set(inputIds).size).toBe(inputIds.length);
  });

  it('writes money the British way', () => {
    expect([4400, 4405, 0, 123456].map(poundsOf)).toEqual(['£44.00', '£44.05', '£0.00', '£1234.56']);
  });

  it('says what to choose when nothing is chosen, linked to the choice', () => {
    expect(choiceMissing('courseId', 'Select a course')).toEqual({ summary: [{ text: 'Select a course', href: '#courseId' }], fields: { courseId: { text: 'Select a course' } } });
  });
});
