import type { EntityManager } from '@mikro-orm/postgresql';
import {
  activeOn,
  activityMetric,
  asOf,
  AS_OF_DAY,
  pgUuidArray,
  registerCounts,
  sqlValue,
  type ContactRegister,
  type MetricDefinition,
} from '../../src/modules';

/** The register of elderly and what counts as a contact: a home visit. */
export const ELDERLY_REGISTER: ContactRegister = {
  table: 'elderly_care_profile',
  moduleId: 'elderly-care',
  kinds: ['elderly-care.visit'],
  refKey: 'profileId',
  intervalSetting: 'visitIntervalDays',
  defaultInterval: 30,
};

/**
 * Active elderly of the grids not visited (nor registered) within their grid's visit interval as of
 * `at`; `intervalDays` overrides the grids' settings (to preview a change before it is saved).
 */
export async function overdueCount(
  em: EntityManager,
  gridIds: string[],
  at: Date,
  intervalDays?: number,
): Promise<number> {
  return (await registerCounts(em, ELDERLY_REGISTER, gridIds, at, intervalDays)).overdue;
}

/** Metrics of the home elderly care module. */
export const elderlyCareMetrics: MetricDefinition[] = [
  {
    code: 'elderly-care.elderly_registered',
    label: { zh: '在册老人数', en: 'Elderly registered' },
    description: {
      zh: '期末在册（未注销）的老人档案数',
      en: 'Active elderly profiles at the end of the period',
    },
    unit: '人',
    compute: (em, scope, period, env) => {
      return registerCounts(em, ELDERLY_REGISTER, scope.gridIds, asOf(period, env)).then((c) => c.active);
    },
  },
  {
    code: 'elderly-care.paired_share',
    label: { zh: '结对帮扶覆盖率', en: 'Share paired with a helper' },
    description: {
      zh: '期末在册老人中有进行中结对帮扶的比例',
      en: 'Share of active elderly profiles with an active helper pairing at the end of the period',
    },
    unit: '%',
    compute: (em, scope, period, env) => {
      const at = asOf(period, env);
      return sqlValue(
        em,
        `select case when count(*) = 0 then 0 else round(100.0 * count(*) filter (where exists (
                  select 1 from elderly_care_pairing x
                   where x.profile_id = p.id and x.started_on <= ${AS_OF_DAY}
                     and (x.ended_on is null or x.ended_on > ${AS_OF_DAY}))) / count(*), 1) end as value
           from elderly_care_profile p where p.grid_id = any(?::uuid[]) and ${activeOn('p')}`,
        [at, at, pgUuidArray(scope.gridIds), at, at],
      );
    },
  },
  activityMetric({
    code: 'elderly-care.visits',
    label: { zh: '上门探访次数', en: 'Home visits' },
    description: { zh: '期间内的上门探访与慰问次数', en: 'Home and condolence visits in the period' },
    unit: '次',
    kind: 'elderly-care.visit',
    expression: 'count(*)',
  }),
  {
    code: 'elderly-care.overdue_visits',
    label: { zh: '逾期未探访老人', en: 'Elderly overdue for a visit' },
    description: {
      zh: '期末在册老人中，距上次探访（或建档）已超过本网格探访周期的人数',
      en: "Active elderly not visited (since registration) within their grid's visit interval, at the end of the period",
    },
    unit: '人',
    compute: (em, scope, period, env) => overdueCount(em, scope.gridIds, asOf(period, env)),
  },
  activityMetric({
    code: 'elderly-care.clinic_attendees',
    label: { zh: '义诊服务人次', en: 'Clinic attendees' },
    description: { zh: '期间内健康义诊的就诊人次', en: 'Residents seen at health clinics in the period' },
    unit: '人次',
    kind: 'elderly-care.clinic',
    expression: `sum((details->>'attendees')::int)`,
  }),
];
