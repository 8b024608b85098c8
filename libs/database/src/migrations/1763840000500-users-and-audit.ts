import { MigrationInterface, QueryRunner } from 'typeorm';

/** Who may sign in. (The audit trail has its own migration.) */
export class UsersAndAudit1763840000500 implements MigrationInterface {
  name = 'UsersAndAudit1763840000500';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      create table users (
        id uuid primary key,
        username text not null unique check (username ~ '^[a-z0-9][a-z0-9._-]{2,63}$'),
        password_hash text not null,
        role text not null check (role in ('admin', 'referrer', 'rj-coordinator', 'caution-officer', 'coaching-coordinator', 'commissioner')),
        organisation text not null check (organisation in ('police', 'probation', 'council', 'victim-support', 'wdp', 'home-start')),
        failed_logins integer not null default 0 check (failed_logins >= 0),
        locked_until timestamptz,
        last_login_at timestamptz,
        created_at timestamptz not null default now()
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`drop table users`);
  }
}
