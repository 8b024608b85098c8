import { EventMetadata, EventStore, ExpectedRevision, StoredEvent, StreamAppend, StreamRevisionConflict } from './event-store.port';

type DomainEvent = { type: string; data: Record<string, unknown> };

export type CommandOutcome<E extends DomainEvent> = {
  events: E[];
  /** Global position of the last event written; the stream's last position when nothing was written. */
  position: bigint;
  nextRevision: number;
};

/**
 * Read the stream, fold it, decide, append with the revision that was read. When another writer
 * got there first, the whole decision is made again on the newer state, a bounded number of
 * times: so a rule such as a course's capacity holds however many requests race.
 */
export const handleCommand = async <S, E extends DomainEvent>(
  store: EventStore,
  streamId: string,
  fold: (events: E[]) => S,
  decide: (state: S, stored: StoredEvent[]) => E[],
  metadata: EventMetadata,
  options: { attempts?: number } = {},
): Promise<CommandOutcome<E>> => {
  const attempts = options.attempts ?? 50;
  for (let attempt = 1; ; attempt++) {
    const stored = await store.readStream(streamId);
    const events = decide(fold(stored.map(toDomainEvent) as E[]), stored);
    const expected: ExpectedRevision = stored.length === 0 ? 'no-stream' : stored.length - 1;
    if (events.length === 0) {
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
      await jitter(attempt);
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
  options: { attempts?: number } = {},
): Promise<{ events: ReadonlyMap<string, E[]>; position: bigint }> => {
  const attempts = options.attempts ?? 50;
  for (let attempt = 1; ; attempt++) {
    const read = await Promise.all(streamIds.map(async (streamId) => [streamId, await store.readStream(streamId)] as const));
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
