import type { FilterQuery } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { assertCovers, jurisdictionWhere, SCOPED_COLUMNS } from '../auth/jurisdiction';
import { requireAdmin, requireViewer } from '../auth/viewer';
import { escapeLike } from '../db/helpers';
import { paginate, type ConnectionResult, type Page } from '../graphql/connection';
import { conflict } from '../graphql/errors';
import { toGlobalId } from '../graphql/global-id';
import { parseInput } from '../graphql/validate';
import { recordEvent } from '../integration/event.service';
import { Organization } from '../people/organization.entity';
import { Resident } from '../people/resident.entity';
import type { RequestContext } from '../server/context';
import { StaffMember } from '../staff/staff-member.entity';
import { badInput, notFoundField, optionalText, pastDate, today, uuid, notFoundRecord } from './party.common';
import { PartyMembership, PartyMembershipKind } from './party-membership.entity';
import type { PartyOrganization } from './party-organization.entity';
import { findPartyOrganizationFor, PARTY_EPOCH, placementOf } from './party-organization.service';

function membershipWhere(ctx: RequestContext): FilterQuery<PartyMembership> {
  const v = requireViewer(ctx.viewer);
  return jurisdictionWhere(v.jurisdiction, SCOPED_COLUMNS) as FilterQuery<PartyMembership>;
}

// ---------- reads ----------

export interface PartyMembershipFilter {
  communityId?: string;
  gridId?: string;
  partyOrganizationId?: string;
  kind?: PartyMembershipKind | null;
  active?: boolean | null;
  residentId?: string;
  staffMemberId?: string;
  nameContains?: string | null;
}

export async function listPartyMemberships(
  ctx: RequestContext,
  filter: PartyMembershipFilter,
  page: Page,
): Promise<ConnectionResult<PartyMembership>> {
  const where: FilterQuery<PartyMembership> = {
    $and: [
      membershipWhere(ctx),
      filter.communityId ? { communityId: filter.communityId } : {},
      filter.gridId ? { gridId: filter.gridId } : {},
      filter.partyOrganizationId ? { partyOrganizationId: filter.partyOrganizationId } : {},
      filter.kind ? { kind: filter.kind } : {},
      filter.active == null ? {} : filter.active ? { leftOn: null } : { leftOn: { $ne: null } },
      filter.residentId ? { residentId: filter.residentId } : {},
      filter.staffMemberId ? { staffMemberId: filter.staffMemberId } : {},
      filter.nameContains ? { memberName: { $ilike: `%${escapeLike(filter.nameContains)}%` } } : {},
    ],
  };
  return paginate(ctx.em, PartyMembership, where, page);
}

export async function getPartyMembership(ctx: RequestContext, id: string): Promise<PartyMembership> {
  const m = await ctx.em.findOne(PartyMembership, { $and: [{ id }, membershipWhere(ctx)] });
  if (!m) throw notFoundRecord('PartyMembership');
  return m;
}

// ---------- writes ----------

export interface AddPartyMemberInput {
  partyOrganizationId: string;
  kind: PartyMembershipKind;
  residentId?: string | null;
  staffMemberId?: string | null;
  memberName?: string | null;
  workUnitOrganizationId?: string | null;
  workUnitName?: string | null;
  joinedOn: string;
  commitment?: string | null;
  post?: string | null;
}

export interface UpdatePartyMembershipInput {
  kind?: PartyMembershipKind;
  workUnitOrganizationId?: string | null;
  workUnitName?: string | null;
  commitment?: string | null;
  post?: string | null;
}

const addSchema = (todayDate: string) =>
  z.object({
    partyOrganizationId: uuid,
    kind: z.nativeEnum(PartyMembershipKind),
    residentId: uuid.nullish(),
    staffMemberId: uuid.nullish(),
    memberName: optionalText(100),
    workUnitOrganizationId: uuid.nullish(),
    workUnitName: optionalText(200),
    joinedOn: pastDate(todayDate, PARTY_EPOCH),
    commitment: optionalText(500),
    post: optionalText(100),
  });

const updateSchema = z.object({
  kind: z.nativeEnum(PartyMembershipKind).optional(),
  workUnitOrganizationId: uuid.nullish(),
  workUnitName: optionalText(200).optional(),
  commitment: optionalText(500).optional(),
  post: optionalText(100).optional(),
});

