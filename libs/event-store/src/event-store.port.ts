/** Who recorded an event and why; stored beside every event, never inside its data. */
export type EventMetadata = {
  recordedAt: string;
  recordedBy: string;
  correlationId?: string;
  causationId?: string;
};

export type NewEvent = {
  /** Optional id; a retried append with the same ids is recognised by adapters that support it. */
  id?: string;
  type: string;
  data: Record<string, unknown>;
  metadata: EventMetadata;
  /** Version of the event's data shape; defaults to 1. */
  schemaVersion?: number;
};

export type StoredEvent = {
  id: string;
  streamId: string;
  /** 0-based position within the stream. */
  revision: number;
  /** Position in the store's global order, increasing but with gaps. */
  position: bigint;
  type: string;
  data: Record<string, unknown>;
  metadata: EventMetadata;
  schemaVersion: number;
};

/**
 * `no-stream`: the stream must not exist; a number: the stream's last revision must be exactly
 * that; `any`: no check.
 */
export type ExpectedRevision = 'no-stream' | 'any' | number;

export type AppendResult = { nextRevision: number; position: bigint };

export type StreamAppend = { streamId: string; events: NewEvent[]; expected: ExpectedRevision };

export type Subscription = { stop: () => Promise<void> };

/** Thrown when the stream's revision is not the one expected: someone else wrote first. */
export class StreamRevisionConflict extends Error {
  readonly code = 'concurrent-change';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: number | 'no-stream',
  ) {
    super(`Stream ${streamId} changed concurrently (expected ${String(expected)}, found ${String(actual)})`);
    this.name = 'StreamRevisionConflict';
  }
}

/**
 * Thrown when the store cannot be reached or cannot serve us; callers answer 503 and try later.
 * Adapters narrow it (with their own code and message) when they know more, such as a write
 * whose outcome is unknown.
 */
export class EventStoreUnavailable extends Error {
  readonly code: string = 'event-store-unavailable';
  constructor(cause: unknown, message = 'The event store is unavailable') {
    super(message, { cause });
    this.name = 'EventStoreUnavailable';
  }
}

/**
 * Thrown when a write was sent but its answer was lost (a timeout, a dropped connection) and
 * asking again could not settle it: the events may or may not be stored. Never "nothing
 * written": the caller must read before it decides again.
 */
export class EventStoreOutcomeUnknown extends EventStoreUnavailable {
  override readonly code = 'event-store-outcome-unknown';
  constructor(cause: unknown) {
    super(cause, 'The event store did not confirm whether this change was recorded; look at the record before trying again');
    this.name = 'EventStoreOutcomeUnknown';
  }
}

/**
 * The event store: the only durable record of what happened. Streams are appended with an
 * expected revision (optimistic concurrency); the global order is read in batches and never
 * skips an event that a slower concurrent append commits late.
 */
export abstract class EventStore {
  /** Appends atomically; the events get consecutive revisions and increasing positions. */
  abstract append(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult>;

  /**
   * Appends to several streams at once, all or nothing: one stale revision and none is written.
   * For a rule that spans streams (a course's capacity and the case's booking), so that a refused
   * command leaves no trace in either. Results are in the order given.
   */
  abstract appendMany(appends: StreamAppend[]): Promise<AppendResult[]>;

  /** The whole stream in revision order; empty when it does not exist. */
  abstract readStream(streamId: string): Promise<StoredEvent[]>;

  /**
   * Up to `limit` events after `after` (exclusive) in global order. Positions are opaque: `after`
   * is 0n (the start) or a position this store returned (an event's, or `headPosition()`).
   */
  abstract readAll(after: bigint, limit: number): Promise<StoredEvent[]>;

  /** Calls `handle` for each event after `after` in global order, then keeps following live. */
  abstract subscribe(after: bigint, handle: (events: StoredEvent[]) => Promise<void>, options?: { batchSize?: number }): Subscription;

  /** Position of the last event readers may safely see (everything at or below is settled). */
  abstract headPosition(): Promise<bigint>;

  /**
   * How many events the global order holds up to `upTo`, for a progress bar: counted by reading
   * the global order through the store itself (a store with a cheaper way overrides this).
   */
  async countEvents(upTo: bigint, pageSize = 4096): Promise<number> {
    let counted = 0;
    let after = 0n;
    for (;;) {
      const page = await this.readAll(after, pageSize);
      const within = page.filter((event) => event.position <= upTo);
      counted += within.length;
      if (page.length < pageSize || within.length < page.length) return counted;
      after = page[page.length - 1].position;
    }
  }

  abstract close(): Promise<void>;
}

/** Upcasts an event stored in an older schema version to the current shape on read. */
export type Upcaster = {
  type: string;
  fromVersion: number;
  upcast: (data: Record<string, unknown>) => Record<string, unknown>;
};
