import { CalendarDate, Programme, VolunteerOrganisation } from '@safer-cases/domain';
import { PoolClient } from 'pg';
import { FlowCount, Guide, Share } from './targets.config';

export type Queryable = Pick<PoolClient, 'query'>;

/** `[from, end]` is the window; numerators dated "on or before asOf" use `asOf`. */
export type MeasureWindow = { programme: Programme; from: CalendarDate; end: CalendarDate; asOf: CalendarDate };

export type Fraction = { numerator: number; denominator: number };
export type Reoffending = Fraction & { provisional: { cases: number; reoffended: number } };

/** $1 programme, $2 window start, $3 window end. */
const flowSql: Record<FlowCount, string> = {
  'panels-held': `select count(*)::int as n from case_facts where programme = $1 and panel_held_on between $2::date and $3::date`,
  'agreements-upheld': `select count(*)::int as n from case_facts where programme = $1 and agreement_upheld_on between $2::date and $3::date`,
  referrals: `select count(*)::int as n from case_facts where programme = $1 and referred_on between $2::date and $3::date`,
  attendees: `select count(*)::int as n from case_facts where programme = $1 and course_attended_on between $2::date and $3::date`,
  'courses-held': `select count(distinct course_id)::int as n from case_facts where programme = $1 and course_attended_on between $2::date and $3::date`,
  interventions: `select count(*)::int as n from case_facts where programme = $1 and intervention_started_on between $2::date and $3::date`,
};

/** $1 organisation, $2 the day the stock is taken. */
const stockSql = `select count(*)::int as n from volunteer_facts
  where organisation = $1 and trained_on <= $2::date and (left_on is null or left_on > $2::date)`;

/** $1 programme, $2 window start, $3 window end, $4 asOf. */
const shareSql: Record<Share, string> = {
  'survey-completion': `select count(*)::int as denominator, count(*) filter (where surveyed_on <= $4::date)::int as numerator
    from case_facts where programme = $1 and panel_held_on between $2::date and $3::date`,
  'victim-satisfaction': `select count(*) filter (where surveyed_on <= $4::date)::int as denominator,
      count(*) filter (where surveyed_on <= $4::date and satisfied)::int as numerator
    from case_facts where programme = $1 and panel_held_on between $2::date and $3::date`,
  'completion-rate': `select count(*)::int as denominator, count(*) filter (where course_completed_on <= $4::date)::int as numerator
    from case_facts where programme = $1 and course_attended_on between $2::date and $3::date`,
};

/** $1 programme, $2 window start, $3 window end, $4 guide minimum, $5 guide maximum (hours, days). */
const guideSql: Record<Guide, string> = {
  'support-hours-in-guide': `select count(*)::int as denominator,
      count(*) filter (where support_quarter_hours between 4 * $4::numeric and 4 * $5::numeric)::int as numerator
    from case_facts where programme = $1 and intervention_completed_on between $2::date and $3::date`,
  'duration-in-guide': `select count(*)::int as denominator,
      count(*) filter (where intervention_completed_on - intervention_started_on between $4::int and $5::int)::int as numerator
    from case_facts where programme = $1 and intervention_completed_on between $2::date and $3::date`,
};

/** The proven-reoffending start point of each programme. */
const startPoint: Record<Programme, string> = {
  'restorative-justice': 'agreement_reached_on',
  'conditional-caution': 'course_completed_on',
  'community-coaching': 'intervention_completed_on',
};

/**
 * $1 programme, $2 window start, $3 window end, $4 months of follow-up, $5 asOf. The follow-up
 * ends `date + interval 'N months'`, which clamps to the month's last day exactly as the domain's
 * `addMonths` does. A case is matured once its follow-up has ended on or before asOf; an
 * immature case's reoffences count up to asOf, and only in `provisional`.
 */
const reoffendingSql = (start: string): string => `
  with cohort as (
    select f.case_id, f.${start} as start_on, (f.${start} + make_interval(months => $4::int))::date as follow_up_end
    from case_facts f
    where f.programme = $1 and f.${start} between $2::date and $3::date
  ), judged as (
    select c.follow_up_end <= $5::date as matured,
      exists (select 1 from reoffence_facts r
              where r.case_id = c.case_id and r.offence_date > c.start_on and r.offence_date <= least(c.follow_up_end, $5::date)) as reoffended
    from cohort c
  )
  select count(*) filter (where matured)::int as denominator,
    count(*) filter (where matured and reoffended)::int as numerator,
    count(*) filter (where not matured)::int as provisional_cases,
    count(*) filter (where not matured and reoffended)::int as provisional_reoffended
  from judged`;

export const flowCount = async (db: Queryable, of: FlowCount, window: MeasureWindow): Promise<number> => {
  const { rows } = await db.query<{ n: number }>(flowSql[of], [window.programme, window.from, window.end]);
  return rows[0].n;
};

export const volunteerStock = async (db: Queryable, organisation: VolunteerOrganisation, on: CalendarDate): Promise<number> => {
  const { rows } = await db.query<{ n: number }>(stockSql, [organisation, on]);
  return rows[0].n;
};

export const share = async (db: Queryable, of: Share, window: MeasureWindow): Promise<Fraction> => {
  const { rows } = await db.query<Fraction>(shareSql[of], [window.programme, window.from, window.end, window.asOf]);
  return rows[0];
};

export const guideShare = async (db: Queryable, of: Guide, bounds: { min: number; max: number }, window: MeasureWindow): Promise<Fraction> => {
  const { rows } = await db.query<Fraction>(guideSql[of], [window.programme, window.from, window.end, bounds.min, bounds.max]);
  return rows[0];
};

export const reoffending = async (db: Queryable, months: number, window: MeasureWindow): Promise<Reoffending> => {
  const { rows } = await db.query<{ numerator: number; denominator: number; provisional_cases: number; provisional_reoffended: number }>(
    reoffendingSql(startPoint[window.programme]),
    [window.programme, window.from, window.end, months, window.asOf],
  );
  const row = rows[0];
  return {
    numerator: row.numerator,
    denominator: row.denominator,
    provisional: { cases: row.provisional_cases, reoffended: row.provisional_reoffended },
  };
};
