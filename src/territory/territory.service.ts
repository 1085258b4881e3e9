import { scopedById } from '../graphql/loaders';
import type { FilterQuery } from '@mikro-orm/postgresql';
import { escapeLike, flushOrConflict } from '../db/helpers';
import { z } from 'zod';
import { assertCovers, jurisdictionWhere, type Jurisdiction } from '../auth/jurisdiction';
import { ScopeLevel } from '../auth/roles';
import { requireAdmin, requireViewer } from '../auth/viewer';
import { paginate, type ConnectionResult, type Page } from '../graphql/connection';
import { forbidden, notFound } from '../graphql/errors';
import { code, parseInput, text } from '../graphql/validate';
import { recordEvent } from '../integration/event.service';
import type { RequestContext } from '../server/context';
import { Community } from './community.entity';
import { Grid, GridStatus } from './grid.entity';
import { Street } from './street.entity';
import { geoJsonPolygon } from './geo';
import { childPages } from './territory.loaders';

/** Scope columns of the territory tables: each node is its own level. */
export const STREET_SCOPE = { street: 'id' } as const;
export const COMMUNITY_SCOPE = { street: 'streetId', community: 'id' } as const;
export const GRID_SCOPE = { street: 'streetId', community: 'communityId', grid: 'id' } as const;

export function streetWhere(j: Jurisdiction): FilterQuery<Street> {
  return jurisdictionWhere(j, STREET_SCOPE) as FilterQuery<Street>;
}
export function communityWhere(j: Jurisdiction): FilterQuery<Community> {
  return jurisdictionWhere(j, COMMUNITY_SCOPE) as FilterQuery<Community>;
}
export function gridWhere(j: Jurisdiction): FilterQuery<Grid> {
  return jurisdictionWhere(j, GRID_SCOPE) as FilterQuery<Grid>;
}

// ---------- reads ----------

export async function listStreets(ctx: RequestContext, page: Page): Promise<ConnectionResult<Street>> {
  const v = requireViewer(ctx.viewer);
  return paginate(ctx.em, Street, streetWhere(v.jurisdiction), page);
}

/** Communities of many streets, a page each, batched across streets. */
export function communitiesOf(
  ctx: RequestContext,
  streetId: string,
  page: Page,
): Promise<ConnectionResult<Community>> {
  const v = requireViewer(ctx.viewer);
  return childPages(ctx, Community, 'streetId', communityWhere(v.jurisdiction), page).load(streetId);
}

export async function listCommunities(
  ctx: RequestContext,
  filter: { streetId?: string; nameContains?: string },
  page: Page,
): Promise<ConnectionResult<Community>> {
  const v = requireViewer(ctx.viewer);
  const where: FilterQuery<Community> = {
    $and: [
      communityWhere(v.jurisdiction),
      filter.streetId ? { streetId: filter.streetId } : {},
      filter.nameContains ? { name: { $ilike: `%${escapeLike(filter.nameContains)}%` } } : {},
    ],
  };
  return paginate(ctx.em, Community, where, page);
}

export async function listGrids(
  ctx: RequestContext,
  filter: {
    communityId?: string;
    streetId?: string;
    status?: GridStatus | null;
    theme?: string | null;
    nameContains?: string;
  },
  page: Page,
): Promise<ConnectionResult<Grid>> {
  const v = requireViewer(ctx.viewer);
  const where: FilterQuery<Grid> = {
    $and: [
      gridWhere(v.jurisdiction),
      filter.communityId ? { communityId: filter.communityId } : {},
      filter.streetId ? { streetId: filter.streetId } : {},
      filter.status ? { status: filter.status } : {},
      filter.theme ? { theme: filter.theme } : {},
      filter.nameContains ? { name: { $ilike: `%${escapeLike(filter.nameContains)}%` } } : {},
    ],
  };
  return paginate(ctx.em, Grid, where, page);
}

