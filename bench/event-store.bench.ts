import { Pool } from 'pg';
import { EventMetadata, NewEvent } from '@safer-cases/event-store';
import { PostgresEventStore } from '@safer-cases/event-store/postgres';

type Print = (line: string) => void;
type Writer = (writer: number, sequence: number) => Promise<void>;

const metadata: EventMetadata = { recordedAt: '2025-03-01T10:00:00.000Z', recordedBy: 'bench' };

const payload = (writer: number, sequence: number) => ({ caseId: `case-${writer}-${sequence}`, heldOn: '2025-03-01', facilitatorIds: ['f-1', 'f-2'] });

/** Runs `writers` loops of `write` for `durationMs` and returns the completed writes per second. */
const throughput = async (writers: number, durationMs: number, write: Writer): Promise<number> => {
  const deadline = Date.now() + durationMs;
  const started = process.hrtime.bigint();
  const counts = await Promise.all(
    Array.from({ length: writers }, async (_, writer) => {
      let done = 0;
      while (Date.now() < deadline) await write(writer, done++);
      return done;
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return counts.reduce((sum, count) => sum + count, 0) / seconds;
};

/**
 * One event per append through the store: half the appends open a new stream, half add to one
 * of the writer's own streams with its exact expected revision.
 */
const storeWriter = (store: PostgresEventStore): Writer => {
  const streams = new Map<number, { id: string; revision: number }[]>();
  return async (writer, sequence) => {
    const own = streams.get(writer) ?? [];
    streams.set(writer, own);
    const event: NewEvent = { type: 'BenchStepRecorded', data: payload(writer, sequence), metadata };
    if (own.length === 0 || sequence % 2 === 0) {
      const id = `bench-${writer}-${sequence}-${Date.now()}`;
      await store.append(id, [event], 'no-stream');
      own.push({ id, revision: 0 });
    } else {
      const stream = own[sequence % own.length];
      const { nextRevision } = await store.append(stream.id, [event], stream.revision);
      stream.revision = nextRevision;
    }
  };
};

/** The ceiling: one autocommit single-row INSERT per event into a table with only a primary key. */
const plainWriter = (pool: Pool): Writer => async (writer, sequence) => {
  await pool.query({
    name: 'bench.plain-insert',
    text: 'INSERT INTO bench_plain_events (stream_id, type, data, metadata) VALUES ($1, $2, $3, $4)',
    values: [`bench-${writer}-${sequence}`, 'BenchStepRecorded', JSON.stringify(payload(writer, sequence)), JSON.stringify(metadata)],
  });
};

/**
 * Events appended per second through PostgresEventStore against plain INSERTs on the same server,
 * with 1 and 8 concurrent writers, and the ratio between them (the goal is 0.8 or more).
 */
export async function benchEventStore(url: string, print: Print, options: { durationMs?: number } = {}): Promise<void> {
  const durationMs = options.durationMs ?? 5000;
  const setup = new Pool({ connectionString: url, max: 1 });
  await setup.query(`CREATE TABLE IF NOT EXISTS bench_plain_events (
    position bigserial PRIMARY KEY, stream_id text NOT NULL, type text NOT NULL, data jsonb NOT NULL, metadata jsonb NOT NULL)`);
  const { rows } = await setup.query<{ fsync: string; synchronous_commit: string }>(
    `SELECT current_setting('fsync') AS fsync, current_setting('synchronous_commit') AS synchronous_commit`,
  );
  await setup.end();
  print(`event store append throughput (${durationMs / 1000} s each; fsync ${rows[0].fsync}, synchronous_commit ${rows[0].synchronous_commit})`);

  for (const writers of [1, 8]) {
    const pool = new Pool({ connectionString: url, max: writers });
    const plain = await throughput(writers, durationMs, plainWriter(pool));
    await pool.end();
    const store = await PostgresEventStore.connect(url, { max: writers });
    const appended = await throughput(writers, durationMs, storeWriter(store));
    await store.close();
    print(`  ${writers} writer${writers === 1 ? ' ' : 's'}: store ${appended.toFixed(0)} events/s, plain INSERT ${plain.toFixed(0)} rows/s, ratio ${(appended / plain).toFixed(2)}`);
  }
}
