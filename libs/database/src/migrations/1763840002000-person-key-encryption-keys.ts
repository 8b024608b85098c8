import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Key-encryption keys between the master key and each person's key (apps/api/src/people/
 * person-keyring.ts), so that an erasure can make the WAL's and backups' copies of a wrapped key
 * useless: the key-encryption key is replaced at each erasure and the old one destroyed.
 *
 * `person_key_encryption` is the keyring: one row, naming the key file (`keyring_id`, random, so
 * that databases sharing a key folder never share a file) and the generation every key is
 * currently wrapped under (`kek_id`). It holds no key: the keys are in the key file, outside the
 * database, whose WAL would keep every old one. Its row is also the lock between saves and
 * erasures. `person_keys.kek_id` names the generation that wrapped each key; the keys already
 * stored keep null, meaning wrapped by the master key itself, until the API rewraps them all on
 * its next start.
 *
 * Down leaves keys wrapped under a key-encryption key unreadable by the code before this
 * migration: going down loses the personal data saved or rewrapped since.
 */
export class PersonKeyEncryptionKeys1763840002000 implements MigrationInterface {
  name = 'PersonKeyEncryptionKeys1763840002000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      create table person_key_encryption (
        singleton boolean primary key default true check (singleton),
        keyring_id text not null,
        kek_id text,
        rotated_at timestamptz
      )`);
    await runner.query(`insert into person_key_encryption (keyring_id) values (replace(gen_random_uuid()::text, '-', ''))`);
    await runner.query(`alter table person_keys add column kek_id text`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`delete from person_keys where kek_id is not null`);
    await runner.query(`alter table person_keys drop column kek_id`);
    await runner.query(`drop table person_key_encryption`);
  }
}
