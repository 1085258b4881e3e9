import {
  LockMode,
  OptimisticLockError,
  UniqueConstraintViolationException,
  type FilterQuery,
} from '@mikro-orm/postgresql';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { covers, jurisdictionWhere, SCOPED_COLUMNS, type Placement } from '../auth/jurisdiction';
import { ScopeLevel } from '../auth/roles';
import { User } from '../auth/user.entity';
import { requireViewer, type AuthenticatedViewer } from '../auth/viewer';
import { escapeLike } from '../db/helpers';
import { paginate, type ConnectionResult, type Page } from '../graphql/connection';
import { AppError, badInput, ErrorCode, forbidden, notFound, type Message } from '../graphql/errors';
import { toGlobalId } from '../graphql/global-id';
import { byId } from '../graphql/loaders';
import { longText, parseInput, text } from '../graphql/validate';
import { recordEvent } from '../integration/event.service';
import { Household, Organization, OrganizationKind, Resident } from '../people';
import type { RequestContext } from '../server/context';
import { Department, StaffAssignment, StaffMember, StaffRole } from '../staff';
import {
  Building,
  Community,
  containsPoint,
  geoJsonPolygon,
  Grid,
  GridStatus,
  MicroGrid,
} from '../territory';
import { CaseCategory } from './case-category.entity';
import { Case } from './case.entity';
import {
  CASE_ACTION_LABELS,
  CASE_LEVEL_RANK,
  CaseAction,
  CaseLevel,
  CaseScale,
  CaseSource,
  CaseState,
  FeedbackChannel,
  OPEN_STATES,
  ResponsibleKind,
} from './case.enums';
import { CaseEvent } from './case-event.entity';
import { notifyCaseStateChange } from './case-observers';
import { applyTransition, type ActionInput, type Responsible } from './case-lifecycle';
import { overallDeadline, DUE_SOON_HOURS, addHours } from './case-sla';
import {
  allowedActions,
  REPORTERS,
  transitionFor,
  TRANSITIONS,
  VIEWER_LEVEL_RANK,
  type Transition,
} from './case-state-machine';

// ---------- jurisdiction ----------

export function caseWhere(viewer: AuthenticatedViewer): FilterQuery<Case> {
  return jurisdictionWhere(viewer.jurisdiction, SCOPED_COLUMNS) as FilterQuery<Case>;
}

export function placementOf(c: {
  streetId: string;
  communityId?: string | null;
  gridId?: string | null;
}): Placement {
  return { streetId: c.streetId, communityId: c.communityId, gridId: c.gridId };
}

const outside = (field?: string): AppError =>
  new AppError(
    ErrorCode.FORBIDDEN,
    { en: 'Outside your jurisdiction', zh: '超出您的管辖范围' },
    field ? { field } : {},
  );

/**
 * Whether a record named in an action (assignee, organization, reporter) may be used on a case:
 * inside the viewer's jurisdiction, or a community-wide party of the case's own community, or a
 * party of the case's own grid.
 */
function mayReference(viewer: AuthenticatedViewer, c: Placement, ref: Placement): boolean {
  if (covers(viewer.jurisdiction, ref)) return true;
  return ref.communityId === c.communityId && (ref.gridId == null || ref.gridId === c.gridId);
}

// ---------- reads ----------

/** A case the viewer may see, or NOT_FOUND (the same answer whether it exists elsewhere or not). */
export async function getCase(ctx: RequestContext, id: string): Promise<Case> {
  const viewer = requireViewer(ctx.viewer);
  const c = await ctx.em.findOne(Case, { $and: [{ id }, caseWhere(viewer)] });
  if (!c) throw notFound('Case');
  return c;
}

export interface CaseListFilter {
  states?: CaseState[] | null;
  categoryId?: string | null;
  scale?: CaseScale | null;
  source?: CaseSource | null;
  level?: CaseLevel | null;
  gridId?: string | null;
  gridIds?: string[];
  communityId?: string | null;
  awaitingTriage?: boolean | null;
  responsibleKind?: ResponsibleKind | null;
  department?: Department | null;
  assigneeId?: string | null;
  jointMeetingId?: string | null;
  overdue?: boolean | null;
  dueSoon?: boolean | null;
  from?: Date | null;
  to?: Date | null;
  text?: string | null;
  openOnly?: boolean;
}

const filterSchema = z
  .object({
    text: z.string().trim().max(100).nullish(),
    from: z.date().nullish(),
    to: z.date().nullish(),
  })
  .refine((f) => !f.from || !f.to || f.from < f.to, {
    message: 'from must be before to',
    params: { zh: '开始时间必须早于结束时间' },
    path: ['to'],
  });

