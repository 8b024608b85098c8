import { allowedSteps, caseDecider, ConditionalCautionCommand, conditionalCautionDecider, ConditionalCautionEvent, fold } from '@safer-cases/domain';
import * as authorization from '../../application/authorize';
import { Actor } from '../../auth/actor';
import { CaseCommands } from '../../cases/case-commands';
import { ConditionalCautionCommands } from '../../conditional-caution/conditional-caution.commands';
import { canonicalIds } from '../../http/canonical-ids';
import { validationPipe } from '../../http/validation';
import { Recorder } from '../../shared/recorder';
import { FormBody } from '../forms';
import { CaseStepServices } from '../submit';
import { CautionStep, cautionSteps, choiceMissing, offeredSteps, penceOf, poundsOf, stepForms } from './conditional-caution.steps';

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

/** An offence early enough that the 12-week deadline (2026-11-24) passes before the fee is paid. */
const referredNearDeadline: ConditionalCautionEvent = {
  type: 'CaseReferred',
  data: { ...referred.data, offence: { type: 'drunk and disorderly', date: '2026-09-01' } },
};
const bookedNearDeadline: ConditionalCautionEvent = { type: 'CourseBooked', data: { caseId, courseId, courseDate: '2026-11-20' } };
const attendedNearDeadline: ConditionalCautionEvent = { type: 'CourseAttended', data: { caseId, courseId, attendedOn: '2026-11-20' } };
const feePaidAfterDeadline: ConditionalCautionEvent = { type: 'FeePaid', data: { caseId, paidOn: '2026-11-30', amountPence: 4400 } };

/** Each step as the decider's command, dated after anything the histories hold, its course the booked one. */
const commandOf = (step: CautionStep, booking?: { courseId: string; courseDate: string }): ConditionalCautionCommand => {
  switch (step) {
    case 'book':
      return { type: 'BookCourse', data: { caseId, courseId: otherCourseId, course: { exists: true, courseId: otherCourseId, date: '2026-12-05' }, today } };
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
  'attended, fee paid after the deadline': [referredNearDeadline, bookedNearDeadline, attendedNearDeadline, feePaidAfterDeadline],
  completed: [referred, feePaid, booked, attended, completed],
  breached: [referred, booked, breached],
  'closed when referred': [referred, closed],
  'closed when booked': [referred, booked, closed],
};

const folded = (events: ConditionalCautionEvent[]) => events.reduce(caseDecider.evolve, caseDecider.initialState());

/** What the case page offers for the history: the steps the case decider allows on the day, kept to this page's. */
const offeredFor = (events: ConditionalCautionEvent[], on = today): CautionStep[] => offeredSteps({ allowedSteps: allowedSteps(folded(events), on) });

const decidable = (events: ConditionalCautionEvent[], step: CautionStep): boolean => {
  const state = fold(conditionalCautionDecider, events);
  try {
    conditionalCautionDecider.decide(commandOf(step, 'booking' in state ? state.booking : undefined), state);
    return true;
  } catch {
    return false;
  }
};

describe('the steps a conditional-caution case offers next', () => {
  it.each(Object.entries(histories))('offers, when %s, exactly the steps the rules accept', (_name, events) => {
    expect(offeredFor(events)).toEqual(cautionSteps.filter((step) => decidable(events, step)));
  });

  it('offers attendance only once the course’s day has come', () => {
    const bookedFeePaid = [referred, feePaid, booked];
    expect(offeredFor(bookedFeePaid, '2026-12-02')).toEqual(['cancel-booking', 'breach', 'close']);
    expect(offeredFor(bookedFeePaid, '2026-12-03')).toEqual(['cancel-booking', 'attendance', 'breach', 'close']);
  });

  it('offers completion only once the fee is paid, and the fee only once', () => {
    expect(offeredFor([referred, booked, attended])).toEqual(['fee', 'breach', 'close']);
    expect(offeredFor([referred, feePaid, booked, attended])).toEqual(['completion', 'breach', 'close']);
  });

  it('offers nothing on a closed case', () => {
    expect(offeredFor([referred, booked, closed])).toEqual([]);
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

/** Each step's form filled in as an officer would, dated by the inputs of that form alone. */
const filledForms: Record<CautionStep, FormBody> = {
  book: { courseId },
  'cancel-booking': {},
  fee: { 'paidOn-day': '4', 'paidOn-month': '12', 'paidOn-year': '2026', amount: '44.00' },
  attendance: { attendedCourseId: courseId, 'attendedOn-day': '3', 'attendedOn-month': '12', 'attendedOn-year': '2026' },
  completion: { 'completedOn-day': '4', 'completedOn-month': '12', 'completedOn-year': '2026' },
  breach: { 'breachedOn-day': '4', 'breachedOn-month': '12', 'breachedOn-year': '2026', breachReason: 'fee-unpaid' },
  close: { 'closedOn-day': '5', 'closedOn-month': '12', 'closedOn-year': '2026', closeReason: 'moved away' },
};

/** A form's input as InProcess.input makes it: through the API's own pipes, into the step's request class. */
const validated = <Input>(step: { request: new () => Input; body: (form: FormBody) => Record<string, unknown> | undefined }, form: FormBody): Promise<Input> =>
  validationPipe.transform(canonicalIds.transform(step.body(form) ?? {}), { type: 'body', metatype: step.request }) as Promise<Input>;

describe('what each step’s form runs, in process', () => {
  const actor: Actor = { userId: 'user-officer', username: 'caution-officer', role: 'caution-officer', organisation: 'wdp' };
  const recorder: Recorder = { recordedBy: actor.username, correlationId: 'correlation-1', actor };
  // The services as they are, without what they run on: each asks the policy first, and the test stops them there.
  const services = { cases: Object.create(CaseCommands.prototype), conditionalCaution: Object.create(ConditionalCautionCommands.prototype) } as CaseStepServices;
  const stopped = new Error('stopped at the policy');
  const asked = jest.spyOn(authorization, 'authorize').mockImplementation(() => {
    throw stopped;
  });

  beforeEach(() => asked.mockClear());
  afterAll(() => asked.mockRestore());

  it.each(cautionSteps)('validates the %s form into its request class and runs the use case of the same policy key', async (step) => {
    const form = stepForms[step];
    const input = await validated(form, filledForms[step]);
    // Some services ask the policy before they return a promise, some inside one: either way the step stops there.
    await expect(Promise.resolve().then(() => form.send(services, recorder, caseId, input as never))).rejects.toBe(stopped);
    expect(asked.mock.calls).toEqual([[actor, form.key]]);
  });

  it('refuses, by name, a field the cancellation does not take, as every other step refuses one', async () => {
    await expect(validationPipe.transform({ courseId }, { type: 'body', metatype: stepForms['cancel-booking'].request })).rejects.toMatchObject({
      response: { code: 'invalid-request', details: [{ field: 'courseId', problems: ['property courseId should not exist'] }] },
    });
    await expect(
      validationPipe.transform({ ...(await validated(stepForms.fee, filledForms.fee)), extra: 1 }, { type: 'body', metatype: stepForms.fee.request }),
    ).rejects.toMatchObject({
      response: { code: 'invalid-request', details: [{ field: 'extra' }] },
    });
  });
});
