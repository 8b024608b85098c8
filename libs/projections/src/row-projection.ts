import { EntryStruckOut, Event } from '@safer-cases/domain';
import { StoredEvent } from '@safer-cases/event-store';
import { PoolClient } from 'pg';
import { Projection, StreamReader, TableName } from './projection';
import { readSkippedPositions } from './projection-failures';
import { readRows, writeRows } from './row-projection.sql';
import { isStrike, ResolvedStrike, resolveStrikes } from './struck-entries';

/** A domain event as the store keeps it: with its place in the global order and when it was recorded. */
export type Recorded<E extends Event = Event> = E & { readonly position: bigint; readonly recordedAt: string };

/** Any row: its column names and their values, as they go to and from SQL through JSON. */
export type AnyRow = Record<string, unknown>;

/**
 * One table of a read model, declared as data: each row is the fold, by `evolve`, of the events
 * of the handled types that carry its key, in global order, less those struck out of their case
 * (`struckOut`). The engine reads the rows a batch touches in one query (and one per list), folds
 * the batch over them in memory and writes back only the rows that changed, so a batch costs a
 * few statements per table whatever its size.
 *
 * `keyOf` and `evolve` are given only the event types in `handles`, as the domain wrote them.
 */
export type RowTable<Row extends AnyRow = AnyRow, E extends Event = Event> = {
  readonly table: string;
  /** The table's primary key, in order: the rows are found and upserted by it. */
  readonly key: readonly (keyof Row & string)[];
  /** Every column written, the key among them; a field kept in `lists` is not a column. */
  readonly columns: readonly (keyof Row & string)[];
  readonly handles: readonly E['type'][];
  /** The key of the row the event touches; an event without one (or with a key value that is not a string) touches none. */
  keyOf(event: Recorded<E>): Partial<Row> | undefined;
  /** The row after the event: undefined before the row exists, and when the event removes it. Pure and total. */
  evolve(row: Row | undefined, event: Recorded<E>): Row | undefined;
  /**
   * The column that holds the position of the last event the row took in, read as a decimal
   * string: an event at or before it is not applied to the row again, so a batch applied twice
   * changes nothing.
   */
  readonly appliedThrough?: keyof Row & string;
  /** List fields of the row kept in a table of their own, one row per item: the row's key columns and `column`. */
  readonly lists?: readonly { readonly field: keyof Row & string; readonly table: string; readonly column: string }[];
  /**
   * How the table takes in an entry struck out of a case (EntryStruckOut): as if the struck event
   * had never been recorded. Left out, a strike changes nothing here.
   */
  readonly struckOut?: StruckOut<Row, E>;
};

/**
 * `refold`: every row is the fold of one case's events alone, so the row the struck event touched
 * is folded again, from nothing, from the case's events that still stand; whatever the event was
 * and whatever came after it, the row is then the one of a case that never recorded it. The
 * strike is among those events, so a table that handles EntryStruckOut stamps the row with it.
 *
 * `takeBack`: for a table whose rows gather the events of many streams (a course's attendance,
 * from its cases), which cannot be folded again from one case: the row the struck event touched,
 * with that event taken back.
 */
export type StruckOut<Row extends AnyRow, E extends Event> = 'refold' | { takeBack(row: Row | undefined, struck: Recorded<E>, strike: Recorded<EntryStruckOut>): Row | undefined };

/** A row type's column names, listed once as a record so that a column the type gains and the list misses does not compile. */
export const columnsOf = <Row>(columns: Record<keyof Row & string, true>): readonly (keyof Row & string)[] => Object.keys(columns) as (keyof Row & string)[];

/**
 * What the list tables keep of the last event a row took in: its position (their
 * `appliedThrough`), a bigint kept as its decimal string, and when it was recorded.
 */
export type Stamp = { last_event_position: string; updated_at: string };

export const stampOf = (event: Recorded): Stamp => ({ last_event_position: event.position.toString(), updated_at: event.recordedAt });

