import { StoredEvent } from '@safer-cases/event-store';
import { ClientBase, Pool } from 'pg';
import { lockProjections, writeCheckpoints } from './checkpoints';
import { Queryable } from './queryable';

/**
 * A read model stopped at one event it cannot apply: which event (never its data, which may
 * describe people), and the error, with any quoted value taken out. Its checkpoint stays just
 * before the event until an operator retries it (after a fix) or skips the event.
 */
export type ProjectionFailure = {
  projection: string;
  position: bigint;
  eventId: string;
  streamId: string;
  eventType: string;
  error: string;
  attempts: number;
  failedAt: Date;
};

/** The failure of `projection` on the event its isolated apply stopped at, as the log, /health and the tables show it. */
export const failureOf = (projection: string, stopped: { event: StoredEvent; error: unknown; attempts: number }): ProjectionFailure => ({
  projection,
  position: stopped.event.position,
  eventId: stopped.event.id,
  streamId: stopped.event.streamId,
  eventType: stopped.event.type,
  error: describeError(stopped.error),
  attempts: stopped.attempts,
  failedAt: new Date(),
});

/** An event an operator chose to leave out of one read model, with who chose and why. */
export type SkippedEvent = Omit<ProjectionFailure, 'attempts' | 'failedAt'> & { skippedBy: string; reason: string; skippedAt: Date };

export class ProjectionNotStopped extends Error {
  constructor(readonly projection: string) {
    super(`The read model ${projection} is not stopped; there is nothing to retry or skip`);
    this.name = 'ProjectionNotStopped';
  }
}

export class NotTheStoppingEvent extends Error {
  constructor(
    readonly projection: string,
    readonly stoppedAt: bigint,
    readonly asked: bigint,
  ) {
    super(`The read model ${projection} is stopped at event ${stoppedAt}, not ${asked}; only the event it is stopped at can be skipped`);
    this.name = 'NotTheStoppingEvent';
  }
}

export class SkipNeedsWhoAndWhy extends Error {
  constructor() {
    super('Skipping an event needs who decided it (--by) and why (--reason), for the record');
    this.name = 'SkipNeedsWhoAndWhy';
  }
}

type FailureRow = { projection: string; position: string; event_id: string; stream_id: string; event_type: string; error: string; attempts: number; failed_at: Date };

const failureOfRow = (row: FailureRow): ProjectionFailure => ({
  projection: row.projection,
  position: BigInt(row.position),
  eventId: row.event_id,
  streamId: row.stream_id,
  eventType: row.event_type,
  error: row.error,
  attempts: row.attempts,
  failedAt: row.failed_at,
});

const failureColumns = 'projection, position, event_id, stream_id, event_type, error, attempts, failed_at';

/** The stopped read models among `names` (every stopped one when `names` is left out). */
export const readFailures = async (db: Queryable, names?: readonly string[]): Promise<Map<string, ProjectionFailure>> => {
  const { rows } =
    names === undefined
      ? await db.query<FailureRow>(`SELECT ${failureColumns} FROM projection_failures ORDER BY projection`)
      : await db.query<FailureRow>(`SELECT ${failureColumns} FROM projection_failures WHERE projection = ANY($1::text[]) ORDER BY projection`, [names]);
  return new Map(rows.map((row) => [row.projection, failureOfRow(row)]));
};

/** Stops a read model at `event`; a second runner that found the same event first has already done so. */
export const recordFailure = async (db: Queryable, projection: string, event: StoredEvent, error: string, attempts: number): Promise<void> => {
  await db.query(
    `INSERT INTO projection_failures (projection, position, event_id, stream_id, event_type, error, attempts)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (projection) DO NOTHING`,
    [projection, event.position.toString(), event.id, event.streamId, event.type, error, attempts],
  );
};

/** The events skipped per read model, so that a rebuild leaves them out as the runner did. */
export const readSkippedPositions = async (db: Queryable, names: readonly string[]): Promise<Map<string, Set<bigint>>> => {
  const { rows } = await db.query<{ projection: string; position: string }>('SELECT projection, position FROM projection_skips WHERE projection = ANY($1::text[])', [names]);
  const skipped = new Map<string, Set<bigint>>();
  for (const row of rows) skipped.set(row.projection, (skipped.get(row.projection) ?? new Set()).add(BigInt(row.position)));
  return skipped;
};

