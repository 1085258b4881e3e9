import DataLoader from 'dataloader';
import type { FilterQuery } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { assertCovers } from '../auth/jurisdiction';
import { ScopeLevel } from '../auth/roles';
import { requireViewer, type AuthenticatedViewer } from '../auth/viewer';
import { findPlain } from '../db/read-model';
import { paginate, type ConnectionResult, type Page } from '../graphql/connection';
import { badInput, notFound } from '../graphql/errors';
import { toGlobalId } from '../graphql/global-id';
import { parseInput, text } from '../graphql/validate';
import { escapeLike, flushOrConflict } from '../db/helpers';
import { recordEvent } from '../integration/event.service';
import { loader, type RequestContext } from '../server/context';
import { yearsBefore } from './dates';
import { householdForWrite } from './household.service';
import { checkIdNumber, type IdNumberFacts } from './id-number';
import {
  assertMayUseTags,
  buildingAndUnit,
  canSeeSensitiveTags,
  gridForWrite,
  idNumber,
  isSensitiveTag,
  optionalText,
  pastDate,
  phone,
  requirePeopleWriter,
  scopedWhere,
  today,
  type Patch,
} from './people.access';
import { Gender, ResidencyType, Resident } from './resident.entity';
import { ResidentTag, ResidentTagKind, SENSITIVE_TAGS } from './resident-tag.entity';
import { windowedChildren } from './windowed';

export function residentWhere(v: AuthenticatedViewer): FilterQuery<Resident> {
  return scopedWhere<Resident>(v.jurisdiction);
}

const DUPLICATE = {
  en: 'A resident with this ID number is already registered',
  zh: '该身份证号已登记',
};

// ---------- reads ----------

export interface ResidentFilterArgs {
  gridId?: string;
  communityId?: string;
  buildingId?: string;
  householdId?: string;
  tags?: ResidentTagKind[] | null;
  needsSupport?: boolean | null;
  ageMin?: number | null;
  ageMax?: number | null;
  residency?: ResidencyType | null;
  namePrefix?: string | null;
}

const filterInput = z
  .object({
    tags: z.array(z.nativeEnum(ResidentTagKind)).min(1).max(8).nullish(),
    needsSupport: z.boolean().nullish(),
    ageMin: z.number().int().min(0).max(150).nullish(),
    ageMax: z.number().int().min(0).max(150).nullish(),
    residency: z.nativeEnum(ResidencyType).nullish(),
    namePrefix: text(50).nullish(),
  })
  .refine((f) => f.ageMin == null || f.ageMax == null || f.ageMin <= f.ageMax, {
    path: ['ageMax'],
    message: 'must not be less than ageMin',
    params: { zh: '不能小于 ageMin' },
  });

/**
 * Residents carrying (or, with `has` false, not carrying) one of `kinds`, as `id [not] in (subquery)`.
 * The subquery is narrowed by the grid or community when known, so it stays on the tag table's
 * (grid, kind) / (community, kind) indexes; the outer query enforces the jurisdiction either way.
 */
function hasTag(
  ctx: RequestContext,
  v: AuthenticatedViewer,
  kinds: readonly ResidentTagKind[],
  gridId: string | undefined,
  has = true,
): FilterQuery<Resident> {
  const j = v.jurisdiction;
  const narrow: FilterQuery<ResidentTag> = gridId
    ? { gridId }
    : j.level === ScopeLevel.GRID
      ? { gridId: j.gridId }
      : j.level === ScopeLevel.COMMUNITY
        ? { communityId: j.communityId }
        : {};
  const sub = ctx.em
    .createQueryBuilder(ResidentTag, 'rt')
    .select('rt.residentId')
    .where({ $and: [{ kind: { $in: [...kinds] } }, narrow] })
    .getKnexQuery();
  return { id: { [has ? '$in' : '$nin']: sub } } as FilterQuery<Resident>;
}

/**
 * Residents of the viewer's jurisdiction. Ages are compared as birth-date bounds computed from
 * today (China time), so the filter runs in SQL on the birth-date index.
 */
