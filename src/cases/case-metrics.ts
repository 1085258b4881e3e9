import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { covers, type Placement } from '../auth/jurisdiction';
import { batchedValue } from '../db/read-batch';
import { requireViewer } from '../auth/viewer';
import { AppError, badInput, ErrorCode, notFound, type Message } from '../graphql/errors';
import { parseInput } from '../graphql/validate';
import type { RequestContext } from '../server/context';
import { Community, Grid, Street } from '../territory';
import { pgUuidArray, type MetricDefinition, type MetricScope, type Period } from '../modules/metric';
import { OPEN_STATES } from './case.enums';

/*
 * The closed loop's figures, each one SQL aggregate over indexed columns of the grids in scope.
 * Rates are percentages rounded to one decimal; they are null (0 through the generic `metrics`
 * query, whose contract is a number) when nothing was there to divide by.
 */

type Params = unknown[];

/** One figure: a query selecting one column; sent with the request's other reads of this turn. */
async function one(em: EntityManager, sql: string, params: Params): Promise<number | null> {
  const v = await batchedValue(em, sql, params);
  return v == null ? null : Number(v);
}

const IN_SCOPE = 'c.grid_id = any(?::uuid[])';
const OPEN = OPEN_STATES.map((s) => `'${s}'`).join(', ');

interface CaseMetricSpec {
  code: string;
  key: keyof CaseMetricValues;
  label: Message;
  description: Message;
  unit: string;
  sql: string;
  params(scope: MetricScope, period: Period, now: Date): Params;
}

export interface CaseMetricValues {
  reported: number | null;
  solved: number | null;
  onTimeRate: number | null;
  meanHoursToResolve: number | null;
  satisfactionRate: number | null;
  feedbackRate: number | null;
  reopened: number | null;
  escalated: number | null;
  supervised: number | null;
  openOverdue: number | null;
}

const inPeriod = (col: string) => `${col} >= ? and ${col} < ?`;
const std = (scope: MetricScope, period: Period): Params => [
  pgUuidArray(scope.gridIds),
  period.from,
  period.to,
];

const eventCount = (actions: string[]) =>
  `select count(distinct e.case_id)::int as v from case_event e join case_record c on c.id = e.case_id
   where ${IN_SCOPE} and e.action in (${actions.map((a) => `'${a}'`).join(', ')}) and ${inPeriod('e.at')}`;

