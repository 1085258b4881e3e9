import { activityMetric, pgUuidArray, sqlValue, type MetricDefinition } from '../../src/modules';
import { HeartBridgeConcernKind } from './heart-bridge.entities';

/** Period bounds as China calendar days, for the date columns (the period's `to` is exclusive). */
const DAYS = `(?::timestamptz at time zone 'Asia/Shanghai')::date`;

const KINDS: [HeartBridgeConcernKind, string, string, string][] = [
  [HeartBridgeConcernKind.WORRY, 'worries', '操心事', 'Worries'],
  [HeartBridgeConcernKind.ANNOYANCE, 'annoyances', '烦心事', 'Annoyances'],
  [HeartBridgeConcernKind.DISTRESS, 'distresses', '揪心事', 'Distresses'],
];

const raised = KINDS.map(
  ([kind, key, zh, en]): MetricDefinition => ({
    code: `heart-bridge.${key}_raised`,
    label: { zh: `${zh}登记数`, en: `${en} raised` },
    description: { zh: `期间内居民提出的${zh}件数`, en: `${en} residents raised in the period` },
    unit: '件',
    compute: (em, scope, period) =>
      sqlValue(
        em,
        `select count(*) as value from heart_bridge_concern
          where grid_id = any(?::uuid[]) and kind = ? and raised_on >= ${DAYS} and raised_on <= ${DAYS}`,
        [pgUuidArray(scope.gridIds), kind, period.from, new Date(period.to.getTime() - 1)],
      ),
  }),
);

const resolved = KINDS.map(
  ([kind, key, zh, en]): MetricDefinition => ({
    code: `heart-bridge.${key}_resolved`,
    label: { zh: `${zh}解决数`, en: `${en} resolved` },
    description: {
      zh: `期间内解决的${zh}件数（网格办理或所转案件办结）`,
      en: `${en} resolved in the period, on the grid or by their case`,
    },
    unit: '件',
    compute: (em, scope, period) =>
      sqlValue(
        em,
        `select count(*) as value from heart_bridge_concern
          where grid_id = any(?::uuid[]) and kind = ? and status = 'RESOLVED'
            and resolved_at >= ? and resolved_at < ?`,
        [pgUuidArray(scope.gridIds), kind, period.from, period.to],
      ),
  }),
);

/** Metrics of the heart-bridge module. */
export const heartBridgeMetrics: MetricDefinition[] = [
  ...raised,
  ...resolved,
  {
    code: 'heart-bridge.resolution_rate',
    label: { zh: '三事解决率', en: 'Concern resolution rate' },
    description: {
      zh: '期间内登记的三事中，目前已解决的比例（无登记时为 0）',
      en: 'Share of the concerns raised in the period that are resolved now (0 when none was raised)',
    },
    unit: '%',
    compute: (em, scope, period) =>
      sqlValue(
        em,
        `select case when count(*) = 0 then 0
                     else round(100.0 * count(*) filter (where status = 'RESOLVED') / count(*), 1) end as value
           from heart_bridge_concern
          where grid_id = any(?::uuid[]) and raised_on >= ${DAYS} and raised_on <= ${DAYS}`,
        [pgUuidArray(scope.gridIds), period.from, new Date(period.to.getTime() - 1)],
      ),
  },
  activityMetric({
    code: 'heart-bridge.briefings',
    label: { zh: '政策宣讲场次', en: 'Policy briefings' },
    description: { zh: '期间内举办的政策宣讲场次', en: 'Policy briefings held in the period' },
    unit: '场',
    kind: 'heart-bridge.briefing',
    expression: 'count(*)',
  }),
  activityMetric({
    code: 'heart-bridge.briefing_attendees',
    label: { zh: '宣讲参加人次', en: 'Briefing attendees' },
    description: { zh: '期间内政策宣讲的参加人次', en: 'Residents attending policy briefings in the period' },
    unit: '人次',
    kind: 'heart-bridge.briefing',
    expression: `sum((details->>'attendees')::int)`,
  }),
  {
    code: 'heart-bridge.sentiment_entries',
    label: { zh: '民情台账条数', en: 'Sentiment ledger entries' },
    description: {
      zh: '期间内记入民情台账的条数',
      en: 'Entries written in the sentiment ledger in the period',
    },
    unit: '条',
    compute: (em, scope, period) =>
      sqlValue(
        em,
        `select count(*) as value from heart_bridge_sentiment
          where grid_id = any(?::uuid[]) and recorded_on >= ${DAYS} and recorded_on <= ${DAYS}`,
        [pgUuidArray(scope.gridIds), period.from, new Date(period.to.getTime() - 1)],
      ),
  },
];
