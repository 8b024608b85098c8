import { Client } from 'pg';
import { ProjectionRunner, ProjectionRunnerOptions } from './projection-runner';
import { rebuildProjections } from './rebuild';
import { eventually, ReadModelDatabase, recordingLog, startReadModelDatabase } from './testing/read-model-database.fixtures';
import { StreamTallyProjection } from './testing/stream-tally.projection';

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
      expect(log.lines.some((line) => line.includes('moved back to 0'))).toBe(true);
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

    it('logs the projection and retries the whole batch, never skipping it, and ends as a clean rebuild does', async () => {
      await db.append(1000, 60);
      const log = recordingLog();
      const following = runner({ projections: [failing], log });
      await following.start();
      const last = await db.append(100);

      expect(await following.waitFor(last, 10_000)).toBe(true);
      expect(log.errors).toEqual([expect.stringMatching(/^events \d+–\d+ not applied \(attempt 1\): projection stream-tally failed: disk on fire; retrying in 20 ms$/)]);
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
