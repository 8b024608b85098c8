import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The blind index a case list is searched by (apps/api/src/people/person-search-index.ts): one
 * row per subject, holding keyed hashes (HMAC-SHA256 under a key derived from the master key,
 * which is never in the database) of each normalised part of their name and of their date of
 * birth, and no plaintext. A search asks for the rows holding every hash it names, which the
 * GIN index answers. The row goes with the person's sealed data: deleted by their erasure, and by
 * cascade should the sealed row go any other way.
 *
 * Existing subjects cannot be indexed here, because a migration has no master key: the API
 * indexes every subject without a row on its next start (PersonalDataStore.indexUnindexed).
 */
export class PersonSearchIndex1763840002400 implements MigrationInterface {
  name = 'PersonSearchIndex1763840002400';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      create table person_search_index (
        person_id text primary key references personal_data (id) on delete cascade,
        terms bytea[] not null
      )`);
    await runner.query(`create index person_search_index_by_term on person_search_index using gin (terms)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`drop table person_search_index`);
  }
}
