import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { migrate } from '@safer-cases/database';
import { createTestDatabase } from '@safer-cases/testing/test-database';
import { describeEventStoreContract } from '../event-store.contract';
import { AppendResult, EventMetadata, EventStore, ExpectedRevision, NewEvent, StoredEvent, StreamAppend, StreamRevisionConflict, Subscription } from '../event-store.port';
import { handleCommand } from '../handle-command';
import { TransactionScope } from '../transaction-scope';
import { PostgresEventStore } from './postgres-event-store';

const metadata: EventMetadata = { recordedAt: '2026-11-22T10:00:00.000Z', recordedBy: 'tester' };
const event = (type: string): NewEvent => ({ type, data: {}, metadata });

let url: string;

beforeAll(async () => {
  url = await createTestDatabase();
  await migrate(url);
});

/**
 * The store as the app uses it: every append in a command transaction of its own, under a
 * savepoint. The store's whole contract holds there too.
 */
class InCommandTransactions extends EventStore {
  constructor(
    private readonly store: PostgresEventStore,
    private readonly pool: Pool,
  ) {
    super();
  }
  append(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    return TransactionScope.run(this.pool, () => this.store.append(streamId, events, expected));
  }
  appendMany(appends: StreamAppend[]): Promise<AppendResult[]> {
    return TransactionScope.run(this.pool, () => this.store.appendMany(appends));
  }
  readStream(streamId: string): Promise<StoredEvent[]> {
    return this.store.readStream(streamId);
  }
  readAll(after: bigint, limit: number): Promise<StoredEvent[]> {
    return this.store.readAll(after, limit);
  }
  subscribe(after: bigint, handle: (events: StoredEvent[]) => Promise<void>, options?: { batchSize?: number }): Subscription {
    return this.store.subscribe(after, handle, options);
  }
  headPosition(): Promise<bigint> {
    return this.store.headPosition();
  }
  async close(): Promise<void> {
    await this.store.close();
    await this.pool.end();
  }
}

describeEventStoreContract(
  'PostgreSQL, each append in a command transaction',
  async () => new InCommandTransactions(await PostgresEventStore.connect(url, { joinTransactionScope: true }), new Pool({ connectionString: url, max: 4 })),
);