export async function addPartyMember(
  ctx: RequestContext,
  input: AddPartyMemberInput,
): Promise<PartyMembership> {
  const v = requireAdmin(ctx.viewer);
  const data = parseInput(addSchema(today(ctx)), input);
  const org = await findPartyOrganizationFor(ctx, data.partyOrganizationId, 'input.partyOrganizationId');
  assertCovers(v.jurisdiction, placementOf(org));
  if (!data.residentId && !data.staffMemberId && !data.memberName) {
    throw badInput('input.memberName', {
      en: 'input.memberName: give a resident, a staff member or the member’s name',
      zh: 'input.memberName：请指定居民、工作人员或填写党员姓名',
    });
  }
  const resident = data.residentId ? await memberResident(ctx, org, data.residentId) : null;
  const staff = data.staffMemberId ? await memberStaff(ctx, org, data.staffMemberId, data.residentId) : null;
  const workUnit = await resolveWorkUnit(ctx, data.kind, data.workUnitOrganizationId, data.workUnitName);
  // The same person twice in one organization; members known only by name cannot be told apart.
  const person = [
    ...(resident ? [{ residentId: resident.id }] : []),
    ...(staff ? [{ staffMemberId: staff.id }] : []),
  ];
  if (
    person.length &&
    (await ctx.em.count(PartyMembership, { partyOrganizationId: org.id, leftOn: null, $or: person }))
  ) {
    throw conflict({
      en: 'This person is already a member of the organization',
      zh: '此人已是该党组织的党员',
    });
  }
  const m = ctx.em.create(PartyMembership, {
    streetId: org.streetId,
    communityId: org.communityId,
    gridId: org.gridId ?? null,
    partyOrganizationId: org.id,
    residentId: resident?.id ?? null,
    staffMemberId: staff?.id ?? null,
    memberName: data.memberName ?? resident?.name ?? staff!.name,
    kind: data.kind,
    ...workUnit,
    joinedOn: data.joinedOn,
    commitment: data.commitment,
    post: data.post,
  });
  recordEvent(ctx, 'party_membership.created', { type: 'PartyMembership', id: m.id }, placementOf(m), {
    partyOrganizationId: toGlobalId('PartyOrganization', org.id),
    kind: m.kind,
    joinedOn: m.joinedOn,
    residentId: m.residentId ? toGlobalId('Resident', m.residentId) : null,
    staffMemberId: m.staffMemberId ? toGlobalId('StaffMember', m.staffMemberId) : null,
  });
  await ctx.em.flush();
  return m;
}

export async function updatePartyMembership(
  ctx: RequestContext,
  id: string,
  patch: UpdatePartyMembershipInput,
): Promise<PartyMembership> {
  const v = requireAdmin(ctx.viewer);
  const data = parseInput(updateSchema, patch);
  const m = await getPartyMembership(ctx, id);
  assertCovers(v.jurisdiction, placementOf(m));
  if (m.leftOn) throw ended();
  const changed: string[] = [];
  if (data.kind !== undefined && data.kind !== m.kind) {
    m.kind = data.kind;
    changed.push('kind');
  }
  if (data.workUnitOrganizationId !== undefined || data.workUnitName !== undefined) {
    Object.assign(
      m,
      await resolveWorkUnit(
        ctx,
        m.kind,
        data.workUnitOrganizationId === undefined ? m.workUnitOrganizationId : data.workUnitOrganizationId,
        data.workUnitName === undefined && data.workUnitOrganizationId === undefined
          ? m.workUnitName
          : data.workUnitName,
      ),
    );
    changed.push('workUnit');
  } else if (changed.includes('kind')) {
    await resolveWorkUnit(ctx, m.kind, m.workUnitOrganizationId, m.workUnitName);
  }
  if (data.commitment !== undefined && data.commitment !== m.commitment) {
    m.commitment = data.commitment;
    changed.push('commitment');
  }
  if (data.post !== undefined && data.post !== m.post) {
    m.post = data.post;
    changed.push('post');
  }
  recordEvent(ctx, 'party_membership.updated', { type: 'PartyMembership', id: m.id }, placementOf(m), {
    changed,
    kind: m.kind,
  });
  await ctx.em.flush();
  return m;
}

const endSchema = (todayDate: string) =>
  z.object({ leftOn: pastDate(todayDate, PARTY_EPOCH), reason: optionalText(200) });

