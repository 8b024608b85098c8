import type { CountFigure, TargetFigure, TargetsReport } from '@safer-cases/projections/targets';
import { trendSteps } from './dashboard.period';
import { ProgrammeFigures, programmeView, statusSummary, tileOf } from './dashboard.tiles';

const today = '2026-06-15';
const year = { from: '2026-04-01', to: '2027-03-31' };
const steps = trendSteps(year, today);

const report = (programme: TargetsReport['programme'], period: { from: string; to: string }, asOf: string, targets: TargetFigure[]): TargetsReport => ({
  programme,
  ...period,
  asOf,
  targets,
});

const panels = (actual: number, forecast: number | null, status: CountFigure['status'] = 'red'): TargetFigure => ({
  id: 'panels-held',
  kind: 'count-at-least',
  target: 100,
  ceiling: 200,
  actual,
  forecast,
  status,
});
const volunteers = (actual: number): TargetFigure => ({ id: 'trained-volunteers', kind: 'count-at-least', target: 20, actual, status: actual >= 20 ? 'green' : 'red' });
const survey = (numerator: number, denominator: number): TargetFigure => ({
  id: 'survey-completion',
  kind: 'rate-at-least',
  target: 100,
  numerator,
  denominator,
  actual: denominator === 0 ? null : Math.round((1000 * numerator) / denominator) / 10,
  status: denominator === 0 ? 'no-data' : numerator === denominator ? 'green' : 'red',
});
const reoffending: TargetFigure = {
  id: 'reoffending-6m',
  kind: 'rate-below',
  target: 10,
  numerator: 1,
  denominator: 12,
  actual: 8.3,
  provisional: { cases: 3, reoffended: 1 },
  status: 'green',
};

/** Three months: April, May, and 1–15 June, as the API would answer each call. */
const figures: ProgrammeFigures = {
  programme: 'restorative-justice',
  report: report('restorative-justice', year, today, [volunteers(18), panels(9, 44), survey(2, 3), reoffending]),
  steps,
  toDate: [
    report('restorative-justice', year, '2026-04-30', [volunteers(15), panels(2, 24), survey(0, 0), reoffending]),
    report('restorative-justice', year, '2026-05-31', [volunteers(17), panels(5, 30), survey(1, 1), reoffending]),
    report('restorative-justice', year, today, [volunteers(18), panels(9, 44), survey(2, 3), reoffending]),
  ],
  byStep: [
    report('restorative-justice', { from: '2026-04-01', to: '2026-04-30' }, today, [volunteers(18), panels(2, 2), survey(0, 0), reoffending]),
    report('restorative-justice', { from: '2026-05-01', to: '2026-05-31' }, today, [volunteers(18), panels(3, 3), survey(1, 1), reoffending]),
    report('restorative-justice', { from: '2026-06-01', to: '2026-06-30' }, today, [volunteers(18), panels(4, 8), survey(1, 2), reoffending]),
  ],
};

const tile = (id: string) => {
  const figure = figures.report.targets.find((each) => each.id === id);
  if (!figure) throw new Error(`no ${id}`);
  return tileOf(figures, figure);
};

