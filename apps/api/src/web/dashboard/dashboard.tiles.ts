import { CalendarDate, maxCourseCapacity, Programme } from '@safer-cases/domain';
import { CountFigure, defaultTargetsConfiguration, IndicatorFigure, RateFigure, TargetFigure, TargetsReport } from '@safer-cases/projections/targets';
import { formatDate } from '../view-filters';
import { TrendChart } from './dashboard.chart';
import { capacityOfTarget, capacityShortfall, neededOf, neededWords } from './dashboard.needed';
import { TrendStep } from './dashboard.period';
import { formatCount, plural, programmeWords, targetWords, TargetWords } from './dashboard.words';

/**
 * Everything the dashboard shows of one programme, each a report as GET /api/targets gives it:
 * the period as of today, and per trend step the period as of the step's last day ("to date")
 * and the step alone as known today ("by step").
 */
export type ProgrammeFigures = { programme: Programme; report: TargetsReport; steps: TrendStep[]; toDate: TargetsReport[]; byStep: TargetsReport[] };

export type StatusView = { tag: string; classes: string; words: string };
export type TableView = { caption: string; head: string[]; rows: string[][] };
export type TrendView = { explanation: string; chart: TrendChart; table: TableView };

export type TileView = {
  id: string;
  name: string;
  actual: string;
  target: string;
  forecast: string;
  /** What the summary table says the target needs each whole month left. */
  needed: string;
  status: StatusView;
  meaning: string;
  provisional?: string;
  trend?: TrendView;
};

/** `capacity`: the plain sentence when the planned courses cannot hold the attendees target. */
export type ProgrammeView = { programme: Programme; name: string; provider: string; funder: string; summary: string; capacity?: string; tiles: TileView[] };

type FigureKind = 'flow' | 'stock' | 'rate' | 'indicator';

const kindOf = (figure: TargetFigure): FigureKind => {
  if (figure.kind === 'indicator') return 'indicator';
  if (figure.kind === 'count-at-least') return 'forecast' in figure ? 'flow' : 'stock';
  return 'rate';
};

const statusTags: Record<TargetFigure['status'], Omit<StatusView, 'words'>> = {
  green: { tag: 'Green', classes: 'govuk-tag--green' },
  amber: { tag: 'Amber', classes: 'govuk-tag--orange' },
  red: { tag: 'Red', classes: 'govuk-tag--red' },
  'no-data': { tag: 'No data', classes: 'govuk-tag--grey' },
  'n/a': { tag: 'No target', classes: 'govuk-tag--grey' },
};

const statusWords = (figure: TargetFigure, report: TargetsReport): string => {
  const flow = kindOf(figure) === 'flow';
  switch (figure.status) {
    case 'green':
      return flow ? 'the forecast meets the target' : 'meets the target';
    case 'amber':
      return flow ? 'the forecast is close to the target' : 'close to the target';
    case 'red':
      return flow ? 'the forecast falls short of the target' : 'misses the target';
    case 'no-data':
      return report.asOf < report.from ? 'the period has not started' : 'nothing to judge yet';
    case 'n/a':
      return 'a guide, with no target';
  }
};

export const statusView = (figure: TargetFigure, report: TargetsReport): StatusView => ({ ...statusTags[figure.status], words: statusWords(figure, report) });

/** A rate as the API gives it, one decimal, or nothing without a denominator. */
export const formatPercent = (value: number | null): string => (value === null ? 'No data yet' : `${value.toFixed(1)}%`);

export const targetText = (figure: TargetFigure): string => {
  switch (figure.kind) {
    case 'count-at-least':
      return `At least ${formatCount(figure.target)}${figure.ceiling === undefined ? '' : ` (up to ${formatCount(figure.ceiling)})`}`;
    case 'rate-at-least':
      return `At least ${figure.target}%`;
    case 'rate-above':
      return `Above ${figure.target}%`;
    case 'rate-below':
      return `Below ${figure.target}%`;
    case 'indicator':
      return `None: a guide of ${figure.guide.min} to ${figure.guide.max} ${figure.guide.unit}`;
  }
};

const actualText = (figure: TargetFigure): string => (figure.kind === 'count-at-least' ? formatCount(figure.actual) : formatPercent(figure.actual));

