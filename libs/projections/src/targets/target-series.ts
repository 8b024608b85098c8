import { addDays, addMonths, CalendarDate } from '@safer-cases/domain';
import { computeTargetsForWindows, TargetFigure, TargetsQuery, TargetsWindow } from './compute-targets';
import { Queryable } from './target-measures';
import { Period } from './target-rules';
import { defaultTargetsConfiguration, TargetsConfiguration } from './targets.config';

/** One month of a series: the month (`2014-04`), the last day it counts to, and its figures. */
export type SeriesMonth = { month: string; to: CalendarDate; targets: TargetFigure[] };
export type TargetsSeries = TargetsQuery & { months: SeriesMonth[] };

/** Calendar months the period touches, a part month counting as one. */
export const monthsOfPeriod = (period: Period): number => {
  const [fromYear, fromMonth] = period.from.split('-').map(Number);
  const [toYear, toMonth] = period.to.split('-').map(Number);
  return (toYear - fromYear) * 12 + toMonth - fromMonth + 1;
};

/**
 * Per month of the period, the window `[from, month end]` (the period's last day in its last
 * month) as of the earlier of that day and `asOf`: the period "to date" month by month.
 */
export const seriesWindows = (period: Period, asOf: CalendarDate): { month: string; window: TargetsWindow }[] => {
  const first = `${period.from.slice(0, 7)}-01`;
  return Array.from({ length: Math.max(monthsOfPeriod(period), 0) }, (_, index) => {
    const start = addMonths(first, index);
    const monthEnd = addDays(addMonths(start, 1), -1);
    const to = monthEnd < period.to ? monthEnd : period.to;
    return { month: start.slice(0, 7), window: { from: period.from, to, asOf: to < asOf ? to : asOf } };
  });
};

/** The series of GET /api/targets/series, in one statement: every month's window of `computeTargetsForWindows`. */
export const computeTargetSeries = async (db: Queryable, query: TargetsQuery, configuration: TargetsConfiguration = defaultTargetsConfiguration): Promise<TargetsSeries> => {
  const months = seriesWindows(query, query.asOf);
  const reports = await computeTargetsForWindows(
    db,
    query.programme,
    months.map(({ window }) => window),
    configuration,
  );
  return {
    programme: query.programme,
    from: query.from,
    to: query.to,
    asOf: query.asOf,
    months: months.map(({ month, window }, index) => ({ month, to: window.to, targets: reports[index].targets })),
  };
};
