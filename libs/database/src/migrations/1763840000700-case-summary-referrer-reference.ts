import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The referrer's own reference (a crime reference number, say) on the case list, so that a
 * referrer's list shows it without reading each case. Filled for cases already listed from
 * their referral events; a rebuild fills it the same way.
 */
export class CaseSummaryReferrerReference1763840000700 implements MigrationInterface {
  name = 'CaseSummaryReferrerReference1763840000700';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`alter table case_summaries add column referrer_reference text`);
    await runner.query(`
      update case_summaries s
         set referrer_reference = e.data -> 'referrer' ->> 'reference'
        from events e
       where e.stream_id = 'case-' || s.case_id and e.revision = 0 and e.type = 'CaseReferred'`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`alter table case_summaries drop column referrer_reference`);
  }
}
