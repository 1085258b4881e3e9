import { LockMode, type FilterQuery } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { assertCovers, jurisdictionWhere, SCOPED_COLUMNS, type Jurisdiction } from '../auth/jurisdiction';
import { requireAdmin, requireViewer } from '../auth/viewer';
import type { ScopedEntity } from '../db/base.entity';
import { escapeLike, flushOrConflict } from '../db/helpers';
import { paginate, type ConnectionResult, type Page } from '../graphql/connection';
import { badInput, notFound } from '../graphql/errors';
import { toGlobalId } from '../graphql/global-id';
import { code, parseInput, text } from '../graphql/validate';
import { recordEvent } from '../integration/event.service';
import type { RequestContext } from '../server/context';
import { Building } from './building.entity';
import { BuildingUnit } from './building-unit.entity';
import { Grid, GridStatus } from './grid.entity';
import { MicroGrid } from './micro-grid.entity';
import { childPages } from './territory.loaders';
import { getGrid } from './territory.service';
import { inTransaction } from './transaction';

/** Micro-grids, buildings and units carry street, community and grid ids: one equality each. */
export function scopedWhere<T extends ScopedEntity>(j: Jurisdiction): FilterQuery<T> {
  return jurisdictionWhere(j, SCOPED_COLUMNS) as FilterQuery<T>;
}

function placementOf(x: ScopedEntity): { streetId: string; communityId: string; gridId: string | null } {
  return { streetId: x.streetId, communityId: x.communityId, gridId: x.gridId ?? null };
}

const contains = (s?: string | null) => (s ? { name: { $ilike: `%${escapeLike(s)}%` } } : {});

/**
 * The grid a new micro-grid or building goes into: visible (else NOT_FOUND), in the admin's
 * jurisdiction (else FORBIDDEN) and still in use. The row is share-locked for the rest of the
 * transaction, so a split that has started cannot miss the new row, and one that has finished is seen.
 */
async function activeGridForWrite(ctx: RequestContext, gridId: string, field: string): Promise<Grid> {
  const v = requireAdmin(ctx.viewer);
  const visible = await getGrid(ctx, gridId);
  assertCovers(v.jurisdiction, { streetId: visible.streetId, communityId: visible.communityId, gridId });
  const grid = await ctx.em.findOneOrFail(Grid, gridId, {
    lockMode: LockMode.PESSIMISTIC_READ,
    refresh: true,
  });
  if (grid.status !== GridStatus.ACTIVE) {
    throw badInput(field, {
      en: `${field}: the grid was retired by re-gridding; use one of its successors`,
      zh: `${field}：该网格已因网格调整而撤销，请使用调整后的新网格`,
    });
  }
  return grid;
}

// ---------- micro-grids ----------

export async function listMicroGrids(
  ctx: RequestContext,
  filter: { gridId?: string; communityId?: string; nameContains?: string | null },
  page: Page,
): Promise<ConnectionResult<MicroGrid>> {
  const v = requireViewer(ctx.viewer);
  const where: FilterQuery<MicroGrid> = {
    $and: [
      scopedWhere<MicroGrid>(v.jurisdiction),
      filter.gridId ? { gridId: filter.gridId } : {},
      filter.communityId ? { communityId: filter.communityId } : {},
      contains(filter.nameContains),
    ],
  };
  return paginate(ctx.em, MicroGrid, where, page);
}

export async function getMicroGrid(ctx: RequestContext, id: string): Promise<MicroGrid> {
  const v = requireViewer(ctx.viewer);
  const m = await ctx.em.findOne(MicroGrid, { $and: [{ id }, scopedWhere<MicroGrid>(v.jurisdiction)] });
  if (!m) throw notFound('MicroGrid');
  return m;
}

/** Micro-grids of many grids, a page each, inside the viewer's jurisdiction. */
export function microGridsOf(
  ctx: RequestContext,
  gridId: string,
  page: Page,
): Promise<ConnectionResult<MicroGrid>> {
  const v = requireViewer(ctx.viewer);
  return childPages(ctx, MicroGrid, 'gridId', scopedWhere<MicroGrid>(v.jurisdiction), page).load(gridId);
}

const microGridInput = z.object({ gridId: z.string().uuid(), code, name: text(100) });
const microGridDuplicate = {
  en: 'A micro-grid with this code exists in the grid',
  zh: '该网格内已有相同编码的微网格',
};

export async function createMicroGrid(
  ctx: RequestContext,
  input: { gridId: string; code: string; name: string },
): Promise<MicroGrid> {
  const data = parseInput(microGridInput, input);
  return inTransaction(ctx, microGridDuplicate, async () => {
    const grid = await activeGridForWrite(ctx, data.gridId, 'input.gridId');
    const micro = ctx.em.create(MicroGrid, {
      streetId: grid.streetId,
      communityId: grid.communityId,
      gridId: grid.id,
      code: data.code,
      name: data.name,
    });
    recordEvent(ctx, 'micro_grid.created', { type: 'MicroGrid', id: micro.id }, placementOf(micro), {
      code: micro.code,
      gridId: toGlobalId('Grid', grid.id),
    });
    return micro;
  });
}

