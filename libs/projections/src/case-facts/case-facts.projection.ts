import { StoredEvent } from '@safer-cases/event-store';
import { PoolClient } from 'pg';
import { Projection, TableName } from '../projection';
import {
  CaseFactsEvent,
  caseFactsEventTypes,
  CaseFactsRow,
  emptyCaseFacts,
  emptyVolunteerFacts,
  evolveCaseFacts,
  evolveVolunteerFacts,
  VolunteerFactsEvent,
  volunteerFactsEventTypes,
  VolunteerFactsRow,
} from './case-facts.rows';

const caseTypes = new Set<string>(caseFactsEventTypes);
const volunteerTypes = new Set<string>(volunteerFactsEventTypes);

const caseFactsColumns: readonly (keyof CaseFactsRow)[] = Object.keys(emptyCaseFacts('')) as (keyof CaseFactsRow)[];
const volunteerFactsColumns: readonly (keyof VolunteerFactsRow)[] = Object.keys(emptyVolunteerFacts('')) as (keyof VolunteerFactsRow)[];

/**
 * The facts the targets are computed from (see libs/projections/src/targets). A batch costs at
 * most five statements whatever its size: the affected case and volunteer rows are read in one
 * query each, evolved in memory in event order, and written back in one upsert each; the
 * reoffence dates go in with one insert.
 */
export class CaseFactsProjection implements Projection {
  readonly name = 'case-facts';
  readonly tables = ['case_facts', 'reoffence_facts', 'volunteer_facts'] as const;
  readonly handles = [...caseFactsEventTypes, 'ReoffenceRecorded', ...volunteerFactsEventTypes] as const;

  async apply(events: readonly StoredEvent[], client: PoolClient, table: TableName): Promise<void> {
    const caseEvents = events.filter((event) => caseTypes.has(event.type)).map((event) => asEvent<CaseFactsEvent>(event));
    const volunteerEvents = events.filter((event) => volunteerTypes.has(event.type)).map((event) => asEvent<VolunteerFactsEvent>(event));
    const reoffences = events.filter((event) => event.type === 'ReoffenceRecorded').map((event) => event.data);

    await evolveRows(client, table('case_facts'), 'case_id', caseFactsColumns, caseEvents, (event) => event.data.caseId, emptyCaseFacts, evolveCaseFacts);
    await evolveRows(
      client,
      table('volunteer_facts'),
      'volunteer_id',
      volunteerFactsColumns,
      volunteerEvents,
      (event) => event.data.volunteerId,
      emptyVolunteerFacts,
      evolveVolunteerFacts,
    );
    if (reoffences.length > 0) {
      await client.query(
        `insert into ${table('reoffence_facts')} (case_id, offence_date)
         select * from unnest($1::uuid[], $2::date[]) on conflict do nothing`,
        [reoffences.map((data) => data.caseId), reoffences.map((data) => data.offenceDate)],
      );
    }
  }
}

const asEvent = <E extends CaseFactsEvent | VolunteerFactsEvent>(event: StoredEvent): E => ({ type: event.type, data: event.data }) as E;

/**
 * Reads the rows the events touch (dates come back as `YYYY-MM-DD` through JSON), folds the
 * events over them in order, and upserts the results through `jsonb_populate_recordset`, so the
 * JSON keys are the column names.
 */
const evolveRows = async <E, Row extends Record<string, unknown>>(
  client: PoolClient,
  table: string,
  key: keyof Row & string,
  columns: readonly (keyof Row)[],
  events: readonly E[],
  keyOf: (event: E) => string,
  empty: (id: string) => Row,
  evolve: (row: Row, event: E) => Row,
): Promise<void> => {
  if (events.length === 0) return;
  const ids = [...new Set(events.map(keyOf))];
  const { rows } = await client.query<{ row: Row }>(`select to_jsonb(t) as row from ${table} t where ${key} = any($1::uuid[])`, [ids]);
  const current = new Map<string, Row>(rows.map(({ row }) => [String(row[key]), row]));
  for (const event of events) {
    const id = keyOf(event);
    current.set(id, evolve(current.get(id) ?? empty(id), event));
  }
  const updates = columns
    .filter((column) => column !== key)
    .map((column) => `${String(column)} = excluded.${String(column)}`)
    .join(', ');
  await client.query(
    `insert into ${table} select * from jsonb_populate_recordset(null::${table}, $1::jsonb)
     on conflict (${key}) do update set ${updates}`,
    [JSON.stringify([...current.values()])],
  );
};
