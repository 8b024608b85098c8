import { Event } from '@safer-cases/domain';
import { StoredEvent } from '@safer-cases/event-store';
import fc from 'fast-check';
import { AnyRow, evolveRows, RowChange, RowProjection, RowTable, touchesOf } from './row-projection';

type Counted = Event<'Counted', { counterId: string; by: number }>;
type Reset = Event<'Reset', { counterId: string }>;
type Removed = Event<'Removed', { counterId: string }>;
type CounterEvent = Counted | Reset | Removed;

type CounterRow = { counter_id: string; total: number; last_position: string };

/** A counter per id: counted up, reset to the same total it had (a change that changes nothing), removed. */
const counters: RowTable<CounterRow, CounterEvent> = {
  table: 'counters',
  key: ['counter_id'],
  columns: ['counter_id', 'total', 'last_position'],
  handles: ['Counted', 'Reset', 'Removed'],
  keyOf: ({ data }) => ({ counter_id: data.counterId }),
  evolve: (row, event) => {
    switch (event.type) {
      case 'Counted':
        return { counter_id: event.data.counterId, total: (row?.total ?? 0) + event.data.by, last_position: event.position.toString() };
      case 'Reset':
        return row;
      case 'Removed':
        return undefined;
    }
  },
  appliedThrough: 'last_position',
};

let position = 0n;
const stored = (type: string, data: Record<string, unknown>): StoredEvent => {
  position += 2n;
  return {
    id: `event-${position}`,
    streamId: `counter-${String(data.counterId)}`,
    revision: 0,
    position,
    type,
    data,
    metadata: { recordedAt: '2015-07-01T09:00:00.000Z', recordedBy: 'tester' },
    schemaVersion: 1,
  };
};

/** Applies the batch to the rows as the engine does, then writes the changes back into `rows`. */
const applyTo = <Row extends AnyRow>(table: RowTable<Row>, rows: Map<string, Row>, events: readonly StoredEvent[]): RowChange<Row>[] => {
  const touches = touchesOf(table, events);
  const changes = evolveRows(table, touches, rows);
  for (const change of changes) {
    const id = JSON.stringify(table.key.map((column) => change.key[column]));
    if (change.after === undefined) rows.delete(id);
    else rows.set(id, change.after);
  }
  return changes;
};