export async function listResidents(
  ctx: RequestContext,
  filter: ResidentFilterArgs,
  page: Page,
): Promise<ConnectionResult<Resident>> {
  return paginate(ctx.em, Resident, residentListWhere(ctx, filter), page);
}

/** The condition of `listResidents`, shared with the spreadsheet export. */
export function residentListWhere(ctx: RequestContext, filter: ResidentFilterArgs): FilterQuery<Resident> {
  const v = requireViewer(ctx.viewer);
  const f = parseInput(filterInput, filter, 'filter');
  if (f.tags) assertMayUseTags(v, f.tags);
  const day = today(ctx);
  const where: FilterQuery<Resident> = {
    $and: [
      residentWhere(v),
      filter.gridId ? { gridId: filter.gridId } : {},
      filter.communityId ? { communityId: filter.communityId } : {},
      filter.buildingId ? { buildingId: filter.buildingId } : {},
      filter.householdId ? { householdId: filter.householdId } : {},
      f.residency ? { residency: f.residency } : {},
      f.namePrefix ? { name: { $like: `${escapeLike(f.namePrefix)}%` } } : {},
      f.ageMin != null ? { birthDate: { $lte: yearsBefore(day, f.ageMin) } } : {},
      f.ageMax != null ? { birthDate: { $gt: yearsBefore(day, f.ageMax + 1) } } : {},
      f.tags ? hasTag(ctx, v, [...new Set(f.tags)], filter.gridId) : {},
      f.needsSupport != null ? hasTag(ctx, v, SENSITIVE_TAGS, filter.gridId, f.needsSupport) : {},
    ],
  };
  return where;
}

/** A resident the viewer may see, or NOT_FOUND. */
export async function getResident(ctx: RequestContext, id: string): Promise<Resident> {
  const v = requireViewer(ctx.viewer);
  const r = await ctx.em.findOne(Resident, { $and: [{ id }, residentWhere(v)] });
  if (!r) throw notFound('Resident');
  return r;
}

/** Members of a household inside the viewer's jurisdiction, batched over many households. */
export function residentsOfHousehold(
  ctx: RequestContext,
  householdId: string,
  page: Page,
): Promise<ConnectionResult<Resident>> {
  const v = requireViewer(ctx.viewer);
  return windowedChildren(
    ctx,
    Resident,
    'householdId',
    residentWhere(v) as Record<string, unknown>,
    page,
  ).load(householdId);
}

const TAG_ORDER = Object.values(ResidentTagKind);

/** All tags of residents, batched: one query per request however many residents ask. */
function tagLoader(ctx: RequestContext): DataLoader<string, ResidentTagKind[]> {
  return loader(
    ctx,
    'people:tags',
    () =>
      new DataLoader<string, ResidentTagKind[]>(async (ids) => {
        const rows = await findPlain(ctx.em, ResidentTag, { residentId: { $in: ids as string[] } });
        const map = new Map<string, ResidentTagKind[]>();
        for (const t of rows) map.set(t.residentId, [...(map.get(t.residentId) ?? []), t.kind]);
        return ids.map((id) =>
          (map.get(id) ?? []).sort((a, b) => TAG_ORDER.indexOf(a) - TAG_ORDER.indexOf(b)),
        );
      }),
  );
}

/** The tags the viewer may see: sensitive ones only for administrators and grid chiefs. */
export async function visibleTags(ctx: RequestContext, r: Resident): Promise<ResidentTagKind[]> {
  const tags = await tagLoader(ctx).load(r.id);
  return canSeeSensitiveTags(ctx.viewer) ? tags : tags.filter((t) => !isSensitiveTag(t));
}

/** Whether the resident carries a sensitive tag; shown to everyone, the tag itself is not. */
export async function needsSupport(ctx: RequestContext, r: Resident): Promise<boolean> {
  return (await tagLoader(ctx).load(r.id)).some(isSensitiveTag);
}

// ---------- writes ----------

const uuid = z.string().uuid();
const tagList = z.array(z.nativeEnum(ResidentTagKind)).max(TAG_ORDER.length);

