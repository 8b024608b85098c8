import { EventStoreUnavailable, StoredEvent } from '@safer-cases/event-store';
import { isConnectionFailure } from '@safer-cases/event-store/postgres/connection-failure';
import { PoolClient } from 'pg';
import { describeError, nameOf } from './projection-failures';
import { Projection, StreamReader, TableName } from './projection';

/**
 * SQLSTATEs that are the database's trouble, not the event's: out of disk, memory or
 * connections (53), an I/O or system error (58), a shutdown or restart (57P0x), a serialisation
 * failure, a deadlock, a lock not available. Like a lost connection, they pass. A statement
 * timeout (57014) is not among them: an event that is too slow every time is the event's.
 */
const passingClasses = ['53', '58'];
const passingCodes = new Set(['57P01', '57P02', '57P03', '57P04', '57P05', '40001', '40P01', '55P03', '55006']);

/**
 * True when an error says the database is in trouble rather than that the events are wrong:
 * such an error is waited out, never blamed on an event, so it can never stop a read model.
 */
export const isDatabaseTrouble = (error: unknown, depth = 0): boolean => {
  // The store out of reach while a read model reads a stream (to put a struck entry right) is no event's fault either.
  if (isConnectionFailure(error) || error instanceof EventStoreUnavailable) return true;
  if (typeof error !== 'object' || error === null || depth > 5) return false;
  const { code, cause } = error as { code?: unknown; cause?: unknown };
  if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && (passingCodes.has(code) || passingClasses.includes(code.slice(0, 2)))) return true;
  return isDatabaseTrouble(cause, depth + 1);
};

export type IsolationPolicy = {
  /** Times one event is tried, in all, before its read model stops at it. */
  attempts: number;
  /** Wait between two tries of one event, doubling from `minMs` up to `maxMs`. */
  retry: { minMs: number; maxMs: number };
  pause: (ms: number) => Promise<void>;
  /** Asked after each wait: true gives the batch up (it is rolled back whole). */
  abandoned: () => boolean;
  log: (message: string) => void;
};

export type Isolated = { kind: 'applied' } | { kind: 'stopped'; event: StoredEvent; error: unknown; attempts: number };

/** The batch in hand was given up while one of its events was being tried again. */
export class BatchAbandoned extends Error {
  constructor() {
    super('The batch was given up: the runner is stopping');
    this.name = 'BatchAbandoned';
  }
}

const applied: Isolated = { kind: 'applied' };

/**
 * Applies one projection's share of a batch in a savepoint, so that its failure undoes its own
 * writes only. When the events fail together for a reason of their own, they are applied one
 * at a time to find the one at fault (a batch can also fail where each event alone goes
 * through); that event is tried again, with back-off, to rule out a passing cause, and then
 * reported `stopped`, with the events before it applied. The database's own trouble is thrown:
 * the caller retries the whole batch, for as long as it takes.
 */
export const applyIsolated = async (
  projection: Projection,
  events: readonly StoredEvent[],
  client: PoolClient,
  { table, streams }: { table: TableName; streams: StreamReader },
  policy: IsolationPolicy,
): Promise<Isolated> => {
  if (events.length === 0) return applied;
  const apply = (some: readonly StoredEvent[]) => () => projection.apply(some, client, table, streams);
  const together = await inSavepoint(client, apply(events));
  if (together === undefined) return applied;
  if (events.length === 1) return tryAgain(projection, events[0], together, client, apply([events[0]]), policy);
  const range = `${events[0].position}–${events[events.length - 1].position}`;
  policy.log(`projection ${projection.name} failed on events ${range}: ${describeError(together.error)}; applying them one at a time to find the one at fault`);
  for (const event of events) {
    const alone = await inSavepoint(client, apply([event]));
    if (alone === undefined) continue;
    const outcome = await tryAgain(projection, event, alone, client, apply([event]), policy);
    if (outcome.kind === 'stopped') return outcome;
  }
  return applied;
};

type Failure = { error: unknown };

const tryAgain = async (
  projection: Projection,
  event: StoredEvent,
  first: Failure,
  client: PoolClient,
  applyAlone: () => Promise<void>,
  policy: IsolationPolicy,
): Promise<Isolated> => {
  let failure: Failure | undefined = first;
  for (let attempt = 1; failure !== undefined; attempt++) {
    if (attempt >= policy.attempts) return { kind: 'stopped', event, error: failure.error, attempts: attempt };
    const delay = Math.min(policy.retry.minMs * 2 ** (attempt - 1), policy.retry.maxMs);
    policy.log(
      `projection ${projection.name} failed on ${nameOf(event)} (attempt ${attempt} of ${policy.attempts}): ${describeError(failure.error)}; trying it again in ${delay} ms`,
    );
    await policy.pause(delay);
    if (policy.abandoned()) throw new BatchAbandoned();
    failure = await inSavepoint(client, applyAlone);
  }
  return applied;
};

/** Undefined when `work` went through; its failure, its writes undone, when it failed for a reason of its own. */
const inSavepoint = async (client: PoolClient, work: () => Promise<void>): Promise<Failure | undefined> => {
  await client.query('SAVEPOINT isolated');
  try {
    await work();
  } catch (error) {
    if (isDatabaseTrouble(error)) throw error;
    await client.query('ROLLBACK TO SAVEPOINT isolated');
    await client.query('RELEASE SAVEPOINT isolated');
    return { error };
  }
  await client.query('RELEASE SAVEPOINT isolated');
  return undefined;
};
