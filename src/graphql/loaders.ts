import DataLoader from 'dataloader';
import { raw, type EntityClass, type FilterQuery } from '@mikro-orm/postgresql';
import { batchedRows } from '../db/read-batch';
import { findPlain } from '../db/read-model';
import { requireViewer } from '../auth/viewer';
import type { Jurisdiction } from '../auth/jurisdiction';
import { loader, type RequestContext } from '../server/context';

/**
 * One batched `id IN (...)` query per entity type and request, however many parents ask.
 * Jurisdiction is the caller's business: use it for parents and ancestors the viewer may see.
 */
export function byId<T extends { id: string }>(
  ctx: RequestContext,
  entity: EntityClass<T>,
): DataLoader<string, T | null> {
  return idLoader(ctx, entity, `byId:${entity.name}`, {});
}

/** One batched `id IN (...) and <where>` read per request and key, as plain objects by id. */
function idLoader<T extends { id: string }>(
  ctx: RequestContext,
  entity: EntityClass<T>,
  key: string,
  where: FilterQuery<T>,
): DataLoader<string, T | null> {
  return loader(
    ctx,
    key,
    () =>
      new DataLoader<string, T | null>(async (ids) => {
        const rows = await findPlain(ctx.em, entity, {
          $and: [{ id: { $in: ids as string[] } }, where],
        } as FilterQuery<T>);
        const map = new Map(rows.map((r) => [r.id, r]));
        return ids.map((id) => map.get(id) ?? null);
      }),
  );
}

/**
 * Counts grouped by one column, batched: `select col, count(*) ... where col in (...) group by col`.
 * `extraWhere` narrows the rows counted (e.g. only active ones).
 */
export function countBy<T extends object>(
  ctx: RequestContext,
  entity: EntityClass<T>,
  column: string,
  extraWhere: Record<string, unknown> = {},
  key = '',
): DataLoader<string, number> {
  return loader(
    ctx,
    `countBy:${entity.name}:${column}:${key}`,
    () =>
      new DataLoader<string, number>(async (ids) => {
        const meta = ctx.em.getMetadata().get(entity.name);
        const prop = meta.properties[column as keyof typeof meta.properties];
        const fieldName = prop?.fieldNames?.[0] ?? column;
        const qb = ctx.em
          .createQueryBuilder(entity)
          .select([fieldName, raw('count(*) as n')] as never)
          .where({ [column]: { $in: ids }, ...extraWhere } as never)
          .groupBy(fieldName as never);
        const rows = await batchedRows(ctx.em, qb.getFormattedQuery());
        const map = new Map(rows.map((r) => [String(r[fieldName] ?? r[column]), Number(r.n)]));
        return ids.map((id) => map.get(id) ?? 0);
      }),
  );
}

/**
 * Batched `id IN (...)` limited to the viewer's jurisdiction: a parent inside it can still point at
 * a row outside (data moved by re-gridding), and that row must read as absent, never leak.
 */
export function scopedById<T extends { id: string }>(
  ctx: RequestContext,
  entity: EntityClass<T>,
  where: (j: Jurisdiction) => FilterQuery<T>,
): DataLoader<string, T | null> {
  const v = requireViewer(ctx.viewer);
  return idLoader(ctx, entity, `scopedById:${entity.name}`, where(v.jurisdiction));
}