export const readSkips = async (db: Queryable): Promise<SkippedEvent[]> => {
  const { rows } = await db.query<Omit<FailureRow, 'attempts' | 'failed_at'> & { skipped_by: string; reason: string; skipped_at: Date }>(
    'SELECT projection, position, event_id, stream_id, event_type, error, skipped_by, reason, skipped_at FROM projection_skips ORDER BY skipped_at, projection',
  );
  return rows.map((row) => ({
    projection: row.projection,
    position: BigInt(row.position),
    eventId: row.event_id,
    streamId: row.stream_id,
    eventType: row.event_type,
    error: row.error,
    skippedBy: row.skipped_by,
    reason: row.reason,
    skippedAt: row.skipped_at,
  }));
};

/** Under the runners' lock, so that a batch in hand never sees half of an operator's change. */
const asOperator = async <T>(pool: Pool, change: (client: ClientBase) => Promise<T>): Promise<T> => {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await lockProjections(client);
    const result = await change(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
};

const stoppedOne = async (client: ClientBase, projection: string): Promise<ProjectionFailure> => {
  const { rows } = await client.query<FailureRow>(`SELECT ${failureColumns} FROM projection_failures WHERE projection = $1 FOR UPDATE`, [projection]);
  if (rows.length === 0) throw new ProjectionNotStopped(projection);
  return failureOfRow(rows[0]);
};

/**
 * Lets a stopped read model try its event again, after the code or the data was mended: the
 * runners pick it up within a second and carry on from its checkpoint (attempts start afresh).
 */
export const retryProjection = (pool: Pool, projection: string): Promise<ProjectionFailure> =>
  asOperator(pool, async (client) => {
    const failure = await stoppedOne(client, projection);
    await client.query('DELETE FROM projection_failures WHERE projection = $1', [projection]);
    return failure;
  });

/**
 * Leaves the event a read model is stopped at out of that read model for good (and out of every
 * rebuild of it), recording who decided and why; the read model carries on after it. Only the
 * event it is stopped at can be skipped, so a mistyped position skips nothing.
 */
export const skipFailedEvent = (pool: Pool, skip: { projection: string; position: bigint; by: string; reason: string }): Promise<ProjectionFailure> => {
  const by = skip.by.trim();
  const reason = skip.reason.trim();
  if (by === '' || reason === '') return Promise.reject(new SkipNeedsWhoAndWhy());
  return asOperator(pool, async (client) => {
    const failure = await stoppedOne(client, skip.projection);
    if (failure.position !== skip.position) throw new NotTheStoppingEvent(skip.projection, failure.position, skip.position);
    await client.query(
      `INSERT INTO projection_skips (projection, position, event_id, stream_id, event_type, error, skipped_by, reason)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [failure.projection, failure.position.toString(), failure.eventId, failure.streamId, failure.eventType, failure.error, by, reason],
    );
    await writeCheckpoints(client, [skip.projection], failure.position);
    await client.query('DELETE FROM projection_failures WHERE projection = $1', [skip.projection]);
    return failure;
  });
};

/** An event as logs and operators see it: where it is and what it is, never what it says. */
export const nameOf = (event: Pick<StoredEvent, 'position' | 'type' | 'id' | 'streamId'> | ProjectionFailure): string =>
  'eventType' in event
    ? `event ${event.position} (${event.eventType} ${event.eventId} in stream ${event.streamId})`
    : `event ${event.position} (${event.type} ${event.id} in stream ${event.streamId})`;

/** What the error says, for a log or an operator: its SQLSTATE, and any quoted value taken out (it may be from an event's data). */
export const describeError = (error: unknown): string => {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  const message = error instanceof Error ? error.message : String(error);
  const cause = error instanceof Error && error.cause !== undefined && error.cause !== error ? error.cause : undefined;
  const own = `${withoutValues(message)}${typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? ` [${code}]` : ''}`;
  if (cause === undefined) return own;
  const inner = describeError(cause);
  return own.includes(inner) ? own : `${own} (${inner})`;
};

/**
 * PostgreSQL quotes both names ("case_summaries_pkey") and values (invalid input syntax for type
 * uuid: "…"). Only snake_case names with an underscore are kept, which no value of ours looks
 * like; a one-word name is blanked with the values, a small loss. BigInt quotes nothing.
 */
const withoutValues = (message: string): string =>
  message
    .replace(/"([^"]*)"/g, (quoted, inner: string) => (/^[a-z][a-z0-9]*(_[a-z0-9]+)+$/.test(inner) ? quoted : '"…"'))
    .replace(/Cannot convert .* to a BigInt/, 'Cannot convert a value to a BigInt');
