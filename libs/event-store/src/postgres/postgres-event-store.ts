import { randomUUID } from 'node:crypto';
import { Pool, PoolClient, PoolConfig, QueryConfig, QueryResultRow } from 'pg';
import {
  AppendResult,
  EventMetadata,
  EventStore,
  EventStoreUnavailable,
  ExpectedRevision,
  NewEvent,
  StoredEvent,
  StreamAppend,
  StreamRevisionConflict,
  Subscription,
  Upcaster,
} from '../event-store.port';
import { SqlRunner, TransactionScope } from '../transaction-scope';
import { isConnectionFailure } from './connection-failure';
import { Upcast, upcasterChain } from './upcasting';

export type PostgresEventStoreOptions = {
  upcasters?: Upcaster[];
  /** How often a caught-up subscription looks for new events. */
  pollIntervalMs?: number;
  /** How long a reader waits for appends in flight before keeping the previous settled position. */
  settleTimeout?: string;
  /**
   * Appends inside a command's `TransactionScope` join its transaction, so that the events commit
   * with the command's other writes. Only for a store on the same database as the scope's pool.
   */
  joinTransactionScope?: boolean;
};

export type EventStorePoolOptions = {
  /** Connections in the pool; appends are one statement each, so a few go a long way. */
  max?: number;
  /** Upper bound on any transaction of the store's connections, so none holds readers back for long. */
  transactionTimeout?: string;
};

/**
 * A pool whose connections cannot hold a transaction open for long: an append in flight holds
 * back the settled position that readers wait for, so every one of them is bounded.
 */
export const eventStorePoolConfig = (url: string, options: EventStorePoolOptions = {}): PoolConfig => {
  const timeout = options.transactionTimeout ?? '10s';
  return {
    connectionString: url,
    max: options.max ?? 10,
    options: `-c transaction_timeout=${timeout} -c idle_in_transaction_session_timeout=${timeout}`,
  };
};

type EventRow = {
  position: string;
  stream_id: string;
  revision: string;
  id: string;
  type: string;
  data: Record<string, unknown>;
  metadata: EventMetadata;
  schema_version: number;
};

type AppendRow = { next_revision: string; last_position: string };

const revisionConflict = 'ES409';
const lockNotAvailable = '55P03';
const uniqueViolation = '23505';
const deadlockDetected = '40P01';
const settleCooldownMs = 500;
const eventColumns = 'position, stream_id, revision, id, type, data, metadata, schema_version';

const queries = {
  append: 'SELECT next_revision, last_position FROM append_events($1, $2, $3, $4, $5, $6, $7)',
  appendOne: 'SELECT next_revision, last_position FROM append_event($1, $2, $3, $4, $5, $6, $7)',
  alreadyAppended: 'SELECT next_revision, last_position FROM events_already_appended($1, $2, $3)',
  readStream: `SELECT ${eventColumns} FROM events WHERE stream_id = $1 ORDER BY revision`,
  readAll: `SELECT ${eventColumns} FROM events WHERE position > $1 AND position <= $2 ORDER BY position LIMIT $3`,
  countUpTo: 'SELECT count(*) AS events FROM events WHERE position <= $1',
  lastTaken: 'SELECT CASE WHEN is_called THEN last_value ELSE 0 END AS position FROM events_position_seq',
  settled: 'SELECT events_settled_position($1) AS position',
};

/**
 * The event store on PostgreSQL, through the functions of the event-store migration. Readers of
 * the global order never look past the settled position (see `events_settled_position`), so a
 * subscription sees every committed event exactly once, in position order, however late its
 * append commits.
 */
export class PostgresEventStore extends EventStore {
  private settled = 0n;
  private settleAgainAt = 0;
  private closed = false;
  private readonly upcast: Upcast;
  private readonly pollIntervalMs: number;
  private readonly settleTimeout: string;
  private readonly joinTransactionScope: boolean;
  private readonly subscriptions = new Set<Subscription>();

  constructor(
    private readonly pool: Pool,
    options: PostgresEventStoreOptions = {},
    private readonly ownsPool = false,
  ) {
    super();
    pool.on('error', (error) => {
      if (!this.closed) process.stderr.write(`event store: idle connection failed: ${error.message}\n`);
    });
    this.upcast = upcasterChain(options.upcasters ?? []);
    this.pollIntervalMs = options.pollIntervalMs ?? 30;
    this.settleTimeout = options.settleTimeout ?? '2s';
    this.joinTransactionScope = options.joinTransactionScope ?? false;
  }

