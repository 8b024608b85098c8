import { NO_STREAM, UnavailableError, WrongExpectedVersionError } from '@eventstore/db-client';
import type { AllStreamResolvedEvent } from '@eventstore/db-client';
import { AccessDeniedError, StreamDeletedError, UnknownError } from '@kurrent/kurrentdb-client';
import { EventStoreUnavailable, NewEvent, StreamRevisionConflict } from '../event-store.port';
import {
  appendRequestOf,
  connectionStringsOf,
  EventStoreAccessDenied,
  EventStoreRefused,
  EventStoreStreamDeleted,
  expectedStateOf,
  isOutcomeUnknown,
  isSystemEvent,
  readPositionAfter,
  storedEventOf,
  storeErrorOf,
} from './mapping';

const metadata = { recordedAt: '2026-11-22T10:00:00.000Z', recordedBy: 'rj-coordinator' };
const newEvent = (data: Record<string, unknown> = { caseId: 'c1' }): NewEvent => ({ type: 'ReferralAccepted', data, metadata });

/** An event as the client reads it from `$all`. */
const resolved = (
  overrides: Partial<{ streamId: string; type: string; revision: bigint; commit: bigint; prepare: bigint; metadata: unknown; isJson: boolean }> = {},
): AllStreamResolvedEvent =>
  ({
    event: {
      streamId: overrides.streamId ?? 'case-9c1f0a2b',
      id: '3f2a9c1e-0000-4000-8000-000000000001',
      isJson: overrides.isJson ?? true,
      revision: overrides.revision ?? 2n,
      type: overrides.type ?? 'PanelHeld',
      created: new Date('2026-11-22T10:00:00Z'),
      data: { caseId: '9c1f0a2b', heldOn: '2026-11-20' },
      metadata: overrides.metadata ?? { ...metadata, schemaVersion: 2 },
      position: { commit: overrides.commit ?? 1200n, prepare: overrides.prepare ?? 1234n },
    },
    commitPosition: overrides.commit ?? 1200n,
  }) as AllStreamResolvedEvent;

