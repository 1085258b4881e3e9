import type { MetricDefinition } from './metric';
import { activityAggregate } from './sql';

/** Core metrics over the activity table: every module's activities counted together. */
export const activityMetrics: MetricDefinition[] = [
  {
    code: 'activities.count',
    label: { zh: '开展活动数', en: 'Activities' },
    description: {
      zh: '期间内各特色模块记录的活动总数',
      en: 'Activities recorded by all modules in the period',
    },
    unit: '次',
    compute: (em, scope, period) => activityAggregate(em, scope, period, null, 'count(*)'),
  },
  {
    code: 'activities.participants',
    label: { zh: '活动参与人次', en: 'Activity participants' },
    description: {
      zh: '期间内活动的参与者（志愿者、医生、讲师等）人次之和',
      en: 'Sum of participants (volunteers, doctors, speakers...) of the activities in the period',
    },
    unit: '人次',
    compute: (em, scope, period) => activityAggregate(em, scope, period, null, 'sum(participants)'),
  },
  {
    code: 'activities.beneficiaries',
    label: { zh: '活动服务人次', en: 'Activity beneficiaries' },
    description: {
      zh: '期间内活动服务或覆盖的居民人次之和',
      en: 'Sum of people served or reached by the activities in the period',
    },
    unit: '人次',
    compute: (em, scope, period) => activityAggregate(em, scope, period, null, 'sum(beneficiaries)'),
  },
];
