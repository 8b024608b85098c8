import { CalendarDate, Programme } from '@safer-cases/domain';
import { Bind, flowCount, guideShare, MeasureSql, Queryable, reoffending, share, volunteerStock } from './target-measures';
import { countStatus, forecastFlow, percentToOneDecimal, rateStatus, Status, windowEnd } from './target-rules';
import { CountTarget, defaultTargetsConfiguration, Guide, IndicatorTarget, RateKind, RateTarget, TargetDefinition, TargetsConfiguration } from './targets.config';

/** A period `[from, to]` and the day its figures are taken. */
export type TargetsWindow = { from: CalendarDate; to: CalendarDate; asOf: CalendarDate };
export type TargetsQuery = TargetsWindow & { programme: Programme };

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

type Judged = { window: TargetsWindow; started: boolean; configuration: TargetsConfiguration };

/** A target's measure as SQL over the window `w`, and how its one row becomes the figure. */
type Planned = { sql: string; figure: (row: Record<string, number>, judged: Judged) => TargetFigure };

const planned = <T>(measure: MeasureSql<T>, figure: (value: T, judged: Judged) => TargetFigure): Planned => ({
  sql: measure.sql,
  figure: (row, judged) => figure(measure.read(row), judged),
});

const countPlan = (definition: CountTarget, programme: string, bind: Bind): Planned => {
  const { id, kind, target, ceiling, measure } = definition;
  const head = { id, kind, target, ...(ceiling === undefined ? {} : { ceiling }) };
  if (measure.type === 'stock') {
    return planned(volunteerStock(measure.organisation, bind), (actual, { started, configuration }) => ({
      ...head,
      actual,
      status: started ? countStatus(actual, target, configuration.countAmberPercent) : 'no-data',
    }));
  }
  return planned(flowCount(measure.of, programme), (actual, { window, configuration }) => {
    const forecast = forecastFlow(actual, window, window.asOf);
    return { ...head, actual, forecast, status: countStatus(forecast, target, configuration.countAmberPercent) };
  });
};

const ratePlan = (definition: RateTarget, of: Programme, programme: string, bind: Bind): Planned => {
  const { id, kind, target, measure } = definition;
  const measured = measure.type === 'share' ? share(measure.of, programme) : reoffending(measure.months, of, programme, bind);
  return planned<{ numerator: number; denominator: number; provisional?: RateFigure['provisional'] }>(
    measured,
    ({ numerator, denominator, provisional }, { started, configuration }) => ({
      id,
      kind,
      target,
      numerator,
      denominator,
      actual: percentToOneDecimal(numerator, denominator),
      ...(provisional === undefined ? {} : { provisional }),
      status: started ? rateStatus(kind, numerator, denominator, target, configuration.rateAmberPoints) : 'no-data',
    }),
  );
};

const indicatorPlan = (definition: IndicatorTarget, programme: string, bind: Bind): Planned => {
  const { id, kind, measure } = definition;
  return planned(guideShare(measure.of, measure, programme, bind), ({ numerator, denominator }) => ({
    id,
    kind,
    guide: { min: measure.min, max: measure.max, unit: guideUnit[measure.of] },
    numerator,
    denominator,
    actual: percentToOneDecimal(numerator, denominator),
    status: 'n/a',
  }));
};

const plan = (definition: TargetDefinition, of: Programme, programme: string, bind: Bind): Planned => {
  switch (definition.kind) {
    case 'count-at-least':
      return countPlan(definition, programme, bind);
    case 'indicator':
      return indicatorPlan(definition, programme, bind);
    default:
      return ratePlan(definition, of, programme, bind);
  }
};

/**
 * The programme's targets for every window, each over `[from, min(to, asOf)]` and in the order of
 * the configuration, as one statement: the windows are a list of rows, and each target's
 * aggregate is a lateral subquery over the case-facts tables per row. One statement reads one
 * snapshot of the read model, so every figure of every window agrees with the others. The
 * answers are in the order of the windows.
 */
export const computeTargetsForWindows = async (
  db: Queryable,
  programme: Programme,
  windows: readonly TargetsWindow[],
  configuration: TargetsConfiguration = defaultTargetsConfiguration,
): Promise<TargetsReport[]> => {
  if (windows.length === 0) return [];
  const values: unknown[] = [windows.map((window) => window.from), windows.map((window) => windowEnd(window, window.asOf)), windows.map((window) => window.asOf)];
  const bind: Bind = (value, type) => {
    values.push(value);
    return `$${values.length}::${type}`;
  };
  const definitions = configuration.programmes[programme];
  // A programme with no targets yet (IOM, until issue 14 part 3) binds no programme: a parameter no statement uses is refused by PostgreSQL.
  const programmeParameter = definitions.length === 0 ? '' : bind(programme, 'text');
  const plans = definitions.map((definition) => plan(definition, programme, programmeParameter, bind));
  const measured = plans.map((_, index) => `to_json(m${index}) as m${index}`);
  const sql = `select ${measured.join(', ')}
    from unnest($1::date[], $2::date[], $3::date[]) with ordinality as w(from_on, end_on, as_of, i)
    ${plans.map((each, index) => `cross join lateral (${each.sql}) as m${index}`).join('\n    ')}
    order by w.i`;
  const { rows } = await db.query<Record<string, Record<string, number>>>(sql, values);
  if (rows.length !== windows.length) throw new Error(`The targets statement answered ${rows.length} rows for ${windows.length} windows`);
  return windows.map((window, index) => {
    const row = rows[index];
    const judged: Judged = { window, started: window.asOf >= window.from, configuration };
    const targets = plans.map((each, measure) => each.figure(row[`m${measure}`], judged));
    return { programme, from: window.from, to: window.to, asOf: window.asOf, targets };
  });
};

/** Every target of the programme over the window `[from, min(to, asOf)]`: the one window of `computeTargetsForWindows`. */
export const computeTargets = async (db: Queryable, query: TargetsQuery, configuration: TargetsConfiguration = defaultTargetsConfiguration): Promise<TargetsReport> => {
  const { programme, from, to, asOf } = query;
  const [report] = await computeTargetsForWindows(db, programme, [{ from, to, asOf }], configuration);
  return report;
};