  /** Opens its own pool on `url` (closed by `close()`) and checks that the server answers. */
  static async connect(url: string, options: PostgresEventStoreOptions & EventStorePoolOptions = {}): Promise<PostgresEventStore> {
    const pool = new Pool(eventStorePoolConfig(url, options));
    const store = new PostgresEventStore(pool, options, true);
    try {
      await store.headPosition();
    } catch (error) {
      await pool.end();
      throw error;
    }
    return store;
  }

  async append(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    const ids = events.map((event) => event.id ?? randomUUID());
    const scope = this.scope();
    try {
      const { rows } = scope
        ? await scope.savepoint((client) => client.query<AppendRow>(appendStatement({ streamId, events, expected }, ids)))
        : await this.query<AppendRow>(appendStatement({ streamId, events, expected }, ids));
      return toAppendResult(rows[0]);
    } catch (error) {
      if (codeOf(error) === uniqueViolation && (error as { constraint?: string }).constraint === 'events_id_key') {
        const values = [streamId, encodeExpected(expected), ids];
        const { rows } = await this.query<AppendRow>({ name: 'event-store.already-appended', text: queries.alreadyAppended, values }, scope?.runner());
        if (rows[0]) return toAppendResult(rows[0]);
      }
      throw appendError(streamId, expected, error);
    }
  }

  /**
   * The same append function, once per stream, in one transaction: every revision holds, or
   * nothing is written. Inside a command's scope, that transaction is the command's own.
   */
  async appendMany(appends: StreamAppend[]): Promise<AppendResult[]> {
    if (appends.length === 1) return [await this.append(appends[0].streamId, appends[0].events, appends[0].expected)];
    // Streams are locked in one order, whatever order they were given in, so two of these never deadlock.
    const ordered = appends.map((append, index) => ({ append, index })).sort((a, b) => (a.append.streamId < b.append.streamId ? -1 : 1));
    const results: AppendResult[] = new Array(appends.length);
    let current = ordered[0].append;
    const appendAll = async (client: Pick<PoolClient, 'query'>): Promise<AppendResult[]> => {
      for (const { append, index } of ordered) {
        current = append;
        const { rows } = await client.query<AppendRow>(appendStatement(append));
        results[index] = toAppendResult(rows[0]);
      }
      return results;
    };
    const scope = this.scope();
    if (scope) {
      try {
        return await scope.savepoint(appendAll);
      } catch (error) {
        throw appendError(current.streamId, current.expected, error);
      }
    }
    let client: PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw isConnectionFailure(error) ? new EventStoreUnavailable(error) : error;
    }
    const ignore = (): void => undefined;
    client.on('error', ignore);
    try {
      await client.query('BEGIN');
      await appendAll(client);
      await client.query('COMMIT');
      return results;
    } catch (error) {
      await client.query('ROLLBACK').catch(ignore);
      throw appendError(current.streamId, current.expected, error);
    } finally {
      client.off('error', ignore);
      client.release();
    }
  }

  async readStream(streamId: string): Promise<StoredEvent[]> {
    // Inside a command that has already written, its own uncommitted events are part of the stream.
    const scope = this.scope();
    const runner = scope?.open ? scope.runner() : undefined;
    const { rows } = await this.query<EventRow>({ name: 'event-store.read-stream', text: queries.readStream, values: [streamId] }, runner);
    return rows.map((row) => this.toStoredEvent(row));
  }

  async readAll(after: bigint, limit: number): Promise<StoredEvent[]> {
    const settled = await this.headPosition();
    if (settled <= after) return [];
    const { rows } = await this.query<EventRow>({ name: 'event-store.read-all', text: queries.readAll, values: [after.toString(), settled.toString(), limit] });
    return rows.map((row) => this.toStoredEvent(row));
  }

  /**
   * The settled position. Cheap when nothing was appended since the last call (one sequence
   * read); otherwise waits for the appends in flight, and new appends queue behind the wait. If
   * an append holds on too long, the previous settled position stands and, so that writers are
   * not held up again at once, the next attempt waits a moment.
   */
  async headPosition(): Promise<bigint> {
    const { rows } = await this.query<{ position: string }>({ name: 'event-store.last-taken', text: queries.lastTaken });
    if (BigInt(rows[0].position) <= this.settled || Date.now() < this.settleAgainAt) return this.settled;
    try {
      const settled = await this.query<{ position: string }>({ name: 'event-store.settled', text: queries.settled, values: [this.settleTimeout] });
      const position = BigInt(settled.rows[0].position);
      if (position > this.settled) this.settled = position;
    } catch (error) {
      if (codeOf(error) !== lockNotAvailable) throw error;
      this.settleAgainAt = Date.now() + settleCooldownMs;
    }
    return this.settled;
  }

  /** One count on the events table, rather than reading every event. */
  override async countEvents(upTo: bigint): Promise<number> {
    const { rows } = await this.query<{ events: string }>({ name: 'event-store.count-up-to', text: queries.countUpTo, values: [upTo.toString()] });
    return Number(rows[0].events);
  }

  subscribe(after: bigint, handle: (events: StoredEvent[]) => Promise<void>, options: { batchSize?: number } = {}): Subscription {
    const batchSize = options.batchSize ?? 500;
    let stopping = false;
    let wake = (): void => undefined;
    const pause = (ms: number): Promise<void> =>
      new Promise((done) => {
        const timer = setTimeout(done, ms);
        wake = () => {
          clearTimeout(timer);
          done();
        };
      });
    const loop = async (): Promise<void> => {
      let position = after;
      let failures = 0;
      while (!stopping) {
        try {
          const batch = await this.readAll(position, batchSize);
          if (stopping) break;
          if (batch.length === 0) {
            await pause(this.pollIntervalMs);
          } else {
            await handle(batch);
            position = batch[batch.length - 1].position;
          }
          failures = 0;
        } catch (error) {
          failures += 1;
          const delay = Math.min(100 * 2 ** (failures - 1), 5000);
          process.stderr.write(`event store subscription after position ${position}: ${explain(error)}; retrying in ${delay} ms\n`);
          await pause(delay);
        }
      }
    };
    const running = loop();
    const subscription: Subscription = {
      stop: async () => {
        stopping = true;
        wake();
        await running;
        this.subscriptions.delete(subscription);
      },
    };
    this.subscriptions.add(subscription);
    return subscription;
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    if (this.ownsPool) await this.pool.end();
  }

  private scope(): TransactionScope | undefined {
    return this.joinTransactionScope ? TransactionScope.current() : undefined;
  }

  private async query<Row extends QueryResultRow>(config: QueryConfig, runner: SqlRunner = this.pool as SqlRunner): Promise<{ rows: Row[] }> {
    try {
      return await runner.query<Row>(config);
    } catch (error) {
      if (isConnectionFailure(error)) throw new EventStoreUnavailable(error);
      throw error;
    }
  }

  private toStoredEvent(row: EventRow): StoredEvent {
    const { schemaVersion, data } = this.upcast(row.type, row.schema_version, row.data);
    return {
      id: row.id,
      streamId: row.stream_id,
      revision: Number(row.revision),
      position: BigInt(row.position),
      type: row.type,
      data,
      metadata: row.metadata,
      schemaVersion,
    };
  }
}

