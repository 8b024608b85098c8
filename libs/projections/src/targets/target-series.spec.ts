import { monthsOfPeriod, seriesWindows } from './target-series';

describe('a targets series', () => {
  const year = { from: '2014-04-01', to: '2015-03-31' };

  it('has every month of the period, each the period from its start to the month’s end', () => {
    const windows = seriesWindows(year, '2016-01-01');
    expect(windows.map(({ month }) => month)).toEqual([
      '2014-04',
      '2014-05',
      '2014-06',
      '2014-07',
      '2014-08',
      '2014-09',
      '2014-10',
      '2014-11',
      '2014-12',
      '2015-01',
      '2015-02',
      '2015-03',
    ]);
    expect(windows[0].window).toEqual({ from: '2014-04-01', to: '2014-04-30', asOf: '2014-04-30' });
    expect(windows[10].window).toEqual({ from: '2014-04-01', to: '2015-02-28', asOf: '2015-02-28' });
  });

  it('takes each month as of its end, or as of asOf once that is earlier', () => {
    const windows = seriesWindows(year, '2014-06-10');
    expect(windows.slice(1, 4).map(({ window }) => window)).toEqual([
      { from: '2014-04-01', to: '2014-05-31', asOf: '2014-05-31' },
      { from: '2014-04-01', to: '2014-06-30', asOf: '2014-06-10' },
      { from: '2014-04-01', to: '2014-07-31', asOf: '2014-06-10' },
    ]);
  });

  it('cuts the first and last months to the period', () => {
    const windows = seriesWindows({ from: '2014-04-15', to: '2014-06-10' }, '2014-12-31');
    expect(windows).toEqual([
      { month: '2014-04', window: { from: '2014-04-15', to: '2014-04-30', asOf: '2014-04-30' } },
      { month: '2014-05', window: { from: '2014-04-15', to: '2014-05-31', asOf: '2014-05-31' } },
      { month: '2014-06', window: { from: '2014-04-15', to: '2014-06-10', asOf: '2014-06-10' } },
    ]);
  });

  it('counts the months a period touches, a part month as one', () => {
    expect(monthsOfPeriod(year)).toBe(12);
    expect(monthsOfPeriod({ from: '2014-04-30', to: '2014-05-01' })).toBe(2);
    expect(monthsOfPeriod({ from: '2014-04-01', to: '2014-04-01' })).toBe(1);
    expect(monthsOfPeriod({ from: '1900-01-01', to: '9999-12-31' })).toBe(8100 * 12);
  });
});
