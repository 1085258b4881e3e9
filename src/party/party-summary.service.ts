import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { batchedRows } from '../db/read-batch';
import { assertCovers } from '../auth/jurisdiction';
import { requireViewer } from '../auth/viewer';
import { parseInput } from '../graphql/validate';
import type { RequestContext } from '../server/context';
import { Grid } from '../territory/grid.entity';
import { getCommunity, getGrid, getStreet } from '../territory/territory.service';
import { AidKind } from './aid-record.entity';
import { badInput, localDate } from './party.common';
import { PartyActivityKind } from './party-activity.entity';
import { PartyMembershipKind } from './party-membership.entity';
import { PartyOrganizationKind } from './party-organization.entity';

/** The territory a summary covers: exactly one node, given as a table column and its value. */
export interface SummaryScope {
  level: 'GRID' | 'COMMUNITY' | 'STREET';
  id: string;
}

export interface KindCount<K> {
  kind: K;
  count: number;
}
export interface ActivityKindCount extends KindCount<PartyActivityKind> {
  participants: number;
  beneficiaries: number;
}
export interface AidKindCount extends KindCount<AidKind> {
  peopleHelped: number;
  amount: number;
}

export interface PartySummaryData {
  level: 'GRID' | 'COMMUNITY' | 'STREET';
  from: string;
  to: string;
  organizations: KindCount<PartyOrganizationKind>[];
  organizationCount: number;
  members: KindCount<PartyMembershipKind>[];
  memberCount: number;
  membersWithCommitment: number;
  activities: ActivityKindCount[];
  activityCount: number;
  memberServiceCount: number;
  memberServiceBeneficiaries: number;
  memberServiceHouseholds: number;
  aid: AidKindCount[];
  aidRecordCount: number;
  aidHouseholds: number;
  aidPeopleHelped: number;
  aidAmount: number;
  gridsWithoutPartyOrganizationIds: string[];
}

const COLUMN = { GRID: 'grid_id', COMMUNITY: 'community_id', STREET: 'street_id' } as const;

const periodSchema = z.object({ from: localDate('2000-01-01'), to: localDate('2000-01-01') });

/**
 * Resolves the scope argument: a grid outside the jurisdiction is NOT_FOUND like any read; a
 * community or street the viewer can see but does not administer as a whole (a grid worker's own
 * community) is FORBIDDEN, since its totals would include other grids.
 */
export async function resolveSummaryScope(
  ctx: RequestContext,
  scope: { gridId?: string; communityId?: string; streetId?: string },
): Promise<SummaryScope> {
  const v = requireViewer(ctx.viewer);
  const given = (['gridId', 'communityId', 'streetId'] as const).filter((k) => scope[k]);
  if (given.length !== 1) {
    throw badInput('scope', {
      en: 'scope: give exactly one of gridId, communityId or streetId',
      zh: 'scope：gridId、communityId、streetId 须且只能填写一项',
    });
  }
  if (scope.gridId) {
    const g = await getGrid(ctx, scope.gridId);
    assertCovers(v.jurisdiction, { streetId: g.streetId, communityId: g.communityId, gridId: g.id });
    return { level: 'GRID', id: g.id };
  }
  if (scope.communityId) {
    const c = await getCommunity(ctx, scope.communityId);
    assertCovers(v.jurisdiction, { streetId: c.streetId, communityId: c.id });
    return { level: 'COMMUNITY', id: c.id };
  }
  const s = await getStreet(ctx, scope.streetId!);
  assertCovers(v.jurisdiction, { streetId: s.id });
  return { level: 'STREET', id: s.id };
}

/**
 * Party work and aid of a territory node over a period (both ends included): organizations and
 * current members as of the last day, activities and aid within the period. SQL aggregates only.
 */
export async function partySummary(
  ctx: RequestContext,
  scopeArg: { gridId?: string; communityId?: string; streetId?: string },
  periodArg: { from: string; to: string },
): Promise<PartySummaryData> {
  const period = parseInput(periodSchema, periodArg, 'period');
  if (period.from > period.to) {
    throw badInput('period.to', {
      en: 'period.to must not be before period.from',
      zh: 'period.to 不能早于 period.from',
    });
  }
  const scope = await resolveSummaryScope(ctx, scopeArg);
  return computePartySummary(ctx.em, scope, period);
}

