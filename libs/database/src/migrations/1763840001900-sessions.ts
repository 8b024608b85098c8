import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The sessions that are signed in now, one row per sign-in. An access token is honoured only
 * while its session's row is here: signing out deletes the row, so a copied cookie or token is
 * refused at once rather than when it expires. Rows past `expires_at` are dead and purged.
 */
export class Sessions1763840001900 implements MigrationInterface {
  name = 'Sessions1763840001900';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      create table sessions (
        id uuid primary key,
        user_id uuid not null references users (id) on delete cascade,
        started_at timestamptz not null default now(),
        expires_at timestamptz not null
      )`);
    await runner.query(`create index sessions_user_id on sessions (user_id)`);
    await runner.query(`create index sessions_expires_at on sessions (expires_at)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`drop table sessions`);
  }
}
