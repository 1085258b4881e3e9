import { activityMetric, pgUuidArray, sqlValue, type MetricDefinition } from '../../src/modules';

/** Metrics of the legal module. */
export const legalMetrics: MetricDefinition[] = [
  activityMetric({
    code: 'legal.lectures',
    label: { zh: '法治讲座场次', en: 'Legal lectures' },
    description: { zh: '期间内举办的法治讲座场次', en: 'Legal lectures held in the period' },
    unit: '场',
    kind: 'legal.lecture',
    expression: 'count(*)',
  }),
  activityMetric({
    code: 'legal.lecture_attendees',
    label: { zh: '讲座听众人次', en: 'Lecture attendees' },
    description: { zh: '期间内法治讲座的听众人次', en: 'People attending legal lectures in the period' },
    unit: '人次',
    kind: 'legal.lecture',
    expression: `sum((details->>'attendees')::int)`,
  }),
  activityMetric({
    code: 'legal.consultations',
    label: { zh: '法律咨询次数', en: 'Consultations' },
    description: { zh: '期间内“你问我答”法律咨询次数', en: 'Legal Q&A consultations in the period' },
    unit: '次',
    kind: 'legal.consultation',
    expression: 'count(*)',
  }),
  activityMetric({
    code: 'legal.installs_helped',
    label: { zh: '协助安装反诈APP', en: 'Anti-fraud app installs helped' },
    description: {
      zh: '期间内协助居民安装国家反诈中心APP的次数',
      en: 'Installs of the anti-fraud app helped in the period',
    },
    unit: '次',
    kind: 'legal.anti_fraud_help',
    expression: `sum((details->>'installsHelped')::int)`,
  }),
  {
    code: 'legal.elderly_reached',
    label: { zh: '覆盖老年人次', en: 'Elderly reached' },
    description: {
      zh: '期间内反诈宣传覆盖的老年人与法治讲座的老年听众人次之和',
      en: 'Elderly reached by anti-fraud help plus elderly attending legal lectures, in the period',
    },
    unit: '人次',
    compute: (em, scope, period) =>
      sqlValue(
        em,
        `select sum(case kind when 'legal.anti_fraud_help' then (details->>'elderlyReached')::int
                              else coalesce((details->>'elderlyAttendees')::int, 0) end) as value
           from activity
          where grid_id = any(?::uuid[]) and occurred_at >= ? and occurred_at < ?
            and kind in ('legal.anti_fraud_help', 'legal.lecture')`,
        [pgUuidArray(scope.gridIds), period.from, period.to],
      ),
  },
  {
    code: 'legal.mediation_success_rate',
    label: { zh: '调解成功率', en: 'Mediation success rate' },
    description: {
      zh: '期间内办结的调解中达成协议的比例（撤回的不计）',
      en: 'Share of mediations ended in the period that reached an agreement (withdrawn ones not counted)',
    },
    unit: '%',
    compute: (em, scope, period) =>
      sqlValue(
        em,
        `select case when count(*) = 0 then 0
                     else round(100.0 * count(*) filter (where status = 'SUCCEEDED') / count(*), 1) end as value
           from legal_mediation
          where grid_id = any(?::uuid[]) and status in ('SUCCEEDED', 'FAILED')
            and closed_on >= (?::timestamptz at time zone 'Asia/Shanghai')::date
            and closed_on <= (?::timestamptz at time zone 'Asia/Shanghai')::date`,
        [pgUuidArray(scope.gridIds), period.from, new Date(period.to.getTime() - 1)],
      ),
  },
];