describe('a target’s tile', () => {
  it('shows a flow count with its forecast for the period and what the count means', () => {
    expect(tile('panels-held')).toMatchObject({
      id: 'restorative-justice-panels-held',
      name: 'Panels held',
      actual: '9',
      target: 'At least 100 (up to 200)',
      forecast: '44 by 31 March 2027',
      status: { tag: 'Red', classes: 'govuk-tag--red', words: 'the forecast falls short of the target' },
      meaning: '9 panels held from 1 April 2026 to 15 June 2026',
    });
  });

  it('shows a stock on the day, with no forecast', () => {
    expect(tile('trained-volunteers')).toMatchObject({
      actual: '18',
      forecast: 'None: a count on the day',
      meaning: '18 Victim Support volunteers trained and not left on 15 June 2026',
    });
  });

  it('shows a rate to one decimal with its numerator and denominator in words', () => {
    expect(tile('survey-completion')).toMatchObject({
      actual: '66.7%',
      target: 'At least 100%',
      forecast: 'None for a rate',
      meaning: '2 of 3 victims whose panel was held in the period completed the survey',
    });
  });

  it('sets reoffending’s immature cases apart, never in the rate', () => {
    expect(tile('reoffending-6m')).toMatchObject({
      name: 'Reoffending within 6 months of their outcome agreement',
      actual: '8.3%',
      target: 'Below 10%',
      status: { tag: 'Green', words: 'meets the target' },
      meaning: '1 of 12 people whose 6 months after their outcome agreement are over reoffended within them',
      provisional: 'Not counted yet: 3 people whose 6 months are not over (1 reoffended so far)',
    });
  });

  it('says what each target needs a month for the summary table: a count’s share of what is left, a rate’s level', () => {
    // 100 − 9 = 91 panels over July to March: 10.1 a month, so 11.
    expect(tile('panels-held').needed).toBe('11 a month for the 9 whole months left');
    expect(tile('trained-volunteers').needed).toBe('1 a month for the 9 whole months left');
    expect(tile('survey-completion').needed).toBe('n/a for a rate: it needs to be 100% or more');
    expect(tile('reoffending-6m').needed).toBe('n/a for a rate: it needs to be below 10%');
  });

  it('says the attendees need more a month than the courses hold', () => {
    const attendees: TargetFigure = { id: 'attendees', kind: 'count-at-least', target: 200, actual: 40, forecast: 192, status: 'amber' };
    const caution = { ...figures, programme: 'conditional-caution' as const, report: report('conditional-caution', year, today, [attendees]) };
    // 160 over July to March: 18 a month, and a course holds 16.
    expect(tileOf(caution, attendees).needed).toBe('Cannot be reached: it needs 18 a month, more than 12 courses a year of 16 places can hold');
  });

  it('says the forecast is the final count once the period is over', () => {
    const over = { ...figures, report: report('restorative-justice', year, '2027-04-10', [panels(120, 120, 'green')]) };
    expect(tileOf(over, panels(120, 120, 'green'))).toMatchObject({ forecast: '120, the final count', status: { tag: 'Green', words: 'the forecast meets the target' } });
  });

  it('says why there is no status before the period starts', () => {
    const early = { ...figures, report: report('restorative-justice', year, '2026-03-01', [panels(0, null, 'no-data')]), steps: [], toDate: [], byStep: [] };
    expect(tileOf(early, panels(0, null, 'no-data'))).toMatchObject({
      forecast: 'None yet: the period has not started',
      status: { tag: 'No data', classes: 'govuk-tag--grey', words: 'the period has not started' },
      meaning: 'The period starts on 1 April 2026',
      trend: undefined,
    });
  });

  it('shows an indicator of the coaching guide as having no target', () => {
    const guide: TargetFigure = { id: 'duration-in-guide', kind: 'indicator', guide: { min: 56, max: 84, unit: 'days' }, numerator: 3, denominator: 5, actual: 60, status: 'n/a' };
    const coaching = { ...figures, programme: 'community-coaching' as const, report: report('community-coaching', year, today, [guide]) };
    expect(tileOf(coaching, guide)).toMatchObject({
      name: 'Interventions lasting 8 to 12 weeks',
      actual: '60.0%',
      target: 'None: a guide of 56 to 84 days',
      status: { tag: 'No target', classes: 'govuk-tag--grey' },
      meaning: '3 of 5 interventions completed in the period lasted 56 to 84 days (8 to 12 weeks)',
    });
  });

  it('still shows a target the page has no words for, by its id', () => {
    const unknown: TargetFigure = { id: 'home-visits', kind: 'count-at-least', target: 50, actual: 7, forecast: 30, status: 'red' };
    expect(tileOf({ ...figures, report: report('restorative-justice', year, today, [unknown]) }, unknown)).toMatchObject({
      name: 'Home visits',
      actual: '7',
      target: 'At least 50',
    });
  });
});

