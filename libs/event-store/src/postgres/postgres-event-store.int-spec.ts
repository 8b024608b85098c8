import { randomUUID } from 'node:crypto';
import { Client, Pool } from 'pg';
import { DataSource } from 'typeorm';
import { migrate } from '@safer-cases/database';
import { EventStore1763840000000 } from '@safer-cases/database/migrations/1763840000000-event-store';
import { createTestDatabase } from '@safer-cases/testing/test-database';
import { describeEventStoreContract } from '../event-store.contract';
import { EventMetadata, EventStoreUnavailable, NewEvent, StoredEvent, StreamRevisionConflict } from '../event-store.port';
import { eventStorePoolConfig, PostgresEventStore } from './postgres-event-store';

const metadata: EventMetadata = { recordedAt: '2025-03-01T10:00:00.000Z', recordedBy: 'tester' };
const event = (type: string, data: Record<string, unknown> = {}, id: string = randomUUID()): NewEvent => ({ id, type, data, metadata });
const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));
const randomBetween = (low: number, high: number): number => low + Math.floor(Math.random() * (high - low + 1));

const waitFor = async (condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(10);
  }
};

let url: string;

beforeAll(async () => {
  url = await createTestDatabase();
  await migrate(url);
});

describeEventStoreContract('PostgreSQL', () => PostgresEventStore.connect(url));

