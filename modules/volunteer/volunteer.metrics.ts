import {
  activityAggregate,
  activityMetric,
  pgUuidArray,
  sqlValue,
  type MetricDefinition,
} from '../../src/modules';

const SERVICE = 'volunteer.service';

/** Metrics of the volunteer module; each one SQL aggregate over the scope's grids. */
export const volunteerMetrics: MetricDefinition[] = [
  {
    code: 'volunteer.active_volunteers',
    label: { zh: '活跃志愿者', en: 'Active volunteers' },
    description: {
      zh: '期间内至少参加过一次志愿服务的志愿者人数',
      en: 'Volunteers who served at least once in the period',
    },
    unit: '人',
    compute: (em, scope, period) =>
      sqlValue(
        em,
        `select count(distinct m.id) as value
           from activity a cross join lateral jsonb_array_elements_text(a.details->'memberIds') as m(id)
          where a.grid_id = any(?::uuid[]) and a.kind = ? and a.occurred_at >= ? and a.occurred_at < ?`,
        [pgUuidArray(scope.gridIds), SERVICE, period.from, period.to],
      ),
  },
  {
    code: 'volunteer.service_hours',
    label: { zh: '志愿服务时长', en: 'Service hours' },
    description: {
      zh: '期间内各次服务的时长乘以参与志愿者人数之和',
      en: 'Sum over services of hours times the number of volunteers',
    },
    unit: '小时',
    compute: (em, scope, period) =>
      activityAggregate(
        em,
        scope,
        period,
        SERVICE,
        `round(sum((details->>'hours')::numeric * jsonb_array_length(details->'memberIds')), 1)`,
      ),
  },
  activityMetric({
    code: 'volunteer.services',
    label: { zh: '志愿服务次数', en: 'Services' },
    description: { zh: '期间内记录的志愿服务次数', en: 'Volunteer services recorded in the period' },
    unit: '次',
    kind: SERVICE,
    expression: 'count(*)',
  }),
  activityMetric({
    code: 'volunteer.people_served',
    label: { zh: '服务群众人次', en: 'People served' },
    description: { zh: '期间内志愿服务惠及的居民人次', en: 'Residents served by the services in the period' },
    unit: '人次',
    kind: SERVICE,
    expression: `sum((details->>'peopleServed')::int)`,
  }),
  {
    code: 'volunteer.active_pairings',
    label: { zh: '结对帮扶数', en: 'Active pairings' },
    description: {
      zh: '期间内任一天处于结对状态的志愿者与住户结对数',
      en: 'Volunteer–household pairings active on any day of the period',
    },
    unit: '对',
    compute: (em, scope, period) =>
      sqlValue(
        em,
        `select count(*) as value from volunteer_pairing
          where grid_id = any(?::uuid[])
            and started_on < (?::timestamptz at time zone 'Asia/Shanghai')::date + 1
            and (ended_on is null or ended_on >= (?::timestamptz at time zone 'Asia/Shanghai')::date)`,
        [pgUuidArray(scope.gridIds), new Date(period.to.getTime() - 1), period.from],
      ),
  },
];
