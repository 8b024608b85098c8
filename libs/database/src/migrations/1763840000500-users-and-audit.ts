import { MigrationInterface, QueryRunner } from 'typeorm';

export class UsersAndAudit1763840000500 implements MigrationInterface {
  name = 'UsersAndAudit1763840000500';

  async up(_runner: QueryRunner): Promise<void> {
    return;
  }

  async down(_runner: QueryRunner): Promise<void> {
    return;
  }
}
