import type { EntityClass, FilterQuery } from '@mikro-orm/postgresql';
import { z } from 'zod';
import {
  covers,
  jurisdictionWhere,
  SCOPED_COLUMNS,
  assertCovers,
  type Placement,
} from '../auth/jurisdiction';
import { requireAdmin, requireViewer } from '../auth/viewer';
import { paginate, type ConnectionResult, type Page } from '../graphql/connection';
import { badInput, conflict, notFound, type Message } from '../graphql/errors';
import { parseGlobalId, toGlobalId } from '../graphql/global-id';
import { escapeLike, flushOrConflict } from '../db/helpers';
import { parseInput, text } from '../graphql/validate';
import { recordEvent } from '../integration/event.service';
import { Organization } from '../people/organization.entity';
import { Resident } from '../people/resident.entity';
import type { RequestContext } from '../server/context';
import { Building } from '../territory/building.entity';
import { Community } from '../territory/community.entity';
import { Grid, GridStatus } from '../territory/grid.entity';
import { MicroGrid } from '../territory/micro-grid.entity';
import { Gender } from '../people/resident.entity';
import { StaffAssignment } from './staff-assignment.entity';
import { StaffMember } from './staff-member.entity';
import { Department, PostLevel, ROLE_POST, StaffRole } from './staff.enums';
import {
  ageOn,
  forbiddenField,
  localDate,
  notFoundField,
  placementOf,
  staffVisibleWhere,
  today,
} from './staff.scope';

// ---------- shared lookups ----------

type Scoped = { id: string } & Placement;

/**
 * Loads a record an input refers to for a write: NOT_FOUND when it does not exist, FORBIDDEN when it
 * lies outside the viewer's jurisdiction; both name the input field.
 */
export async function loadForWrite<T extends Scoped>(
  ctx: RequestContext,
  entity: EntityClass<T>,
  id: string,
  field: string,
  what: Message,
  placementOfRecord: (r: T) => Placement = (r) => r,
): Promise<T> {
  const v = requireViewer(ctx.viewer);
  const record = await ctx.em.findOne(entity, { id } as FilterQuery<T>);
  if (!record) throw notFoundField(field, what);
  if (!covers(v.jurisdiction, placementOfRecord(record))) throw forbiddenField(field);
  return record;
}

const GRID_NAME: Message = { en: 'grid', zh: '网格' };
const COMMUNITY_NAME: Message = { en: 'community', zh: '社区' };
const STAFF_NAME: Message = { en: 'staff member', zh: '工作人员' };

/** A grid's placement is its own id and its ancestors. */
const gridPlacement = (g: Grid): Placement => ({
  streetId: g.streetId,
  communityId: g.communityId,
  gridId: g.id,
});
const communityPlacement = (c: Community): Placement => ({ streetId: c.streetId, communityId: c.id });

export async function loadGridForWrite(ctx: RequestContext, id: string, field: string): Promise<Grid> {
  return loadForWrite(ctx, Grid, id, field, GRID_NAME, gridPlacement);
}

export async function loadCommunityForWrite(
  ctx: RequestContext,
  id: string,
  field: string,
): Promise<Community> {
  return loadForWrite(ctx, Community, id, field, COMMUNITY_NAME, communityPlacement);
}

/** A staff member the viewer may see (home or post in their jurisdiction) for a write that refers to them. */
export async function loadVisibleStaff(ctx: RequestContext, id: string, field: string): Promise<StaffMember> {
  const v = requireViewer(ctx.viewer);
  const member = await ctx.em.findOne(StaffMember, { id });
  if (!member) throw notFoundField(field, STAFF_NAME);
  const visible = await ctx.em.count(StaffMember, {
    $and: [{ id }, staffVisibleWhere(ctx.em, v.jurisdiction)],
  });
  if (!visible) throw forbiddenField(field);
  return member;
}

/** A territory scope given as exactly one of a grid or a community id. */
export interface ScopeIds {
  gridId?: string;
  communityId?: string;
}