const appendError = (streamId: string, expected: ExpectedRevision, error: unknown): unknown => {
  if (codeOf(error) === revisionConflict) {
    const actual = (error as { detail?: string }).detail;
    return new StreamRevisionConflict(streamId, expected, actual === undefined || actual === 'no-stream' ? 'no-stream' : Number(actual));
  }
  // Two multi-stream appends that met in opposite orders: one was aborted, and is as good as a clash.
  if (codeOf(error) === deadlockDetected) return new StreamRevisionConflict(streamId, expected, 'no-stream');
  return isConnectionFailure(error) ? new EventStoreUnavailable(error) : error;
};

/** One event goes as plain parameters, which are cheaper to send and parse than the arrays of several. */
const appendStatement = ({ streamId, events, expected }: StreamAppend, ids = events.map((event) => event.id ?? randomUUID())): QueryConfig => {
  if (events.length === 0) throw new RangeError(`Nothing to append to stream ${streamId}`);
  if (events.length === 1) {
    const [event] = events;
    return {
      name: 'event-store.append-one',
      text: queries.appendOne,
      values: [streamId, encodeExpected(expected), ids[0], event.type, JSON.stringify(event.data), JSON.stringify(event.metadata), event.schemaVersion ?? 1],
    };
  }
  return {
    name: 'event-store.append',
    text: queries.append,
    values: [
      streamId,
      encodeExpected(expected),
      ids,
      events.map((event) => event.type),
      events.map((event) => JSON.stringify(event.data)),
      events.map((event) => JSON.stringify(event.metadata)),
      events.map((event) => event.schemaVersion ?? 1),
    ],
  };
};

const encodeExpected = (expected: ExpectedRevision): number => {
  if (expected === 'no-stream') return -1;
  if (expected === 'any') return -2;
  if (!Number.isSafeInteger(expected) || expected < 0) throw new RangeError(`Expected revision must be a revision (0 or more), 'no-stream' or 'any', not ${expected}`);
  return expected;
};

const toAppendResult = (row: AppendRow): AppendResult => ({ nextRevision: Number(row.next_revision), position: BigInt(row.last_position) });

const codeOf = (error: unknown): unknown => (typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined);

const explain = (error: unknown): string => {
  if (!(error instanceof Error)) return String(error);
  return error.cause instanceof Error ? `${error.message} (${error.cause.message})` : error.message;
};