function filterWhere(f: CaseListFilter, now: Date): FilterQuery<Case>[] {
  parseInput(filterSchema, { text: f.text, from: f.from, to: f.to }, 'filter');
  const out: FilterQuery<Case>[] = [];
  const states = f.openOnly ? OPEN_STATES.filter((s) => !f.states?.length || f.states.includes(s)) : f.states;
  if (states?.length || f.openOnly) out.push({ state: { $in: [...(states ?? [])] } });
  if (f.categoryId) out.push({ categoryId: f.categoryId });
  if (f.scale) out.push({ scale: f.scale });
  if (f.source) out.push({ source: f.source });
  if (f.level) out.push({ level: f.level });
  if (f.gridId) out.push({ gridId: f.gridId });
  if (f.gridIds) out.push({ gridId: { $in: f.gridIds } });
  if (f.communityId) out.push({ communityId: f.communityId });
  if (f.awaitingTriage === true) out.push({ gridId: null });
  if (f.awaitingTriage === false) out.push({ gridId: { $ne: null } });
  if (f.responsibleKind) out.push({ responsibleKind: f.responsibleKind });
  if (f.department) out.push({ department: f.department });
  if (f.assigneeId) out.push({ assigneeId: f.assigneeId });
  if (f.jointMeetingId) out.push({ jointMeetingId: f.jointMeetingId });
  const open = { state: { $in: [...OPEN_STATES] } };
  if (f.overdue === true)
    out.push({ ...open, $or: [{ dueAt: { $lt: now } }, { overallDueAt: { $lt: now } }] });
  if (f.overdue === false) {
    out.push({
      $or: [{ state: { $nin: [...OPEN_STATES] } }, { dueAt: { $gte: now }, overallDueAt: { $gte: now } }],
    });
  }
  if (f.dueSoon != null) {
    const soon = addHours(now, DUE_SOON_HOURS);
    const dueSoon: FilterQuery<Case> = {
      ...open,
      dueAt: { $gte: now },
      overallDueAt: { $gte: now },
      $or: [{ dueAt: { $lt: soon } }, { overallDueAt: { $lt: soon } }],
    };
    out.push(f.dueSoon ? dueSoon : { $not: dueSoon });
  }
  if (f.from) out.push({ reportedAt: { $gte: f.from } });
  if (f.to) out.push({ reportedAt: { $lt: f.to } });
  const t = f.text?.trim();
  if (t) {
    const like = `%${escapeLike(t)}%`;
    out.push({ $or: [{ title: { $ilike: like } }, { description: { $ilike: like } }] });
  }
  return out;
}

/** Cases of the viewer's jurisdiction, newest first. */
export async function listCases(
  ctx: RequestContext,
  filter: CaseListFilter,
  page: Page,
  order: 'asc' | 'desc' = 'desc',
): Promise<ConnectionResult<Case>> {
  const viewer = requireViewer(ctx.viewer);
  const where: FilterQuery<Case> = {
    $and: [caseWhere(viewer), ...filterWhere(filter, ctx.app.clock.now())],
  };
  return paginate(ctx.em, Case, where, page, { order });
}

/** Scope columns of the grid table itself. */
const GRID_COLUMNS = { street: 'streetId', community: 'communityId', grid: 'id' } as const;

/** The China-time calendar date of an instant, 'YYYY-MM-DD'. */
function localDate(t: Date): string {
  return new Date(t.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 10);
}

/**
 * 台账: the open cases of one grid, or of the grids a grid chief leads today, oldest first, so
 * the longest-waiting case heads the list.
 */
export async function caseLedger(
  ctx: RequestContext,
  args: { gridId?: string; gridChiefId?: string },
  page: Page,
): Promise<ConnectionResult<Case>> {
  const viewer = requireViewer(ctx.viewer);
  if (!!args.gridId === !!args.gridChiefId) {
    throw badInput('gridId', {
      en: 'Give exactly one of gridId and gridChiefId',
      zh: 'gridId 与 gridChiefId 须且只能提供一个',
    });
  }
  let gridIds: string[];
  if (args.gridId) {
    const grid = await ctx.em.findOne(Grid, {
      $and: [{ id: args.gridId }, jurisdictionWhere(viewer.jurisdiction, GRID_COLUMNS)],
    });
    if (!grid) throw notFound('Grid');
    gridIds = [grid.id];
  } else {
    const chief = await ctx.em.findOne(StaffMember, {
      $and: [{ id: args.gridChiefId! }, jurisdictionWhere(viewer.jurisdiction, SCOPED_COLUMNS)],
    });
    if (!chief) throw notFound('StaffMember');
    const today = localDate(ctx.app.clock.now());
    const posts = await ctx.em.find(StaffAssignment, {
      staffMemberId: chief.id,
      role: StaffRole.GRID_CHIEF,
      gridId: { $ne: null },
      startDate: { $lte: today },
      $or: [{ endDate: null }, { endDate: { $gte: today } }],
    });
    gridIds = [...new Set(posts.map((p) => p.gridId!))];
  }
  return listCases(ctx, { gridIds, openOnly: true }, page, 'asc');
}