/** Grids of many communities, a page each, batched across communities. */
export function gridsOf(
  ctx: RequestContext,
  communityId: string,
  filter: { status?: GridStatus | null; theme?: string | null; nameContains?: string | null },
  page: Page,
): Promise<ConnectionResult<Grid>> {
  const v = requireViewer(ctx.viewer);
  const where: FilterQuery<Grid> = {
    $and: [
      gridWhere(v.jurisdiction),
      filter.status ? { status: filter.status } : {},
      filter.theme ? { theme: filter.theme } : {},
      filter.nameContains ? { name: { $ilike: `%${escapeLike(filter.nameContains)}%` } } : {},
    ],
  };
  const variant = JSON.stringify([filter.status ?? null, filter.theme ?? null, filter.nameContains ?? null]);
  return childPages(ctx, Grid, 'communityId', where, page, variant).load(communityId);
}

/** A street the viewer may see, or NOT_FOUND (the same answer whether it exists elsewhere or not). */
export async function getStreet(ctx: RequestContext, id: string): Promise<Street> {
  const v = requireViewer(ctx.viewer);
  const s = await ctx.em.findOne(Street, { $and: [{ id }, streetWhere(v.jurisdiction)] });
  if (!s) throw notFound('Street');
  return s;
}

export async function getCommunity(ctx: RequestContext, id: string): Promise<Community> {
  const v = requireViewer(ctx.viewer);
  const c = await ctx.em.findOne(Community, { $and: [{ id }, communityWhere(v.jurisdiction)] });
  if (!c) throw notFound('Community');
  return c;
}

/**
 * A grid the viewer may see, for reading only (a plain object, batched with the request's other
 * reads); NOT_FOUND otherwise. Writes use `getGrid`.
 */
export async function readGrid(ctx: RequestContext, id: string): Promise<Grid> {
  const g = await scopedById(ctx, Grid, gridWhere).load(id);
  if (!g) throw notFound('Grid');
  return g;
}

export async function getGrid(ctx: RequestContext, id: string): Promise<Grid> {
  const v = requireViewer(ctx.viewer);
  const g = await ctx.em.findOne(Grid, { $and: [{ id }, gridWhere(v.jurisdiction)] });
  if (!g) throw notFound('Grid');
  return g;
}

// ---------- writes ----------

const streetInput = z.object({ code, name: text(100) });

export async function createStreet(
  ctx: RequestContext,
  input: { code: string; name: string },
): Promise<Street> {
  const v = requireAdmin(ctx.viewer);
  if (v.jurisdiction.level !== ScopeLevel.PLATFORM) {
    throw forbidden({ en: 'Only platform administrators create streets', zh: '仅平台管理员可以新建街道' });
  }
  const data = parseInput(streetInput, input);
  const street = ctx.em.create(Street, data);
  recordEvent(
    ctx,
    'street.created',
    { type: 'Street', id: street.id },
    { streetId: street.id },
    { code: data.code },
  );
  await flushOrConflict(ctx, { en: 'A street with this code exists', zh: '该街道编码已存在' });
  return street;
}

const communityInput = z.object({ streetId: z.string().uuid(), code, name: text(100) });

export async function createCommunity(
  ctx: RequestContext,
  input: { streetId: string; code: string; name: string },
): Promise<Community> {
  const v = requireAdmin(ctx.viewer);
  const data = parseInput(communityInput, input);
  const street = await getStreet(ctx, data.streetId);
  if (v.jurisdiction.level !== ScopeLevel.PLATFORM && v.jurisdiction.level !== ScopeLevel.STREET) {
    throw forbidden({
      en: 'Only street administrators create communities',
      zh: '仅街道及以上管理员可以新建社区',
    });
  }
  const community = ctx.em.create(Community, { ...data, streetId: street.id });
  recordEvent(
    ctx,
    'community.created',
    { type: 'Community', id: community.id },
    {
      streetId: street.id,
      communityId: community.id,
    },
    { code: data.code },
  );
  await flushOrConflict(ctx, { en: 'A community with this code exists', zh: '该社区编码已存在' });
  return community;
}

