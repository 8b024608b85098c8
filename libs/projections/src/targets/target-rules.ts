import { CalendarDate, daysBetween } from '@safer-cases/domain';
import { RateKind } from './targets.config';

export type Period = { from: CalendarDate; to: CalendarDate };
export type Status = 'green' | 'amber' | 'red' | 'no-data';

/** The UK financial year, 1 April to 31 March, that contains `date`. */
export const financialYearOf = (date: CalendarDate): Period => {
  const year = Number(date.slice(0, 4));
  const startYear = date.slice(5) >= '04-01' ? year : year - 1;
  return { from: `${startYear}-04-01`, to: `${startYear + 1}-03-31` };
};

/** A period's missing ends come from the financial year containing `asOf`. */
export const resolvePeriod = (given: { from?: CalendarDate; to?: CalendarDate }, asOf: CalendarDate): Period => {
  const year = financialYearOf(asOf);
  return { from: given.from ?? year.from, to: given.to ?? year.to };
};

/** The last day of the window `[from, min(to, asOf)]`; before `from` when nothing is yet measurable. */
export const windowEnd = (period: Period, asOf: CalendarDate): CalendarDate => (asOf < period.to ? asOf : period.to);

export const inclusiveDays = (from: CalendarDate, to: CalendarDate): number => daysBetween(from, to) + 1;

/** `numerator / denominator` rounded half up, for non-negative integers, without floating point. */
export const divideRoundingHalfUp = (numerator: number, denominator: number): number => Math.floor((2 * numerator + denominator) / (2 * denominator));

/**
 * The flow count the whole period is heading for at the pace of the window so far; the actual
 * once the period is over; `null` before it starts.
 */
export const forecastFlow = (actual: number, period: Period, asOf: CalendarDate): number | null => {
  if (asOf < period.from) return null;
  if (asOf >= period.to) return actual;
  return divideRoundingHalfUp(actual * inclusiveDays(period.from, period.to), inclusiveDays(period.from, asOf));
};

/** A rate as a percentage with one decimal, rounded half up; `null` when there is no denominator. */
export const percentToOneDecimal = (numerator: number, denominator: number): number | null => (denominator === 0 ? null : divideRoundingHalfUp(numerator * 1000, denominator) / 10);

/** Green at or above the target, amber from `amberPercent` of it, red below; `null` (nothing to judge) is no-data. */
export const countStatus = (value: number | null, target: number, amberPercent: number): Status => {
  if (value === null) return 'no-data';
  if (value >= target) return 'green';
  if (value * 100 >= target * amberPercent) return 'amber';
  return 'red';
};

/**
 * Compares `numerator / denominator` with `percent`% as `100 × numerator` against
 * `percent × denominator`, so 85.0% is never a hair above or below 85.
 */
const compare = (numerator: number, denominator: number, percent: number): number => Math.sign(100 * numerator - percent * denominator);

export const rateStatus = (kind: RateKind, numerator: number, denominator: number, target: number, amberPoints: number): Status => {
  if (denominator === 0) return 'no-data';
  const against = (percent: number) => compare(numerator, denominator, percent);
  switch (kind) {
    case 'rate-at-least':
      return against(target) >= 0 ? 'green' : against(target - amberPoints) >= 0 ? 'amber' : 'red';
    case 'rate-above':
      return against(target) > 0 ? 'green' : against(target - amberPoints) > 0 ? 'amber' : 'red';
    case 'rate-below':
      return against(target) < 0 ? 'green' : against(target + amberPoints) < 0 ? 'amber' : 'red';
    default: {
      const unknown: never = kind;
      throw new Error(`Unknown rate kind ${String(unknown)}`);
    }
  }
};
