import DataLoader from 'dataloader';
import type { EntityClass, FilterQuery } from '@mikro-orm/postgresql';
import { rowMapper } from '../db/read-model';
import { ConnectionResult, type Page } from '../graphql/connection';
import { badInput } from '../graphql/errors';
import { countBy } from '../graphql/loaders';
import { loader, type RequestContext } from '../server/context';

/**
 * First pages of a child list for many parents at once (a page of households asking for their
 * residents): one windowed query, `row_number() over (partition by parent order by id)`, however
 * many parents the page holds, and one grouped count when `totalCount` is asked for.
 *
 * `where` must be plain column equalities (it also narrows the grouped count): the jurisdiction
 * filter and the like.
 */
export function windowedChildren<T extends { id: string }>(
  ctx: RequestContext,
  entity: EntityClass<T>,
  parentProp: keyof T & string,
  where: Record<string, unknown>,
  page: Page,
): DataLoader<string, ConnectionResult<T>> {
  if (page.after && !/^[0-9a-f-]{36}$/.test(page.after)) {
    throw badInput('after', { en: 'after is not a valid cursor', zh: 'after 不是有效的游标' });
  }
  const memo = `windowed:${entity.name}:${parentProp}:${JSON.stringify(where)}:${page.first}:${page.after ?? ''}`;
  return loader(
    ctx,
    memo,
    () =>
      new DataLoader<string, ConnectionResult<T>>(async (parentIds) => {
        const meta = ctx.em.getMetadata().get(entity.name);
        const parentColumn = meta.properties[parentProp]!.fieldNames[0]!;
        const knex = ctx.em.getKnex();
        const inner = ctx.em
          .createQueryBuilder(entity, 'e')
          .select('e.*')
          .where({
            $and: [
              where,
              { [parentProp]: { $in: parentIds } },
              page.after ? { id: { $gt: page.after } } : {},
            ],
          } as FilterQuery<T>)
          .getKnexQuery()
          .select(
            knex.raw('row_number() over (partition by ?? order by ??) as "window_rank"', [
              `e.${parentColumn}`,
              'e.id',
            ]),
          );
        const outer = knex
          .select('*')
          .from(inner.as('w'))
          .where('window_rank', '<=', page.first + 1)
          .orderBy([parentColumn, 'id']);
        const rows = (await ctx.em.getConnection().execute(outer)) as Record<string, unknown>[];
        const byParent = new Map<string, T[]>();
        const map = rowMapper(ctx.em, entity);
        for (const row of rows) {
          const item = map(row);
          const parent = String(row[parentColumn]);
          const list = byParent.get(parent) ?? [];
          list.push(item);
          byParent.set(parent, list);
        }
        const counts = countBy(ctx, entity, parentProp, where, JSON.stringify(where));
        return parentIds.map((parentId) => {
          const items = byParent.get(parentId) ?? [];
          const hasNext = items.length > page.first;
          return new ConnectionResult<T>(
            hasNext ? items.slice(0, page.first) : items,
            hasNext,
            !!page.after,
            () => counts.load(parentId),
          );
        });
      }),
  );
}
