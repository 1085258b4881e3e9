import type { EntityManager } from '@mikro-orm/postgresql';
import { batchedRows } from '../db/read-batch';
import { assertCovers } from '../auth/jurisdiction';
import { requireViewer } from '../auth/viewer';
import { CASE_METRIC_SPECS, computeCaseMetric, solvedByCategory } from '../cases/case-metrics';
import { notFound } from '../graphql/errors';
import { toGlobalId } from '../graphql/global-id';
import { pgUuidArray, type MetricScope, type Period } from '../modules/metric';
import { metricInfo } from '../modules/module.types';
import { registry } from '../modules/registry';
import { computePartySummary, PartyOrganizationKind } from '../party';
import { rosters, StaffRole, trainingRate } from '../staff';
import { today } from '../staff/staff.scope';
import type { RequestContext } from '../server/context';
import { Community, Street } from '../territory';
import { communityWhere, streetWhere } from '../territory/territory.service';
import { ReportNarrative, ReportSection } from './report.entities';
import { findings } from './report.findings';
import { monthsOf, parseReportPeriod, type ReportPeriod } from './report.period';
import { settingsFor } from './report-settings.service';
import type {
  CommunityReport,
  MonthlyCases,
  ReportBasics,
  ReportGrid,
  ReportModuleSection,
  ReportProgress,
  ReportTerritory,
  StreetReport,
  StreetReportRow,
} from './report.types';

/*
 * The community work report. Every figure is an SQL aggregate over the community's grids; where a
 * core folder already computes a figure (case metrics, roster and training rate, party summary,
 * module metrics from the registry) the report asks it rather than counting again.
 */

interface GridRow {
  id: string;
  code: string;
  name: string;
  status: string;
}

const VULNERABLE = [
  'ELDERLY_ALONE',
  'EMPTY_NEST',
  'DISABLED',
  'LOW_INCOME',
  'SPECIAL_HARDSHIP',
  'LEFT_BEHIND_CHILD',
  'NEEDS_CARE',
];

/**
 * A read of the report. The report's reads are started together wherever they do not depend on each
 * other, and go out batched (read-batch): a yearly report is a handful of statements, not a hundred.
 */
async function rows<T>(em: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  return (await batchedRows(em, sql, params)) as T[];
}

const num = (v: unknown): number => Number(v ?? 0);
const territory = (type: string, x: { id: string; code: string; name: string }): ReportTerritory => ({
  id: toGlobalId(type, x.id),
  code: x.code,
  name: x.name,
});
const gridRef = (g: GridRow): ReportGrid => ({ id: toGlobalId('Grid', g.id), code: g.code, name: g.name });

/**
 * The community, visible to the viewer and covered as a whole: NOT_FOUND outside the jurisdiction,
 * FORBIDDEN for a grid account inside it (the report counts grids it does not cover).
 */
export async function reportCommunity(ctx: RequestContext, id: string): Promise<Community> {
  const v = requireViewer(ctx.viewer);
  const c = await ctx.em.findOne(Community, { $and: [{ id }, communityWhere(v.jurisdiction)] });
  if (!c) throw notFound('Community');
  assertCovers(v.jurisdiction, { streetId: c.streetId, communityId: c.id });
  return c;
}

async function communityGrids(
  em: EntityManager,
  communityIds: string[],
): Promise<(GridRow & { community_id: string })[]> {
  return rows(
    em,
    `select id, code, name, status, community_id from grid where community_id = any(?::uuid[]) order by code`,
    [pgUuidArray(communityIds)],
  );
}