// ---------- report ----------

const uuid = z.string().uuid();
const reportSchema = z
  .object({
    gridId: uuid.nullish(),
    communityId: uuid.nullish(),
    microGridId: uuid.nullish(),
    buildingId: uuid.nullish(),
    householdId: uuid.nullish(),
    categoryId: uuid,
    source: z.nativeEnum(CaseSource),
    scale: z.nativeEnum(CaseScale).nullish(),
    title: text(100),
    description: longText(2000).nullish(),
    reporterResidentId: uuid.nullish(),
    location: z
      .object({
        lng: z.number().finite().min(-180).max(180),
        lat: z.number().finite().min(-90).max(90),
      })
      .nullish(),
    address: text(300).nullish(),
    externalSystem: text(64).nullish(),
    externalId: text(128).nullish(),
  })
  .refine((d) => !d.externalId === !d.externalSystem, {
    message: 'externalSystem and externalId go together',
    params: { zh: 'externalSystem 与 externalId 须同时提供' },
    path: ['externalId'],
  });

export type ReportCaseData = z.input<typeof reportSchema>;

/** Reports a case: places it (grid given, routed by point, or left to the community's triage). */
export async function reportCase(ctx: RequestContext, raw: ReportCaseData): Promise<Case> {
  const viewer = requireViewer(ctx.viewer);
  if (viewer.kind === 'user' && (!viewer.role || !REPORTERS.includes(viewer.role))) throw forbidden();
  const now = ctx.app.clock.now();
  const data = parseInput(reportSchema, raw);
  const { em } = ctx;

  let grid: Grid | null = null;
  let routed: 'GIVEN' | 'POINT' | 'OWN_GRID' | 'TRIAGE';
  if (data.gridId) {
    grid = await em.findOne(Grid, data.gridId);
    if (!grid) throw unknown('input.gridId', 'grid', '网格');
    routed = 'GIVEN';
  } else if (data.location) {
    grid = await routeByPoint(ctx, viewer, data.location.lng, data.location.lat, data.communityId);
    routed = grid ? 'POINT' : 'TRIAGE';
  } else if (viewer.jurisdiction.level === ScopeLevel.GRID && viewer.jurisdiction.gridId) {
    grid = await em.findOne(Grid, viewer.jurisdiction.gridId);
    routed = 'OWN_GRID';
  } else {
    routed = 'TRIAGE';
  }

  let placement: { streetId: string; communityId: string; gridId: string | null };
  if (grid) {
    if (
      !covers(viewer.jurisdiction, {
        streetId: grid.streetId,
        communityId: grid.communityId,
        gridId: grid.id,
      })
    ) {
      throw outside(data.gridId ? 'input.gridId' : 'input.location');
    }
    if (grid.status !== GridStatus.ACTIVE) {
      throw badInput('input.gridId', {
        en: 'input.gridId: the grid was retired by re-gridding',
        zh: 'input.gridId：该网格已撤销',
      });
    }
    placement = { streetId: grid.streetId, communityId: grid.communityId, gridId: grid.id };
  } else {
    const communityId = data.communityId ?? viewer.jurisdiction.communityId;
    if (!communityId) {
      throw badInput('input.communityId', {
        en: 'input.communityId: name the grid, a point inside a grid, or the community that should triage the case',
        zh: 'input.communityId：请提供网格、网格内的位置，或负责分流的社区',
      });
    }
    const community = await em.findOne(Community, communityId);
    if (!community) throw unknown('input.communityId', 'community', '社区');
    placement = { streetId: community.streetId, communityId: community.id, gridId: null };
    if (!covers(viewer.jurisdiction, placement))
      throw outside(data.location ? 'input.location' : 'input.communityId');
  }

  const category = await usableCategory(ctx, data.categoryId, placement.streetId, 'input.categoryId');
  await checkInGrid(ctx, placement.gridId, data);
  if (data.reporterResidentId) {
    const r = await em.findOne(Resident, data.reporterResidentId);
    if (!r) throw unknown('input.reporterResidentId', 'resident', '居民');
    if (!mayReference(viewer, placement, placementOf(r))) throw outside('input.reporterResidentId');
  }

  const scale = data.scale ?? category.defaultScale;
  const overallDueAt = overallDeadline(now, scale, category);
  const c = em.create(Case, {
    id: uuidv7(),
    ...placement,
    microGridId: data.microGridId ?? null,
    buildingId: data.buildingId ?? null,
    householdId: data.householdId ?? null,
    reporterResidentId: data.reporterResidentId ?? null,
    categoryId: category.id,
    source: data.source,
    scale,
    title: data.title,
    description: data.description ?? null,
    state: CaseState.REPORTED,
    level: placement.gridId ? CaseLevel.GRID : CaseLevel.COMMUNITY,
    reportedAt: now,
    stepStartedAt: now,
    dueAt: overallDueAt,
    overallDueAt,
    lng: data.location?.lng ?? null,
    lat: data.location?.lat ?? null,
    address: data.address ?? null,
    reportedById: viewer.id,
    externalSystem: data.externalSystem ?? null,
    externalId: data.externalId ?? null,
  });
  const details = {
    routed,
    categoryId: toGlobalId('CaseCategory', category.id),
    categoryCode: category.code,
    scale,
    source: data.source,
    gridId: placement.gridId ? toGlobalId('Grid', placement.gridId) : null,
    stepNo: 1,
    dueAt: overallDueAt.toISOString(),
    overallDueAt: overallDueAt.toISOString(),
  };
  em.create(CaseEvent, {
    caseId: c.id,
    version: 1,
    action: CaseAction.REPORT,
    fromState: null,
    toState: CaseState.REPORTED,
    level: c.level,
    at: now,
    ...(await actorOf(ctx)),
    note: null,
    data: details,
  });
  recordEvent(ctx, 'case.reported', { type: 'Case', id: c.id }, placement, {
    action: CaseAction.REPORT,
    toState: CaseState.REPORTED,
    level: c.level,
    version: 1,
    ...details,
  });
  await flushCase(ctx, {
    en: 'A case with this external system and id exists',
    zh: '该外部系统编号的案件已存在',
  });
  return c;
}

