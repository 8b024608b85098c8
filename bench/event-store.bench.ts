import { Pool } from 'pg';
import { EventMetadata, NewEvent } from '@safer-cases/event-store';
import { PostgresEventStore } from '@safer-cases/event-store/postgres';

type Print = (line: string) => void;
type Writer = (writer: number, sequence: number) => Promise<void>;

const metadata: EventMetadata = { recordedAt: '2025-03-01T10:00:00.000Z', recordedBy: 'bench' };

const payload = (writer: number, sequence: number) => ({ caseId: `case-${writer}-${sequence}`, heldOn: '2025-03-01', facilitatorIds: ['f-1', 'f-2'] });

/** Runs `writers` loops of `write` for `durationMs`; returns the writes completed and the seconds taken. */
const run = async (writers: number, durationMs: number, write: Writer, sequences: number[]): Promise<{ writes: number; seconds: number }> => {
  const deadline = Date.now() + durationMs;
  const started = process.hrtime.bigint();
  const counts = await Promise.all(
    Array.from({ length: writers }, async (_, writer) => {
      let done = 0;
      for (; Date.now() < deadline; done++) await write(writer, sequences[writer]++);
      return done;
    }),
  );
  return { writes: counts.reduce((sum, count) => sum + count, 0), seconds: Number(process.hrtime.bigint() - started) / 1e9 };
};

type Comparison = { store: number; plain: number; ratio: number; medianRatio: number };

/**
 * The store and the ceiling in alternating short slices (ABBA order), so that the disk's
 * fsync latency, which drifts a lot on shared machines, weighs on both alike.
 */
const compare = async (writers: number, durationMs: number, store: Writer, plain: Writer): Promise<Comparison> => {
  const rounds = 10;
  const slice = durationMs / rounds;
  const storeSequences = Array.from({ length: writers }, () => 0);
  const plainSequences = Array.from({ length: writers }, () => 0);
  await run(writers, 300, store, storeSequences);
  await run(writers, 300, plain, plainSequences);
  const totals = { store: { writes: 0, seconds: 0 }, plain: { writes: 0, seconds: 0 } };
  const ratios: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? (['store', 'plain'] as const) : (['plain', 'store'] as const);
    const rates = { store: 0, plain: 0 };
    for (const kind of order) {
      const result = await run(writers, slice, kind === 'store' ? store : plain, kind === 'store' ? storeSequences : plainSequences);
      totals[kind].writes += result.writes;
      totals[kind].seconds += result.seconds;
      rates[kind] = result.writes / result.seconds;
    }
    ratios.push(rates.store / rates.plain);
  }
  const storeRate = totals.store.writes / totals.store.seconds;
  const plainRate = totals.plain.writes / totals.plain.seconds;
  ratios.sort((a, b) => a - b);
  return { store: storeRate, plain: plainRate, ratio: storeRate / plainRate, medianRatio: (ratios[4] + ratios[5]) / 2 };
};

/**
 * One event per append through the store: half the appends open a new stream, half add to one
 * of the writer's own streams with its exact expected revision.
 */
const storeWriter = (store: PostgresEventStore, prefix: string): Writer => {
  const streams = new Map<number, { id: string; revision: number }[]>();
  return async (writer, sequence) => {
    const own = streams.get(writer) ?? [];
    streams.set(writer, own);
    const event: NewEvent = { type: 'BenchStepRecorded', data: payload(writer, sequence), metadata };
    if (own.length === 0 || sequence % 2 === 0) {
      const id = `${prefix}-${writer}-${sequence}`;
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
const plainWriter =
  (pool: Pool): Writer =>
  async (writer, sequence) => {
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
    pool.on('error', () => undefined); // a connection still closing when the server stops
    const store = await PostgresEventStore.connect(url, { max: writers });
    const result = await compare(writers, durationMs, storeWriter(store, `bench-${Date.now()}-${writers}`), plainWriter(pool));
    await store.close();
    await pool.end();
    print(
      `  ${writers} writer${writers === 1 ? ' ' : 's'}: store ${result.store.toFixed(0)} events/s, plain INSERT ${result.plain.toFixed(0)} rows/s, ` +
        `ratio ${result.ratio.toFixed(2)} (median of 10 paired slices ${result.medianRatio.toFixed(2)})`,
    );
  }
}
