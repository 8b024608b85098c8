import { Pool } from 'pg';
import { HistoryEvent } from './world';

/**
 * Writes a chunk of the history straight into the store's table, for setup speed: positions
 * reserved from the store's own sequence in one step, then one INSERT for the whole chunk.
 * The events were decided by the domain and carry their streams' revisions and metadata.
 */
export const writeEvents = async (pool: Pool, events: readonly HistoryEvent[]): Promise<void> => {
  if (events.length === 0) return;
  const { rows } = await pool.query<{ last: string }>(`SELECT setval('events_position_seq', nextval('events_position_seq') + $1 - 1) AS last`, [events.length]);
  const first = BigInt(rows[0].last) - BigInt(events.length) + 1n;
  const records = events.map((event, index) => ({
    position: (first + BigInt(index)).toString(),
    stream_id: event.streamId,
    revision: event.revision,
    id: event.id,
    type: event.type,
    data: event.data,
    metadata: event.metadata,
  }));
  await pool.query(
    `INSERT INTO events (position, stream_id, revision, id, type, data, metadata)
     SELECT position, stream_id, revision, id, type, data, metadata
     FROM jsonb_to_recordset($1::jsonb) AS e(position bigint, stream_id text, revision bigint, id uuid, type text, data jsonb, metadata jsonb)`,
    [JSON.stringify(records)],
  );
};

/** Each stream's last revision, as appends through the store would have left it. */
export const writeStreams = async (pool: Pool, revisions: readonly [string, number][]): Promise<void> => {
  for (let start = 0; start < revisions.length; start += 20_000) {
    const chunk = revisions.slice(start, start + 20_000);
    await pool.query(
      `INSERT INTO streams (stream_id, revision) SELECT * FROM unnest($1::text[], $2::bigint[])
       ON CONFLICT (stream_id) DO UPDATE SET revision = excluded.revision`,
      [chunk.map(([streamId]) => streamId), chunk.map(([, revision]) => revision)],
    );
  }
  await pool.query('ANALYZE events');
  await pool.query('ANALYZE streams');
};
