import { addDays, addMonths, CalendarDate, isCalendarDate } from '@safer-cases/domain';
import { date, dateParts, FormBody, FormErrors, text } from '../forms';
import { formatDate } from '../view-filters';

export type Quarter = 1 | 2 | 3 | 4;

/** What the period picker asks for: a financial year (by the calendar year it starts in), one of its quarters, or any dates. */
export type PeriodChoice = { kind: 'year'; year: number } | { kind: 'quarter'; year: number; quarter: Quarter } | { kind: 'custom'; from: CalendarDate; to: CalendarDate };

export type Period = { from: CalendarDate; to: CalendarDate };

/** The first financial year the picker offers: the programmes began in 2013. */
export const firstOfferedYear = 2012;

/** A custom period longer than this many months would crowd the trend charts with more steps than they can show. */
export const longestCustomMonths = 120;

const monthNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const yearOf = (day: CalendarDate): number => Number(day.slice(0, 4));
const monthOf = (day: CalendarDate): number => Number(day.slice(5, 7));
const pad = (value: number): string => String(value).padStart(2, '0');
const firstOfMonth = (year: number, month: number): CalendarDate => `${year}-${pad(month)}-01`;

/** The calendar year in which the UK financial year (1 April to 31 March) holding `day` starts. */
export const financialYearStartOf = (day: CalendarDate): number => (monthOf(day) >= 4 ? yearOf(day) : yearOf(day) - 1);

export const financialYear = (year: number): Period => ({ from: `${year}-04-01`, to: `${year + 1}-03-31` });

/** Q1 April–June, Q2 July–September, Q3 October–December, Q4 January–March of the next calendar year. */
export const financialQuarter = (year: number, quarter: Quarter): Period => {
  const from = addMonths(`${year}-04-01`, (quarter - 1) * 3);
  return { from, to: addDays(addMonths(from, 3), -1) };
};

export const periodOf = (choice: PeriodChoice): Period => {
  switch (choice.kind) {
    case 'year':
      return financialYear(choice.year);
    case 'quarter':
      return financialQuarter(choice.year, choice.quarter);
    case 'custom':
      return { from: choice.from, to: choice.to };
  }
};

export const financialYearName = (year: number): string => `${year} to ${year + 1}`;

const quarterMonths: Record<Quarter, string> = { 1: 'April to June', 2: 'July to September', 3: 'October to December', 4: 'January to March' };

/** The period in words: "the 2026 to 2027 financial year", "Q4 (January to March 2027) of …", "1 May 2026 to 31 July 2026". */
export const describeChoice = (choice: PeriodChoice): string => {
  switch (choice.kind) {
    case 'year':
      return `the ${financialYearName(choice.year)} financial year`;
    case 'quarter': {
      const { from } = financialQuarter(choice.year, choice.quarter);
      return `Q${choice.quarter} (${quarterMonths[choice.quarter]} ${yearOf(from)}) of the ${financialYearName(choice.year)} financial year`;
    }
    case 'custom':
      return `${formatDate(choice.from)} to ${formatDate(choice.to)}`;
  }
};

/** The picker's fields as the form draws them: the choice made, or what was typed when it is drawn again with errors. */
export type PickerForm = {
  period: PeriodChoice['kind'];
  year: string;
  quarter: string;
  from: { day: string; month: string; year: string };
  to: { day: string; month: string; year: string };
};

export type PeriodReading = { choice: PeriodChoice; form: PickerForm; errors?: undefined } | { choice?: undefined; form: PickerForm; errors: FormErrors };

const quarterOf = (day: CalendarDate): Quarter => (Math.floor(((monthOf(day) + 8) % 12) / 3) + 1) as Quarter;

const wholeNumber = (value: string | undefined, min: number, max: number): number | undefined => {
  if (value === undefined || !/^\d{1,4}$/.test(value)) return undefined;
  const parsed = Number(value);
  return parsed >= min && parsed <= max ? parsed : undefined;
};

/**
 * The period the picker's query asks for. With nothing chosen, the financial year holding
 * `today` (its figures are then "to date"). A custom period must be two real dates, the end on
 * or after the start and at most ten years later; each problem is named beside its field.
 */
export const readPeriodChoice = (query: FormBody, today: CalendarDate): PeriodReading => {
  const kindText = text(query, 'period');
  const kind: PeriodChoice['kind'] = kindText === 'quarter' || kindText === 'custom' ? kindText : 'year';
  const yearText = text(query, 'year');
  const quarterText = text(query, 'quarter');
  const form: PickerForm = {
    period: kind,
    year: yearText ?? String(financialYearStartOf(today)),
    quarter: quarterText ?? String(quarterOf(today)),
    from: dateParts(query, 'from'),
    to: dateParts(query, 'to'),
  };
  const errors: FormErrors = { summary: [], fields: {} };
  const refuse = (id: string, message: string): void => {
    errors.fields[id] = { text: message };
    errors.summary.push({ text: message, href: `#${id}` });
  };
  const result = (choice: PeriodChoice): PeriodReading => (errors.summary.length > 0 ? { form, errors } : { choice, form });

  if (kind === 'custom') {
    const from = date(query, 'from');
    const to = date(query, 'to');
    if (from === undefined) refuse('from-day', 'Enter the first day of the period');
    else if (!isCalendarDate(from)) refuse('from-day', 'The first day of the period must be a real date, for example 1 4 2026');
    if (to === undefined) refuse('to-day', 'Enter the last day of the period');
    else if (!isCalendarDate(to)) refuse('to-day', 'The last day of the period must be a real date, for example 31 3 2027');
    if (isCalendarDate(from) && isCalendarDate(to)) {
      if (to < from) refuse('to-day', 'The last day of the period must be the same as or after the first day');
      else if (to >= addMonths(from, longestCustomMonths)) refuse('to-day', 'The period must be 10 years or shorter');
    }
    return result({ kind, from: from ?? '', to: to ?? '' });
  }
  const year = yearText === undefined ? financialYearStartOf(today) : wholeNumber(yearText, 1900, 9998);
  if (year === undefined) refuse(kind === 'quarter' ? 'quarter-year' : 'year', 'Select a financial year');
  if (kind === 'year') return result({ kind, year: year ?? 0 });
  const quarter = quarterText === undefined ? quarterOf(today) : wholeNumber(quarterText, 1, 4);
  if (quarter === undefined) refuse('quarter', 'Select a quarter');
  return result({ kind, year: year ?? 0, quarter: (quarter ?? 1) as Quarter });
};