/** 一、基本情况. */
async function basics(
  ctx: RequestContext,
  c: Community,
  grids: GridRow[],
  asOf: string,
  partyBare: string[],
): Promise<ReportBasics> {
  const em = ctx.em;
  const [[counts], everyoneMap, workersMap, chiefless] = await Promise.all([
    rows<Record<string, unknown>>(
      em,
      `select
       (select count(*) from household where community_id = ?) as households,
       (select count(*) from resident where community_id = ?) as residents,
       (select count(*) from building where community_id = ? and residential) as buildings`,
      [c.id, c.id, c.id],
    ),
    rosters(ctx, 'COMMUNITY', [c.id], { date: asOf }),
    rosters(ctx, 'COMMUNITY', [c.id], { date: asOf, roles: [StaffRole.GRID_WORKER] }),
    rows<{ id: string }>(
      em,
      `select g.id from grid g
      where g.community_id = ? and g.status = 'ACTIVE' and not exists (
        select 1 from staff_assignment a
         where a.grid_id = g.id and a.role = 'GRID_CHIEF' and a.start_date <= ?::date
           and (a.end_date is null or a.end_date >= ?::date))`,
      [c.id, asOf, asOf],
    ),
  ]);
  const everyone = everyoneMap.get(c.id)!;
  const workers = workersMap.get(c.id)!;
  const role = (r: StaffRole) => everyone.byRole.find((x) => x.role === r)?.count ?? 0;
  const active = grids.filter((g) => g.status === 'ACTIVE');
  const noChief = new Set(chiefless.map((r) => r.id));
  const noParty = new Set(partyBare);
  const gridsWithoutChief = active.filter((g) => noChief.has(g.id)).map(gridRef);
  const gridsWithoutPartyOrganization = active.filter((g) => noParty.has(g.id)).map(gridRef);
  return {
    asOf,
    households: num(counts?.households),
    residents: num(counts?.residents),
    residentialBuildings: num(counts?.buildings),
    grids: active.length,
    gridChiefs: role(StaffRole.GRID_CHIEF),
    gridChiefAssistants: role(StaffRole.GRID_CHIEF_ASSISTANT),
    coManagers: role(StaffRole.CO_MANAGER),
    gridWorkers: role(StaffRole.GRID_WORKER),
    liaisons: role(StaffRole.LIAISON),
    staffTotal: everyone.total,
    staffByRole: everyone.byRole.map((r) => ({ role: r.role, count: r.count })),
    gridWorkerAgeBands: workers.ageBands,
    gridWorkersUnknownAge: workers.unknownAge,
    gridsWithoutChief,
    gridsWithoutPartyOrganization,
    chiefCoverage: active.length > 0 && gridsWithoutChief.length === 0,
    partyCoverage: active.length > 0 && gridsWithoutPartyOrganization.length === 0,
  };
}

/** The closed-loop figures of the grids over the period, from the cases folder's own definitions. */
async function caseFigures(
  ctx: RequestContext,
  scope: MetricScope,
  period: Period,
): Promise<Record<string, number | null>> {
  const now = ctx.app.clock.now();
  const values = await Promise.all(
    CASE_METRIC_SPECS.map((spec) =>
      scope.gridIds.length ? computeCaseMetric(ctx.em, spec, scope, period, now) : null,
    ),
  );
  return Object.fromEntries(CASE_METRIC_SPECS.map((spec, i) => [spec.key, values[i] ?? null]));
}

async function solvedWithExamples(
  em: EntityManager,
  scope: MetricScope,
  period: Period,
): Promise<ReportProgress['solvedByCategory']> {
  if (!scope.gridIds.length) return [];
  const counts = await solvedByCategory(em, scope, period);
  if (!counts.length) return [];
  const examples = await rows<{ category_id: string; title: string; code: string; name_zh: string }>(
    em,
    `select x.category_id, x.title, cc.code, cc.name_zh from (
       select c.category_id, c.title,
              row_number() over (partition by c.category_id order by c.resolved_at desc, c.id) as rn
         from case_record c
        where c.grid_id = any(?::uuid[]) and c.resolved_at >= ? and c.resolved_at < ?
     ) x join case_category cc on cc.id = x.category_id
     where x.rn <= 3 order by x.category_id, x.rn`,
    [pgUuidArray(scope.gridIds), period.from, period.to],
  );
  return counts.map(({ categoryId, count }) => {
    const mine = examples.filter((e) => e.category_id === categoryId);
    return {
      code: mine[0]?.code ?? '',
      name: mine[0]?.name_zh ?? '',
      count,
      examples: mine.map((e) => e.title),
    };
  });
}

