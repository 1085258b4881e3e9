import {
  activityAggregate,
  activityMetric,
  asOf,
  percent,
  registerCounts,
  type ContactRegister,
  type MetricDefinition,
} from '../../src/modules';
import { CareContactOutcome, CareHelpKind } from './care.entities';

/**
 * The care register and what counts as contact: a door-knock visit or a care call that reached the
 * person (NO_ANSWER does not).
 */
export const CARE_REGISTER: ContactRegister = {
  table: 'care_target',
  moduleId: 'care',
  kinds: ['care.visit', 'care.call'],
  refKey: 'targetId',
  contactCondition: `details->>'outcome' <> '${CareContactOutcome.NO_ANSWER}'`,
  intervalSetting: 'visitIntervalDays',
  defaultInterval: 30,
};

const HELP_LABELS: Record<CareHelpKind, { zh: string; en: string }> = {
  FESTIVAL: { zh: '重大节日全部帮', en: 'festival help' },
  HARDSHIP: { zh: '特困对象重点帮', en: 'special-hardship help' },
  EMERGENCY: { zh: '突发事件及时帮', en: 'emergency help' },
};

/** People helped (人次) by one kind of help in the period: each target of each help record once. */
const helpMetric = (helpKind: CareHelpKind): MetricDefinition => ({
  code: `care.help_${helpKind.toLowerCase()}`,
  label: { zh: `${HELP_LABELS[helpKind].zh}人次`, en: `People given ${HELP_LABELS[helpKind].en}` },
  description: {
    zh: `期间内${HELP_LABELS[helpKind].zh}帮扶的对象人次`,
    en: `Targets given ${HELP_LABELS[helpKind].en} in the period, counted per help record`,
  },
  unit: '人次',
  compute: (em, scope, period) =>
    activityAggregate(
      em,
      scope,
      period,
      'care.help',
      `coalesce(sum(jsonb_array_length(details->'targetIds'))
                filter (where details->>'helpKind' = '${helpKind}'), 0)`,
    ),
});

/** Metrics of the care module. Register figures are taken as of the end of the period (or now). */
export const careMetrics: MetricDefinition[] = [
  {
    code: 'care.targets',
    label: { zh: '在册关爱对象', en: 'Care targets' },
    description: { zh: '期末在册的关爱对象人数', en: 'Targets on the register at the end of the period' },
    unit: '人',
    compute: async (em, scope, period, env) =>
      (await registerCounts(em, CARE_REGISTER, scope.gridIds, asOf(period, env))).active,
  },
  activityMetric({
    code: 'care.visits',
    label: { zh: '敲敲门探访次数', en: 'Door-knock visits' },
    description: { zh: '期间内的敲敲门上门探访次数', en: 'Door-knock visits in the period' },
    unit: '次',
    kind: 'care.visit',
    expression: 'count(*)',
  }),
  activityMetric({
    code: 'care.calls',
    label: { zh: '电话关爱次数', en: 'Care calls' },
    description: { zh: '期间内的电话关爱次数', en: 'Care calls in the period' },
    unit: '次',
    kind: 'care.call',
    expression: 'count(*)',
  }),
  {
    code: 'care.coverage',
    label: { zh: '关爱覆盖率', en: 'Coverage' },
    description: {
      zh: '期末在册对象中，在本网格关爱周期内被探访或电话联系上的比例',
      en: "Share of targets on the register reached by a visit or call within their grid's interval, at the end of the period",
    },
    unit: '%',
    compute: async (em, scope, period, env) => {
      const c = await registerCounts(em, CARE_REGISTER, scope.gridIds, asOf(period, env));
      return percent(c.covered, c.active);
    },
  },
  {
    code: 'care.overdue_targets',
    label: { zh: '逾期未关爱对象', en: 'Overdue targets' },
    description: {
      zh: '期末在册对象中，距上次联系上（或登记）已超过本网格关爱周期的人数',
      en: "Targets not reached (since registration) within their grid's interval, at the end of the period",
    },
    unit: '人',
    compute: async (em, scope, period, env) =>
      (await registerCounts(em, CARE_REGISTER, scope.gridIds, asOf(period, env))).overdue,
  },
  helpMetric(CareHelpKind.FESTIVAL),
  helpMetric(CareHelpKind.HARDSHIP),
  helpMetric(CareHelpKind.EMERGENCY),
];
