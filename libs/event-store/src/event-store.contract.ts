import { randomUUID } from 'node:crypto';
import { EventMetadata, EventStore, NewEvent, StoredEvent, StreamRevisionConflict } from './event-store.port';

const metadata: EventMetadata = { recordedAt: '2025-03-01T10:00:00.000Z', recordedBy: 'caseworker-1' };

const event = (type: string, data: Record<string, unknown> = {}): NewEvent => ({ type, data, metadata });

const streamId = (): string => `contract-${randomUUID()}`;

const waitFor = async (condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 10));
  }
};

const rejection = async (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => new Error('expected a rejection'),
    (error: unknown) => error,
  );

/**
 * The behaviour every EventStore adapter must show, run unchanged against each of them:
 * `describeEventStoreContract('postgres', () => PostgresEventStore.connect(url))`.
 */
export const describeEventStoreContract = (name: string, connect: () => Promise<EventStore>): void => {
  describe(`${name} event store contract`, () => {
    let store: EventStore;

    beforeAll(async () => {
      store = await connect();
    });

    afterAll(async () => {
      await store.close();
    });

    describe('appending to several streams at once', () => {
      it('writes every stream at its expected revision, in one go, answering in the order given', async () => {
        const [first, second] = [streamId(), streamId()];
        await store.append(second, [event('CourseScheduled')], 'no-stream');
        const results = await store.appendMany([
          { streamId: first, events: [event('CaseReferred'), event('CourseBooked')], expected: 'no-stream' },
          { streamId: second, events: [event('CoursePlaceBooked')], expected: 0 },
        ]);
        expect(results.map((result) => result.nextRevision)).toEqual([1, 1]);
        expect(results[0].position).not.toBe(results[1].position);
        expect((await store.readStream(first)).map((stored) => stored.type)).toEqual(['CaseReferred', 'CourseBooked']);
        expect((await store.readStream(second)).map((stored) => stored.type)).toEqual(['CourseScheduled', 'CoursePlaceBooked']);
      });

      it('writes nothing to any stream when one revision is stale', async () => {
        const [first, second] = [streamId(), streamId()];
        await store.append(first, [event('CaseReferred')], 'no-stream');
        await store.append(second, [event('CourseScheduled'), event('CoursePlaceBooked')], 'no-stream');
        const error = await rejection(
          store.appendMany([
            { streamId: first, events: [event('CourseBooked')], expected: 0 },
            { streamId: second, events: [event('CoursePlaceBooked')], expected: 0 },
          ]),
        );
        expect(error).toBeInstanceOf(StreamRevisionConflict);
        expect(error).toMatchObject({ streamId: second, expected: 0 });
        expect(await store.readStream(first)).toHaveLength(1);
        expect(await store.readStream(second)).toHaveLength(2);
      });
    });

    describe('appending', () => {
      it('starts a new stream at revision 0 when no stream is expected', async () => {
        const stream = streamId();
        const result = await store.append(stream, [event('CaseReferred', { caseId: 'c1' })], 'no-stream');
        expect(result.nextRevision).toBe(0);
        const stored = await store.readStream(stream);
        expect(stored).toHaveLength(1);
        expect(stored[0]).toMatchObject({ streamId: stream, revision: 0, type: 'CaseReferred', data: { caseId: 'c1' }, position: result.position });
      });

      it('refuses a new stream whose id is already used, with the revision found', async () => {
        const stream = streamId();
        await store.append(stream, [event('CaseReferred')], 'no-stream');
        const error = await rejection(store.append(stream, [event('CaseReferred')], 'no-stream'));
        expect(error).toBeInstanceOf(StreamRevisionConflict);
        expect(error).toMatchObject({ streamId: stream, expected: 'no-stream', actual: 0 });
        expect(await store.readStream(stream)).toHaveLength(1);
      });

      it("appends when the expected revision is the stream's last", async () => {
        const stream = streamId();
        await store.append(stream, [event('CaseReferred')], 'no-stream');
        const result = await store.append(stream, [event('PanelHeld')], 0);
        expect(result.nextRevision).toBe(1);
        expect((await store.readStream(stream)).map((stored) => stored.type)).toEqual(['CaseReferred', 'PanelHeld']);
      });

      it('refuses a stale expected revision and writes nothing', async () => {
        const stream = streamId();
        await store.append(stream, [event('CaseReferred')], 'no-stream');
        await store.append(stream, [event('PanelHeld')], 0);
        const error = await rejection(store.append(stream, [event('CaseClosed'), event('CaseReopened')], 0));
        expect(error).toBeInstanceOf(StreamRevisionConflict);
        expect(error).toMatchObject({ streamId: stream, expected: 0, actual: 1 });
        expect((await store.readStream(stream)).map((stored) => stored.type)).toEqual(['CaseReferred', 'PanelHeld']);
      });

      it('refuses an expected revision on a stream that does not exist', async () => {
        const stream = streamId();
        const error = await rejection(store.append(stream, [event('PanelHeld')], 0));
        expect(error).toBeInstanceOf(StreamRevisionConflict);
        expect(error).toMatchObject({ actual: 'no-stream' });
        expect(await store.readStream(stream)).toEqual([]);
      });

      it('appends without a check when any revision is expected, to new and existing streams', async () => {
        const stream = streamId();
        expect((await store.append(stream, [event('A')], 'any')).nextRevision).toBe(0);
        expect((await store.append(stream, [event('B'), event('C')], 'any')).nextRevision).toBe(2);
        expect((await store.readStream(stream)).map((stored) => [stored.type, stored.revision])).toEqual([
          ['A', 0],
          ['B', 1],
          ['C', 2],
        ]);
      });

      it('gives the events of one append consecutive revisions and increasing positions', async () => {
        const stream = streamId();
        await store.append(stream, [event('A')], 'no-stream');
        const result = await store.append(stream, [event('B'), event('C'), event('D')], 0);
        const stored = await store.readStream(stream);
        expect(stored.map((each) => each.revision)).toEqual([0, 1, 2, 3]);
        expect(result.nextRevision).toBe(3);
        expect(result.position).toBe(stored[3].position);
        for (let index = 1; index < stored.length; index++) expect(stored[index].position).toBeGreaterThan(stored[index - 1].position);
      });
    });

    describe('reading a stream', () => {
      it('returns the events in revision order, apart from other streams', async () => {
        const stream = streamId();
        const other = streamId();
        await store.append(stream, [event('A', { n: 1 })], 'no-stream');
        await store.append(other, [event('X')], 'no-stream');
        await store.append(stream, [event('B', { n: 2 })], 0);
        await store.append(stream, [event('C', { n: 3 })], 1);
        expect((await store.readStream(stream)).map((stored) => stored.data)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
      });

      it('keeps data exactly, whatever characters and values it holds', async () => {
        const stream = streamId();
        const data = {
          quoted: 'she said "no", then {left}',
          backslashes: 'C:\\cases\\2025\\n',
          unicode: 'Zoë 📁 – ✓',
          nothing: null,
          empty: '',
          numbers: [0, -1.5, 1e21],
          nested: { flag: true, list: [{ deep: 'yes' }] },
        };
        await store.append(stream, [event('NoteAdded', data), event('NoteAdded', { again: data })], 'no-stream');
        expect((await store.readStream(stream)).map((stored) => stored.data)).toEqual([data, { again: data }]);
      });

      it('returns nothing for a stream that does not exist', async () => {
        expect(await store.readStream(streamId())).toEqual([]);
      });

      it('keeps the id given, the schema version and every metadata field', async () => {
        const stream = streamId();
        const id = randomUUID();
        const full: EventMetadata = { recordedAt: '2025-04-02T09:30:00.000Z', recordedBy: 'officer-7', correlationId: randomUUID(), causationId: randomUUID() };
        await store.append(stream, [{ id, type: 'CaseReferred', data: { caseId: 'c2', tags: ['a'] }, metadata: full, schemaVersion: 1 }], 'no-stream');
        await store.append(stream, [event('PanelHeld')], 0);
        const [first, second] = await store.readStream(stream);
        expect(first).toStrictEqual({
          id,
          streamId: stream,
          revision: 0,
          position: first.position,
          type: 'CaseReferred',
          data: { caseId: 'c2', tags: ['a'] },
          metadata: full,
          schemaVersion: 1,
        });
        expect(second.metadata).toStrictEqual(metadata);
        expect(second.schemaVersion).toBe(1);
        expect(second.id).toMatch(/^[0-9a-f-]{36}$/);
      });
    });

    describe('reading everything', () => {
      it('reads in batches, in increasing position, without repeats', async () => {
        const start = await store.headPosition();
        const streams = [streamId(), streamId(), streamId()];
        const appended: string[] = [];
        for (let round = 0; round < 4; round++) {
          for (const stream of streams) {
            const id = randomUUID();
            await store.append(stream, [{ ...event('Step', { round }), id }], round === 0 ? 'no-stream' : round - 1);
            appended.push(id);
          }
        }
        const read: StoredEvent[] = [];
        for (let batch = await store.readAll(start, 5); batch.length > 0; batch = await store.readAll(read[read.length - 1].position, 5)) {
          expect(batch.length).toBeLessThanOrEqual(5);
          read.push(...batch);
        }
        const ours = read.filter((stored) => streams.includes(stored.streamId));
        expect(ours.map((stored) => stored.id)).toEqual(appended);
        for (let index = 1; index < read.length; index++) expect(read[index].position).toBeGreaterThan(read[index - 1].position);
      });

      it('sees an append as soon as it has returned', async () => {
        const before = await store.headPosition();
        const stream = streamId();
        const result = await store.append(stream, [event('A')], 'no-stream');
        expect(await store.headPosition()).toBeGreaterThanOrEqual(result.position);
        // Positions are opaque: a read starts from 0n or a position the store gave, never one made up.
        const read = (await store.readAll(before, 1000)).filter((stored) => stored.streamId === stream);
        expect(read[0].position).toBe(result.position);
      });

      it('reads nothing after the head', async () => {
        await store.append(streamId(), [event('A')], 'no-stream');
        expect(await store.readAll(await store.headPosition(), 10)).toEqual([]);
      });
    });

    describe('subscribing', () => {
      it('delivers the events already stored, then new ones as they are appended, then stops', async () => {
        const start = await store.headPosition();
        const stream = streamId();
        await store.append(stream, [event('A'), event('B')], 'no-stream');
        await store.append(stream, [event('C')], 1);
        const seen: StoredEvent[] = [];
        const subscription = store.subscribe(
          start,
          async (batch) => {
            seen.push(...batch);
          },
          { batchSize: 2 },
        );
        const ours = (): string[] => seen.filter((stored) => stored.streamId === stream).map((stored) => stored.type);
        await waitFor(() => ours().length === 3, 'the stored events');
        await store.append(stream, [event('D')], 2);
        await store.append(stream, [event('E')], 3);
        await waitFor(() => ours().length === 5, 'the live events');
        await subscription.stop();
        await store.append(stream, [event('F')], 4);
        await new Promise((done) => setTimeout(done, 150));
        expect(ours()).toEqual(['A', 'B', 'C', 'D', 'E']);
        for (let index = 1; index < seen.length; index++) expect(seen[index].position).toBeGreaterThan(seen[index - 1].position);
      });

      it('awaits each batch before delivering the next', async () => {
        const start = await store.headPosition();
        const stream = streamId();
        await store.append(stream, [event('A'), event('B'), event('C'), event('D')], 'no-stream');
        let handling = 0;
        let overlapped = false;
        const seen: string[] = [];
        const subscription = store.subscribe(
          start,
          async (batch) => {
            handling += 1;
            if (handling > 1) overlapped = true;
            await new Promise((done) => setTimeout(done, 20));
            seen.push(...batch.filter((stored) => stored.streamId === stream).map((stored) => stored.type));
            handling -= 1;
          },
          { batchSize: 1 },
        );
        await waitFor(() => seen.length === 4, 'four batches');
        await subscription.stop();
        expect(overlapped).toBe(false);
        expect(seen).toEqual(['A', 'B', 'C', 'D']);
      });
    });
  });
};