export const CASE_METRIC_SPECS: CaseMetricSpec[] = [
  {
    code: 'cases.reported',
    key: 'reported',
    label: { zh: '受理问题数', en: 'Cases reported' },
    description: { zh: '期内上报的案件数', en: 'Cases reported in the period' },
    unit: '件',
    sql: `select count(*)::int as v from case_record c where ${IN_SCOPE} and ${inPeriod('c.reported_at')}`,
    params: std,
  },
  {
    code: 'cases.solved',
    key: 'solved',
    label: { zh: '解决问题数', en: 'Cases solved' },
    description: {
      zh: '期内办结且未被重办的案件数',
      en: 'Cases resolved in the period (and not reopened since)',
    },
    unit: '件',
    sql: `select count(*)::int as v from case_record c where ${IN_SCOPE} and ${inPeriod('c.resolved_at')}`,
    params: std,
  },
  {
    code: 'cases.on_time_rate',
    key: 'onTimeRate',
    label: { zh: '按时办结率', en: 'On-time rate' },
    description: {
      zh: '期内办结的案件中在总时限内办结的比例',
      en: 'Share of the cases solved in the period that were solved by their overall deadline',
    },
    unit: '%',
    sql: `select round(100.0 * count(*) filter (where c.resolved_at <= c.overall_due_at) / nullif(count(*), 0), 1) as v
          from case_record c where ${IN_SCOPE} and ${inPeriod('c.resolved_at')}`,
    params: std,
  },
  {
    code: 'cases.mean_hours_to_resolve',
    key: 'meanHoursToResolve',
    label: { zh: '平均办结时长', en: 'Mean time to resolve' },
    description: {
      zh: '期内办结的案件从上报到办结的平均小时数',
      en: 'Mean hours from report to resolution of the cases solved in the period',
    },
    unit: '小时',
    sql: `select round((avg(extract(epoch from (c.resolved_at - c.reported_at))) / 3600)::numeric, 1) as v
          from case_record c where ${IN_SCOPE} and ${inPeriod('c.resolved_at')}`,
    params: std,
  },
  {
    code: 'cases.satisfaction_rate',
    key: 'satisfactionRate',
    label: { zh: '群众满意率', en: 'Satisfaction rate' },
    description: {
      zh: '期内评价中 4–5 分（满意）的比例',
      en: 'Share of the ratings given in the period that are 4 or 5',
    },
    unit: '%',
    sql: `select round(100.0 * count(*) filter (where c.rating >= 4) / nullif(count(*), 0), 1) as v
          from case_record c where ${IN_SCOPE} and c.rating is not null and ${inPeriod('c.rated_at')}`,
    params: std,
  },
  {
    code: 'cases.feedback_rate',
    key: 'feedbackRate',
    label: { zh: '结果反馈率', en: 'Feedback rate' },
    description: {
      zh: '期内办结的案件中已将结果反馈居民的比例',
      en: 'Share of the cases solved in the period whose result was told to the resident',
    },
    unit: '%',
    sql: `select round(100.0 * count(*) filter (where c.feedback_at is not null) / nullif(count(*), 0), 1) as v
          from case_record c where ${IN_SCOPE} and ${inPeriod('c.resolved_at')}`,
    params: std,
  },
  {
    code: 'cases.reopened',
    key: 'reopened',
    label: { zh: '重办件数', en: 'Cases reopened' },
    description: { zh: '期内因居民不满意而重办的案件数', en: 'Cases reopened in the period' },
    unit: '件',
    sql: eventCount(['REOPEN']),
    params: std,
  },
  {
    code: 'cases.escalated',
    key: 'escalated',
    label: { zh: '上报件数', en: 'Cases escalated' },
    description: {
      zh: '期内上报社区、街道或联席会议的案件数',
      en: 'Cases escalated in the period (to the community, the street or a joint meeting)',
    },
    unit: '件',
    sql: eventCount(['ESCALATE', 'SEND_TO_JOINT_MEETING']),
    params: std,
  },
  {
    code: 'cases.supervised',
    key: 'supervised',
    label: { zh: '督办件数', en: 'Cases supervised' },
    description: { zh: '期内被督办的案件数', en: 'Cases a supervisor sent back in the period' },
    unit: '件',
    sql: eventCount(['SUPERVISE']),
    params: std,
  },
  {
    code: 'cases.open_overdue',
    key: 'openOverdue',
    label: { zh: '超期未办结', en: 'Open and overdue' },
    description: {
      zh: '期末前上报、当前仍未办结，且在期末（或当前，取较早者）已超过时限的案件数',
      en: 'Cases reported before the end of the period, still open now, and past a deadline at the end of the period (or now, if sooner)',
    },
    unit: '件',
    sql: `select count(*)::int as v from case_record c
          where ${IN_SCOPE} and c.reported_at < ? and c.state in (${OPEN})
            and least(c.due_at, c.overall_due_at) < ?`,
    params: (scope, period, now) => [
      pgUuidArray(scope.gridIds),
      period.to,
      new Date(Math.min(period.to.getTime(), now.getTime())),
    ],
  },
];

export function computeCaseMetric(
  em: EntityManager,
  spec: CaseMetricSpec,
  scope: MetricScope,
  period: Period,
  now: Date,
): Promise<number | null> {
  return one(em, spec.sql, spec.params(scope, period, now));
}

/** The definitions the generic `metrics` query computes for any territory node. */
export const caseMetricDefinitions: MetricDefinition[] = CASE_METRIC_SPECS.map((spec) => ({
  code: spec.code,
  label: spec.label,
  description: spec.description,
  unit: spec.unit,
  compute: async (em, scope, period, env) => (await computeCaseMetric(em, spec, scope, period, env.now)) ?? 0,
}));

