import { CloseCaseRequest } from '../../cases/case-step.requests';
import {
  AcceptReferralRequest,
  DatedReasonRequest,
  DatedRequest,
  DeclineReferralRequest,
  HoldPanelRequest,
  ReachAgreementRequest,
  VictimSurveyRequest,
} from '../../restorative-justice/restorative-justice.requests';
import { date, FieldLabels, FormBody, list, number, text, yesNo } from '../forms';
import { CaseStepForm } from '../submit';

/** The steps a coordinator records on a restorative-justice case, each a form on the case page. */
export const rjSteps = ['accept', 'decline', 'panel', 'agreement', 'no-agreement', 'upheld', 'breached', 'survey', 'close'] as const;

export type RjStep = (typeof rjSteps)[number];

export const isRjStep = (value: string): value is RjStep => rjSteps.some((step) => step === value);

/** The steps of this page the case's rules allow today (GET /api/cases/:id's `allowedSteps`, from the decider), in the page's order. */
export const offeredSteps = (view: { allowedSteps: readonly string[] }): RjStep[] => rjSteps.filter((step) => view.allowedSteps.includes(step));

/** What each step's form is validated into: the request class of the API's route for the step. */
export type RjStepInputs = {
  accept: AcceptReferralRequest;
  decline: DeclineReferralRequest;
  panel: HoldPanelRequest;
  agreement: ReachAgreementRequest;
  'no-agreement': DatedReasonRequest;
  upheld: DatedRequest;
  breached: DatedReasonRequest;
  survey: VictimSurveyRequest;
  close: CloseCaseRequest;
};

/** A step's form: its use case, the input it makes of the form, the command service it runs, how the input's fields appear on it, and the confirmation. */
export type StepForm<S extends RjStep> = CaseStepForm<RjStepInputs[S]> & { done: string };

const dateLabel = (name: string, label: string): FieldLabels => ({ [name]: { id: `${name}-day`, label } });

/** One reparation term a line; blank lines left out. */
export const reparationTerms = (form: FormBody): string[] =>
  (text(form, 'reparation') ?? '')
    .split(/\r?\n/)
    .map((term) => term.trim())
    .filter((term) => term !== '');

/**
 * Every form of the case page has its own input names, so that several can share the page and
 * an error links to the right input; the API's own field names are mapped to them here.
 */
