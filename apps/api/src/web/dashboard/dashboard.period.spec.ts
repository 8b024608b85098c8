import { addDays } from '@safer-cases/domain';
import fc from 'fast-check';
import {
  describeChoice,
  financialQuarter,
  financialYear,
  financialYearChoices,
  financialYearStartOf,
  isWholeFinancialYear,
  periodOf,
  periodQuery,
  readPeriodChoice,
  trendSteps,
} from './dashboard.period';

const today = '2026-11-22';
const days = fc.integer({ min: 0, max: 365 * 80 }).map((offset) => addDays('1950-01-01', offset));

describe('the financial year', () => {
  it('runs from 1 April to 31 March, holding 31 March in the year before and 1 April in its own', () => {
    expect(financialYearStartOf('2026-03-31')).toBe(2025);
    expect(financialYearStartOf('2026-04-01')).toBe(2026);
    expect(financialYearStartOf('2027-01-01')).toBe(2026);
    expect(financialYear(2026)).toEqual({ from: '2026-04-01', to: '2027-03-31' });
  });

  it('holds every day it is said to hold', () => {
    fc.assert(
      fc.property(days, (day) => {
        const { from, to } = financialYear(financialYearStartOf(day));
        expect(from <= day && day <= to).toBe(true);
      }),
    );
  });
});

describe('the quarters of a financial year', () => {
  it('are April–June, July–September, October–December and January–March of the next calendar year', () => {
    expect(financialQuarter(2025, 1)).toEqual({ from: '2025-04-01', to: '2025-06-30' });
    expect(financialQuarter(2025, 2)).toEqual({ from: '2025-07-01', to: '2025-09-30' });
    expect(financialQuarter(2025, 3)).toEqual({ from: '2025-10-01', to: '2025-12-31' });
    expect(financialQuarter(2025, 4)).toEqual({ from: '2026-01-01', to: '2026-03-31' });
  });

  it('ends Q4 on 31 March in a leap year too, and the four tile the year without gap or overlap', () => {
    expect(financialQuarter(2027, 4)).toEqual({ from: '2028-01-01', to: '2028-03-31' });
    fc.assert(
      fc.property(fc.integer({ min: 1950, max: 2100 }), (year) => {
        const quarters = ([1, 2, 3, 4] as const).map((quarter) => financialQuarter(year, quarter));
        expect(quarters[0].from).toBe(financialYear(year).from);
        expect(quarters[3].to).toBe(financialYear(year).to);
        for (let index = 1; index < 4; index += 1) expect(quarters[index].from).toBe(addDays(quarters[index - 1].to, 1));
      }),
    );
  });
});

