import { communityCoachingDecider, CommunityCoachingEvent } from '../community-coaching';
import { ReferredCommunityCoachingCase } from '../community-coaching/community-coaching.state';
import { conditionalCautionDecider, ConditionalCautionEvent } from '../conditional-caution';
import { ReferredCaution } from '../conditional-caution/conditional-caution.state';
import { iomDecider, IomEvent } from '../iom';
import { ReferredIomCase } from '../iom/iom.state';
import { restorativeJusticeDecider, RestorativeJusticeEvent } from '../restorative-justice';
import { ReferredRestorativeJusticeCase } from '../restorative-justice/restorative-justice.state';
import { CalendarDate } from '../shared/calendar-date';
import { Decider } from '../shared/decider';
import { CaseAlreadyExists, CaseNotFound, UnknownCommand, WrongProgramme } from '../shared/domain-error';
import { ReferCase } from './case.commands';
import { CaseReferred, Programme, Referrer } from './case.events';
import { decideCorrection } from './case-corrections';
import { CaseEntry } from './case-entries';
import {
  CaseCommand,
  CaseEvent,
  isCaseCorrectionCommand,
  isCaseCorrectionEvent,
  isCommunityCoachingCommand,
  isCommunityCoachingEvent,
  isConditionalCautionCommand,
  isConditionalCautionEvent,
  isIomCommand,
  isIomEvent,
  isRestorativeJusticeCommand,
  isRestorativeJusticeEvent,
  ProgrammeCommand,
  programmeOf,
} from './case-programmes';
import { evolveProgramme, isReferred, ProgrammeCase, ProgrammeRules, refold, strike } from './programme-fold';

type Referral = CaseReferred['data'];

/**
 * A programme's case as the case decider keeps it. The referral is kept beside the programme's
 * state because the programme states drop what their rules do not need (the referrer, the
 * victim), while access checks and the case view need it. `entries` are the events the case has
 * taken, each at its stream revision, struck or standing; `nextRevision` is the revision the
 * next event takes, counting every event of the stream.
 */
export type ProgrammeCaseState<P extends Programme, S> = { programme: P; state: S; referral: Referral; entries: readonly CaseEntry[]; nextRevision: number };

export type RestorativeJusticeCaseState = ProgrammeCaseState<'restorative-justice', ReferredRestorativeJusticeCase>;
export type ConditionalCautionCaseState = ProgrammeCaseState<'conditional-caution', ReferredCaution>;
export type CommunityCoachingCaseState = ProgrammeCaseState<'community-coaching', ReferredCommunityCoachingCase>;
export type IomCaseState = ProgrammeCaseState<'iom', ReferredIomCase>;

export type ReferredCaseState = RestorativeJusticeCaseState | ConditionalCautionCaseState | CommunityCoachingCaseState | IomCaseState;

/** A case stream folded: nothing referred yet, or one programme's case. */
export type CaseState = NothingReferred | ReferredCaseState;

/** Before the referral; the revision still counts any event the stream holds before it. */
type NothingReferred = { programme: null; nextRevision: number };

const restorativeJustice: ProgrammeRules<RestorativeJusticeEvent, ReferredRestorativeJusticeCase> = { ...restorativeJusticeDecider, takes: isRestorativeJusticeEvent };
const conditionalCaution: ProgrammeRules<ConditionalCautionEvent, ReferredCaution> = { ...conditionalCautionDecider, takes: isConditionalCautionEvent };
const communityCoaching: ProgrammeRules<CommunityCoachingEvent, ReferredCommunityCoachingCase> = { ...communityCoachingDecider, takes: isCommunityCoachingEvent };
const iom: ProgrammeRules<IomEvent, ReferredIomCase> = { ...iomDecider, takes: isIomEvent };

const started = <P extends Programme, E extends CaseEvent, R extends ProgrammeCase>(
  programme: P,
  rules: ProgrammeRules<E, R>,
  event: CaseReferred,
  revision: number,
): ProgrammeCaseState<P, R> | NothingReferred => {
  const state = evolveProgramme(rules, rules.initialState(), event);
  if (!isReferred(state)) return { programme: null, nextRevision: revision + 1 };
  return { programme, state, referral: event.data, entries: [{ revision, event }], nextRevision: revision + 1 };
};

