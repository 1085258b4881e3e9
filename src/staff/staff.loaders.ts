import DataLoader from 'dataloader';
import type { EntityClass } from '@mikro-orm/postgresql';
import { ConnectionResult, type Page } from '../graphql/connection';
import { loader, type RequestContext } from '../server/context';

/** Raw SQL selecting `(parent_id, id)` pairs for the given parents; `?` placeholders, knex style. */
export type PairSource = (parentIds: readonly string[]) => { sql: string; params: unknown[] };

/**
 * A page of children for each of many parents in one windowed query (`row_number() over (partition
 * by parent)`), plus one query to load the children: the statement count does not grow with the
 * number of parents. Counts come from one grouped query, run only when a client selects them.
 */
export function windowedPages<T extends { id: string }>(
  ctx: RequestContext,
  key: string,
  entity: EntityClass<T>,
  source: PairSource,
  page: Page,
): DataLoader<string, ConnectionResult<T>> {
  const counts = pairCounts(ctx, key, source);
  return loader(
    ctx,
    `window:${key}:${page.first}:${page.after ?? ''}`,
    () =>
      new DataLoader<string, ConnectionResult<T>>(async (parents) => {
        const src = source(parents);
        const rows = (await ctx.em.execute(
          `select w.parent_id, w.id from (
             select s.parent_id, s.id, row_number() over (partition by s.parent_id order by s.id) as rn
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

/** Children per parent from the same pair source, in one grouped query per batch. */
export function pairCounts(ctx: RequestContext, key: string, source: PairSource): DataLoader<string, number> {
  return loader(
    ctx,
    `windowCount:${key}`,
    () =>
      new DataLoader<string, number>(async (parents) => {
        const src = source(parents);
        const rows = (await ctx.em.execute(
          `select s.parent_id, count(*)::int as n from (${src.sql}) s group by s.parent_id`,
          src.params as never[],
        )) as { parent_id: string; n: number }[];
        const map = new Map(rows.map((r) => [r.parent_id, Number(r.n)]));
        return parents.map((p) => map.get(p) ?? 0);
      }),
  );
}
