import { BACKWARDS, END, EventStoreDBClient, FORWARDS, StreamNotFoundError, streamNameFilter } from '@eventstore/db-client';
import type { AllStreamResolvedEvent, AllStreamSubscription, Position, ResolvedEvent, StreamingRead } from '@eventstore/db-client';
import { KurrentDBClient } from '@kurrent/kurrentdb-client';
import { StreamsServiceService } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v2/streams/streams_grpc_pb';
import { randomUUID } from 'node:crypto';
import {
  AppendResult,
  EventStore,
  EventStoreOutcomeUnknown,
  EventStoreUnavailable,
  ExpectedRevision,
  NewEvent,
  StoredEvent,
  StreamAppend,
  StreamRevisionConflict,
  Subscription,
} from '../event-store.port';
import { followAll, SubscriptionSource } from './follow-all';
import {
  appendRequestOf,
  connectionStringsOf,
  isOurStream,
  isOutcomeUnknown,
  isSystemEvent,
  ourStreamPrefixes,
  positionOf,
  readPositionAfter,
  storedEventOf,
  storeErrorOf,
} from './mapping';

export type EventStoreDbOptions = {
  /** The streams that are ours; events of any other stream in `$all` are passed over. */
  streamPrefixes?: readonly string[];
  /** How long a read may wait for the server before it is cancelled and answered "unavailable". */
  readTimeoutMs?: number;
  /** Events asked for per read call; every call is bounded and cancelled when done. */
  pageSize?: number;
  /** Sends of one append (the same ids each time) while its outcome is unknown. */
  appendAttempts?: number;
  /** Where a skipped foreign event is reported (stream, id and type: never data). */
  log?: (line: string) => void;
};

/** What this folder needs of the KurrentDB client beyond its typed surface: the server's feature list. */
type FeatureProbe = { supports: (method: unknown) => Promise<boolean> };

/**
 * The event store on KurrentDB / EventStoreDB (`EVENT_STORE=eventstoredb`). Streams keep the
 * names of shared/DOMAIN.md; the global order is `$all`, of our streams only.
 *
 * Writes go through KurrentDB 25.1's multi-stream append (`@kurrent/kurrentdb-client`), so
 * `appendMany` is one transaction: every expected revision is checked and all streams are
 * written, or none. A server without it is refused at start. Reads and subscriptions go through
 * `@eventstore/db-client`'s pure gRPC reads (the successor reads through a native bridge whose
 * cancellation cannot be checked without a server); each read is bounded (`maxCount`), has its
 * own deadline and is cancelled when done, so no call is left open on the connection.
 *
 * It does not join the command's PostgreSQL transaction (TransactionScope): its appends happen
 * while that transaction is open, which commits right after.
 */
export class EventStoreDbEventStore extends EventStore {
  private readonly prefixes: readonly string[];
  private readonly readTimeoutMs: number;
  private readonly pageSize: number;
  private readonly appendAttempts: number;
  private readonly log: (line: string) => void;

  private constructor(
    private readonly reader: EventStoreDBClient,
    private readonly writer: KurrentDBClient,
    options: EventStoreDbOptions,
  ) {
    super();
    this.prefixes = options.streamPrefixes ?? ourStreamPrefixes;
    this.readTimeoutMs = options.readTimeoutMs ?? 10_000;
    this.pageSize = options.pageSize ?? 1000;
    this.appendAttempts = options.appendAttempts ?? 3;
    this.log = options.log ?? ((line) => process.stderr.write(`${line}\n`));
  }

  /** `kurrentdb://admin:changeit@host:2113` and the like; refuses a server without the multi-stream append. */
  static async connect(connectionString: string, options: EventStoreDbOptions = {}): Promise<EventStoreDbEventStore> {
    const { v1, v2 } = connectionStringsOf(connectionString);
    const store = new EventStoreDbEventStore(EventStoreDBClient.connectionString(v1), KurrentDBClient.connectionString(v2), options);
    try {
      await store.requireMultiStreamAppend();
    } catch (error) {
      await store.close();
      throw error;
    }
    return store;
  }

