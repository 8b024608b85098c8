import { Event } from '@safer-cases/domain';
import { StoredEvent } from '@safer-cases/event-store';
import { createTestDatabase } from '@safer-cases/testing/test-database';
import { randomUUID } from 'node:crypto';
import { Pool, PoolClient } from 'pg';
import { liveTables } from './projection';
import { RowProjection, RowTable } from './row-projection';
import { streamsOf } from './testing/streams';

type Joined = Event<'Joined', { groupId: string; memberId: string }>;
type Left = Event<'Left', { groupId: string; memberId: string }>;
type Disbanded = Event<'Disbanded', { groupId: string }>;
type GroupEvent = Joined | Left | Disbanded;

type GroupRow = { group_id: string; size: number; last_position: string; member_ids: readonly string[] };

/** A group per uuid, its members kept one row each in `group_members`; disbanding removes it. */
const groups: RowTable<GroupRow, GroupEvent> = {
  table: 'groups',
  key: ['group_id'],
  columns: ['group_id', 'size', 'last_position'],
  handles: ['Joined', 'Left', 'Disbanded'],
  keyOf: ({ data }) => ({ group_id: data.groupId }),
  evolve: (row, event) => {
    if (event.type === 'Disbanded') return undefined;
    const members = row?.member_ids ?? [];
    const next = event.type === 'Joined' ? [...members.filter((id) => id !== event.data.memberId), event.data.memberId] : members.filter((id) => id !== event.data.memberId);
    return { group_id: event.data.groupId, size: next.length, last_position: event.position.toString(), member_ids: next };
  },
  appliedThrough: 'last_position',
  lists: [{ field: 'member_ids', table: 'group_members', column: 'member_id' }],
};

describe('the row engine against PostgreSQL', () => {
  let pool: Pool;
  let position = 1000n;
  const projection = new RowProjection('groups', [groups]);

  const event = (type: GroupEvent['type'], data: Record<string, unknown>, at = (position += 3n)): StoredEvent => ({
    id: randomUUID(),
    streamId: `group-${String(data.groupId)}`,
    revision: 0,
    position: at,
    type,
    data,
    metadata: { recordedAt: '2015-07-01T09:00:00.000Z', recordedBy: 'tester' },
    schemaVersion: 1,
  });

  /** Every look the engine took at the catalog, in the whole suite. */
  const catalogLooks: string[] = [];

  /** Applies the batch in one transaction, answering the statements it ran on the tables (its looks at the catalog aside). */
  const apply = async (batch: readonly StoredEvent[]): Promise<string[]> => {
    const client = await pool.connect();
    const statements: string[] = [];
    const counting = new Proxy(client, {
      get: (target, property, receiver) =>
        property === 'query'
          ? (text: string, values?: unknown[]) => {
              if (text.includes('pg_attribute')) catalogLooks.push(String(values?.[0]));
              else statements.push(text.trim().split(/\s+/)[0]);
              return target.query(text, values);
            }
          : Reflect.get(target, property, receiver),
    });
    try {
      await client.query('begin');
      await projection.apply(batch, counting as PoolClient, liveTables, streamsOf([]));
      await client.query('commit');
      return statements;
    } catch (error) {
      await client.query('rollback');
      throw error;
    } finally {
      client.release();
    }
  };

  const group = async (groupId: string) => {
    const { rows } = await pool.query<{ size: number; last_position: string }>('select size, last_position::text from groups where group_id = $1', [groupId]);
    const members = await pool.query<{ member_id: string }>('select member_id from group_members where group_id = $1 order by member_id', [groupId]);
    return rows[0] && { ...rows[0], members: members.rows.map(({ member_id }) => member_id) };
  };

  beforeAll(async () => {
    pool = new Pool({ connectionString: await createTestDatabase(), max: 2 });
    await pool.query('create table groups (group_id uuid primary key, size integer not null, last_position bigint not null)');
    await pool.query('create table group_members (group_id uuid not null, member_id text not null, primary key (group_id, member_id))');
  });
  afterAll(() => pool.end());

  it('writes each row and its list once, in the same few statements whatever the size of the batch', async () => {
    const ids = Array.from({ length: 40 }, () => randomUUID());
    const small = await apply([event('Joined', { groupId: ids[0], memberId: 'm0' })]);
    const big = await apply(ids.flatMap((groupId) => Array.from({ length: 25 }, (_, n) => event('Joined', { groupId, memberId: `m${n % 10}` }))));

    expect(small).toEqual(['select', 'insert', 'delete', 'insert']);
    expect(big).toEqual(['select', 'select', 'insert', 'delete', 'insert']);
    expect(await group(ids[1])).toEqual({ size: 10, last_position: expect.any(String), members: ['m0', 'm1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7', 'm8', 'm9'] });
  });

  it('finds the row an event names even when PostgreSQL writes its key otherwise (a uuid in capitals)', async () => {
    const groupId = randomUUID();
    await apply([event('Joined', { groupId, memberId: 'ann' })]);
    await apply([event('Joined', { groupId: groupId.toUpperCase(), memberId: 'bob' })]);
    expect(await group(groupId)).toEqual({ size: 2, last_position: position.toString(), members: ['ann', 'bob'] });
  });

  it('reads the position a row applied through exactly, past the 53 bits a JSON number keeps', async () => {
    const groupId = randomUUID();
    const far = 2n ** 53n + 1n;
    await apply([event('Joined', { groupId, memberId: 'ann' }, far)]);
    await apply([event('Joined', { groupId, memberId: 'bob' }, far), event('Joined', { groupId, memberId: 'cat' }, far + 1n)]);
    expect(await group(groupId)).toEqual({ size: 2, last_position: (far + 1n).toString(), members: ['ann', 'cat'] });
  });

  it('rewrites a list only when it changed, and removes a row with its list when evolve removes it', async () => {
    const [kept, disbanded] = [randomUUID(), randomUUID()];
    await apply([event('Joined', { groupId: kept, memberId: 'ann' }), event('Joined', { groupId: disbanded, memberId: 'bob' })]);
    const unchanged = await apply([event('Left', { groupId: kept, memberId: 'nobody' })]);
    const removed = await apply([event('Left', { groupId: kept, memberId: 'ann' }), event('Disbanded', { groupId: disbanded })]);

    expect(unchanged).toEqual(['select', 'select', 'insert']);
    expect(removed).toEqual(['select', 'select', 'delete', 'insert', 'delete']);
    expect(await group(kept)).toEqual({ size: 0, last_position: expect.any(String), members: [] });
    expect(await group(disbanded)).toBeUndefined();
    expect((await pool.query('select * from group_members where group_id = $1', [disbanded])).rows).toEqual([]);
  });

  it('asks the catalog for the types of each table’s key once, never per batch', async () => {
    const groupId = randomUUID();
    await apply([event('Joined', { groupId, memberId: 'ann' })]);
    const looks = catalogLooks.length;
    await apply([event('Joined', { groupId, memberId: 'bob' })]);
    await apply([event('Disbanded', { groupId })]);
    expect({ more: catalogLooks.length - looks, tables: [...catalogLooks].sort() }).toEqual({ more: 0, tables: ['group_members', 'groups'] });
  });
});
