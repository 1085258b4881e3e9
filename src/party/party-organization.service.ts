import type { FilterQuery } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { assertCovers, jurisdictionWhere, SCOPED_COLUMNS, type Placement } from '../auth/jurisdiction';
import { requireAdmin, requireViewer } from '../auth/viewer';
import { escapeLike, flushOrConflict } from '../db/helpers';
import { paginate, type ConnectionResult, type Page } from '../graphql/connection';
import { conflict } from '../graphql/errors';
import { toGlobalId } from '../graphql/global-id';
import { parseInput, text } from '../graphql/validate';
import { recordEvent } from '../integration/event.service';
import { Resident } from '../people/resident.entity';
import type { RequestContext } from '../server/context';
import { StaffMember } from '../staff/staff-member.entity';
import { Building } from '../territory/building.entity';
import { Community } from '../territory/community.entity';
import { Grid, GridStatus } from '../territory/grid.entity';
import { MicroGrid } from '../territory/micro-grid.entity';
import { communityWhere, gridWhere } from '../territory/territory.service';
import { badInput, notFoundField, optionalText, pastDate, today, uuid, notFoundRecord } from './party.common';
import { PartyAttachmentLevel, PartyOrganization, PartyOrganizationKind } from './party-organization.entity';

const Kind = PartyOrganizationKind;
const Level = PartyAttachmentLevel;

/** The oldest date a party record can carry: the founding of the Party. */
export const PARTY_EPOCH = '1921-07-01';

/** Which territory levels each kind of organization may be attached to. */
export const ATTACHMENT_LEVELS: Record<PartyOrganizationKind, readonly PartyAttachmentLevel[]> = {
  [Kind.COMMUNITY_COMMITTEE]: [Level.COMMUNITY],
  [Kind.GRID_BRANCH]: [Level.GRID],
  [Kind.RESIDENTIAL_BRANCH]: [Level.MICRO_GRID, Level.GRID],
  [Kind.PARTY_GROUP]: [Level.GRID, Level.MICRO_GRID],
  [Kind.BUILDING_GROUP]: [Level.BUILDING],
};

/** Which kinds of organization each kind may sit under: branches under the committee, groups under a branch. */
const PARENT_KINDS: Record<PartyOrganizationKind, readonly PartyOrganizationKind[]> = {
  [Kind.COMMUNITY_COMMITTEE]: [],
  [Kind.GRID_BRANCH]: [Kind.COMMUNITY_COMMITTEE],
  [Kind.RESIDENTIAL_BRANCH]: [Kind.COMMUNITY_COMMITTEE],
  [Kind.PARTY_GROUP]: [Kind.GRID_BRANCH, Kind.RESIDENTIAL_BRANCH],
  [Kind.BUILDING_GROUP]: [Kind.GRID_BRANCH, Kind.RESIDENTIAL_BRANCH],
};

const KIND_ZH: Record<PartyOrganizationKind, string> = {
  COMMUNITY_COMMITTEE: '社区党委',
  GRID_BRANCH: '网格党支部',
  RESIDENTIAL_BRANCH: '小区党支部',
  PARTY_GROUP: '党小组',
  BUILDING_GROUP: '楼栋党小组',
};
const LEVEL_TEXT: Record<PartyAttachmentLevel, { en: string; zh: string }> = {
  COMMUNITY: { en: 'a community', zh: '社区' },
  GRID: { en: 'a grid', zh: '网格' },
  MICRO_GRID: { en: 'a micro-grid', zh: '微网格' },
  BUILDING: { en: 'a building', zh: '楼栋' },
};

const ORG = { en: 'party organization', zh: '党组织' };

/** Where a territory node puts an organization attached to it. */
export interface Attachment extends Placement {
  streetId: string;
  communityId: string;
  gridId: string | null;
  microGridId: string | null;
  buildingId: string | null;
  level: PartyAttachmentLevel;
}

export function placementOf(r: { streetId: string; communityId: string; gridId?: string | null }): Placement {
  return { streetId: r.streetId, communityId: r.communityId, gridId: r.gridId ?? null };
}

export function partyOrganizationWhere(ctx: RequestContext): FilterQuery<PartyOrganization> {
  const v = requireViewer(ctx.viewer);
  return jurisdictionWhere(v.jurisdiction, SCOPED_COLUMNS) as FilterQuery<PartyOrganization>;
}

// ---------- reads ----------

export interface PartyOrganizationFilter {
  communityId?: string;
  gridId?: string;
  kind?: PartyOrganizationKind | null;
  parentId?: string;
  nameContains?: string | null;
}