/** A command's events join its transaction on the PostgreSQL store: with its other writes, or not at all. */
describe('the PostgreSQL store inside a command transaction', () => {
  let pool: Pool;
  let store: PostgresEventStore;

  const count = async (streamId: string): Promise<number> =>
    Number((await pool.query<{ n: string }>('select count(*) as n from events where stream_id = $1', [streamId])).rows[0].n);

  beforeAll(async () => {
    pool = new Pool({ connectionString: url, max: 4 });
    await pool.query('create table side_effects (note text not null)');
    store = await PostgresEventStore.connect(url, { joinTransactionScope: true });
  });
  afterAll(async () => {
    await store.close();
    await pool.end();
  });

  it('commits the events with the command’s other writes when the command returns', async () => {
    const streamId = `case-${randomUUID()}`;
    await TransactionScope.run(pool, async (scope) => {
      await store.append(streamId, [event('Opened')], 'no-stream');
      await (await scope.transaction()).query(`insert into side_effects values ('with ${streamId}')`);
      expect(await count(streamId)).toBe(0);
    });
    expect(await count(streamId)).toBe(1);
    expect((await pool.query('select 1 from side_effects where note = $1', [`with ${streamId}`])).rowCount).toBe(1);
  });

  it('writes nothing when the command throws after appending', async () => {
    const streamId = `case-${randomUUID()}`;
    await expect(
      TransactionScope.run(pool, async (scope) => {
        await store.appendMany([
          { streamId, events: [event('Opened')], expected: 'no-stream' },
          { streamId: `course-${randomUUID()}`, events: [event('Booked')], expected: 'no-stream' },
        ]);
        await (await scope.transaction()).query(`insert into side_effects values ('lost')`);
        throw new Error('the personal data could not be written');
      }),
    ).rejects.toThrow('the personal data could not be written');
    expect(await count(streamId)).toBe(0);
    expect((await pool.query(`select 1 from side_effects where note = 'lost'`)).rowCount).toBe(0);
  });

  it('reads its own events back, and a clash undoes only the failed append so the command can decide again', async () => {
    const streamId = `case-${randomUUID()}`;
    await store.append(streamId, [event('Opened')], 'no-stream');
    await TransactionScope.run(pool, async () => {
      await expect(store.append(streamId, [event('Stale')], 'no-stream')).rejects.toThrow(StreamRevisionConflict);
      const outcome = await handleCommand(
        store,
        streamId,
        { initialState: () => 0, evolve: (length: number) => length + 1, decide: (_: 'step', length: number) => [{ type: `Step${length}`, data: {} }] },
        'step',
        metadata,
      );
      expect(outcome.nextRevision).toBe(1);
      expect((await store.readStream(streamId)).map(({ type }) => type)).toEqual(['Opened', 'Step1']);
    });
    expect((await store.readStream(streamId)).map(({ type }) => type)).toEqual(['Opened', 'Step1']);
  });

  it('decides again on what a stream holds when the stream assumed new exists, as if it had been read first', async () => {
    const streamId = `case-${randomUUID()}`;
    await store.append(streamId, [event('Opened')], 'no-stream');
    const seen: number[] = [];
    const decider = {
      initialState: () => 0,
      evolve: (length: number) => length + 1,
      decide: (_: 'open', length: number) => {
        seen.push(length);
        return length === 0 ? [{ type: 'Opened', data: {} }] : [];
      },
    };
    const outcome = await TransactionScope.run(pool, () => handleCommand(store, streamId, decider, 'open', metadata, { newStream: true }));
    expect(seen).toEqual([0, 1]);
    expect(outcome.events).toEqual([]);
    expect(outcome.position).toBe((await store.readStream(streamId))[0].position);
    expect(await count(streamId)).toBe(1);
  });

  it('answers the refusal of what a stream assumed new holds, not the refusal of no events', async () => {
    const streamId = `case-${randomUUID()}`;
    await store.append(streamId, [event('Opened')], 'no-stream');
    const refusing = {
      initialState: () => 0,
      evolve: (length: number) => length + 1,
      decide: (_: 'open', length: number): { type: string; data: Record<string, unknown> }[] => {
        throw new Error(length === 0 ? 'refused on no events' : 'already open');
      },
    };
    await expect(TransactionScope.run(pool, () => handleCommand(store, streamId, refusing, 'open', metadata, { newStream: true }))).rejects.toThrow('already open');
  });

  it('opens a new stream assumed new without reading it, and reads it when nothing was decided', async () => {
    const read = jest.spyOn(store, 'readStream');
    try {
      const fresh = `case-${randomUUID()}`;
      const opening = {
        initialState: () => 0,
        evolve: (length: number) => length + 1,
        decide: (_: 'open', length: number) => (length === 0 ? [{ type: 'Opened', data: {} }] : []),
      };
      const opened = await TransactionScope.run(pool, () => handleCommand(store, fresh, opening, 'open', metadata, { newStream: true }));
      expect({ read: read.mock.calls.length, nextRevision: opened.nextRevision, stored: await count(fresh) }).toEqual({ read: 0, nextRevision: 0, stored: 1 });
      const nothing = { ...opening, decide: () => [] };
      const idle = await handleCommand(store, fresh, nothing, 'open', metadata, { newStream: true });
      expect({ read: read.mock.calls.length, position: idle.position }).toEqual({ read: 1, position: opened.position });
    } finally {
      read.mockRestore();
    }
  });

  it('bounds the transaction in time, so that none holds back the store’s readers for long', async () => {
    await TransactionScope.run(pool, async (scope) => {
      const { rows } = await (
        await scope.transaction()
      ).query<{ idle: string; total: string }>(`select current_setting('idle_in_transaction_session_timeout') as idle, current_setting('transaction_timeout') as total`);
      expect(rows[0]).toEqual({ idle: '10s', total: '10s' });
    });
  });

  it('takes no connection for a command that writes nothing', async () => {
    const before = pool.totalCount;
    await TransactionScope.run(pool, async (scope) => {
      await store.readStream(`case-${randomUUID()}`);
      expect(scope.open).toBe(false);
    });
    expect(pool.totalCount).toBe(before);
  });

  it('leaves stores that were not asked to join alone', async () => {
    const separate = await PostgresEventStore.connect(url);
    const streamId = `case-${randomUUID()}`;
    try {
      await expect(
        TransactionScope.run(pool, async () => {
          await separate.append(streamId, [event('Opened')], 'no-stream');
          throw new Error('refused afterwards');
        }),
      ).rejects.toThrow('refused afterwards');
      expect(await count(streamId)).toBe(1);
    } finally {
      await separate.close();
    }
  });
});
