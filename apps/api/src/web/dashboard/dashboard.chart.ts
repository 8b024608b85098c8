import * as echarts from 'echarts';

/** A trend chart as the page describes it: every number in it is one of the API's. */
export type TrendChart = {
  /** Unique on the page: the ids of the SVG's title and description derive from it. */
  id: string;
  title: string;
  /** The figures in words, for those who cannot see the chart. */
  description: string;
  labels: string[];
  unit: 'count' | 'percent';
  lines: { name: string; values: (number | null)[]; style: 'actual' | 'forecast' }[];
  target?: { value: number; label: string };
};

export const chartSize = { width: 640, height: 320 };

/** GOV.UK colours; each line also differs by its dash and its marker, so colour is never the only clue. */
const palette = { actual: '#1d70b8', forecast: '#505a5f', target: '#0b0c0c', text: '#0b0c0c', grid: '#b1b4b6' };

const lineLooks = {
  actual: { color: palette.actual, lineStyle: { width: 3, type: 'solid' }, symbol: 'circle', symbolSize: 8 },
  forecast: { color: palette.forecast, lineStyle: { width: 2, type: 'dotted' }, symbol: 'triangle', symbolSize: 9 },
} as const;

/**
 * The ECharts option of a trend chart: the API's figures as lines over the months, and the
 * target as a dashed line labelled with its value at its end. Pure, so it is tested on its own.
 */
export const trendChartOption = (chart: TrendChart): echarts.EChartsOption => {
  const percent = chart.unit === 'percent';
  const lines: echarts.LineSeriesOption[] = chart.lines.map((line) => ({
    type: 'line',
    name: line.name,
    data: line.values,
    connectNulls: false,
    ...lineLooks[line.style],
    itemStyle: { color: lineLooks[line.style].color },
  }));
  const target: echarts.LineSeriesOption[] = chart.target
    ? [
        {
          type: 'line',
          name: 'Target',
          data: chart.labels.map(() => chart.target?.value ?? null),
          color: palette.target,
          itemStyle: { color: palette.target },
          lineStyle: { width: 2, type: 'dashed' },
          symbol: 'none',
          endLabel: { show: true, formatter: chart.target.label, color: palette.text, fontSize: 13 },
        },
      ]
    : [];
  return {
    animation: false,
    aria: { enabled: true, label: { enabled: true, description: chart.description } },
    textStyle: { fontFamily: 'arial, sans-serif', color: palette.text },
    legend: {
      top: 0,
      left: 0,
      itemWidth: 30,
      textStyle: { color: palette.text, fontSize: 14 },
      data: [...chart.lines.map((line) => line.name), ...(chart.target ? [{ name: 'Target', itemStyle: { opacity: 0 } }] : [])],
    },
    grid: { top: 48, left: 16, right: chart.target ? 104 : 24, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: chart.labels, boundaryGap: false, axisLabel: { color: palette.text, fontSize: 13 }, axisLine: { lineStyle: { color: palette.text } } },
    yAxis: {
      type: 'value',
      min: 0,
      ...(percent ? { max: 100, axisLabel: { formatter: '{value}%', color: palette.text, fontSize: 13 } } : { minInterval: 1, axisLabel: { color: palette.text, fontSize: 13 } }),
      splitLine: { lineStyle: { color: palette.grid } },
    },
    series: [...lines, ...target],
  };
};

const escapeXml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The chart drawn on the server as SVG, for pages that work without JavaScript: `role="img"`
 * named by its `<title>` and described by its `<desc>`, which states the figures.
 */
export const renderTrendChart = (chart: TrendChart): string => {
  const instance = echarts.init(null, null, { renderer: 'svg', ssr: true, ...chartSize });
  try {
    instance.setOption(trendChartOption(chart));
    const svg = instance.renderToSVGString();
    const titleId = `${chart.id}-title`;
    const descId = `${chart.id}-desc`;
    return svg.replace(
      /^<svg([^>]*)>/,
      `<svg$1 role="img" aria-labelledby="${titleId}" aria-describedby="${descId}" focusable="false"><title id="${titleId}">${escapeXml(chart.title)}</title><desc id="${descId}">${escapeXml(chart.description)}</desc>`,
    );
  } finally {
    instance.dispose();
  }
};