function personFields(day: string) {
  return {
    gender: z.nativeEnum(Gender).nullish(),
    birthDate: pastDate(day).nullish(),
    idNumber: idNumber(day).nullish(),
    phone: phone.nullish(),
    residency: z.nativeEnum(ResidencyType).nullish(),
    relationToHead: optionalText(32),
    refusedInfo: z.boolean().nullish(),
    refusalReason: optionalText(100),
  };
}

const createInput = (day: string) =>
  z.object({
    householdId: uuid.nullish(),
    gridId: uuid.nullish(),
    buildingId: uuid.nullish(),
    unitId: uuid.nullish(),
    name: text(50),
    ...personFields(day),
    tags: tagList.nullish(),
  });

const patchInput = (day: string) =>
  z.object({
    householdId: uuid.nullish(),
    buildingId: uuid.nullish(),
    unitId: uuid.nullish(),
    name: text(50).optional(),
    ...personFields(day),
  });

/** Unvalidated resident input as resolvers pass it; the service validates. */
export interface ResidentInput {
  householdId?: string | null;
  gridId?: string | null;
  buildingId?: string | null;
  unitId?: string | null;
  name: string;
  gender?: Gender | null;
  birthDate?: string | null;
  idNumber?: string | null;
  phone?: string | null;
  residency?: ResidencyType | null;
  relationToHead?: string | null;
  refusedInfo?: boolean | null;
  refusalReason?: string | null;
  tags?: ResidentTagKind[] | null;
}

/** The resident's own columns a change can touch, in the order events list them. */
export const RESIDENT_FIELDS = [
  'householdId',
  'gridId',
  'buildingId',
  'unitId',
  'name',
  'gender',
  'birthDate',
  'idNumber',
  'phone',
  'residency',
  'relationToHead',
  'refusedInfo',
  'refusalReason',
] as const;

/**
 * Birth date and gender are those of the ID number whenever one is recorded: given values must
 * agree with it, missing ones are taken from it.
 */
function reconcileIdentity(
  id: string | null | undefined,
  birthDate: string | null | undefined,
  gender: Gender | null | undefined,
): { birthDate?: string | null; gender?: Gender | null } {
  if (!id) return { birthDate, gender };
  const facts = checkIdNumber(id, '9999-12-31') as IdNumberFacts;
  if (birthDate != null && birthDate !== facts.birthDate) {
    throw badInput('input.birthDate', {
      en: 'input.birthDate does not match the birth date in the ID number',
      zh: 'input.birthDate 与身份证号中的出生日期不一致',
    });
  }
  if (gender != null && gender !== facts.gender) {
    throw badInput('input.gender', {
      en: 'input.gender does not match the ID number',
      zh: 'input.gender 与身份证号不一致',
    });
  }
  return { birthDate: facts.birthDate, gender: facts.gender as Gender };
}

/** Placement fields given next to a household must agree with it: they come from the household. */
function assertSamePlace(
  field: 'gridId' | 'buildingId' | 'unitId',
  given: string | null | undefined,
  actual: string | null | undefined,
): void {
  if (given != null && given !== actual) {
    throw badInput(`input.${field}`, {
      en: `input.${field} differs from the household's; leave it out, it comes from the household`,
      zh: `input.${field} 与所属住户不一致；请省略，它取自住户`,
    });
  }
}

/**
 * Consent: a reason implies the resident declined; withdrawing the refusal clears the reason. A reason
 * together with `refusedInfo: false` contradicts itself and is refused.
 */
export function refusal(
  data: { refusedInfo?: boolean | null; refusalReason?: string | null },
  current: { refusedInfo: boolean; refusalReason?: string | null } | null,
): { refusedInfo: boolean; refusalReason: string | null } {
  if (data.refusedInfo === false && data.refusalReason) {
    throw badInput('input.refusalReason', {
      en: 'input.refusalReason: a reason is only recorded when the resident declined (refusedInfo)',
      zh: 'input.refusalReason：只有居民拒绝提供信息（refusedInfo）时才记录原因',
    });
  }
  const refusedInfo = data.refusedInfo ?? (data.refusalReason ? true : (current?.refusedInfo ?? false));
  const reason = data.refusalReason !== undefined ? data.refusalReason : (current?.refusalReason ?? null);
  return { refusedInfo, refusalReason: refusedInfo ? (reason ?? null) : null };
}

