import { Injectable } from '@nestjs/common';
import { CalendarDate, caseStreamId, CaseNotFound, CaseReferred, Programme } from '@safer-cases/domain';
import { EventStore, StoredEvent } from '@safer-cases/event-store';
import { Actor } from '../auth/actor';
import { CaseAccess } from '../auth/access';
import { Clock } from '../shared/clock';
import { caseDeciders } from './case-deciders';
import { fold } from '@safer-cases/domain';

export type CaseHistoryEntry = { type: string; date?: CalendarDate; recordedAt: string; recordedBy: string; position: string; data: Record<string, unknown> };
export type CaseView = { caseId: string; programme: Programme; personId: string; victimId?: string; status: string; closed: boolean; state: unknown; history: CaseHistoryEntry[] };

/** The business date an event is about: its `on` or first `...On` field, or a reoffence's offence date. */
const businessDate = (event: StoredEvent): CalendarDate | undefined => {
  const entry = Object.entries(event.data).find(([key, value]) => (key === 'on' || key.endsWith('On') || key === 'offenceDate') && typeof value === 'string');
  return entry ? String(entry[1]) : undefined;
};

/** A case's state and full history, read from its stream, for someone who may work on it. */
@Injectable()
export class CaseReader {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}

  today(): CalendarDate {
    return this.clock.today();
  }

  async get(caseId: string, actor: Actor): Promise<CaseView> {
    const stored = await this.store.readStream(caseStreamId(caseId));
    const referred = stored[0];
    if (!referred || referred.type !== 'CaseReferred') throw new CaseNotFound(caseId);
    const { programme, personId, victimId, referrer } = referred.data as CaseReferred['data'];
    CaseAccess.assertMayWorkOn(actor, { programme, referrer });
    const state = fold(
      caseDeciders[programme],
      stored.map(({ type, data }) => ({ type, data })),
    ) as { status: string; closed?: boolean };
    return {
      caseId,
      programme,
      personId,
      ...(victimId ? { victimId } : {}),
      status: state.status,
      closed: state.closed === true,
      state,
      history: stored.map((event) => ({
        type: event.type,
        date: businessDate(event),
        recordedAt: event.metadata.recordedAt,
        recordedBy: event.metadata.recordedBy,
        position: event.position.toString(),
        data: event.data,
      })),
    };
  }
}