describe('EventStoreDB mapping', () => {
  it('maps expected revisions to the v2 append’s: no stream, an exact revision, or any', () => {
    expect(expectedStateOf('no-stream')).toBe('no_stream');
    expect(expectedStateOf('any')).toBe('any');
    expect(expectedStateOf(4)).toBe(4n);
  });

  it('reads a stored event back as the port’s: prepare position, revision, metadata apart from the schema version', () => {
    expect(storedEventOf(resolved())).toEqual({
      id: '3f2a9c1e-0000-4000-8000-000000000001',
      streamId: 'case-9c1f0a2b',
      revision: 2,
      position: 1234n,
      type: 'PanelHeld',
      data: { caseId: '9c1f0a2b', heldOn: '2026-11-20' },
      metadata,
      schemaVersion: 2,
    });
    expect(storedEventOf(resolved({ metadata: metadata })).schemaVersion).toBe(1);
    expect(() => storedEventOf(resolved({ isJson: false }))).toThrow(/not JSON/);
    const { event } = resolved();
    expect(() => storedEventOf({ event: { ...event, position: undefined } } as unknown as AllStreamResolvedEvent)).toThrow(/without its position/);
  });

  it('reads back metadata written by the v2 append: the server’s $schema keys dropped, the schema version a number again (EventRecord.cs v25.1.0 l. 60-69)', () => {
    const written = resolved({ metadata: { ...metadata, schemaVersion: '3', '$schema.name': 'PanelHeld', '$schema.format': 'Json' } });
    expect(storedEventOf(written)).toMatchObject({ metadata, schemaVersion: 3 });
  });

  it('sends the ids of the attempt, the schema version as a string, and no absent metadata field', () => {
    const request = appendRequestOf({ streamId: 'case-1', events: [newEvent(), { ...newEvent(), schemaVersion: 2 }], expected: 0 }, ['id-1', 'id-2']);
    expect(request).toMatchObject({ streamName: 'case-1', expectedState: 0n });
    expect(request.events.map((event) => [event.id, event.metadata])).toEqual([
      ['id-1', { ...metadata, schemaVersion: '1' }],
      ['id-2', { ...metadata, schemaVersion: '2' }],
    ]);
    const withAbsent = appendRequestOf({ streamId: 'case-1', events: [{ ...newEvent(), metadata: { ...metadata, correlationId: undefined } }], expected: 'no-stream' }, ['id-3']);
    expect(Object.keys(withAbsent.events[0].metadata as object)).toEqual(['recordedAt', 'recordedBy', 'schemaVersion']);
  });

  it('leaves EventStoreDB’s own system events out of the global order', () => {
    expect(isSystemEvent(resolved())).toBe(false);
    expect(isSystemEvent(resolved({ type: '$metadata' }))).toBe(true);
    expect(isSystemEvent(resolved({ streamId: '$stats-127.0.0.1:2113' }))).toBe(true);
    expect(isSystemEvent({ event: undefined })).toBe(true);
  });

  it('reads $all from the start, or from the event whose position was given (commit = prepare from 20.x on)', () => {
    expect(readPositionAfter(0n)).toBe('start');
    expect(readPositionAfter(1234n)).toEqual({ commit: 1234n, prepare: 1234n });
  });

  it('gives each client the scheme it takes, and says what a connection string must look like', () => {
    expect(connectionStringsOf('kurrentdb://admin:changeit@db:2113?tls=false')).toEqual({
      v1: 'esdb://admin:changeit@db:2113?tls=false',
      v2: 'kurrentdb://admin:changeit@db:2113?tls=false',
    });
    expect(connectionStringsOf('esdb+discover://cluster:2113').v2).toBe('kurrentdb+discover://cluster:2113');
    expect(() => connectionStringsOf('http://db:2113')).toThrow(/kurrentdb:\/\//);
  });

  it('turns a stale revision into the port’s conflict, naming the revision found', () => {
    const stale = new WrongExpectedVersionError(undefined, { streamName: 'case-1', expected: 0n, current: 3n });
    expect(storeErrorOf(stale, 'case-1', 0)).toEqual(new StreamRevisionConflict('case-1', 0, 3));
    const exists = new WrongExpectedVersionError(undefined, { streamName: 'case-1', expected: NO_STREAM, current: 0n });
    expect(storeErrorOf(exists, 'case-1', 'no-stream')).toMatchObject({ code: 'concurrent-change', actual: 0 });
    const missing = new WrongExpectedVersionError(undefined, { streamName: 'case-1', expected: 2n, current: NO_STREAM });
    expect(storeErrorOf(missing, 'case-1', 2)).toMatchObject({ actual: 'no-stream' });
  });

  it('turns an unreachable server into EventStoreUnavailable (503), and leaves other failures as they are', () => {
    const unavailable = Object.assign(Object.create(UnavailableError.prototype) as UnavailableError, { message: '14 UNAVAILABLE: No connection established' });
    expect(storeErrorOf(unavailable, 'case-1', 'any')).toBeInstanceOf(EventStoreUnavailable);
    expect(storeErrorOf(new Error('connect ECONNREFUSED 127.0.0.1:2113'), 'case-1', 'any')).toBeInstanceOf(EventStoreUnavailable);
    const other = new Error('something else');
    expect(storeErrorOf(other, 'case-1', 'any')).toBe(other);
  });

  it('names access denied, a deleted stream and the server’s unexplained errors, each with its own code', () => {
    const denied = storeErrorOf(new AccessDeniedError(undefined as never), '$all', 'any');
    expect(denied).toBeInstanceOf(EventStoreAccessDenied);
    expect(denied).toMatchObject({ code: 'event-store-access-denied', message: expect.stringMatching(/admin/) });
    expect(storeErrorOf(new StreamDeletedError(undefined as never), 'case-1', 0)).toBeInstanceOf(EventStoreStreamDeleted);
    expect(storeErrorOf(new UnknownError(undefined as never), '$all', 'any')).toMatchObject({ code: 'event-store-refused' });
    expect(storeErrorOf(new UnknownError(undefined as never), '$all', 'any')).toBeInstanceOf(EventStoreRefused);
  });

  it('counts a timeout or a lost connection as an unknown outcome for a write, and a refusal as known', () => {
    expect(isOutcomeUnknown(Object.assign(new Error('4 DEADLINE_EXCEEDED'), { type: 'deadline-exceeded' }))).toBe(true);
    expect(isOutcomeUnknown(Object.assign(new Error('10 ABORTED'), { code: 10 }))).toBe(true);
    expect(isOutcomeUnknown(new WrongExpectedVersionError(undefined, { streamName: 'case-1', expected: 0n, current: 3n }))).toBe(false);
  });
});
