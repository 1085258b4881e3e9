import type { EntityManager } from '@mikro-orm/postgresql';
import { pgUuidArray, type MetricDefinition, type MetricScope, type Period } from '../modules/metric';
import { addDays, localDay } from './staff.scope';

/*
 * Staff figures of the grids in scope, each one SQL aggregate. Posts are dated by calendar day, so
 * the period's instants become days: [first day, day after the last).
 */

interface Days {
  from: string;
  /** Exclusive. */
  to: string;
  last: string;
}

function days(period: Period): Days {
  const to = localDay(period.to);
  return { from: localDay(period.from), to, last: addDays(to, -1) };
}

async function scalar(em: EntityManager, sql: string, params: unknown[]): Promise<number> {
  const rows = (await em.execute(sql, params as never[])) as { v: unknown }[];
  return Number(rows[0]?.v ?? 0);
}

function metric(
  code: string,
  label: { zh: string; en: string },
  description: { zh: string; en: string },
  unit: string,
  compute: (em: EntityManager, scope: MetricScope, d: Days) => Promise<number>,
): MetricDefinition {
  return { code, label, description, unit, compute: (em, scope, period) => compute(em, scope, days(period)) };
}

/** Grid workers with a post on the grids at any time in the period, and whether they were trained in it. */
const WORKERS_IN_PERIOD = `
  select distinct a.staff_member_id, exists (
    select 1 from training_attendance ta join training t on t.id = ta.training_id
    where ta.staff_member_id = a.staff_member_id and t.date >= ?::date and t.date < ?::date
  ) as trained
  from staff_assignment a
  where a.grid_id = any(?::uuid[]) and a.role = 'GRID_WORKER'
    and a.start_date < ?::date and (a.end_date is null or a.end_date >= ?::date)`;

const workerParams = (s: MetricScope, d: Days) => [d.from, d.to, pgUuidArray(s.gridIds), d.to, d.from];

export const staffMetrics: MetricDefinition[] = [
  metric(
    'staff.members',
    { zh: '网格工作人员数', en: 'Grid staff' },
    {
      zh: '期末在网格（含微网格、楼栋）任职的人数',
      en: 'People holding a post on the grids on the last day',
    },
    '人',
    (em, s, d) =>
      scalar(
        em,
        `select count(distinct a.staff_member_id) as v from staff_assignment a
         where a.grid_id = any(?::uuid[]) and a.start_date <= ?::date and (a.end_date is null or a.end_date >= ?::date)`,
        [pgUuidArray(s.gridIds), d.last, d.last],
      ),
  ),
  metric(
    'staff.grid_workers',
    { zh: '网格员人数', en: 'Grid workers' },
    { zh: '期末在岗的网格员人数', en: 'Grid workers in post on the last day' },
    '人',
    (em, s, d) =>
      scalar(
        em,
        `select count(distinct a.staff_member_id) as v from staff_assignment a
         where a.grid_id = any(?::uuid[]) and a.role = 'GRID_WORKER'
           and a.start_date <= ?::date and (a.end_date is null or a.end_date >= ?::date)`,
        [pgUuidArray(s.gridIds), d.last, d.last],
      ),
  ),
  metric(
    'staff.trained_grid_workers',
    { zh: '参训网格员人数', en: 'Trained grid workers' },
    {
      zh: '期内在岗并参加过至少一次培训的网格员人数',
      en: 'Grid workers in post during the period who attended at least one training in it',
    },
    '人',
    (em, s, d) =>
      scalar(
        em,
        `select count(*) filter (where w.trained) as v from (${WORKERS_IN_PERIOD}) w`,
        workerParams(s, d),
      ),
  ),
  metric(
    'staff.training_rate',
    { zh: '网格员培训率', en: 'Grid-worker training rate' },
    {
      zh: '期内在岗网格员中参加过培训的比例（无在岗网格员时为 0）',
      en: 'Share of the grid workers in post during the period who attended a training in it (0 when there were none)',
    },
    '%',
    (em, s, d) =>
      scalar(
        em,
        `select coalesce(round(100.0 * count(*) filter (where w.trained) / nullif(count(*), 0), 1), 0) as v
         from (${WORKERS_IN_PERIOD}) w`,
        workerParams(s, d),
      ),
  ),
  metric(
    'staff.sentiment_logs',
    { zh: '民情日志条数', en: 'Sentiment-log entries' },
    { zh: '期内记录的民情日志条数', en: 'Sentiment-log entries dated in the period' },
    '条',
    (em, s, d) =>
      scalar(
        em,
        `select count(*) as v from sentiment_log l
         where l.grid_id = any(?::uuid[]) and l.date >= ?::date and l.date < ?::date`,
        [pgUuidArray(s.gridIds), d.from, d.to],
      ),
  ),
  {
    code: 'staff.log_books',
    label: { zh: '发放民情日志本数', en: 'Log books issued' },
    description: { zh: '期内发放的民情日志本数', en: 'Log books issued in the period' },
    unit: '本',
    compute: (em, s, period) =>
      scalar(
        em,
        `select count(*) as v from log_book b
         where b.grid_id = any(?::uuid[]) and b.issued_at >= ? and b.issued_at < ?`,
        [pgUuidArray(s.gridIds), period.from, period.to],
      ),
  },
];
