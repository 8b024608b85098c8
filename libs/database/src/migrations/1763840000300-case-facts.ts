import { MigrationInterface, QueryRunner } from 'typeorm';

export class CaseFacts1763840000300 implements MigrationInterface {
  name = 'CaseFacts1763840000300';

  async up(_runner: QueryRunner): Promise<void> {
    return;
  }

  async down(_runner: QueryRunner): Promise<void> {
    return;
  }
}
