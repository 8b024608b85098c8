import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Forms kept between a POST and the page that draws them again (apps/api/src/web/form-drafts.ts):
 * a refused form with its errors, or one sent after its session ended, until its user comes
 * back for it. What was typed may name people, so it is sealed (under a key derived from the
 * master key, which is never in the database), bound to its user and to the page that draws it,
 * deleted when read, and dead after half an hour. A user's drafts go with the user.
 */
export class FormDrafts1763840002500 implements MigrationInterface {
  name = 'FormDrafts1763840002500';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      create table form_drafts (
        id uuid primary key,
        user_id uuid not null references users (id) on delete cascade,
        page text not null,
        sealed bytea not null,
        expires_at timestamptz not null
      )`);
    await runner.query(`create index form_drafts_expires_at on form_drafts (expires_at)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`drop table form_drafts`);
  }
}
