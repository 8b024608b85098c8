import { BACKWARDS, END, EventStoreDBClient, excludeSystemEvents, FORWARDS, jsonEvent, StreamNotFoundError } from '@eventstore/db-client';
import type { AllStreamResolvedEvent, AllStreamSubscription, Position } from '@eventstore/db-client';
import { AppendResult, EventStore, ExpectedRevision, NewEvent, StoredEvent, StreamAppend, StreamRevisionConflict, Subscription } from '../event-store.port';
import { eventIdOf, expectedRevisionOf, isSystemEvent, positionOf, readPositionAfter, storedEventOf, storeErrorOf } from './mapping';
import { followAll, SubscriptionSource } from './follow-all';

/**
 * The event store on EventStoreDB (`EVENT_STORE=eventstoredb`), through `@eventstore/db-client`.
 * Streams keep the names of shared/DOMAIN.md (`case-<id>`, `course-<id>`, `volunteer-<id>`); the
 * global order is `$all` without EventStoreDB's own system events; positions are prepare
 * positions (see mapping.ts).
 *
 * Not atomic across streams: this client has no multi-stream append. `appendMany` checks every
 * expected revision first and writes nothing if one is stale, then appends stream by stream, each
 * at its expected revision. A writer that slips in between the check and a later stream's append
 * makes that append fail after the earlier ones were written: the command then fails with a
 * conflict, but the earlier streams keep their events (e.g. a course place booked without the
 * case's booking). KurrentDB 25.1's multi-stream append (`multiStreamAppend` in
 * `@kurrent/kurrentdb-client`) makes this atomic; moving to it touches only this folder.
 */
export class EventStoreDbEventStore extends EventStore {
  private constructor(private readonly client: EventStoreDBClient) {
    super();
  }

  /** `esdb://host:2113?tls=false` and the like. */
  static connect(connectionString: string): Promise<EventStoreDbEventStore> {
    return Promise.resolve(new EventStoreDbEventStore(EventStoreDBClient.connectionString(connectionString)));
  }

  async append(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    try {
      const result = await this.client.appendToStream(
        streamId,
        events.map((event, index) =>
          jsonEvent({
            id: eventIdOf(event, streamId, expected, index),
            type: event.type,
            data: event.data,
            metadata: { ...event.metadata, schemaVersion: event.schemaVersion ?? 1 },
          }),
        ),
        { expectedRevision: expectedRevisionOf(expected) },
      );
      const nextRevision = Number(result.nextExpectedRevision);
      return { nextRevision, position: events.length === 1 && result.position ? result.position.prepare : await this.positionOfRevision(streamId, nextRevision) };
    } catch (error) {
      throw storeErrorOf(error, streamId, expected);
    }
  }

  async appendMany(appends: StreamAppend[]): Promise<AppendResult[]> {
    for (const { streamId, expected } of appends) {
      if (expected === 'any') continue;
      const actual = await this.lastRevision(streamId);
      if (expected === 'no-stream' ? actual !== 'no-stream' : actual !== expected) throw new StreamRevisionConflict(streamId, expected, actual);
    }
    const results: AppendResult[] = [];
    for (const { streamId, events, expected } of appends) results.push(await this.append(streamId, events, expected));
    return results;
  }

  async readStream(streamId: string): Promise<StoredEvent[]> {
    const stored: StoredEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(streamId, { direction: FORWARDS })) stored.push(storedEventOf(resolved));
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw storeErrorOf(error, streamId, 'any');
    }
    return stored;
  }

  /**
   * Up to `limit` of our events after `after`, in global order. A batch never ends inside one
   * append's events (they share a commit position), so a reader that resumes from the last
   * position of a batch misses nothing.
   */
  async readAll(after: bigint, limit: number): Promise<StoredEvent[]> {
    const batch: StoredEvent[] = [];
    let lastCommit: bigint | undefined;
    try {
      for await (const resolved of this.client.readAll({ fromPosition: readPositionAfter(after), direction: FORWARDS })) {
        if (isSystemEvent(resolved)) continue;
        const position = (resolved as AllStreamResolvedEvent).event?.position as Position;
        if (positionOf(position) <= after) continue;
        if (batch.length >= limit && position.commit !== lastCommit) break;
        batch.push(storedEventOf(resolved));
        lastCommit = position.commit;
      }
    } catch (error) {
      throw storeErrorOf(error, '$all', 'any');
    }
    return batch;
  }

  subscribe(after: bigint, handle: (events: StoredEvent[]) => Promise<void>, options: { batchSize?: number } = {}): Subscription {
    const source: SubscriptionSource = (from) =>
      this.client.subscribeToAll({ fromPosition: from === undefined ? readPositionAfter(after) : from, filter: excludeSystemEvents() }) as AllStreamSubscription;
    return followAll(source, after, handle, { batchSize: options.batchSize ?? 500 });
  }

  async headPosition(): Promise<bigint> {
    try {
      for await (const resolved of this.client.readAll({ fromPosition: END, direction: BACKWARDS })) {
        if (!isSystemEvent(resolved)) return positionOf((resolved as AllStreamResolvedEvent).event?.position);
      }
    } catch (error) {
      throw storeErrorOf(error, '$all', 'any');
    }
    return 0n;
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }

  private async lastRevision(streamId: string): Promise<number | 'no-stream'> {
    try {
      for await (const resolved of this.client.readStream(streamId, { direction: BACKWARDS, fromRevision: END, maxCount: 1 })) {
        return Number(resolved.event?.revision ?? 0n);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return 'no-stream';
      throw storeErrorOf(error, streamId, 'any');
    }
    return 'no-stream';
  }

  private async positionOfRevision(streamId: string, revision: number): Promise<bigint> {
    for await (const resolved of this.client.readStream(streamId, { direction: FORWARDS, fromRevision: BigInt(revision), maxCount: 1 })) {
      return positionOf(resolved.event?.position);
    }
    throw new Error(`Stream ${streamId} has no revision ${revision} just after appending it`);
  }
}
