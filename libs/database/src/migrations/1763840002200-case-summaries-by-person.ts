import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which cases name a person as subject, asked of the case list by every referral that names an
 * existing person and every volunteer recruited under a given id: an index, not a scan.
 */
export class CaseSummariesByPerson1763840002200 implements MigrationInterface {
  name = 'CaseSummariesByPerson1763840002200';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`create index case_summaries_by_person on case_summaries (person_id, referrer_organisation)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`drop index case_summaries_by_person`);
  }
}
