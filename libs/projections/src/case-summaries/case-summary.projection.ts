import { StoredEvent } from '@safer-cases/event-store';
import { PoolClient } from 'pg';
import { Projection, TableName } from '../projection';
import { CaseSummaryEvent, caseSummaryEventTypes, evolveCaseSummary } from './case-summary.evolve';
import { CaseSummaryRow, caseSummaryColumns } from './case-summary.row';
import { alreadyApplied, keyedBy, selectRows, uniqueIds, upsertRows } from './rows.sql';

const handled = new Set<string>(caseSummaryEventTypes);

/** The stored event as the domain's case event; the store holds only events the deciders wrote. */
const asCaseEvent = (event: StoredEvent): CaseSummaryEvent => ({ type: event.type, data: event.data }) as CaseSummaryEvent;

/** One row per case for the case lists: status, dates of the steps taken, coach, course, hours. */
export class CaseSummaryProjection implements Projection {
  readonly name = 'case-summaries';
  readonly tables = ['case_summaries'] as const;
  readonly handles = caseSummaryEventTypes;

  async apply(events: readonly StoredEvent[], client: PoolClient, table: TableName): Promise<void> {
    const relevant = keyedBy(events, handled, 'caseId');
    if (relevant.length === 0) return;
    const target = table('case_summaries');
    const rows = await selectRows<CaseSummaryRow>(client, target, 'case_id', uniqueIds(relevant));
    const changed = new Map<string, CaseSummaryRow>();
    for (const { event, id: caseId } of relevant) {
      const current = rows.get(caseId);
      if (alreadyApplied(current, event)) continue;
      const next = evolveCaseSummary(current, asCaseEvent(event), { last_event_position: event.position.toString(), updated_at: event.metadata.recordedAt });
      if (next === undefined) continue;
      rows.set(caseId, next);
      changed.set(caseId, next);
    }
    await upsertRows(client, target, 'case_id', caseSummaryColumns, [...changed.values()]);
  }
}