/** Cases solved in the period, per category, most first. */
export async function solvedByCategory(
  em: EntityManager,
  scope: MetricScope,
  period: Period,
): Promise<{ categoryId: string; count: number }[]> {
  const rows = (await em.getConnection().execute(
    `select c.category_id as category_id, count(*)::int as n from case_record c
       where ${IN_SCOPE} and ${inPeriod('c.resolved_at')}
       group by c.category_id order by n desc, c.category_id`,
    std(scope, period),
    'all',
  )) as { category_id: string; n: number }[];
  return rows.map((r) => ({ categoryId: r.category_id, count: Number(r.n) }));
}

/** A grid, community or street the viewer covers, with all its grids (retired ones too: history counts). */
export async function metricScope(
  ctx: RequestContext,
  node: { type: string; id: string },
): Promise<MetricScope> {
  const viewer = requireViewer(ctx.viewer);
  let placement: Placement;
  let level: MetricScope['level'];
  if (node.type === 'Grid') {
    const g = await ctx.em.findOne(Grid, node.id);
    if (!g) throw notFound('Grid');
    placement = { streetId: g.streetId, communityId: g.communityId, gridId: g.id };
    level = 'GRID';
  } else if (node.type === 'Community') {
    const c = await ctx.em.findOne(Community, node.id);
    if (!c) throw notFound('Community');
    placement = { streetId: c.streetId, communityId: c.id };
    level = 'COMMUNITY';
  } else if (node.type === 'Street') {
    const s = await ctx.em.findOne(Street, node.id);
    if (!s) throw notFound('Street');
    placement = { streetId: s.id };
    level = 'STREET';
  } else {
    throw badInput('scope', {
      en: 'scope must be a grid, community or street id',
      zh: 'scope 须为网格、社区或街道编号',
    });
  }
  if (!covers(viewer.jurisdiction, placement)) {
    throw new AppError(
      ErrorCode.FORBIDDEN,
      { en: 'Outside your jurisdiction', zh: '超出您的管辖范围' },
      { field: 'scope' },
    );
  }
  const where =
    level === 'GRID'
      ? { id: node.id }
      : level === 'COMMUNITY'
        ? { communityId: node.id }
        : { streetId: node.id };
  const grids = await ctx.em.find(Grid, where, { fields: ['id'] });
  return { level, id: node.id, gridIds: grids.map((g) => g.id) };
}

const periodSchema = z
  .object({ from: z.date(), to: z.date() })
  .refine((p) => p.from < p.to, {
    message: 'must be after from',
    params: { zh: '须晚于开始时间' },
    path: ['to'],
  })
  .refine((p) => p.to.getTime() - p.from.getTime() <= 10 * 366 * 24 * 3600 * 1000, {
    message: 'the period may span at most ten years',
    params: { zh: '统计区间不能超过十年' },
    path: ['to'],
  });

export interface CaseMetricsResult extends CaseMetricValues {
  scope: MetricScope;
  period: Period;
  solvedByCategory: { categoryId: string; count: number }[];
}

/** All the closed-loop figures of a territory node over [from, to). */
export async function caseMetrics(
  ctx: RequestContext,
  node: { type: string; id: string },
  raw: { from: Date; to: Date },
): Promise<CaseMetricsResult> {
  const period = parseInput(periodSchema, raw, '');
  const scope = await metricScope(ctx, node);
  const values = {} as CaseMetricValues;
  const now = ctx.app.clock.now();
  const [figures, byCategory] = await Promise.all([
    Promise.all(CASE_METRIC_SPECS.map((spec) => computeCaseMetric(ctx.em, spec, scope, period, now))),
    solvedByCategory(ctx.em, scope, period),
  ]);
  CASE_METRIC_SPECS.forEach((spec, i) => (values[spec.key] = figures[i]!));
  return { ...values, scope, period, solvedByCategory: byCategory };
}