/**
 * Registers a resident in a household (placement from the household) or directly in a grid.
 * A duplicate ID number is CONFLICT, never saying where the other record lives.
 */
export async function createResident(ctx: RequestContext, input: ResidentInput): Promise<Resident> {
  const v = requirePeopleWriter(ctx.viewer);
  const data = parseInput(createInput(today(ctx)), input);
  if (data.tags) assertMayUseTags(v, data.tags);
  let place: {
    streetId: string;
    communityId: string;
    gridId: string | null;
    buildingId: string | null;
    unitId: string | null;
  };
  if (data.householdId) {
    const h = await householdForWrite(ctx, v, data.householdId);
    assertSamePlace('gridId', data.gridId, h.gridId);
    assertSamePlace('buildingId', data.buildingId, h.buildingId);
    assertSamePlace('unitId', data.unitId, h.unitId);
    place = {
      streetId: h.streetId,
      communityId: h.communityId,
      gridId: h.gridId ?? null,
      buildingId: h.buildingId ?? null,
      unitId: h.unitId ?? null,
    };
  } else if (data.gridId) {
    const grid = await gridForWrite(ctx, v, data.gridId, 'input.gridId');
    const bu = await buildingAndUnit(ctx, grid.id, data.buildingId, data.unitId);
    place = { streetId: grid.streetId, communityId: grid.communityId, gridId: grid.id, ...bu };
  } else {
    throw badInput('input.householdId', {
      en: 'Give input.householdId or input.gridId',
      zh: '请提供 input.householdId 或 input.gridId',
    });
  }
  const identity = reconcileIdentity(data.idNumber, data.birthDate, data.gender);
  const resident = ctx.em.create(Resident, {
    ...place,
    householdId: data.householdId ?? null,
    name: data.name,
    gender: identity.gender ?? null,
    birthDate: identity.birthDate ?? null,
    idNumber: data.idNumber ?? null,
    phone: data.phone ?? null,
    residency: data.residency ?? null,
    relationToHead: data.relationToHead ?? null,
    ...refusal(data, null),
  });
  for (const kind of new Set(data.tags ?? [])) {
    ctx.em.create(ResidentTag, {
      residentId: resident.id,
      kind,
      communityId: place.communityId,
      gridId: place.gridId,
    });
  }
  recordEvent(ctx, 'resident.created', { type: 'Resident', id: resident.id }, resident, {
    householdId: resident.householdId ? toGlobalId('Household', resident.householdId) : null,
    fields: [
      ...RESIDENT_FIELDS.filter((k) => resident[k] != null && resident[k] !== false),
      ...(data.tags?.length ? ['tags'] : []),
    ],
  });
  await flushOrConflict(ctx, DUPLICATE);
  return resident;
}

/**
 * Changes a resident. Moving to another household moves the grid, building and unit with it (both
 * households inside the jurisdiction); a resident without a household may change building and unit
 * within their grid.
 */
