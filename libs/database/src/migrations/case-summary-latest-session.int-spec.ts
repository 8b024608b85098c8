import { createTestDatabase } from '@safer-cases/testing/test-database';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { migrate } from '../data-source';

describe('the case list’s latest coaching session, on a database that already had cases', () => {
  it('is filled from each intervention’s standing sessions when the column is added, a struck session left out', async () => {
    const url = await createTestDatabase();
    await migrate(url);
    const client = new Client(url);
    await client.connect();
    try {
      const [withSessions, withoutSessions] = [randomUUID(), randomUUID()];
      const event = (caseId: string, revision: number, type: string, data: Record<string, unknown>) =>
        client.query(`insert into events (stream_id, revision, id, type, data, metadata) values ($1, $2, $3, $4, $5, '{}')`, [
          `case-${caseId}`,
          revision,
          randomUUID(),
          type,
          { caseId, ...data },
        ]);
      await event(withSessions, 0, 'CaseReferred', {});
      await event(withSessions, 1, 'CoachAssigned', {});
      await event(withSessions, 2, 'InterventionStarted', { startedOn: '2026-09-07' });
      await event(withSessions, 3, 'CoachingSessionLogged', { sessionOn: '2026-10-05', hours: 1 });
      await event(withSessions, 4, 'CoachingSessionLogged', { sessionOn: '2026-09-14', hours: 1 });
      await event(withSessions, 5, 'CoachingSessionLogged', { sessionOn: '2026-11-02', hours: 1 });
      await event(withSessions, 6, 'EntryStruckOut', { revision: 5, reason: 'Logged on the wrong case' });
      await event(withoutSessions, 0, 'CaseReferred', {});
      for (const caseId of [withSessions, withoutSessions]) {
        await client.query(
          `insert into case_summaries (case_id, programme, status, closed, person_id, referrer_organisation, referred_on, started_on, reoffence_count, last_event_position, updated_at)
           values ($1, 'community-coaching', 'intervention-open', false, $2, 'council', '2026-09-01', '2026-09-07', 0, 1, now())`,
          [caseId, randomUUID()],
        );
      }
      await client.query(`alter table case_summaries drop column latest_session_on`);
      await client.query(`delete from migrations where name = 'CaseSummaryLatestSession1763840002600'`);

      await migrate(url);

      const { rows } = await client.query<{ case_id: string; latest: string | null }>(`select case_id, to_char(latest_session_on, 'YYYY-MM-DD') as latest from case_summaries`);
      expect(Object.fromEntries(rows.map((row) => [row.case_id, row.latest]))).toEqual({ [withSessions]: '2026-10-05', [withoutSessions]: null });
    } finally {
      await client.end();
    }
  });
});
