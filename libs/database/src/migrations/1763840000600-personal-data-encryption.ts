import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Personal data encrypted per person, its erasure, and the audit log (apps/api/src/people,
 * apps/api/src/audit).
 *
 * `person_keys` holds each person's AES-256 data key, only ever wrapped by the master key (which
 * is never in the database; `master_key_id` names it so that a process started with another key
 * refuses to start). `personal_data` now holds one sealed (encrypted) JSON object per person
 * instead of plain JSON; deleting a person's key deletes the sealed row with it. The old rows
 * cannot be encrypted here, because a migration has no master key: a table that holds any is
 * kept as `personal_data_plaintext`, which the API empties on its next start by encrypting each
 * row (PlaintextImport), and the table is otherwise dropped. `person_erasures` says who erased
 * whom and when, without any personal data. Ids are text, as in the read models, because the
 * domain accepts any string id.
 *
 * Down drops the encrypted rows: without the master key they cannot be turned back into plain
 * JSON, so going down loses the personal data.
 */
export class PersonalDataEncryption1763840000600 implements MigrationInterface {
  name = 'PersonalDataEncryption1763840000600';

  async up(runner: QueryRunner): Promise<void> {
    for (const statement of up) await runner.query(statement);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const statement of down) await runner.query(statement);
  }
}

const up = [
  `alter table personal_data rename to personal_data_plaintext`,
  `alter table personal_data_plaintext rename constraint personal_data_pkey to personal_data_plaintext_pkey`,
  `do $$ begin
     if not exists (select 1 from personal_data_plaintext) then drop table personal_data_plaintext; end if;
   end $$`,
  `create table person_keys (
    person_id text primary key,
    wrapped_key bytea not null,
    master_key_id text not null,
    created_at timestamptz not null default now()
  )`,
  `create table personal_data (
    id text primary key references person_keys (person_id) on delete cascade,
    kind text not null check (kind in ('subject', 'victim', 'volunteer')),
    sealed bytea not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
  )`,
  `create table person_erasures (
    person_id text primary key,
    kind text check (kind in ('subject', 'victim', 'volunteer')),
    erased_at timestamptz not null,
    erased_by text not null
  )`,
  `create table audit_log (
    id bigint generated always as identity primary key,
    at timestamptz not null,
    user_id text,
    username text not null,
    action text not null,
    case_id text,
    person_id text,
    correlation_id text,
    details jsonb not null default '{}'
  )`,
  `create index audit_log_by_case on audit_log (case_id, id desc) where case_id is not null`,
  `create index audit_log_by_person on audit_log (person_id, id desc) where person_id is not null`,
  `create index audit_log_by_user on audit_log (user_id, id desc) where user_id is not null`,
  `create index events_referred_person on events ((data->>'personId')) where type = 'CaseReferred'`,
  `create index events_referred_victim on events ((data->>'victimId')) where type = 'CaseReferred'`,
];

const down = [
  `drop index events_referred_victim`,
  `drop index events_referred_person`,
  `drop table audit_log`,
  `drop table person_erasures`,
  `drop table personal_data`,
  `drop table person_keys`,
  `create table if not exists personal_data_plaintext (
    id uuid primary key,
    kind text not null check (kind in ('subject', 'victim', 'volunteer')),
    fields jsonb not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
  )`,
  `alter table personal_data_plaintext rename constraint personal_data_plaintext_pkey to personal_data_pkey`,
  `alter table personal_data_plaintext rename to personal_data`,
];