describe('a target’s trend', () => {
  it('of a flow count: the count and forecast to the end of each month, as the API gave them', () => {
    const trend = tile('panels-held').trend;
    expect(trend?.chart.lines).toEqual([
      { name: 'Count to date', values: [2, 5, 9], style: 'actual' },
      { name: 'Forecast for the period', values: [24, 30, 44], style: 'forecast' },
    ]);
    expect(trend?.chart.target).toEqual({ value: 100, label: 'Target 100' });
    expect(trend?.table).toEqual({
      caption: 'Panels held by month',
      head: ['Month', 'Count to date', 'Forecast for the period', 'Target'],
      rows: [
        ['April 2026', '2', '24', 'At least 100 (up to 200)'],
        ['May 2026', '5', '30', 'At least 100 (up to 200)'],
        ['1 to 15 June 2026', '9', '44', 'At least 100 (up to 200)'],
      ],
    });
    expect(trend?.explanation).toBe(
      'Each month shows the count from 1 April 2026 to the end of that month (to today, 15 June 2026, for the current month), and the forecast for the whole period as it stood then.',
    );
    expect(trend?.chart.description).toContain(
      'Count to date: April 2026: 2; May 2026: 5; 1 to 15 June 2026: 9. Forecast for the period: April 2026: 24; May 2026: 30; 1 to 15 June 2026: 44.',
    );
  });

  it('of a period that is over: no month is "current"', () => {
    const quarter = { from: '2026-04-01', to: '2026-06-30' };
    const over = { ...figures, report: report('restorative-justice', quarter, '2026-11-22', [panels(9, 9)]), steps: trendSteps(quarter, '2026-11-22') };
    expect(tileOf(over, panels(9, 9)).trend?.explanation).toBe(
      'Each month shows the count from 1 April 2026 to the end of that month, and the forecast for the whole period as it stood then.',
    );
  });

  it('of a stock: the number on each month’s last day', () => {
    const trend = tile('trained-volunteers').trend;
    expect(trend?.chart.lines).toEqual([{ name: 'Number on the day', values: [15, 17, 18], style: 'actual' }]);
    expect(trend?.table.rows.map((row) => row[1])).toEqual(['15', '17', '18']);
    expect(trend?.explanation).toBe('Each month shows the number on its last day (today, 15 June 2026, for the current month).');
  });

  it('of a rate: each month’s own cases as known today, with a gap for a month without any', () => {
    const trend = tile('survey-completion').trend;
    expect(trend?.chart).toMatchObject({ unit: 'percent', lines: [{ name: 'Rate', values: [null, 100, 50], style: 'actual' }], target: { value: 100, label: 'Target 100%' } });
    expect(trend?.table.rows).toEqual([
      ['April 2026', 'No cases', '0 of 0', 'At least 100%'],
      ['May 2026', '100.0%', '1 of 1', 'At least 100%'],
      ['1 to 15 June 2026', '50.0%', '1 of 2', 'At least 100%'],
    ]);
    expect(trend?.explanation).toBe('Each month’s point counts only victims whose panel was held that month, as known today (15 June 2026).');
  });
});

describe('a programme at a glance', () => {
  it('counts its statuses in words', () => {
    expect(statusSummary([panels(1, 2), volunteers(20), survey(0, 0), reoffending])).toBe('2 green, 1 red, 1 no data');
  });

  it('has its partnership name and a tile per target in the API’s order', () => {
    const view = programmeView(figures);
    expect(view).toMatchObject({ name: 'Neighbourhood Restorative Justice Panels', provider: 'Victim Support', funder: 'MOPAC', capacity: undefined });
    expect(view.tiles.map((each) => each.id)).toEqual([
      'restorative-justice-trained-volunteers',
      'restorative-justice-panels-held',
      'restorative-justice-survey-completion',
      'restorative-justice-reoffending-6m',
    ]);
  });

  it('says of the conditional cautions that their courses cannot hold the attendees target', () => {
    const caution = programmeView({ ...figures, programme: 'conditional-caution', report: report('conditional-caution', year, today, []), steps: [], toDate: [], byStep: [] });
    expect(caution.capacity).toBe(
      '12 courses a year of at most 16 places each hold at most 192 people, so the target of 200 attendees cannot be reached, even with every course full.',
    );
  });
});
