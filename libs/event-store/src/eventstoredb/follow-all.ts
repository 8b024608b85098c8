import type { AllStreamResolvedEvent, Position } from '@eventstore/db-client';
import { StoredEvent, Subscription } from '../event-store.port';
import { isOurStream, isSystemEvent, storedEventOf } from './mapping';

/** A live subscription to `$all`, as the client gives one: events as they come, and a way to end it. */
export type SubscriptionLike = AsyncIterable<AllStreamResolvedEvent> & { unsubscribe: () => Promise<void> };

/** Opens a subscription from a position (undefined: from where following began). */
export type SubscriptionSource = (from: Position | undefined) => SubscriptionLike;

export type FollowOptions = {
  batchSize: number;
  /** Our streams' prefixes: the subscription is filtered on them, and anything else that comes is passed over. */
  prefixes: readonly string[];
  /** Where a passed-over event is reported: its stream, id and type, never its data. */
  log: (line: string) => void;
  retryDelayMs?: (failures: number) => number;
  onError?: (error: unknown, delayMs: number) => void;
};

const notYet = Symbol('no event waiting');

/** Resolves after pending I/O callbacks: an event already on its way arrives before it. */
const soon = (): Promise<typeof notYet> => new Promise((done) => setImmediate(() => done(notYet)));

const defaultDelay = (failures: number): number => Math.min(100 * 2 ** (failures - 1), 5000);

/**
 * Follows `$all` after `after` with a catch-up subscription: our events in batches of up to
 * `batchSize` (those already waiting go together), each batch awaited before the next. When the
 * subscription drops (a lost connection, a failed handler) it waits, with growing pauses, and
 * subscribes again from the last event handled (positions are events' own, see mapping.ts),
 * skipping what was handled already, so nothing is missed or delivered twice. An event that is
 * not ours (another application's, or not JSON) is reported and passed over: failing on it would
 * resubscribe to it for ever.
 */
export const followAll = (source: SubscriptionSource, after: bigint, handle: (events: StoredEvent[]) => Promise<void>, options: FollowOptions): Subscription => {
  const delayOf = options.retryDelayMs ?? defaultDelay;
  const onError =
    options.onError ??
    ((error: unknown, delayMs: number) => process.stderr.write(`EventStoreDB subscription after position ${handled}: ${String(error)}; again in ${delayMs} ms\n`));
  let handled = after;
  let failures = 0;
  let resumeFrom: Position | undefined;
  let stopping = false;
  let current: SubscriptionLike | undefined;
  let wake = (): void => undefined;
  const pause = (ms: number): Promise<void> =>
    new Promise((done) => {
      const timer = setTimeout(done, ms);
      wake = () => {
        clearTimeout(timer);
        done();
      };
    });

  const follow = async (subscription: SubscriptionLike): Promise<void> => {
    const events = subscription[Symbol.asyncIterator]();
    let pending = events.next();
    while (!stopping) {
      const first = await pending;
      if (first.done || stopping) return;
      const batch: { stored: StoredEvent; position: Position }[] = [];
      const take = (resolved: AllStreamResolvedEvent): void => {
        if (isSystemEvent(resolved) || !resolved.event) return;
        const { streamId, id, type, isJson } = resolved.event;
        if (!isOurStream(streamId, options.prefixes) || !isJson) {
          options.log(`EventStoreDB subscription: passed over event ${id} (${type}) in ${streamId}: not one of ours`);
          return;
        }
        const stored = storedEventOf(resolved);
        if (stored.position > handled) batch.push({ stored, position: resolved.event.position });
      };
      take(first.value);
      pending = events.next();
      while (batch.length < options.batchSize) {
        const next = await Promise.race([pending, soon()]);
        if (next === notYet) break;
        if (next.done) break;
        take(next.value);
        pending = events.next();
      }
      if (batch.length === 0) continue;
      await handle(batch.map(({ stored }) => stored));
      const last = batch[batch.length - 1];
      handled = last.stored.position;
      resumeFrom = { commit: last.position.prepare, prepare: last.position.prepare };
      failures = 0;
    }
  };

  const run = async (): Promise<void> => {
    while (!stopping) {
      try {
        current = source(resumeFrom);
        await follow(current);
        if (!stopping) throw new Error('the subscription ended');
      } catch (error) {
        if (stopping) return;
        failures += 1;
        const delay = delayOf(failures);
        onError(error, delay);
        await current?.unsubscribe().catch(() => undefined);
        await pause(delay);
      }
    }
  };

  const running = run();
  return {
    stop: async () => {
      stopping = true;
      wake();
      await current?.unsubscribe().catch(() => undefined);
      await running;
    },
  };
};