export interface ResolvedScope {
  level: 'GRID' | 'COMMUNITY';
  id: string;
  placement: { streetId: string; communityId: string; gridId: string | null };
  grid?: Grid;
  community?: Community;
}

function exactlyOne(scope: ScopeIds, field: string): void {
  if (!!scope.gridId === !!scope.communityId) {
    throw badInput(field, {
      en: `${field}: give exactly one of gridId and communityId`,
      zh: `${field}：gridId 与 communityId 须且只能填写一个`,
    });
  }
}

/** A scope for reading: outside the jurisdiction it is NOT_FOUND, like any single read. */
export async function resolveReadScope(
  ctx: RequestContext,
  scope: ScopeIds,
  field = 'scope',
): Promise<ResolvedScope> {
  const v = requireViewer(ctx.viewer);
  exactlyOne(scope, field);
  if (scope.gridId) {
    const grid = await ctx.em.findOne(Grid, {
      $and: [
        { id: scope.gridId },
        jurisdictionWhere(v.jurisdiction, { street: 'streetId', community: 'communityId', grid: 'id' }),
      ],
    } as FilterQuery<Grid>);
    if (!grid) throw notFound('Grid');
    return { level: 'GRID', id: grid.id, placement: placementOf(gridPlacement(grid)), grid };
  }
  const community = await ctx.em.findOne(Community, {
    $and: [
      { id: scope.communityId },
      jurisdictionWhere(v.jurisdiction, { street: 'streetId', community: 'id' }),
    ],
  } as FilterQuery<Community>);
  if (!community) throw notFound('Community');
  return {
    level: 'COMMUNITY',
    id: community.id,
    placement: placementOf(communityPlacement(community)),
    community,
  };
}

/** A scope for writing: outside the jurisdiction it is FORBIDDEN, naming the field. */
export async function resolveWriteScope(
  ctx: RequestContext,
  scope: ScopeIds,
  field: string,
): Promise<ResolvedScope> {
  exactlyOne(scope, field);
  if (scope.gridId) {
    const grid = await loadGridForWrite(ctx, scope.gridId, `${field}.gridId`);
    if (grid.status === GridStatus.RETIRED) throw retiredGrid(`${field}.gridId`);
    return { level: 'GRID', id: grid.id, placement: placementOf(gridPlacement(grid)), grid };
  }
  const community = await loadCommunityForWrite(ctx, scope.communityId!, `${field}.communityId`);
  return {
    level: 'COMMUNITY',
    id: community.id,
    placement: placementOf(communityPlacement(community)),
    community,
  };
}

const retiredGrid = (field: string) =>
  badInput(field, {
    en: `${field}: the grid was retired by re-gridding`,
    zh: `${field}：该网格已因网格调整撤销`,
  });

// ---------- staff members: reads ----------

const staffFilter = z.object({
  communityId: z.string().optional(),
  gridId: z.string().optional(),
  role: z.nativeEnum(StaffRole).optional(),
  activeOn: localDate.optional(),
  nameContains: z.string().trim().min(1).max(100).optional(),
});
export type StaffFilter = z.input<typeof staffFilter>;

/**
 * Staff members of the viewer's jurisdiction. Role and date filters match posts (someone who served
 * as a grid worker on that day); a grid or community alone also matches where the person belongs.
 */
