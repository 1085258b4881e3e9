import { badInput } from '../graphql/errors';
import { computeMetrics, type ScopeInput } from '../modules/metrics.service';
import { addDays, localDateOf } from '../modules/dates';
import type { RequestContext } from '../server/context';
import { chinaMidnight } from './report.period';
import { SeriesInterval, type MetricSeries } from './report.types';

/** At most this many buckets per series: ten years by month, a little over two years by week. */
export const MAX_POINTS = 120;
const MAX_CODES = 20;

/** Calendar buckets (China time) covering [from, to), the first and last clipped to the range. */
export function buckets(from: Date, to: Date, interval: SeriesInterval): { from: Date; to: Date }[] {
  const out: { from: Date; to: Date }[] = [];
  let day = localDateOf(from);
  if (interval === SeriesInterval.MONTH) day = `${day.slice(0, 8)}01`;
  else day = addDays(day, -((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7));
  let start = chinaMidnight(day);
  while (start < to) {
    let next: string;
    if (interval === SeriesInterval.MONTH) {
      const [y, m] = day.split('-').map(Number) as [number, number];
      next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
    } else next = addDays(day, 7);
    const end = chinaMidnight(next);
    out.push({ from: start < from ? from : start, to: end > to ? to : end });
    if (out.length > MAX_POINTS) break;
    day = next;
    start = end;
  }
  return out;
}

/**
 * Any metric of the `metrics` query as a time series: the same computation (jurisdiction, module
 * enablement, one SQL aggregate per metric) run per calendar month or week.
 */
export async function metricSeries(
  ctx: RequestContext,
  scope: ScopeInput,
  codes: string[],
  from: Date,
  to: Date,
  interval: SeriesInterval,
): Promise<MetricSeries[]> {
  if (!codes.length || codes.length > MAX_CODES) {
    throw badInput('codes', {
      en: `codes: give 1 to ${MAX_CODES} metric codes`,
      zh: `codes：须给出 1 至 ${MAX_CODES} 个指标代码`,
    });
  }
  if (!(to > from)) throw badInput('to', { en: 'to must be after from', zh: 'to 必须晚于 from' });
  const parts = buckets(from, to, interval);
  if (parts.length > MAX_POINTS) {
    throw badInput('to', {
      en: `at most ${MAX_POINTS} points per series; use a shorter range or a longer interval`,
      zh: `每个序列最多 ${MAX_POINTS} 个点，请缩短时间范围或改用更大的间隔`,
    });
  }
  const series = new Map<string, MetricSeries>();
  for (const b of parts) {
    for (const v of await computeMetrics(ctx, scope, b, codes)) {
      let s = series.get(v.code);
      if (!s) {
        s = { code: v.code, label: v.label, unit: v.unit, points: [] };
        series.set(v.code, s);
      }
      s.points.push({ from: b.from, to: b.to, value: v.value });
    }
  }
  return [...series.values()];
}
