import { migrate } from '@safer-cases/database';
import { createTestDatabase } from '@safer-cases/testing/test-database';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { canonicalJson, copyEvents, CopyCheckpoint, CopyCheckpointState, CopyProgress, summarise } from './copy-events';
import { EventMetadata, EventStore } from './event-store.port';
import { EventStoreDbEventStore } from './eventstoredb';
import { FakeKurrentDb } from './eventstoredb/testing/fake-kurrentdb';
import { PostgresEventStore } from './postgres';

const metadata: EventMetadata = { recordedAt: '2026-11-22T10:00:00.000Z', recordedBy: 'referrer.police', correlationId: 'c-1' };

const fresh = async (): Promise<{ url: string; store: EventStore }> => {
  const url = await createTestDatabase();
  await migrate(url);
  return { url, store: await PostgresEventStore.connect(url) };
};

const memoryCheckpoint = (): CopyCheckpoint & { saved: CopyCheckpointState[] } => {
  const saved: CopyCheckpointState[] = [];
  return { saved, load: async () => saved[saved.length - 1], save: async (state) => void saved.push(state) };
};

/** A store whose `n`th append fails, as a copy stopped by a lost connection. */
const failingAt = (store: EventStore, n: number): EventStore => {
  let appends = 0;
  const failing: EventStore = Object.create(store) as EventStore;
  failing.append = async (...args) => {
    appends += 1;
    if (appends === n) throw new Error('connection lost');
    return store.append(...args);
  };
  return failing;
};

/** A small history: three case streams interleaved, a multi-event append, a second schema version. */
const writeHistory = async (store: EventStore): Promise<string[]> => {
  const streams = [`case-${randomUUID()}`, `case-${randomUUID()}`, `course-${randomUUID()}`];
  await store.append(streams[0], [{ type: 'CaseReferred', data: { z: 1, a: { y: 'ü', b: [1, 2] } }, metadata }], 'no-stream');
  await store.append(streams[2], [{ type: 'CourseScheduled', data: { capacity: 16 }, metadata }], 'no-stream');
  await store.append(
    streams[1],
    [
      { type: 'CaseReferred', data: {}, metadata },
      { type: 'ReferralAccepted', data: { on: '2026-11-20' }, metadata, schemaVersion: 2 },
    ],
    'no-stream',
  );
  for (let round = 1; round <= 4; round++) await store.append(streams[0], [{ type: 'Step', data: { round }, metadata }], round - 1);
  return streams;
};

