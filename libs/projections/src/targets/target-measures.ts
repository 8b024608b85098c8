import { Programme, VolunteerOrganisation } from '@safer-cases/domain';
import { Queryable } from '../queryable';
import { FlowCount, Guide, ProgrammeWithTargets, Share } from './targets.config';

export type { Queryable };

export type Fraction = { numerator: number; denominator: number };
export type Reoffending = Fraction & { provisional: { cases: number; reoffended: number } };

/** Adds a value to the statement's parameters and answers its placeholder, cast to `type`. */
export type Bind = (value: string | number, type: 'text' | 'int' | 'numeric') => string;

/**
 * A measure as SQL over one window: a select of one row of named integer columns, read as `T`.
 * The window is the row `w` of the statement's list of windows: `w.from_on` and `w.end_on` bound
 * it, `w.as_of` is the day the figures are taken (numerators dated "on or before asOf").
 */
export type MeasureSql<T> = { sql: string; read: (row: Record<string, number>) => T };

const count = (sql: string): MeasureSql<number> => ({ sql, read: (row) => row.n });
const fraction = (sql: string): MeasureSql<Fraction> => ({ sql, read: ({ numerator, denominator }) => ({ numerator, denominator }) });

const flowWhere: Record<Exclude<FlowCount, 'courses-held'>, string> = {
  'panels-held': 'panel_held_on',
  'agreements-upheld': 'agreement_upheld_on',
  referrals: 'referred_on',
  attendees: 'course_attended_on',
  interventions: 'intervention_started_on',
};

/** Events of the programme dated in the window; a course counts once, however many attended. */
export const flowCount = (of: FlowCount, programme: string): MeasureSql<number> =>
  of === 'courses-held'
    ? count(`select count(distinct course_id)::int as n from case_facts where programme = ${programme} and course_attended_on between w.from_on and w.end_on`)
    : count(`select count(*)::int as n from case_facts where programme = ${programme} and ${flowWhere[of]} between w.from_on and w.end_on`);

/** The provider's volunteers trained by the window's end and not gone by it. */
export const volunteerStock = (organisation: VolunteerOrganisation, bind: Bind): MeasureSql<number> => {
  const provider = bind(organisation, 'text');
  return count(`select count(*)::int as n from volunteer_facts
    where organisation = ${provider} and trained_on <= w.end_on and (left_on is null or left_on > w.end_on)`);
};

const shareSql: Record<Share, (programme: string) => string> = {
  'survey-completion': (programme) => `select count(*)::int as denominator, count(*) filter (where surveyed_on <= w.as_of)::int as numerator
    from case_facts where programme = ${programme} and panel_held_on between w.from_on and w.end_on`,
  'victim-satisfaction': (programme) => `select count(*) filter (where surveyed_on <= w.as_of)::int as denominator,
      count(*) filter (where surveyed_on <= w.as_of and satisfied)::int as numerator
    from case_facts where programme = ${programme} and panel_held_on between w.from_on and w.end_on`,
  'completion-rate': (programme) => `select count(*)::int as denominator, count(*) filter (where course_completed_on <= w.as_of)::int as numerator
    from case_facts where programme = ${programme} and course_attended_on between w.from_on and w.end_on`,
};

export const share = (of: Share, programme: string): MeasureSql<Fraction> => fraction(shareSql[of](programme));

const guideSql: Record<Guide, (programme: string, min: string, max: string) => string> = {
  'support-hours-in-guide': (programme, min, max) => `select count(*)::int as denominator,
      count(*) filter (where support_quarter_hours between 4 * ${min} and 4 * ${max})::int as numerator
    from case_facts where programme = ${programme} and intervention_completed_on between w.from_on and w.end_on`,
  'duration-in-guide': (programme, min, max) => `select count(*)::int as denominator,
      count(*) filter (where intervention_completed_on - intervention_started_on between ${min} and ${max})::int as numerator
    from case_facts where programme = ${programme} and intervention_completed_on between w.from_on and w.end_on`,
};

/** The interventions completed in the window, and those within the guide (hours, or days). */
export const guideShare = (of: Guide, bounds: { min: number; max: number }, programme: string, bind: Bind): MeasureSql<Fraction> => {
  const type = of === 'support-hours-in-guide' ? 'numeric' : 'int';
  return fraction(guideSql[of](programme, bind(bounds.min, type), bind(bounds.max, type)));
};

/** The proven-reoffending start point of each programme. */
const startPoint: Record<ProgrammeWithTargets, string> = {
  'restorative-justice': 'agreement_reached_on',
  'conditional-caution': 'course_completed_on',
  'community-coaching': 'intervention_completed_on',
};

/**
 * The cohort is the cases whose start point is in the window. The follow-up ends
 * `date + interval 'N months'`, which clamps to the month's last day exactly as the domain's
 * `addMonths` does. A case is matured once its follow-up has ended on or before asOf; an
 * immature case's reoffences count up to asOf, and only in `provisional`.
 */
export const reoffending = (months: number, of: Programme, programme: string, bind: Bind): MeasureSql<Reoffending> => {
  // IOM is measured by convictions and arrests (issue 14 part 3), never by proven reoffending.
  if (of === 'iom') throw new Error('The IOM programme has no proven-reoffending measure');
  const start = startPoint[of];
  const followUp = bind(months, 'int');
  return {
    sql: `select count(*) filter (where matured)::int as denominator,
        count(*) filter (where matured and reoffended)::int as numerator,
        count(*) filter (where not matured)::int as provisional_cases,
        count(*) filter (where not matured and reoffended)::int as provisional_reoffended
      from (
        select c.follow_up_end <= w.as_of as matured,
          exists (select 1 from reoffence_facts r
                  where r.case_id = c.case_id and r.offence_date > c.start_on and r.offence_date <= least(c.follow_up_end, w.as_of)) as reoffended
        from (
          select f.case_id, f.${start} as start_on, (f.${start} + make_interval(months => ${followUp}))::date as follow_up_end
          from case_facts f
          where f.programme = ${programme} and f.${start} between w.from_on and w.end_on
        ) c
      ) judged`,
    read: (row) => ({
      numerator: row.numerator,
      denominator: row.denominator,
      provisional: { cases: row.provisional_cases, reoffended: row.provisional_reoffended },
    }),
  };
};
