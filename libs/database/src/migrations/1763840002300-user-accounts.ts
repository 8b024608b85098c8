import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What an administrator does to an account: a disabled user cannot sign in, and a user whose
 * password was reset to a temporary one must choose their own before they can sign in again.
 */
export class UserAccounts1763840002300 implements MigrationInterface {
  name = 'UserAccounts1763840002300';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`alter table users add column disabled_at timestamptz, add column must_change_password boolean not null default false`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`alter table users drop column must_change_password, drop column disabled_at`);
  }
}
