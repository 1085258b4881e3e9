import type { EntityManager } from '@mikro-orm/postgresql';
import type { Message } from '../graphql/errors';
import { pgUuidArray, type MetricDefinition, type MetricScope } from '../modules/metric';

/*
 * The roster's completeness figures (PIPL minimization): how many residents are registered, how many
 * declined to give optional information (拒绝提供), and how many records are simply incomplete — the
 * second is the residents' right, the third is work left for the grid. They describe the roster as it
 * stands now, so the period is not used. One SQL aggregate each.
 */

/** The optional fields a complete record has: birth date, ID number, phone and residency. */
const COMPLETE =
  'r.birth_date is not null and r.id_number is not null and r.phone is not null and r.residency is not null';

interface Spec {
  code: string;
  label: Message;
  description: Message;
  unit: string;
  select: string;
  from?: string;
}

const specs: Spec[] = [
  {
    code: 'people.residents',
    label: { zh: '登记居民', en: 'Registered residents' },
    description: { zh: '当前登记在册的居民人数', en: 'Residents registered now' },
    unit: '人',
    select: 'count(*)',
  },
  {
    code: 'people.households',
    label: { zh: '登记住户', en: 'Registered households' },
    description: { zh: '当前登记在册的住户数', en: 'Households registered now' },
    unit: '户',
    select: 'count(*)',
    from: 'household r',
  },
  {
    code: 'people.refused_info',
    label: { zh: '拒绝提供信息居民', en: 'Residents who declined information' },
    description: {
      zh: '以保护隐私等理由拒绝提供可选信息的居民人数',
      en: 'Residents who declined to give optional information, e.g. to protect their privacy',
    },
    unit: '人',
    select: 'count(*) filter (where r.refused_info)',
  },
  {
    code: 'people.incomplete_records',
    label: { zh: '信息不全居民', en: 'Incomplete resident records' },
    description: {
      zh: '未拒绝提供、但出生日期、身份证号、联系电话或居住类型缺失的居民人数',
      en: 'Residents who did not decline but lack a birth date, ID number, phone or residency',
    },
    unit: '人',
    select: `count(*) filter (where not r.refused_info and not (${COMPLETE}))`,
  },
  {
    code: 'people.completeness_rate',
    label: { zh: '居民信息完整率', en: 'Roster completeness' },
    description: {
      zh: '出生日期、身份证号、联系电话、居住类型均已登记的居民占比',
      en: 'Share of residents with birth date, ID number, phone and residency all recorded',
    },
    unit: '%',
    select: `coalesce(round(100.0 * count(*) filter (where ${COMPLETE}) / nullif(count(*), 0), 1), 0)`,
  },
];

function definition(spec: Spec): MetricDefinition {
  const sql = `select ${spec.select} as v from ${spec.from ?? 'resident r'} where r.grid_id = any(?::uuid[])`;
  return {
    code: spec.code,
    label: spec.label,
    description: spec.description,
    unit: spec.unit,
    async compute(em: EntityManager, scope: MetricScope): Promise<number> {
      const rows = (await em.getConnection().execute(sql, [pgUuidArray(scope.gridIds)], 'all')) as {
        v: unknown;
      }[];
      return Number(rows[0]?.v ?? 0);
    },
  };
}

export const peopleMetricDefinitions: MetricDefinition[] = specs.map(definition);