/** 二、推进情况与成效. */
async function progress(
  ctx: RequestContext,
  c: Community,
  scope: MetricScope,
  p: ReportPeriod,
  party: Awaited<ReturnType<typeof computePartySummary>>,
  gridChiefs: number,
  asOf: string,
  cases: Record<string, number | null>,
): Promise<ReportProgress> {
  const em = ctx.em;
  const period = { from: p.start, to: p.end };
  const [[r], departments, rate, solvedByCategory] = await Promise.all([
    rows<Record<string, unknown>>(
      em,
      `select
       (select count(*) from training where community_id = ? and date between ?::date and ?::date) as trainings,
       (select count(*) from log_book where community_id = ? and issued_at >= ? and issued_at < ?) as log_books,
       (select count(*) from sentiment_log where community_id = ? and date between ?::date and ?::date) as logs,
       (select count(*) from resident where community_id = ?) as residents,
       (select count(*) from organization where community_id = ?) as organizations,
       (select count(*) from organization where community_id = ? and kind in ('NEW_ECONOMIC', 'NEW_SOCIAL')) as new_orgs,
       (select count(distinct resident_id) from resident_tag where community_id = ? and kind in (${VULNERABLE.map((k) => `'${k}'`).join(', ')})) as vulnerable,
       (select count(distinct resident_id) from resident_tag where community_id = ? and kind = 'VETERAN') as veterans`,
      [c.id, p.from, p.to, c.id, p.start, p.end, c.id, p.from, p.to, c.id, c.id, c.id, c.id, c.id],
    ),
    rows<{ department: string; n: number }>(
      em,
      `select a.department, count(distinct a.staff_member_id)::int as n from staff_assignment a
      where a.community_id = ? and a.role = 'CO_MANAGER' and a.department is not null
        and a.start_date <= ?::date and (a.end_date is null or a.end_date >= ?::date)
      group by a.department order by n desc, a.department`,
      [c.id, asOf, asOf],
    ),
    trainingRate(ctx, { communityId: c.id }, { from: p.from, to: p.to }),
    solvedWithExamples(em, scope, period),
  ]);
  const org = (k: PartyOrganizationKind) => party.organizations.find((o) => o.kind === k)?.count ?? 0;
  return {
    trainings: num(r?.trainings),
    activeGridWorkers: rate.activeStaff,
    trainedGridWorkers: rate.trainedStaff,
    trainingRate: rate.rate == null ? null : Math.round(rate.rate * 1000) / 10,
    logBooksIssued: num(r?.log_books),
    sentimentLogs: num(r?.logs),
    gridChiefLedgers: gridChiefs,
    gridPartyBranches: org(PartyOrganizationKind.GRID_BRANCH),
    residentialPartyBranches: org(PartyOrganizationKind.RESIDENTIAL_BRANCH),
    partyGroups: org(PartyOrganizationKind.PARTY_GROUP) + org(PartyOrganizationKind.BUILDING_GROUP),
    partyMembers: party.memberCount,
    residentsRecorded: num(r?.residents),
    organizations: num(r?.organizations),
    newOrganizations: num(r?.new_orgs),
    vulnerableResidents: num(r?.vulnerable),
    veterans: num(r?.veterans),
    coManagersByDepartment: departments.map((d) => ({ department: d.department as never, count: num(d.n) })),
    casesReported: cases.reported ?? 0,
    casesSolved: cases.solved ?? 0,
    solvedByCategory,
    onTimeRate: cases.onTimeRate ?? null,
    satisfactionRate: cases.satisfactionRate ?? null,
    feedbackRate: cases.feedbackRate ?? null,
    meanHoursToResolve: cases.meanHoursToResolve ?? null,
    openOverdue: cases.openOverdue ?? 0,
    aidHouseholds: party.aidHouseholds,
    aidPeopleHelped: party.aidPeopleHelped,
    memberServices: party.memberServiceCount,
    memberServiceBeneficiaries: party.memberServiceBeneficiaries,
  };
}

/**
 * 三、九型网格: every installed module enabled on some grid of the community during the period, with
 * its own metrics over those grids. Generic over the registry, so a module added to modules/index.ts
 * appears here without a change.
 */
