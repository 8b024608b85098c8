import type { LineSeriesOption } from 'echarts';
import { renderTrendChart, TrendChart, trendChartOption } from './dashboard.chart';

const panels: TrendChart = {
  id: 'restorative-justice-panels-held-chart',
  title: 'Panels held: by month, 1 April 2026 to 31 March 2027',
  description: 'Count to date: April 2026: 1; May 2026: 3. Target: at least 100.',
  labels: ['Apr 2026', 'May 2026'],
  unit: 'count',
  lines: [
    { name: 'Count to date', values: [1, 3], style: 'actual' },
    { name: 'Forecast for the period', values: [12, 18], style: 'forecast' },
  ],
  target: { value: 100, label: 'Target 100' },
};

const completion: TrendChart = {
  id: 'conditional-caution-completion-rate-chart',
  title: 'Attendees who completed: by month',
  description: 'May 2026: 50.0% (1 of 2); June 2026: No cases (0 of 0). Target: at least 90%.',
  labels: ['May 2026', 'Jun 2026'],
  unit: 'percent',
  lines: [{ name: 'Rate', values: [50, null], style: 'actual' }],
  target: { value: 90, label: 'Target 90%' },
};

const seriesOf = (chart: TrendChart): LineSeriesOption[] => trendChartOption(chart).series as LineSeriesOption[];

describe('the options of a trend chart', () => {
  it('draws each line of figures over the months, as given', () => {
    const option = trendChartOption(panels);
    expect(option.xAxis).toMatchObject({ type: 'category', data: ['Apr 2026', 'May 2026'] });
    expect(
      seriesOf(panels)
        .slice(0, 2)
        .map((series) => ({ name: series.name, data: series.data })),
    ).toEqual([
      { name: 'Count to date', data: [1, 3] },
      { name: 'Forecast for the period', data: [12, 18] },
    ]);
  });

  it('draws the target as a dashed line at the target on every month, labelled with its value', () => {
    const target = seriesOf(panels).find((series) => series.name === 'Target');
    expect(target).toMatchObject({ type: 'line', data: [100, 100], lineStyle: { type: 'dashed' }, symbol: 'none', endLabel: { show: true, formatter: 'Target 100' } });
  });

  it('tells the lines apart by dash and marker as well as colour', () => {
    const looks = seriesOf(panels).map((series) => [series.lineStyle?.type, series.symbol]);
    expect(new Set(looks.map((look) => look.join(' '))).size).toBe(3);
  });

  it('draws a rate on a 0–100% scale, leaving a gap for a month with no cases', () => {
    const option = trendChartOption(completion);
    expect(option.yAxis).toMatchObject({ min: 0, max: 100, axisLabel: { formatter: '{value}%' } });
    expect(seriesOf(completion)[0]).toMatchObject({ data: [50, null], connectNulls: false });
  });

  it('counts in whole numbers, from zero', () => {
    expect(trendChartOption(panels).yAxis).toMatchObject({ min: 0, minInterval: 1 });
  });

  it('has no target line for an indicator, which has no target', () => {
    const indicator = { ...completion, target: undefined };
    expect(seriesOf(indicator).map((series) => series.name)).toEqual(['Rate']);
  });

  it('turns on ECharts’ own description, and no animation for a drawing made once on the server', () => {
    expect(trendChartOption(panels)).toMatchObject({ animation: false, aria: { enabled: true, label: { description: panels.description } } });
  });
});

describe('the chart drawn as SVG', () => {
  const svg = renderTrendChart(panels);

  it('is an image named by its title and described by its figures', () => {
    const opening = /^<svg[^>]*>/.exec(svg)?.[0] ?? '';
    expect(opening).toContain('role="img"');
    expect(opening).toContain('aria-labelledby="restorative-justice-panels-held-chart-title"');
    expect(opening).toContain('aria-describedby="restorative-justice-panels-held-chart-desc"');
    expect(svg).toContain('<title id="restorative-justice-panels-held-chart-title">Panels held: by month, 1 April 2026 to 31 March 2027</title>');
    expect(svg).toContain('<desc id="restorative-justice-panels-held-chart-desc">Count to date: April 2026: 1; May 2026: 3. Target: at least 100.</desc>');
  });

  it('draws the target line dashed, with its label', () => {
    expect(svg).toMatch(/<path d="M[^"]*" [^>]*stroke="#0b0c0c"[^>]*stroke-dasharray/);
    expect(svg).toMatch(/<text[^>]*>Target 100<\/text>/);
    expect(svg).toMatch(/<text[^>]*>Count to date<\/text>/);
  });

  it('escapes the words it is given', () => {
    const drawn = renderTrendChart({ ...panels, id: 'x', title: 'Rates <over> 5 & "more"' });
    expect(drawn).toContain('<title id="x-title">Rates &lt;over&gt; 5 &amp; &quot;more&quot;</title>');
  });

  it('gives each chart of a page its own ids', () => {
    const other = renderTrendChart(completion);
    const ids = (drawn: string) => [...drawn.matchAll(/ id="([^"]+)"/g)].map((match) => match[1]);
    expect(ids(svg).filter((id) => ids(other).includes(id))).toEqual([]);
  });
});
