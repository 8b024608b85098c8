import { EventStore, StoredEvent } from '@safer-cases/event-store';
import { Pool, PoolClient } from 'pg';
import { lockProjections, readCheckpoints, writeCheckpoints } from './checkpoints';
import { applyIsolated, IsolationPolicy } from './isolation';
import { failureOf, ProjectionFailure, readSkippedPositions } from './projection-failures';
import { Projection, TableName } from './projection';

export type RebuildProgress = { done: number; total: number; elapsedMs: number };

/** What a rebuild reads of the store: the global order, how far it is settled, and a case's stream when one of its entries is struck out. */
export type GlobalOrder = Pick<EventStore, 'readAll' | 'headPosition' | 'countEvents' | 'readStream'>;

export type RebuildOptions = {
  pool: Pool;
  store: GlobalOrder;
  projections: readonly Projection[];
  /**
   * Events read and applied at a time. Big batches pay: a row touched by many events of one
   * batch is written once, and each statement carries more rows.
   */
  batchSize?: number;
  onProgress?: (progress: RebuildProgress) => void;
  /** Told of an event that fails, while it is found and tried again (never of its data). */
  log?: (message: string) => void;
  /** Times one event is tried, in all, before its read model is left out of the rebuild (5 unless set). */
  attemptsPerEvent?: number;
  /** Wait between two tries of one event, doubling from `minMs` up to `maxMs`. */
  retry?: { minMs: number; maxMs: number };
};

/**
 * `failed`: the read models left out because one event failed them every time; their live
 * tables and checkpoints are as they were, and the others were rebuilt and swapped in.
 */
export type RebuildResult = { events: number; position: bigint; seconds: number; eventsPerSecond: number; failed: ProjectionFailure[] };

/** Another rebuild is filling the same shadow tables. */
export class RebuildAlreadyRunning extends Error {
  constructor() {
    super('Another rebuild of the read models is running on this database; wait for it to finish');
    this.name = 'RebuildAlreadyRunning';
  }
}

/** Held by a rebuild for its whole run, so that two never fill the same shadow tables. */
const rebuildLockKey = 4_801_776_019;

export const shadowTable = (table: string): string => `${table}__rebuild`;

/**
 * Rebuilds every projection from the whole event store without disturbing readers: fresh shadow
 * tables (`<table>__rebuild`, like the live ones) are filled from the global order in big
 * batches, then, in one transaction that holds the runners off, brought up to the newest
 * event, swapped in for the live tables (indexes and constraints keep their names) and the
 * checkpoints set. A reader sees the old tables or the new ones, whole, never a mixture.
 * Projection tables must therefore stand alone: no sequences (serial), foreign keys or views.
 *
 * One event cannot stop a rebuild, any more than it can stop the runner: the read model it fails
 * (found and tried again as the runner does) is left out, its shadow tables dropped and its live
 * tables and checkpoint kept, while the others are rebuilt; `failed` names it and the event.
 * Leaving the live tables as they were, rather than swapping in a read model with a hole in it,
 * means a rebuild never makes a read model worse; events an operator skipped
 * (`skipFailedEvent`) are left out here as they were live, so a recorded decision holds. A lost
 * connection, by contrast, ends the rebuild with nothing swapped: run it again.
 */