export async function listPartyOrganizations(
  ctx: RequestContext,
  filter: PartyOrganizationFilter,
  page: Page,
): Promise<ConnectionResult<PartyOrganization>> {
  const where: FilterQuery<PartyOrganization> = {
    $and: [
      partyOrganizationWhere(ctx),
      filter.communityId ? { communityId: filter.communityId } : {},
      filter.gridId ? { gridId: filter.gridId } : {},
      filter.kind ? { kind: filter.kind } : {},
      filter.parentId ? { parentId: filter.parentId } : {},
      filter.nameContains ? { name: { $ilike: `%${escapeLike(filter.nameContains)}%` } } : {},
    ],
  };
  return paginate(ctx.em, PartyOrganization, where, page);
}

/** A party organization inside the viewer's jurisdiction, or NOT_FOUND. */
export async function getPartyOrganization(ctx: RequestContext, id: string): Promise<PartyOrganization> {
  const org = await ctx.em.findOne(PartyOrganization, { $and: [{ id }, partyOrganizationWhere(ctx)] });
  if (!org) throw notFoundRecord('PartyOrganization');
  return org;
}

/** Same, for an id given in an input: NOT_FOUND naming the field. */
export async function findPartyOrganizationFor(
  ctx: RequestContext,
  id: string,
  field: string,
): Promise<PartyOrganization> {
  const org = await ctx.em.findOne(PartyOrganization, { $and: [{ id }, partyOrganizationWhere(ctx)] });
  if (!org) throw notFoundField(field, ORG);
  return org;
}

// ---------- writes ----------

export type AttachmentType = 'Community' | 'Grid' | 'MicroGrid' | 'Building';

export interface CreatePartyOrganizationInput {
  name: string;
  kind: PartyOrganizationKind;
  attachedTo: { type: AttachmentType; id: string };
  parentId?: string | null;
  secretaryStaffMemberId?: string | null;
  secretaryResidentId?: string | null;
  secretaryName?: string | null;
  foundedOn?: string | null;
}

export type UpdatePartyOrganizationInput = Partial<
  Pick<
    CreatePartyOrganizationInput,
    'name' | 'parentId' | 'secretaryStaffMemberId' | 'secretaryResidentId' | 'secretaryName' | 'foundedOn'
  >
>;

const createSchema = (todayDate: string) =>
  z.object({
    name: text(200),
    kind: z.nativeEnum(PartyOrganizationKind),
    attachedTo: z.object({ type: z.enum(['Community', 'Grid', 'MicroGrid', 'Building']), id: uuid }),
    parentId: uuid.nullish(),
    secretaryStaffMemberId: uuid.nullish(),
    secretaryResidentId: uuid.nullish(),
    secretaryName: optionalText(100),
    foundedOn: pastDate(todayDate, PARTY_EPOCH).nullish(),
  });

const updateSchema = (todayDate: string) =>
  z.object({
    name: text(200).optional(),
    parentId: uuid.nullish(),
    secretaryStaffMemberId: uuid.nullish(),
    secretaryResidentId: uuid.nullish(),
    secretaryName: optionalText(100).optional(),
    foundedOn: pastDate(todayDate, PARTY_EPOCH).nullish(),
  });

export async function createPartyOrganization(
  ctx: RequestContext,
  input: CreatePartyOrganizationInput,
): Promise<PartyOrganization> {
  const v = requireAdmin(ctx.viewer);
  const data = parseInput(createSchema(today(ctx)), input);
  const at = await resolveAttachment(ctx, data.attachedTo, 'input.attachedToId');
  if (!ATTACHMENT_LEVELS[data.kind].includes(at.level)) {
    const allowed = ATTACHMENT_LEVELS[data.kind].map((l) => LEVEL_TEXT[l]);
    throw badInput('input.attachedToId', {
      en: `input.attachedToId: a ${data.kind} is attached to ${allowed.map((a) => a.en).join(' or ')}`,
      zh: `input.attachedToId：${KIND_ZH[data.kind]}只能挂靠在${allowed.map((a) => a.zh).join('或')}上`,
    });
  }
  assertCovers(v.jurisdiction, at);
  await checkParent(ctx, data.kind, at, data.parentId ?? null, 'input.parentId');
  const secretary = await resolveSecretary(ctx, at, data);
  await checkSingleton(ctx, data.kind, at);
  const org = ctx.em.create(PartyOrganization, {
    name: data.name,
    kind: data.kind,
    streetId: at.streetId,
    communityId: at.communityId,
    gridId: at.gridId,
    microGridId: at.microGridId,
    buildingId: at.buildingId,
    parentId: data.parentId ?? null,
    ...secretary,
    foundedOn: data.foundedOn ?? null,
  });
  recordEvent(
    ctx,
    'party_organization.created',
    { type: 'PartyOrganization', id: org.id },
    placementOf(org),
    {
      name: org.name,
      kind: org.kind,
      attachmentLevel: at.level,
      attachedTo: toGlobalId(data.attachedTo.type, data.attachedTo.id),
      parentId: org.parentId ? toGlobalId('PartyOrganization', org.parentId) : null,
    },
  );
  await flushOrConflict(ctx, {
    en: 'A party organization with this name exists in the community',
    zh: '本社区已有同名党组织',
  });
  return org;
}

