import { EventMetadata, EventStore, ExpectedRevision, StoredEvent, StreamAppend, StreamRevisionConflict } from './event-store.port';

type DomainEvent = { type: string; data: Record<string, unknown> };

export type CommandOutcome<E extends DomainEvent> = {
  events: E[];
  /** Global position of the last event written; the stream's last position when nothing was written. */
  position: bigint;
  nextRevision: number;
};

/** What `handleCommand` needs of a decider: the shape of `Decider` in the domain library. */
export type StreamDecider<C, E extends DomainEvent, S> = {
  decide: (command: C, state: S) => E[];
  evolve: (state: S, event: E) => S;
  initialState: () => S;
};

/**
 * Read the stream, fold it with the decider, decide the command, append with the revision that
 * was read. When another writer got there first, the whole decision is made again on the newer
 * state, a bounded number of times: so a rule such as a course's capacity holds however many
 * requests race. `newStream`, for a stream the caller expects not to exist yet (an id just
 * made): the first decision is made on no events without reading it, and appended as
 * `no-stream`; if the stream does exist, that append clashes and the decision is made again on
 * what it holds, so the answer is the same as with the read, one round trip sooner.
 */
export const handleCommand = async <C, E extends DomainEvent, S>(
  store: EventStore,
  streamId: string,
  decider: StreamDecider<C, E, S>,
  command: C,
  metadata: EventMetadata,
  options: { attempts?: number; newStream?: boolean } = {},
): Promise<CommandOutcome<E>> => {
  const attempts = options.attempts ?? 50;
  let unread = options.newStream === true;
  for (let attempt = 1; ; attempt++) {
    const stored = unread ? [] : await store.readStream(streamId);
    // The stream holds this decider's events only: its stream id says whose they are.
    const state = stored.reduce((folded, event) => decider.evolve(folded, toDomainEvent(event) as E), decider.initialState());
    let events: E[];
    try {
      events = decider.decide(command, state);
    } catch (refusal) {
      if (!unread) throw refusal;
      // A refusal of no events may not be the refusal of what the stream holds: read it and decide on that.
      unread = false;
      continue;
    }
    const expected: ExpectedRevision = stored.length === 0 ? 'no-stream' : stored.length - 1;
    if (events.length === 0) {
      // Nothing to append says nothing of whether the stream exists: read it and decide on what it holds.
      if (unread) {
        unread = false;
        continue;
      }
      return { events, position: stored.at(-1)?.position ?? 0n, nextRevision: stored.length - 1 };
    }
    try {
      const result = await store.append(
        streamId,
        events.map((event) => ({ type: event.type, data: event.data, metadata })),
        expected,
      );
      return { events, ...result };
    } catch (error) {
      if (!(error instanceof StreamRevisionConflict) || attempt >= attempts) throw error;
      // The stream assumed new exists: decided again at once on what it holds, as if it had been read first.
      if (unread) unread = false;
      else await jitter(attempt);
    }
  }
};

/**
 * The same for a decision that spans streams: read them all, decide the events of each, append
 * them all atomically at the revisions read, and decide again from scratch on a clash.
 */
export const handleCommandAcrossStreams = async <E extends DomainEvent>(
  store: EventStore,
  streamIds: readonly string[],
  decide: (streams: ReadonlyMap<string, StoredEvent[]>) => ReadonlyMap<string, E[]>,
  metadata: EventMetadata,
  options: { attempts?: number; alreadyRead?: ReadonlyMap<string, StoredEvent[]> } = {},
): Promise<{ events: ReadonlyMap<string, E[]>; position: bigint }> => {
  const attempts = options.attempts ?? 50;
  for (let attempt = 1; ; attempt++) {
    // A stream the caller has just read (to learn which other stream to decide on) is not read again
    // for the first decision; after a clash every stream is read afresh.
    const given = attempt === 1 ? options.alreadyRead : undefined;
    const read = await Promise.all(streamIds.map(async (streamId) => [streamId, given?.get(streamId) ?? (await store.readStream(streamId))] as const));
    const streams = new Map(read);
    const decided = decide(streams);
    const appends: StreamAppend[] = [...decided]
      .filter(([, events]) => events.length > 0)
      .map(([streamId, events]) => {
        const stored = streams.get(streamId) ?? [];
        return {
          streamId,
          events: events.map((event) => ({ type: event.type, data: event.data, metadata })),
          expected: stored.length === 0 ? ('no-stream' as const) : stored.length - 1,
        };
      });
    if (appends.length === 0) {
      const last = read.flatMap(([, stored]) => stored).reduce((max, event) => (event.position > max ? event.position : max), 0n);
      return { events: decided, position: last };
    }
    try {
      const results = await store.appendMany(appends);
      const position = results.reduce((max, result) => (result.position > max ? result.position : max), 0n);
      return { events: decided, position };
    } catch (error) {
      if (!(error instanceof StreamRevisionConflict) || attempt >= attempts) throw error;
      await jitter(attempt);
    }
  }
};

export const toDomainEvent = (event: StoredEvent): DomainEvent => ({ type: event.type, data: event.data });

const jitter = (attempt: number): Promise<void> => new Promise((done) => setTimeout(done, Math.random() * Math.min(50, 2 * attempt)));
