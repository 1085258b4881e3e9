import DataLoader from 'dataloader';
import type { EntityClass, FilterQuery } from '@mikro-orm/postgresql';
import { ConnectionResult, type Page } from '../graphql/connection';
import { loader, type RequestContext } from '../server/context';
import { Grid } from './grid.entity';
import { GridLineage } from './grid-lineage.entity';

/**
 * Pages of children for many parents at once: one windowed query (`row_number() over (partition by
 * parent)`) for the ids, one to load them, and one grouped count only when a client selects
 * `totalCount`. The statement count stays the same whether a page shows two parents or a hundred.
 * `where` carries the viewer's jurisdiction: a nested list never shows more than the flat one.
 */
export function childPages<T extends { id: string }>(
  ctx: RequestContext,
  entity: EntityClass<T>,
  parentProp: string,
  where: FilterQuery<T>,
  page: Page,
  /** Distinguishes lists of the same parent field narrowed differently (by a filter argument). */
  variant = '',
): DataLoader<string, ConnectionResult<T>> {
  const name = `${entity.name}.${parentProp}:${variant}`;
  const meta = ctx.em.getMetadata().get(entity.name);
  const parentColumn = meta.properties[parentProp as keyof typeof meta.properties]!.fieldNames[0]!;
  const source = (parents: readonly string[]) => {
    const qb = ctx.em
      .createQueryBuilder(entity)
      .select(['id', parentProp] as never)
      .where({ $and: [{ [parentProp]: { $in: [...parents] } }, where] } as never);
    // knex's own rendering keeps `?` placeholders, so the SQL can be nested in a raw statement.
    const native = qb.getKnexQuery().toSQL();
    return { sql: native.sql, params: [...native.bindings] };
  };
  const counts = loader(
    ctx,
    `childCount:${name}`,
    () =>
      new DataLoader<string, number>(async (parents) => {
        const src = source(parents);
        const rows = (await ctx.em.execute(
          `select s."${parentColumn}" as parent_id, count(*)::int as n from (${src.sql}) s group by s."${parentColumn}"`,
          src.params as never[],
        )) as { parent_id: string; n: number }[];
        const map = new Map(rows.map((r) => [r.parent_id, Number(r.n)]));
        return parents.map((p) => map.get(p) ?? 0);
      }),
  );
  return loader(
    ctx,
    `childPages:${name}:${page.first}:${page.after ?? ''}`,
    () =>
      new DataLoader<string, ConnectionResult<T>>(async (parents) => {
        const src = source(parents);
        const rows = (await ctx.em.execute(
          `select w.parent_id, w.id from (
             select s."${parentColumn}" as parent_id, s.id,
                    row_number() over (partition by s."${parentColumn}" order by s.id) as rn
             from (${src.sql}) s ${page.after ? 'where s.id > ?::uuid' : ''}
           ) w where w.rn <= ? order by w.parent_id, w.id`,
          [...src.params, ...(page.after ? [page.after] : []), page.first + 1] as never[],
        )) as { parent_id: string; id: string }[];
        const ids = [...new Set(rows.map((r) => r.id))];
        const found = ids.length ? await ctx.em.find(entity, { id: { $in: ids } } as never) : [];
        const byId = new Map(found.map((e) => [e.id, e]));
        const grouped = new Map<string, T[]>();
        for (const r of rows) {
          const e = byId.get(r.id);
          if (!e) continue;
          const list = grouped.get(r.parent_id) ?? [];
          list.push(e);
          grouped.set(r.parent_id, list);
        }
        return parents.map((p) => {
          const items = grouped.get(p) ?? [];
          const hasNext = items.length > page.first;
          return new ConnectionResult(
            hasNext ? items.slice(0, page.first) : items,
            hasNext,
            !!page.after,
            () => counts.load(p),
          );
        });
      }),
  );
}

/** Lineage edges touching each grid, from the predecessor side or the successor side, batched. */
export function lineageEdges(
  ctx: RequestContext,
  side: 'predecessorId' | 'successorId',
): DataLoader<string, GridLineage[]> {
  return loader(
    ctx,
    `gridLineage:${side}`,
    () =>
      new DataLoader<string, GridLineage[]>(async (ids) => {
        const rows = await ctx.em.find(
          GridLineage,
          { [side]: { $in: [...ids] } },
          { orderBy: { at: 'asc', id: 'asc' } },
        );
        return ids.map((id) => rows.filter((r) => r[side] === id));
      }),
  );
}

/** Grids by id limited to `where` (the viewer's jurisdiction), batched; missing ones are left out. */
export function visibleGrids(ctx: RequestContext, where: FilterQuery<Grid>): DataLoader<string, Grid | null> {
  return loader(
    ctx,
    'visibleGrid',
    () =>
      new DataLoader<string, Grid | null>(async (ids) => {
        const rows = await ctx.em.find(Grid, { $and: [{ id: { $in: [...ids] } }, where] });
        const map = new Map(rows.map((g) => [g.id, g]));
        return ids.map((id) => map.get(id) ?? null);
      }),
  );
}
