import type { AllStreamResolvedEvent, Position, ResolvedEvent } from '@eventstore/db-client';
import { jsonEvent } from '@kurrent/kurrentdb-client';
import type { AppendStreamRequest } from '@kurrent/kurrentdb-client';
import { EventMetadata, EventStoreUnavailable, ExpectedRevision, StoredEvent, StreamAppend, StreamRevisionConflict } from '../event-store.port';

/**
 * The translation between the store port and the servers' clients, kept pure so that it is tested
 * without a server. Only this folder imports the clients.
 */

/** The prefixes of the streams this application writes (shared/DOMAIN.md); anything else in `$all` is not ours. */
export const ourStreamPrefixes: readonly string[] = ['case-', 'course-', 'volunteer-'];

/** Whether a stream is one of ours, by its name's prefix. */
export const isOurStream = (streamId: string, prefixes: readonly string[]): boolean => prefixes.some((prefix) => streamId.startsWith(prefix));

/** Our expected revision as the v2 append's: no stream, an exact revision, or no check. */
export const expectedStateOf = (expected: ExpectedRevision): AppendStreamRequest['expectedState'] =>
  expected === 'no-stream' ? 'no_stream' : expected === 'any' ? 'any' : BigInt(expected);

/** What is stored beside an event's data: who recorded it, and the version of its shape. */
export type StoredMetadata = EventMetadata & { schemaVersion: number | string };

/**
 * One stream's part of an append, with the event ids of this attempt. The ids are chosen once
 * per attempt, at random unless the caller gave them, and sent again unchanged only when the
 * same attempt is retried: a retry whose first write did land is then recognised by the server
 * as the same write. Ids derived from content would make a second, different command that
 * happens to carry the same events look like a retry and pass without a write
 * (IndexWriter.cs, the idempotent-write check). The v2 append takes metadata as string
 * properties, so the schema version goes as a string and absent fields are left out.
 */
export const appendRequestOf = ({ streamId, events, expected }: StreamAppend, ids: readonly string[]): AppendStreamRequest => ({
  streamName: streamId,
  expectedState: expectedStateOf(expected),
  events: events.map((event, index) =>
    jsonEvent({
      id: ids[index],
      type: event.type,
      data: event.data,
      metadata: Object.fromEntries(Object.entries({ ...event.metadata, schemaVersion: String(event.schemaVersion ?? 1) }).filter(([, value]) => typeof value === 'string')),
    }),
  ),
});

/** System events (`$`-prefixed types, or in `$`-prefixed streams) are the server's own, never ours. */
export const isSystemEvent = (resolved: Pick<ResolvedEvent, 'event'>): boolean =>
  resolved.event === undefined || resolved.event.type.startsWith('$') || resolved.event.streamId.startsWith('$');

/**
 * An event's place in `$all` as one increasing number. From 20.x on every event of an append is
 * its own committed prepare record, read back with commit = prepare = its log position
 * (AllReader.cs, v24.10.0 l. 105-119), so one number is the whole position.
 */
export const positionOf = (position: Position | undefined): bigint => {
  if (position === undefined) throw new Error('An event read from $all came without its position');
  return position.prepare;
};

/** Where a read of `$all` after `after` starts: the start, or the event (or head) the store gave that position for. */
export const readPositionAfter = (after: bigint): Position | 'start' => (after <= 0n ? 'start' : { commit: after, prepare: after });

/**
 * An event as the server gives it, as the port's StoredEvent. Metadata written by the v2 append
 * comes back with the server's `$schema.*` keys added (EventRecord.cs, v25.1.0 l. 60-69) and the
 * schema version as a string: both are undone here.
 */
export const storedEventOf = (resolved: ResolvedEvent | AllStreamResolvedEvent): StoredEvent => {
  const recorded = resolved.event;
  if (recorded === undefined) throw new Error('A resolved event without its event');
  if (!recorded.isJson) throw new Error(`Event ${recorded.id} in ${recorded.streamId} is not JSON`);
  const { schemaVersion, ...rest } = (recorded.metadata ?? {}) as Partial<StoredMetadata>;
  const metadata = Object.fromEntries(Object.entries(rest).filter(([key]) => !key.startsWith('$')));
  const version = Number(schemaVersion ?? 1);
  return {
    id: recorded.id,
    streamId: recorded.streamId,
    revision: Number(recorded.revision),
    position: positionOf(recorded.position),
    type: recorded.type,
    data: recorded.data as Record<string, unknown>,
    metadata: metadata as EventMetadata,
    schemaVersion: Number.isInteger(version) && version > 0 ? version : 1,
  };
};

