import { CalendarDate } from './calendar-date';
import { DateInFuture } from './domain-error';

export type Event<Type extends string = string, Data extends Record<string, unknown> = Record<string, unknown>> = {
  readonly type: Type;
  readonly data: Data;
};

export type Command<Type extends string = string, Data extends Record<string, unknown> = Record<string, unknown>> = {
  readonly type: Type;
  readonly data: Data;
};

/** Pure: `decide` throws a DomainError on a broken rule; `evolve` is total and never throws. */
export type Decider<C extends Command, E extends Event, S> = {
  decide: (command: C, state: S) => E[];
  evolve: (state: S, event: E) => S;
  initialState: () => S;
};

export const fold = <E extends Event, S>(decider: Pick<Decider<never, E, S>, 'evolve' | 'initialState'>, events: readonly E[]): S =>
  events.reduce(decider.evolve, decider.initialState());

/** Refuses a business date after today. */
export const notInFuture = (field: string, date: CalendarDate, today: CalendarDate): void => {
  if (date > today) throw new DateInFuture(field, date, today);
};
