import { activityMetric, pgUuidArray, sqlValue, type MetricDefinition } from '../../src/modules';

const EVENTS: [key: string, code: string, zh: string, en: string, unit: string][] = [
  ['lecture', 'lectures', '科普讲座场次', 'Science lectures', '场'],
  ['water_saving', 'water_saving_campaigns', '节水宣传次数', 'Water-saving campaigns', '次'],
  ['newsletter', 'newsletters', '电子科普报期数', 'E-newsletter issues', '期'],
  [
    'handwritten_newspaper',
    'handwritten_newspapers',
    '手抄报活动次数',
    'Hand-written newspaper events',
    '次',
  ],
];

/** Sums over the module's events that have participants (every kind but the newsletter). */
const overEvents =
  (expression: string): MetricDefinition['compute'] =>
  (em, scope, period) =>
    sqlValue(
      em,
      `select ${expression} as value from activity
        where grid_id = any(?::uuid[]) and occurred_at >= ? and occurred_at < ?
          and module_id = 'science' and kind <> 'science.newsletter'`,
      [pgUuidArray(scope.gridIds), period.from, period.to],
    );

/** Metrics of the science module. */
export const scienceMetrics: MetricDefinition[] = [
  ...EVENTS.map(
    ([key, code, zh, en, unit]): MetricDefinition =>
      activityMetric({
        code: `science.${code}`,
        label: { zh, en },
        description: { zh: `期间内${zh}`, en: `${en} in the period` },
        unit,
        kind: `science.${key}`,
        expression: 'count(*)',
      }),
  ),
  activityMetric({
    code: 'science.newsletter_recipients',
    label: { zh: '电子科普报接收人次', en: 'E-newsletter recipients' },
    description: {
      zh: '期间内各期电子科普报的接收人次',
      en: 'Recipients of the e-newsletter issues in the period',
    },
    unit: '人次',
    kind: 'science.newsletter',
    expression: `sum((details->>'recipients')::int)`,
  }),
  {
    code: 'science.participants',
    label: { zh: '科普活动参与人次', en: 'Participants' },
    description: {
      zh: '期间内科普讲座、节水宣传和手抄报活动的参与人次',
      en: 'People taking part in lectures, water-saving campaigns and hand-written newspapers in the period',
    },
    unit: '人次',
    compute: overEvents(`sum((details->>'participants')::int)`),
  },
  {
    code: 'science.youth_participants',
    label: { zh: '青少年参与人次', en: 'Young participants' },
    description: { zh: '其中青少年的参与人次', en: 'Of the participants, young people' },
    unit: '人次',
    compute: overEvents(`sum((details->>'youth')::int)`),
  },
  {
    code: 'science.youth_share',
    label: { zh: '青少年参与占比', en: 'Youth share' },
    description: {
      zh: '青少年参与人次占参与人次的比例（没有参与时为 0）',
      en: 'Young participants as a share of all participants (0 when none)',
    },
    unit: '%',
    compute: overEvents(
      `case when coalesce(sum((details->>'participants')::int), 0) = 0 then 0
            else round(100.0 * sum((details->>'youth')::int) / sum((details->>'participants')::int), 1) end`,
    ),
  },
];
