import { Organisation, Programme } from '@safer-cases/domain';
import { Queryable } from '../queryable';
import { isoInstant, withoutNulls } from '../views';
import { CaseCursor, encodeCaseCursor } from './case-cursor';
import { CaseStatus, CaseSummaryRow } from './case-summary.row';

/**
 * `personIds`, `referenceLike` (an ILIKE pattern on the referrer's reference) and `caseIdPrefix`
 * (the start of the case's id: its short reference, or all of it) are a search: a case matches when any does.
 */
export type CaseListFilter = {
  programme?: Programme;
  referrerOrganisation?: Organisation;
  status?: CaseStatus;
  closed?: boolean;
  personIds?: readonly string[];
  referenceLike?: string;
  caseIdPrefix?: string;
  limit: number;
  after?: CaseCursor;
};

/** A list item: the case's basics always, each step's date only once the step is taken. */
export const caseSummaryView = (row: CaseSummaryRow) => ({
  caseId: row.case_id,
  programme: row.programme,
  status: row.status,
  closed: row.closed,
  personId: row.person_id,
  referrer: { organisation: row.referrer_organisation, ...(row.referrer_reference === null ? {} : { reference: row.referrer_reference }) },
  referredOn: row.referred_on,
  reoffenceCount: row.reoffence_count,
  lastEventPosition: row.last_event_position,
  updatedAt: isoInstant(row.updated_at),
  ...withoutNulls({
    closedOn: row.closed_on,
    offenceDate: row.offence_date,
    acceptedOn: row.accepted_on,
    declinedOn: row.declined_on,
    panelHeldOn: row.panel_held_on,
    agreementReachedOn: row.agreement_reached_on,
    noAgreementOn: row.no_agreement_on,
    agreementUpheldOn: row.agreement_upheld_on,
    agreementBreachedOn: row.agreement_breached_on,
    surveyedOn: row.surveyed_on,
    deadline: row.deadline,
    courseId: row.course_id,
    courseDate: row.course_date,
    feePaidOn: row.fee_paid_on,
    attendedOn: row.attended_on,
    breachedOn: row.breached_on,
    breachReason: row.breach_reason,
    volunteerId: row.volunteer_id,
    coachAssignedOn: row.coach_assigned_on,
    startedOn: row.started_on,
    withdrawnOn: row.withdrawn_on,
    completedOn: row.completed_on,
    totalHours: row.quarter_hours === null ? null : row.quarter_hours / 4,
    sessionCount: row.session_count,
  }),
});

export type CaseSummaryView = ReturnType<typeof caseSummaryView>;

export type CasePage = { items: CaseSummaryView[]; nextCursor: string | null };

const searchCondition = (filter: CaseListFilter, parameter: (value: unknown) => string): string[] => {
  const matches = [
    filter.personIds === undefined ? [] : [`person_id = any(${parameter(filter.personIds)}::text[])`],
    filter.referenceLike === undefined ? [] : [`referrer_reference ilike ${parameter(filter.referenceLike)}`],
    filter.caseIdPrefix === undefined ? [] : [`starts_with(case_id, ${parameter(filter.caseIdPrefix)})`],
  ].flat();
  return matches.length === 0 ? [] : [`(${matches.join(' or ')})`];
};

/**
 * Newest referral first, ties by case id, both descending so that "after the cursor" is one row
 * comparison the listing indexes answer. One more row than asked is read to know whether a next
 * page exists; `nextCursor` is null on the last page.
 */
export const listCases = async (database: Queryable, filter: CaseListFilter): Promise<CasePage> => {
  const params: unknown[] = [];
  const parameter = (value: unknown): string => {
    params.push(value);
    return `$${params.length}`;
  };
  const conditions = [
    filter.programme === undefined ? [] : [`programme = ${parameter(filter.programme)}`],
    filter.referrerOrganisation === undefined ? [] : [`referrer_organisation = ${parameter(filter.referrerOrganisation)}`],
    filter.status === undefined ? [] : [`status = ${parameter(filter.status)}`],
    filter.closed === undefined ? [] : [`closed = ${parameter(filter.closed)}`],
    searchCondition(filter, parameter),
    filter.after === undefined ? [] : [`(referred_on, case_id) < (${parameter(filter.after.referredOn)}::date, ${parameter(filter.after.caseId)}::text)`],
  ].flat();
  const where = conditions.length === 0 ? '' : `where ${conditions.join(' and ')}`;
  const { rows } = await database.query<{ row: CaseSummaryRow }>(
    `select to_jsonb(t) || jsonb_build_object('last_event_position', t.last_event_position::text) as row
       from case_summaries t ${where}
      order by referred_on desc, case_id desc
      limit ${parameter(filter.limit + 1)}`,
    params,
  );
  const page = rows.slice(0, filter.limit).map(({ row }) => row);
  const last = page[page.length - 1];
  const nextCursor = rows.length > filter.limit && last ? encodeCaseCursor({ referredOn: last.referred_on, caseId: last.case_id }) : null;
  return { items: page.map(caseSummaryView), nextCursor };
};