describe('reading the period picker', () => {
  it('defaults to the financial year holding today', () => {
    const reading = readPeriodChoice({}, today);
    expect(reading.choice).toEqual({ kind: 'year', year: 2026 });
    expect(reading.choice && periodOf(reading.choice)).toEqual({ from: '2026-04-01', to: '2027-03-31' });
    expect(reading.form).toMatchObject({ period: 'year', year: '2026', quarter: '3' });
    expect(readPeriodChoice({}, '2027-02-10').choice).toEqual({ kind: 'year', year: 2026 });
  });

  it('reads a year and a quarter', () => {
    expect(readPeriodChoice({ period: 'year', year: '2014' }, today).choice).toEqual({ kind: 'year', year: 2014 });
    const reading = readPeriodChoice({ period: 'quarter', year: '2025', quarter: '4' }, today);
    expect(reading.choice).toEqual({ kind: 'quarter', year: 2025, quarter: 4 });
    expect(reading.choice && periodOf(reading.choice)).toEqual({ from: '2026-01-01', to: '2026-03-31' });
  });

  it('reads custom dates typed into the date inputs', () => {
    const reading = readPeriodChoice({ period: 'custom', 'from-day': '1', 'from-month': '10', 'from-year': '2026', 'to-day': '22', 'to-month': '11', 'to-year': '2026' }, today);
    expect(reading.choice).toEqual({ kind: 'custom', from: '2026-10-01', to: '2026-11-22' });
  });

  it('takes a one-day custom period', () => {
    const reading = readPeriodChoice({ period: 'custom', 'from-day': '5', 'from-month': '5', 'from-year': '2026', 'to-day': '5', 'to-month': '5', 'to-year': '2026' }, today);
    expect(reading.choice).toEqual({ kind: 'custom', from: '2026-05-05', to: '2026-05-05' });
  });

  it('refuses a custom period that ends before it starts, beside the last day', () => {
    const reading = readPeriodChoice({ period: 'custom', 'from-day': '1', 'from-month': '10', 'from-year': '2026', 'to-day': '30', 'to-month': '9', 'to-year': '2026' }, today);
    expect(reading.errors).toEqual({
      summary: [{ text: 'The last day of the period must be the same as or after the first day', href: '#to-day' }],
      fields: { 'to-day': { text: 'The last day of the period must be the same as or after the first day' } },
    });
    expect(reading.form.to).toEqual({ day: '30', month: '9', year: '2026' });
  });

  it('refuses dates that are not real or not given, naming each field', () => {
    const reading = readPeriodChoice({ period: 'custom', 'from-day': '31', 'from-month': '2', 'from-year': '2026' }, today);
    expect(reading.errors?.summary).toEqual([
      { text: 'The first day of the period must be a real date, for example 1 4 2026', href: '#from-day' },
      { text: 'Enter the last day of the period', href: '#to-day' },
    ]);
    expect(
      readPeriodChoice(
        { period: 'custom', 'from-day': 'x', 'from-month': '1', 'from-year': '2026', 'to-day': '1', 'to-month': '13', 'to-year': '2026' },
        today,
      ).errors?.summary.map((item) => item.href),
    ).toEqual(['#from-day', '#to-day']);
  });

  it('refuses a custom period of more than ten years', () => {
    const dates = (to: string) => ({ period: 'custom', 'from-day': '1', 'from-month': '4', 'from-year': '2016', 'to-day': to, 'to-month': '3', 'to-year': '2026' });
    expect(readPeriodChoice(dates('31'), today).choice).toEqual({ kind: 'custom', from: '2016-04-01', to: '2026-03-31' });
    expect(readPeriodChoice({ ...dates('1'), 'to-month': '4' }, today).errors?.summary).toEqual([{ text: 'The period must be 10 years or shorter', href: '#to-day' }]);
  });

  it('refuses a year or quarter that is not one, beside the field of the form used', () => {
    expect(readPeriodChoice({ period: 'year', year: 'last' }, today).errors?.summary).toEqual([{ text: 'Select a financial year', href: '#year' }]);
    expect(readPeriodChoice({ period: 'quarter', year: '99999', quarter: '1' }, today).errors?.summary).toEqual([{ text: 'Select a financial year', href: '#quarter-year' }]);
    expect(readPeriodChoice({ period: 'quarter', year: '2026', quarter: '5' }, today).errors?.summary).toEqual([{ text: 'Select a quarter', href: '#quarter' }]);
  });

  it('asks for the same period again through its query string', () => {
    const choices = [
      { kind: 'year', year: 2013 },
      { kind: 'quarter', year: 2026, quarter: 2 },
      { kind: 'custom', from: '2026-01-05', to: '2026-10-31' },
    ] as const;
    for (const choice of choices) {
      const query = Object.fromEntries(new URLSearchParams(periodQuery(choice)));
      expect(readPeriodChoice(query, today).choice).toEqual(choice);
    }
  });
});

