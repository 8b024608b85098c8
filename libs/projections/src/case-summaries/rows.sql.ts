import { StoredEvent } from '@safer-cases/event-store';
import { PoolClient } from 'pg';

export type Queryable = Pick<PoolClient, 'query'>;

/** A row type's column names, listed once as a record so that a column the type gains and the list misses does not compile. */
export const columnsOf = <Row>(columns: Record<keyof Row & string, true>): readonly (keyof Row & string)[] => Object.keys(columns) as (keyof Row & string)[];

const quoted = (column: string): string => `"${column}"`;

/**
 * The rows whose `key` is one of `ids`, as PostgreSQL renders them in JSON (dates `YYYY-MM-DD`),
 * with `last_event_position` as a decimal string so that no bigint loses precision. One query.
 */
export const selectRows = async <Row>(client: Queryable, table: string, key: string, ids: readonly string[]): Promise<Map<string, Row>> => {
  const { rows } = await client.query<{ id: string; row: Row }>(
    `select t.${quoted(key)} as id, to_jsonb(t) || jsonb_build_object('last_event_position', t.last_event_position::text) as row
       from ${table} t where t.${quoted(key)} = any($1::text[])`,
    [ids],
  );
  return new Map(rows.map(({ id, row }) => [id, row]));
};

/** Inserts or replaces whole rows in one statement, the rows sent as one JSON array. */
export const upsertRows = async <Row>(client: Queryable, table: string, key: string, columns: readonly string[], rows: readonly Row[]): Promise<void> => {
  if (rows.length === 0) return;
  const list = columns.map(quoted).join(', ');
  const updates = columns
    .filter((column) => column !== key)
    .map((column) => `${quoted(column)} = excluded.${quoted(column)}`)
    .join(', ');
  await client.query(
    `insert into ${table} (${list}) select ${list} from jsonb_populate_recordset(null::${table}, $1::jsonb)
     on conflict (${quoted(key)}) do update set ${updates}`,
    [JSON.stringify(rows)],
  );
};

/** Stamps a row with the event that last touched it. */
export const stamped = <Row extends { last_event_position: string; updated_at: string }>(row: Row, event: StoredEvent): Row => ({
  ...row,
  last_event_position: event.position.toString(),
  updated_at: event.metadata.recordedAt,
});

/** True when the row already reflects this event: a batch replayed after a failure changes nothing. */
export const alreadyApplied = (row: { last_event_position: string } | undefined, event: StoredEvent): boolean =>
  row !== undefined && BigInt(row.last_event_position) >= event.position;

export type Keyed = { event: StoredEvent; id: string };

/** The events of the given types, each with the string id its data carries under `field`; events without one are left out. */
export const keyedBy = (events: readonly StoredEvent[], types: ReadonlySet<string>, field: string): Keyed[] =>
  events.flatMap((event) => {
    const id = event.data[field];
    return types.has(event.type) && typeof id === 'string' ? [{ event, id }] : [];
  });

export const uniqueIds = (keyed: readonly Keyed[]): string[] => [...new Set(keyed.map(({ id }) => id))];