async function moduleSections(
  ctx: RequestContext,
  c: Community,
  grids: GridRow[],
  period: Period,
): Promise<ReportModuleSection[]> {
  if (!grids.length) return [];
  const enabled = await rows<{ module_id: string; grid_ids: string[] | string }>(
    ctx.em,
    `select module_id, array_agg(distinct grid_id) as grid_ids from grid_module_period
      where grid_id = any(?::uuid[]) and started_at < ? and (ended_at is null or ended_at > ?)
      group by module_id`,
    [pgUuidArray(grids.map((g) => g.id)), period.to, period.from],
  );
  const byModule = new Map(enabled.map((e) => [e.module_id, parseUuidArray(e.grid_ids)]));
  const env = { now: ctx.app.clock.now() };
  const sections = registry().modules.map(async (m): Promise<ReportModuleSection | null> => {
    const ids = byModule.get(m.id);
    if (!ids?.length) return null;
    const carrying = grids.filter((g) => ids.includes(g.id));
    const scope: MetricScope = { level: 'COMMUNITY', id: c.id, gridIds: carrying.map((g) => g.id) };
    const metrics = await Promise.all(
      m.metrics.map(async (d) => ({
        ...metricInfo(d, m.id),
        value: await d.compute(ctx.em, scope, period, env),
        gridCount: carrying.length,
      })),
    );
    return { moduleId: m.id, name: m.name.zh, grids: carrying.map(gridRef), metrics };
  });
  return (await Promise.all(sections)).filter((x): x is ReportModuleSection => x !== null);
}

/** node-postgres parses uuid[] into an array; PGlite may hand back the '{a,b}' literal. */
function parseUuidArray(v: string[] | string): string[] {
  if (Array.isArray(v)) return v;
  return v
    .replace(/^\{|\}$/g, '')
    .split(',')
    .filter(Boolean);
}

async function monthly(ctx: RequestContext, scope: MetricScope, p: ReportPeriod): Promise<MonthlyCases[]> {
  const reported = CASE_METRIC_SPECS.find((s) => s.code === 'cases.reported')!;
  const solved = CASE_METRIC_SPECS.find((s) => s.code === 'cases.solved')!;
  const now = ctx.app.clock.now();
  const figure = async (spec: typeof reported, bucket: Period) =>
    scope.gridIds.length ? ((await computeCaseMetric(ctx.em, spec, scope, bucket, now)) ?? 0) : 0;
  return Promise.all(
    monthsOf(p).map(async (m): Promise<MonthlyCases> => {
      const bucket = { from: m.start, to: m.end };
      const [r, s] = await Promise.all([figure(reported, bucket), figure(solved, bucket)]);
      return { month: m.month, reported: r, solved: s };
    }),
  );
}

async function narrativesOf(
  em: EntityManager,
  communityId: string,
  p: ReportPeriod,
): Promise<ReportNarrative[]> {
  return em.find(
    ReportNarrative,
    { communityId, periodFrom: p.from, periodTo: p.to },
    { orderBy: { section: 'asc' } },
  );
}

/** The whole report of a community for a period. */
export async function communityReport(
  ctx: RequestContext,
  communityId: string,
  periodInput: { from: string; to: string },
): Promise<CommunityReport> {
  const p = parseReportPeriod(periodInput);
  const c = await reportCommunity(ctx, communityId);
  const street = await ctx.em.findOneOrFail(Street, c.streetId);
  const grids = await communityGrids(ctx.em, [c.id]);
  const scope: MetricScope = { level: 'COMMUNITY', id: c.id, gridIds: grids.map((g) => g.id) };
  const period = { from: p.start, to: p.end };
  const now = today(ctx);
  const asOf = p.to < now ? p.to : now;

  // Everything that does not need another part's answer starts at once, so its reads share statements.
  const [party, cases, modules, settings, [refused], narratives, monthlyCases] = await Promise.all([
    computePartySummary(ctx.em, { level: 'COMMUNITY', id: c.id }, { from: p.from, to: p.to }),
    caseFigures(ctx, scope, period),
    moduleSections(ctx, c, grids, period),
    settingsFor(ctx.em, c),
    rows<{ n: number }>(
      ctx.em,
      `select count(*)::int as n from resident where community_id = ? and refused_info`,
      [c.id],
    ),
    narrativesOf(ctx.em, c.id, p),
    monthly(ctx, scope, p),
  ]);
  const b = await basics(ctx, c, grids, asOf, party.gridsWithoutPartyOrganizationIds);
  const prog = await progress(ctx, c, scope, p, party, b.gridChiefs, asOf, cases);
  const text = (s: ReportSection) => {
    const t = narratives.find((n) => n.section === s)?.text.trim();
    return t ? t : null;
  };
  return {
    community: territory('Community', c),
    street: territory('Street', street),
    from: p.from,
    to: p.to,
    generatedAt: ctx.app.clock.now(),
    basics: b,
    progress: prog,
    modules,
    problems: {
      findings: findings({ basics: b, progress: prog, refusedResidents: num(refused?.n) }, settings),
      text: text(ReportSection.PROBLEMS),
    },
    nextSteps: text(ReportSection.NEXT_STEPS),
    narratives,
    settings,
    monthly: monthlyCases,
  };
}

