import { VolunteerOrganisation } from '@safer-cases/domain';
import { Queryable } from '../queryable';
import { withoutNulls } from '../views';
import { VolunteerSummaryRow } from './volunteer.projection';

export type VolunteerRosterFilter = { organisation?: VolunteerOrganisation };

export const volunteerSummaryView = (row: VolunteerSummaryRow) => ({
  volunteerId: row.volunteer_id,
  organisation: row.organisation,
  status: row.status,
  recruitedOn: row.recruited_on,
  openCoachingCases: row.open_coaching_cases,
  openCaseIds: row.open_case_ids,
  ...withoutNulls({ trainedOn: row.trained_on, leftOn: row.left_on }),
});

export type VolunteerSummaryView = ReturnType<typeof volunteerSummaryView>;

/** Every volunteer of the organisation (or of all), in order of recruitment. */
export const listVolunteers = async (database: Queryable, { organisation }: VolunteerRosterFilter): Promise<VolunteerSummaryView[]> => {
  const { rows } = await database.query<{ row: VolunteerSummaryRow }>(
    `select to_jsonb(t) || jsonb_build_object('last_event_position', t.last_event_position::text) as row
       from volunteer_summaries t
      where ($1::text is null or organisation = $1::text)
      order by organisation, recruited_on, volunteer_id`,
    [organisation ?? null],
  );
  return rows.map(({ row }) => volunteerSummaryView(row));
};
