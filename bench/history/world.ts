import { randomUUID } from 'node:crypto';
import { CalendarDate, Command, Decider, DomainError, Event } from '@safer-cases/domain';
import { EventMetadata } from '@safer-cases/event-store';

/** An event as the store would hold it, before it is given a position. */
export type HistoryEvent = { id: string; streamId: string; revision: number; type: string; data: Record<string, unknown>; metadata: EventMetadata };

/** Deterministic, so that every run grows the same history (mulberry32). */
export class Random {
  constructor(private seed: number) {}

  next(): number {
    this.seed = (this.seed + 0x6d2b79f5) | 0;
    let t = Math.imul(this.seed ^ (this.seed >>> 15), 1 | this.seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** A whole number from `low` to `high`, both included. */
  int(low: number, high: number): number {
    return low + Math.floor(this.next() * (high - low + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
}

/**
 * Every stream's state, kept by folding the events its decider decided: each command of the
 * history goes through the domain's `decide`, exactly as the API's handlers do, so the history
 * holds only what the rules allow. Events are recorded on the command's day, their recording
 * times rising through it.
 */
export class World {
  private readonly streams = new Map<string, { revision: number; state: unknown }>();
  private pending: HistoryEvent[] = [];
  private day = '';
  private secondOfDay = 0;
  readonly refusals = new Map<string, number>();
  recorded = 0;

  constructor(readonly random: Random) {}

  state<S>(decider: Pick<Decider<never, never, S>, 'initialState'>, streamId: string): S {
    return (this.streams.get(streamId)?.state as S | undefined) ?? decider.initialState();
  }

  /** Decides and records; a refusal is thrown as the domain's error and records nothing. */
  decide<C extends Command, E extends Event, S>(decider: Decider<C, E, S>, streamId: string, command: C, recordedBy: string, correlationId: string = randomUUID()): E[] {
    const current = this.streams.get(streamId) ?? { revision: -1, state: decider.initialState() };
    const events = decider.decide(command, current.state as S);
    let { revision, state } = current;
    const recordedAt = this.recordedAt(command.data.today as CalendarDate);
    for (const event of events) {
      state = decider.evolve(state as S, event);
      revision += 1;
      this.pending.push({ id: randomUUID(), streamId, revision, type: event.type, data: event.data, metadata: { recordedAt, recordedBy, correlationId } });
    }
    this.streams.set(streamId, { revision, state });
    this.recorded += events.length;
    return events;
  }

  /** As `decide`, but a refusal is counted and answered with undefined: the caller tries something else. */
  attempt<C extends Command, E extends Event, S>(decider: Decider<C, E, S>, streamId: string, command: C, recordedBy: string, correlationId?: string): E[] | undefined {
    try {
      return this.decide(decider, streamId, command, recordedBy, correlationId);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      this.refusals.set(error.code, (this.refusals.get(error.code) ?? 0) + 1);
      return undefined;
    }
  }

  /** The events recorded since the last call, in the order they were recorded. */
  take(): HistoryEvent[] {
    const taken = this.pending;
    this.pending = [];
    return taken;
  }

  get waiting(): number {
    return this.pending.length;
  }

  /** Every stream's last revision. */
  revisions(): [string, number][] {
    return [...this.streams].map(([streamId, { revision }]) => [streamId, revision]);
  }

  private recordedAt(today: CalendarDate): string {
    if (today !== this.day) {
      this.day = today;
      this.secondOfDay = 8 * 3600;
    }
    this.secondOfDay = Math.min(this.secondOfDay + 3, 24 * 3600 - 1);
    const time = new Date(this.secondOfDay * 1000).toISOString().slice(11, 19);
    return `${today}T${time}.000Z`;
  }
}

/** The steps still to come, by business date. */
export class Calendar {
  private readonly byDay = new Map<CalendarDate, ((today: CalendarDate) => void)[]>();

  at(on: CalendarDate, step: (today: CalendarDate) => void): void {
    const steps = this.byDay.get(on) ?? [];
    steps.push(step);
    this.byDay.set(on, steps);
  }

  /** Runs the day's steps, including those a step adds for the same day. */
  run(today: CalendarDate): void {
    const steps = this.byDay.get(today) ?? [];
    for (let index = 0; index < steps.length; index++) steps[index](today);
    this.byDay.delete(today);
  }
}
