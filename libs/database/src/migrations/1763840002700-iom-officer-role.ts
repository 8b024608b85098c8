import { MigrationInterface, QueryRunner } from 'typeorm';

const rolesBefore = `'admin', 'referrer', 'rj-coordinator', 'caution-officer', 'coaching-coordinator', 'commissioner'`;

/** The IOM team's offender managers (police and probation) sign in as `iom-officer`: the users table's list of roles takes it. */
export class IomOfficerRole1763840002700 implements MigrationInterface {
  name = 'IomOfficerRole1763840002700';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`alter table users drop constraint users_role_check`);
    await runner.query(`alter table users add constraint users_role_check check (role in (${rolesBefore}, 'iom-officer'))`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`alter table users drop constraint users_role_check`);
    await runner.query(`alter table users add constraint users_role_check check (role in (${rolesBefore}))`);
  }
}