const forecastText = (figure: TargetFigure, report: TargetsReport): string => {
  if (figure.kind !== 'count-at-least') return 'None for a rate';
  if (figure.forecast === undefined) return 'None: a count on the day';
  if (figure.forecast === null) return 'None yet: the period has not started';
  return report.asOf >= report.to ? `${formatCount(figure.forecast)}, the final count` : `${formatCount(figure.forecast)} by ${formatDate(report.to)}`;
};

const windowEnd = (report: TargetsReport): CalendarDate => (report.asOf < report.to ? report.asOf : report.to);

const meaningOf = (figure: TargetFigure, words: TargetWords, report: TargetsReport): string => {
  switch (kindOf(figure)) {
    case 'flow':
      return report.asOf < report.from
        ? `The period starts on ${formatDate(report.from)}`
        : `${words.counted(figure.actual ?? 0)} from ${formatDate(report.from)} to ${formatDate(windowEnd(report))}`;
    case 'stock':
      return `${words.counted(figure.actual ?? 0)} on ${formatDate(windowEnd(report))}`;
    default: {
      const { numerator, denominator } = figure as RateFigure | IndicatorFigure;
      return denominator === 0 ? words.none : words.share(numerator, denominator);
    }
  }
};

const provisionalText = (figure: TargetFigure): string | undefined => {
  if (figure.kind === 'count-at-least' || figure.kind === 'indicator' || !figure.provisional || figure.provisional.cases === 0) return undefined;
  const months = /^reoffending-(\d+)m$/.exec(figure.id)?.[1];
  const { cases, reoffended } = figure.provisional;
  return `Not counted yet: ${plural(cases, 'person', 'people')} whose ${months ?? 'follow-up'} months are not over (${formatCount(reoffended)} reoffended so far)`;
};

const figureIn = (report: TargetsReport, id: string): TargetFigure | undefined => report.targets.find((each) => each.id === id);

const capitalised = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

const valueList = (labels: string[], values: string[]): string => labels.map((label, index) => `${label}: ${values[index]}`).join('; ');

