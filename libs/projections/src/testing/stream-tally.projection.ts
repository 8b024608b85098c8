import { StoredEvent } from '@safer-cases/event-store';
import { PoolClient } from 'pg';
import { Projection, TableName } from '../projection';
import { Queryable } from '../queryable';

export type StreamTallyOptions = {
  name?: string;
  /** Put before the table names, so that two tallies can live side by side. */
  prefix?: string;
  handles?: readonly string[];
  /** Runs between the two tables' writes: a place to make a batch fail half-way. */
  midBatch?: (events: readonly StoredEvent[], client: PoolClient) => Promise<void>;
};

/**
 * A read model for the runner's and the rebuild's tests and benchmarks: per stream, how many
 * events it has and its latest; per event type, how many. It adds to what is there, so an event
 * applied twice (or lost) shows in the figures. Two statements per batch, whatever its size.
 */
export class StreamTallyProjection implements Projection {
  readonly name: string;
  readonly tables: readonly string[];
  readonly handles: readonly string[];
  private readonly streamsTable: string;
  private readonly typesTable: string;

  constructor(private readonly options: StreamTallyOptions = {}) {
    const prefix = options.prefix ?? '';
    this.name = options.name ?? 'stream-tally';
    this.streamsTable = `${prefix}tally_streams`;
    this.typesTable = `${prefix}tally_types`;
    this.tables = [this.streamsTable, this.typesTable];
    this.handles = options.handles ?? ['Counted', 'Noted'];
  }

  async createTables(db: Queryable): Promise<void> {
    await db.query(`CREATE TABLE ${this.streamsTable} (
      stream_id text PRIMARY KEY,
      events integer NOT NULL CHECK (events > 0),
      last_type text NOT NULL,
      last_position bigint NOT NULL)`);
    await db.query(`CREATE INDEX ${this.streamsTable}_by_last_type ON ${this.streamsTable} (last_type)`);
    await db.query(`CREATE TABLE ${this.typesTable} (type text PRIMARY KEY, events integer NOT NULL)`);
  }

  async apply(events: readonly StoredEvent[], client: PoolClient, table: TableName): Promise<void> {
    const streams = new Map<string, { events: number; lastType: string; lastPosition: bigint }>();
    const types = new Map<string, number>();
    for (const event of events) {
      const stream = streams.get(event.streamId) ?? { events: 0, lastType: event.type, lastPosition: event.position };
      streams.set(event.streamId, { events: stream.events + 1, lastType: event.type, lastPosition: event.position });
      types.set(event.type, (types.get(event.type) ?? 0) + 1);
    }
    await client.query(
      `INSERT INTO ${table(this.streamsTable)} AS tally (stream_id, events, last_type, last_position)
       SELECT * FROM unnest($1::text[], $2::integer[], $3::text[], $4::bigint[])
       ON CONFLICT (stream_id) DO UPDATE SET events = tally.events + excluded.events,
         last_type = excluded.last_type, last_position = excluded.last_position`,
      [[...streams.keys()], [...streams.values()].map((s) => s.events), [...streams.values()].map((s) => s.lastType), [...streams.values()].map((s) => s.lastPosition.toString())],
    );
    await this.options.midBatch?.(events, client);
    await client.query(
      `INSERT INTO ${table(this.typesTable)} AS tally (type, events)
       SELECT * FROM unnest($1::text[], $2::integer[])
       ON CONFLICT (type) DO UPDATE SET events = tally.events + excluded.events`,
      [[...types.keys()], [...types.values()]],
    );
  }

  /** Both tables, in a fixed order, for comparing one state of the read model with another. */
  async snapshot(db: Queryable): Promise<{ streams: unknown[]; types: unknown[] }> {
    const streams = await db.query(`SELECT stream_id, events, last_type, last_position FROM ${this.streamsTable} ORDER BY stream_id COLLATE "C"`);
    const types = await db.query(`SELECT type, events FROM ${this.typesTable} ORDER BY type COLLATE "C"`);
    return { streams: streams.rows, types: types.rows };
  }

  /** What the tables must hold after exactly `events` (in global order) have been applied. */
  expected(events: readonly StoredEvent[]): { streams: unknown[]; types: unknown[] } {
    const handled = new Set(this.handles);
    const streams = new Map<string, { stream_id: string; events: number; last_type: string; last_position: string }>();
    const types = new Map<string, number>();
    for (const event of events.filter((each) => handled.has(each.type))) {
      const events = (streams.get(event.streamId)?.events ?? 0) + 1;
      streams.set(event.streamId, { stream_id: event.streamId, events, last_type: event.type, last_position: event.position.toString() });
      types.set(event.type, (types.get(event.type) ?? 0) + 1);
    }
    const byKey = <T>(entries: [string, T][]): T[] => entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, value]) => value);
    return {
      streams: byKey([...streams.entries()]),
      types: byKey([...types.entries()].map(([type, count]) => [type, { type, events: count }])),
    };
  }
}