describe('PostgreSQL event store', () => {
  let store: PostgresEventStore;
  const clients: Client[] = [];

  /** A connection outside the store, for transactions the store's own API never leaves open. */
  const rawClient = async (): Promise<Client> => {
    const client = new Client(url);
    await client.connect();
    clients.push(client);
    return client;
  };

  /** Appends inside an open transaction: the events have their positions but are not committed. */
  const beginAppend = async (client: Client, streamId: string, events: NewEvent[]): Promise<bigint> => {
    await client.query('BEGIN');
    const { rows } = await client.query<{ last_position: string }>('SELECT last_position FROM append_events($1, -2, $2, $3, $4, $5, $6)', [
      streamId,
      events.map((each) => each.id),
      events.map((each) => each.type),
      events.map((each) => JSON.stringify(each.data)),
      events.map((each) => JSON.stringify(each.metadata)),
      events.map(() => 1),
    ]);
    return BigInt(rows[0].last_position);
  };

  beforeAll(async () => {
    store = await PostgresEventStore.connect(url, { max: 20, settleTimeout: '300ms' });
  });

  afterAll(async () => {
    await store.close();
    await Promise.all(clients.map((client) => client.end()));
  });

  describe('global order', () => {
    it('delivers every committed event exactly once, in position order, however late its append commits', async () => {
      const streams = Array.from({ length: 24 }, () => `race-${randomUUID()}`);
      const committed = new Set<string>();
      const rolledBack = new Set<string>();
      const seen: StoredEvent[] = [];
      const subscription = store.subscribe(
        0n,
        async (batch) => {
          seen.push(...batch);
        },
        { batchSize: 50 },
      );

      const appender = async (): Promise<void> => {
        const client = await rawClient();
        for (let attempt = 0; attempt < 25; attempt++) {
          const streamId = streams[randomBetween(0, streams.length - 1)];
          const events = Array.from({ length: randomBetween(1, 3) }, () => event('Raced', { attempt }));
          const ids = events.map((each) => each.id ?? '');
          const roll = Math.random();
          if (roll < 0.25) {
            await beginAppend(client, streamId, events);
            await sleep(randomBetween(50, 200));
            await client.query('COMMIT');
            ids.forEach((id) => committed.add(id));
          } else if (roll < 0.32) {
            await beginAppend(client, streamId, events);
            await sleep(randomBetween(10, 60));
            await client.query('ROLLBACK');
            ids.forEach((id) => rolledBack.add(id));
          } else {
            await store.append(streamId, events, 'any');
            ids.forEach((id) => committed.add(id));
          }
        }
      };
      await Promise.all(Array.from({ length: 16 }, appender));

      const ours = (): StoredEvent[] => seen.filter((stored) => stored.streamId.startsWith('race-'));
      await waitFor(() => ours().length >= committed.size, 'the subscriber to catch up');
      await sleep(200);
      await subscription.stop();

      const delivered = ours().map((stored) => stored.id);
      expect(rolledBack.size).toBeGreaterThan(0);
      expect(committed.size).toBeGreaterThan(300);
      expect(new Set(delivered).size).toBe(delivered.length);
      expect(new Set(delivered)).toEqual(committed);
      for (let index = 1; index < seen.length; index++) expect(seen[index].position).toBeGreaterThan(seen[index - 1].position);
    });

    it('keeps readers below an append that has taken its position but not committed', async () => {
      const client = await rawClient();
      const before = await store.headPosition();
      const late = event('Late');
      const latePosition = await beginAppend(client, `late-${randomUUID()}`, [late]);
      const early = await store.append(`early-${randomUUID()}`, [event('Early')], 'no-stream');
      expect(early.position).toBeGreaterThan(latePosition);

      expect(await store.headPosition()).toBe(before);
      expect(await store.readAll(before, 10)).toEqual([]);

      await client.query('COMMIT');
      // The store waits a moment before it tries to settle again after an append held it up, so the read is polled.
      let read: StoredEvent[] = [];
      await waitFor(async () => {
        read = await store.readAll(before, 10);
        return read.length > 0;
      }, 'the committed append to be read');
      expect(read.map((stored) => stored.position)).toEqual([latePosition, early.position]);
    });

    it('is not held up by a long transaction that appends nothing', async () => {
      const client = await rawClient();
      await client.query('CREATE TABLE unrelated_work (id integer)');
      await client.query('BEGIN');
      await client.query('INSERT INTO unrelated_work VALUES (1)');
      const seen: string[] = [];
      const subscription = store.subscribe(await store.headPosition(), async (batch) => {
        seen.push(...batch.map((stored) => stored.id));
      });
      const started = Date.now();
      const ids: string[] = [];
      for (let index = 0; index < 20; index++) {
        const appended = event('WhileBusy');
        const result = await store.append(`busy-${randomUUID()}`, [appended], 'no-stream');
        ids.push(appended.id ?? '');
        expect(await store.headPosition()).toBeGreaterThanOrEqual(result.position);
      }
      await waitFor(() => ids.every((id) => seen.includes(id)), 'the subscriber to see every append');
      expect(Date.now() - started).toBeLessThan(2000);
      await subscription.stop();
      await client.query('ROLLBACK');
    });
  });

  describe('appending', () => {
    it('refuses an append with no events', async () => {
      await expect(store.append(`empty-${randomUUID()}`, [], 'no-stream')).rejects.toThrow(RangeError);
    });
  });

  describe('racing multi-stream appends', () => {
    it('never deadlocks appends that name the same streams in opposite orders', async () => {
      const [left, right] = [`left-${randomUUID()}`, `right-${randomUUID()}`];
      await store.appendMany([
        { streamId: left, events: [event('Opened')], expected: 'no-stream' },
        { streamId: right, events: [event('Opened')], expected: 'no-stream' },
      ]);
      const outcomes = await Promise.allSettled(
        Array.from({ length: 40 }, (_, index) => {
          const order = index % 2 === 0 ? [left, right] : [right, left];
          return store.appendMany(order.map((streamId) => ({ streamId, events: [event('Raced', { index })], expected: 'any' as const })));
        }),
      );
      for (const outcome of outcomes) {
        if (outcome.status === 'rejected') expect(outcome.reason).toBeInstanceOf(StreamRevisionConflict);
      }
      const written = outcomes.filter((outcome) => outcome.status === 'fulfilled').length;
      expect(await store.readStream(left)).toHaveLength(1 + written);
      expect(await store.readStream(right)).toHaveLength(1 + written);
    });
  });

  describe('racing appends to one stream', () => {
    it('lets exactly one of several appends expecting the same revision through', async () => {
      const streamId = `contended-${randomUUID()}`;
      await store.append(streamId, [event('Opened')], 'no-stream');
      const outcomes = await Promise.allSettled(Array.from({ length: 12 }, (_, index) => store.append(streamId, [event('Raced', { index })], 0)));
      const winners = outcomes.filter((outcome) => outcome.status === 'fulfilled');
      const losers = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as unknown] : []));
      expect(winners).toHaveLength(1);
      expect(losers).toHaveLength(11);
      losers.forEach((reason) => {
        expect(reason).toBeInstanceOf(StreamRevisionConflict);
        expect(reason).toMatchObject({ actual: 1 });
      });
      expect(await store.readStream(streamId)).toHaveLength(2);
    });

    it('lets exactly one of several appends opening the same stream through', async () => {
      const streamId = `opened-${randomUUID()}`;
      const outcomes = await Promise.allSettled(Array.from({ length: 12 }, () => store.append(streamId, [event('Opened')], 'no-stream')));
      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
      expect(await store.readStream(streamId)).toHaveLength(1);
    });
  });

  describe('a retried append', () => {
    it('returns the original result when the same events were already appended at that revision', async () => {
      const streamId = `retried-${randomUUID()}`;
      const opened = [event('Opened')];
      const first = await store.append(streamId, opened, 'no-stream');
      expect(await store.append(streamId, opened, 'no-stream')).toEqual(first);
      const steps = [event('StepA'), event('StepB')];
      const second = await store.append(streamId, steps, 0);
      expect(await store.append(streamId, steps, 0)).toEqual(second);
      const anyStep = [event('StepC')];
      const third = await store.append(streamId, anyStep, 'any');
      expect(await store.append(streamId, anyStep, 'any')).toEqual(third);
      expect((await store.readStream(streamId)).map((stored) => stored.type)).toEqual(['Opened', 'StepA', 'StepB', 'StepC']);
    });

    it('is still a conflict when other events took that revision', async () => {
      const streamId = `retried-${randomUUID()}`;
      await store.append(streamId, [event('Opened')], 'no-stream');
      await store.append(streamId, [event('Theirs')], 0);
      await expect(store.append(streamId, [event('Mine')], 0)).rejects.toThrow(StreamRevisionConflict);
    });

    it('refuses an event id already used in another stream', async () => {
      const reused = event('Opened');
      await store.append(`first-${randomUUID()}`, [reused], 'no-stream');
      const other = `second-${randomUUID()}`;
      await expect(store.append(other, [reused], 'any')).rejects.toThrow(/events_id_key/);
      expect(await store.readStream(other)).toEqual([]);
    });
  });

  describe('upcasting', () => {
    it('brings events stored in older schema versions to the current shape on every read', async () => {
      const pool = new Pool({ connectionString: url, max: 2 });
      const upcasting = new PostgresEventStore(pool, {
        upcasters: [
          { type: 'PanelHeld', fromVersion: 1, upcast: (data) => ({ ...data, venue: 'unrecorded' }) },
          { type: 'PanelHeld', fromVersion: 2, upcast: ({ facilitator, ...data }) => ({ ...data, facilitatorIds: [facilitator] }) },
        ],
      });
      const streamId = `upcast-${randomUUID()}`;
      const before = await upcasting.headPosition();
      await store.append(
        streamId,
        [
          { ...event('PanelHeld', { facilitator: 'f1' }), schemaVersion: 1 },
          { ...event('PanelHeld', { facilitator: 'f2', venue: 'hall' }), schemaVersion: 2 },
          { ...event('PanelHeld', { facilitatorIds: ['f3'], venue: 'library' }), schemaVersion: 3 },
          { ...event('CaseClosed', { reason: 'done' }), schemaVersion: 1 },
        ],
        'no-stream',
      );
      const expected = [
        { type: 'PanelHeld', schemaVersion: 3, data: { venue: 'unrecorded', facilitatorIds: ['f1'] } },
        { type: 'PanelHeld', schemaVersion: 3, data: { venue: 'hall', facilitatorIds: ['f2'] } },
        { type: 'PanelHeld', schemaVersion: 3, data: { venue: 'library', facilitatorIds: ['f3'] } },
        { type: 'CaseClosed', schemaVersion: 1, data: { reason: 'done' } },
      ];
      const shape = ({ type, schemaVersion, data }: StoredEvent) => ({ type, schemaVersion, data });
      expect((await upcasting.readStream(streamId)).map(shape)).toEqual(expected);
      expect((await upcasting.readAll(before, 10)).map(shape)).toEqual(expected);
      expect((await store.readStream(streamId))[0].data).toEqual({ facilitator: 'f1' });
      await upcasting.close();
      await pool.end();
    });

    it('refuses two upcasters for the same step', () => {
      const upcast = (data: Record<string, unknown>) => data;
      expect(
        () =>
          new PostgresEventStore(new Pool({ connectionString: url }), {
            upcasters: [
              { type: 'PanelHeld', fromVersion: 1, upcast },
              { type: 'PanelHeld', fromVersion: 1, upcast },
            ],
          }),
      ).toThrow(/Two upcasters/);
    });
  });

  describe('failures', () => {
    it('reports a server that cannot be reached as unavailable', async () => {
      const unreachable = new URL(url);
      unreachable.port = '1';
      await expect(PostgresEventStore.connect(unreachable.toString())).rejects.toThrow(EventStoreUnavailable);
    });

    it('reports a connection the server ends mid-append as unavailable', async () => {
      const client = await rawClient();
      const streamId = `terminated-${randomUUID()}`;
      await store.append(streamId, [event('Opened')], 'no-stream');
      await client.query('BEGIN');
      await client.query('SELECT revision FROM streams WHERE stream_id = $1 FOR UPDATE', [streamId]);
      const blocked = store.append(streamId, [event('Blocked')], 0).then(
        () => new Error('the append went through'),
        (error: unknown) => error,
      );
      const admin = await rawClient();
      let terminated = 0;
      for (let tries = 0; terminated === 0 && tries < 100; tries++) {
        await sleep(20);
        const { rowCount } = await admin.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%append_event%'`,
        );
        terminated = rowCount ?? 0;
      }
      expect(terminated).toBe(1);
      expect(await blocked).toBeInstanceOf(EventStoreUnavailable);
      await client.query('ROLLBACK');
      expect(await store.append(streamId, [event('After')], 0)).toMatchObject({ nextRevision: 1 });
    });

    it('retries a batch whose handler failed, from the last handled position', async () => {
      const before = await store.headPosition();
      const streamId = `flaky-${randomUUID()}`;
      await store.append(streamId, [event('A'), event('B'), event('C')], 'no-stream');
      const delivered: string[] = [];
      let failed = false;
      const logged = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
      const subscription = store.subscribe(
        before,
        async (batch) => {
          const types = batch.map((stored) => stored.type);
          if (types.includes('B') && !failed) {
            failed = true;
            throw new Error('projection down');
          }
          delivered.push(...types);
        },
        { batchSize: 1 },
      );
      await waitFor(() => delivered.length === 3, 'all three events');
      await subscription.stop();
      const lines = logged.mock.calls.map(([line]) => String(line));
      logged.mockRestore();
      expect(delivered).toEqual(['A', 'B', 'C']);
      expect(lines).toEqual([expect.stringContaining('projection down')]);
    });

    it('gives up an append held up longer than its transaction timeout', async () => {
      const bounded = await PostgresEventStore.connect(url, { max: 2, transactionTimeout: '300ms' });
      const client = await rawClient();
      const streamId = `bounded-${randomUUID()}`;
      await bounded.append(streamId, [event('Opened')], 'no-stream');
      await client.query('BEGIN');
      await client.query('SELECT revision FROM streams WHERE stream_id = $1 FOR UPDATE', [streamId]);
      const started = Date.now();
      const error = await bounded.append(streamId, [event('Blocked')], 0).then(
        () => new Error('the append went through'),
        (reason: unknown) => reason,
      );
      const waited = Date.now() - started;
      await client.query('ROLLBACK');
      await bounded.close();
      expect(error).toBeInstanceOf(EventStoreUnavailable);
      expect(waited).toBeLessThan(1500);
    });

    it('gives its connections a bound on any transaction', async () => {
      const pool = new Pool(eventStorePoolConfig(url, { transactionTimeout: '7s' }));
      const { rows } = await pool.query<{ transaction_timeout: string; idle_in_transaction_session_timeout: string }>(
        `SELECT current_setting('transaction_timeout') AS transaction_timeout, current_setting('idle_in_transaction_session_timeout') AS idle_in_transaction_session_timeout`,
      );
      await pool.end();
      expect(rows[0]).toEqual({ transaction_timeout: '7s', idle_in_transaction_session_timeout: '7s' });
    });
  });

  describe('schema', () => {
    it('is created by its migration and removed by reverting it', async () => {
      const dataSource = new DataSource({ type: 'postgres', url: await createTestDatabase(), migrations: [EventStore1763840000000] });
      await dataSource.initialize();
      const objects = async () =>
        (
          await dataSource.query(
            `SELECT to_regclass('events') IS NOT NULL AS events, to_regclass('streams') IS NOT NULL AS streams, to_regproc('append_event') IS NOT NULL AS append`,
          )
        )[0];
      await dataSource.runMigrations({ transaction: 'each' });
      expect(await objects()).toEqual({ events: true, streams: true, append: true });
      await dataSource.undoLastMigration({ transaction: 'each' });
      expect(await objects()).toEqual({ events: false, streams: false, append: false });
      await dataSource.runMigrations({ transaction: 'each' });
      expect(await objects()).toEqual({ events: true, streams: true, append: true });
      await dataSource.destroy();
    });
  });
});
