import { Injectable } from '@nestjs/common';
import { caseStreamId, fold, VolunteerEvent, volunteerDecider, volunteerStreamId } from '@safer-cases/domain';
import { EventStore, StoredEvent } from '@safer-cases/event-store';
import { Database } from '../shared/database';

export type RecordedEvent = { position: string; revision: number; type: string; data: Record<string, unknown>; recordedAt: string; recordedBy: string };
export type PersonRole = 'subject' | 'victim';
export type PersonCase = { caseId: string; programme: string; role: PersonRole; history: RecordedEvent[] };
export type VolunteerRecord = { volunteerId: string; state: unknown; history: RecordedEvent[] };

const recorded = (event: StoredEvent): RecordedEvent => ({
  position: event.position.toString(),
  revision: event.revision,
  type: event.type,
  data: event.data,
  recordedAt: event.metadata.recordedAt,
  recordedBy: event.metadata.recordedBy,
});

/**
 * The records that name a person by id: the cases whose referral names them as subject or
 * victim, and their volunteer stream. Which cases is asked of the events table itself (an index
 * on each id of `CaseReferred`), not of a read model that may lag behind; the streams are then
 * read through the event store.
 */
@Injectable()
export class PersonRecords {
  constructor(
    private readonly database: Database,
    private readonly store: EventStore,
  ) {}

  async caseRoles(personId: string): Promise<{ caseId: string; role: PersonRole }[]> {
    const { rows } = await this.database.pool.query<{ case_id: string; subject: boolean }>(
      `select data->>'caseId' as case_id, data->>'personId' = $1 as subject from events
       where type = 'CaseReferred' and (data->>'personId' = $1 or data->>'victimId' = $1) order by position`,
      [personId],
    );
    return rows.map((row) => ({ caseId: row.case_id, role: row.subject ? 'subject' : 'victim' }));
  }

  async cases(personId: string): Promise<PersonCase[]> {
    return Promise.all(
      (await this.caseRoles(personId)).map(async ({ caseId, role }) => {
        const history = (await this.store.readStream(caseStreamId(caseId))).map(recorded);
        return { caseId, programme: String(history[0]?.data.programme ?? ''), role, history };
      }),
    );
  }

  async volunteer(volunteerId: string): Promise<VolunteerRecord | undefined> {
    const stored = await this.store.readStream(volunteerStreamId(volunteerId));
    if (stored.length === 0) return undefined;
    const state = fold(
      volunteerDecider,
      stored.map(({ type, data }) => ({ type, data }) as VolunteerEvent),
    );
    return { volunteerId, state, history: stored.map(recorded) };
  }

  async isVolunteer(personId: string): Promise<boolean> {
    return (await this.store.readStream(volunteerStreamId(personId))).length > 0;
  }
}
