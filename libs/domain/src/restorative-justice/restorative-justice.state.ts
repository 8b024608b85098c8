import { referredCase } from '../cases/case-steps';
import { CaseBasics } from '../cases/case-steps';
import { Programme } from '../cases/case.events';
import { CalendarDate } from '../shared/calendar-date';
import { RestorativeJusticeEvent } from './restorative-justice.events';

/**
 * `programme` is kept so that a step sent to this decider for another programme's case is
 * refused. `lastStepOn` is the latest date of the main chain (referral, decision, panel,
 * agreement, its outcome); the victim survey only follows the panel and keeps its own date.
 */
type Referral = CaseBasics & { programme: Programme; personId: string };

type AfterPanel = Referral & { acceptedOn: CalendarDate; heldOn: CalendarDate; surveyedOn?: CalendarDate };

export type RestorativeJusticeCase =
  | { status: 'none' }
  | (Referral & { status: 'referred' })
  | (Referral & { status: 'declined'; declinedOn: CalendarDate })
  | (Referral & { status: 'accepted'; acceptedOn: CalendarDate })
  | (AfterPanel & { status: 'panel-held' })
  | (AfterPanel & { status: 'no-agreement'; noAgreementOn: CalendarDate })
  | (AfterPanel & { status: 'agreement-reached'; reachedOn: CalendarDate })
  | (AfterPanel & { status: 'agreement-upheld'; reachedOn: CalendarDate; upheldOn: CalendarDate })
  | (AfterPanel & { status: 'agreement-breached'; reachedOn: CalendarDate; breachedOn: CalendarDate });

export type RestorativeJusticeStatus = RestorativeJusticeCase['status'];

export type ReferredRestorativeJusticeCase = Exclude<RestorativeJusticeCase, { status: 'none' }>;

export type PanelledRestorativeJusticeCase = Extract<RestorativeJusticeCase, { heldOn: CalendarDate }>;

export const initialState = (): RestorativeJusticeCase => ({ status: 'none' });

export const hasHadPanel = (state: RestorativeJusticeCase): state is PanelledRestorativeJusticeCase => 'heldOn' in state;

/** Events out of order for the current status change nothing: evolve never throws. */
export const evolve = (state: RestorativeJusticeCase, event: RestorativeJusticeEvent): RestorativeJusticeCase => {
  switch (event.type) {
    case 'CaseReferred': {
      return state.status === 'none' ? referredCase(event) : state;
    }
    case 'ReferralAccepted': {
      const { acceptedOn } = event.data;
      return state.status === 'referred' ? { ...state, status: 'accepted', acceptedOn, lastStepOn: acceptedOn } : state;
    }
    case 'ReferralDeclined': {
      const { declinedOn } = event.data;
      return state.status === 'referred' ? { ...state, status: 'declined', declinedOn, lastStepOn: declinedOn } : state;
    }
    case 'PanelHeld': {
      const { heldOn } = event.data;
      return state.status === 'accepted' ? { ...state, status: 'panel-held', heldOn, lastStepOn: heldOn } : state;
    }
    case 'OutcomeAgreementReached': {
      const { reachedOn } = event.data;
      return state.status === 'panel-held' ? { ...state, status: 'agreement-reached', reachedOn, lastStepOn: reachedOn } : state;
    }
    case 'NoAgreementReached': {
      const { on } = event.data;
      return state.status === 'panel-held' ? { ...state, status: 'no-agreement', noAgreementOn: on, lastStepOn: on } : state;
    }
    case 'OutcomeAgreementUpheld': {
      const { on } = event.data;
      return state.status === 'agreement-reached' ? { ...state, status: 'agreement-upheld', upheldOn: on, lastStepOn: on } : state;
    }
    case 'OutcomeAgreementBreached': {
      const { on } = event.data;
      return state.status === 'agreement-reached' ? { ...state, status: 'agreement-breached', breachedOn: on, lastStepOn: on } : state;
    }
    case 'VictimSatisfactionRecorded':
      return hasHadPanel(state) && state.surveyedOn === undefined ? { ...state, surveyedOn: event.data.surveyedOn } : state;
    case 'ReoffenceRecorded':
      return state;
    case 'CaseClosed':
      return state.status === 'none' ? state : { ...state, closed: true };
    default:
      return state;
  }
};

/** Completed, for a coaching referral's pathway: an outcome agreement was reached, whatever became of it. */
export const isRestorativeJusticeCompleted = (state: RestorativeJusticeCase): boolean =>
  state.status === 'agreement-reached' || state.status === 'agreement-upheld' || state.status === 'agreement-breached';

export const personIdOf = (state: RestorativeJusticeCase): string | undefined => (state.status === 'none' ? undefined : state.personId);