describe('the row engine', () => {
  describe('given a batch', () => {
    it('keys each handled event by the row it touches, in global order, leaving out other types and events without a key', () => {
      const batch = [
        stored('Counted', { counterId: 'a', by: 1 }),
        stored('Unrelated', { counterId: 'a' }),
        stored('Counted', { counterId: 'b', by: 2 }),
        stored('Counted', { by: 3 }),
        stored('Counted', { counterId: 42, by: 4 }),
        stored('Removed', { counterId: 'a' }),
      ];
      expect(touchesOf(counters, batch).map(({ id, key, event }) => ({ id, key, type: event.type, position: event.position }))).toEqual([
        { id: '["a"]', key: { counter_id: 'a' }, type: 'Counted', position: batch[0].position },
        { id: '["b"]', key: { counter_id: 'b' }, type: 'Counted', position: batch[2].position },
        { id: '["a"]', key: { counter_id: 'a' }, type: 'Removed', position: batch[5].position },
      ]);
    });

    it('hands evolve the event with its position and the time it was recorded', () => {
      const [touch] = touchesOf(counters, [stored('Counted', { counterId: 'a', by: 1 })]);
      expect(touch.event).toEqual({ type: 'Counted', data: { counterId: 'a', by: 1 }, position, recordedAt: '2015-07-01T09:00:00.000Z' });
    });

    it('folds the events of each row over the row as it stands, and reports only the rows that changed', () => {
      const rows = new Map<string, CounterRow>([
        ['["a"]', { counter_id: 'a', total: 10, last_position: '0' }],
        ['["b"]', { counter_id: 'b', total: 20, last_position: '0' }],
        ['["c"]', { counter_id: 'c', total: 30, last_position: '0' }],
      ]);
      const changes = applyTo(counters, rows, [
        stored('Counted', { counterId: 'a', by: 1 }),
        stored('Counted', { counterId: 'new', by: 5 }),
        stored('Reset', { counterId: 'b' }),
        stored('Counted', { counterId: 'a', by: 2 }),
        stored('Removed', { counterId: 'c' }),
        stored('Removed', { counterId: 'never-there' }),
      ]);
      expect(changes.map(({ key, before, after }) => ({ key, before: before?.total, after: after?.total }))).toEqual([
        { key: { counter_id: 'a' }, before: 10, after: 13 },
        { key: { counter_id: 'new' }, before: undefined, after: 5 },
        { key: { counter_id: 'c' }, before: 30, after: undefined },
      ]);
    });
  });

  describe('given a batch applied again', () => {
    it('changes nothing on a table that keeps the position it applied through, however the batch is cut', () => {
      const ids = fc.constantFrom('a', 'b', 'c');
      const event = fc.oneof(
        fc.record({ type: fc.constant('Counted'), counterId: ids, by: fc.integer({ min: 1, max: 9 }) }),
        fc.record({ type: fc.constantFrom('Reset', 'Removed'), counterId: ids }),
      );
      fc.assert(
        fc.property(fc.array(event, { minLength: 1, maxLength: 20 }), fc.nat(), (steps, cut) => {
          const batch = steps.map(({ type, ...data }) => stored(type, data));
          const once = new Map<string, CounterRow>();
          applyTo(counters, once, batch);
          const replayed = new Map(once);
          const at = cut % batch.length;
          const again = [...applyTo(counters, replayed, batch.slice(at)), ...applyTo(counters, replayed, batch)];
          expect(again).toEqual([]);
          expect(replayed).toEqual(once);
        }),
      );
    });
  });

  describe('given a table keyed by two columns', () => {
    type Pair = { case_id: string; offence_date: string };
    type Offence = Event<'Offended', { caseId: string; on: string }>;
    const pairs: RowTable<Pair, Offence> = {
      table: 'pairs',
      key: ['case_id', 'offence_date'],
      columns: ['case_id', 'offence_date'],
      handles: ['Offended'],
      keyOf: ({ data }) => ({ case_id: data.caseId, offence_date: data.on }),
      evolve: (row, { data }) => row ?? { case_id: data.caseId, offence_date: data.on },
    };

    it('keeps one row per pair, the same pair twice being one row', () => {
      const rows = new Map<string, Pair>();
      applyTo(pairs, rows, [
        stored('Offended', { caseId: 'a', on: '2015-01-01' }),
        stored('Offended', { caseId: 'a', on: '2015-01-02' }),
        stored('Offended', { caseId: 'a', on: '2015-01-01' }),
        stored('Offended', { caseId: 'b', on: '2015-01-01' }),
      ]);
      expect([...rows.keys()]).toEqual(['["a","2015-01-01"]', '["a","2015-01-02"]', '["b","2015-01-01"]']);
    });
  });

  describe('as a projection', () => {
    const listed: RowTable<{ course_id: string; cases: string[] }, Counted> = {
      table: 'courses',
      key: ['course_id'],
      columns: ['course_id'],
      handles: ['Counted'],
      keyOf: ({ data }) => ({ course_id: data.counterId }),
      evolve: (row) => row,
      lists: [{ field: 'cases', table: 'course_cases', column: 'case_id' }],
    };

    it('owns its tables, list tables among them, and handles what its tables handle', () => {
      const projection = new RowProjection('both', [counters, listed]);
      expect({ tables: projection.tables, handles: projection.handles }).toEqual({ tables: ['counters', 'courses', 'course_cases'], handles: ['Counted', 'Reset', 'Removed'] });
    });

    it.each([
      ['a key that is not a column', { ...counters, key: ['total', 'nothing'] as never[] }, /key nothing is not among its columns/],
      ['a list that is also a column', { ...listed, columns: ['course_id', 'cases'] as never[] }, /list cases is also a column/],
      ['a name that is not plain', { ...counters, table: 'counters; drop table users' }, /counters; drop table users is not a plain lower-case name/],
      ['no key', { ...counters, key: [] }, /it has no key/],
      ['a position column it does not write', { ...counters, appliedThrough: 'elsewhere' as never }, /appliedThrough elsewhere is not among its columns/],
    ])('refuses a table declared with %s', (_, table, message) => {
      expect(() => new RowProjection('wrong', [table as RowTable])).toThrow(message);
    });
  });
});
