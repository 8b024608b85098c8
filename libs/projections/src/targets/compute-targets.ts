import { CalendarDate, Programme } from '@safer-cases/domain';
import { Pool } from 'pg';
import { flowCount, Fraction, guideShare, MeasureWindow, Queryable, Reoffending, reoffending, share, volunteerStock } from './target-measures';
import { countStatus, forecastFlow, percentToOneDecimal, rateStatus, Status, windowEnd } from './target-rules';
import { CountTarget, defaultTargetsConfiguration, Guide, IndicatorTarget, RateKind, RateTarget, TargetDefinition, TargetsConfiguration } from './targets.config';

export type TargetsQuery = { programme: Programme; from: CalendarDate; to: CalendarDate; asOf: CalendarDate };

/** `forecast` only on flow counts: `null` before the period starts. Stocks have none. */
export type CountFigure = {
  id: string;
  kind: 'count-at-least';
  target: number;
  ceiling?: number;
  actual: number;
  forecast?: number | null;
  status: Status;
};

/** `actual` is the percentage to one decimal, `null` with no denominator; `provisional` on reoffending only. */
export type RateFigure = {
  id: string;
  kind: RateKind;
  target: number;
  numerator: number;
  denominator: number;
  actual: number | null;
  provisional?: { cases: number; reoffended: number };
  status: Status;
};

export type IndicatorFigure = {
  id: string;
  kind: 'indicator';
  guide: { min: number; max: number; unit: 'hours' | 'days' };
  numerator: number;
  denominator: number;
  actual: number | null;
  status: 'n/a';
};

export type TargetFigure = CountFigure | RateFigure | IndicatorFigure;
export type TargetsReport = TargetsQuery & { targets: TargetFigure[] };

const guideUnit: Record<Guide, 'hours' | 'days'> = { 'support-hours-in-guide': 'hours', 'duration-in-guide': 'days' };

type Context = { db: Queryable; query: TargetsQuery; window: MeasureWindow; configuration: TargetsConfiguration; started: boolean };

const countFigure = async ({ db, query, window, configuration, started }: Context, definition: CountTarget): Promise<CountFigure> => {
  const { id, kind, target, ceiling, measure } = definition;
  const head = { id, kind, target, ...(ceiling === undefined ? {} : { ceiling }) };
  if (measure.type === 'stock') {
    const actual = await volunteerStock(db, measure.organisation, window.end);
    return { ...head, actual, status: started ? countStatus(actual, target, configuration.countAmberPercent) : 'no-data' };
  }
  const actual = await flowCount(db, measure.of, window);
  const forecast = forecastFlow(actual, query, query.asOf);
  return { ...head, actual, forecast, status: countStatus(forecast, target, configuration.countAmberPercent) };
};

const rateFigure = async ({ db, window, configuration, started }: Context, definition: RateTarget): Promise<RateFigure> => {
  const { id, kind, target, measure } = definition;
  const measured: Fraction & Partial<Pick<Reoffending, 'provisional'>> =
    measure.type === 'share' ? await share(db, measure.of, window) : await reoffending(db, measure.months, window);
  const { numerator, denominator, provisional } = measured;
  return {
    id,
    kind,
    target,
    numerator,
    denominator,
    actual: percentToOneDecimal(numerator, denominator),
    ...(provisional === undefined ? {} : { provisional }),
    status: started ? rateStatus(kind, numerator, denominator, target, configuration.rateAmberPoints) : 'no-data',
  };
};

const indicatorFigure = async ({ db, window }: Context, definition: IndicatorTarget): Promise<IndicatorFigure> => {
  const { id, kind, measure } = definition;
  const { numerator, denominator } = await guideShare(db, measure.of, measure, window);
  return {
    id,
    kind,
    guide: { min: measure.min, max: measure.max, unit: guideUnit[measure.of] },
    numerator,
    denominator,
    actual: percentToOneDecimal(numerator, denominator),
    status: 'n/a',
  };
};

const figure = (context: Context, definition: TargetDefinition): Promise<TargetFigure> => {
  switch (definition.kind) {
    case 'count-at-least':
      return countFigure(context, definition);
    case 'indicator':
      return indicatorFigure(context, definition);
    default:
      return rateFigure(context, definition);
  }
};

/**
 * Every target of the programme over the window `[from, min(to, asOf)]`, one aggregate query
 * each on the case-facts tables, in the order of the configuration.
 */
export const computeTargets = async (db: Queryable, query: TargetsQuery, configuration: TargetsConfiguration = defaultTargetsConfiguration): Promise<TargetsReport> => {
  const window: MeasureWindow = { programme: query.programme, from: query.from, end: windowEnd(query, query.asOf), asOf: query.asOf };
  const context: Context = { db, query, window, configuration, started: query.asOf >= query.from };
  const targets: TargetFigure[] = [];
  for (const definition of configuration.programmes[query.programme]) targets.push(await figure(context, definition));
  return { programme: query.programme, from: query.from, to: query.to, asOf: query.asOf, targets };
};

/** `computeTargets` on one snapshot of the read model, so the figures agree with each other. */
export const readTargets = async (pool: Pool, query: TargetsQuery, configuration?: TargetsConfiguration): Promise<TargetsReport> => {
  const client = await pool.connect();
  try {
    await client.query('begin isolation level repeatable read read only');
    const report = await computeTargets(client, query, configuration);
    await client.query('commit');
    client.release();
    return report;
  } catch (error) {
    client.release(true);
    throw error;
  }
};
