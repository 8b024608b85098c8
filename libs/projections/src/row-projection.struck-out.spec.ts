import { EntryStruckOut, Event } from '@safer-cases/domain';
import { StoredEvent } from '@safer-cases/event-store';
import { AnyRow, evolveRows, Recorded, RowProjection, RowTable, touchesOf } from './row-projection';
import { ResolvedStrike } from './struck-entries';

type Tallied = Event<'Tallied', { caseId: string; on: string; by: number; group: string }>;
type TallyEvent = Tallied | EntryStruckOut;

type TallyRow = { case_id: string; total: number; last_position: string };
type DayRow = { case_id: string; on: string; total: number };
type GroupRow = { group: string; total: number; last_position: string };

/** A total per case, stamped with each event it takes in, a strike among them. */
const perCase: RowTable<TallyRow, TallyEvent> = {
  table: 'per_case',
  key: ['case_id'],
  columns: ['case_id', 'total', 'last_position'],
  handles: ['Tallied', 'EntryStruckOut'],
  keyOf: ({ data }) => ({ case_id: data.caseId }),
  evolve: (row, event) =>
    event.type === 'Tallied'
      ? { case_id: event.data.caseId, total: (row?.total ?? 0) + event.data.by, last_position: event.position.toString() }
      : row && { ...row, last_position: event.position.toString() },
  appliedThrough: 'last_position',
  struckOut: 'refold',
};

/** A total per case and day: a row within the case, which knows nothing of strikes. */
const perDay: RowTable<DayRow, Tallied> = {
  table: 'per_day',
  key: ['case_id', 'on'],
  columns: ['case_id', 'on', 'total'],
  handles: ['Tallied'],
  keyOf: ({ data }) => ({ case_id: data.caseId, on: data.on }),
  evolve: (row, { data }) => ({ case_id: data.caseId, on: data.on, total: (row?.total ?? 0) + data.by }),
  struckOut: 'refold',
};

/** A total per group, gathered from many cases, which takes a struck event back. */
const perGroup: RowTable<GroupRow, Tallied> = {
  table: 'per_group',
  key: ['group'],
  columns: ['group', 'total', 'last_position'],
  handles: ['Tallied'],
  keyOf: ({ data }) => ({ group: data.group }),
  evolve: (row, { position, data }) => ({ group: data.group, total: (row?.total ?? 0) + data.by, last_position: position.toString() }),
  appliedThrough: 'last_position',
  struckOut: { takeBack: (row, struck, strike) => row && { ...row, total: row.total - struck.data.by, last_position: strike.position.toString() } },
};

let position = 0n;
const revisions = new Map<string, number>();
const stored = (caseId: string, type: string, data: Record<string, unknown>): StoredEvent => {
  const streamId = `case-${caseId}`;
  const revision = revisions.get(streamId) ?? 0;
  revisions.set(streamId, revision + 1);
  position += 5n;
  return {
    id: `event-${position}`,
    streamId,
    revision,
    position,
    type,
    data: { caseId, ...data },
    metadata: { recordedAt: '2015-07-01T09:00:00.000Z', recordedBy: 'tester' },
    schemaVersion: 1,
  };
};
const tallied = (caseId: string, by: number, on = '2015-01-01', group = 'g') => stored(caseId, 'Tallied', { by, on, group });
const strikeOf = (event: StoredEvent) => stored(String(event.data.caseId), 'EntryStruckOut', { revision: event.revision, reason: 'recorded in error' });

/** What the resolution says of a strike, given here as the spec's own. */
const resolved = (strike: StoredEvent, struck: StoredEvent | undefined, standing: StoredEvent[]): Map<string, ResolvedStrike> =>
  new Map([[strike.id, { strike, struck, standing }]]);

/** The rows after the batch, by touch id, over the rows as they stand. */
const after = <Row extends AnyRow>(table: RowTable<Row>, events: StoredEvent[], strikes: Map<string, ResolvedStrike>, rows = new Map<string, Row>()) => {
  const result = new Map(rows);
  for (const { key, after: row } of evolveRows(table, touchesOf(table, events, strikes), rows)) {
    const id = JSON.stringify(table.key.map((column) => key[column]));
    if (row === undefined) result.delete(id);
    else result.set(id, row);
  }
  return result;
};

