import { randomUUID } from 'node:crypto';
import { describeEventStoreContract } from '../event-store.contract';
import { EventMetadata, EventStoreOutcomeUnknown, EventStoreUnavailable, NewEvent, StoredEvent, StreamRevisionConflict } from '../event-store.port';
import { handleCommandAcrossStreams } from '../handle-command';
import { EventStoreDbEventStore, EventStoreDbOptions } from './eventstoredb-event-store';
import { EventStoreRefused } from './mapping';
import { FakeKurrentDb } from './testing/fake-kurrentdb';

/**
 * The adapter against the in-process double of a KurrentDB 25.1 node (testing/fake-kurrentdb.ts),
 * which behaves as the server's source says: the contract suite, then each way the adapter used
 * to go wrong on a real server. Not a real server: see the README for what was run where.
 */
const metadata: EventMetadata = { recordedAt: '2026-11-22T10:00:00.000Z', recordedBy: 'caseworker-1' };
const event = (type: string, data: Record<string, unknown> = {}): NewEvent => ({ type, data, metadata });
const streamId = (): string => `case-${randomUUID()}`;

let fake: FakeKurrentDb;
const lines: string[] = [];
const connect = (options: EventStoreDbOptions = {}): Promise<EventStoreDbEventStore> =>
  EventStoreDbEventStore.connect(fake.connectionString, { log: (line) => lines.push(line), ...options });

/** Waits until the double has closed every call the client cancelled (a cancel crosses the connection). */
const settled = async (): Promise<number> => {
  for (let tries = 0; fake.openCalls > 0 && tries < 100; tries++) await new Promise((done) => setTimeout(done, 10));
  return fake.openCalls;
};

beforeAll(async () => {
  fake = await FakeKurrentDb.start();
});

afterAll(async () => {
  await fake.stop();
});

describeEventStoreContract('EventStoreDB (on the in-process double)', () => connect({ streamPrefixes: ['contract-'] }));

