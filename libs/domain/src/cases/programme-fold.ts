import { CalendarDate } from '../shared/calendar-date';
import { EntryStruckOut } from './case.events';
import { CaseEntry, entryKinds, isStanding } from './case-entries';
import { CaseEvent } from './case-programmes';
import { CaseBasics } from './case-steps';

/*
 * A programme's state folded by the case decider: the programme's own evolve for its events,
 * and the corrections around it, so that no programme's rules need to know of strikes.
 */

export type None = { status: 'none' };

export type ProgrammeCase = CaseBasics & { status: string };

/** What the case decider needs of a programme's decider to fold its events. */
export type ProgrammeRules<E extends CaseEvent, R extends ProgrammeCase> = {
  evolve: (state: R | None, event: E) => R | None;
  initialState: () => R | None;
  takes: (event: CaseEvent) => event is E;
};

export const isReferred = <R extends ProgrammeCase>(state: R | None): state is R => state.status !== 'none';

/** After a reopening the case takes steps again as before its closure, none dated before the reopening. */
export const reopened = <R extends ProgrammeCase>(state: R, on: CalendarDate): R =>
  state.closed ? { ...state, closed: false, lastStepOn: on > state.lastStepOn ? on : state.lastStepOn } : state;

/** One event's effect on the programme's state: its own decider's, or a reopening, which is alike for every programme. */
export const evolveProgramme = <E extends CaseEvent, R extends ProgrammeCase>(rules: ProgrammeRules<E, R>, state: R | None, event: CaseEvent): R | None => {
  if (event.type === 'CaseReopened') return isReferred(state) ? reopened(state, event.data.on) : state;
  return rules.takes(event) ? rules.evolve(state, event) : state;
};

/** Folded from the entries that stand: a struck entry counts as never having happened, and no programme needs to know of strikes. */
export const refold = <E extends CaseEvent, R extends ProgrammeCase>(rules: ProgrammeRules<E, R>, entries: readonly CaseEntry[]): R | None =>
  entries.filter(isStanding).reduce((state, { event }) => evolveProgramme(rules, state, event), rules.initialState());

/** Marks the entry struck; the referral, a correction or an entry already struck is left as it is, so evolve stays total. */
export const strike = (entries: readonly CaseEntry[], { data: { revision, reason } }: EntryStruckOut, struckAt: number): readonly CaseEntry[] =>
  entries.map((entry) => {
    const kind = entryKinds[entry.event.type];
    return entry.revision === revision && isStanding(entry) && (kind === 'step' || kind === 'fact') ? { ...entry, struckOut: { revision: struckAt, reason } } : entry;
  });
