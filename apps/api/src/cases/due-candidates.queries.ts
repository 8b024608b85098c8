import { CalendarDate, Organisation, Programme } from '@safer-cases/domain';
import type { Queryable } from '@safer-cases/projections';
import { CaseSummaryRow, caseSummaryView, CaseSummaryView } from '@safer-cases/projections/case-summaries';

/** A case summary as a start page's reminders read it: the list's view, and the latest coaching session's date. */
export type DueCandidate = CaseSummaryView & { latestSessionOn?: CalendarDate };

/**
 * Which open cases of each programme may have something due, as a narrowing the indexes answer:
 * the pages' own rules (`<programme>.due.ts`) then decide, against today, what is due and why.
 * Restorative justice: a panel with no survey yet, or an agreement waiting to be upheld or
 * breached; a caution still working towards its course; a coaching intervention still open.
 */
const mayBeDue: Record<Programme, string> = {
  'restorative-justice': `((panel_held_on is not null and surveyed_on is null) or status = 'agreement-reached')`,
  'conditional-caution': `status in ('referred', 'booked', 'attended')`,
  'community-coaching': `status = 'intervention-open'`,
  // No IOM step falls due yet: the IOM team's pages and their reminders are issue 14 part 4.
  iom: 'false',
};

/** The open cases of `programme` (referred by `referrerOrganisation`, when given) that may have something due, oldest referral first: one statement. */
export const readDueCandidates = async (database: Queryable, filter: { programme: Programme; referrerOrganisation?: Organisation }): Promise<DueCandidate[]> => {
  const { rows } = await database.query<{ row: CaseSummaryRow }>(
    `select to_jsonb(t) || jsonb_build_object('last_event_position', t.last_event_position::text) as row
       from case_summaries t
      where programme = $1 and not closed and ($2::text is null or referrer_organisation = $2) and ${mayBeDue[filter.programme]}
      order by referred_on, case_id`,
    [filter.programme, filter.referrerOrganisation ?? null],
  );
  return rows.map(({ row }) => ({ ...caseSummaryView(row), ...(row.latest_session_on === null ? {} : { latestSessionOn: row.latest_session_on }) }));
};