  append(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    return this.appendMany([{ streamId, events, expected }]).then(([result]) => result);
  }

  /**
   * One multi-stream append. An answer lost on the way (a timeout, a dropped connection) is sent
   * again with the same ids: the server stores it once, and answers success whether the first
   * send landed or not. Only when no send is answered is the outcome reported unknown.
   */
  async appendMany(appends: StreamAppend[]): Promise<AppendResult[]> {
    const ids = appends.map(({ events }) => events.map((event) => event.id ?? randomUUID()));
    const requests = appends.map((append, index) => appendRequestOf(append, ids[index]));
    let unknown: unknown;
    for (let attempt = 1; attempt <= this.appendAttempts; attempt++) {
      try {
        const { position, responses } = await this.writer.multiStreamAppend(requests);
        return await this.resultsOf(
          appends,
          responses.map(({ revision }) => Number(revision)),
          position,
        );
      } catch (error) {
        if (isOutcomeUnknown(error)) {
          unknown = error;
          await new Promise((done) => setTimeout(done, 100 * attempt));
          continue;
        }
        const failure = storeErrorOf(error, appends[0].streamId, appends[0].expected);
        if (failure instanceof StreamRevisionConflict) {
          const append = appends.find(({ streamId }) => streamId === failure.streamId) ?? appends[0];
          if (unknown !== undefined && (await this.landed(append, ids[appends.indexOf(append)]))) return this.resultsAfterLanding(appends);
          throw new StreamRevisionConflict(append.streamId, append.expected, failure.actual);
        }
        throw failure;
      }
    }
    throw new EventStoreOutcomeUnknown(unknown);
  }

  async readStream(streamId: string): Promise<StoredEvent[]> {
    const stored: StoredEvent[] = [];
    for (;;) {
      const page = await this.streamPage(streamId, BigInt(stored.length), FORWARDS);
      stored.push(...page.map(storedEventOf));
      if (page.length < this.pageSize) return stored;
    }
  }

  /** Up to `limit` of our events after `after`, in global order, read in bounded pages. */
  async readAll(after: bigint, limit: number): Promise<StoredEvent[]> {
    const batch: StoredEvent[] = [];
    let from = after;
    while (batch.length < limit) {
      const maxCount = Math.min(limit - batch.length + 1, this.pageSize);
      const page = await this.allPage(readPositionAfter(from), FORWARDS, maxCount);
      for (const resolved of page) {
        const position = positionOf(resolved.event?.position);
        if (position <= from) continue;
        from = position;
        const stored = this.ours(resolved);
        if (stored) batch.push(stored);
        if (batch.length === limit) break;
      }
      if (page.length < maxCount) break;
    }
    return batch;
  }

  subscribe(after: bigint, handle: (events: StoredEvent[]) => Promise<void>, options: { batchSize?: number } = {}): Subscription {
    const filter = streamNameFilter({ prefixes: [...this.prefixes] });
    const source: SubscriptionSource = (from) =>
      this.reader.subscribeToAll({ fromPosition: from === undefined ? readPositionAfter(after) : from, filter }) as AllStreamSubscription;
    return followAll(source, after, handle, { batchSize: options.batchSize ?? 500, prefixes: this.prefixes, log: this.log });
  }

