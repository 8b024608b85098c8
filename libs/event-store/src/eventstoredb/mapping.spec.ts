import { ANY, NO_STREAM, UnavailableError, WrongExpectedVersionError } from '@eventstore/db-client';
import type { AllStreamResolvedEvent } from '@eventstore/db-client';
import { EventStoreUnavailable, NewEvent, StreamRevisionConflict } from '../event-store.port';
import { eventIdOf, expectedRevisionOf, isSystemEvent, readPositionAfter, storedEventOf, storeErrorOf } from './mapping';

const metadata = { recordedAt: '2026-11-22T10:00:00.000Z', recordedBy: 'rj-coordinator' };
const newEvent = (data: Record<string, unknown> = { caseId: 'c1' }): NewEvent => ({ type: 'ReferralAccepted', data, metadata });

/** An event as the client reads it from `$all`. */
const resolved = (overrides: Partial<{ streamId: string; type: string; revision: bigint; commit: bigint; prepare: bigint; metadata: unknown; isJson: boolean }> = {}): AllStreamResolvedEvent =>
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
  it('maps expected revisions to the client’s: no stream, an exact revision, or any', () => {
    expect(expectedRevisionOf('no-stream')).toBe(NO_STREAM);
    expect(expectedRevisionOf('any')).toBe(ANY);
    expect(expectedRevisionOf(4)).toBe(4n);
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
    expect(storedEventOf({ event: { ...event, position: undefined } } as unknown as AllStreamResolvedEvent).position).toBe(0n);
  });

  it('gives a retried append the same event ids, and different appends different ones', () => {
    const first = eventIdOf(newEvent(), 'case-1', 0, 0);
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(eventIdOf(newEvent(), 'case-1', 0, 0)).toBe(first);
    expect(new Set([eventIdOf(newEvent(), 'case-2', 0, 0), eventIdOf(newEvent(), 'case-1', 1, 0), eventIdOf(newEvent(), 'case-1', 0, 1), eventIdOf(newEvent({ caseId: 'c2' }), 'case-1', 0, 0)]).size).toBe(4);
    expect(eventIdOf({ ...newEvent(), id: 'chosen-id' }, 'case-1', 0, 0)).toBe('chosen-id');
  });

  it('leaves EventStoreDB’s own system events out of the global order', () => {
    expect(isSystemEvent(resolved())).toBe(false);
    expect(isSystemEvent(resolved({ type: '$metadata' }))).toBe(true);
    expect(isSystemEvent(resolved({ streamId: '$stats-127.0.0.1:2113' }))).toBe(true);
    expect(isSystemEvent({ event: undefined })).toBe(true);
  });

  it('reads $all from the start, or from the position after which events are wanted', () => {
    expect(readPositionAfter(0n)).toBe('start');
    expect(readPositionAfter(1234n)).toEqual({ commit: 1234n, prepare: 1234n });
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
});