/** The active grid whose boundary contains the point, among the grids of the viewer's community (or wider). */
async function routeByPoint(
  ctx: RequestContext,
  viewer: AuthenticatedViewer,
  lng: number,
  lat: number,
  communityId?: string | null,
): Promise<Grid | null> {
  const j = viewer.jurisdiction;
  const scope: FilterQuery<Grid> = communityId
    ? { communityId }
    : j.level === ScopeLevel.PLATFORM
      ? {}
      : j.level === ScopeLevel.STREET
        ? { streetId: j.streetId }
        : { communityId: j.communityId };
  const grids = await ctx.em.find(
    Grid,
    { $and: [scope, { status: GridStatus.ACTIVE, boundary: { $ne: null } }] },
    { orderBy: { code: 'asc' } },
  );
  for (const g of grids) {
    const shape = geoJsonPolygon.safeParse(g.boundary);
    if (shape.success && containsPoint(shape.data, lng, lat)) return g;
  }
  return null;
}

async function checkInGrid(
  ctx: RequestContext,
  gridId: string | null,
  data: { microGridId?: string | null; buildingId?: string | null; householdId?: string | null },
): Promise<void> {
  const refs = [
    ['microGridId', MicroGrid, '微网格'],
    ['buildingId', Building, '楼栋'],
    ['householdId', Household, '住户'],
  ] as const;
  for (const [key, entity, zh] of refs) {
    const id = data[key];
    if (!id) continue;
    const field = `input.${key}`;
    const row = (await ctx.em.findOne(entity as typeof MicroGrid, id)) as { gridId?: string | null } | null;
    if (!row || !gridId || row.gridId !== gridId) {
      throw badInput(field, {
        en: `${field}: not a ${key.replace(/Id$/, '')} of the case's grid`,
        zh: `${field}：不是该案件所在网格的${zh}`,
      });
    }
  }
}

function unknown(field: string, en: string, zh: string): AppError {
  return badInput(field, { en: `${field}: unknown ${en}`, zh: `${field}：${zh}不存在` });
}