export const rebuildProjections = async (options: RebuildOptions): Promise<RebuildResult> => {
  const { pool, store, projections } = options;
  const batchSize = options.batchSize ?? 50_000;
  const tables = [...new Set(projections.flatMap((projection) => projection.tables))];
  const shadow: TableName = (logical) => (tables.includes(logical) ? shadowTable(logical) : logical);
  const started = performance.now();
  const client = await pool.connect();
  let failure: Error | undefined;
  const onError = (error: Error): void => {
    failure = failure ?? error;
  };
  client.on('error', onError);
  try {
    const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [rebuildLockKey]);
    if (!rows[0].locked) throw new RebuildAlreadyRunning();
    const deferredIndexes: string[] = [];
    for (const table of tables) deferredIndexes.push(...(await createShadow(client, table)));
    // Counted through the store, which holds the events: PostgreSQL's or EventStoreDB.
    const head = await store.headPosition();
    const total = await store.countEvents(head);
    const skipped = await readSkippedPositions(
      client,
      projections.map((projection) => projection.name),
    );
    const isolation: IsolationPolicy = {
      attempts: options.attemptsPerEvent ?? 5,
      retry: options.retry ?? { minMs: 100, maxMs: 10_000 },
      pause: (ms) => new Promise((done) => setTimeout(done, ms)),
      abandoned: () => false,
      log: options.log ?? (() => undefined),
    };
    const replay: Replay = { client, store, projections, shadow, batchSize, position: 0n, done: 0, skipped, isolation, failed: new Map() };
    const report = (): void => options.onProgress?.({ done: replay.done, total: Math.max(total, replay.done), elapsedMs: performance.now() - started });
    // Up to the head as it was, then once more up to the head as it is: writers that carry on
    // meanwhile never keep the replay chasing them, and what they add is left for the swap.
    await replayAll(replay, report, head);
    await replayAll(replay, report, await store.headPosition());
    for (const definition of deferredIndexes) await client.query(definition);
    for (const table of rebuiltTables(replay)) {
      if (await isLogged(client, table)) await client.query(`ALTER TABLE ${quote(shadowTable(table))} SET LOGGED`);
      await client.query(`ANALYZE ${quote(shadowTable(table))}`);
    }
    await swapIn(replay, report);
    await client.query('SELECT pg_advisory_unlock($1)', [rebuildLockKey]);
    const failed = [...replay.failed.values()];
    if (failed.length > 0)
      await dropShadows(
        pool,
        tables.filter((table) => !rebuiltTables(replay).includes(table)),
      );
    const seconds = (performance.now() - started) / 1000;
    return { events: replay.done, position: replay.position, seconds, eventsPerSecond: replay.done / seconds, failed };
  } catch (error) {
    failure = error instanceof Error ? error : new Error(String(error));
    throw error;
  } finally {
    // A failed rebuild's connection is closed, which rolls back what it held and gives up its lock.
    client.removeListener('error', onError);
    client.release(failure);
    if (failure && !(failure instanceof RebuildAlreadyRunning)) await dropShadows(pool, tables);
  }
};

const dropShadows = async (pool: Pool, tables: readonly string[]): Promise<void> => {
  for (const table of tables) await pool.query(`DROP TABLE IF EXISTS ${quote(shadowTable(table))}`).catch(() => undefined);
};

/**
 * An empty copy of a live table, unlogged while it is filled (it is thrown away if the rebuild
 * dies) and without its plain indexes, which are built once it is full: cheaper than keeping
 * them up to date row by row. Unique indexes stay, for the projections' upserts. Returns the
 * definitions of the indexes left to build.
 */
const createShadow = async (client: PoolClient, table: string): Promise<string[]> => {
  const shadowName = shadowTable(table);
  await client.query(`DROP TABLE IF EXISTS ${quote(shadowName)}`);
  await client.query(`CREATE UNLOGGED TABLE ${quote(shadowName)} (LIKE ${quote(table)} INCLUDING ALL)`);
  const { rows } = await client.query<{ name: string; definition: string }>(
    `SELECT ix.relname AS name, pg_get_indexdef(i.indexrelid) AS definition
     FROM pg_index i JOIN pg_class ix ON ix.oid = i.indexrelid
     WHERE i.indrelid = $1::regclass AND NOT i.indisunique
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`,
    [shadowName],
  );
  for (const { name } of rows) await client.query(`DROP INDEX ${quote(name)}`);
  return rows.map(({ definition }) => definition);
};

type Replay = {
  client: PoolClient;
  store: GlobalOrder;
  projections: readonly Projection[];
  shadow: TableName;
  batchSize: number;
  position: bigint;
  done: number;
  /** Per read model, the positions operators chose to skip. */
  skipped: Map<string, Set<bigint>>;
  isolation: IsolationPolicy;
  /** The read models left out, each with the event that failed it. */
  failed: Map<string, ProjectionFailure>;
};

const rebuilt = (replay: Replay): Projection[] => replay.projections.filter((projection) => !replay.failed.has(projection.name));

/** The tables to swap in: those of the read models rebuilt whole, and of none left out. */
const rebuiltTables = (replay: Replay): string[] => {
  const leftOut = new Set(replay.projections.filter((projection) => replay.failed.has(projection.name)).flatMap((projection) => projection.tables));
  return [...new Set(rebuilt(replay).flatMap((projection) => projection.tables))].filter((table) => !leftOut.has(table));
};

/** Up to the newest settled event, reading the next batch while the last one is applied. */
const replayAll = async (replay: Replay, report: () => void, upTo: bigint): Promise<void> => {
  let next = prefetch(replay.store, replay.position, replay.batchSize);
  for (;;) {
    const batch = upToPosition(await next, upTo);
    if (batch.length === 0) return;
    next = prefetch(replay.store, batch[batch.length - 1].position, replay.batchSize);
    await replay.client.query('BEGIN');
    await applyBatch(replay, batch);
    await replay.client.query('COMMIT');
    report();
  }
};

