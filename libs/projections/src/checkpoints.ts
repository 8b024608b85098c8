import { Queryable } from './queryable';

/**
 * Held for the length of a transaction by whoever writes the read models and moves their
 * checkpoints: each batch of a runner, and the swap at the end of a rebuild. Two runners on one
 * database therefore take turns, and a rebuild's swap never interleaves with a batch.
 */
const projectionsLockKey = 4_801_776_018;

export const lockProjections = async (client: Queryable): Promise<void> => {
  await client.query('SELECT pg_advisory_xact_lock($1)', [projectionsLockKey]);
};

/** The stored checkpoint of each named projection; a projection never run has none. */
export const readCheckpoints = async (db: Queryable, names: readonly string[]): Promise<Map<string, bigint>> => {
  const { rows } = await db.query<{ name: string; position: string }>('SELECT name, position FROM projection_checkpoints WHERE name = ANY($1::text[])', [names]);
  return new Map(rows.map((row) => [row.name, BigInt(row.position)]));
};

export const writeCheckpoints = async (db: Queryable, names: readonly string[], position: bigint): Promise<void> => {
  if (names.length === 0) return;
  await db.query(
    `INSERT INTO projection_checkpoints (name, position, updated_at)
     SELECT name, $2::bigint, now() FROM unnest($1::text[]) AS name
     ON CONFLICT (name) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at`,
    [names, position.toString()],
  );
};

/** The position every named projection has applied: the lowest checkpoint, 0 for one never run. */
export const appliedPosition = async (db: Queryable, names: readonly string[]): Promise<bigint> => {
  const checkpoints = await readCheckpoints(db, names);
  return lowest(names.map((name) => checkpoints.get(name) ?? 0n));
};

export const lowest = (positions: readonly bigint[]): bigint => positions.reduce((low, position) => (position < low ? position : low), positions[0] ?? 0n);