/** An active category shared by all streets or belonging to the case's street. */
async function usableCategory(
  ctx: RequestContext,
  id: string,
  streetId: string,
  field: string,
): Promise<CaseCategory> {
  const cat = await ctx.em.findOne(CaseCategory, id);
  if (!cat || !cat.active || (cat.streetId && cat.streetId !== streetId)) {
    throw badInput(field, {
      en: `${field}: unknown or inactive category`,
      zh: `${field}：类别不存在或已停用`,
    });
  }
  return cat;
}

// ---------- actions ----------

/** Domain event type of each action. */
export const CASE_EVENT_TYPES: Record<CaseAction, string> = {
  REPORT: 'case.reported',
  ACCEPT: 'case.accepted',
  ASSIGN: 'case.assigned',
  START: 'case.started',
  RESOLVE: 'case.resolved',
  GIVE_FEEDBACK: 'case.feedback_given',
  RATE: 'case.rated',
  CLOSE: 'case.closed',
  REOPEN: 'case.reopened',
  REJECT: 'case.rejected',
  ESCALATE: 'case.escalated',
  SEND_TO_JOINT_MEETING: 'case.sent_to_joint_meeting',
  DECIDE: 'case.decided',
  REQUEST_EXTENSION: 'case.extension_requested',
  APPROVE_EXTENSION: 'case.extension_approved',
  DENY_EXTENSION: 'case.extension_denied',
  REQUEST_RETURN: 'case.return_requested',
  APPROVE_RETURN: 'case.return_approved',
  DENY_RETURN: 'case.return_denied',
  SUPERVISE: 'case.supervised',
};

/** A case loaded for an action: visible, at the client's version, the action legal and allowed. */
export interface ActionContext {
  c: Case;
  viewer: AuthenticatedViewer;
  rule: Transition;
  now: Date;
  category: CaseCategory;
}

/**
 * Loads the case for an action. Order of refusals: unknown case NOT_FOUND; outside the viewer's
 * jurisdiction FORBIDDEN; stale version CONFLICT; illegal in this state INVALID_TRANSITION; role or
 * level not entitled FORBIDDEN.
 */
export async function beginAction(
  ctx: RequestContext,
  id: string,
  version: number,
  action: CaseAction,
): Promise<ActionContext> {
  const viewer = requireViewer(ctx.viewer);
  const c = await ctx.em.findOne(Case, id);
  if (!c) throw notFound('Case');
  if (!covers(viewer.jurisdiction, placementOf(c))) throw outside();
  try {
    await ctx.em.lock(c, LockMode.OPTIMISTIC, version);
  } catch (e) {
    if (e instanceof OptimisticLockError) throw stale(c.version);
    throw e;
  }
  const rule = transitionFor(c, action);
  authorize(viewer, c, rule);
  const category = (await byId(ctx, CaseCategory).load(c.categoryId))!;
  return { c, viewer, rule, now: ctx.app.clock.now(), category };
}

function stale(current?: number): AppError {
  return new AppError(
    ErrorCode.CONFLICT,
    {
      en: 'The case changed since you loaded it; reload it and try again',
      zh: '案件已被他人更新，请刷新后重试',
    },
    current != null ? { currentVersion: current } : {},
  );
}

function authorize(viewer: AuthenticatedViewer, c: Case, rule: Transition): void {
  const act = CASE_ACTION_LABELS[rule.action];
  if (viewer.kind !== 'user' || !viewer.role || !rule.roles.includes(viewer.role)) {
    throw forbidden({ en: `Your role may not ${act.en} a case`, zh: `您的角色不能${act.zh}案件` });
  }
  if (
    rule.authority === 'HOLDER' &&
    VIEWER_LEVEL_RANK[viewer.jurisdiction.level]! < CASE_LEVEL_RANK[c.level]
  ) {
    throw forbidden({
      en: `The case is held by the ${c.level.toLowerCase()} now`,
      zh: `案件已由${c.level === CaseLevel.STREET ? '街道' : '社区'}处理`,
    });
  }
}

/** Actions this viewer may take on the case now (state, guards, role and level). */
export function availableActionsFor(ctx: RequestContext, c: Case): CaseAction[] {
  const v = ctx.viewer;
  if (v.kind !== 'user' || !v.role || !v.jurisdiction || !covers(v.jurisdiction, placementOf(c))) return [];
  const allowed = new Set(allowedActions(c));
  return TRANSITIONS.filter(
    (t) =>
      t.from === c.state &&
      allowed.has(t.action) &&
      t.roles.includes(v.role!) &&
      (t.authority === 'ANY' || VIEWER_LEVEL_RANK[v.jurisdiction!.level]! >= CASE_LEVEL_RANK[c.level]),
  ).map((t) => t.action);
}