export const stepForms: { [S in RjStep]: StepForm<S> } = {
  accept: {
    key: 'POST /api/cases/:id/acceptance',
    request: AcceptReferralRequest,
    send: (services, recorder, caseId, input) => services.restorativeJustice.accept(recorder, caseId, input),
    body: (form) => ({ acceptedOn: date(form, 'acceptedOn') }),
    labels: dateLabel('acceptedOn', 'Date accepted'),
    done: 'Referral accepted',
  },
  decline: {
    key: 'POST /api/cases/:id/decline',
    request: DeclineReferralRequest,
    send: (services, recorder, caseId, input) => services.restorativeJustice.decline(recorder, caseId, input),
    body: (form) => ({ declinedOn: date(form, 'declinedOn'), reason: text(form, 'declineReason') }),
    labels: { declinedOn: { id: 'declinedOn-day', label: 'Date declined' }, reason: { id: 'declineReason', label: 'Reason for declining' } },
    done: 'Referral declined',
  },
  panel: {
    key: 'POST /api/cases/:id/panel',
    request: HoldPanelRequest,
    send: (services, recorder, caseId, input) => services.restorativeJustice.holdPanel(recorder, caseId, input),
    body: (form) => ({ heldOn: date(form, 'heldOn'), facilitatorIds: list(form, 'facilitatorIds'), victimAttended: yesNo(form, 'victimAttended') }),
    labels: {
      heldOn: { id: 'heldOn-day', label: 'Date of the panel' },
      facilitatorIds: { id: 'facilitatorIds', label: 'Facilitators' },
      victimAttended: { id: 'victimAttended', label: 'Whether the victim attended' },
    },
    done: 'Panel recorded',
  },
  agreement: {
    key: 'POST /api/cases/:id/agreement',
    request: ReachAgreementRequest,
    send: (services, recorder, caseId, input) => services.restorativeJustice.reachAgreement(recorder, caseId, input),
    body: (form) => ({ reachedOn: date(form, 'reachedOn'), reparation: reparationTerms(form) }),
    labels: { reachedOn: { id: 'reachedOn-day', label: 'Date the agreement was reached' }, reparation: { id: 'reparation', label: 'Reparation' } },
    done: 'Outcome agreement recorded',
  },
  'no-agreement': {
    key: 'POST /api/cases/:id/no-agreement',
    request: DatedReasonRequest,
    send: (services, recorder, caseId, input) => services.restorativeJustice.noAgreement(recorder, caseId, input),
    body: (form) => ({ on: date(form, 'noAgreementOn'), reason: text(form, 'noAgreementReason') }),
    labels: { on: { id: 'noAgreementOn-day', label: 'Date no agreement was reached' }, reason: { id: 'noAgreementReason', label: 'Why no agreement was reached' } },
    done: 'No agreement recorded',
  },
  upheld: {
    key: 'POST /api/cases/:id/agreement/upheld',
    request: DatedRequest,
    send: (services, recorder, caseId, input) => services.restorativeJustice.uphold(recorder, caseId, input),
    body: (form) => ({ on: date(form, 'upheldOn') }),
    labels: { on: { id: 'upheldOn-day', label: 'Date upheld' } },
    done: 'Outcome agreement recorded as upheld',
  },
  breached: {
    key: 'POST /api/cases/:id/agreement/breached',
    request: DatedReasonRequest,
    send: (services, recorder, caseId, input) => services.restorativeJustice.breached(recorder, caseId, input),
    body: (form) => ({ on: date(form, 'breachedOn'), reason: text(form, 'breachReason') }),
    labels: { on: { id: 'breachedOn-day', label: 'Date breached' }, reason: { id: 'breachReason', label: 'How the agreement was breached' } },
    done: 'Outcome agreement recorded as breached',
  },
  survey: {
    key: 'POST /api/cases/:id/victim-survey',
    request: VictimSurveyRequest,
    send: (services, recorder, caseId, input) => services.restorativeJustice.survey(recorder, caseId, input),
    body: (form) => ({ surveyedOn: date(form, 'surveyedOn'), satisfied: yesNo(form, 'satisfied'), score: number(form, 'score') }),
    labels: {
      surveyedOn: { id: 'surveyedOn-day', label: 'Date of the survey' },
      satisfied: { id: 'satisfied', label: 'Whether the victim was satisfied' },
      score: { id: 'score', label: 'Score' },
    },
    done: 'Victim survey recorded',
  },
  close: {
    key: 'POST /api/cases/:id/closure',
    request: CloseCaseRequest,
    send: (services, recorder, caseId, input) => services.cases.close(recorder, caseId, input),
    body: (form) => ({ closedOn: date(form, 'closedOn'), reason: text(form, 'closeReason') }),
    labels: { closedOn: { id: 'closedOn-day', label: 'Date closed' }, reason: { id: 'closeReason', label: 'Reason for closing' } },
    done: 'Case closed',
  },
};

/** The date inputs of the case page's forms: empty until something is typed (a fact's date is never offered as today). */
export const stepDateFields = ['acceptedOn', 'declinedOn', 'heldOn', 'reachedOn', 'noAgreementOn', 'upheldOn', 'breachedOn', 'surveyedOn', 'closedOn'] as const;

/** A volunteer on the roster, as GET /api/volunteers gives it: no name (names are personal data, kept apart). */
export type RosterVolunteer = { volunteerId: string; status: string; recruitedOn: string; trainedOn?: string; leftOn?: string };

/**
 * Who may be picked to facilitate a panel: trained and not left. The API judges each against the
 * panel's date, so one trained after a back-dated panel is still refused there.
 */
export const facilitatorChoices = <V extends RosterVolunteer>(volunteers: readonly V[]): V[] =>
  volunteers.filter((volunteer) => volunteer.trainedOn !== undefined && volunteer.leftOn === undefined);

export { shortReference } from '../short-reference';
