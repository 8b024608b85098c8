import { createHash } from 'node:crypto';
import { EventStore, NewEvent, StoredEvent, StreamRevisionConflict } from './event-store.port';

/** What the copy reads of a store, and what it writes. */
export type CopySource = Pick<EventStore, 'readAll'>;
export type CopyTarget = Pick<EventStore, 'append' | 'headPosition'>;

export type CopyProgress = { done: number; total: number; elapsedMs: number };

/**
 * How far a copy has come: the source position of the last event copied, and the batch size it
 * copies with. A resumed copy keeps that batch size: with another, the same events would go in
 * other runs (appends), and EventStoreDB, which recognises a resent append by its event ids run
 * by run, would see half a run it holds as a conflict (its corrupted-idempotency check).
 */
export type CopyCheckpointState = { position: bigint; batchSize: number };
export type CopyCheckpoint = { load: () => Promise<CopyCheckpointState | undefined>; save: (state: CopyCheckpointState) => Promise<void> };

export type StoreSummary = { events: number; checksum: string };

export type CopyResult = { copied: number; skipped: number; batchSize: number; source: StoreSummary; target: StoreSummary; matches: boolean };

/** JSON with every object's keys in order, so that the same data hashes the same in any store (PostgreSQL's jsonb reorders keys). */
export const canonicalJson = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, each]) => each !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, each]) => `${JSON.stringify(key)}:${canonicalJson(each)}`).join(',')}}`;
  }
  return JSON.stringify(value);
};

/**
 * Every event of a store in global order, counted and hashed: stream, revision, id, type,
 * schema version, data and metadata. Two stores holding the same history have the same summary,
 * whatever positions each gave the events.
 */
export const summarise = async (store: CopySource, batchSize = 1000): Promise<StoreSummary> => {
  const hash = createHash('sha256');
  let events = 0;
  for (let after = 0n, batch = await store.readAll(after, batchSize); batch.length > 0; batch = await store.readAll(after, batchSize)) {
    for (const event of batch) {
      hash.update(canonicalJson([event.streamId, event.revision, event.id, event.type, event.schemaVersion, event.data, event.metadata]));
      hash.update('\n');
    }
    events += batch.length;
    after = batch[batch.length - 1].position;
  }
  return { events, checksum: hash.digest('hex') };
};

const asNewEvent = ({ id, type, data, metadata, schemaVersion }: StoredEvent): NewEvent => ({ id, type, data, metadata, schemaVersion });

/** Runs of consecutive events of one stream: each is one append, and global order is kept. */
const runsOf = (batch: StoredEvent[]): StoredEvent[][] => {
  const runs: StoredEvent[][] = [];
  for (const event of batch) {
    const last = runs[runs.length - 1];
    if (last && last[last.length - 1].streamId === event.streamId) last.push(event);
    else runs.push([event]);
  }
  return runs;
};

/**
 * Copies every event of `source` into `target` in global order, each stream at its own
 * revisions (so a target stream that moved on is never written over), keeping every event's
 * id, metadata and schema version. Resumable: it starts after the checkpoint, saves it after
 * each batch, and an event the target already holds at its revision (a copy stopped between a
 * write and its checkpoint) is skipped, not counted as copied: PostgreSQL refuses it as a
 * conflict, EventStoreDB answers it as the same write again, with the position it was first
 * given, at or before the target's head when this copy began. Ends by counting and hashing both
 * stores.
 */
export const copyEvents = async (
  source: CopySource,
  target: CopyTarget & CopySource,
  options: { checkpoint: CopyCheckpoint; batchSize?: number; onProgress?: (progress: CopyProgress) => void },
): Promise<CopyResult> => {
  const saved = await options.checkpoint.load();
  const batchSize = saved?.batchSize ?? options.batchSize ?? 1000;
  const started = performance.now();
  const { events: total } = await summarise(source, batchSize);
  const targetHeadAtStart = await target.headPosition();
  let after = saved?.position ?? 0n;
  let done = after > 0n ? await countUpTo(source, after, batchSize) : 0;
  let copied = 0;
  let skipped = 0;
  const report = (): void => options.onProgress?.({ done, total, elapsedMs: performance.now() - started });
  report();
  for (let batch = await source.readAll(after, batchSize); batch.length > 0; batch = await source.readAll(after, batchSize)) {
    for (const run of runsOf(batch)) {
      const first = run[0];
      try {
        const written = await target.append(first.streamId, run.map(asNewEvent), first.revision === 0 ? 'no-stream' : first.revision - 1);
        if (written.position > targetHeadAtStart) copied += run.length;
        else skipped += run.length;
      } catch (error) {
        if (!(error instanceof StreamRevisionConflict) || error.actual === 'no-stream' || error.actual < run[run.length - 1].revision) throw error;
        skipped += run.length;
      }
    }
    after = batch[batch.length - 1].position;
    done += batch.length;
    await options.checkpoint.save({ position: after, batchSize });
    report();
  }
  const [source_, target_] = [await summarise(source, batchSize), await summarise(target, batchSize)];
  return { copied, skipped, batchSize, source: source_, target: target_, matches: source_.events === target_.events && source_.checksum === target_.checksum };
};

const countUpTo = async (store: CopySource, position: bigint, batchSize: number): Promise<number> => {
  let count = 0;
  for (let after = 0n, batch = await store.readAll(after, batchSize); batch.length > 0 && after < position; batch = await store.readAll(after, batchSize)) {
    count += batch.filter((event) => event.position <= position).length;
    after = batch[batch.length - 1].position;
  }
  return count;
};
