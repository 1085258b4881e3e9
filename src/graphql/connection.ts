import type { EntityClass, EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { ArgsType, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import type { Row } from '../db/read-batch';
import { rowMapper } from '../db/read-model';
import { badInput } from './errors';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

/** Relay page information. */
@ObjectType({ description: 'Where a page sits in the whole list (Relay PageInfo).' })
export class PageInfo {
  @Field(() => Boolean, { description: 'Whether more items follow this page.' })
  hasNextPage!: boolean;

  @Field(() => Boolean, { description: 'Whether items precede this page (true when `after` was given).' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first item of the page.' })
  startCursor!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Cursor of the last item; pass as `after` for the next page.',
  })
  endCursor!: string | null;
}

/** `first` / `after` for every list. */
@ArgsType()
export class PageArgs {
  @Field(() => Int, {
    nullable: true,
    description: `Page size, 1–${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE}).`,
  })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Return items after this cursor.' })
  after?: string | null;
}

export interface Page {
  first: number;
  after?: string;
}

/** Validates page arguments: a bad size or cursor is BAD_USER_INPUT, never a silent clamp. */
export function toPage(args: PageArgs): Page {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badInput('first', {
      en: `first must be between 1 and ${MAX_PAGE_SIZE}`,
      zh: `first 必须在 1 到 ${MAX_PAGE_SIZE} 之间`,
    });
  }
  let after: string | undefined;
  if (args.after != null) {
    after = Buffer.from(args.after, 'base64url').toString('utf8');
    if (!/^[0-9a-f-]{36}$/.test(after) && !/^\d{1,19}$/.test(after)) throw badCursor();
  }
  return { first, after };
}

const badCursor = () => badInput('after', { en: 'after is not a valid cursor', zh: 'after 不是有效的游标' });

export const toCursor = (id: string): string => Buffer.from(id, 'utf8').toString('base64url');

/** One page as fetched: its items, whether more follow, and the total when it came along. */
export interface PageData<T> {
  items: T[];
  hasNextPage: boolean;
  total?: number;
}

/**
 * What a list resolver returns; the Connection GraphQL types read it. A deferred connection fetches
 * its page a microtask after GraphQL first reads it: by then GraphQL has asked for every selected
 * field of the connection, so the page query knows whether `totalCount` is wanted and brings it
 * in the same statement.
 */
export class ConnectionResult<T extends object> {
  private data: PageData<T> | undefined;
  private loading: Promise<PageData<T>> | undefined;
  private wantsTotal = false;
  private fetch: ((withTotal: boolean) => Promise<PageData<T>>) | undefined;

  constructor(
    items: T[],
    hasNextPage: boolean,
    readonly hasPreviousPage: boolean,
    private readonly count: () => Promise<number>,
    private readonly keyOf: (node: T) => string = (node) => (node as { id: string }).id,
  ) {
    this.data = { items, hasNextPage };
  }

  /** A connection whose page is fetched on first read, with the total if `totalCount` was selected. */
  static deferred<T extends object>(
    fetch: (withTotal: boolean) => Promise<PageData<T>>,
    hasPreviousPage: boolean,
    count: () => Promise<number>,
    keyOf?: (node: T) => string,
  ): ConnectionResult<T> {
    const c = new ConnectionResult<T>([], false, hasPreviousPage, count, keyOf);
    c.data = undefined;
    c.fetch = fetch;
    return c;
  }

  private page(): PageData<T> | Promise<PageData<T>> {
    if (this.data) return this.data;
    this.loading ??= Promise.resolve()
      .then(() => this.fetch!(this.wantsTotal))
      .then((d) => (this.data = d));
    return this.loading;
  }

  private read<R>(f: (d: PageData<T>) => R): R | Promise<R> {
    const p = this.page();
    return p instanceof Promise ? p.then(f) : f(p);
  }

  get edges(): { cursor: string; node: T }[] | Promise<{ cursor: string; node: T }[]> {
    return this.read((d) => d.items.map((node) => ({ cursor: toCursor(this.keyOf(node)), node })));
  }

  get nodes(): T[] | Promise<T[]> {
    return this.read((d) => d.items);
  }

  get pageInfo(): PageInfo | Promise<PageInfo> {
    return this.read((d) => {
      const first = d.items[0];
      const last = d.items[d.items.length - 1];
      return {
        hasNextPage: d.hasNextPage,
        hasPreviousPage: this.hasPreviousPage,
        startCursor: first ? toCursor(this.keyOf(first)) : null,
        endCursor: last ? toCursor(this.keyOf(last)) : null,
      };
    });
  }

  /** Counted only when a client asks for it (a getter, so selecting the field runs the query). */
  get totalCount(): Promise<number> {
    if (!this.data) this.wantsTotal = true;
    return Promise.resolve(this.page()).then((d) => d.total ?? this.count());
  }
}

/**
 * Keyset pagination (by default over the time-ordered uuid primary key): stable under inserts and
 * one indexed range scan per page, however deep the client pages. With `totalCount` selected, the
 * count rides in the page's statement: `(count) left join lateral (page)`, so it is one round trip
 * and an empty page still carries its total.
 */
export async function paginate<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  where: FilterQuery<T>,
  page: Page,
  options: {
    /** Unique, indexed key to page on (default `id`). */
    key?: string;
    order?: 'asc' | 'desc';
  } = {},
): Promise<ConnectionResult<T>> {
  const key = options.key ?? 'id';
  const order = options.order ?? 'asc';
  if (page.after && (key === 'id') !== /^[0-9a-f-]{36}$/.test(page.after)) throw badCursor();
  const pageWhere = (
    page.after ? { $and: [where, { [key]: { [order === 'asc' ? '$gt' : '$lt']: page.after } }] } : where
  ) as FilterQuery<T>;
  return deferredPage(em, entity, {
    where,
    pageWhere,
    orderBy: { [key]: order },
    page,
    keyOf: (node) => String((node as Record<string, unknown>)[key]),
  });
}

