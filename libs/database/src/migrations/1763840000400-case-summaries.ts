import { MigrationInterface, QueryRunner } from 'typeorm';

export class CaseSummaries1763840000400 implements MigrationInterface {
  name = 'CaseSummaries1763840000400';

  async up(_runner: QueryRunner): Promise<void> {
    return;
  }

  async down(_runner: QueryRunner): Promise<void> {
    return;
  }
}