async function actorOf(ctx: RequestContext): Promise<{ actorId: string | null; actorName: string | null }> {
  const v = ctx.viewer;
  if (v.kind === 'user' && v.id) {
    const user = await byId(ctx, User).load(v.id);
    return { actorId: v.id, actorName: user?.displayName ?? v.username ?? null };
  }
  return { actorId: v.id ?? null, actorName: v.username ?? null };
}

/**
 * Applies the transition, writes the timeline step and the domain event, and flushes them with the
 * case in one transaction guarded by the version.
 */
export async function commitAction(
  ctx: RequestContext,
  a: ActionContext,
  input: ActionInput,
  note: string | null | undefined,
): Promise<Case> {
  const { c, rule, now } = a;
  const version = c.version + 1;
  const details = applyTransition(c, rule, input, now, a.category);
  ctx.em.create(CaseEvent, {
    caseId: c.id,
    version,
    action: rule.action,
    fromState: rule.from,
    toState: c.state,
    level: c.level,
    at: now,
    ...(await actorOf(ctx)),
    note: note ?? null,
    data: details,
  });
  recordEvent(ctx, CASE_EVENT_TYPES[rule.action], { type: 'Case', id: c.id }, placementOf(c), {
    action: rule.action,
    fromState: rule.from,
    toState: c.state,
    level: c.level,
    version,
    ...details,
  });
  await notifyCaseStateChange({
    em: ctx.em,
    case: c,
    action: rule.action,
    from: rule.from,
    to: c.state,
    at: now,
    actorId: ctx.viewer.id ?? null,
    requestId: ctx.requestId,
  });
  await flushCase(ctx);
  return c;
}

/** Flushes; a lost race (stale version, or the same timeline step written twice) is CONFLICT. */
export async function flushCase(ctx: RequestContext, duplicate?: Message): Promise<void> {
  try {
    await ctx.em.flush();
  } catch (e) {
    if (e instanceof OptimisticLockError) {
      ctx.em.clear();
      throw stale();
    }
    if (e instanceof UniqueConstraintViolationException) {
      ctx.em.clear();
      throw duplicate ? new AppError(ErrorCode.CONFLICT, duplicate) : stale();
    }
    throw e;
  }
}

const note = longText(2000).nullish();
const reason = longText(2000).refine((s) => s.trim().length > 0, {
  message: 'must not be empty',
  params: { zh: '不能为空' },
});
const version = z.number().int().min(1);
const base = z.object({ version, note });

function futureDue(now: Date) {
  return z
    .date()
    .refine((d) => d.getTime() > now.getTime(), {
      message: 'must be in the future',
      params: { zh: '必须晚于当前时间' },
    })
    .refine((d) => d.getTime() <= addHours(now, 366 * 24).getTime(), {
      message: 'must be within a year',
      params: { zh: '不能超过一年' },
    });
}

interface Base {
  id: string;
  version: number;
  note?: string | null;
}

/** Actions that take nothing but an optional note. */
export async function simpleAction(ctx: RequestContext, action: CaseAction, input: Base): Promise<Case> {
  const data = parseInput(base, { version: input.version, note: input.note });
  const a = await beginAction(ctx, input.id, data.version, action);
  return commitAction(ctx, a, {}, data.note);
}

/** Actions that need a reason: reject, reopen, request a return, supervise. */
export async function reasonAction(
  ctx: RequestContext,
  action: CaseAction,
  input: { id: string; version: number; reason: string },
): Promise<Case> {
  const data = parseInput(z.object({ version, reason }), { version: input.version, reason: input.reason });
  const a = await beginAction(ctx, input.id, data.version, action);
  return commitAction(ctx, a, { reason: data.reason }, data.reason);
}

