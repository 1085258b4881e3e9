import type { FilterQuery } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { assertCovers } from '../auth/jurisdiction';
import { requireViewer, type AuthenticatedViewer } from '../auth/viewer';
import { paginate, type ConnectionResult, type Page } from '../graphql/connection';
import { notFound } from '../graphql/errors';
import { parseInput, text } from '../graphql/validate';
import { recordEvent } from '../integration/event.service';
import type { RequestContext } from '../server/context';
import { Household } from './household.entity';
import {
  buildingAndUnit,
  gridForWrite,
  optionalText,
  requirePeopleWriter,
  scopedWhere,
  type Patch,
} from './people.access';
import { Resident } from './resident.entity';
import { windowedChildren } from './windowed';

export function householdWhere(v: AuthenticatedViewer): FilterQuery<Household> {
  return scopedWhere<Household>(v.jurisdiction);
}

export interface HouseholdFilterArgs {
  gridId?: string;
  communityId?: string;
  buildingId?: string;
  unitId?: string;
}

// ---------- reads ----------

export async function listHouseholds(
  ctx: RequestContext,
  filter: HouseholdFilterArgs,
  page: Page,
): Promise<ConnectionResult<Household>> {
  const v = requireViewer(ctx.viewer);
  const where: FilterQuery<Household> = {
    $and: [
      householdWhere(v),
      filter.gridId ? { gridId: filter.gridId } : {},
      filter.communityId ? { communityId: filter.communityId } : {},
      filter.buildingId ? { buildingId: filter.buildingId } : {},
      filter.unitId ? { unitId: filter.unitId } : {},
    ],
  };
  return paginate(ctx.em, Household, where, page);
}

/** A household the viewer may see, or NOT_FOUND (the same answer whether it exists elsewhere or not). */
export async function getHousehold(ctx: RequestContext, id: string): Promise<Household> {
  const v = requireViewer(ctx.viewer);
  const h = await ctx.em.findOne(Household, { $and: [{ id }, householdWhere(v)] });
  if (!h) throw notFound('Household');
  return h;
}

/** The households of a building inside the viewer's jurisdiction, batched over many buildings. */
export function householdsOfBuilding(
  ctx: RequestContext,
  buildingId: string,
  page: Page,
): Promise<ConnectionResult<Household>> {
  const v = requireViewer(ctx.viewer);
  return windowedChildren(
    ctx,
    Household,
    'buildingId',
    householdWhere(v) as Record<string, unknown>,
    page,
  ).load(buildingId);
}

// ---------- writes ----------

const uuid = z.string().uuid();

const createInput = z.object({
  gridId: uuid,
  buildingId: uuid.nullish(),
  unitId: uuid.nullish(),
  address: text(300),
  householdNumber: optionalText(64),
  room: optionalText(32),
});

/** Unvalidated household input as resolvers pass it; the service validates. */
export interface HouseholdInput {
  gridId: string;
  buildingId?: string | null;
  unitId?: string | null;
  address: string;
  householdNumber?: string | null;
  room?: string | null;
}

/** Creates a household in a grid (and one of its buildings and units) inside the jurisdiction. */
export async function createHousehold(ctx: RequestContext, input: HouseholdInput): Promise<Household> {
  const v = requirePeopleWriter(ctx.viewer);
  const data = parseInput(createInput, input);
  const grid = await gridForWrite(ctx, v, data.gridId, 'input.gridId');
  const place = await buildingAndUnit(ctx, grid.id, data.buildingId, data.unitId);
  const household = ctx.em.create(Household, {
    streetId: grid.streetId,
    communityId: grid.communityId,
    gridId: grid.id,
    buildingId: place.buildingId,
    unitId: place.unitId,
    address: data.address,
    householdNumber: data.householdNumber ?? null,
    room: data.room ?? null,
  });
  recordEvent(ctx, 'household.created', { type: 'Household', id: household.id }, household, {
    fields: HOUSEHOLD_FIELDS.filter((k) => household[k] != null),
  });
  await ctx.em.flush();
  return household;
}

const patchInput = z.object({
  buildingId: uuid.nullish(),
  unitId: uuid.nullish(),
  address: text(300).optional(),
  householdNumber: optionalText(64),
  room: optionalText(32),
});

const HOUSEHOLD_FIELDS = ['buildingId', 'unitId', 'address', 'householdNumber', 'room'] as const;

/**
 * Changes a household. A new building or unit must be of its grid; its residents move with it.
 * Out-of-jurisdiction writes are FORBIDDEN.
 */
export async function updateHousehold(
  ctx: RequestContext,
  id: string,
  patch: Patch<Omit<HouseholdInput, 'gridId'>>,
): Promise<Household> {
  const v = requirePeopleWriter(ctx.viewer);
  const data = parseInput(patchInput, patch);
  const household = await householdForWrite(ctx, v, id);
  const before = { ...household };
  if (data.buildingId !== undefined || data.unitId !== undefined) {
    // A unit alone names its building; a new building without a unit drops the old unit.
    const building =
      data.buildingId !== undefined ? data.buildingId : data.unitId ? null : household.buildingId;
    const unit =
      data.unitId !== undefined
        ? data.unitId
        : data.buildingId !== undefined && data.buildingId !== household.buildingId
          ? null
          : household.unitId;
    const place = await buildingAndUnit(ctx, household.gridId ?? '', building, unit);
    household.buildingId = place.buildingId;
    household.unitId = place.unitId;
  }
  if (data.address !== undefined) household.address = data.address;
  if (data.householdNumber !== undefined) household.householdNumber = data.householdNumber;
  if (data.room !== undefined) household.room = data.room;
  const changed = HOUSEHOLD_FIELDS.filter((k) => (before[k] ?? null) !== (household[k] ?? null));
  if (changed.includes('buildingId') || changed.includes('unitId')) {
    for (const r of await ctx.em.find(Resident, { householdId: household.id })) {
      r.buildingId = household.buildingId;
      r.unitId = household.unitId;
    }
  }
  recordEvent(ctx, 'household.updated', { type: 'Household', id: household.id }, household, { changed });
  await ctx.em.flush();
  return household;
}

/** A household to change: NOT_FOUND when there is none, FORBIDDEN outside the jurisdiction. */
export async function householdForWrite(
  ctx: RequestContext,
  v: AuthenticatedViewer,
  id: string,
): Promise<Household> {
  const household = await ctx.em.findOne(Household, { id });
  if (!household) throw notFound('Household');
  assertCovers(v.jurisdiction, household);
  return household;
}