/** The client errors this folder tells apart, by the `type` both clients give them. */
type ClientError = Error & { type?: string };

const unreachable = new Set(['unavailable', 'deadline-exceeded', 'timeout', 'cancelled', 'not-leader']);

/** The server refused the application's credentials. */
export class EventStoreAccessDenied extends EventStoreUnavailable {
  override readonly code = 'event-store-access-denied';
  constructor(cause: unknown) {
    super(cause, 'The event store refused this application’s user: it must be an admin (or be allowed to read $all and write our streams)');
  }
}

/** A stream was deleted in the server: nothing this application does deletes one, so it needs an operator. */
export class EventStoreStreamDeleted extends EventStoreUnavailable {
  override readonly code = 'event-store-stream-deleted';
  constructor(cause: unknown, streamId: string) {
    super(cause, `The record ${streamId} was deleted in the event store and cannot be changed; ask the system administrator`);
  }
}

/** The server answered with an error it does not explain (an invalid position, a corrupted idempotent write). */
export class EventStoreRefused extends EventStoreUnavailable {
  override readonly code = 'event-store-refused';
  constructor(cause: unknown) {
    super(cause, 'The event store refused the request; try again, and tell the system administrator if it keeps happening');
  }
}

const actualOf = (error: ClientError): number | 'no-stream' => {
  const { actualState, actualVersion } = error as { actualState?: unknown; actualVersion?: unknown };
  const actual = actualState ?? actualVersion;
  return typeof actual === 'bigint' ? Number(actual) : 'no-stream';
};

/** Whether a failure leaves it unknown if a write landed: the request may have reached the server. */
export const isOutcomeUnknown = (error: unknown): boolean => {
  if (!(error instanceof Error)) return false;
  const { type, code } = error as ClientError & { code?: unknown };
  // By the clients' error type, or by the gRPC status underneath: ABORTED, DEADLINE_EXCEEDED, UNAVAILABLE.
  return ['deadline-exceeded', 'timeout', 'cancelled', 'unavailable'].includes(type ?? '') || code === 10 || code === 4 || code === 14;
};

/** The clients' failures as the port's: a stale revision is a conflict; everything else says what happened. */
export const storeErrorOf = (error: unknown, streamId: string, expected: ExpectedRevision): unknown => {
  if (!(error instanceof Error)) return error;
  const type = (error as ClientError).type;
  if (type === 'wrong-expected-version') return new StreamRevisionConflict((error as { streamName?: string }).streamName || streamId, expected, actualOf(error));
  if (type && unreachable.has(type)) return new EventStoreUnavailable(error);
  if (type === 'access-denied') return new EventStoreAccessDenied(error);
  if (type === 'stream-deleted' || type === 'stream-tombstoned') return new EventStoreStreamDeleted(error, streamId);
  if (type === 'unknown') return new EventStoreRefused(error);
  if (/ECONNREFUSED|ENOTFOUND|ECONNRESET|Failed to connect|No connection established/i.test(error.message)) return new EventStoreUnavailable(error);
  return error;
};

/** The connection string as each client wants its scheme: `esdb://` for @eventstore/db-client, `kurrentdb://` for its successor. */
export const connectionStringsOf = (connectionString: string): { v1: string; v2: string } => {
  const match = /^(esdb|kurrentdb|kurrent|kdb)(\+discover)?:\/\//i.exec(connectionString);
  if (!match) throw new Error('EVENTSTORE_CONNECTION_STRING must start with kurrentdb:// or esdb:// (for example kurrentdb://admin:changeit@localhost:2113)');
  const rest = connectionString.slice(match[0].length);
  const discover = match[2] ?? '';
  return { v1: `esdb${discover}://${rest}`, v2: `kurrentdb${discover}://${rest}` };
};
