import { CalendarDate, Programme, VolunteerOrganisation } from '@safer-cases/domain';
import { StoredEvent } from '@safer-cases/event-store';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { liveTables, StreamReader, TableName } from '../projection';
import { streamsOf } from '../testing/streams';
import { CaseFactsProjection } from './case-facts.projection';

/**
 * A global log of stored events written the way the store would: increasing positions (with
 * gaps), per-stream revisions, and a recording time deliberately unrelated to business dates.
 */
export class EventLog {
  readonly events: StoredEvent[] = [];
  private position = 100n;
  private readonly revisions = new Map<string, number>();

  append(streamId: string, type: string, data: Record<string, unknown>): this {
    const revision = (this.revisions.get(streamId) ?? -1) + 1;
    this.revisions.set(streamId, revision);
    this.position += 3n;
    this.events.push({
      id: randomUUID(),
      streamId,
      revision,
      position: this.position,
      type,
      data,
      metadata: { recordedAt: '2030-01-01T00:00:00.000Z', recordedBy: 'test' },
      schemaVersion: 1,
    });
    return this;
  }

  /** A new case of the programme; returns its id. */
  refer(programme: Programme, referredOn: CalendarDate): string {
    const caseId = randomUUID();
    this.append(`case-${caseId}`, 'CaseReferred', { caseId, programme, referredOn, referrer: { organisation: 'police' }, personId: randomUUID() });
    return caseId;
  }

  step(caseId: string, type: string, data: Record<string, unknown>): this {
    return this.append(`case-${caseId}`, type, { caseId, ...data });
  }

  reoffence(caseId: string, offenceDate: CalendarDate): this {
    return this.step(caseId, 'ReoffenceRecorded', { offenceDate });
  }

  /** The revision of the case's latest event: the one a strike of it names. */
  latestRevision(caseId: string): number {
    return this.revisions.get(`case-${caseId}`) ?? -1;
  }

  /** Strikes out the case's entry at `revision` (its latest event's unless given). */
  strike(caseId: string, revision = this.latestRevision(caseId)): this {
    return this.step(caseId, 'EntryStruckOut', { revision, reason: 'recorded in error' });
  }

  /** A volunteer recruited, then trained and leaving when those dates are given; returns its id. */
  volunteer(organisation: VolunteerOrganisation, trainedOn?: CalendarDate, leftOn?: CalendarDate): string {
    const volunteerId = randomUUID();
    const stream = `volunteer-${volunteerId}`;
    this.append(stream, 'VolunteerRecruited', { volunteerId, organisation, recruitedOn: '2013-01-01' });
    if (trainedOn) this.append(stream, 'VolunteerTrained', { volunteerId, trainedOn });
    if (leftOn) this.append(stream, 'VolunteerLeft', { volunteerId, leftOn });
    return volunteerId;
  }
}

/**
 * Applies the events in batches of `batchSize`, all in one transaction, as the runner would; a
 * strike reads its case's stream from `streams`, by default the events given.
 */
export const project = async (
  pool: Pool,
  events: readonly StoredEvent[],
  batchSize = events.length,
  table: TableName = liveTables,
  streams: StreamReader = streamsOf(events),
): Promise<void> => {
  const projection = new CaseFactsProjection();
  const client = await pool.connect();
  try {
    await client.query('begin');
    for (let start = 0; start < events.length; start += Math.max(batchSize, 1)) {
      await projection.apply(events.slice(start, start + Math.max(batchSize, 1)), client, table, streams);
    }
    await client.query('commit');
  } catch (error) {
    await client.query('rollback');
    throw error;
  } finally {
    client.release();
  }
};
