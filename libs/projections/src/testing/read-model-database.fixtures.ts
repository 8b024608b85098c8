import { randomUUID } from 'node:crypto';
import { migrate } from '@safer-cases/database';
import { EventMetadata, StoredEvent } from '@safer-cases/event-store';
import { PostgresEventStore } from '@safer-cases/event-store/postgres';
import { createTestDatabase } from '@safer-cases/testing/test-database';
import { Pool } from 'pg';
import { RunnerLog } from '../projection-runner';
import { StreamTallyProjection } from './stream-tally.projection';

const metadata: EventMetadata = { recordedAt: '2025-03-01T10:00:00.000Z', recordedBy: 'tester' };

export type ReadModelDatabase = {
  url: string;
  pool: Pool;
  store: PostgresEventStore;
  /** Appends `count` events over `streams` new streams, most of them of the handled types. */
  append: (count: number, streams?: number) => Promise<bigint>;
  /** Every event in the store, in global order. */
  allEvents: () => Promise<StoredEvent[]>;
  checkpoint: (name: string) => Promise<bigint | undefined>;
  close: () => Promise<void>;
};

/** A fresh, migrated database with the tallies' tables, a pool and an event store on it. */
export const startReadModelDatabase = async (tallies: StreamTallyProjection[]): Promise<ReadModelDatabase> => {
  const url = await createTestDatabase();
  await migrate(url);
  const pool = new Pool({ connectionString: url, max: 12 });
  pool.on('error', () => undefined);
  for (const tally of tallies) await tally.createTables(pool);
  const store = await PostgresEventStore.connect(url, { max: 8, pollIntervalMs: 10 });
  const types = ['Counted', 'Counted', 'Noted', 'Ignored'];
  let appended = 0;
  return {
    url,
    pool,
    store,
    append: async (count, streams = Math.max(1, Math.ceil(count / 10))) => {
      const ids = Array.from({ length: streams }, () => `tally-${randomUUID()}`);
      let position = 0n;
      for (let written = 0; written < count;) {
        const size = Math.min(1 + (written % 4), count - written);
        const events = Array.from({ length: size }, (_, index) => ({ type: types[(appended + index) % types.length], data: { n: appended + index }, metadata }));
        ({ position } = await store.append(ids[written % streams], events, 'any'));
        written += size;
        appended += size;
      }
      return position;
    },
    allEvents: async () => {
      const events: StoredEvent[] = [];
      for (let batch = await store.readAll(0n, 5000); batch.length > 0; batch = await store.readAll(batch[batch.length - 1].position, 5000)) events.push(...batch);
      return events;
    },
    checkpoint: async (name) => {
      const { rows } = await pool.query<{ position: string }>('SELECT position FROM projection_checkpoints WHERE name = $1', [name]);
      return rows[0] ? BigInt(rows[0].position) : undefined;
    },
    close: async () => {
      await store.close();
      await pool.end();
    },
  };
};

/** A log the tests read: what the runner said, line by line. */
export const recordingLog = (): RunnerLog & { lines: string[]; errors: string[] } => {
  const lines: string[] = [];
  const errors: string[] = [];
  return {
    lines,
    errors,
    log: (message) => lines.push(message),
    error: (message) => errors.push(message),
  };
};

export const eventually = async (condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 10));
  }
};
