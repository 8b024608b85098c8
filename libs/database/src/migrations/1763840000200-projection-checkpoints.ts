import { MigrationInterface, QueryRunner } from 'typeorm';

export class ProjectionCheckpoints1763840000200 implements MigrationInterface {
  name = 'ProjectionCheckpoints1763840000200';

  async up(_runner: QueryRunner): Promise<void> {
    return;
  }

  async down(_runner: QueryRunner): Promise<void> {
    return;
  }
}
