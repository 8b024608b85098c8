import { MigrationInterface, QueryRunner } from 'typeorm';

export class PersonalDataAndIdempotency1763840000100 implements MigrationInterface {
  name = 'PersonalDataAndIdempotency1763840000100';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      create table personal_data (
        id uuid primary key,
        kind text not null check (kind in ('subject', 'victim', 'volunteer')),
        fields jsonb not null,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      )`);
    await runner.query(`
      create table idempotency_keys (
        key text primary key,
        fingerprint text not null,
        status integer,
        body jsonb,
        created_at timestamptz not null default now()
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`drop table idempotency_keys`);
    await runner.query(`drop table personal_data`);
  }
}