export async function updatePartyOrganization(
  ctx: RequestContext,
  id: string,
  patch: UpdatePartyOrganizationInput,
): Promise<PartyOrganization> {
  const v = requireAdmin(ctx.viewer);
  const data = parseInput(updateSchema(today(ctx)), patch);
  const org = await getPartyOrganization(ctx, id);
  assertCovers(v.jurisdiction, placementOf(org));
  const changed: string[] = [];
  if (data.name !== undefined && data.name !== org.name) {
    org.name = data.name;
    changed.push('name');
  }
  if (data.parentId !== undefined && data.parentId !== org.parentId) {
    await checkParent(ctx, org.kind, org, data.parentId, 'input.parentId');
    org.parentId = data.parentId;
    changed.push('parentId');
  }
  const secretaryGiven = ['secretaryStaffMemberId', 'secretaryResidentId', 'secretaryName'].some(
    (k) => data[k as keyof typeof data] !== undefined,
  );
  if (secretaryGiven) {
    // The secretary is replaced as a whole: the fields left out are cleared.
    Object.assign(
      org,
      await resolveSecretary(
        ctx,
        { communityId: org.communityId },
        {
          secretaryStaffMemberId: data.secretaryStaffMemberId ?? null,
          secretaryResidentId: data.secretaryResidentId ?? null,
          secretaryName: data.secretaryName ?? null,
        },
      ),
    );
    changed.push('secretary');
  }
  if (data.foundedOn !== undefined && data.foundedOn !== org.foundedOn) {
    org.foundedOn = data.foundedOn;
    changed.push('foundedOn');
  }
  recordEvent(
    ctx,
    'party_organization.updated',
    { type: 'PartyOrganization', id: org.id },
    placementOf(org),
    {
      changed,
      name: org.name,
      parentId: org.parentId ? toGlobalId('PartyOrganization', org.parentId) : null,
      foundedOn: org.foundedOn ?? null,
    },
  );
  await flushOrConflict(ctx, {
    en: 'A party organization with this name exists in the community',
    zh: '本社区已有同名党组织',
  });
  return org;
}

async function resolveAttachment(
  ctx: RequestContext,
  ref: { type: AttachmentType; id: string },
  field: string,
): Promise<Attachment> {
  const j = requireViewer(ctx.viewer).jurisdiction;
  const scoped = jurisdictionWhere(j, SCOPED_COLUMNS);
  const missing = () => notFoundField(field, { en: 'territory node', zh: '挂靠的地域节点' });
  switch (ref.type) {
    case 'Community': {
      const c = await ctx.em.findOne(Community, { $and: [{ id: ref.id }, communityWhere(j)] });
      if (!c) throw missing();
      return {
        level: Level.COMMUNITY,
        streetId: c.streetId,
        communityId: c.id,
        gridId: null,
        microGridId: null,
        buildingId: null,
      };
    }
    case 'Grid': {
      const g = await ctx.em.findOne(Grid, { $and: [{ id: ref.id }, gridWhere(j)] });
      if (!g) throw missing();
      assertActiveGrid(g, field);
      return {
        level: Level.GRID,
        streetId: g.streetId,
        communityId: g.communityId,
        gridId: g.id,
        microGridId: null,
        buildingId: null,
      };
    }
    case 'MicroGrid': {
      const m = await ctx.em.findOne(MicroGrid, { $and: [{ id: ref.id }, scoped] } as FilterQuery<MicroGrid>);
      if (!m || !m.gridId) throw missing();
      assertActiveGrid(await ctx.em.findOneOrFail(Grid, m.gridId), field);
      return {
        level: Level.MICRO_GRID,
        streetId: m.streetId,
        communityId: m.communityId,
        gridId: m.gridId,
        microGridId: m.id,
        buildingId: null,
      };
    }
    case 'Building': {
      const b = await ctx.em.findOne(Building, { $and: [{ id: ref.id }, scoped] } as FilterQuery<Building>);
      if (!b || !b.gridId) throw missing();
      assertActiveGrid(await ctx.em.findOneOrFail(Grid, b.gridId), field);
      return {
        level: Level.BUILDING,
        streetId: b.streetId,
        communityId: b.communityId,
        gridId: b.gridId,
        microGridId: b.microGridId ?? null,
        buildingId: b.id,
      };
    }
  }
}