export async function computePartySummary(
  em: EntityManager,
  scope: SummaryScope,
  period: { from: string; to: string },
): Promise<PartySummaryData> {
  const col = COLUMN[scope.level];
  const { from, to } = period;
  // Seven aggregates, one statement (read-batch): one pooled connection and one round trip.
  const queries: [string, unknown[]][] = [
    [
      `select kind, count(*) as n from party_organization
        where ${col} = ? and (founded_on is null or founded_on <= ?) group by kind`,
      [scope.id, to],
    ],
    [
      `select kind, count(*) as n, count(*) filter (where commitment is not null) as committed
         from party_membership
        where ${col} = ? and joined_on <= ? and (left_on is null or left_on > ?) group by kind`,
      [scope.id, to, to],
    ],
    [
      `select kind, count(*) as n, coalesce(sum(participants), 0) as participants,
              coalesce(sum(beneficiaries), 0) as beneficiaries
         from party_activity where ${col} = ? and held_on between ? and ? group by kind`,
      [scope.id, from, to],
    ],
    [
      `select count(distinct h.household_id) as households
         from party_activity a join party_activity_household h on h.activity_id = a.id
        where a.${col} = ? and a.held_on between ? and ? and a.kind = ?`,
      [scope.id, from, to, PartyActivityKind.MEMBER_SERVICE],
    ],
    [
      `select kind, count(*) as n, coalesce(sum(people_helped), 0) as people, coalesce(sum(amount), 0) as amount
         from aid_record where ${col} = ? and given_on between ? and ? group by kind`,
      [scope.id, from, to],
    ],
    [
      `select count(distinct household_id) as households from aid_record
        where ${col} = ? and given_on between ? and ?`,
      [scope.id, from, to],
    ],
    [
      `select g.id from grid g
        where g.${col === 'grid_id' ? 'id' : col} = ? and g.status = 'ACTIVE'
          and not exists (
            select 1 from party_organization p
             where p.grid_id = g.id and (p.founded_on is null or p.founded_on <= ?))
        order by g.code`,
      [scope.id, to],
    ],
  ];
  const results = await Promise.all(queries.map(([sql, params]) => batchedRows(em, sql, params)));
  const [orgRows, memberRows, activityRows, serviceRows, aidRows, aidTotals, bareGrids] = results;

  const num = (v: unknown) => Number(v ?? 0);
  const byKind = <K extends string>(kinds: K[], rows: Record<string, unknown>[]) => {
    const m = new Map(rows.map((r) => [String(r.kind), r]));
    return kinds.map((kind) => ({ kind, row: m.get(kind) }));
  };
  const organizations = byKind(Object.values(PartyOrganizationKind), orgRows).map(({ kind, row }) => ({
    kind,
    count: num(row?.n),
  }));
  const memberKinds = byKind(Object.values(PartyMembershipKind), memberRows);
  const members = memberKinds.map(({ kind, row }) => ({ kind, count: num(row?.n) }));
  const activities = byKind(Object.values(PartyActivityKind), activityRows).map(({ kind, row }) => ({
    kind,
    count: num(row?.n),
    participants: num(row?.participants),
    beneficiaries: num(row?.beneficiaries),
  }));
  const aid = byKind(Object.values(AidKind), aidRows).map(({ kind, row }) => ({
    kind,
    count: num(row?.n),
    peopleHelped: num(row?.people),
    amount: num(row?.amount),
  }));
  const service = activities.find((a) => a.kind === PartyActivityKind.MEMBER_SERVICE)!;
  const sum = <T>(xs: T[], f: (x: T) => number) => xs.reduce((s, x) => s + f(x), 0);
  return {
    level: scope.level,
    from,
    to,
    organizations,
    organizationCount: sum(organizations, (o) => o.count),
    members,
    memberCount: sum(members, (m) => m.count),
    membersWithCommitment: sum(memberKinds, ({ row }) => num(row?.committed)),
    activities,
    activityCount: sum(activities, (a) => a.count),
    memberServiceCount: service.count,
    memberServiceBeneficiaries: service.beneficiaries,
    memberServiceHouseholds: num(serviceRows[0]?.households),
    aid,
    aidRecordCount: sum(aid, (a) => a.count),
    aidHouseholds: num(aidTotals[0]?.households),
    aidPeopleHelped: sum(aid, (a) => a.peopleHelped),
    aidAmount: Math.round(sum(aid, (a) => a.amount) * 100) / 100,
    gridsWithoutPartyOrganizationIds: bareGrids.map((r) => String(r.id)),
  };
}

/** Grids for `gridsWithoutPartyOrganization`, in code order. */
export async function gridsByIds(em: EntityManager, ids: string[]): Promise<Grid[]> {
  if (!ids.length) return [];
  const rows = await em.find(Grid, { id: { $in: ids } }, { orderBy: { code: 'asc' } });
  return rows;
}