const microGridPatch = z.object({ code: code.optional(), name: text(100).optional() });

export async function updateMicroGrid(
  ctx: RequestContext,
  id: string,
  patch: { code?: string; name?: string },
): Promise<MicroGrid> {
  const v = requireAdmin(ctx.viewer);
  const data = parseInput(microGridPatch, patch);
  const micro = await getMicroGrid(ctx, id);
  assertCovers(v.jurisdiction, placementOf(micro));
  const changed: Record<string, unknown> = {};
  if (data.code !== undefined) changed.code = micro.code = data.code;
  if (data.name !== undefined) changed.name = micro.name = data.name;
  recordEvent(ctx, 'micro_grid.updated', { type: 'MicroGrid', id: micro.id }, placementOf(micro), {
    changed,
  });
  await flushOrConflict(ctx, microGridDuplicate);
  return micro;
}

// ---------- buildings ----------

export interface BuildingListFilter {
  gridId?: string;
  microGridId?: string;
  communityId?: string;
  nameContains?: string | null;
  residential?: boolean | null;
}

export async function listBuildings(
  ctx: RequestContext,
  filter: BuildingListFilter,
  page: Page,
): Promise<ConnectionResult<Building>> {
  const v = requireViewer(ctx.viewer);
  const where: FilterQuery<Building> = {
    $and: [
      scopedWhere<Building>(v.jurisdiction),
      filter.gridId ? { gridId: filter.gridId } : {},
      filter.microGridId ? { microGridId: filter.microGridId } : {},
      filter.communityId ? { communityId: filter.communityId } : {},
      filter.residential != null ? { residential: filter.residential } : {},
      contains(filter.nameContains),
    ],
  };
  return paginate(ctx.em, Building, where, page);
}

export async function getBuilding(ctx: RequestContext, id: string): Promise<Building> {
  const v = requireViewer(ctx.viewer);
  const b = await ctx.em.findOne(Building, { $and: [{ id }, scopedWhere<Building>(v.jurisdiction)] });
  if (!b) throw notFound('Building');
  return b;
}

/** Buildings of a grid or a micro-grid, a page per parent, batched across parents. */
export function buildingsOf(
  ctx: RequestContext,
  parent: 'gridId' | 'microGridId',
  id: string,
  page: Page,
): Promise<ConnectionResult<Building>> {
  const v = requireViewer(ctx.viewer);
  return childPages(ctx, Building, parent, scopedWhere<Building>(v.jurisdiction), page).load(id);
}

const buildingFields = {
  name: text(100),
  address: text(200).nullish(),
  floors: z.number().int().min(1).max(200).nullish(),
  residential: z.boolean().nullish(),
};
const buildingInput = z.object({
  gridId: z.string().uuid(),
  microGridId: z.string().uuid().nullish(),
  ...buildingFields,
});

export interface BuildingInput {
  gridId: string;
  microGridId?: string | null;
  name: string;
  address?: string | null;
  floors?: number | null;
  residential?: boolean | null;
}

/** A micro-grid that a building of `grid` may belong to: the same grid, or BAD_USER_INPUT. */
async function microGridOfGrid(ctx: RequestContext, microGridId: string, gridId: string): Promise<MicroGrid> {
  const micro = await ctx.em.findOne(MicroGrid, { id: microGridId, gridId });
  if (!micro) {
    throw badInput('input.microGridId', {
      en: 'input.microGridId is not a micro-grid of the building’s grid',
      zh: 'input.microGridId 不是该楼栋所在网格的微网格',
    });
  }
  return micro;
}

export async function createBuilding(ctx: RequestContext, input: BuildingInput): Promise<Building> {
  const data = parseInput(buildingInput, input);
  return inTransaction(ctx, { en: 'This building exists', zh: '该楼栋已存在' }, async () => {
    const grid = await activeGridForWrite(ctx, data.gridId, 'input.gridId');
    if (data.microGridId) await microGridOfGrid(ctx, data.microGridId, grid.id);
    const building = ctx.em.create(Building, {
      streetId: grid.streetId,
      communityId: grid.communityId,
      gridId: grid.id,
      microGridId: data.microGridId ?? null,
      name: data.name,
      address: data.address ?? null,
      floors: data.floors ?? null,
      residential: data.residential ?? true,
    });
    recordEvent(ctx, 'building.created', { type: 'Building', id: building.id }, placementOf(building), {
      gridId: toGlobalId('Grid', grid.id),
      microGridId: building.microGridId ? toGlobalId('MicroGrid', building.microGridId) : null,
    });
    return building;
  });
}