export async function listStaffMembers(
  ctx: RequestContext,
  filter: StaffFilter,
  page: Page,
): Promise<ConnectionResult<StaffMember>> {
  const v = requireViewer(ctx.viewer);
  const f = parseInput(staffFilter, filter, 'filter');
  const conditions: FilterQuery<StaffMember>[] = [staffVisibleWhere(ctx.em, v.jurisdiction)];
  const post: FilterQuery<StaffAssignment>[] = [jurisdictionWhere(v.jurisdiction, SCOPED_COLUMNS)];
  if (f.gridId) post.push({ gridId: f.gridId });
  if (f.communityId) post.push({ communityId: f.communityId });
  if (f.role) post.push({ role: f.role });
  if (f.activeOn) post.push(...activeOnWhere(f.activeOn));
  if (post.length > 1) {
    const serving = ctx.em
      .createQueryBuilder(StaffAssignment, 'sa')
      .select('sa.staff_member_id')
      .where({ $and: post } as never);
    const byPost = { id: { $in: serving.getKnexQuery() } } as unknown as FilterQuery<StaffMember>;
    if (f.role || f.activeOn) {
      conditions.push(byPost);
    } else {
      // Where someone belongs counts only inside the jurisdiction: a grid worker filtering on another
      // grid must not learn that a person serving on theirs lives there.
      const home: FilterQuery<StaffMember> = {
        $and: [
          jurisdictionWhere(v.jurisdiction, SCOPED_COLUMNS),
          f.gridId ? { gridId: f.gridId } : {},
          f.communityId ? { communityId: f.communityId } : {},
        ],
      } as FilterQuery<StaffMember>;
      conditions.push({ $or: [home, byPost] });
    }
  }
  if (f.nameContains) conditions.push({ name: { $ilike: `%${escapeLike(f.nameContains)}%` } });
  return paginate(ctx.em, StaffMember, { $and: conditions }, page);
}

export function activeOnWhere(date: string): FilterQuery<StaffAssignment>[] {
  return [{ startDate: { $lte: date } }, { $or: [{ endDate: null }, { endDate: { $gte: date } }] }];
}

/** A staff member the viewer may see, or NOT_FOUND. */
export async function getStaffMember(ctx: RequestContext, id: string): Promise<StaffMember> {
  const v = requireViewer(ctx.viewer);
  const m = await ctx.em.findOne(StaffMember, { $and: [{ id }, staffVisibleWhere(ctx.em, v.jurisdiction)] });
  if (!m) throw notFound('StaffMember');
  return m;
}

/** A staff assignment inside the viewer's jurisdiction, or NOT_FOUND. */
export async function getStaffAssignment(ctx: RequestContext, id: string): Promise<StaffAssignment> {
  const v = requireViewer(ctx.viewer);
  const a = await ctx.em.findOne(StaffAssignment, {
    $and: [{ id }, jurisdictionWhere(v.jurisdiction, SCOPED_COLUMNS)],
  } as FilterQuery<StaffAssignment>);
  if (!a) throw notFound('StaffAssignment');
  return a;
}

/** Age in full years today, from the birth date; null when not given. */
export function staffAge(ctx: RequestContext, m: StaffMember): number | null {
  return m.birthDate ? ageOn(m.birthDate, today(ctx)) : null;
}

// ---------- staff members: writes ----------

/** Mobile numbers, or landlines with an area code. */
const phone = z
  .string()
  .trim()
  .regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, 'is not a mobile or landline number');

function birthDateSchema(ctx: RequestContext) {
  const now = today(ctx);
  return localDate.refine((d) => ageOn(d, now) >= 16 && ageOn(d, now) <= 100, {
    message: 'staff must be between 16 and 100 years old',
    params: { zh: '工作人员年龄须在 16 至 100 岁之间' },
  });
}

function staffMemberInput(ctx: RequestContext) {
  return z.object({
    communityId: z.string().optional(),
    gridId: z.string().optional(),
    name: text(100),
    gender: z.nativeEnum(Gender).nullish(),
    birthDate: birthDateSchema(ctx).nullish(),
    phone: phone.nullish(),
    partyMember: z.boolean().nullish(),
    residentId: z.string().nullish(),
  });
}
export type StaffMemberInput = z.input<ReturnType<typeof staffMemberInput>>;

/** The home of a staff member: a grid (and so its community) or a community alone. */
async function resolveHome(
  ctx: RequestContext,
  communityId: string | undefined,
  gridId: string | undefined | null,
): Promise<{ streetId: string; communityId: string; gridId: string | null }> {
  if (gridId) {
    const grid = await loadGridForWrite(ctx, gridId, 'input.gridId');
    if (grid.status === GridStatus.RETIRED) throw retiredGrid('input.gridId');
    if (communityId && communityId !== grid.communityId) {
      throw badInput('input.gridId', {
        en: 'input.gridId: the grid is not in the given community',
        zh: 'input.gridId：该网格不属于所填社区',
      });
    }
    return placementOf(gridPlacement(grid));
  }
  if (!communityId) {
    throw badInput('input.communityId', {
      en: 'input.communityId: give the community or the grid the person belongs to',
      zh: 'input.communityId：请填写所属社区或网格',
    });
  }
  const community = await loadCommunityForWrite(ctx, communityId, 'input.communityId');
  return placementOf(communityPlacement(community));
}