/** The trend of one target over the steps: what a point means, the chart's lines, and the same figures as a table. */
const trendOf = (programme: ProgrammeFigures, figure: TargetFigure, words: TargetWords, chartId: string): TrendView | undefined => {
  const { steps, report } = programme;
  if (steps.length === 0) return undefined;
  const unit = steps[0].unit;
  const last = steps[steps.length - 1];
  const running = last.asOf < last.end;
  const labels = steps.map((step) => step.label);
  const names = steps.map((step) => step.name);
  const stepHeading = capitalised(unit);
  const kind = kindOf(figure);
  const target = figure.kind === 'indicator' ? undefined : { value: figure.target, label: `Target ${figure.target}${figure.kind === 'count-at-least' ? '' : '%'}` };
  const targetWordsText = targetText(figure);
  const title = `${words.name}: by ${unit}, ${formatDate(report.from)} to ${formatDate(report.to)}`;

  if (kind === 'flow' || kind === 'stock') {
    const atEnds = programme.toDate.map((each) => figureIn(each, figure.id) as CountFigure | undefined);
    const actual = atEnds.map((each) => each?.actual ?? null);
    const countTexts = actual.map((value) => (value === null ? 'None' : formatCount(value)));
    if (kind === 'stock') {
      const explanation = `Each ${unit} shows the number on its last day${running ? ` (today, ${formatDate(report.asOf)}, for the current ${unit})` : ''}.`;
      return {
        explanation,
        chart: {
          id: chartId,
          title,
          description: `${explanation} ${valueList(names, countTexts)}. Target: ${targetWordsText.toLowerCase()}.`,
          labels,
          unit: 'count',
          lines: [{ name: 'Number on the day', values: actual, style: 'actual' }],
          target,
        },
        table: {
          caption: `${words.name} by ${unit}`,
          head: [stepHeading, 'Number on its last day', 'Target'],
          rows: names.map((name, index) => [name, countTexts[index], targetWordsText]),
        },
      };
    }
    const forecast = atEnds.map((each) => each?.forecast ?? null);
    const forecastTexts = forecast.map((value) => (value === null ? 'None' : formatCount(value)));
    const explanation = `Each ${unit} shows the count from ${formatDate(report.from)} to the end of that ${unit}${running ? ` (to today, ${formatDate(report.asOf)}, for the current ${unit})` : ''}, and the forecast for the whole period as it stood then.`;
    return {
      explanation,
      chart: {
        id: chartId,
        title,
        description: `${explanation} Count to date: ${valueList(names, countTexts)}. Forecast for the period: ${valueList(names, forecastTexts)}. Target: ${targetWordsText.toLowerCase()}.`,
        labels,
        unit: 'count',
        lines: [
          { name: 'Count to date', values: actual, style: 'actual' },
          { name: 'Forecast for the period', values: forecast, style: 'forecast' },
        ],
        target,
      },
      table: {
        caption: `${words.name} by ${unit}`,
        head: [stepHeading, 'Count to date', 'Forecast for the period', 'Target'],
        rows: names.map((name, index) => [name, countTexts[index], forecastTexts[index], targetWordsText]),
      },
    };
  }

  const alone = programme.byStep.map((each) => figureIn(each, figure.id) as RateFigure | IndicatorFigure | undefined);
  const rates = alone.map((each) => each?.actual ?? null);
  const rateTexts = rates.map((value) => (value === null ? 'No cases' : formatPercent(value)));
  const ofTexts = alone.map((each) => (each === undefined ? 'None' : `${formatCount(each.numerator)} of ${formatCount(each.denominator)}`));
  const explanation = `Each ${unit}’s point counts only ${words.cohort(unit)}, as known today (${formatDate(report.asOf)}).`;
  const withTarget = target !== undefined;
  return {
    explanation,
    chart: {
      id: chartId,
      title,
      description: `${explanation} ${valueList(
        names,
        rateTexts.map((text, index) => `${text} (${ofTexts[index]})`),
      )}. ${withTarget ? `Target: ${targetWordsText.toLowerCase()}.` : 'No target: a guide.'}`,
      labels,
      unit: 'percent',
      lines: [{ name: kind === 'indicator' ? 'Share in the guide' : 'Rate', values: rates, style: 'actual' }],
      target,
    },
    table: {
      caption: `${words.name} by ${unit}`,
      head: [stepHeading, kind === 'indicator' ? 'Share in the guide' : 'Rate', 'Of', ...(withTarget ? ['Target'] : [])],
      rows: names.map((name, index) => [name, rateTexts[index], ofTexts[index], ...(withTarget ? [targetWordsText] : [])]),
    },
  };
};

export const tileOf = (programme: ProgrammeFigures, figure: TargetFigure): TileView => {
  const { report } = programme;
  const words = targetWords(programme.programme, figure.id, figure.kind === 'indicator' ? figure.guide : undefined);
  const id = `${programme.programme}-${figure.id}`;
  return {
    id,
    name: words.name,
    actual: actualText(figure),
    target: targetText(figure),
    forecast: forecastText(figure, report),
    needed: neededWords(neededOf(figure, report, capacityOfTarget(defaultTargetsConfiguration, programme.programme, figure.id, maxCourseCapacity))),
    status: statusView(figure, report),
    meaning: meaningOf(figure, words, report),
    provisional: provisionalText(figure),
    trend: trendOf(programme, figure, words, `${id}-chart`),
  };
};

/** "2 green, 1 amber, 3 red, 1 no data": the programme at a glance. */
export const statusSummary = (figures: TargetFigure[]): string => {
  const order: TargetFigure['status'][] = ['green', 'amber', 'red', 'no-data', 'n/a'];
  const names: Record<TargetFigure['status'], string> = { green: 'green', amber: 'amber', red: 'red', 'no-data': 'no data', 'n/a': 'without a target' };
  return order
    .map((status) => [status, figures.filter((figure) => figure.status === status).length] as const)
    .filter(([, count]) => count > 0)
    .map(([status, count]) => `${count} ${names[status]}`)
    .join(', ');
};

export const programmeView = (figures: ProgrammeFigures): ProgrammeView => ({
  programme: figures.programme,
  ...programmeWords[figures.programme],
  summary: statusSummary(figures.report.targets),
  capacity: capacityShortfall(defaultTargetsConfiguration, figures.programme, maxCourseCapacity),
  tiles: figures.report.targets.map((figure) => tileOf(figures, figure)),
});