/** The query string that asks for the same period again (the CSV link). */
export const periodQuery = (choice: PeriodChoice): string => {
  const parameters = new URLSearchParams({ period: choice.kind });
  if (choice.kind === 'custom') {
    for (const [name, day] of [
      ['from', choice.from],
      ['to', choice.to],
    ] as const) {
      parameters.set(`${name}-day`, String(Number(day.slice(8, 10))));
      parameters.set(`${name}-month`, String(monthOf(day)));
      parameters.set(`${name}-year`, String(yearOf(day)));
    }
  } else {
    parameters.set('year', String(choice.year));
    if (choice.kind === 'quarter') parameters.set('quarter', String(choice.quarter));
  }
  return parameters.toString();
};

/** The financial years offered, newest first: from 2012 to the one holding today, and the one asked for if it lies outside. */
export const financialYearChoices = (today: CalendarDate, selected: string): { value: string; text: string; selected: boolean }[] => {
  const years = new Set<number>();
  for (let year = financialYearStartOf(today); year >= firstOfferedYear; year -= 1) years.add(year);
  const asked = wholeNumber(selected, 1900, 9998);
  if (asked !== undefined) years.add(asked);
  return [...years].sort((a, b) => b - a).map((year) => ({ value: String(year), text: financialYearName(year), selected: String(year) === selected }));
};

export const quarterChoices = (selected: string): { value: string; text: string; selected: boolean }[] =>
  ([1, 2, 3, 4] as const).map((quarter) => ({ value: String(quarter), text: `Q${quarter}: ${quarterMonths[quarter]}`, selected: String(quarter) === selected }));

/**
 * One point of a trend chart: a month (a quarter when the period spans more than two years),
 * cut to the period, and the day its figures are taken: its last day, or today for the current one.
 */
export type TrendStep = { start: CalendarDate; end: CalendarDate; asOf: CalendarDate; label: string; name: string; unit: 'month' | 'quarter' };

const shortMonth = (day: CalendarDate): string => `${monthNames[monthOf(day) - 1].slice(0, 3)} ${yearOf(day)}`;
const dayAndMonth = (day: CalendarDate): string => `${Number(day.slice(8, 10))} ${monthNames[monthOf(day) - 1]}`;

/** "1 to 22 November 2026", "15 December 2025 to 31 January 2026". */
const stretchName = (start: CalendarDate, end: CalendarDate): string => {
  if (start.slice(0, 7) === end.slice(0, 7)) return `${Number(start.slice(8, 10))} to ${dayAndMonth(end)} ${yearOf(end)}`;
  return `${dayAndMonth(start)}${yearOf(start) === yearOf(end) ? '' : ` ${yearOf(start)}`} to ${dayAndMonth(end)} ${yearOf(end)}`;
};

/** Months spanned by the period, counting a part month as one. */
export const monthsSpanned = (period: Period): number => (yearOf(period.to) - yearOf(period.from)) * 12 + monthOf(period.to) - monthOf(period.from) + 1;

/** The steps of the period that have begun by `today`, in order. */
export const trendSteps = (period: Period, today: CalendarDate): TrendStep[] => {
  const unit = monthsSpanned(period) > 24 ? 'quarter' : 'month';
  const length = unit === 'month' ? 1 : 3;
  const steps: TrendStep[] = [];
  const firstMonth = monthOf(period.from);
  let stepStart = unit === 'month' ? firstOfMonth(yearOf(period.from), firstMonth) : firstOfMonth(yearOf(period.from), firstMonth - ((firstMonth - 1) % 3));
  while (stepStart <= period.to && stepStart <= today) {
    const next = addMonths(stepStart, length);
    const start = stepStart < period.from ? period.from : stepStart;
    const fullEnd = addDays(next, -1);
    const end = fullEnd > period.to ? period.to : fullEnd;
    if (start <= today) {
      const asOf = end > today ? today : end;
      const whole = start === stepStart && asOf === fullEnd;
      const label = unit === 'month' ? shortMonth(stepStart) : `${monthNames[monthOf(stepStart) - 1].slice(0, 3)}–${shortMonth(fullEnd)}`;
      const wholeName =
        unit === 'month'
          ? `${monthNames[monthOf(stepStart) - 1]} ${yearOf(stepStart)}`
          : `${monthNames[monthOf(stepStart) - 1]} to ${monthNames[monthOf(fullEnd) - 1]} ${yearOf(fullEnd)}`;
      const name = whole ? wholeName : stretchName(start, asOf);
      steps.push({ start, end, asOf, label, name, unit });
    }
    stepStart = next;
  }
  return steps;
};

/** Whether the period is a whole financial year: otherwise the yearly targets are compared with a shorter stretch. */
export const isWholeFinancialYear = (period: Period): boolean => {
  const year = financialYear(financialYearStartOf(period.from));
  return year.from === period.from && year.to === period.to;
};
