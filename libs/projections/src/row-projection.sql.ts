import type { TableName } from './projection';
import type { Queryable } from './queryable';
import type { AnyRow, RowChange, RowTable } from './row-projection';

/**
 * The statements of the row engine. Keys and rows travel as one JSON array per statement and are
 * turned back into the table's own row type by `jsonb_populate_recordset`, so that each value is
 * compared and stored as its column's type (uuid, date, text[]) and the table's indexes serve.
 * Rows come back through `to_jsonb`, dates as `YYYY-MM-DD`.
 */

const quoted = (column: string): string => `"${column}"`;

const sameKey = (key: readonly string[], a: string, b: string): string => key.map((column) => `${a}.${quoted(column)} = ${b}.${quoted(column)}`).join(' and ');

const keyOnly = <Row extends AnyRow>(key: readonly string[], row: Partial<Row>): AnyRow => Object.fromEntries(key.map((column) => [column, row[column]]));

/**
 * The rows with the given keys (by touch id), each with its lists. A row is matched to the key it
 * was asked for by its place in the request, never by how PostgreSQL writes its key back (a uuid
 * comes back in lower case). `appliedThrough` comes back as a decimal string, never a JSON number
 * that could lose digits.
 */
export const readRows = async <Row extends AnyRow>(
  client: Queryable,
  rowTable: RowTable<Row>,
  table: TableName,
  keys: ReadonlyMap<string, Partial<Row>>,
): Promise<Map<string, Row>> => {
  const ids = [...keys.keys()];
  const requested = JSON.stringify([...keys.values()].map((key) => keyOnly(rowTable.key, key)));
  const target = table(rowTable.table);
  const through = rowTable.appliedThrough;
  const exact = through === undefined ? '' : ` || jsonb_build_object('${through}', t.${quoted(through)}::text)`;
  const { rows: found } = await client.query<{ i: number; row: Row }>(
    `select k.ordinality::int as i, to_jsonb(t)${exact} as row
       from jsonb_populate_recordset(null::${target}, $1::jsonb) with ordinality as k
       join ${target} t on ${sameKey(rowTable.key, 't', 'k')}`,
    [requested],
  );
  if (found.length > 0) {
    for (const list of rowTable.lists ?? []) {
      const items = await readList(client, rowTable.key, list, table, requested);
      for (const { i, row } of found) (row as AnyRow)[list.field] = items.get(i) ?? [];
    }
  }
  return new Map(found.map(({ i, row }) => [ids[i - 1], row]));
};

/** The items of each requested key (by its place in the request, from 1), in the column's order. */
const readList = async (
  client: Queryable,
  key: readonly string[],
  list: { table: string; column: string },
  table: TableName,
  requested: string,
): Promise<Map<number, string[]>> => {
  const target = table(list.table);
  const { rows } = await client.query<{ i: number; item: string }>(
    `select k.ordinality::int as i, l.${quoted(list.column)} as item
       from jsonb_populate_recordset(null::${target}, $1::jsonb) with ordinality as k
       join ${target} l on ${sameKey(key, 'l', 'k')}
      order by i, item`,
    [requested],
  );
  const items = new Map<number, string[]>();
  for (const { i, item } of rows) items.set(i, [...(items.get(i) ?? []), item]);
  return items;
};

/** Removes the rows the batch removed, upserts those it changed, and rewrites each list that changed: a statement or two each, whatever the batch. */
export const writeRows = async <Row extends AnyRow>(client: Queryable, rowTable: RowTable<Row>, table: TableName, changes: readonly RowChange<Row>[]): Promise<void> => {
  if (changes.length === 0) return;
  const target = table(rowTable.table);
  const removed = changes.filter(({ after }) => after === undefined).map(({ key }) => keyOnly(rowTable.key, key));
  const changed = changes.flatMap(({ after }) => (after === undefined ? [] : [Object.fromEntries(rowTable.columns.map((column) => [column, after[column]]))]));
  if (removed.length > 0) await deleteKeys(client, target, rowTable.key, removed);
  if (changed.length > 0) await upsert(client, target, rowTable.key, rowTable.columns, changed);
  for (const list of rowTable.lists ?? []) {
    const rewritten = changes.filter(({ before, after }) => !sameItems(before?.[list.field], after?.[list.field]));
    if (rewritten.length === 0) continue;
    const listTable = table(list.table);
    await deleteKeys(
      client,
      listTable,
      rowTable.key,
      rewritten.map(({ key }) => keyOnly(rowTable.key, key)),
    );
    const items = rewritten.flatMap(({ after }) =>
      after === undefined ? [] : itemsOf(after[list.field]).map((item) => ({ ...keyOnly(rowTable.key, after), [list.column]: item })),
    );
    if (items.length > 0) await upsert(client, listTable, [...rowTable.key, list.column], [...rowTable.key, list.column], items);
  }
};

const itemsOf = (value: unknown): readonly unknown[] => (Array.isArray(value) ? value : []);

const sameItems = (a: unknown, b: unknown): boolean => {
  const [left, right] = [itemsOf(a), itemsOf(b)];
  return left.length === right.length && left.every((item, index) => item === right[index]);
};

const deleteKeys = async (client: Queryable, target: string, key: readonly string[], keys: readonly AnyRow[]): Promise<void> => {
  await client.query(`delete from ${target} t using jsonb_populate_recordset(null::${target}, $1::jsonb) as k where ${sameKey(key, 't', 'k')}`, [JSON.stringify(keys)]);
};

/** Inserts the rows or, where the key is taken, overwrites every other column; a table that is all key keeps what it has. */
const upsert = async (client: Queryable, target: string, key: readonly string[], columns: readonly string[], rows: readonly AnyRow[]): Promise<void> => {
  const list = columns.map(quoted).join(', ');
  const others = columns.filter((column) => !key.includes(column));
  const onConflict = others.length === 0 ? 'do nothing' : `do update set ${others.map((column) => `${quoted(column)} = excluded.${quoted(column)}`).join(', ')}`;
  await client.query(
    `insert into ${target} (${list}) select ${list} from jsonb_populate_recordset(null::${target}, $1::jsonb)
     on conflict (${key.map(quoted).join(', ')}) ${onConflict}`,
    [JSON.stringify(rows)],
  );
};
