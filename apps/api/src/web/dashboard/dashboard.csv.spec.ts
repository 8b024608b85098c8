import type { TargetsReport } from '@safer-cases/projections/targets';
import { csvColumns, csvFileName, figuresCsv } from './dashboard.csv';

const period = { from: '2026-04-01', to: '2027-03-31', asOf: '2026-11-22' };

const reports: TargetsReport[] = [
  {
    programme: 'restorative-justice',
    ...period,
    targets: [
      { id: 'panels-held', kind: 'count-at-least', target: 100, ceiling: 200, actual: 3, forecast: 5, status: 'red' },
      { id: 'reoffending-6m', kind: 'rate-below', target: 10, numerator: 1, denominator: 12, actual: 8.3, provisional: { cases: 3, reoffended: 1 }, status: 'green' },
    ],
  },
  {
    programme: 'community-coaching',
    ...period,
    targets: [
      { id: 'trained-volunteers', kind: 'count-at-least', target: 20, ceiling: 25, actual: 1, status: 'red' },
      { id: 'support-hours-in-guide', kind: 'indicator', guide: { min: 15, max: 25, unit: 'hours' }, numerator: 0, denominator: 0, actual: null, status: 'n/a' },
    ],
  },
];

describe('the figures as CSV', () => {
  const lines = figuresCsv(reports).split('\r\n');

  it('has a heading row and a row per target, each value the API’s and an empty cell where it gives none', () => {
    expect(lines[0]).toBe(csvColumns.join(','));
    expect(lines.slice(1)).toEqual([
      'restorative-justice,Neighbourhood Restorative Justice Panels,panels-held,Panels held,count-at-least,3,100,200,5,red,,,,,2026-04-01,2027-03-31,2026-11-22',
      'restorative-justice,Neighbourhood Restorative Justice Panels,reoffending-6m,Reoffending within 6 months of their outcome agreement,rate-below,8.3,10,,,green,1,12,3,1,2026-04-01,2027-03-31,2026-11-22',
      'community-coaching,Community Coaches,trained-volunteers,Trained coaches,count-at-least,1,20,25,,red,,,,,2026-04-01,2027-03-31,2026-11-22',
      'community-coaching,Community Coaches,support-hours-in-guide,Interventions with 15 to 25 hours of support,indicator,,,,,n/a,0,0,,,2026-04-01,2027-03-31,2026-11-22',
      '',
    ]);
  });

  it('names the file by its period', () => {
    expect(csvFileName('2026-04-01', '2026-06-30')).toBe('safer-cases-targets-2026-04-01-to-2026-06-30.csv');
  });
});
