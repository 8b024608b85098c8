import { migrate } from '@safer-cases/database';
import { createTestDatabase } from '@safer-cases/testing/test-database';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { canonicalJson, copyEvents, CopyCheckpoint, CopyProgress, summarise } from './copy-events';
import { EventMetadata, EventStore } from './event-store.port';
import { PostgresEventStore } from './postgres';

const metadata: EventMetadata = { recordedAt: '2026-11-22T10:00:00.000Z', recordedBy: 'referrer.police', correlationId: 'c-1' };

const fresh = async (): Promise<{ url: string; store: EventStore }> => {
  const url = await createTestDatabase();
  await migrate(url);
  return { url, store: await PostgresEventStore.connect(url) };
};

const memoryCheckpoint = (): CopyCheckpoint & { saved: bigint[] } => {
  const saved: bigint[] = [];
  return { saved, load: async () => saved[saved.length - 1] ?? 0n, save: async (position) => void saved.push(position) };
};

/** A small history: three case streams interleaved, a multi-event append, a second schema version. */
const writeHistory = async (store: EventStore): Promise<string[]> => {
  const streams = [`case-${randomUUID()}`, `case-${randomUUID()}`, `course-${randomUUID()}`];
  await store.append(streams[0], [{ type: 'CaseReferred', data: { z: 1, a: { y: 'ü', b: [1, 2] } }, metadata }], 'no-stream');
  await store.append(streams[2], [{ type: 'CourseScheduled', data: { capacity: 16 }, metadata }], 'no-stream');
  await store.append(streams[1], [{ type: 'CaseReferred', data: {}, metadata }, { type: 'ReferralAccepted', data: { on: '2026-11-20' }, metadata, schemaVersion: 2 }], 'no-stream');
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
    let appends = 0;
    const failing: EventStore = Object.create(target.store) as EventStore;
    failing.append = async (...args) => {
      appends += 1;
      if (appends === 4) throw new Error('connection lost');
      return target.store.append(...args);
    };
    await expect(copyEvents(source.store, failing, { checkpoint, batchSize: 3 })).rejects.toThrow('connection lost');
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
});