/**
 * An event of a batch with the key of the row it touches (`id` is that key as one string) and
 * what it makes of the row: `evolve`'s answer, or for a strike the row folded again or with the
 * struck event taken back.
 */
export type Touch<Row extends AnyRow = AnyRow> = { id: string; key: Partial<Row>; event: Recorded; next: (row: Row | undefined) => Row | undefined };

/** A row a batch changed: before the batch (undefined: it is new) and after it (undefined: it is removed). */
export type RowChange<Row extends AnyRow = AnyRow> = { key: Partial<Row>; before: Row | undefined; after: Row | undefined };

const recorded = (event: StoredEvent): Recorded => ({ type: event.type, data: event.data, position: event.position, recordedAt: event.metadata.recordedAt });

const handledTypes = new WeakMap<RowTable, ReadonlySet<string>>();

const handledBy = (rowTable: RowTable): ReadonlySet<string> => {
  const known = handledTypes.get(rowTable) ?? new Set<string>(rowTable.handles);
  handledTypes.set(rowTable, known);
  return known;
};

/** The event's touch when the table handles it and it carries the row's key. */
const touchOf = <Row extends AnyRow>(rowTable: RowTable<Row>, stored: StoredEvent): Touch<Row> | undefined => {
  if (!handledBy(rowTable as RowTable).has(stored.type)) return undefined;
  const event = recorded(stored);
  const key = rowTable.keyOf(event);
  const values = rowTable.key.map((column) => key?.[column]);
  if (!values.every((value) => typeof value === 'string')) return undefined;
  return { id: JSON.stringify(values), key: key as Partial<Row>, event, next: (row) => rowTable.evolve(row, event) };
};

/**
 * What a resolved strike does to the table: to the row its struck event touched, as the table's
 * `struckOut` says, and, if the table handles strikes, to the row the strike names (unless that is
 * the row folded again, whose fold already took the strike in).
 */
const strikeTouches = <Row extends AnyRow>(rowTable: RowTable<Row>, struckOut: StruckOut<Row, Event>, { strike, struck, standing }: ResolvedStrike): Touch<Row>[] => {
  const own = touchOf(rowTable, strike);
  const target = struck && touchOf(rowTable, struck);
  if (!target) return own ? [own] : [];
  const event = recorded(strike);
  if (struckOut === 'refold') {
    const folds = standing.flatMap((stored) => touchOf(rowTable, stored) ?? []).filter((touch) => touch.id === target.id);
    const refolded: Touch<Row> = { id: target.id, key: target.key, event, next: () => folds.reduce<Row | undefined>((row, touch) => touch.next(row), undefined) };
    return own && own.id !== target.id ? [refolded, own] : [refolded];
  }
  const takenBack: Touch<Row> = { id: target.id, key: target.key, event, next: (row) => struckOut.takeBack(row, target.event, event as Recorded<EntryStruckOut>) };
  return own ? [takenBack, own] : [takenBack];
};

/**
 * The events of the batch the table handles, each with the key of the row it touches, in global
 * order; a strike (resolved in `strikes`, by event id) touches what its `struckOut` says.
 */
export const touchesOf = <Row extends AnyRow>(rowTable: RowTable<Row>, events: readonly StoredEvent[], strikes: ReadonlyMap<string, ResolvedStrike> = new Map()): Touch<Row>[] =>
  events.flatMap((stored) => {
    const strike = strikes.get(stored.id);
    if (strike && rowTable.struckOut) return strikeTouches(rowTable, rowTable.struckOut as StruckOut<Row, Event>, strike);
    return touchOf(rowTable, stored) ?? [];
  });

const alreadyApplied = <Row extends AnyRow>(rowTable: RowTable<Row>, row: Row | undefined, event: Recorded): boolean =>
  rowTable.appliedThrough !== undefined && row !== undefined && BigInt(String(row[rowTable.appliedThrough])) >= event.position;

/**
 * Folds the touches, in order, over the rows as they stand (`current`, by touch id): pure, so a
 * batch is evolved in memory and written once. A row that ends as it began is not a change.
 */
