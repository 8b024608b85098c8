import { EventMetadata } from '@safer-cases/event-store';
import { Client } from 'pg';
import { NotTheStoppingEvent, ProjectionNotStopped, retryProjection, skipFailedEvent, SkipNeedsWhoAndWhy } from './projection-failures';
import { ProjectionRunner, ProjectionRunnerOptions } from './projection-runner';
import { rebuildProjections } from './rebuild';
import { eventually, ReadModelDatabase, recordingLog, startReadModelDatabase } from './testing/read-model-database.fixtures';
import { StreamTallyProjection } from './testing/stream-tally.projection';

const metadata: EventMetadata = { recordedAt: '2025-03-01T10:00:00.000Z', recordedBy: 'tester' };

describe('the projection runner', () => {
  const runners: ProjectionRunner[] = [];
  let db: ReadModelDatabase;

  const runner = (options: Partial<ProjectionRunnerOptions> & Pick<ProjectionRunnerOptions, 'projections'>): ProjectionRunner => {
    const created = new ProjectionRunner({ pool: db.pool, store: db.store, batchSize: 100, log: recordingLog(), retry: { minMs: 20, maxMs: 100 }, ...options });
    runners.push(created);
    return created;
  };

  /** The live tables must hold exactly the events up to the stored checkpoint, once each. */
  const expectTablesAtCheckpoint = async (tally: StreamTallyProjection): Promise<bigint> => {
    const checkpoint = (await db.checkpoint(tally.name)) ?? 0n;
    const applied = (await db.allEvents()).filter((event) => event.position <= checkpoint);
    expect(await tally.snapshot(db.pool)).toEqual(tally.expected(applied));
    return checkpoint;
  };

  afterEach(async () => {
    await Promise.all(runners.splice(0).map((each) => each.stop()));
    await db.close();
  });

  describe('following the store', () => {
    const tally = new StreamTallyProjection();
    beforeEach(async () => {
      db = await startReadModelDatabase([tally]);
    });

    it('applies every handled event once, in batches, and stores the checkpoint of the last', async () => {
      await db.append(730, 40);
      const following = runner({ projections: [tally] });
      await following.start();
      const last = await db.append(290, 25);

      expect(await following.waitFor(last, 10_000)).toBe(true);
      expect(following.position()).toBe(last);
      expect(await db.checkpoint(tally.name)).toBe(last);
      expect(await tally.snapshot(db.pool)).toEqual(tally.expected(await db.allEvents()));
    });

    it('waits for a position until it is applied, and gives up after the timeout when it never comes', async () => {
      const following = runner({ projections: [tally] });
      await following.start();
      const pending = following.waitFor(1n, 10_000);
      const last = await db.append(12, 3);

      expect(await pending).toBe(true);
      expect(await following.waitFor(last, 10_000)).toBe(true);
      const started = Date.now();
      expect(await following.waitFor(last + 1000n, 200)).toBe(false);
      expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    });

    it('answers false to those still waiting when it stops', async () => {
      const following = runner({ projections: [tally] });
      await following.start();
      const pending = following.waitFor(1_000_000n, 60_000);
      await following.stop();

      expect(await pending).toBe(false);
    });

    it('carries on from its checkpoint after a restart, applying nothing twice', async () => {
      await db.append(300);
      const first = runner({ projections: [tally] });
      await first.start();
      expect(await first.waitFor(await db.append(10), 10_000)).toBe(true);
      await first.stop();
      const last = await db.append(200);

      const second = runner({ projections: [tally] });
      await second.start();

      expect(await second.waitFor(last, 10_000)).toBe(true);
      expect(await expectTablesAtCheckpoint(tally)).toBe(last);
    });

    it('never counts an event twice when two runners follow the same database', async () => {
      await db.append(600);
      const one = runner({ projections: [tally], batchSize: 70 });
      const other = runner({ projections: [tally], batchSize: 130 });
      await Promise.all([one.start(), other.start()]);
      const last = await db.append(400);

      expect(await one.waitFor(last, 10_000)).toBe(true);
      expect(await other.waitFor(last, 10_000)).toBe(true);
      expect(await expectTablesAtCheckpoint(tally)).toBe(last);
    });

    it('follows again from a checkpoint moved back behind it, when a read model is reset by hand', async () => {
      const log = recordingLog();
      const following = runner({ projections: [tally], log });
      await following.start();
      expect(await following.waitFor(await db.append(250), 10_000)).toBe(true);

      const reset = await db.pool.connect();
      await reset.query('BEGIN');
      await reset.query('TRUNCATE tally_streams, tally_types');
      await reset.query(`UPDATE projection_checkpoints SET position = 0 WHERE name = $1`, [tally.name]);
      await reset.query('COMMIT');
      reset.release();
      const last = await db.append(30);

      expect(await following.waitFor(last, 10_000)).toBe(true);
      expect(await expectTablesAtCheckpoint(tally)).toBe(last);
      expect(log.lines.some((line) => line.includes('checkpoint of stream-tally is at 0, behind this runner'))).toBe(true);
    });

    it('refuses two projections with one name, which would share a checkpoint', () => {
      expect(() => runner({ projections: [tally, new StreamTallyProjection({ prefix: 'other_' })] })).toThrow(/Two projections are named stream-tally/);
    });
  });

  describe('a projection added later', () => {
    const existing = new StreamTallyProjection();
    const added = new StreamTallyProjection({ name: 'added-tally', prefix: 'added_' });
    beforeEach(async () => {
      db = await startReadModelDatabase([existing, added]);
    });

    it('catches up from the first event while the others carry on from their checkpoints', async () => {
      const before = runner({ projections: [existing] });
      await before.start();
      expect(await before.waitFor(await db.append(400), 10_000)).toBe(true);
      await before.stop();

      const after = runner({ projections: [existing, added] });
      await after.start();
      const last = await db.append(50);

      expect(await after.waitFor(last, 10_000)).toBe(true);
      expect(await expectTablesAtCheckpoint(existing)).toBe(last);
      expect(await expectTablesAtCheckpoint(added)).toBe(last);
    });
  });

  describe('when a batch fails', () => {
    let failures = 0;
    const failing = new StreamTallyProjection({
      midBatch: async () => {
        failures += 1;
        if (failures === 3) throw new Error('disk on fire');
      },
    });
    beforeEach(async () => {
      failures = 0;
      db = await startReadModelDatabase([failing]);
    });

    it('applies a batch that failed together one event at a time, skipping none, and ends as a clean rebuild does', async () => {
      await db.append(1000, 60);
      const log = recordingLog();
      const following = runner({ projections: [failing], log });
      await following.start();
      const last = await db.append(100);

      expect(await following.waitFor(last, 10_000)).toBe(true);
      expect(log.errors).toEqual([expect.stringMatching(/^projection stream-tally failed on events \d+–\d+: disk on fire; applying them one at a time to find the one at fault$/)]);
      const live = await failing.snapshot(db.pool);
      expect(live).toEqual(failing.expected(await db.allEvents()));
      await rebuildProjections({ pool: db.pool, store: db.store, projections: [failing] });
      expect(await failing.snapshot(db.pool)).toEqual(live);
    });

    it('keeps rows and checkpoint together: while the checkpoint cannot be written, no row of the batch is seen', async () => {
      await db.pool.query(`CREATE SEQUENCE refusals`);
      await db.pool.query(`CREATE FUNCTION refuse_checkpoint() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN PERFORM nextval('refusals'); RAISE EXCEPTION 'checkpoint refused'; END $$`);
      await db.pool.query(`CREATE TRIGGER refuse BEFORE INSERT OR UPDATE ON projection_checkpoints FOR EACH ROW EXECUTE FUNCTION refuse_checkpoint()`);
      const last = await db.append(150);
      const following = runner({ projections: [failing] });
      await following.start();

      const refusals = async (): Promise<number> => Number((await db.pool.query<{ n: string }>('SELECT last_value AS n FROM refusals')).rows[0].n);
      await eventually(async () => (await refusals()) >= 3, 'three refused checkpoints');
      expect(await failing.snapshot(db.pool)).toEqual({ streams: [], types: [] });
      expect(await db.checkpoint(failing.name)).toBeUndefined();

      await db.pool.query('DROP TRIGGER refuse ON projection_checkpoints');
      expect(await following.waitFor(last, 10_000)).toBe(true);
      expect(await expectTablesAtCheckpoint(failing)).toBe(last);
    });
  });

  describe('when one event is poisoned', () => {
    /** What the poisoned event carries: words that must never reach a log or /health. */
    const secret = 'Jane Doe 1990-01-01';
    let mended = false;
    /** Fails, in SQL, on any event marked poison until mended: the error quotes the event's data. */
    const poisoned = new StreamTallyProjection({
      name: 'poisoned-tally',
      prefix: 'poisoned_',
      midBatch: async (events, client) => {
        const poison = events.find((event) => event.data.poison === true);
        if (poison && !mended) await client.query('SELECT $1::uuid', [poison.data.note]);
      },
    });
    const healthy = new StreamTallyProjection();

    beforeEach(async () => {
      mended = false;
      db = await startReadModelDatabase([poisoned, healthy]);
    });

    const appendPoison = async (): Promise<{ position: bigint; streamId: string; id: string }> => {
      const streamId = `tally-poison-${Date.now()}`;
      const { position } = await db.store.append(streamId, [{ type: 'Counted', data: { poison: true, note: secret }, metadata }], 'no-stream');
      const [event] = await db.store.readStream(streamId);
      return { position, streamId, id: event.id };
    };

    const failures = async (): Promise<unknown[]> =>
      (await db.pool.query('SELECT projection, position, event_id, stream_id, event_type, error, attempts FROM projection_failures')).rows;
    const eventsUpTo = async (position: bigint) => (await db.allEvents()).filter((event) => event.position <= position);
    const quick = { retry: { minMs: 5, maxMs: 20 }, attemptsPerEvent: 3, watchStoppedMs: 50 };

    it('stops only the projection it fails, just before it, naming the event but never its data, while the other goes on', async () => {
      await db.append(300, 30);
      const poison = await appendPoison();
      const last = await db.append(120, 12);
      const log = recordingLog();
      const following = runner({ projections: [poisoned, healthy], log, ...quick });
      await following.start();

      expect(await following.waitFor(last, 10_000)).toBe(true);
      expect(await expectTablesAtCheckpoint(healthy)).toBe(last);
      expect(await db.checkpoint(poisoned.name)).toBe(poison.position - 1n);
      expect(await poisoned.snapshot(db.pool)).toEqual(poisoned.expected(await eventsUpTo(poison.position - 1n)));
      expect(await failures()).toEqual([
        {
          projection: poisoned.name,
          position: String(poison.position),
          event_id: poison.id,
          stream_id: poison.streamId,
          event_type: 'Counted',
          error: 'invalid input syntax for type uuid: "…" [22P02]',
          attempts: 3,
        },
      ]);
      const stopped = log.errors.filter((line) => line.includes('STOPPED'));
      expect(stopped).toEqual([
        expect.stringContaining(`projection poisoned-tally STOPPED at event ${poison.position} (Counted ${poison.id} in stream ${poison.streamId}) after 3 attempts`),
      ]);
      expect(following.lastFailure()?.message).toBe(stopped[0]);
      expect([...log.lines, ...log.errors].filter((line) => line.includes('Jane'))).toEqual([]);
    });

    it('stays stopped across a restart, and after a retry, once mended, carries on from the event it stopped at', async () => {
      await db.append(200, 20);
      const poison = await appendPoison();
      const first = runner({ projections: [poisoned, healthy], ...quick });
      await first.start();
      expect(await first.waitFor(await db.append(50, 5), 10_000)).toBe(true);
      await first.stop();

      const second = runner({ projections: [poisoned, healthy], ...quick });
      await second.start();
      const last = await db.append(80, 8);
      expect(await second.waitFor(last, 10_000)).toBe(true);
      expect(await db.checkpoint(healthy.name)).toBe(last);
      expect(await db.checkpoint(poisoned.name)).toBe(poison.position - 1n);

      mended = true;
      const retried = await retryProjection(db.pool, poisoned.name);
      expect(retried.position).toBe(poison.position);

      await eventually(async () => (await db.checkpoint(poisoned.name)) === last, 'the retried projection to catch up');
      expect(await expectTablesAtCheckpoint(poisoned)).toBe(last);
      expect(await expectTablesAtCheckpoint(healthy)).toBe(last);
      expect(await failures()).toEqual([]);
      await expect(retryProjection(db.pool, poisoned.name)).rejects.toThrow(ProjectionNotStopped);
    });

    it('skips the event it stopped at on an operator’s word, recorded with who and why, and a rebuild leaves it out too', async () => {
      await db.append(150, 15);
      const poison = await appendPoison();
      const following = runner({ projections: [poisoned, healthy], ...quick });
      await following.start();
      const last = await db.append(60, 6);
      expect(await following.waitFor(last, 10_000)).toBe(true);
      await eventually(async () => (await failures()).length === 1, 'the projection to stop');

      const skip = { projection: poisoned.name, position: poison.position, by: 'ops.lead', reason: 'written by a bug fixed in 1.4' };
      await expect(skipFailedEvent(db.pool, { ...skip, position: poison.position + 1n })).rejects.toThrow(NotTheStoppingEvent);
      await expect(skipFailedEvent(db.pool, { ...skip, reason: ' ' })).rejects.toThrow(SkipNeedsWhoAndWhy);
      await expect(skipFailedEvent(db.pool, { ...skip, projection: healthy.name })).rejects.toThrow(ProjectionNotStopped);
      await skipFailedEvent(db.pool, skip);

      const withoutPoison = async () => (await db.allEvents()).filter((event) => event.position !== poison.position);
      await eventually(async () => (await db.checkpoint(poisoned.name)) === last, 'the projection to carry on after the skipped event');
      expect(await poisoned.snapshot(db.pool)).toEqual(poisoned.expected(await withoutPoison()));
      expect(await failures()).toEqual([]);
      const { rows } = await db.pool.query('SELECT projection, position, event_id, event_type, skipped_by, reason FROM projection_skips');
      expect(rows).toEqual([
        { projection: poisoned.name, position: String(poison.position), event_id: poison.id, event_type: 'Counted', skipped_by: 'ops.lead', reason: skip.reason },
      ]);

      await following.stop();
      const rebuilt = await rebuildProjections({ pool: db.pool, store: db.store, projections: [poisoned, healthy], ...quick });
      expect(rebuilt.failed).toEqual([]);
      expect(await poisoned.snapshot(db.pool)).toEqual(poisoned.expected(await withoutPoison()));
      expect(await healthy.snapshot(db.pool)).toEqual(healthy.expected(await db.allEvents()));
    });

    it('records the stop once when two runners meet the event, and both carry on with the other projection', async () => {
      await db.append(300, 30);
      const poison = await appendPoison();
      const one = runner({ projections: [poisoned, healthy], batchSize: 70, ...quick });
      const other = runner({ projections: [poisoned, healthy], batchSize: 130, ...quick });
      await Promise.all([one.start(), other.start()]);
      const last = await db.append(200, 20);

      expect(await one.waitFor(last, 10_000)).toBe(true);
      expect(await other.waitFor(last, 10_000)).toBe(true);
      expect(await expectTablesAtCheckpoint(healthy)).toBe(last);
      expect(await failures()).toEqual([expect.objectContaining({ projection: poisoned.name, position: String(poison.position) })]);
      expect(await db.checkpoint(poisoned.name)).toBe(poison.position - 1n);
    });
  });

  describe('when the connection is cut mid-batch, again and again', () => {
    let admin: Client;
    let calls = 0;
    /** Loses its own connection on its 2nd, 3rd and 4th batch: three failures in a row, of the database, not of an event. */
    const cut = new StreamTallyProjection({
      midBatch: async (_events, client) => {
        calls += 1;
        if (calls < 2 || calls > 4) return;
        const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
        await admin.query('SELECT pg_terminate_backend($1)', [rows[0].pid]);
      },
    });

    beforeEach(async () => {
      calls = 0;
      db = await startReadModelDatabase([cut]);
      admin = new Client(db.url);
      await admin.connect();
    });
    afterEach(() => admin.end());

    it('never stops the projection for it, even when one failure would: it retries the batch until it goes through', async () => {
      await db.append(500, 50);
      const log = recordingLog();
      const following = runner({ projections: [cut], log, batchSize: 100, attemptsPerEvent: 1, retry: { minMs: 5, maxMs: 20 } });
      await following.start();
      const last = await db.append(50, 5);

      expect(await following.waitFor(last, 15_000)).toBe(true);
      expect(calls).toBeGreaterThan(4);
      expect(log.errors.filter((line) => line.includes('not applied'))).toHaveLength(3);
      expect(log.errors.filter((line) => line.includes('STOPPED') || line.includes('one at a time'))).toEqual([]);
      expect((await db.pool.query('SELECT * FROM projection_failures')).rows).toEqual([]);
      expect(await expectTablesAtCheckpoint(cut)).toBe(last);
      expect(await cut.snapshot(db.pool)).toEqual(cut.expected(await db.allEvents()));
    });
  });

  describe('the crash test', () => {
    let admin: Client;
    let killed: number | undefined;
    let batches = 0;
    /** Its third batch loses its connection half-way: the runner's process is taken to die there. */
    const dying = new StreamTallyProjection({
      midBatch: async (_events, client) => {
        batches += 1;
        if (batches !== 3) return;
        const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
        killed = rows[0].pid;
        await admin.query('SELECT pg_terminate_backend($1)', [killed]);
      },
    });
    const healthy = new StreamTallyProjection();

    beforeEach(async () => {
      batches = 0;
      killed = undefined;
      db = await startReadModelDatabase([healthy]);
      admin = new Client(db.url);
      await admin.connect();
    });
    afterEach(() => admin.end());

    it('loses its connection mid-batch, dies, and a new runner from the checkpoint ends exactly where a clean rebuild does', async () => {
      await db.append(1500, 80);
      const log = recordingLog();
      const first = runner({ projections: [dying], log, retry: { minMs: 60_000, maxMs: 60_000 } });
      await first.start();
      await eventually(() => log.errors.length > 0, 'the batch to fail');
      await first.stop();

      expect(killed).toEqual(expect.any(Number));
      expect(log.errors[0]).toMatch(/terminat|Connection/i);
      const checkpoint = await expectTablesAtCheckpoint(healthy);
      expect(checkpoint).toBeGreaterThan(0n);
      const last = await db.append(300, 20);

      const second = runner({ projections: [healthy] });
      await second.start();
      expect(await second.waitFor(last, 10_000)).toBe(true);
      const resumed = await healthy.snapshot(db.pool);
      await rebuildProjections({ pool: db.pool, store: db.store, projections: [healthy] });

      expect(await healthy.snapshot(db.pool)).toEqual(resumed);
      expect(resumed).toEqual(healthy.expected(await db.allEvents()));
    });
  });
});