describe('copying a partnership’s history between stores', () => {
  it('copies every stream in global order, keeping ids, revisions, metadata and schema versions, and verifies it', async () => {
    const source = await fresh();
    const target = await fresh();
    const streams = await writeHistory(source.store);
    const progress: CopyProgress[] = [];
    const result = await copyEvents(source.store, target.store, { checkpoint: memoryCheckpoint(), batchSize: 3, onProgress: (each) => progress.push(each) });
    expect(result).toMatchObject({ copied: 8, skipped: 0, matches: true, source: { events: 8 }, target: { events: 8 } });
    expect(result.target.checksum).toBe(result.source.checksum);
    for (const stream of streams) {
      const [from, to] = [await source.store.readStream(stream), await target.store.readStream(stream)];
      expect(to.map(({ id, revision, type, data, metadata: meta, schemaVersion }) => ({ id, revision, type, data, meta, schemaVersion }))).toEqual(
        from.map(({ id, revision, type, data, metadata: meta, schemaVersion }) => ({ id, revision, type, data, meta, schemaVersion })),
      );
    }
    expect(progress[progress.length - 1]).toMatchObject({ done: 8, total: 8 });
    expect(progress.map(({ done }) => done)).toEqual([0, 3, 6, 8]);
    await Promise.all([source.store.close(), target.store.close()]);
  });

  it('resumes after a stop, and never writes twice what the target already holds, even with its checkpoint lost', async () => {
    const source = await fresh();
    const target = await fresh();
    await writeHistory(source.store);
    const checkpoint = memoryCheckpoint();
    await expect(copyEvents(source.store, failingAt(target.store, 4), { checkpoint, batchSize: 3 })).rejects.toThrow('connection lost');
    expect(checkpoint.saved).toHaveLength(1);
    expect((await summarise(target.store)).events).toBe(3);

    const resumed = await copyEvents(source.store, target.store, { checkpoint, batchSize: 3 });
    expect(resumed).toMatchObject({ copied: 5, matches: true, target: { events: 8 } });

    checkpoint.saved.splice(0);
    const again = await copyEvents(source.store, target.store, { checkpoint, batchSize: 3 });
    expect(again).toMatchObject({ matches: true, target: { events: 8 } });
    expect(again.copied + again.skipped).toBe(8);
    await Promise.all([source.store.close(), target.store.close()]);
  });

  it('says the stores differ when the target holds anything else', async () => {
    const source = await fresh();
    const target = await fresh();
    await writeHistory(source.store);
    await copyEvents(source.store, target.store, { checkpoint: memoryCheckpoint() });
    const client = new Client(target.url);
    await client.connect();
    await client.query(`update events set data = jsonb_set(data, '{capacity}', '15') where type = 'CourseScheduled'`);
    await client.end();
    const [from, to] = [await summarise(source.store), await summarise(target.store)];
    expect(to.events).toBe(from.events);
    expect(to.checksum).not.toBe(from.checksum);
    await Promise.all([source.store.close(), target.store.close()]);
  });

  it('hashes data the same whatever order its keys come in', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 3 }], c: null } })).toBe(canonicalJson({ a: { c: null, d: [1, { e: 3, f: 2 }] }, b: 1 }));
  });

  it('resumes with the stopped copy’s batch size, whatever is asked, so the same events go in the same appends', async () => {
    const source = await fresh();
    const target = await fresh();
    await writeHistory(source.store);
    const checkpoint = memoryCheckpoint();
    await expect(copyEvents(source.store, failingAt(target.store, 4), { checkpoint, batchSize: 3 })).rejects.toThrow('connection lost');
    const resumed = await copyEvents(source.store, target.store, { checkpoint, batchSize: 500 });
    expect(resumed).toMatchObject({ batchSize: 3, copied: 5, matches: true });
    expect(checkpoint.saved.every((state) => state.batchSize === 3)).toBe(true);
    await Promise.all([source.store.close(), target.store.close()]);
  });

  describe('to and from EventStoreDB (the in-process double of a KurrentDB 25.1 node)', () => {
    let fake: FakeKurrentDb;

    beforeAll(async () => {
      fake = await FakeKurrentDb.start();
    });

    afterAll(async () => {
      await fake.stop();
    });

    it('copies 2,000 events there and back, counts a resumed copy’s resent appends as skipped, never as copied, and leaves no call open', async () => {
      const source = await fresh();
      const streams = Array.from({ length: 40 }, () => `case-${randomUUID()}`);
      for (let round = 0; round < 50; round++) {
        await Promise.all(streams.map((stream) => source.store.append(stream, [{ type: 'Step', data: { round }, metadata }], round === 0 ? 'no-stream' : round - 1)));
      }
      const esdb = await EventStoreDbEventStore.connect(fake.connectionString);
      const checkpoint = memoryCheckpoint();
      await expect(copyEvents(source.store, failingAt(esdb, 900), { checkpoint, batchSize: 100 })).rejects.toThrow('connection lost');
      const written = (await summarise(esdb)).events;
      // The copy stopped inside a batch: the part of it already written is sent again on resuming.
      expect(written % 100).not.toBe(0);
      const resumed = await copyEvents(source.store, esdb, { checkpoint, batchSize: 100 });
      expect(resumed).toMatchObject({ matches: true, target: { events: 2000 } });
      expect(resumed.copied).toBe(2000 - written);
      expect(resumed.skipped).toBe(written % 100);

      checkpoint.saved.splice(0);
      const again = await copyEvents(source.store, esdb, { checkpoint, batchSize: 100 });
      expect(again).toMatchObject({ copied: 0, skipped: 2000, matches: true });

      const back = await fresh();
      const home = await copyEvents(esdb, back.store, { checkpoint: memoryCheckpoint(), batchSize: 100 });
      expect(home).toMatchObject({ copied: 2000, matches: true });
      expect(home.target.checksum).toBe(resumed.source.checksum);
      await esdb.close();
      for (let tries = 0; fake.openCalls > 0 && tries < 100; tries++) await new Promise((done) => setTimeout(done, 10));
      expect(fake.openCalls).toBe(0);
      await Promise.all([source.store.close(), back.store.close()]);
    });
  });
});
