import type { TableName } from './projection';
import type { Queryable } from './queryable';
import type { AnyRow, RowChange, RowTable } from './row-projection';

/**
 * The statements of the row engine. Keys go as one array per key column, cast to the column's
 * own type (as the catalog gives it, asked once per table), so that they are compared as uuid,
 * date or text and the planner may use the key's index or hash the lot, as the batch's size
 * warrants; rows go as one JSON array, turned into the table's row type by
 * `jsonb_populate_recordset`, and come back through `to_jsonb`, dates as `YYYY-MM-DD`.
 */

const quoted = (column: string): string => `"${column}"`;

const keyOnly = <Row extends AnyRow>(key: readonly string[], row: Partial<Row>): AnyRow => Object.fromEntries(key.map((column) => [column, row[column]]));

/** The key columns' types of each table, by its physical name; the same for a live table and its shadow. */
const keyTypes = new Map<string, string[]>();

const typesOfKey = async (client: Queryable, target: string, key: readonly string[]): Promise<string[]> => {
  const cacheKey = `${target}(${key.join(',')})`;
  const known = keyTypes.get(cacheKey);
  if (known) return known;
  const { rows } = await client.query<{ name: string; type: string }>(
    'select attname as name, format_type(atttypid, atttypmod) as type from pg_attribute where attrelid = $1::regclass and attname = any($2::text[]) and not attisdropped',
    [target, key],
  );
  const types = key.map((column) => {
    const found = rows.find((row) => row.name === column);
    if (!found) throw new Error(`The table ${target} has no key column ${column}`);
    return found.type;
  });
  keyTypes.set(cacheKey, types);
  return types;
};

/**
 * The requested keys as a relation `k` (columns k0, k1, … and `i`, each key's place in the
 * request from 1) and the condition that matches `alias`'s key to them.
 */
const keysAsRelation = async (client: Queryable, target: string, key: readonly string[], keys: readonly AnyRow[], alias: string) => {
  const types = await typesOfKey(client, target, key);
  const columns = key.map((_, index) => `k${index}`);
  return {
    relation: `unnest(${types.map((type, index) => `$${index + 1}::${type}[]`).join(', ')}) with ordinality as k(${[...columns, 'i'].join(', ')})`,
    matches: key.map((column, index) => `${alias}.${quoted(column)} = k.${columns[index]}`).join(' and '),
    values: key.map((column) => keys.map((each) => each[column])),
  };
};

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
  const requested = [...keys.values()];
  const target = table(rowTable.table);
  const through = rowTable.appliedThrough;
  const exact = through === undefined ? '' : ` || jsonb_build_object('${through}', t.${quoted(through)}::text)`;
  const { relation, matches, values } = await keysAsRelation(client, target, rowTable.key, requested, 't');
  const { rows: found } = await client.query<{ i: number; row: Row }>(`select k.i::int as i, to_jsonb(t)${exact} as row from ${relation} join ${target} t on ${matches}`, values);
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
  requested: readonly AnyRow[],
): Promise<Map<number, string[]>> => {
  const target = table(list.table);
  const { relation, matches, values } = await keysAsRelation(client, target, key, requested, 'l');
  const { rows } = await client.query<{ i: number; item: string }>(
    `select k.i::int as i, l.${quoted(list.column)} as item from ${relation} join ${target} l on ${matches} order by i, item`,
    values,
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
  const { relation, matches, values } = await keysAsRelation(client, target, key, keys, 't');
  await client.query(`delete from ${target} t using ${relation} where ${matches}`, values);
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
