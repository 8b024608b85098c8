import { addDays, addMonths, CalendarDate, Programme } from '@safer-cases/domain';
import type { RateKind, TargetFigure, TargetsConfiguration, TargetsWindow } from '@safer-cases/projections/targets';
import { formatDate } from '../view-filters';
import { formatCount } from './dashboard.words';

/**
 * The most a count can grow in a month, and the plan that sets it: courses a year and places on
 * each make the most attendees a year, one twelfth of them a month.
 */
export type MonthlyCapacity = { coursesAYear: number; places: number; mostAYear: number };

/**
 * What a target needs from the rest of its period:
 * - `reached`: a count already at its target;
 * - `a-month`: `count` in each of the `months` whole calendar months left in the period;
 * - `by-end`: no whole month is left, so `count` more by the period's last day;
 * - `cannot`: the period is over short of the target, or what is needed is more than the capacity allows;
 * - `rate`: a rate has no count to make up, only the rate it must meet;
 * - `guide`: an indicator, with no target.
 */
export type Needed =
  | { kind: 'reached' }
  | { kind: 'a-month'; count: number; months: number }
  | { kind: 'by-end'; count: number; by: CalendarDate }
  | { kind: 'cannot'; because: 'period-over' }
  | { kind: 'cannot'; because: 'capacity'; count: number; months: number; capacity: MonthlyCapacity }
  | { kind: 'rate'; rate: RateKind; target: number }
  | { kind: 'guide' };

const lastDayOfMonth = (firstDay: CalendarDate): CalendarDate => addDays(addMonths(firstDay, 1), -1);

/**
 * The calendar months lying wholly in the period after `asOf`: the month of `asOf` is under way,
 * so it is not one of them, and a month the period ends part way through is not whole either.
 */
export const wholeMonthsLeft = (window: TargetsWindow): number => {
  const next = addDays(window.asOf < window.from ? addDays(window.from, -1) : window.asOf, 1);
  let month = next.endsWith('-01') ? next : `${addMonths(next, 1).slice(0, 8)}01`;
  let months = 0;
  while (lastDayOfMonth(month) <= window.to) {
    months += 1;
    month = addMonths(month, 1);
  }
  return months;
};

/**
 * What the target needs each whole month left to be reached, for a count; `capacity` is the most
 * the count can grow in a month, where a plan limits it (the attendees of the courses).
 */
export const neededOf = (figure: TargetFigure, window: TargetsWindow, capacity?: MonthlyCapacity): Needed => {
  if (figure.kind === 'indicator') return { kind: 'guide' };
  if (figure.kind !== 'count-at-least') return { kind: 'rate', rate: figure.kind, target: figure.target };
  const short = figure.target - figure.actual;
  if (short <= 0) return { kind: 'reached' };
  if (window.asOf >= window.to) return { kind: 'cannot', because: 'period-over' };
  const months = wholeMonthsLeft(window);
  const count = months === 0 ? short : Math.ceil(short / months);
  // More a month than a twelfth of the year's capacity, compared in whole numbers.
  if (capacity && count * 12 > capacity.mostAYear) return { kind: 'cannot', because: 'capacity', count, months, capacity };
  return months === 0 ? { kind: 'by-end', count, by: window.to } : { kind: 'a-month', count, months };
};

const rateNeeds: Record<RateKind, (target: number) => string> = {
  'rate-at-least': (target) => `n/a for a rate: it needs to be ${target}% or more`,
  'rate-above': (target) => `n/a for a rate: it needs to be above ${target}%`,
  'rate-below': (target) => `n/a for a rate: it needs to be below ${target}%`,
};

/** The need in words, as the summary table's "Needed a month" column says it. */
export const neededWords = (needed: Needed): string => {
  switch (needed.kind) {
    case 'reached':
      return 'Reached';
    case 'a-month':
      return needed.months === 1 ? `${formatCount(needed.count)} in the one whole month left` : `${formatCount(needed.count)} a month for the ${needed.months} whole months left`;
    case 'by-end':
      return `${formatCount(needed.count)} more by ${formatDate(needed.by)}`;
    case 'cannot':
      return needed.because === 'period-over'
        ? 'Cannot be reached: the period is over'
        : `Cannot be reached: it needs ${formatCount(needed.count)} ${needed.months === 0 ? 'more' : 'a month'}, more than ${formatCount(needed.capacity.coursesAYear)} courses a year of ${formatCount(needed.capacity.places)} places can hold`;
    case 'rate':
      return rateNeeds[needed.rate](needed.target);
    case 'guide':
      return 'n/a: a guide, with no target';
  }
};

/** A flow target's definition in the configuration, by what it counts. */
const flowTarget = (configuration: TargetsConfiguration, programme: Programme, of: string) =>
  configuration.programmes[programme].find((definition) => definition.kind === 'count-at-least' && definition.measure.type === 'flow' && definition.measure.of === of);

/**
 * The courses' capacity, where the programme runs courses: the courses-held target (one course a
 * month) times the most places a course may have. Only the attendees' count is limited by it.
 */
export const courseCapacity = (configuration: TargetsConfiguration, programme: Programme, placesPerCourse: number): MonthlyCapacity | undefined => {
  const courses = flowTarget(configuration, programme, 'courses-held');
  if (courses?.kind !== 'count-at-least' || flowTarget(configuration, programme, 'attendees') === undefined) return undefined;
  return { coursesAYear: courses.target, places: placesPerCourse, mostAYear: courses.target * placesPerCourse };
};

/** The capacity limiting one target of a programme: the courses' for the attendees' count, none for any other. */
export const capacityOfTarget = (configuration: TargetsConfiguration, programme: Programme, targetId: string, placesPerCourse: number): MonthlyCapacity | undefined => {
  const attendees = flowTarget(configuration, programme, 'attendees');
  return attendees?.id === targetId ? courseCapacity(configuration, programme, placesPerCourse) : undefined;
};

/**
 * The plain sentence for a yearly attendees target the planned courses cannot hold, however full
 * they are (shared/DOMAIN.md: 12 courses of 16 make 192 places, short of 200); none when they can.
 */
export const capacityShortfall = (configuration: TargetsConfiguration, programme: Programme, placesPerCourse: number): string | undefined => {
  const capacity = courseCapacity(configuration, programme, placesPerCourse);
  const attendees = flowTarget(configuration, programme, 'attendees');
  if (capacity === undefined || attendees?.kind !== 'count-at-least' || capacity.mostAYear >= attendees.target) return undefined;
  const { coursesAYear, places, mostAYear } = capacity;
  return (
    `${formatCount(coursesAYear)} courses a year of at most ${formatCount(places)} places each hold at most ${formatCount(mostAYear)} people, ` +
    `so the target of ${formatCount(attendees.target)} attendees cannot be reached, even with every course full.`
  );
};