  /** The position of our last event: read backwards in bounded pages past anything not ours. */
  async headPosition(): Promise<bigint> {
    let from: Position | typeof END = END;
    for (;;) {
      const page = await this.allPage(from, BACKWARDS, this.pageSize);
      for (const resolved of page)
        if (!isSystemEvent(resolved) && resolved.event && isOurStream(resolved.event.streamId, this.prefixes)) return positionOf(resolved.event.position);
      const last = page.at(-1)?.event?.position;
      if (page.length < this.pageSize || !last) return 0n;
      from = { commit: last.prepare, prepare: last.prepare };
    }
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.reader.dispose(), this.writer.dispose()]);
  }

  private async requireMultiStreamAppend(): Promise<void> {
    let supported: boolean;
    try {
      supported = await (this.writer as unknown as FeatureProbe).supports(StreamsServiceService.appendSession);
    } catch (error) {
      throw storeErrorOf(error, '$all', 'any');
    }
    if (!supported) {
      throw new Error(
        'The event store server is too old: Safer Cases needs KurrentDB 25.1 or later (its multi-stream append keeps a booking and its course place together). Upgrade the server, or use EVENT_STORE=postgres.',
      );
    }
  }

  /** Each stream's revision and last position: the transaction's position is its last event's; the others are read. */
  private async resultsOf(appends: StreamAppend[], revisions: number[], position: bigint): Promise<AppendResult[]> {
    return Promise.all(
      appends.map(async ({ streamId }, index) => ({
        nextRevision: revisions[index],
        position: index === appends.length - 1 ? position : positionOf((await this.streamPage(streamId, BigInt(revisions[index]), FORWARDS, 1))[0]?.event?.position),
      })),
    );
  }

  private async resultsAfterLanding(appends: StreamAppend[]): Promise<AppendResult[]> {
    return Promise.all(
      appends.map(async ({ streamId }) => {
        const [last] = await this.streamPage(streamId, END, BACKWARDS, 1);
        return { nextRevision: Number(last?.event?.revision ?? -1), position: positionOf(last?.event?.position) };
      }),
    );
  }

  /** Whether the first event of this append is in its stream where it was meant to go. */
  private async landed({ streamId, expected }: StreamAppend, ids: readonly string[]): Promise<boolean> {
    if (expected === 'any') return false;
    const [first] = await this.streamPage(streamId, BigInt(expected === 'no-stream' ? 0 : expected + 1), FORWARDS, 1);
    return first?.event?.id === ids[0];
  }

  /** Our event, or undefined for the server's own, another application's, or one not in JSON (reported). */
  private ours(resolved: ResolvedEvent): StoredEvent | undefined {
    const event = resolved.event;
    if (isSystemEvent(resolved) || !event || !isOurStream(event.streamId, this.prefixes)) return undefined;
    if (!event.isJson) {
      this.log(`EventStoreDB: skipped event ${event.id} (${event.type}) in ${event.streamId}: it is not JSON, so not one of ours`);
      return undefined;
    }
    return storedEventOf(resolved);
  }

  private streamPage(streamId: string, fromRevision: bigint | typeof END, direction: typeof FORWARDS | typeof BACKWARDS, maxCount = this.pageSize): Promise<ResolvedEvent[]> {
    return this.bounded(() => this.reader.readStream(streamId, { fromRevision, direction, maxCount }), streamId).catch((error: unknown) => {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    });
  }

  private allPage(fromPosition: Position | 'start' | typeof END, direction: typeof FORWARDS | typeof BACKWARDS, maxCount: number): Promise<AllStreamResolvedEvent[]> {
    return this.bounded(() => this.reader.readAll({ fromPosition, direction, maxCount }), '$all');
  }

  /**
   * One read call, to its end, within the read deadline (the client gives reads none). Whatever
   * happens the call is cancelled, so leaving early never leaves it open on the connection.
   */
  private async bounded<E>(open: () => StreamingRead<E>, streamId: string): Promise<E[]> {
    const read = open();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      read.destroy(new Error(`No answer from the event store within ${this.readTimeoutMs} ms`));
    }, this.readTimeoutMs);
    try {
      const events: E[] = [];
      for await (const event of read) events.push(event as E);
      return events;
    } catch (error) {
      if (timedOut) throw new EventStoreUnavailable(error);
      if (error instanceof StreamNotFoundError) throw error;
      throw storeErrorOf(error, streamId, 'any');
    } finally {
      clearTimeout(timer);
      read.cancel().catch(() => undefined);
    }
  }
}
