import type { EntityManager, EntityName, FilterQuery } from '@mikro-orm/postgresql';
import { ArgsType, Field, Int, ObjectType, type ClassType } from 'type-graphql';
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

/** What a list resolver returns; the Connection GraphQL types read it. */
export class ConnectionResult<T extends object> {
  constructor(
    readonly items: T[],
    readonly hasNextPage: boolean,
    readonly hasPreviousPage: boolean,
    private readonly count: () => Promise<number>,
    private readonly keyOf: (node: T) => string = (node) => (node as { id: string }).id,
  ) {}

  get edges(): { cursor: string; node: T }[] {
    return this.items.map((node) => ({ cursor: toCursor(this.keyOf(node)), node }));
  }

  get nodes(): T[] {
    return this.items;
  }

  get pageInfo(): PageInfo {
    const first = this.items[0];
    const last = this.items[this.items.length - 1];
    return {
      hasNextPage: this.hasNextPage,
      hasPreviousPage: this.hasPreviousPage,
      startCursor: first ? toCursor(this.keyOf(first)) : null,
      endCursor: last ? toCursor(this.keyOf(last)) : null,
    };
  }

  /** Counted only when a client asks for it (a getter, so selecting the field runs the query). */
  get totalCount(): Promise<number> {
    return this.count();
  }
}

/**
 * Keyset pagination (by default over the time-ordered uuid primary key): stable under inserts and
 * one indexed range scan per page, however deep the client pages.
 */
export async function paginate<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  where: FilterQuery<T>,
  page: Page,
  options: {
    populate?: readonly string[];
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
  const rows = (await em.find(entity, pageWhere, {
    orderBy: { [key]: order } as never,
    limit: page.first + 1,
    populate: options.populate as never,
  })) as T[];
  const hasNext = rows.length > page.first;
  return new ConnectionResult<T>(
    hasNext ? rows.slice(0, page.first) : rows,
    hasNext,
    !!page.after,
    () => em.count(entity, where),
    (node) => String((node as Record<string, unknown>)[key]),
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