async function checkResident(ctx: RequestContext, residentId: string, home: Placement): Promise<void> {
  const resident = await loadForWrite(ctx, Resident, residentId, 'input.residentId', {
    en: 'resident',
    zh: '居民',
  });
  if (resident.communityId !== home.communityId) {
    throw badInput('input.residentId', {
      en: 'input.residentId: the resident lives in another community',
      zh: 'input.residentId：该居民不在此社区居住',
    });
  }
}

export async function createStaffMember(ctx: RequestContext, input: StaffMemberInput): Promise<StaffMember> {
  requireAdmin(ctx.viewer);
  const data = parseInput(staffMemberInput(ctx), input);
  const home = await resolveHome(ctx, data.communityId, data.gridId);
  if (data.residentId) await checkResident(ctx, data.residentId, home);
  const member = ctx.em.create(StaffMember, {
    ...home,
    name: data.name,
    gender: data.gender ?? null,
    birthDate: data.birthDate ?? null,
    phone: data.phone ?? null,
    partyMember: data.partyMember ?? false,
    residentId: data.residentId ?? null,
  });
  recordEvent(ctx, 'staff_member.created', { type: 'StaffMember', id: member.id }, home, {
    communityId: toGlobalId('Community', home.communityId),
    gridId: home.gridId ? toGlobalId('Grid', home.gridId) : null,
  });
  await ctx.em.flush();
  return member;
}

function staffMemberPatch(ctx: RequestContext) {
  return z.object({
    gridId: z.string().nullish(),
    name: text(100).optional(),
    gender: z.nativeEnum(Gender).nullish(),
    birthDate: birthDateSchema(ctx).nullish(),
    phone: phone.nullish(),
    partyMember: z.boolean().optional(),
    residentId: z.string().nullish(),
  });
}
export type StaffMemberPatch = z.input<ReturnType<typeof staffMemberPatch>>;

/**
 * Changes a staff member. Omitted fields stay; null clears. `gridId` moves the person's home within
 * their community (null: the community itself).
 */
export async function updateStaffMember(
  ctx: RequestContext,
  id: string,
  patch: StaffMemberPatch,
): Promise<StaffMember> {
  const v = requireAdmin(ctx.viewer);
  const data = parseInput(staffMemberPatch(ctx), patch);
  const member = await ctx.em.findOne(StaffMember, { id });
  if (!member) throw notFound('StaffMember');
  assertCovers(v.jurisdiction, member);
  const changed: string[] = [];
  if (data.gridId !== undefined) {
    const home = await resolveHome(ctx, member.communityId, data.gridId);
    if (home.gridId !== member.gridId) {
      member.gridId = home.gridId;
      changed.push('gridId');
    }
  }
  if (data.residentId) await checkResident(ctx, data.residentId, member);
  for (const key of ['name', 'gender', 'birthDate', 'phone', 'partyMember', 'residentId'] as const) {
    const value = data[key];
    if (value === undefined) continue;
    if ((member[key] ?? null) === value) continue;
    (member as unknown as Record<string, unknown>)[key] = value;
    changed.push(key);
  }
  // Values may be personal data: the event names what changed, not what it changed to.
  recordEvent(ctx, 'staff_member.updated', { type: 'StaffMember', id: member.id }, member, {
    changed,
    gridId: member.gridId ? toGlobalId('Grid', member.gridId) : null,
  });
  await ctx.em.flush();
  return member;
}

// ---------- assignments ----------

