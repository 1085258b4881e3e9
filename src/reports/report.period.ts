import { z } from 'zod';
import { parseInput } from '../graphql/validate';
import { addDays } from '../modules/dates';

/** A report period: calendar days in China, both ends included, and the instants [start, end) they cover. */
export interface ReportPeriod {
  from: string;
  to: string;
  start: Date;
  end: Date;
}

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine(
    (s) => {
      const d = new Date(`${s}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
    },
    {
      message: 'is not a real date',
      params: { zh: '不是有效日期' },
    },
  );

const periodSchema = z
  .object({ from: day, to: day })
  .refine((p) => p.from <= p.to, {
    path: ['to'],
    message: 'must not be before from',
    params: { zh: '结束日期不能早于开始日期' },
  })
  .refine((p) => Date.parse(p.to) - Date.parse(p.from) <= 3660 * 86_400_000, {
    path: ['to'],
    message: 'a report spans at most ten years',
    params: { zh: '报告期最长十年' },
  });

/** China midnight at the start of a calendar day. */
export function chinaMidnight(date: string): Date {
  return new Date(`${date}T00:00:00+08:00`);
}

export function parseReportPeriod(raw: { from: string; to: string }, field = 'period'): ReportPeriod {
  const p = parseInput(periodSchema, raw, field);
  return { from: p.from, to: p.to, start: chinaMidnight(p.from), end: chinaMidnight(addDays(p.to, 1)) };
}

/** The calendar months a period touches, each clipped to the period: [start, end) and 'YYYY-MM'. */
export function monthsOf(p: ReportPeriod): { month: string; start: Date; end: Date }[] {
  const out: { month: string; start: Date; end: Date }[] = [];
  let first = p.from;
  while (first <= p.to) {
    const [y, m] = first.split('-').map(Number) as [number, number];
    const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
    const end = next > addDays(p.to, 1) ? addDays(p.to, 1) : next;
    out.push({ month: first.slice(0, 7), start: chinaMidnight(first), end: chinaMidnight(end) });
    first = next;
  }
  return out;
}
