import { CautionBreachReason } from '@safer-cases/domain';
import { CloseCaseRequest } from '../../cases/case-step.requests';
import { BookCourseRequest, CompleteCourseRequest, PayFeeRequest, RecordAttendanceRequest, RecordBreachRequest } from '../../conditional-caution/conditional-caution.requests';
import { date, FormErrors, text } from '../forms';
import { CaseStepForm } from '../submit';

/** The steps an officer records on a conditional-caution case, each a form on the case page. */
export const cautionSteps = ['book', 'cancel-booking', 'fee', 'attendance', 'completion', 'breach', 'close'] as const;

export type CautionStep = (typeof cautionSteps)[number];

export const isCautionStep = (value: string): value is CautionStep => cautionSteps.some((step) => step === value);

/** The steps of this page the case's rules allow today (GET /api/cases/:id's `allowedSteps`, from the decider), in the page's order. */
export const offeredSteps = (view: { allowedSteps: readonly string[] }): CautionStep[] => cautionSteps.filter((step) => view.allowedSteps.includes(step));

/**
 * Money typed in pounds ("44", "44.00", "£44.00") as pence; anything else goes to the fee step as
 * typed, and the API's validation then says what is wrong with it.
 */
export const penceOf = (typed: string | undefined): number | string | undefined => {
  if (typed === undefined) return undefined;
  const match = /^£?\s*(\d{1,7})(?:\.(\d{1,2}))?$/.exec(typed.replace(/,/g, '').trim());
  if (!match) return typed;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
};

/** 4400 as "£44.00". */
export const poundsOf = (pence: number): string => `£${Math.floor(pence / 100)}.${String(pence % 100).padStart(2, '0')}`;

/**
 * A booking is cancelled with nothing but the case (the API's DELETE takes no body): the request
 * class is empty, so that any field sent with it is refused, by name.
 */
export class CancelBookingRequest {}

/** The request class each step's input is validated into, as the API's route for it validates its body. */
type StepInputs = {
  book: BookCourseRequest;
  'cancel-booking': CancelBookingRequest;
  fee: PayFeeRequest;
  attendance: RecordAttendanceRequest;
  completion: CompleteCourseRequest;
  breach: RecordBreachRequest;
  close: CloseCaseRequest;
};

/** Each step's form with its own input type, so that a page looking one up by step keeps the pairing of request class and service call. */
export type StepForms = { [Step in CautionStep]: CaseStepForm<StepInputs[Step]> };

/**
 * Every form of the case page has its own input names, so that several can share the page and
 * an error links to the right input; the API's own field names are mapped to them here. Each
 * runs the use case the API's route of the same key runs.
 */
export const stepForms: StepForms = {
  book: {
    key: 'POST /api/cases/:id/booking',
    request: BookCourseRequest,
    body: (form) => ({ courseId: text(form, 'courseId') }),
    send: (services, recorder, caseId, input) => services.conditionalCaution.book(recorder, caseId, input),
    labels: { courseId: { id: 'courseId', label: 'Course' } },
    done: 'Booked onto the course',
  },
  'cancel-booking': {
    key: 'DELETE /api/cases/:id/booking',
    request: CancelBookingRequest,
    body: () => undefined,
    send: (services, recorder, caseId) => services.conditionalCaution.cancelBooking(recorder, caseId),
    labels: {},
    done: 'Booking cancelled: the place is free again',
  },
  fee: {
    key: 'POST /api/cases/:id/fee',
    request: PayFeeRequest,
    body: (form) => ({ paidOn: date(form, 'paidOn'), amountPence: penceOf(text(form, 'amount')) }),
    send: (services, recorder, caseId, input) => services.conditionalCaution.payFee(recorder, caseId, input),
    labels: { paidOn: { id: 'paidOn-day', label: 'Date paid' }, amountPence: { id: 'amount', label: 'Amount paid' } },
    done: 'Fee recorded',
  },
  attendance: {
    key: 'POST /api/cases/:id/attendance',
    request: RecordAttendanceRequest,
    body: (form) => ({ courseId: text(form, 'attendedCourseId'), attendedOn: date(form, 'attendedOn') }),
    send: (services, recorder, caseId, input) => services.conditionalCaution.attend(recorder, caseId, input),
    labels: { attendedOn: { id: 'attendedOn-day', label: 'Date attended' } },
    done: 'Attendance recorded',
  },
  completion: {
    key: 'POST /api/cases/:id/course-completion',
    request: CompleteCourseRequest,
    body: (form) => ({ completedOn: date(form, 'completedOn') }),
    send: (services, recorder, caseId, input) => services.conditionalCaution.complete(recorder, caseId, input),
    labels: { completedOn: { id: 'completedOn-day', label: 'Date completed' } },
    done: 'Course completion recorded',
  },
  breach: {
    key: 'POST /api/cases/:id/breach',
    request: RecordBreachRequest,
    body: (form) => ({ on: date(form, 'breachedOn'), reason: text(form, 'breachReason') }),
    send: (services, recorder, caseId, input) => services.conditionalCaution.breach(recorder, caseId, input),
    labels: { on: { id: 'breachedOn-day', label: 'Date of the breach' }, reason: { id: 'breachReason', label: 'Reason' } },
    done: 'Breach recorded: the case goes back to the police',
  },
  close: {
    key: 'POST /api/cases/:id/closure',
    request: CloseCaseRequest,
    body: (form) => ({ closedOn: date(form, 'closedOn'), reason: text(form, 'closeReason') }),
    send: (services, recorder, caseId, input) => services.cases.close(recorder, caseId, input),
    labels: { closedOn: { id: 'closedOn-day', label: 'Date closed' }, reason: { id: 'closeReason', label: 'Reason for closing' } },
    done: 'Case closed',
  },
};

/** The date inputs of the case page's forms that start empty (a fact's date is never offered as today). */
export const todayDateFields = ['paidOn', 'completedOn', 'breachedOn', 'closedOn'] as const;

/** The breach reasons of the API, as the officer reads them. */
export const breachReasonLabels: Record<CautionBreachReason, string> = {
  'did-not-attend': 'Did not attend the course',
  'fee-unpaid': 'Did not pay the fee',
  'deadline-passed': 'The deadline passed',
  other: 'Another reason',
};

/** A choice the form requires before anything can be sent (nothing picked), said the GOV.UK way. */
export const choiceMissing = (id: string, message: string): FormErrors => ({ summary: [{ text: message, href: `#${id}` }], fields: { [id]: { text: message } } });

export { shortReference } from '../short-reference';
