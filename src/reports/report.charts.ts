import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { ChartId } from './report.document';
import type { CommunityReport } from './report.types';

/*
 * The report's charts: Vega-Lite specs compiled and rendered to SVG on the server (no browser, no
 * canvas, data inline), so the HTML page and the .docx carry finished pictures and load nothing.
 * vega 5 / vega-lite 5 are used because they are CommonJS and support Node 18+ (the 6.x lines are
 * ESM-only and vega-lite 6.5 declares Node >= 22).
 */

export const CHART_FONT =
  '"Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC", sans-serif';

const config = {
  font: CHART_FONT,
  background: 'white',
  view: { stroke: null },
  axis: { labelFontSize: 12, titleFontSize: 12, grid: true, gridColor: '#e5e7eb' },
  title: { fontSize: 15, anchor: 'start' as const },
  legend: { labelFontSize: 12, titleFontSize: 12, orient: 'top' as const },
};

function byCategorySpec(r: CommunityReport): TopLevelSpec {
  const values = r.progress.solvedByCategory.map((c) => ({ 类别: c.name, 件数: c.count }));
  return {
    title: values.length ? '各类问题解决件数' : '各类问题解决件数（本期无办结问题）',
    width: 520,
    height: Math.max(60, 28 * values.length),
    data: { values },
    mark: { type: 'bar', color: '#c0392b', tooltip: false },
    encoding: {
      y: { field: '类别', type: 'nominal', sort: '-x', title: null },
      x: { field: '件数', type: 'quantitative', title: '解决件数（件）', axis: { tickMinStep: 1 } },
    },
    config,
  } as TopLevelSpec;
}

function monthlySpec(r: CommunityReport): TopLevelSpec {
  // Within one year the months read 1月…12月; across years they keep the year.
  const oneYear = new Set(r.monthly.map((m) => m.month.slice(0, 4))).size === 1;
  const label = (month: string) => (oneYear ? `${Number(month.slice(5))}月` : month);
  const values = r.monthly.flatMap((m) => [
    { 月份: label(m.month), 类型: '上报', 件数: m.reported },
    { 月份: label(m.month), 类型: '解决', 件数: m.solved },
  ]);
  return {
    title: '各月问题上报与解决件数',
    width: 520,
    height: 220,
    data: { values },
    mark: { type: 'bar', tooltip: false },
    encoding: {
      x: { field: '月份', type: 'ordinal', title: '月份', sort: null, axis: { labelAngle: 0 } },
      xOffset: { field: '类型', type: 'nominal' },
      y: { field: '件数', type: 'quantitative', title: '件数（件）', axis: { tickMinStep: 1 } },
      color: {
        field: '类型',
        type: 'nominal',
        title: null,
        scale: { domain: ['上报', '解决'], range: ['#2563eb', '#16a34a'] },
      },
    },
    config,
  } as TopLevelSpec;
}

async function render(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** Both charts as standalone SVG documents. */
export async function renderCharts(r: CommunityReport): Promise<Record<ChartId, string>> {
  return { byCategory: await render(byCategorySpec(r)), monthly: await render(monthlySpec(r)) };
}

/** Width and height an SVG declares. */
export function svgSize(svg: string): { width: number; height: number } {
  const w = /<svg[^>]*\swidth="([\d.]+)"/.exec(svg);
  const h = /<svg[^>]*\sheight="([\d.]+)"/.exec(svg);
  return { width: Number(w?.[1] ?? 600), height: Number(h?.[1] ?? 300) };
}