/** The key figures of one territory node (a community, or a whole street) for the street report. */
async function keyFigures(
  ctx: RequestContext,
  node: ReportTerritory & { uuid: string; level: 'COMMUNITY' | 'STREET' },
  gridIds: string[],
  activeGrids: number,
  p: ReportPeriod,
  asOf: string,
): Promise<StreetReportRow> {
  const col = node.level === 'COMMUNITY' ? 'community_id' : 'street_id';
  const [r] = await rows<Record<string, unknown>>(
    ctx.em,
    `select
       (select count(*) from household where ${col} = ?) as households,
       (select count(*) from resident where ${col} = ?) as residents,
       (select count(distinct a.staff_member_id) from staff_assignment a
         where a.${col} = ? and a.role = 'GRID_WORKER' and a.start_date <= ?::date
           and (a.end_date is null or a.end_date >= ?::date)) as workers,
       (select coalesce(round(100.0 * count(*) filter (where w.trained) / nullif(count(*), 0), 1), -1) from (
          select distinct a.staff_member_id, exists (
            select 1 from training_attendance ta join training t on t.id = ta.training_id
             where ta.staff_member_id = a.staff_member_id and t.date between ?::date and ?::date) as trained
            from staff_assignment a
           where a.${col} = ? and a.role = 'GRID_WORKER' and a.start_date <= ?::date
             and (a.end_date is null or a.end_date >= ?::date)) w) as training_rate`,
    [node.uuid, node.uuid, node.uuid, asOf, asOf, p.from, p.to, node.uuid, p.to, p.from],
  );
  const scope: MetricScope = { level: node.level, id: node.uuid, gridIds };
  const cases = await caseFigures(ctx, scope, { from: p.start, to: p.end });
  const party = await computePartySummary(
    ctx.em,
    { level: node.level, id: node.uuid },
    { from: p.from, to: p.to },
  );
  const rate = num(r?.training_rate);
  return {
    territory: { id: node.id, code: node.code, name: node.name },
    households: num(r?.households),
    residents: num(r?.residents),
    grids: activeGrids,
    gridWorkers: num(r?.workers),
    trainingRate: rate < 0 ? null : rate,
    casesReported: cases.reported ?? 0,
    casesSolved: cases.solved ?? 0,
    onTimeRate: cases.onTimeRate ?? null,
    satisfactionRate: cases.satisfactionRate ?? null,
    openOverdue: cases.openOverdue ?? 0,
    aidHouseholds: party.aidHouseholds,
    memberServices: party.memberServiceCount,
  };
}

/**
 * A street's communities side by side. Street administrators (and the platform) only: a community
 * administrator would see neighbours' figures.
 */
export async function streetReport(
  ctx: RequestContext,
  streetId: string,
  periodInput: { from: string; to: string },
): Promise<StreetReport> {
  const p = parseReportPeriod(periodInput);
  const v = requireViewer(ctx.viewer);
  const s = await ctx.em.findOne(Street, { $and: [{ id: streetId }, streetWhere(v.jurisdiction)] });
  if (!s) throw notFound('Street');
  assertCovers(v.jurisdiction, { streetId: s.id });
  const communities = await ctx.em.find(Community, { streetId: s.id }, { orderBy: { code: 'asc' } });
  const grids = await communityGrids(
    ctx.em,
    communities.map((c) => c.id),
  );
  const now = today(ctx);
  const asOf = p.to < now ? p.to : now;
  const out: StreetReportRow[] = [];
  for (const c of communities) {
    const mine = grids.filter((g) => g.community_id === c.id);
    out.push(
      await keyFigures(
        ctx,
        { ...territory('Community', c), uuid: c.id, level: 'COMMUNITY' },
        mine.map((g) => g.id),
        mine.filter((g) => g.status === 'ACTIVE').length,
        p,
        asOf,
      ),
    );
  }
  const total = await keyFigures(
    ctx,
    { ...territory('Street', s), uuid: s.id, level: 'STREET' },
    grids.map((g) => g.id),
    grids.filter((g) => g.status === 'ACTIVE').length,
    p,
    asOf,
  );
  return { street: territory('Street', s), from: p.from, to: p.to, communities: out, total };
}