describe('the row engine, given an entry struck out', () => {
  describe('on a table folded again from what stands', () => {
    it('gives the row of a case that never recorded the struck event, stamped with the strike, and takes in what comes after', () => {
      const [one, two, four] = [tallied('a', 1), tallied('a', 2), tallied('a', 4)];
      const strike = strikeOf(two);
      const eight = tallied('a', 8);
      const rows = after(perCase, [one, two, four, strike, eight], resolved(strike, two, [one, four, strike]));
      expect(rows.get('["a"]')).toEqual({ case_id: 'a', total: 13, last_position: eight.position.toString() });
    });

    it('folds again from the stream, whatever the row held before the batch', () => {
      const [one, two] = [tallied('b', 1), tallied('b', 2)];
      const strike = strikeOf(one);
      const stale = new Map([['["b"]', { case_id: 'b', total: 99, last_position: two.position.toString() }]]);
      expect(after(perCase, [strike], resolved(strike, one, [two, strike]), stale).get('["b"]')).toEqual({ case_id: 'b', total: 2, last_position: strike.position.toString() });
    });

    it('changes nothing when the strike is applied again', () => {
      const [one, two] = [tallied('c', 1), tallied('c', 2)];
      const strike = strikeOf(two);
      const strikes = resolved(strike, two, [one, strike]);
      const once = after(perCase, [one, two, strike], strikes);
      expect(evolveRows(perCase, touchesOf(perCase, [two, strike], strikes), once)).toEqual([]);
    });

    it('touches only the row the struck event touched: another day stays, a day with another standing event keeps it', () => {
      const [monday, mondayAgain, tuesday] = [tallied('d', 1, '2015-01-05'), tallied('d', 2, '2015-01-05'), tallied('d', 4, '2015-01-06')];
      const rows = after(perDay, [monday, mondayAgain, tuesday], new Map());
      const strikeMonday = strikeOf(monday);
      const strikeTuesday = strikeOf(tuesday);
      const changes = evolveRows(perDay, touchesOf(perDay, [strikeMonday], resolved(strikeMonday, monday, [mondayAgain, tuesday, strikeMonday])), rows);
      expect(changes.map(({ key, after: row }) => ({ key, total: row?.total }))).toEqual([{ key: { case_id: 'd', on: '2015-01-05' }, total: 2 }]);
      const gone = after(perDay, [strikeTuesday], resolved(strikeTuesday, tuesday, [monday, mondayAgain, strikeTuesday]), rows);
      expect([...gone.keys()]).toEqual(['["d","2015-01-05"]']);
    });

    it('only stamps the row of a strike that struck nothing, and leaves a table that does not handle strikes alone', () => {
      const one = tallied('e', 1);
      const strike = stored('e', 'EntryStruckOut', { revision: 0, reason: 'the referral' });
      const strikes = resolved(strike, undefined, [one, strike]);
      const rows = after(perCase, [one, strike], strikes);
      expect(rows.get('["e"]')).toEqual({ case_id: 'e', total: 1, last_position: strike.position.toString() });
      expect(touchesOf(perDay, [strike], strikes)).toEqual([]);
    });
  });

  describe('on a table gathering many cases', () => {
    it('takes the struck event back from its row, once, and leaves the other cases’ share', () => {
      const [mine, theirs] = [tallied('f', 3, '2015-01-01', 'shared'), tallied('g', 5, '2015-01-01', 'shared')];
      const strike = strikeOf(mine);
      const strikes = resolved(strike, mine, [strike]);
      const rows = after(perGroup, [mine, theirs, strike], strikes);
      expect(rows.get('["shared"]')).toEqual({ group: 'shared', total: 5, last_position: strike.position.toString() });
      expect(evolveRows(perGroup, touchesOf(perGroup, [strike], strikes), rows)).toEqual([]);
    });

    it('hands takeBack the struck event as recorded, and the strike', () => {
      const mine = tallied('h', 3, '2015-01-01', 'seen');
      const strike = strikeOf(mine);
      const seen: [Recorded, Recorded][] = [];
      const watching: RowTable<GroupRow, Tallied> = { ...perGroup, struckOut: { takeBack: (row, struck, by) => (seen.push([struck, by]), row) } };
      after(watching, [strike], resolved(strike, mine, [strike]));
      expect(seen.map(([struck, by]) => [struck.position, struck.data, by.type, by.position])).toEqual([[mine.position, mine.data, 'EntryStruckOut', strike.position]]);
    });
  });

  describe('as a projection', () => {
    it('handles strikes when one of its tables takes them in, and not otherwise', () => {
      const { struckOut: _ignored, ...ignoring } = perDay;
      expect(new RowProjection('days', [perDay, perGroup]).handles).toEqual(['Tallied', 'EntryStruckOut']);
      expect(new RowProjection('days', [ignoring as RowTable]).handles).toEqual(['Tallied']);
    });
  });
});