const buildingPatch = z.object({
  microGridId: z.string().uuid().nullish(),
  name: buildingFields.name.optional(),
  address: buildingFields.address,
  floors: buildingFields.floors,
  residential: z.boolean().optional(),
});

export async function updateBuilding(
  ctx: RequestContext,
  id: string,
  patch: { [K in Exclude<keyof BuildingInput, 'gridId'>]?: BuildingInput[K] | null },
): Promise<Building> {
  const v = requireAdmin(ctx.viewer);
  const data = parseInput(buildingPatch, patch);
  return inTransaction(ctx, { en: 'This building exists', zh: '该楼栋已存在' }, async () => {
    const building = await lockedBuilding(ctx, id, 'id');
    assertCovers(v.jurisdiction, placementOf(building));
    if (data.microGridId) await microGridOfGrid(ctx, data.microGridId, building.gridId!);
    const changed: Record<string, unknown> = {};
    for (const [k, value] of Object.entries(data) as [keyof typeof data, unknown][]) {
      if (value === undefined) continue;
      (building as unknown as Record<string, unknown>)[k] = value;
      changed[k] = k === 'microGridId' && value ? toGlobalId('MicroGrid', value as string) : value;
    }
    recordEvent(ctx, 'building.updated', { type: 'Building', id: building.id }, placementOf(building), {
      changed,
    });
    return building;
  });
}

/**
 * A visible building, read again after its grid is share-locked: a split that was under way when
 * the request began has then either moved the building (and its grid is retired) or not started.
 */
async function lockedBuilding(ctx: RequestContext, id: string, field: string): Promise<Building> {
  const seen = await getBuilding(ctx, id);
  await activeGridForWrite(ctx, seen.gridId!, field);
  return ctx.em.findOneOrFail(Building, seen.id, { refresh: true });
}

// ---------- building units ----------

export async function listBuildingUnits(
  ctx: RequestContext,
  filter: { buildingId?: string; gridId?: string },
  page: Page,
): Promise<ConnectionResult<BuildingUnit>> {
  const v = requireViewer(ctx.viewer);
  const where: FilterQuery<BuildingUnit> = {
    $and: [
      scopedWhere<BuildingUnit>(v.jurisdiction),
      filter.buildingId ? { buildingId: filter.buildingId } : {},
      filter.gridId ? { gridId: filter.gridId } : {},
    ],
  };
  return paginate(ctx.em, BuildingUnit, where, page);
}

export async function getBuildingUnit(ctx: RequestContext, id: string): Promise<BuildingUnit> {
  const v = requireViewer(ctx.viewer);
  const u = await ctx.em.findOne(BuildingUnit, { $and: [{ id }, scopedWhere<BuildingUnit>(v.jurisdiction)] });
  if (!u) throw notFound('BuildingUnit');
  return u;
}

/** Units of many buildings, a page each. */
export function unitsOf(
  ctx: RequestContext,
  buildingId: string,
  page: Page,
): Promise<ConnectionResult<BuildingUnit>> {
  const v = requireViewer(ctx.viewer);
  return childPages(ctx, BuildingUnit, 'buildingId', scopedWhere<BuildingUnit>(v.jurisdiction), page).load(
    buildingId,
  );
}

const unitInput = z.object({ buildingId: z.string().uuid(), name: text(50) });
const unitDuplicate = { en: 'The building has a unit of this name', zh: '该楼栋已有同名单元' };

export async function createBuildingUnit(
  ctx: RequestContext,
  input: { buildingId: string; name: string },
): Promise<BuildingUnit> {
  const v = requireAdmin(ctx.viewer);
  const data = parseInput(unitInput, input);
  return inTransaction(ctx, unitDuplicate, async () => {
    const building = await lockedBuilding(ctx, data.buildingId, 'input.buildingId');
    assertCovers(v.jurisdiction, placementOf(building));
    const unit = ctx.em.create(BuildingUnit, {
      streetId: building.streetId,
      communityId: building.communityId,
      gridId: building.gridId,
      buildingId: building.id,
      name: data.name,
    });
    recordEvent(ctx, 'building_unit.created', { type: 'BuildingUnit', id: unit.id }, placementOf(unit), {
      buildingId: toGlobalId('Building', building.id),
    });
    return unit;
  });
}

const unitPatch = z.object({ name: text(50).optional() });

export async function updateBuildingUnit(
  ctx: RequestContext,
  id: string,
  patch: { name?: string },
): Promise<BuildingUnit> {
  const v = requireAdmin(ctx.viewer);
  const data = parseInput(unitPatch, patch);
  const unit = await getBuildingUnit(ctx, id);
  assertCovers(v.jurisdiction, placementOf(unit));
  const changed: Record<string, unknown> = {};
  if (data.name !== undefined) changed.name = unit.name = data.name;
  recordEvent(ctx, 'building_unit.updated', { type: 'BuildingUnit', id: unit.id }, placementOf(unit), {
    changed,
  });
  await flushOrConflict(ctx, unitDuplicate);
  return unit;
}
