import type { TargetFigure, TargetsReport } from '@safer-cases/projections/targets';
import { stringify } from 'csv-stringify/sync';
import { programmeWords, targetWords } from './dashboard.words';

export const csvColumns = [
  'programme',
  'programme name',
  'target',
  'target name',
  'kind',
  'actual',
  'target value',
  'ceiling',
  'forecast',
  'status',
  'numerator',
  'denominator',
  'provisional cases',
  'provisional reoffended',
  'period from',
  'period to',
  'as of',
] as const;

type Cell = string | number;

const cell = (value: number | null | undefined): Cell => (value === null || value === undefined ? '' : value);

const rowOf = (report: TargetsReport, figure: TargetFigure): Cell[] => {
  const fraction = figure.kind === 'count-at-least' ? undefined : figure;
  const provisional = figure.kind === 'count-at-least' || figure.kind === 'indicator' ? undefined : figure.provisional;
  return [
    report.programme,
    programmeWords[report.programme].name,
    figure.id,
    targetWords(report.programme, figure.id, figure.kind === 'indicator' ? figure.guide : undefined).name,
    figure.kind,
    cell(figure.actual),
    figure.kind === 'indicator' ? '' : figure.target,
    figure.kind === 'count-at-least' ? cell(figure.ceiling) : '',
    figure.kind === 'count-at-least' ? cell(figure.forecast) : '',
    figure.status,
    cell(fraction?.numerator),
    cell(fraction?.denominator),
    cell(provisional?.cases),
    cell(provisional?.reoffended),
    report.from,
    report.to,
    report.asOf,
  ];
};

/**
 * The dashboard's figures as CSV, one row per target, each value exactly the API's (rates as
 * percentages to one decimal; an empty cell where the API gives none). No personal data: the
 * API's answer holds none.
 */
export const figuresCsv = (reports: TargetsReport[]): string =>
  stringify([[...csvColumns], ...reports.flatMap((report) => report.targets.map((figure) => rowOf(report, figure)))], { record_delimiter: '\r\n' });

export const csvFileName = (from: string, to: string): string => `safer-cases-targets-${from}-to-${to}.csv`;
