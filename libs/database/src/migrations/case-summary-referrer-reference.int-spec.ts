import { createTestDatabase } from '@safer-cases/testing/test-database';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { migrate } from '../data-source';

describe('the case list’s referrer reference, on a database that already had cases', () => {
  it('is filled from each case’s referral when the column is added', async () => {
    const url = await createTestDatabase();
    await migrate(url);
    const client = new Client(url);
    await client.connect();
    try {
      const [withReference, withoutReference] = [randomUUID(), randomUUID()];
      for (const [caseId, referrer] of [
        [withReference, { organisation: 'police', reference: 'CRIS 4411/26' }],
        [withoutReference, { organisation: 'council' }],
      ] as const) {
        await client.query(`insert into events (stream_id, revision, id, type, data, metadata) values ($1, 0, $2, 'CaseReferred', $3, '{}')`, [
          `case-${caseId}`,
          randomUUID(),
          { caseId, referrer },
        ]);
        await client.query(
          `insert into case_summaries (case_id, programme, status, closed, person_id, referrer_organisation, referred_on, reoffence_count, last_event_position, updated_at)
           values ($1, 'restorative-justice', 'referred', false, $2, $3, '2026-11-20', 0, 1, now())`,
          [caseId, randomUUID(), referrer.organisation],
        );
      }
      await client.query(`alter table case_summaries drop column referrer_reference`);
      await client.query(`delete from migrations where name = 'CaseSummaryReferrerReference1763840000700'`);

      await migrate(url);

      const { rows } = await client.query<{ case_id: string; referrer_reference: string | null }>(`select case_id, referrer_reference from case_summaries`);
      expect(Object.fromEntries(rows.map((row) => [row.case_id, row.referrer_reference]))).toEqual({ [withReference]: 'CRIS 4411/26', [withoutReference]: null });
    } finally {
      await client.end();
    }
  });
});
