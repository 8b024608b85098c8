import { communityCoachingDecider } from '../community-coaching';
import { ReferredCommunityCoachingCase } from '../community-coaching/community-coaching.state';
import { conditionalCautionDecider } from '../conditional-caution';
import { ReferredCaution } from '../conditional-caution/conditional-caution.state';
import { restorativeJusticeDecider } from '../restorative-justice';
import { ReferredRestorativeJusticeCase } from '../restorative-justice/restorative-justice.state';
import { CalendarDate } from '../shared/calendar-date';
import { Decider } from '../shared/decider';
import { CaseAlreadyExists, CaseNotFound, UnknownCommand, WrongProgramme } from '../shared/domain-error';
import { ReferCase } from './case.commands';
import { CaseReferred, Referrer } from './case.events';
import {
  CaseCommand,
  CaseEvent,
  isCommunityCoachingCommand,
  isCommunityCoachingEvent,
  isConditionalCautionCommand,
  isConditionalCautionEvent,
  isRestorativeJusticeCommand,
  isRestorativeJusticeEvent,
  ProgrammeCommand,
  programmeOf,
} from './case-programmes';

type Referral = CaseReferred['data'];

/*
 * The referral is kept beside the programme's state because the programme states drop what
 * their rules do not need (the referrer, the victim), while access checks and the case view need it.
 */
export type RestorativeJusticeCaseState = { programme: 'restorative-justice'; state: ReferredRestorativeJusticeCase; referral: Referral };
export type ConditionalCautionCaseState = { programme: 'conditional-caution'; state: ReferredCaution; referral: Referral };
export type CommunityCoachingCaseState = { programme: 'community-coaching'; state: ReferredCommunityCoachingCase; referral: Referral };

export type ReferredCaseState = RestorativeJusticeCaseState | ConditionalCautionCaseState | CommunityCoachingCaseState;

/** A case stream folded: nothing referred yet, or one programme's case. */
export type CaseState = { programme: null } | ReferredCaseState;

const referCase = (command: ReferCase): CaseEvent[] => {
  const { programme } = command.data;
  switch (programme) {
    case 'restorative-justice':
      return restorativeJusticeDecider.decide(command, restorativeJusticeDecider.initialState());
    case 'conditional-caution':
      return conditionalCautionDecider.decide(command, conditionalCautionDecider.initialState());
    case 'community-coaching':
      return communityCoachingDecider.decide(command, communityCoachingDecider.initialState());
    default: {
      const unhandled: never = programme;
      throw new UnknownCommand(unhandled);
    }
  }
};

const wrongProgramme = (state: ReferredCaseState, command: ProgrammeCommand): WrongProgramme => new WrongProgramme(command.data.caseId, state.programme, programmeOf(command));

/**
 * Before a referral only ReferCase is taken, by the decider of the programme it names. After it,
 * a second referral is refused whatever programme it names (as each programme refuses it), a
 * step of another programme is refused as such, and the case's own programme decides the rest.
 */
const decide = (command: CaseCommand, state: CaseState): CaseEvent[] => {
  if (state.programme === null) {
    if (command.type !== 'ReferCase') throw new CaseNotFound(command.data.caseId);
    return referCase(command);
  }
  if (command.type === 'ReferCase') throw new CaseAlreadyExists(command.data.caseId);
  switch (state.programme) {
    case 'restorative-justice':
      if (!isRestorativeJusticeCommand(command)) throw wrongProgramme(state, command);
      return restorativeJusticeDecider.decide(command, state.state);
    case 'conditional-caution':
      if (!isConditionalCautionCommand(command)) throw wrongProgramme(state, command);
      return conditionalCautionDecider.decide(command, state.state);
    case 'community-coaching':
      if (!isCommunityCoachingCommand(command)) throw wrongProgramme(state, command);
      return communityCoachingDecider.decide(command, state.state);
  }
};

const referred = (event: CaseReferred): CaseState => {
  const referral = event.data;
  switch (referral.programme) {
    case 'restorative-justice': {
      const state = restorativeJusticeDecider.evolve(restorativeJusticeDecider.initialState(), event);
      return state.status === 'none' ? { programme: null } : { programme: referral.programme, state, referral };
    }
    case 'conditional-caution': {
      const state = conditionalCautionDecider.evolve(conditionalCautionDecider.initialState(), event);
      return state.status === 'none' ? { programme: null } : { programme: referral.programme, state, referral };
    }
    case 'community-coaching': {
      const state = communityCoachingDecider.evolve(communityCoachingDecider.initialState(), event);
      return state.status === 'none' ? { programme: null } : { programme: referral.programme, state, referral };
    }
    default:
      return { programme: null };
  }
};

/**
 * Total, like each programme's: an event before the referral, another programme's event or one
 * its programme cannot place changes nothing. A programme's state never returns to `none`, so
 * a case that has been referred stays referred.
 */
const evolve = (state: CaseState, event: CaseEvent): CaseState => {
  if (state.programme === null) return event.type === 'CaseReferred' ? referred(event) : state;
  switch (state.programme) {
    case 'restorative-justice': {
      const next = isRestorativeJusticeEvent(event) ? restorativeJusticeDecider.evolve(state.state, event) : state.state;
      return next.status === 'none' ? state : { ...state, state: next };
    }
    case 'conditional-caution': {
      const next = isConditionalCautionEvent(event) ? conditionalCautionDecider.evolve(state.state, event) : state.state;
      return next.status === 'none' ? state : { ...state, state: next };
    }
    case 'community-coaching': {
      const next = isCommunityCoachingEvent(event) ? communityCoachingDecider.evolve(state.state, event) : state.state;
      return next.status === 'none' ? state : { ...state, state: next };
    }
  }
};

/** Every case, whatever its programme: the one decider a case stream is read and written with. */
export const caseDecider: Decider<CaseCommand, CaseEvent, CaseState> = {
  decide,
  evolve,
  initialState: () => ({ programme: null }),
};

/** What is known of a case whatever its programme: enough to check who may see it and to show it. */
export type CaseFacts = {
  caseId: string;
  programme: ReferredCaseState['programme'];
  personId: string;
  victimId?: string;
  referrer: Referrer;
  status: ReferredCaseState['state']['status'];
  closed: boolean;
  referredOn: CalendarDate;
  /** The latest date of the programme's main chain of steps, as its decider keeps it. */
  lastStepOn: CalendarDate;
};

/** Undefined before the referral. */
export const caseFactsOf = (state: CaseState): CaseFacts | undefined => {
  if (state.programme === null) return undefined;
  const { caseId, personId, victimId, referrer, referredOn } = state.referral;
  const { status, closed, lastStepOn } = state.state;
  return { caseId, programme: state.programme, personId, ...(victimId === undefined ? {} : { victimId }), referrer, status, closed, referredOn, lastStepOn };
};
