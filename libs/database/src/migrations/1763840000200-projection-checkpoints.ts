import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How far each read model has applied the store's global order. A projection's rows and its
 * checkpoint are written in one transaction, so after a crash the checkpoint names exactly the
 * events already in the tables.
 */
export class ProjectionCheckpoints1763840000200 implements MigrationInterface {
  name = 'ProjectionCheckpoints1763840000200';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE projection_checkpoints (
        name text PRIMARY KEY,
        position bigint NOT NULL CHECK (position >= 0),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE projection_checkpoints`);
  }
}