export async function endPartyMembership(
  ctx: RequestContext,
  id: string,
  input: { leftOn: string; reason?: string | null },
): Promise<PartyMembership> {
  const v = requireAdmin(ctx.viewer);
  const data = parseInput(endSchema(today(ctx)), input);
  const m = await getPartyMembership(ctx, id);
  assertCovers(v.jurisdiction, placementOf(m));
  if (m.leftOn) throw ended();
  if (data.leftOn < m.joinedOn) {
    throw badInput('input.leftOn', {
      en: `input.leftOn: must not be before the day the member joined (${m.joinedOn})`,
      zh: `input.leftOn：不能早于入党（报到）日期 ${m.joinedOn}`,
    });
  }
  m.leftOn = data.leftOn;
  m.leftReason = data.reason;
  recordEvent(ctx, 'party_membership.ended', { type: 'PartyMembership', id: m.id }, placementOf(m), {
    partyOrganizationId: toGlobalId('PartyOrganization', m.partyOrganizationId),
    leftOn: m.leftOn,
  });
  await ctx.em.flush();
  return m;
}

const ended = () => conflict({ en: 'This membership has already ended', zh: '该党员关系已经结束' });

/** The resident must be visible to the viewer and live where the organization is. */
async function memberResident(
  ctx: RequestContext,
  org: PartyOrganization,
  residentId: string,
): Promise<Resident> {
  const j = requireViewer(ctx.viewer).jurisdiction;
  const r = await ctx.em.findOne(Resident, {
    $and: [{ id: residentId }, jurisdictionWhere(j, SCOPED_COLUMNS)],
  } as FilterQuery<Resident>);
  if (!r) throw notFoundField('input.residentId', { en: 'resident', zh: '居民' });
  const inside = org.gridId ? r.gridId === org.gridId : r.communityId === org.communityId;
  if (!inside) {
    throw badInput('input.residentId', {
      en: `input.residentId: the resident does not live in the organization’s ${org.gridId ? 'grid' : 'community'}`,
      zh: `input.residentId：该居民不住在该党组织所在的${org.gridId ? '网格' : '社区'}`,
    });
  }
  return r;
}

async function memberStaff(
  ctx: RequestContext,
  org: PartyOrganization,
  staffMemberId: string,
  residentId: string | null | undefined,
): Promise<StaffMember> {
  const j = requireViewer(ctx.viewer).jurisdiction;
  const s = await ctx.em.findOne(StaffMember, {
    $and: [{ id: staffMemberId }, jurisdictionWhere(j, SCOPED_COLUMNS)],
  } as FilterQuery<StaffMember>);
  if (!s) throw notFoundField('input.staffMemberId', { en: 'staff member', zh: '工作人员' });
  if (s.communityId !== org.communityId) {
    throw badInput('input.staffMemberId', {
      en: 'input.staffMemberId: the staff member belongs to another community',
      zh: 'input.staffMemberId：该工作人员属于其他社区',
    });
  }
  if (residentId && s.residentId && s.residentId !== residentId) {
    throw badInput('input.staffMemberId', {
      en: 'input.staffMemberId: the staff member is a different person from the resident given',
      zh: 'input.staffMemberId：该工作人员与所填居民不是同一人',
    });
  }
  return s;
}

/** In-service members are registered from a work unit: an organization of the area or its name. */
async function resolveWorkUnit(
  ctx: RequestContext,
  kind: PartyMembershipKind,
  organizationId: string | null | undefined,
  name: string | null | undefined,
): Promise<{ workUnitOrganizationId: string | null; workUnitName: string | null }> {
  let unitName = name ?? null;
  if (organizationId) {
    const j = requireViewer(ctx.viewer).jurisdiction;
    const o = await ctx.em.findOne(Organization, {
      $and: [{ id: organizationId }, jurisdictionWhere(j, SCOPED_COLUMNS)],
    } as FilterQuery<Organization>);
    if (!o) throw notFoundField('input.workUnitOrganizationId', { en: 'organization', zh: '组织' });
    unitName ??= o.name;
  }
  if (kind === PartyMembershipKind.IN_SERVICE && !unitName) {
    throw badInput('input.workUnitName', {
      en: 'input.workUnitName: an in-service member needs a work unit (an organization or its name)',
      zh: 'input.workUnitName：在职报到党员须填写工作单位',
    });
  }
  return { workUnitOrganizationId: organizationId ?? null, workUnitName: unitName };
}
