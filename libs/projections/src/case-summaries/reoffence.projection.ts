import { StoredEvent } from '@safer-cases/event-store';
import { PoolClient } from 'pg';
import { Projection, TableName } from '../projection';

/** Every reoffence recorded on any case, keyed by its event's position so that a replayed batch adds nothing. */
export class ReoffenceProjection implements Projection {
  readonly name = 'reoffences';
  readonly tables = ['reoffences'] as const;
  readonly handles = ['ReoffenceRecorded'] as const;

  async apply(events: readonly StoredEvent[], client: PoolClient, table: TableName): Promise<void> {
    const reoffences = events.flatMap((event) => {
      const { caseId, offenceDate, reference } = event.data;
      return event.type === 'ReoffenceRecorded' && typeof caseId === 'string' && typeof offenceDate === 'string'
        ? [{ position: event.position.toString(), caseId, offenceDate, reference: typeof reference === 'string' ? reference : null }]
        : [];
    });
    if (reoffences.length === 0) return;
    await client.query(
      `insert into ${table('reoffences')} (position, case_id, offence_date, reference)
       select * from unnest($1::bigint[], $2::text[], $3::date[], $4::text[]) on conflict (position) do nothing`,
      [reoffences.map((r) => r.position), reoffences.map((r) => r.caseId), reoffences.map((r) => r.offenceDate), reoffences.map((r) => r.reference)],
    );
  }
}