describe('EventStoreDB adapter, against what the server does', () => {
  let store: EventStoreDbEventStore;

  beforeAll(async () => {
    store = await connect();
  });

  afterAll(async () => {
    await store.close();
  });

  it('refuses a second new stream with the same events: ids are random per attempt, never derived from content (IndexWriter.cs idempotent check)', async () => {
    const stream = streamId();
    await store.append(stream, [event('CaseReferred', { caseId: 'c1' })], 'no-stream');
    await expect(store.append(stream, [event('CaseReferred', { caseId: 'c1' })], 'no-stream')).rejects.toMatchObject({ code: 'concurrent-change', actual: 0 });
    expect(await store.readStream(stream)).toHaveLength(1);
  });

  it('is refused by the server when reading $all from a position that is not an event’s, so positions stay opaque (StorageReaderWorker.cs l. 441)', async () => {
    const { position } = await store.append(streamId(), [event('CaseReferred')], 'no-stream');
    await expect(store.readAll(position - 1n, 10)).rejects.toBeInstanceOf(EventStoreRefused);
    expect(await store.readAll(position, 10)).toEqual([]);
  });

  it('counts the events up to a position through the store itself, for the rebuild’s progress bar (issue 10, item 11)', async () => {
    const before = await store.headPosition();
    const counted = await store.countEvents(before);
    const stream = streamId();
    await store.append(stream, [event('A'), event('B'), event('C')], 'no-stream');
    const head = await store.headPosition();
    expect(await store.countEvents(head, 2)).toBe(counted + 3);
    expect(await store.countEvents(before)).toBe(counted);
  });

  it('answers a multi-event append from the append’s own result, without reading back (StorageChaser.cs l. 230)', async () => {
    const stream = streamId();
    const reads = fake.opened.reads;
    const result = await store.append(stream, [event('A'), event('B'), event('C')], 'no-stream');
    expect(fake.opened.reads).toBe(reads);
    expect(result.position).toBe((await store.readStream(stream))[2].position);
  });

  it('writes 2,000 events and makes 200 reads in a row, with more reads than the connection has streams, and leaves no call open', async () => {
    const start = await store.headPosition();
    const streams = Array.from({ length: 20 }, streamId);
    for (let round = 0; round < 100; round++) {
      await Promise.all(streams.map((stream) => store.append(stream, [event('Step', { round })], round === 0 ? 'no-stream' : round - 1)));
    }
    const opened = fake.opened.reads;
    let after = start;
    let read = 0;
    for (let call = 0; call < 200; call++) {
      // Small batches of a big $all: each read stops long before the end of the log.
      const batch = await store.readAll(after, 10);
      read += batch.length;
      after = batch.at(-1)?.position ?? after;
      if (call % 20 === 0) await store.headPosition();
    }
    expect(read).toBe(2000);
    expect(fake.opened.reads - opened).toBeGreaterThanOrEqual(200);
    expect(await settled()).toBe(0);
  });

  it('gives up on a stalled read after its deadline, answers unavailable and cancels the call', async () => {
    const impatient = await connect({ readTimeoutMs: 200 });
    fake.stallReads = true;
    try {
      await expect(impatient.readStream(streamId())).rejects.toBeInstanceOf(EventStoreUnavailable);
    } finally {
      fake.stallReads = false;
    }
    expect(await settled()).toBe(0);
    await impatient.close();
  });

  it('sends a timed-out append again with the same ids, and stores it once whether the first send landed or not', async () => {
    for (const afterWriting of [true, false]) {
      const stream = streamId();
      fake.timeOutAppends = { count: 1, afterWriting };
      const result = await store.append(stream, [event('CaseReferred'), event('ReferralAccepted')], 'no-stream');
      expect(result.nextRevision).toBe(1);
      expect((await store.readStream(stream)).map((stored) => stored.type)).toEqual(['CaseReferred', 'ReferralAccepted']);
    }
  });

  it('says the outcome is unknown, never "nothing written", when no send of an append is answered', async () => {
    const stream = streamId();
    fake.timeOutAppends = { count: 3, afterWriting: true };
    const error = await store.append(stream, [event('CaseReferred')], 'no-stream').catch((failure: unknown) => failure);
    fake.timeOutAppends = { count: 0, afterWriting: false };
    expect(error).toBeInstanceOf(EventStoreOutcomeUnknown);
    expect(error).toMatchObject({ code: 'event-store-outcome-unknown' });
    expect(await store.readStream(stream)).toHaveLength(1);
  });

  it('passes over foreign and non-JSON events in $all, reading and subscribing, with a log line naming no data', async () => {
    const start = await store.headPosition();
    const ours = streamId();
    await store.append(ours, [event('CaseReferred')], 'no-stream');
    fake.write('legacy-import-1', 'Imported', Buffer.from([0xff, 0x00]), { isJson: false });
    const binary = fake.write(streamId(), 'Scanned', Buffer.from('not json'), { isJson: false });
    await store.append(ours, [event('ReferralAccepted')], 0);
    expect((await store.readAll(start, 10)).map((stored) => stored.type)).toEqual(['CaseReferred', 'ReferralAccepted']);
    const seen: StoredEvent[] = [];
    const subscription = store.subscribe(start, async (batch) => void seen.push(...batch), { batchSize: 1 });
    for (let tries = 0; seen.length < 2 && tries < 200; tries++) await new Promise((done) => setTimeout(done, 10));
    await subscription.stop();
    expect(seen.map((stored) => stored.type)).toEqual(['CaseReferred', 'ReferralAccepted']);
    expect(lines.some((line) => line.includes(binary.id) && !line.includes('not json'))).toBe(true);
  });

  it('resubscribes after the server drops the subscription, missing nothing and repeating nothing', async () => {
    const start = await store.headPosition();
    const stream = streamId();
    await store.append(stream, [event('A')], 'no-stream');
    const seen: string[] = [];
    const subscription = store.subscribe(start, async (batch) => void seen.push(...batch.map((stored) => stored.type)), { batchSize: 10 });
    for (let tries = 0; seen.length < 1 && tries < 200; tries++) await new Promise((done) => setTimeout(done, 10));
    fake.dropSubscriptions();
    await store.append(stream, [event('B')], 0);
    for (let tries = 0; seen.length < 2 && tries < 400; tries++) await new Promise((done) => setTimeout(done, 10));
    await subscription.stop();
    expect(seen).toEqual(['A', 'B']);
    expect(await settled()).toBe(0);
  });

  it('books exactly 16 of 20 cases racing for 16 places, each booking on both the course and the case, or on neither', async () => {
    const course = `course-${randomUUID()}`;
    await store.append(course, [event('CourseScheduled', { capacity: 16 })], 'no-stream');
    const cases = Array.from({ length: 20 }, streamId);
    const book = (caseStream: string) =>
      handleCommandAcrossStreams(
        store,
        [course, caseStream],
        (streams) => {
          const booked = (streams.get(course) ?? []).filter((stored) => stored.type === 'CoursePlaceBooked').length;
          if (booked >= 16) throw new Error('course-full');
          return new Map<string, { type: string; data: Record<string, unknown> }[]>([
            [course, [{ type: 'CoursePlaceBooked', data: { caseStream } }]],
            [caseStream, [{ type: 'CourseBooked', data: { course } }]],
          ]);
        },
        metadata,
      );
    const outcomes = await Promise.allSettled(cases.map(book));
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(16);
    const places = (await store.readStream(course)).filter((stored) => stored.type === 'CoursePlaceBooked').map((stored) => stored.data.caseStream);
    const bookedCases = [];
    for (const caseStream of cases) if ((await store.readStream(caseStream)).length > 0) bookedCases.push(caseStream);
    expect(places).toHaveLength(16);
    expect([...places].sort()).toEqual([...bookedCases].sort());
  });
});

describe('EventStoreDB adapter on a server without the multi-stream append', () => {
  it('refuses to start, saying which server it needs', async () => {
    const old = await FakeKurrentDb.start({ version: '24.10' });
    try {
      await expect(EventStoreDbEventStore.connect(old.connectionString)).rejects.toThrow(/KurrentDB 25\.1 or later/);
    } finally {
      await old.stop();
    }
  });

  it('turns a stale revision across streams into the port’s conflict, naming the stream', async () => {
    const store = await connect();
    const [first, second] = [streamId(), streamId()];
    await store.append(second, [event('CourseScheduled')], 'no-stream');
    const error = await store
      .appendMany([
        { streamId: first, events: [event('A')], expected: 'no-stream' },
        { streamId: second, events: [event('B')], expected: 3 },
      ])
      .catch((failure: unknown) => failure);
    expect(error).toEqual(new StreamRevisionConflict(second, 3, 0));
    await store.close();
  });
});