const gridInput = z.object({
  communityId: z.string().uuid(),
  code,
  name: text(100),
  targetHouseholds: z.number().int().min(1).max(100000).nullish(),
  theme: z.string().max(64).nullish(),
  boundary: geoJsonPolygon.nullish(),
});

/** Unvalidated grid input as resolvers pass it; the service validates. */
export interface GridInput {
  communityId: string;
  code: string;
  name: string;
  targetHouseholds?: number | null;
  theme?: string | null;
  boundary?: unknown;
}

export async function createGrid(ctx: RequestContext, input: GridInput): Promise<Grid> {
  const v = requireAdmin(ctx.viewer);
  const data = parseInput(gridInput, input);
  const community = await getCommunity(ctx, data.communityId);
  assertCovers(v.jurisdiction, { streetId: community.streetId, communityId: community.id });
  const grid = ctx.em.create(Grid, {
    ...data,
    streetId: community.streetId,
    communityId: community.id,
    status: GridStatus.ACTIVE,
  });
  recordEvent(ctx, 'grid.created', { type: 'Grid', id: grid.id }, placementOfGrid(grid), { code: grid.code });
  await flushOrConflict(ctx, { en: 'A grid with this code exists', zh: '该网格编码已存在' });
  return grid;
}

const gridPatch = z.object({
  name: text(100).optional(),
  targetHouseholds: z.number().int().min(1).max(100000).nullish(),
  theme: z.string().max(64).nullish(),
  boundary: geoJsonPolygon.nullish(),
});

export async function updateGrid(
  ctx: RequestContext,
  id: string,
  patch: Partial<Omit<GridInput, 'communityId' | 'code'>>,
): Promise<Grid> {
  const v = requireAdmin(ctx.viewer);
  const data = parseInput(gridPatch, patch);
  const grid = await getGrid(ctx, id);
  assertCovers(v.jurisdiction, placementOfGrid(grid));
  const changed: Record<string, unknown> = {};
  for (const [k, value] of Object.entries(data) as [keyof typeof data, unknown][]) {
    if (value === undefined) continue;
    (grid as unknown as Record<string, unknown>)[k] = value;
    changed[k] = k === 'boundary' ? (value ? 'set' : null) : value;
  }
  recordEvent(ctx, 'grid.updated', { type: 'Grid', id: grid.id }, placementOfGrid(grid), { changed });
  await ctx.em.flush();
  return grid;
}

export function placementOfGrid(g: Grid): { streetId: string; communityId: string; gridId: string } {
  return { streetId: g.streetId, communityId: g.communityId, gridId: g.id };
}

const namePatch = z.object({ name: text(100).optional() });

/** Renames a street (its administrators and platform administrators). */
export async function updateStreet(
  ctx: RequestContext,
  id: string,
  patch: { name?: string },
): Promise<Street> {
  const v = requireAdmin(ctx.viewer);
  const data = parseInput(namePatch, patch);
  const street = await getStreet(ctx, id);
  assertCovers(v.jurisdiction, { streetId: street.id });
  const changed: Record<string, unknown> = {};
  if (data.name !== undefined) changed.name = street.name = data.name;
  recordEvent(ctx, 'street.updated', { type: 'Street', id: street.id }, { streetId: street.id }, { changed });
  await ctx.em.flush();
  return street;
}

/** Renames a community (its administrators and those above). */
export async function updateCommunity(
  ctx: RequestContext,
  id: string,
  patch: { name?: string },
): Promise<Community> {
  const v = requireAdmin(ctx.viewer);
  const data = parseInput(namePatch, patch);
  const community = await getCommunity(ctx, id);
  const placement = { streetId: community.streetId, communityId: community.id };
  assertCovers(v.jurisdiction, placement);
  const changed: Record<string, unknown> = {};
  if (data.name !== undefined) changed.name = community.name = data.name;
  recordEvent(ctx, 'community.updated', { type: 'Community', id: community.id }, placement, { changed });
  await ctx.em.flush();
  return community;
}