describe('the period in words', () => {
  it('names the year, the quarter with its months, or the dates', () => {
    expect(describeChoice({ kind: 'year', year: 2026 })).toBe('the 2026 to 2027 financial year');
    expect(describeChoice({ kind: 'quarter', year: 2025, quarter: 4 })).toBe('Q4 (January to March 2026) of the 2025 to 2026 financial year');
    expect(describeChoice({ kind: 'custom', from: '2026-10-01', to: '2026-11-22' })).toBe('1 October 2026 to 22 November 2026');
  });

  it('knows a whole financial year from any other period', () => {
    expect(isWholeFinancialYear(financialYear(2026))).toBe(true);
    expect(isWholeFinancialYear(financialQuarter(2026, 1))).toBe(false);
    expect(isWholeFinancialYear({ from: '2026-01-01', to: '2026-12-31' })).toBe(false);
  });

  it('offers the financial years from 2012 to today’s, newest first, and one asked for outside them', () => {
    const offered = financialYearChoices(today, '2026');
    expect(offered[0]).toEqual({ value: '2026', text: '2026 to 2027', selected: true });
    expect(offered.at(-1)).toEqual({ value: '2012', text: '2012 to 2013', selected: false });
    expect(financialYearChoices(today, '2030')[0]).toEqual({ value: '2030', text: '2030 to 2031', selected: true });
  });
});

describe('the steps of a trend', () => {
  it('are the months begun so far, the current one to today', () => {
    const steps = trendSteps(financialYear(2026), today);
    expect(steps.map((step) => step.label)).toEqual(['Apr 2026', 'May 2026', 'Jun 2026', 'Jul 2026', 'Aug 2026', 'Sep 2026', 'Oct 2026', 'Nov 2026']);
    expect(steps[0]).toEqual({ start: '2026-04-01', end: '2026-04-30', asOf: '2026-04-30', label: 'Apr 2026', name: 'April 2026', unit: 'month' });
    expect(steps[7]).toEqual({ start: '2026-11-01', end: '2026-11-30', asOf: today, label: 'Nov 2026', name: '1 to 22 November 2026', unit: 'month' });
  });

  it('are every month of a period that is over, and none of one not yet begun', () => {
    expect(trendSteps(financialYear(2025), today)).toHaveLength(12);
    expect(trendSteps(financialQuarter(2026, 4), today)).toEqual([]);
  });

  it('cut the first and last months to a custom period', () => {
    const steps = trendSteps({ from: '2025-12-15', to: '2026-02-10' }, today);
    expect(steps.map(({ start, end, asOf, name }) => ({ start, end, asOf, name }))).toEqual([
      { start: '2025-12-15', end: '2025-12-31', asOf: '2025-12-31', name: '15 to 31 December 2025' },
      { start: '2026-01-01', end: '2026-01-31', asOf: '2026-01-31', name: 'January 2026' },
      { start: '2026-02-01', end: '2026-02-10', asOf: '2026-02-10', name: '1 to 10 February 2026' },
    ]);
  });

  it('are quarters when the period spans more than two years', () => {
    const steps = trendSteps({ from: '2023-05-10', to: '2026-03-31' }, today);
    expect(steps[0]).toMatchObject({ start: '2023-05-10', end: '2023-06-30', label: 'Apr–Jun 2023', name: '10 May to 30 June 2023', unit: 'quarter' });
    expect(steps[1]).toMatchObject({ start: '2023-07-01', end: '2023-09-30', name: 'July to September 2023' });
    expect(steps).toHaveLength(12);
    expect(trendSteps({ from: '2024-04-01', to: '2026-03-31' }, today)[0].unit).toBe('month');
  });

  it('cover the period up to today without gap or overlap', () => {
    fc.assert(
      fc.property(days, fc.integer({ min: 0, max: 3650 }), days, (from, length, asOf) => {
        const period = { from, to: addDays(from, length) };
        const steps = trendSteps(period, asOf);
        if (asOf < from) return expect(steps).toEqual([]);
        expect(steps[0].start).toBe(from);
        expect(steps.at(-1)?.asOf).toBe(asOf < period.to ? asOf : period.to);
        for (let index = 1; index < steps.length; index += 1) expect(steps[index].start).toBe(addDays(steps[index - 1].end, 1));
        for (const step of steps) expect(step.start <= step.asOf && step.asOf <= step.end).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