function assertActiveGrid(g: Grid, field: string): void {
  if (g.status !== GridStatus.ACTIVE) {
    throw badInput(field, {
      en: `${field}: the grid was retired by re-gridding`,
      zh: `${field}：该网格已因网格调整撤销`,
    });
  }
}

/** A branch sits under the committee of its community; a group under a branch of its own grid. */
async function checkParent(
  ctx: RequestContext,
  kind: PartyOrganizationKind,
  at: { communityId: string; gridId?: string | null },
  parentId: string | null,
  field: string,
): Promise<void> {
  if (!parentId) return;
  const allowed = PARENT_KINDS[kind];
  if (!allowed.length) {
    throw badInput(field, {
      en: `${field}: a ${kind} has no parent organization here`,
      zh: `${field}：${KIND_ZH[kind]}不设上级党组织`,
    });
  }
  const parent = await findPartyOrganizationFor(ctx, parentId, field);
  if (parent.communityId !== at.communityId) {
    throw badInput(field, {
      en: `${field}: the parent organization must be in the same community`,
      zh: `${field}：上级党组织必须属于同一社区`,
    });
  }
  if (!allowed.includes(parent.kind)) {
    throw badInput(field, {
      en: `${field}: a ${kind} sits under ${allowed.join(' or ')}, not under a ${parent.kind}`,
      zh: `${field}：${KIND_ZH[kind]}的上级应为${allowed.map((k) => KIND_ZH[k]).join('或')}，不能是${KIND_ZH[parent.kind]}`,
    });
  }
  if (parent.gridId && parent.gridId !== at.gridId) {
    throw badInput(field, {
      en: `${field}: the parent organization belongs to another grid`,
      zh: `${field}：上级党组织属于其他网格`,
    });
  }
}

/** One committee per community and one branch per grid: the ledgers count them that way. */
async function checkSingleton(
  ctx: RequestContext,
  kind: PartyOrganizationKind,
  at: Attachment,
): Promise<void> {
  if (kind === Kind.COMMUNITY_COMMITTEE) {
    if (await ctx.em.count(PartyOrganization, { kind, communityId: at.communityId })) {
      throw conflict({ en: 'The community already has a party committee', zh: '该社区已有社区党委' });
    }
  } else if (kind === Kind.GRID_BRANCH) {
    if (await ctx.em.count(PartyOrganization, { kind, gridId: at.gridId })) {
      throw conflict({ en: 'The grid already has a party branch', zh: '该网格已有网格党支部' });
    }
  }
}

/** The secretary as stored: the person references (checked) and the name shown. */
async function resolveSecretary(
  ctx: RequestContext,
  at: { communityId: string },
  s: {
    secretaryStaffMemberId?: string | null;
    secretaryResidentId?: string | null;
    secretaryName?: string | null;
  },
): Promise<{
  secretaryStaffMemberId: string | null;
  secretaryResidentId: string | null;
  secretaryName: string | null;
}> {
  const j = requireViewer(ctx.viewer).jurisdiction;
  const scoped = jurisdictionWhere(j, SCOPED_COLUMNS);
  let name = s.secretaryName ?? null;
  if (s.secretaryStaffMemberId) {
    const staff = await ctx.em.findOne(StaffMember, {
      $and: [{ id: s.secretaryStaffMemberId }, scoped],
    } as FilterQuery<StaffMember>);
    if (!staff) throw notFoundField('input.secretaryStaffMemberId', { en: 'staff member', zh: '工作人员' });
    if (staff.communityId !== at.communityId) {
      throw badInput('input.secretaryStaffMemberId', {
        en: 'input.secretaryStaffMemberId: the staff member belongs to another community',
        zh: 'input.secretaryStaffMemberId：该工作人员属于其他社区',
      });
    }
    name ??= staff.name;
  }
  if (s.secretaryResidentId) {
    const resident = await ctx.em.findOne(Resident, {
      $and: [{ id: s.secretaryResidentId }, scoped],
    } as FilterQuery<Resident>);
    if (!resident) throw notFoundField('input.secretaryResidentId', { en: 'resident', zh: '居民' });
    if (resident.communityId !== at.communityId) {
      throw badInput('input.secretaryResidentId', {
        en: 'input.secretaryResidentId: the resident lives in another community',
        zh: 'input.secretaryResidentId：该居民属于其他社区',
      });
    }
    name ??= resident.name;
  }
  return {
    secretaryStaffMemberId: s.secretaryStaffMemberId ?? null,
    secretaryResidentId: s.secretaryResidentId ?? null,
    secretaryName: name,
  };
}
