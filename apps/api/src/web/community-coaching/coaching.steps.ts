import { CloseCaseRequest } from '../../cases/case-step.requests';
import {
  AssignCoachRequest,
  CompleteInterventionRequest,
  LogSessionRequest,
  StartInterventionRequest,
  WithdrawInterventionRequest,
} from '../../community-coaching/community-coaching.requests';
import { date, FormBody, number, text } from '../forms';
import { CaseStepForm } from '../submit';
import { hoursText } from './coaching-guide';

/** What a coordinator records on a coaching case, each a form on the case page. */
export const coachingSteps = ['coach', 'start', 'session', 'complete', 'withdraw', 'close'] as const;

export type CoachingStep = (typeof coachingSteps)[number];

export const isCoachingStep = (value: string): value is CoachingStep => coachingSteps.some((step) => step === value);

/** The steps of this page the case's rules allow today (GET /api/cases/:id's `allowedSteps`, from the decider), in the page's order. */
export const offeredSteps = (view: { allowedSteps: readonly string[] }): CoachingStep[] => coachingSteps.filter((step) => view.allowedSteps.includes(step));

/** The input each step's request class validates the form into. */
type StepInputs = {
  coach: AssignCoachRequest;
  start: StartInterventionRequest;
  session: LogSessionRequest;
  complete: CompleteInterventionRequest;
  withdraw: WithdrawInterventionRequest;
  close: CloseCaseRequest;
};

/** A step's form: the use case it runs, the input it makes of the form, how the input's fields appear on it, and the confirmation. */
export type StepForm<Input> = CaseStepForm<Input> & { done: (form: FormBody) => string };

/** Each step's form with its own input type, so that a page looking one up by step keeps the pairing of request class and service call. */
export type StepForms = { [Step in CoachingStep]: StepForm<StepInputs[Step]> };

const dateLabel = (name: string, label: string): { id: string; label: string } => ({ id: `${name}-day`, label });

const sessionDone = (form: FormBody): string => {
  const hours = number(form, 'hours');
  return typeof hours === 'number' ? `Session of ${hoursText(Math.round(hours * 4))} logged` : 'Session logged';
};

/**
 * Every form of the case page has input names of its own, so that several share the page and an
 * error links to the right input; the request's field names are mapped to them here.
 */
export const stepForms: StepForms = {
  coach: {
    key: 'POST /api/cases/:id/coach',
    request: AssignCoachRequest,
    body: (form) => ({ volunteerId: text(form, 'volunteerId'), assignedOn: date(form, 'assignedOn') }),
    send: (services, recorder, caseId, input) => services.communityCoaching.assignCoach(recorder, caseId, input),
    labels: { volunteerId: { id: 'volunteerId', label: 'Coach' }, assignedOn: dateLabel('assignedOn', 'Date assigned') },
    done: () => 'Coach assigned',
  },
  start: {
    key: 'POST /api/cases/:id/intervention/start',
    request: StartInterventionRequest,
    body: (form) => ({ startedOn: date(form, 'startedOn') }),
    send: (services, recorder, caseId, input) => services.communityCoaching.start(recorder, caseId, input),
    labels: { startedOn: dateLabel('startedOn', 'Date the intervention started') },
    done: () => 'Intervention started',
  },
  session: {
    key: 'POST /api/cases/:id/sessions',
    request: LogSessionRequest,
    /* "hours" in lower case: the refusal says "quarter hours", which a capitalised label would rewrite. */
    body: (form) => ({ sessionOn: date(form, 'sessionOn'), hours: number(form, 'hours') }),
    send: (services, recorder, caseId, input) => services.communityCoaching.logSession(recorder, caseId, input),
    labels: { sessionOn: dateLabel('sessionOn', 'Date of the session'), hours: { id: 'hours', label: 'Hours' } },
    done: sessionDone,
  },
  complete: {
    key: 'POST /api/cases/:id/intervention/completion',
    request: CompleteInterventionRequest,
    body: (form) => ({ completedOn: date(form, 'completedOn') }),
    send: (services, recorder, caseId, input) => services.communityCoaching.complete(recorder, caseId, input),
    labels: { completedOn: dateLabel('completedOn', 'Date completed') },
    done: () => 'Intervention completed',
  },
  withdraw: {
    key: 'POST /api/cases/:id/intervention/withdrawal',
    request: WithdrawInterventionRequest,
    body: (form) => ({ on: date(form, 'withdrawnOn'), reason: text(form, 'withdrawReason') }),
    send: (services, recorder, caseId, input) => services.communityCoaching.withdraw(recorder, caseId, input),
    labels: { on: dateLabel('withdrawnOn', 'Date withdrawn'), reason: { id: 'withdrawReason', label: 'Reason for withdrawal' } },
    done: () => 'Intervention withdrawn',
  },
  close: {
    key: 'POST /api/cases/:id/closure',
    request: CloseCaseRequest,
    body: (form) => ({ closedOn: date(form, 'closedOn'), reason: text(form, 'closeReason') }),
    send: (services, recorder, caseId, input) => services.cases.close(recorder, caseId, input),
    labels: { closedOn: dateLabel('closedOn', 'Date closed'), reason: { id: 'closeReason', label: 'Reason for closing' } },
    done: () => 'Case closed',
  },
};

/** The date inputs of the case page's forms: empty until something is typed (a fact's date is never offered as today). */
export const stepDateFields = ['assignedOn', 'startedOn', 'sessionOn', 'completedOn', 'withdrawnOn', 'closedOn'] as const;

export { shortReference } from '../short-reference';