export async function acceptCase(
  ctx: RequestContext,
  input: Base & { gridId?: string | null; scale?: CaseScale | null; categoryId?: string | null },
): Promise<Case> {
  const data = parseInput(
    base.extend({
      gridId: uuid.nullish(),
      categoryId: uuid.nullish(),
      scale: z.nativeEnum(CaseScale).nullish(),
    }),
    {
      version: input.version,
      note: input.note,
      gridId: input.gridId,
      categoryId: input.categoryId,
      scale: input.scale,
    },
  );
  const a = await beginAction(ctx, input.id, data.version, CaseAction.ACCEPT);
  if (!a.c.gridId && !data.gridId) {
    throw badInput('input.gridId', {
      en: 'input.gridId: the case has no grid yet; name the grid to route it to',
      zh: 'input.gridId：案件尚未分配网格，请指定网格',
    });
  }
  if (data.gridId && data.gridId !== a.c.gridId) {
    const grid = await ctx.em.findOne(Grid, data.gridId);
    if (!grid || grid.communityId !== a.c.communityId) {
      throw badInput('input.gridId', {
        en: 'input.gridId: not a grid of the case’s community',
        zh: 'input.gridId：不是案件所在社区的网格',
      });
    }
    if (
      !covers(a.viewer.jurisdiction, {
        streetId: grid.streetId,
        communityId: grid.communityId,
        gridId: grid.id,
      })
    ) {
      throw outside('input.gridId');
    }
    if (grid.status !== GridStatus.ACTIVE) {
      throw badInput('input.gridId', {
        en: 'input.gridId: the grid was retired',
        zh: 'input.gridId：该网格已撤销',
      });
    }
  }
  if (data.categoryId) await usableCategory(ctx, data.categoryId, a.c.streetId, 'input.categoryId');
  return commitAction(
    ctx,
    a,
    { gridId: data.gridId, scale: data.scale, categoryId: data.categoryId },
    data.note,
  );
}

const responsibleSchema = z.object({
  kind: z.nativeEnum(ResponsibleKind),
  assigneeId: uuid.nullish(),
  department: z.nativeEnum(Department).nullish(),
  organizationId: uuid.nullish(),
  name: text(100).nullish(),
});

export type ResponsibleData = z.input<typeof responsibleSchema>;

const ORG_KIND: Partial<Record<ResponsibleKind, OrganizationKind>> = {
  PROPERTY_COMPANY: OrganizationKind.PROPERTY_COMPANY,
  OWNERS_COMMITTEE: OrganizationKind.OWNERS_COMMITTEE,
  DEPARTMENT: OrganizationKind.DEPARTMENT,
};

/** Validates a responsible party against the case and the viewer's jurisdiction. */
export async function checkResponsible(
  ctx: RequestContext,
  a: ActionContext,
  raw: ResponsibleData,
  prefix: string,
): Promise<Responsible> {
  const r = parseInput(responsibleSchema, raw, prefix);
  const c = a.c;
  if (r.kind === ResponsibleKind.JOINT_MEETING) {
    throw badInput(`${prefix}.kind`, {
      en: `${prefix}.kind: use sendCaseToJointMeeting for a joint meeting`,
      zh: `${prefix}.kind：提交联席会议请使用 sendCaseToJointMeeting`,
    });
  }
  if (r.kind === ResponsibleKind.GRID && !r.assigneeId) {
    throw badInput(`${prefix}.assigneeId`, {
      en: `${prefix}.assigneeId: a grid assignment names the staff member in charge`,
      zh: `${prefix}.assigneeId：分派给网格须指定负责人`,
    });
  }
  if (r.kind === ResponsibleKind.DEPARTMENT && !r.department) {
    throw badInput(`${prefix}.department`, {
      en: `${prefix}.department: name the department`,
      zh: `${prefix}.department：请指定职能部门`,
    });
  }
  if (r.kind !== ResponsibleKind.DEPARTMENT && r.department) {
    throw badInput(`${prefix}.department`, {
      en: `${prefix}.department: only for a DEPARTMENT`,
      zh: `${prefix}.department：仅适用于职能部门`,
    });
  }
  if (r.assigneeId) {
    const field = `${prefix}.assigneeId`;
    const staff = await ctx.em.findOne(StaffMember, r.assigneeId);
    if (!staff) throw unknown(field, 'staff member', '工作人员');
    if (!mayReference(a.viewer, placementOf(c), placementOf(staff))) throw outside(field);
    if (r.kind === ResponsibleKind.GRID && staff.gridId !== c.gridId) {
      const today = localDate(a.now);
      const post = await ctx.em.count(StaffAssignment, {
        staffMemberId: staff.id,
        gridId: c.gridId,
        startDate: { $lte: today },
        $or: [{ endDate: null }, { endDate: { $gte: today } }],
      });
      if (!post) {
        throw badInput(field, {
          en: `${field}: the staff member does not serve on the case’s grid`,
          zh: `${field}：该工作人员不在案件所在网格任职`,
        });
      }
    }
  }
  if (r.organizationId) {
    const field = `${prefix}.organizationId`;
    const expected = ORG_KIND[r.kind];
    const org = await ctx.em.findOne(Organization, r.organizationId);
    if (!org) throw unknown(field, 'organization', '组织');
    if (!mayReference(a.viewer, placementOf(c), placementOf(org))) throw outside(field);
    if (!expected || org.kind !== expected) {
      throw badInput(field, {
        en: `${field}: the organization is not a ${r.kind.toLowerCase().replace(/_/g, ' ')}`,
        zh: `${field}：组织类型与责任主体不符`,
      });
    }
  }
  return {
    kind: r.kind,
    department: r.department ?? null,
    organizationId: r.organizationId ?? null,
    assigneeId: r.assigneeId ?? null,
    name: r.name ?? null,
  };
}

