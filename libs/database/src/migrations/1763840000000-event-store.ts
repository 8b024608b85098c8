import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The event store's tables and the functions every writer and reader goes through.
 *
 * `append_events` does a whole append in one statement, so an autocommit call is one commit and
 * one round trip; the events come as parallel arrays (ids, types, data, metadata, schema versions).
 * `append_event` is the same for the common single event, with plain parameters: cheaper to send
 * and to parse than arrays. The first action of both is a shared advisory lock on the key below,
 * held until commit; `events_settled_position` takes the same key exclusively, which waits only
 * for appends in flight, and then reads the position sequence: every position at or below that
 * value belongs to a committed event or to none. Readers never look past it, so an append that
 * took its position early and committed late is never skipped. Nothing else may insert into
 * `events`.
 *
 * Expected revision is passed as a number: -1 the stream must not exist, -2 no check, k >= 0 the
 * stream's last revision must be k. A mismatch raises SQLSTATE ES409 with the actual revision
 * (or `no-stream`) as the error's detail; a retry of an append that already went through (the
 * same event ids at the same revisions of the same stream) returns the original result instead.
 */
export class EventStore1763840000000 implements MigrationInterface {
  name = 'EventStore1763840000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of up) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const statement of down) await queryRunner.query(statement);
  }
}

const appendBarrierKey = 4_801_776_017;

/**
 * The start of both append functions: the barrier, then the stream's revision checked and
 * advanced by `v_count` into `v_last`, or the original result of a retried append, or ES409.
 */
const advanceStream = (ids: string): string => `
    PERFORM pg_advisory_xact_lock_shared(${appendBarrierKey});
    IF p_expected = -1 THEN
      INSERT INTO streams (stream_id, revision) VALUES (p_stream_id, v_count - 1)
        ON CONFLICT DO NOTHING RETURNING revision INTO v_last;
    ELSIF p_expected = -2 THEN
      INSERT INTO streams AS s (stream_id, revision) VALUES (p_stream_id, v_count - 1)
        ON CONFLICT (stream_id) DO UPDATE SET revision = s.revision + v_count RETURNING revision INTO v_last;
    ELSE
      UPDATE streams SET revision = p_expected + v_count
        WHERE stream_id = p_stream_id AND revision = p_expected RETURNING revision INTO v_last;
    END IF;
    IF v_last IS NULL THEN
      SELECT done.next_revision, done.last_position INTO next_revision, last_position
        FROM events_already_appended(p_stream_id, p_expected, ${ids}) AS done;
      IF FOUND THEN RETURN; END IF;
      SELECT revision INTO v_actual FROM streams WHERE stream_id = p_stream_id;
      RAISE EXCEPTION USING
        ERRCODE = 'ES409',
        MESSAGE = format('stream %s is at revision %s, expected %s', p_stream_id, coalesce(v_actual::text, 'no-stream'), p_expected),
        DETAIL = coalesce(v_actual::text, 'no-stream');
    END IF;`;

const up = [
  `CREATE TABLE streams (
    stream_id text PRIMARY KEY,
    revision bigint NOT NULL
  )`,
  `CREATE SEQUENCE events_position_seq AS bigint`,
  `CREATE TABLE events (
    position bigint PRIMARY KEY DEFAULT nextval('events_position_seq'),
    stream_id text NOT NULL,
    revision bigint NOT NULL,
    id uuid NOT NULL UNIQUE,
    type text NOT NULL,
    data jsonb NOT NULL,
    metadata jsonb NOT NULL,
    schema_version integer NOT NULL DEFAULT 1,
    CONSTRAINT events_stream_revision UNIQUE (stream_id, revision)
  )`,
  `ALTER SEQUENCE events_position_seq OWNED BY events.position`,
  `CREATE FUNCTION events_already_appended(p_stream_id text, p_expected bigint, p_ids uuid[])
  RETURNS TABLE (next_revision bigint, last_position bigint)
  LANGUAGE sql STABLE AS $$
    SELECT max(stored.revision), max(stored.position)
    FROM unnest(p_ids) WITH ORDINALITY AS given(id, ord)
    JOIN events stored ON stored.id = given.id AND stored.stream_id = p_stream_id
    HAVING count(*) = cardinality(p_ids)
      AND count(DISTINCT stored.revision - given.ord) = 1
      AND (p_expected = -2 OR min(stored.revision) = p_expected + 1)
  $$`,
  `CREATE FUNCTION append_events(p_stream_id text, p_expected bigint, p_ids uuid[], p_types text[], p_data jsonb[],
    p_metadata jsonb[], p_schema_versions integer[], OUT next_revision bigint, OUT last_position bigint)
  LANGUAGE plpgsql AS $$
  #variable_conflict use_column
  DECLARE
    v_count integer := cardinality(p_ids);
    v_last bigint;
    v_actual bigint;
  BEGIN
    ${advanceStream('p_ids')}
    FOR i IN 1..v_count LOOP
      INSERT INTO events (stream_id, revision, id, type, data, metadata, schema_version)
        VALUES (p_stream_id, v_last - v_count + i, p_ids[i], p_types[i], p_data[i], p_metadata[i], p_schema_versions[i])
        RETURNING position INTO last_position;
    END LOOP;
    next_revision := v_last;
  END
  $$`,
  `CREATE FUNCTION append_event(p_stream_id text, p_expected bigint, p_id uuid, p_type text, p_data jsonb,
    p_metadata jsonb, p_schema_version integer, OUT next_revision bigint, OUT last_position bigint)
  LANGUAGE plpgsql AS $$
  #variable_conflict use_column
  DECLARE
    v_count integer := 1;
    v_last bigint;
    v_actual bigint;
  BEGIN
    ${advanceStream('ARRAY[p_id]')}
    INSERT INTO events (stream_id, revision, id, type, data, metadata, schema_version)
      VALUES (p_stream_id, v_last, p_id, p_type, p_data, p_metadata, p_schema_version)
      RETURNING position INTO last_position;
    next_revision := v_last;
  END
  $$`,
  `CREATE FUNCTION events_settled_position(p_lock_timeout text DEFAULT '2s') RETURNS bigint
  LANGUAGE plpgsql AS $$
  DECLARE
    v_position bigint;
  BEGIN
    PERFORM set_config('lock_timeout', p_lock_timeout, true);
    PERFORM pg_advisory_xact_lock(${appendBarrierKey});
    SELECT CASE WHEN is_called THEN last_value ELSE 0 END INTO v_position FROM events_position_seq;
    RETURN v_position;
  END
  $$`,
];

const down = [
  `DROP FUNCTION events_settled_position(text)`,
  `DROP FUNCTION append_event(text, bigint, uuid, text, jsonb, jsonb, integer)`,
  `DROP FUNCTION append_events(text, bigint, uuid[], text[], jsonb[], jsonb[], integer[])`,
  `DROP FUNCTION events_already_appended(text, bigint, uuid[])`,
  `DROP TABLE events`,
  `DROP TABLE streams`,
];
