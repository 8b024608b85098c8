import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A read model stopped at one event it cannot apply (one row while it is stopped), and the
 * events operators chose to leave out of a read model, with who chose and why: a rebuild leaves
 * them out too. Events are named by position, id, stream and type, never by their data.
 */
export class ProjectionFailures1763840002100 implements MigrationInterface {
  name = 'ProjectionFailures1763840002100';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE projection_failures (
        projection text PRIMARY KEY,
        position bigint NOT NULL CHECK (position > 0),
        event_id text NOT NULL,
        stream_id text NOT NULL,
        event_type text NOT NULL,
        error text NOT NULL,
        attempts integer NOT NULL CHECK (attempts > 0),
        failed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      CREATE TABLE projection_skips (
        projection text NOT NULL,
        position bigint NOT NULL CHECK (position > 0),
        event_id text NOT NULL,
        stream_id text NOT NULL,
        event_type text NOT NULL,
        error text NOT NULL,
        skipped_by text NOT NULL CHECK (skipped_by <> ''),
        reason text NOT NULL CHECK (reason <> ''),
        skipped_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (projection, position)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE projection_skips`);
    await runner.query(`DROP TABLE projection_failures`);
  }
}