export async function assignCase(
  ctx: RequestContext,
  input: Base & { responsible: ResponsibleData; dueAt: Date },
): Promise<Case> {
  const now = ctx.app.clock.now();
  const data = parseInput(base.extend({ dueAt: futureDue(now) }), {
    version: input.version,
    note: input.note,
    dueAt: input.dueAt,
  });
  const a = await beginAction(ctx, input.id, data.version, CaseAction.ASSIGN);
  const responsible = await checkResponsible(ctx, a, input.responsible, 'input.responsible');
  return commitAction(ctx, a, { responsible, dueAt: data.dueAt }, data.note);
}

export async function resolveCase(
  ctx: RequestContext,
  input: { id: string; version: number; resolution: string },
): Promise<Case> {
  const data = parseInput(z.object({ version, resolution: reason }), input);
  const a = await beginAction(ctx, input.id, data.version, CaseAction.RESOLVE);
  return commitAction(ctx, a, { resolution: data.resolution }, data.resolution);
}

export async function giveFeedback(
  ctx: RequestContext,
  input: Base & { channel: FeedbackChannel; at?: Date | null },
): Promise<Case> {
  const now = ctx.app.clock.now();
  const data = parseInput(
    base.extend({
      channel: z.nativeEnum(FeedbackChannel),
      at: z
        .date()
        .refine((d) => d.getTime() <= now.getTime() + 5 * 60 * 1000, {
          message: 'must not be in the future',
          params: { zh: '不能晚于当前时间' },
        })
        .nullish(),
    }),
    { version: input.version, note: input.note, channel: input.channel, at: input.at },
  );
  const a = await beginAction(ctx, input.id, data.version, CaseAction.GIVE_FEEDBACK);
  const at = data.at ?? now;
  if (a.c.resolvedAt && at.getTime() < a.c.resolvedAt.getTime()) {
    throw badInput('input.at', {
      en: 'input.at: feedback cannot precede the resolution',
      zh: 'input.at：反馈时间不能早于办结时间',
    });
  }
  return commitAction(ctx, a, { feedback: { channel: data.channel, at, note: data.note } }, data.note);
}

export async function rateCase(
  ctx: RequestContext,
  input: { id: string; version: number; rating: number; comment?: string | null },
): Promise<Case> {
  const data = parseInput(
    z.object({ version, rating: z.number().int().min(1).max(5), comment: longText(2000).nullish() }),
    input,
  );
  const a = await beginAction(ctx, input.id, data.version, CaseAction.RATE);
  return commitAction(ctx, a, { rating: { rating: data.rating, comment: data.comment } }, data.comment);
}

export async function requestExtension(
  ctx: RequestContext,
  input: { id: string; version: number; reason: string; dueAt: Date },
): Promise<Case> {
  const now = ctx.app.clock.now();
  const data = parseInput(z.object({ version, reason, dueAt: futureDue(now) }), input);
  const a = await beginAction(ctx, input.id, data.version, CaseAction.REQUEST_EXTENSION);
  if (data.dueAt.getTime() <= a.c.dueAt.getTime()) {
    throw badInput('input.dueAt', {
      en: 'input.dueAt: must be later than the current step deadline',
      zh: 'input.dueAt：须晚于当前环节时限',
    });
  }
  return commitAction(ctx, a, { dueAt: data.dueAt }, data.reason);
}

export async function approveExtension(
  ctx: RequestContext,
  input: Base & { dueAt?: Date | null },
): Promise<Case> {
  const now = ctx.app.clock.now();
  const data = parseInput(base.extend({ dueAt: futureDue(now).nullish() }), {
    version: input.version,
    note: input.note,
    dueAt: input.dueAt,
  });
  const a = await beginAction(ctx, input.id, data.version, CaseAction.APPROVE_EXTENSION);
  const granted = data.dueAt ?? a.c.requestedDueAt;
  if (!granted || granted.getTime() <= now.getTime()) {
    throw badInput('input.dueAt', {
      en: 'input.dueAt: the requested deadline has passed; grant a new one',
      zh: 'input.dueAt：申请的时限已过，请指定新的时限',
    });
  }
  return commitAction(ctx, a, { dueAt: granted }, data.note);
}
