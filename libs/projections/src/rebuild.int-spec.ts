import { EventStore } from '@safer-cases/event-store';
import { Pool } from 'pg';
import { ProjectionRunner } from './projection-runner';
import { GlobalOrder, RebuildAlreadyRunning, RebuildProgress, rebuildProjections } from './rebuild';
import { ReadModelDatabase, recordingLog, startReadModelDatabase } from './testing/read-model-database.fixtures';
import { StreamTallyProjection } from './testing/stream-tally.projection';

describe('rebuilding the read models', () => {
  const tally = new StreamTallyProjection();
  let db: ReadModelDatabase;

  const shadowTables = async (): Promise<string[]> =>
    (await db.pool.query<{ name: string }>(`SELECT tablename AS name FROM pg_tables WHERE right(tablename, 9) = '__rebuild'`)).rows.map((row) => row.name);

  const indexAndConstraintNames = async (table: string): Promise<string[]> =>
    (
      await db.pool.query<{ name: string }>(
        `SELECT indexname AS name FROM pg_indexes WHERE tablename = $1 UNION ALL SELECT conname FROM pg_constraint WHERE conrelid = $1::regclass ORDER BY 1`,
        [table],
      )
    ).rows.map((row) => row.name);

  beforeEach(async () => {
    db = await startReadModelDatabase([tally]);
  });
  afterEach(() => db.close());

  it('replays the whole store into the tables, sets the checkpoint, reports progress and keeps the tables logged and the names of their indexes and constraints', async () => {
    const last = await db.append(2300, 150);
    const indexesBefore = await indexAndConstraintNames('tally_streams');
    const progress: RebuildProgress[] = [];

    const result = await rebuildProjections({ pool: db.pool, store: db.store, projections: [tally], batchSize: 500, onProgress: (each) => progress.push(each) });

    expect(await tally.snapshot(db.pool)).toEqual(tally.expected(await db.allEvents()));
    expect(await db.checkpoint(tally.name)).toBe(last);
    expect(result).toEqual({ events: 2300, position: last, seconds: expect.any(Number), eventsPerSecond: expect.any(Number), failed: [] });
    expect(progress.map((each) => each.done)).toEqual([500, 1000, 1500, 2000, 2300]);
    expect(progress.every((each) => each.total === 2300)).toBe(true);
    expect(await indexAndConstraintNames('tally_streams')).toEqual(indexesBefore);
    expect(await shadowTables()).toEqual([]);
    const { rows } = await db.pool.query(`SELECT relname, relpersistence FROM pg_class WHERE relname IN ('tally_streams', 'tally_types') ORDER BY 1`);
    expect(rows).toEqual([
      { relname: 'tally_streams', relpersistence: 'p' },
      { relname: 'tally_types', relpersistence: 'p' },
    ]);

    await rebuildProjections({ pool: db.pool, store: db.store, projections: [tally] });
    expect(await indexAndConstraintNames('tally_streams')).toEqual(indexesBefore);
  });

  it('lets readers see the old tables or the new ones, each whole, never a half-built mixture', async () => {
    await db.append(3000, 200);
    const figures = `SELECT (SELECT count(*) FROM tally_streams) AS streams,
      (SELECT coalesce(sum(events), 0) FROM tally_streams) AS in_streams,
      (SELECT coalesce(sum(events), 0) FROM tally_types) AS in_types`;
    const readers = new Pool({ connectionString: db.url, max: 3 });
    const seen = new Set<string>();
    let rebuilding = true;
    const reader = async (): Promise<void> => {
      for (let extra = 0; rebuilding || extra < 5; extra += rebuilding ? 0 : 1) {
        const { rows } = await readers.query({ text: figures, rowMode: 'array' });
        seen.add(JSON.stringify(rows[0]));
      }
    };
    const reading = Promise.all([reader(), reader(), reader()]);

    await rebuildProjections({ pool: db.pool, store: db.store, projections: [tally], batchSize: 100 }).finally(() => {
      rebuilding = false;
    });
    await reading;
    await readers.end();

    const handled = tally.expected(await db.allEvents());
    const events = String((handled.types as { events: number }[]).reduce((sum, type) => sum + type.events, 0));
    const complete = JSON.stringify([String(handled.streams.length), events, events]);
    expect([...seen].sort()).toEqual([JSON.stringify(['0', '0', '0']), complete].sort());
  });

  it('swaps in tables no older than a live runner’s while writers carry on, and the runner then continues without counting twice', async () => {
    await db.append(1500, 100);
    const log = recordingLog();
    const runner = new ProjectionRunner({ pool: db.pool, store: db.store, projections: [tally], batchSize: 50, log });
    await runner.start();
    let writing = true;
    const writer = (async () => {
      while (writing) await db.append(7, 3);
    })();

    await rebuildProjections({ pool: db.pool, store: db.store, projections: [tally], batchSize: 200 });
    writing = false;
    await writer;
    const last = await db.append(40);

    expect(await runner.waitFor(last, 10_000)).toBe(true);
    expect(log.lines.filter((line) => line.includes('moved back'))).toEqual([]);
    await runner.stop();
    expect(await db.checkpoint(tally.name)).toBe(last);
    expect(await tally.snapshot(db.pool)).toEqual(tally.expected(await db.allEvents()));
  });

  it('finishes while writers keep the store growing faster than it replays, and leaves what came after to the live runner', async () => {
    await db.append(300);
    const writerGivesUpAfter = 5000;
    let appendedMeanwhile = 0;
    const growing: GlobalOrder = {
      readStream: (streamId) => db.store.readStream(streamId),
      headPosition: () => db.store.headPosition(),
      countEvents: (upTo) => db.store.countEvents(upTo),
      readAll: async (after, limit) => {
        const events = await db.store.readAll(after, limit);
        if (appendedMeanwhile < writerGivesUpAfter) {
          await db.append(limit);
          appendedMeanwhile += limit;
        }
        return events;
      },
    };

    await rebuildProjections({ pool: db.pool, store: growing, projections: [tally], batchSize: 100 });

    expect(appendedMeanwhile).toBeLessThan(writerGivesUpAfter);
    const checkpoint = (await db.checkpoint(tally.name)) ?? 0n;
    expect(await tally.snapshot(db.pool)).toEqual(tally.expected((await db.allEvents()).filter((event) => event.position <= checkpoint)));
  });

  it('takes in, inside the swap, what its own view of the store missed, so the new tables are never behind a runner', async () => {
    const seenByRebuild = await db.append(800);
    const runner = new ProjectionRunner({ pool: db.pool, store: db.store, projections: [tally], log: recordingLog() });
    await runner.start();
    const applied = await db.append(120);
    expect(await runner.waitFor(applied, 10_000)).toBe(true);
    await runner.stop();

    await rebuildProjections({ pool: db.pool, store: laggingView(db.store, seenByRebuild), projections: [tally], batchSize: 300 });

    expect(await db.checkpoint(tally.name)).toBe(applied);
    expect(await tally.snapshot(db.pool)).toEqual(tally.expected(await db.allEvents()));
  });

  it('refuses a second rebuild while one is running', async () => {
    await db.append(1000);
    let second: Promise<unknown> | undefined;
    await rebuildProjections({
      pool: db.pool,
      store: db.store,
      projections: [tally],
      batchSize: 100,
      onProgress: () => {
        second ??= rebuildProjections({ pool: db.pool, store: db.store, projections: [tally] }).catch((error: unknown) => error);
      },
    });

    expect(await second).toBeInstanceOf(RebuildAlreadyRunning);
    expect(await tally.snapshot(db.pool)).toEqual(tally.expected(await db.allEvents()));
  });

  it('leaves the live tables and checkpoints as they were, and no shadow tables, when a rebuild fails for the database’s own trouble', async () => {
    const runner = new ProjectionRunner({ pool: db.pool, store: db.store, projections: [tally], log: recordingLog() });
    await runner.start();
    const applied = await db.append(400);
    expect(await runner.waitFor(applied, 10_000)).toBe(true);
    await runner.stop();
    await db.append(100);
    const before = await tally.snapshot(db.pool);
    const broken = new StreamTallyProjection({
      midBatch: async (_events, client) => {
        await client.query(`DO $$ BEGIN RAISE EXCEPTION 'could not extend file: No space left on device' USING ERRCODE = 'disk_full'; END $$`);
      },
    });

    await expect(rebuildProjections({ pool: db.pool, store: db.store, projections: [broken] })).rejects.toThrow('No space left on device');

    expect(await tally.snapshot(db.pool)).toEqual(before);
    expect(await db.checkpoint(tally.name)).toBe(applied);
    expect(await shadowTables()).toEqual([]);
  });

  describe('when one event fails a read model every time', () => {
    const poisoned = new StreamTallyProjection({
      name: 'poisoned-tally',
      prefix: 'poisoned_',
      midBatch: async (events, client) => {
        if (events.some((event) => event.data.poison === true)) await client.query('SELECT 1/0');
      },
    });

    beforeEach(async () => {
      await db.close();
      db = await startReadModelDatabase([tally, poisoned]);
    });

    it('rebuilds the others, leaves that one as it was and names the event, and drops every shadow table', async () => {
      const runner = new ProjectionRunner({ pool: db.pool, store: db.store, projections: [tally, poisoned], log: recordingLog() });
      await runner.start();
      const applied = await db.append(400, 40);
      expect(await runner.waitFor(applied, 10_000)).toBe(true);
      await runner.stop();
      const poisonedBefore = await poisoned.snapshot(db.pool);
      const { position } = await db.store.append(
        'tally-poison',
        [{ type: 'Noted', data: { poison: true }, metadata: { recordedAt: '2025-03-01T10:00:00.000Z', recordedBy: 'tester' } }],
        'no-stream',
      );
      const last = await db.append(300, 30);
      const lines: string[] = [];

      const result = await rebuildProjections({
        pool: db.pool,
        store: db.store,
        projections: [tally, poisoned],
        batchSize: 250,
        attemptsPerEvent: 2,
        retry: { minMs: 5, maxMs: 5 },
        log: (line) => lines.push(line),
      });

      expect(result.failed).toEqual([
        {
          projection: poisoned.name,
          position,
          eventId: expect.any(String),
          streamId: 'tally-poison',
          eventType: 'Noted',
          error: 'division by zero [22012]',
          attempts: 2,
          failedAt: expect.any(Date),
        },
      ]);
      expect(lines).toEqual([expect.stringContaining('applying them one at a time'), expect.stringContaining(`failed on event ${position} (Noted`)]);
      expect(await tally.snapshot(db.pool)).toEqual(tally.expected(await db.allEvents()));
      expect(await db.checkpoint(tally.name)).toBe(last);
      expect(await poisoned.snapshot(db.pool)).toEqual(poisonedBefore);
      expect(await db.checkpoint(poisoned.name)).toBe(applied);
      expect(await shadowTables()).toEqual([]);
    });
  });
});

/**
 * The global order as seen by a store whose settled position lags behind another process's:
 * it stops at `visibleUpTo` until it has twice found nothing newer.
 */
const laggingView = (store: EventStore, visibleUpTo: bigint): GlobalOrder => {
  let emptyAnswers = 0;
  return {
    readStream: (streamId) => store.readStream(streamId),
    headPosition: () => store.headPosition(),
    countEvents: (upTo) => store.countEvents(upTo),
    readAll: async (after, limit) => {
      const events = await store.readAll(after, limit);
      if (emptyAnswers >= 2) return events;
      const visible = events.filter((event) => event.position <= visibleUpTo);
      if (visible.length === 0) emptyAnswers += 1;
      return visible;
    },
  };
};
