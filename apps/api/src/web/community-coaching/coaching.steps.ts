import { CaseStepForm } from '../submit';
import type { CommunityCoachingStatus } from '@safer-cases/domain';
import { date, FormBody, number, text } from '../forms';
import { hoursText } from './coaching-guide';

/** What a coordinator records on a coaching case, each a form on the case page. */
export const coachingSteps = ['coach', 'start', 'session', 'complete', 'withdraw', 'close'] as const;

export type CoachingStep = (typeof coachingSteps)[number];

export const isCoachingStep = (value: string): value is CoachingStep => coachingSteps.some((step) => step === value);

type CaseStatus = Exclude<CommunityCoachingStatus, 'none'>;

/** The main chain (DOMAIN.md): a coach, the start, sessions while open, then completion or withdrawal. */
const chainStepsFrom: Record<CaseStatus, readonly CoachingStep[]> = {
  referred: ['coach'],
  'coach-assigned': ['start'],
  'intervention-open': ['session', 'complete', 'withdraw'],
  completed: [],
  withdrawn: [],
};

const isCaseStatus = (status: string): status is CaseStatus => Object.prototype.hasOwnProperty.call(chainStepsFrom, status);

/** What may be recorded next: the chain's next steps, and closure at any time while the case is open. */
export const nextSteps = ({ status, closed }: { status: string; closed: boolean }): CoachingStep[] => (closed || !isCaseStatus(status) ? [] : [...chainStepsFrom[status], 'close']);

/** A step's form: the API call it makes, the body it sends, how the API's fields appear on it, and the confirmation. */
export type StepForm = CaseStepForm & { done: (form: FormBody) => string };

const dateLabel = (name: string, label: string): { id: string; label: string } => ({ id: `${name}-day`, label });

const sessionDone = (form: FormBody): string => {
  const hours = number(form, 'hours');
  return typeof hours === 'number' ? `Session of ${hoursText(Math.round(hours * 4))} logged` : 'Session logged';
};

/**
 * Every form of the case page has input names of its own, so that several share the page and an
 * error links to the right input; the API's field names are mapped to them here.
 */
export const stepForms: Record<CoachingStep, StepForm> = {
  coach: {
    apiPath: 'coach',
    body: (form) => ({ volunteerId: text(form, 'volunteerId'), assignedOn: date(form, 'assignedOn') }),
    labels: { volunteerId: { id: 'volunteerId', label: 'Coach' }, assignedOn: dateLabel('assignedOn', 'Date assigned') },
    done: () => 'Coach assigned',
  },
  start: {
    apiPath: 'intervention/start',
    body: (form) => ({ startedOn: date(form, 'startedOn') }),
    labels: { startedOn: dateLabel('startedOn', 'Date the intervention started') },
    done: () => 'Intervention started',
  },
  session: {
    apiPath: 'sessions',
    /* "hours" in lower case: the API's refusal says "quarter hours", which a capitalised label would rewrite. */
    body: (form) => ({ sessionOn: date(form, 'sessionOn'), hours: number(form, 'hours') }),
    labels: { sessionOn: dateLabel('sessionOn', 'Date of the session'), hours: { id: 'hours', label: 'Hours' } },
    done: sessionDone,
  },
  complete: {
    apiPath: 'intervention/completion',
    body: (form) => ({ completedOn: date(form, 'completedOn') }),
    labels: { completedOn: dateLabel('completedOn', 'Date completed') },
    done: () => 'Intervention completed',
  },
  withdraw: {
    apiPath: 'intervention/withdrawal',
    body: (form) => ({ on: date(form, 'withdrawnOn'), reason: text(form, 'withdrawReason') }),
    labels: { on: dateLabel('withdrawnOn', 'Date withdrawn'), reason: { id: 'withdrawReason', label: 'Reason for withdrawal' } },
    done: () => 'Intervention withdrawn',
  },
  close: {
    apiPath: 'closure',
    body: (form) => ({ closedOn: date(form, 'closedOn'), reason: text(form, 'closeReason') }),
    labels: { closedOn: dateLabel('closedOn', 'Date closed'), reason: { id: 'closeReason', label: 'Reason for closing' } },
    done: () => 'Case closed',
  },
};

/** The date inputs of the case page's forms, each filled with today's date until something is typed. */
export const stepDateFields = ['assignedOn', 'startedOn', 'sessionOn', 'completedOn', 'withdrawnOn', 'closedOn'] as const;

export { shortReference } from '../short-reference';
