import { activityMetric, pgUuidArray, sqlValue, type MetricDefinition } from '../../src/modules';
import { civilitySettings } from './civility.settings';

/** Counts of reports by one of their times falling in the period. */
const reportsBy =
  (column: 'reported_at' | 'resolved_at'): MetricDefinition['compute'] =>
  (em, scope, period) =>
    sqlValue(
      em,
      `select count(*) as value from civility_report
        where grid_id = any(?::uuid[]) and ${column} >= ? and ${column} < ?`,
      [pgUuidArray(scope.gridIds), period.from, period.to],
    );

/** Metrics of the civility module. */
export const civilityMetrics: MetricDefinition[] = [
  activityMetric({
    code: 'civility.campaigns',
    label: { zh: '文明创建活动场次', en: 'Civility campaigns' },
    description: { zh: '期间内开展的文明创建活动场次', en: 'Civility campaigns held in the period' },
    unit: '场',
    kind: 'civility.campaign',
    expression: 'count(*)',
  }),
  activityMetric({
    code: 'civility.campaign_participants',
    label: { zh: '活动参与人次', en: 'Campaign participants' },
    description: {
      zh: '期间内文明创建活动的参与人次',
      en: 'People taking part in civility campaigns in the period',
    },
    unit: '人次',
    kind: 'civility.campaign',
    expression: `sum((details->>'participants')::int)`,
  }),
  activityMetric({
    code: 'civility.inspections',
    label: { zh: '环境卫生检查次数', en: 'Environment inspections' },
    description: { zh: '期间内楼栋与区域的环境卫生检查次数', en: 'Environment inspections in the period' },
    unit: '次',
    kind: 'civility.inspection',
    expression: 'count(*)',
  }),
  activityMetric({
    code: 'civility.mean_score',
    label: { zh: '环境检查平均分', en: 'Mean inspection score' },
    description: {
      zh: '期间内环境卫生检查的平均得分（0–100；没有检查时为 0）',
      en: 'Mean score (0–100) of the inspections in the period (0 when none)',
    },
    unit: '分',
    kind: 'civility.inspection',
    expression: `round(avg((details->>'score')::numeric), 1)`,
  }),
  {
    code: 'civility.pass_rate',
    label: { zh: '环境检查合格率', en: 'Inspection pass rate' },
    description: {
      zh: '期间内得分达到本网格合格分的检查所占比例',
      en: "Share of the inspections in the period scoring at least the grid's passing score",
    },
    unit: '%',
    compute: (em, scope, period) =>
      sqlValue(
        em,
        `select case when count(*) = 0 then 0
                     else round(100.0 * count(*) filter (
                            where (a.details->>'score')::int >= coalesce((m.settings->>'passingScore')::int, ?)
                          ) / count(*), 1) end as value
           from activity a
           left join grid_module m on m.grid_id = a.grid_id and m.module_id = 'civility'
          where a.grid_id = any(?::uuid[]) and a.occurred_at >= ? and a.occurred_at < ?
            and a.kind = 'civility.inspection'`,
        [civilitySettings.passingScore.default, pgUuidArray(scope.gridIds), period.from, period.to],
      ),
  },
  {
    code: 'civility.reports',
    label: { zh: '不文明行为报告数', en: 'Uncivil-behaviour reports' },
    description: { zh: '期间内报告的不文明行为数', en: 'Uncivil behaviour reported in the period' },
    unit: '件',
    compute: reportsBy('reported_at'),
  },
  {
    code: 'civility.reports_resolved',
    label: { zh: '不文明行为处理数', en: 'Reports resolved' },
    description: { zh: '期间内处理完毕的不文明行为报告数', en: 'Reports resolved in the period' },
    unit: '件',
    compute: reportsBy('resolved_at'),
  },
];