/**
 * Another programme's event and a second referral take a revision and nothing else. A strike
 * refolds the programme's state from what still stands; a programme's state never returns to
 * `none`, so a case that has been referred stays referred.
 */
const advanced = <P extends Programme, E extends CaseEvent, R extends ProgrammeCase>(
  current: ProgrammeCaseState<P, R>,
  rules: ProgrammeRules<E, R>,
  event: CaseEvent,
): ProgrammeCaseState<P, R> => {
  const revision = current.nextRevision;
  const nextRevision = revision + 1;
  if (event.type === 'CaseReferred' || !(isCaseCorrectionEvent(event) || rules.takes(event))) return { ...current, nextRevision };
  const entries = [...current.entries, { revision, event }];
  if (event.type === 'EntryStruckOut') {
    const struck = strike(entries, event, revision);
    const state = refold(rules, struck);
    return { ...current, entries: struck, nextRevision, state: isReferred(state) ? state : current.state };
  }
  const state = evolveProgramme(rules, current.state, event);
  return { ...current, entries, nextRevision, state: isReferred(state) ? state : current.state };
};

const referCase = (command: ReferCase): CaseEvent[] => {
  const { programme } = command.data;
  switch (programme) {
    case 'restorative-justice':
      return restorativeJusticeDecider.decide(command, restorativeJusticeDecider.initialState());
    case 'conditional-caution':
      return conditionalCautionDecider.decide(command, conditionalCautionDecider.initialState());
    case 'community-coaching':
      return communityCoachingDecider.decide(command, communityCoachingDecider.initialState());
    case 'iom':
      return iomDecider.decide(command, iomDecider.initialState());
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
 * correction is judged on the case's entries, a step of another programme is refused as such,
 * and the case's own programme decides the rest on what stands.
 */
const decide = (command: CaseCommand, state: CaseState): CaseEvent[] => {
  if (state.programme === null) {
    if (command.type !== 'ReferCase') throw new CaseNotFound(command.data.caseId);
    return referCase(command);
  }
  if (command.type === 'ReferCase') throw new CaseAlreadyExists(command.data.caseId);
  if (isCaseCorrectionCommand(command)) return decideCorrection(command, { caseId: state.referral.caseId, basics: state.state, entries: state.entries });
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
    case 'iom':
      if (!isIomCommand(command)) throw wrongProgramme(state, command);
      return iomDecider.decide(command, state.state);
  }
};

const referred = (event: CaseReferred, revision: number): CaseState => {
  const { programme } = event.data;
  switch (programme) {
    case 'restorative-justice':
      return started(programme, restorativeJustice, event, revision);
    case 'conditional-caution':
      return started(programme, conditionalCaution, event, revision);
    case 'community-coaching':
      return started(programme, communityCoaching, event, revision);
    case 'iom':
      return started(programme, iom, event, revision);
    default:
      return { programme: null, nextRevision: revision + 1 };
  }
};

/** Total, like each programme's: an event before the referral, another programme's event or one its programme cannot place changes nothing but the revision. */
const evolve = (state: CaseState, event: CaseEvent): CaseState => {
  switch (state.programme) {
    case null:
      return event.type === 'CaseReferred' ? referred(event, state.nextRevision) : { programme: null, nextRevision: state.nextRevision + 1 };
    case 'restorative-justice':
      return advanced(state, restorativeJustice, event);
    case 'conditional-caution':
      return advanced(state, conditionalCaution, event);
    case 'community-coaching':
      return advanced(state, communityCoaching, event);
    case 'iom':
      return advanced(state, iom, event);
  }
};

/** Every case, whatever its programme: the one decider a case stream is read and written with. */
export const caseDecider: Decider<CaseCommand, CaseEvent, CaseState> = {
  decide,
  evolve,
  initialState: () => ({ programme: null, nextRevision: 0 }),
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