export async function updateResident(
  ctx: RequestContext,
  id: string,
  patch: Patch<Omit<ResidentInput, 'gridId' | 'tags'>>,
): Promise<Resident> {
  const v = requirePeopleWriter(ctx.viewer);
  const data = parseInput(patchInput(today(ctx)), patch);
  const resident = await residentForWrite(ctx, v, id);
  const before = { ...resident };

  if (data.householdId) {
    const h = await householdForWrite(ctx, v, data.householdId);
    assertSamePlace('buildingId', data.buildingId, h.buildingId);
    assertSamePlace('unitId', data.unitId, h.unitId);
    Object.assign(resident, {
      householdId: h.id,
      streetId: h.streetId,
      communityId: h.communityId,
      gridId: h.gridId ?? null,
      buildingId: h.buildingId ?? null,
      unitId: h.unitId ?? null,
    });
  } else {
    if (data.householdId === null) resident.householdId = null;
    if (data.buildingId !== undefined || data.unitId !== undefined) {
      if (resident.householdId) {
        const field = data.buildingId !== undefined ? 'buildingId' : 'unitId';
        throw badInput(`input.${field}`, {
          en: `input.${field}: a household member lives where the household does; change the household instead`,
          zh: `input.${field}：住户成员的楼栋单元取自住户，请修改住户`,
        });
      }
      const building =
        data.buildingId !== undefined ? data.buildingId : data.unitId ? null : resident.buildingId;
      const unit =
        data.unitId !== undefined
          ? data.unitId
          : data.buildingId !== undefined && data.buildingId !== resident.buildingId
            ? null
            : resident.unitId;
      Object.assign(resident, await buildingAndUnit(ctx, resident.gridId ?? '', building, unit));
    }
  }

  if (data.name !== undefined) resident.name = data.name;
  if (data.idNumber !== undefined) resident.idNumber = data.idNumber;
  if (data.gender !== undefined) resident.gender = data.gender;
  if (data.birthDate !== undefined) resident.birthDate = data.birthDate;
  if (resident.idNumber) {
    const identity = reconcileIdentity(resident.idNumber, data.birthDate, data.gender);
    resident.birthDate = identity.birthDate ?? null;
    resident.gender = identity.gender ?? null;
  }
  if (data.phone !== undefined) resident.phone = data.phone;
  if (data.residency !== undefined) resident.residency = data.residency;
  if (data.relationToHead !== undefined) resident.relationToHead = data.relationToHead;
  Object.assign(resident, refusal(data, resident));

  const changed = RESIDENT_FIELDS.filter((k) => (before[k] ?? null) !== (resident[k] ?? null));
  if (changed.includes('gridId')) {
    // Tags carry the grid for their index; they move with the resident.
    for (const t of await ctx.em.find(ResidentTag, { residentId: resident.id })) {
      t.gridId = resident.gridId;
      t.communityId = resident.communityId;
    }
  }
  recordEvent(ctx, 'resident.updated', { type: 'Resident', id: resident.id }, resident, { changed });
  await flushOrConflict(ctx, DUPLICATE);
  return resident;
}

/**
 * Replaces a resident's tags. Viewers who may not see sensitive tags may not set them either, and
 * their call leaves the sensitive tags already there untouched (they cannot know them).
 */
export async function setResidentTags(
  ctx: RequestContext,
  id: string,
  tags: ResidentTagKind[],
): Promise<Resident> {
  const v = requirePeopleWriter(ctx.viewer);
  const kinds = new Set(parseInput(tagList, tags, 'tags'));
  assertMayUseTags(v, [...kinds]);
  const resident = await residentForWrite(ctx, v, id);
  const existing = await ctx.em.find(ResidentTag, { residentId: resident.id });
  const keepHidden = !canSeeSensitiveTags(v);
  let changed = false;
  for (const t of existing) {
    if (kinds.has(t.kind) || (keepHidden && isSensitiveTag(t.kind))) continue;
    ctx.em.remove(t);
    changed = true;
  }
  for (const kind of kinds) {
    if (existing.some((t) => t.kind === kind)) continue;
    ctx.em.create(ResidentTag, {
      residentId: resident.id,
      kind,
      communityId: resident.communityId,
      gridId: resident.gridId,
    });
    changed = true;
  }
  recordEvent(ctx, 'resident.tags_changed', { type: 'Resident', id: resident.id }, resident, {
    changed: changed ? ['tags'] : [],
  });
  await ctx.em.flush();
  ctx.loaders.delete('people:tags');
  return resident;
}

/** A resident to change: NOT_FOUND when there is none, FORBIDDEN outside the jurisdiction. */
async function residentForWrite(ctx: RequestContext, v: AuthenticatedViewer, id: string): Promise<Resident> {
  const resident = await ctx.em.findOne(Resident, { id });
  if (!resident) throw notFound('Resident');
  assertCovers(v.jurisdiction, resident);
  return resident;
}