export const evolveRows = <Row extends AnyRow>(rowTable: RowTable<Row>, touches: readonly Touch<Row>[], current: ReadonlyMap<string, Row>): RowChange<Row>[] => {
  const changes = new Map<string, RowChange<Row>>();
  for (const { id, key, event, next } of touches) {
    const change = changes.get(id) ?? { key, before: current.get(id), after: current.get(id) };
    changes.set(id, change);
    if (!alreadyApplied(rowTable, change.after, event)) change.after = next(change.after);
  }
  return [...changes.values()].filter(({ before, after }) => before !== after);
};

const identifier = /^[a-z_][a-z0-9_]*$/;

const checkDeclaration = (name: string, rowTable: RowTable): void => {
  const lists = rowTable.lists ?? [];
  const names = [rowTable.table, ...rowTable.columns, ...lists.flatMap((list) => [list.table, list.column])];
  const wrong = [
    ...names.filter((each) => !identifier.test(each)).map((each) => `${each} is not a plain lower-case name`),
    ...rowTable.key.filter((column) => !rowTable.columns.includes(column)).map((column) => `key ${column} is not among its columns`),
    ...lists.filter((list) => rowTable.columns.includes(list.field)).map((list) => `list ${list.field} is also a column`),
    ...(rowTable.appliedThrough !== undefined && !rowTable.columns.includes(rowTable.appliedThrough) ? [`appliedThrough ${rowTable.appliedThrough} is not among its columns`] : []),
    ...(rowTable.key.length === 0 ? ['it has no key'] : []),
  ];
  if (wrong.length > 0) throw new Error(`The table ${rowTable.table} of projection ${name} is declared wrong: ${wrong.join('; ')}`);
};

/**
 * A read model made of row tables: its name (its checkpoint's), the tables it owns, and the event
 * types it handles, all from the declarations (EntryStruckOut among them when a table takes
 * strikes in). `apply` runs the row engine over each table in turn, inside the runner's (or the
 * rebuild's) transaction. A batch that strikes an entry out reads the struck case's stream from
 * the store first (see struck-entries.ts); any other batch reads nothing but its rows.
 */
export class RowProjection implements Projection {
  readonly tables: readonly string[];
  readonly handles: readonly string[];
  private readonly takesStrikes: boolean;

  constructor(
    readonly name: string,
    readonly rowTables: readonly RowTable[],
  ) {
    for (const rowTable of rowTables) checkDeclaration(name, rowTable);
    this.takesStrikes = rowTables.some((rowTable) => rowTable.struckOut !== undefined);
    this.tables = [...new Set(rowTables.flatMap((rowTable) => [rowTable.table, ...(rowTable.lists ?? []).map((list) => list.table)]))];
    this.handles = [...new Set([...rowTables.flatMap((rowTable) => rowTable.handles), ...(this.takesStrikes ? ['EntryStruckOut'] : [])])];
  }

  async apply(events: readonly StoredEvent[], client: PoolClient, table: TableName, streams: StreamReader): Promise<void> {
    const strikes = await this.resolve(events, client, streams);
    for (const rowTable of this.rowTables) {
      const touches = touchesOf(rowTable, events, strikes);
      if (touches.length === 0) continue;
      const keys = new Map(touches.map(({ id, key }) => [id, key]));
      const current = await readRows(client, rowTable, table, keys);
      await writeRows(client, rowTable, table, evolveRows(rowTable, touches, current));
    }
  }

  /** The batch's strikes, resolved; the events this read model's operators skipped stay out of any fold, as they stayed out when met. */
  private async resolve(events: readonly StoredEvent[], client: PoolClient, streams: StreamReader): Promise<Map<string, ResolvedStrike>> {
    if (!this.takesStrikes || !events.some(isStrike)) return new Map();
    const skipped = (await readSkippedPositions(client, [this.name])).get(this.name) ?? new Set<bigint>();
    return resolveStrikes(events, streams, skipped);
  }
}
