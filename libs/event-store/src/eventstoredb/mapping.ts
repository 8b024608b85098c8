import {
  ANY,
  AppendExpectedRevision,
  CancelledError,
  DeadlineExceededError,
  NO_STREAM,
  NotLeaderError,
  TimeoutError,
  UnavailableError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import type { AllStreamResolvedEvent, Position, ResolvedEvent } from '@eventstore/db-client';
import { createHash } from 'node:crypto';
import { EventMetadata, EventStoreUnavailable, ExpectedRevision, NewEvent, StoredEvent, StreamRevisionConflict } from '../event-store.port';

/**
 * The translation between the store port and EventStoreDB's client, kept pure so that it is
 * tested without a server. Only this folder imports the client: its successor
 * `@kurrent/kurrentdb-client` speaks the same protocol with the same shapes.
 */

/** Our expected revision as the client's: no stream, an exact revision, or no check. */
export const expectedRevisionOf = (expected: ExpectedRevision): AppendExpectedRevision =>
  expected === 'no-stream' ? NO_STREAM : expected === 'any' ? ANY : BigInt(expected);

/** What is stored beside an event's data: who recorded it, and the version of its shape. */
export type StoredMetadata = EventMetadata & { schemaVersion: number };

/**
 * The event's id: the one given, or one derived from the stream, the expected revision, the
 * event's place in the append and its content. A retried append (after a timeout that left it
 * unknown whether it was written) sends the same ids at the same expected revision, which
 * EventStoreDB recognises as the same write and does not store twice.
 */
export const eventIdOf = (event: NewEvent, streamId: string, expected: ExpectedRevision, index: number): string => {
  if (event.id) return event.id;
  const hash = createHash('sha256')
    .update(JSON.stringify([streamId, String(expected), index, event.type, event.data, event.metadata, event.schemaVersion ?? 1]))
    .digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
};

/** System events (`$`-prefixed types, or in `$`-prefixed streams) are EventStoreDB's own, never ours. */
export const isSystemEvent = (resolved: Pick<ResolvedEvent, 'event'>): boolean =>
  resolved.event === undefined || resolved.event.type.startsWith('$') || resolved.event.streamId.startsWith('$');

/**
 * An event's place in `$all` as one increasing number: its prepare position. Events of one
 * append share a commit position but each has its own prepare position, and across appends both
 * grow together, so the prepare position orders every event, as the port asks.
 */
export const positionOf = (position: Position | undefined): bigint => {
  if (position === undefined) throw new Error('An event read from $all came without its position');
  return position.prepare;
};

/** Where a read of `$all` after `after` starts: no later than any event past it. */
export const readPositionAfter = (after: bigint): Position | 'start' => (after <= 0n ? 'start' : { commit: after, prepare: after });

/**
 * An event as EventStoreDB gives it, as the port's StoredEvent. Reads of `$all` always carry the
 * position; reads of one stream carry it from EventStoreDB 22.6 on (0 before, where nothing
 * needs it: a stream is read for its events and revisions).
 */
export const storedEventOf = (resolved: ResolvedEvent | AllStreamResolvedEvent): StoredEvent => {
  const recorded = resolved.event;
  if (recorded === undefined) throw new Error('A resolved event without its event');
  if (!recorded.isJson) throw new Error(`Event ${recorded.id} in ${recorded.streamId} is not JSON`);
  const { schemaVersion, ...metadata } = (recorded.metadata ?? {}) as Partial<StoredMetadata>;
  return {
    id: recorded.id,
    streamId: recorded.streamId,
    revision: Number(recorded.revision),
    position: recorded.position ? positionOf(recorded.position) : (resolved.commitPosition ?? 0n),
    type: recorded.type,
    data: recorded.data as Record<string, unknown>,
    metadata: metadata as EventMetadata,
    schemaVersion: typeof schemaVersion === 'number' ? schemaVersion : 1,
  };
};

/** The revision an append of `count` events after `expected` ends at, or a conflict as the port says it. */
export const conflictOf = (error: WrongExpectedVersionError, streamId: string, expected: ExpectedRevision): StreamRevisionConflict => {
  const actual = error.actualVersion;
  return new StreamRevisionConflict(streamId, expected, typeof actual === 'bigint' ? Number(actual) : 'no-stream');
};

const unreachable = [UnavailableError, DeadlineExceededError, TimeoutError, CancelledError, NotLeaderError];

/** The client's failures as the port's: a stale revision is a conflict; an unreachable server, unavailable. */
export const storeErrorOf = (error: unknown, streamId: string, expected: ExpectedRevision): unknown => {
  if (error instanceof WrongExpectedVersionError) return conflictOf(error, streamId, expected);
  if (unreachable.some((kind) => error instanceof kind)) return new EventStoreUnavailable(error);
  if (error instanceof Error && /ECONNREFUSED|ENOTFOUND|ECONNRESET|Failed to connect|No connection established/i.test(error.message)) return new EventStoreUnavailable(error);
  return error;
};
