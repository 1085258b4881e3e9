import type { EntityManager } from '@mikro-orm/postgresql';
import { pgUuidArray, type MetricDefinition, type MetricScope, type Period } from '../modules/metric';
import { PartyActivityKind } from './party-activity.entity';

const dayFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/**
 * The calendar days of a half-open period of instants: records dated on or after `from` and before
 * `to`, by the offices' calendar.
 */
function days(period: Period): { from: string; to: string } {
  return { from: dayFormat.format(period.from), to: dayFormat.format(period.to) };
}

async function scalar(em: EntityManager, sql: string, params: unknown[]): Promise<number> {
  const rows = await em.execute<Record<string, unknown>[]>(sql, params);
  return Number(rows[0]?.v ?? 0);
}

function metric(
  code: string,
  label: { en: string; zh: string },
  unit: string,
  compute: (em: EntityManager, scope: MetricScope, d: { from: string; to: string }) => Promise<number>,
): MetricDefinition {
  return { code, label, unit, compute: (em, scope, period) => compute(em, scope, days(period)) };
}

/** Grid-level party and aid figures; committee-level records without a grid are not counted here. */
export const partyMetrics: MetricDefinition[] = [
  metric(
    'party.organizations',
    { en: 'Party branches and groups', zh: '党支部和党小组数' },
    '个',
    (em, s, d) =>
      scalar(
        em,
        `select count(*) as v from party_organization
        where grid_id = any(?::uuid[]) and (founded_on is null or founded_on < ?)`,
        [pgUuidArray(s.gridIds), d.to],
      ),
  ),
  metric('party.members', { en: 'Party members', zh: '党员人数' }, '人', (em, s, d) =>
    scalar(
      em,
      `select count(*) as v from party_membership
        where grid_id = any(?::uuid[]) and joined_on < ? and (left_on is null or left_on >= ?)`,
      [pgUuidArray(s.gridIds), d.to, d.to],
    ),
  ),
  metric('party.activities', { en: 'Party activities', zh: '党组织活动次数' }, '次', (em, s, d) =>
    scalar(
      em,
      `select count(*) as v from party_activity where grid_id = any(?::uuid[]) and held_on >= ? and held_on < ?`,
      [pgUuidArray(s.gridIds), d.from, d.to],
    ),
  ),
  metric(
    'party.member_services',
    { en: 'Member services', zh: '“我是党员我帮你”服务次数' },
    '次',
    (em, s, d) =>
      scalar(
        em,
        `select count(*) as v from party_activity
        where grid_id = any(?::uuid[]) and kind = ? and held_on >= ? and held_on < ?`,
        [pgUuidArray(s.gridIds), PartyActivityKind.MEMBER_SERVICE, d.from, d.to],
      ),
  ),
  metric(
    'party.member_service_beneficiaries',
    { en: 'People helped by member services', zh: '“我是党员我帮你”受益人数' },
    '人',
    (em, s, d) =>
      scalar(
        em,
        `select coalesce(sum(beneficiaries), 0) as v from party_activity
          where grid_id = any(?::uuid[]) and kind = ? and held_on >= ? and held_on < ?`,
        [pgUuidArray(s.gridIds), PartyActivityKind.MEMBER_SERVICE, d.from, d.to],
      ),
  ),
  metric('party.aid_households', { en: 'Households aided', zh: '扶贫帮困户数' }, '户', (em, s, d) =>
    scalar(
      em,
      `select count(distinct household_id) as v from aid_record
        where grid_id = any(?::uuid[]) and given_on >= ? and given_on < ?`,
      [pgUuidArray(s.gridIds), d.from, d.to],
    ),
  ),
  metric('party.aid_people_helped', { en: 'People helped by aid', zh: '扶贫帮困人数' }, '人', (em, s, d) =>
    scalar(
      em,
      `select coalesce(sum(people_helped), 0) as v from aid_record
        where grid_id = any(?::uuid[]) and given_on >= ? and given_on < ?`,
      [pgUuidArray(s.gridIds), d.from, d.to],
    ),
  ),
  metric('party.aid_amount', { en: 'Aid amount', zh: '帮扶金额' }, '元', (em, s, d) =>
    scalar(
      em,
      `select coalesce(sum(amount), 0) as v from aid_record
        where grid_id = any(?::uuid[]) and given_on >= ? and given_on < ?`,
      [pgUuidArray(s.gridIds), d.from, d.to],
    ),
  ),
];
