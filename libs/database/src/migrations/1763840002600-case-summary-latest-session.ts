import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The date of a coaching intervention's latest session on its case summary, so that the
 * coordinator's start page can say which interventions have gone three weeks without one
 * without reading each case. Filled here for cases already listed, from the sessions that stand
 * (a session struck out counts as never logged); a rebuild of the case summaries fills it the
 * same way, from the projection itself.
 */
export class CaseSummaryLatestSession1763840002600 implements MigrationInterface {
  name = 'CaseSummaryLatestSession1763840002600';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`alter table case_summaries add column latest_session_on date`);
    await runner.query(`
      update case_summaries s
         set latest_session_on = latest.session_on
        from (select e.stream_id, max((e.data ->> 'sessionOn')::date) as session_on
                from events e
               where e.type = 'CoachingSessionLogged'
                 and not exists (
                       select 1 from events strike
                        where strike.stream_id = e.stream_id and strike.type = 'EntryStruckOut' and strike.data ->> 'revision' = e.revision::text)
               group by e.stream_id) latest
       where latest.stream_id = 'case-' || s.case_id and s.programme = 'community-coaching' and s.started_on is not null`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`alter table case_summaries drop column latest_session_on`);
  }
}