const assignInput = z
  .object({
    staffMemberId: z.string(),
    role: z.nativeEnum(StaffRole),
    postId: z.string(),
    department: z.nativeEnum(Department).nullish(),
    organizationId: z.string().nullish(),
    startDate: localDate,
    endDate: localDate.nullish(),
  })
  .superRefine((d, issue) => {
    if (d.endDate && d.endDate < d.startDate) {
      issue.addIssue({
        code: 'custom',
        path: ['endDate'],
        message: 'must not be before startDate',
        params: { zh: '结束日期不能早于开始日期' },
      });
    }
    if (d.role === StaffRole.CO_MANAGER && !d.department) {
      issue.addIssue({
        code: 'custom',
        path: ['department'],
        message: 'a co-manager needs the department they come from',
        params: { zh: '网格协管员须填写所属部门' },
      });
    }
    if (d.role !== StaffRole.CO_MANAGER && d.department) {
      issue.addIssue({
        code: 'custom',
        path: ['department'],
        message: 'only co-managers have a department',
        params: { zh: '只有网格协管员填写所属部门' },
      });
    }
    if (d.role === StaffRole.LIAISON && !d.organizationId) {
      issue.addIssue({
        code: 'custom',
        path: ['organizationId'],
        message: 'a liaison needs the organization they come from',
        params: { zh: '网格联络员须填写所属单位' },
      });
    }
    if (d.organizationId && d.role !== StaffRole.LIAISON && d.role !== StaffRole.GRID_CHIEF_ASSISTANT) {
      issue.addIssue({
        code: 'custom',
        path: ['organizationId'],
        message: 'only liaisons and grid-chief assistants come from an organization',
        params: { zh: '只有网格联络员和网格长助理填写所属单位' },
      });
    }
  });
export type AssignInput = z.input<typeof assignInput>;

const POST_TYPES: Record<string, PostLevel> = {
  Community: PostLevel.COMMUNITY,
  Grid: PostLevel.GRID,
  MicroGrid: PostLevel.MICRO_GRID,
  Building: PostLevel.BUILDING,
};

const POST_ZH: Record<PostLevel, string> = {
  COMMUNITY: '社区',
  GRID: '网格',
  MICRO_GRID: '微网格',
  BUILDING: '楼栋',
};

interface PostColumns {
  streetId: string;
  communityId: string;
  gridId: string | null;
  microGridId: string | null;
  buildingId: string | null;
}

/** Resolves a post's global id to its placement, checking its kind suits the role and it is writable. */
async function resolvePost(ctx: RequestContext, role: StaffRole, postId: string): Promise<PostColumns> {
  const field = 'input.postId';
  const parsed = parseGlobalId(postId);
  const level = parsed ? POST_TYPES[parsed.type] : undefined;
  if (!parsed || !level) {
    throw badInput(field, {
      en: `${field}: must be the id of a Community, Grid, MicroGrid or Building`,
      zh: `${field}：须为社区、网格、微网格或楼栋的编号`,
    });
  }
  const expected = ROLE_POST[role];
  if (level !== expected) {
    throw badInput(field, {
      en: `${field}: a ${role} serves on a ${expected.toLowerCase().replace('_', '-')}, not a ${level.toLowerCase().replace('_', '-')}`,
      zh: `${field}：该岗位应设在${POST_ZH[expected]}，而不是${POST_ZH[level]}`,
    });
  }
  const id = parsed.id;
  switch (level) {
    case PostLevel.COMMUNITY: {
      const c = await loadCommunityForWrite(ctx, id, field);
      return { streetId: c.streetId, communityId: c.id, gridId: null, microGridId: null, buildingId: null };
    }
    case PostLevel.GRID: {
      const g = await loadGridForWrite(ctx, id, field);
      if (g.status === GridStatus.RETIRED) throw retiredGrid(field);
      return {
        streetId: g.streetId,
        communityId: g.communityId,
        gridId: g.id,
        microGridId: null,
        buildingId: null,
      };
    }
    case PostLevel.MICRO_GRID: {
      const m = await loadForWrite(ctx, MicroGrid, id, field, { en: 'micro-grid', zh: '微网格' });
      return { ...placementOf(m), microGridId: m.id, buildingId: null };
    }
    case PostLevel.BUILDING: {
      const b = await loadForWrite(ctx, Building, id, field, { en: 'building', zh: '楼栋' });
      return { ...placementOf(b), microGridId: b.microGridId ?? null, buildingId: b.id };
    }
  }
}