const upToPosition = (batch: StoredEvent[], upTo: bigint): StoredEvent[] => batch.filter((event) => event.position <= upTo);

const prefetch = (store: GlobalOrder, after: bigint, limit: number): Promise<StoredEvent[]> => {
  const reading = store.readAll(after, limit);
  reading.catch(() => undefined);
  return reading;
};

const applyBatch = async (replay: Replay, batch: readonly StoredEvent[]): Promise<void> => {
  for (const projection of rebuilt(replay)) {
    const handled = new Set(projection.handles);
    const skipped = replay.skipped.get(projection.name);
    const events = batch.filter((event) => handled.has(event.type) && !skipped?.has(event.position));
    const outcome = await applyIsolated(projection, events, replay.client, { table: replay.shadow, streams: replay.store }, replay.isolation);
    if (outcome.kind === 'stopped') replay.failed.set(projection.name, failureOf(projection.name, outcome));
  }
  replay.position = batch[batch.length - 1].position;
  replay.done += batch.length;
};

/**
 * With the runners held off, takes in the events that arrived during the replay (at least up to
 * every live checkpoint, so the new tables are never behind the old), swaps the tables and sets
 * the checkpoints, all in one transaction.
 */
const swapIn = async (replay: Replay, report: () => void): Promise<void> => {
  const { client } = replay;
  await client.query('BEGIN');
  try {
    await lockProjections(client);
    const live = await readCheckpoints(
      client,
      rebuilt(replay).map((projection) => projection.name),
    );
    const target = [...live.values()].reduce((high, position) => (position > high ? position : high), 0n);
    // No further than the head as the swap began: what writers add after that, the live runners
    // take in from the new checkpoint, so the swap never chases them while it holds the runners off.
    const head = await replay.store.headPosition();
    const stopAt = head > target ? head : target;
    for (;;) {
      const batch = upToPosition(await replay.store.readAll(replay.position, replay.batchSize), stopAt);
      if (batch.length > 0) {
        await applyBatch(replay, batch);
        report();
      } else if (replay.position >= target) {
        break;
      } else {
        await new Promise((done) => setTimeout(done, 50));
      }
    }
    for (const table of rebuiltTables(replay)) await swapTable(client, table);
    const names = rebuilt(replay).map((projection) => projection.name);
    await writeCheckpoints(client, names, replay.position);
    // Rebuilt past whatever stopped them live, they run again from their new checkpoint.
    await client.query('DELETE FROM projection_failures WHERE projection = ANY($1::text[])', [names]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
};

const swapTable = async (client: PoolClient, table: string): Promise<void> => {
  const liveIndexes = await indexesOf(client, table);
  const freshIndexes = await indexesOf(client, shadowTable(table));
  await client.query(`DROP TABLE ${quote(table)}`);
  await client.query(`ALTER TABLE ${quote(shadowTable(table))} RENAME TO ${quote(table)}`);
  for (const fresh of freshIndexes) {
    const match = liveIndexes.findIndex((old) => old.shape === fresh.shape);
    if (match < 0) continue;
    const [old] = liveIndexes.splice(match, 1);
    if (old.name !== fresh.name) await client.query(`ALTER INDEX ${quote(fresh.name)} RENAME TO ${quote(old.name)}`);
  }
};

/** Each index of a table with its definition stripped of its own name and its table's. */
const indexesOf = async (client: PoolClient, table: string): Promise<{ name: string; shape: string }[]> => {
  const { rows } = await client.query<{ name: string; definition: string }>(
    `SELECT ix.relname AS name, pg_get_indexdef(i.indexrelid) AS definition
     FROM pg_index i JOIN pg_class ix ON ix.oid = i.indexrelid
     WHERE i.indrelid = $1::regclass ORDER BY ix.relname`,
    [table],
  );
  return rows.map(({ name, definition }) => ({ name, shape: definition.replace(/^CREATE (UNIQUE )?INDEX \S+ ON (ONLY )?\S+/, 'CREATE $1INDEX ON') }));
};

const isLogged = async (client: PoolClient, table: string): Promise<boolean> => {
  const { rows } = await client.query<{ persistence: string }>('SELECT relpersistence AS persistence FROM pg_class WHERE oid = $1::regclass', [table]);
  return rows[0].persistence === 'p';
};

const quote = (identifier: string): string => `"${identifier.replace(/"/g, '""')}"`;
