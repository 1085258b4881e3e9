import type { EntityClass, FilterQuery } from '@mikro-orm/postgresql';
import { jurisdictionWhere, SCOPED_COLUMNS } from '../auth/jurisdiction';
import { requireViewer } from '../auth/viewer';
import { paginate, type ConnectionResult, type Page } from '../graphql/connection';
import { badInput, notFound } from '../graphql/errors';
import type { RequestContext } from '../server/context';

/** Filter limiting a module table (or any table with street/community/grid columns) to the viewer's subtree. */
export function readableWhere(ctx: RequestContext): Record<string, string> {
  return jurisdictionWhere(requireViewer(ctx.viewer).jurisdiction, SCOPED_COLUMNS);
}

/** One record inside the viewer's jurisdiction, or NOT_FOUND (also when it exists elsewhere). */
export async function findReadable<T extends { id: string }>(
  ctx: RequestContext,
  entity: EntityClass<T>,
  id: string,
): Promise<T> {
  const row = await ctx.em.findOne(entity, { $and: [{ id }, readableWhere(ctx)] } as FilterQuery<T>);
  if (!row) throw notFound(entity.name);
  return row;
}

/** A page of records inside the viewer's jurisdiction. */
export function listReadable<T extends { id: string }>(
  ctx: RequestContext,
  entity: EntityClass<T>,
  where: FilterQuery<T>,
  page: Page,
): Promise<ConnectionResult<T>> {
  return paginate(ctx.em, entity, { $and: [readableWhere(ctx), where] } as FilterQuery<T>, page);
}

/**
 * A page of records inside the viewer's jurisdiction matching a list filter of equalities (grid,
 * status, kind...): fields left out or null do not filter. Ids in it must already be uuids.
 * `extra` adds the conditions that are not equalities with a filter field ("not ended", "name
 * contains"), which the module builds itself.
 */
export function listFiltered<T extends { id: string }>(
  ctx: RequestContext,
  entity: EntityClass<T>,
  filter: object | null | undefined,
  page: Page,
  extra: FilterQuery<T> = {} as FilterQuery<T>,
): Promise<ConnectionResult<T>> {
  const where = Object.fromEntries(
    Object.entries(filter ?? {}).filter(([, v]) => v !== null && v !== undefined),
  );
  return listReadable(ctx, entity, { ...where, ...(extra as object) } as FilterQuery<T>, page);
}

/**
 * A record another one refers to, which must sit on the same grid: a missing one, or one on another
 * grid, is BAD_USER_INPUT naming `field` (never saying which grid it is on).
 */
export async function sameGridRecord<T extends { id: string; gridId?: string | null }>(
  ctx: RequestContext,
  entity: EntityClass<T>,
  id: string,
  gridId: string,
  field: string,
  extra: FilterQuery<T> = {} as FilterQuery<T>,
): Promise<T> {
  const row = await ctx.em.findOne(entity, { $and: [{ id, gridId }, extra] } as FilterQuery<T>);
  if (!row) {
    throw badInput(field, {
      en: `${field}: no such ${entity.name} on this grid`,
      zh: `${field}：本网格没有该记录`,
    });
  }
  return row;
}

/** All of `ids` must be records of `entity` on the grid; BAD_USER_INPUT naming `field.<index>` otherwise. */
export async function sameGridRecords<T extends { id: string; gridId?: string | null }>(
  ctx: RequestContext,
  entity: EntityClass<T>,
  ids: readonly string[],
  gridId: string,
  field: string,
  extra: FilterQuery<T> = {} as FilterQuery<T>,
): Promise<T[]> {
  const rows = await ctx.em.find(entity, {
    $and: [{ id: { $in: [...ids] }, gridId }, extra],
  } as FilterQuery<T>);
  const found = new Set(rows.map((r) => r.id));
  const missing = ids.findIndex((id) => !found.has(id));
  if (missing >= 0) {
    throw badInput(`${field}.${missing}`, {
      en: `${field}.${missing}: no such ${entity.name} on this grid`,
      zh: `${field}.${missing}：本网格没有该记录`,
    });
  }
  return rows;
}

/**
 * A module record a write starts from, with its grid checked like any module write: NOT_FOUND when
 * it does not exist, then the module's `requireEnabled` (FORBIDDEN outside the viewer's
 * jurisdiction, MODULE_NOT_ENABLED where the module is off).
 */
export async function writableRecord<T extends { id: string; gridId: string }, G>(
  ctx: RequestContext,
  module: { requireEnabled(ctx: RequestContext, gridId: string): Promise<G> },
  entity: EntityClass<T>,
  id: string,
): Promise<G & { record: T }> {
  const record = await ctx.em.findOne(entity, { id } as FilterQuery<T>);
  if (!record) throw notFound(entity.name);
  return { ...(await module.requireEnabled(ctx, record.gridId)), record };
}