/**
 * A page of `entity` rows matching `pageWhere` in `orderBy` order, `page.first` of them, as a
 * deferred connection whose total counts `where`. `view` turns a row into what the connection
 * holds. With `totalCount` selected, the count rides in the page's statement:
 * `(count) left join lateral (page)`, so it is one round trip and an empty page still has a total.
 */
export function deferredPage<T extends object, V extends object = T>(
  em: EntityManager,
  entity: EntityClass<T>,
  o: {
    where: FilterQuery<T>;
    pageWhere: FilterQuery<T>;
    orderBy: Record<string, 'asc' | 'desc'>;
    page: Page;
    view?: (row: T) => V;
    keyOf?: (node: V) => string;
  },
): ConnectionResult<V> {
  const view = o.view ?? ((row: T) => row as unknown as V);
  const trim = (rows: T[], total?: number): PageData<V> => {
    const hasNextPage = rows.length > o.page.first;
    return { items: (hasNextPage ? rows.slice(0, o.page.first) : rows).map(view), hasNextPage, total };
  };
  return ConnectionResult.deferred<V>(
    async (withTotal) => {
      const pageQb = em
        .createQueryBuilder(entity)
        .select('*')
        .where(o.pageWhere)
        .orderBy(o.orderBy as never)
        .limit(o.page.first + 1);
      const map = rowMapper(em, entity);
      if (!withTotal) return trim(((await pageQb.execute('all', false)) as Row[]).map(map));
      const meta = em.getMetadata().get<T>(entity.name);
      const column = (name: string) => meta.props.find((p) => p.name === name)!.fieldNames[0]!;
      const outerOrder = Object.entries(o.orderBy)
        .map(([k, dir]) => `p."${column(k)}" ${dir}`)
        .join(', ');
      const countQb = em.createQueryBuilder(entity).count().where(o.where);
      const sql =
        `select p.*, c.count as "__total" from (${countQb.getFormattedQuery()}) as c ` +
        `left join lateral (${pageQb.getFormattedQuery()}) as p on true order by ${outerOrder}`;
      const rows = (await em.getConnection().execute(sql, [], 'all', em.getTransactionContext())) as Row[];
      const pk = column(meta.primaryKeys[0]!);
      return trim(rows.filter((r) => r[pk] != null).map(map), Number(rows[0]?.__total ?? 0));
    },
    !!o.page.after,
    () => em.count(entity, o.where),
    o.keyOf,
  );
}

/** Builds the `XConnection` and `XEdge` GraphQL types for a node type. */
export function ConnectionType<T extends object>(nodeType: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`, { description: `One ${name} in a page, with its cursor.` })
  class Edge {
    @Field(() => String, { description: 'Opaque cursor of this item.' })
    cursor!: string;

    @Field(() => nodeType, { description: `The ${name}.` })
    node!: T;
  }

  // Decorated only so the concrete connection inherits its fields; never emitted itself.
  @ObjectType(`${name}ConnectionBase`)
  abstract class Connection {
    @Field(() => [Edge], { description: 'The items of this page with their cursors.' })
    edges!: Edge[];

    @Field(() => [nodeType], { description: 'The items of this page.' })
    nodes!: T[];

    @Field(() => PageInfo, { description: 'Paging state.' })
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'Number of items matching the filter, over all pages.' })
    totalCount!: number;
  }
  return Connection;
}
