import { activityMetric, pgUuidArray, sqlValue, type MetricDefinition } from '../../src/modules';
import { SafetyResponsibleParty } from './safety.entities';

/** Period bounds as China calendar days, for the date columns (the period's `to` is exclusive). */
const DAYS = `(?::timestamptz at time zone 'Asia/Shanghai')::date`;

const PARTIES: [SafetyResponsibleParty, string, string][] = [
  [SafetyResponsibleParty.COMMUNITY_GRID, '社区网格', 'the community grid'],
  [SafetyResponsibleParty.RESIDENTIAL_BRANCH, '小区党支部', 'the residential party branch'],
  [SafetyResponsibleParty.OWNERS_COMMITTEE, '业委会', 'the owners’ committee'],
  [SafetyResponsibleParty.PROPERTY_COMPANY, '物业公司', 'the property company'],
];

const routed = PARTIES.map(
  ([party, zh, en]): MetricDefinition => ({
    code: `safety.disputes_routed_${party.toLowerCase()}`,
    label: { zh: `分流至${zh}的纠纷`, en: `Disputes routed to ${en}` },
    description: {
      zh: `期间内受理并分流至${zh}的纠纷件数`,
      en: `Disputes taken in during the period and routed to ${en}`,
    },
    unit: '件',
    compute: (em, scope, period) =>
      sqlValue(
        em,
        `select count(*) as value from safety_dispute
          where grid_id = any(?::uuid[]) and routed_to = ? and received_on >= ${DAYS} and received_on <= ${DAYS}`,
        [pgUuidArray(scope.gridIds), party, period.from, new Date(period.to.getTime() - 1)],
      ),
  }),
);

/** Metrics of the safety module. */
export const safetyMetrics: MetricDefinition[] = [
  activityMetric({
    code: 'safety.patrols',
    label: { zh: '巡查次数', en: 'Patrols' },
    description: { zh: '期间内微网格长巡查次数', en: 'Micro-grid patrols in the period' },
    unit: '次',
    kind: 'safety.patrol',
    expression: 'count(*)',
  }),
  {
    code: 'safety.hazards_found',
    label: { zh: '发现隐患数', en: 'Hazards found' },
    description: { zh: '期间内巡查发现并转为案件的隐患数', en: 'Hazards found on patrol in the period' },
    unit: '处',
    compute: (em, scope, period) =>
      sqlValue(
        em,
        `select count(*) as value from safety_hazard
          where grid_id = any(?::uuid[]) and found_at >= ? and found_at < ?`,
        [pgUuidArray(scope.gridIds), period.from, period.to],
      ),
  },
  {
    code: 'safety.hazards_resolved',
    label: { zh: '整改隐患数', en: 'Hazards resolved' },
    description: {
      zh: '期间内随案件办结而整改的隐患数',
      en: 'Hazards resolved with their case in the period',
    },
    unit: '处',
    compute: (em, scope, period) =>
      sqlValue(
        em,
        `select count(*) as value from safety_hazard
          where grid_id = any(?::uuid[]) and status = 'RESOLVED' and resolved_at >= ? and resolved_at < ?`,
        [pgUuidArray(scope.gridIds), period.from, period.to],
      ),
  },
  ...routed,
  {
    code: 'safety.dispute_feedback_rate',
    label: { zh: '纠纷反馈率', en: 'Dispute feedback rate' },
    description: {
      zh: '期间内受理的纠纷中，已将结果反馈居民的比例（无受理时为 0）',
      en: 'Share of the disputes taken in during the period whose resident has been told the result (0 when none)',
    },
    unit: '%',
    compute: (em, scope, period) =>
      sqlValue(
        em,
        `select case when count(*) = 0 then 0
                     else round(100.0 * count(*) filter (where feedback_at is not null) / count(*), 1) end as value
           from safety_dispute
          where grid_id = any(?::uuid[]) and received_on >= ${DAYS} and received_on <= ${DAYS}`,
        [pgUuidArray(scope.gridIds), period.from, new Date(period.to.getTime() - 1)],
      ),
  },
];
