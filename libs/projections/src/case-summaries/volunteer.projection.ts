import { CalendarDate, VolunteerEvent, VolunteerOrganisation, VolunteerState } from '@safer-cases/domain';
import { StoredEvent } from '@safer-cases/event-store';
import { PoolClient } from 'pg';
import { Projection, TableName } from '../projection';
import { alreadyApplied, columnsOf, keyedBy, selectRows, uniqueIds, upsertRows } from './rows.sql';

export type VolunteerStatus = Exclude<VolunteerState['status'], 'none'>;

export type VolunteerSummaryRow = {
  volunteer_id: string;
  organisation: VolunteerOrganisation;
  status: VolunteerStatus;
  recruited_on: CalendarDate;
  trained_on: CalendarDate | null;
  left_on: CalendarDate | null;
  /** The coaching cases taken and not yet released. */
  open_case_ids: string[];
  open_coaching_cases: number;
  last_event_position: string;
  updated_at: string;
};

const columns = columnsOf<VolunteerSummaryRow>({
  volunteer_id: true,
  organisation: true,
  status: true,
  recruited_on: true,
  trained_on: true,
  left_on: true,
  open_case_ids: true,
  open_coaching_cases: true,
  last_event_position: true,
  updated_at: true,
});

const handled: Record<VolunteerEvent['type'], true> = {
  VolunteerRecruited: true,
  VolunteerTrained: true,
  VolunteerLeft: true,
  CoachingCaseTaken: true,
  CoachingCaseReleased: true,
};
const handledTypes = new Set<string>(Object.keys(handled));

const withOpenCases = (row: VolunteerSummaryRow, openCaseIds: string[]): VolunteerSummaryRow => ({
  ...row,
  open_case_ids: openCaseIds,
  open_coaching_cases: openCaseIds.length,
});

/** Mirrors the volunteer decider's `evolve`: training only after recruitment, leaving once. */
export const evolveVolunteerSummary = (
  row: VolunteerSummaryRow | undefined,
  event: VolunteerEvent,
  stamp: Pick<VolunteerSummaryRow, 'last_event_position' | 'updated_at'>,
): VolunteerSummaryRow | undefined => {
  if (event.type === 'VolunteerRecruited') {
    if (row) return row;
    const { volunteerId, organisation, recruitedOn } = event.data;
    return {
      volunteer_id: volunteerId,
      organisation,
      status: 'recruited',
      recruited_on: recruitedOn,
      trained_on: null,
      left_on: null,
      open_case_ids: [],
      open_coaching_cases: 0,
      ...stamp,
    };
  }
  if (row === undefined) return undefined;
  const next = { ...row, ...stamp };
  switch (event.type) {
    case 'VolunteerTrained':
      return next.status === 'recruited' ? { ...next, status: 'trained', trained_on: event.data.trainedOn } : next;
    case 'VolunteerLeft':
      return next.status === 'left' ? next : { ...next, status: 'left', left_on: event.data.leftOn };
    case 'CoachingCaseTaken':
      return next.open_case_ids.includes(event.data.caseId) ? next : withOpenCases(next, [...next.open_case_ids, event.data.caseId]);
    case 'CoachingCaseReleased':
      return withOpenCases(
        next,
        next.open_case_ids.filter((caseId) => caseId !== event.data.caseId),
      );
    default:
      return next;
  }
};

/** The volunteer roster: organisation, recruitment, training, departure, coaching cases carried now. */
export class VolunteerProjection implements Projection {
  readonly name = 'volunteers';
  readonly tables = ['volunteer_summaries'] as const;
  readonly handles = [...handledTypes];

  async apply(events: readonly StoredEvent[], client: PoolClient, table: TableName): Promise<void> {
    const relevant = keyedBy(events, handledTypes, 'volunteerId');
    if (relevant.length === 0) return;
    const target = table('volunteer_summaries');
    const rows = await selectRows<VolunteerSummaryRow>(client, target, 'volunteer_id', uniqueIds(relevant));
    const changed = new Map<string, VolunteerSummaryRow>();
    for (const { event, id } of relevant) {
      const current = rows.get(id);
      if (alreadyApplied(current, event)) continue;
      const next = evolveVolunteerSummary(current, { type: event.type, data: event.data } as VolunteerEvent, {
        last_event_position: event.position.toString(),
        updated_at: event.metadata.recordedAt,
      });
      if (next === undefined) continue;
      rows.set(id, next);
      changed.set(id, next);
    }
    await upsertRows(client, target, 'volunteer_id', columns, [...changed.values()]);
  }
}