/** Puts a staff member on a post in a role (community administrators and above). */
export async function assignStaff(ctx: RequestContext, input: AssignInput): Promise<StaffAssignment> {
  requireAdmin(ctx.viewer);
  const data = parseInput(assignInput, input);
  const member = await loadVisibleStaff(ctx, data.staffMemberId, 'input.staffMemberId');
  const post = await resolvePost(ctx, data.role, data.postId);
  if (data.organizationId) {
    const org = await loadForWrite(ctx, Organization, data.organizationId, 'input.organizationId', {
      en: 'organization',
      zh: '组织',
    });
    if (org.communityId !== post.communityId) {
      throw badInput('input.organizationId', {
        en: 'input.organizationId: the organization is not in the community of the post',
        zh: 'input.organizationId：该单位不在岗位所在社区',
      });
    }
  }
  const overlapping = await ctx.em.count(StaffAssignment, {
    staffMemberId: member.id,
    role: data.role,
    communityId: post.communityId,
    gridId: post.gridId,
    microGridId: post.microGridId,
    buildingId: post.buildingId,
    ...(data.endDate ? { startDate: { $lte: data.endDate } } : {}),
    $or: [{ endDate: null }, { endDate: { $gte: data.startDate } }],
  });
  if (overlapping) {
    throw conflict({
      en: 'This person already holds this role on this post for part of that time',
      zh: '此人在该时段内已在该岗位任此职务',
    });
  }
  const assignment = ctx.em.create(StaffAssignment, {
    ...post,
    staffMemberId: member.id,
    role: data.role,
    department: data.department ?? null,
    organizationId: data.organizationId ?? null,
    startDate: data.startDate,
    endDate: data.endDate ?? null,
  });
  recordEvent(ctx, 'staff_assignment.created', { type: 'StaffAssignment', id: assignment.id }, post, {
    staffMemberId: toGlobalId('StaffMember', member.id),
    role: assignment.role,
    postId: data.postId,
    postLevel: assignment.postLevel,
    department: assignment.department ?? null,
    organizationId: assignment.organizationId ? toGlobalId('Organization', assignment.organizationId) : null,
    startDate: assignment.startDate,
    endDate: assignment.endDate ?? null,
  });
  await flushOrConflict(ctx, { en: 'This assignment exists', zh: '该岗位分配已存在' });
  return assignment;
}

const endInput = z.object({ endDate: localDate.optional() });

/** Ends a current assignment on a day (default: today). */
export async function endAssignment(
  ctx: RequestContext,
  id: string,
  input: { endDate?: string },
): Promise<StaffAssignment> {
  const v = requireAdmin(ctx.viewer);
  const data = parseInput(endInput, input, '');
  const assignment = await ctx.em.findOne(StaffAssignment, { id });
  if (!assignment) throw notFound('StaffAssignment');
  assertCovers(v.jurisdiction, assignment);
  if (assignment.endDate) {
    throw conflict({ en: 'This assignment has already ended', zh: '该岗位分配已结束' });
  }
  const endDate = data.endDate ?? today(ctx);
  if (endDate < assignment.startDate) {
    throw badInput('endDate', {
      en: `endDate: must not be before the start date ${assignment.startDate}`,
      zh: `endDate：结束日期不能早于开始日期 ${assignment.startDate}`,
    });
  }
  assignment.endDate = endDate;
  recordEvent(ctx, 'staff_assignment.ended', { type: 'StaffAssignment', id: assignment.id }, assignment, {
    staffMemberId: toGlobalId('StaffMember', assignment.staffMemberId),
    role: assignment.role,
    endDate,
  });
  await ctx.em.flush();
  return assignment;
}
