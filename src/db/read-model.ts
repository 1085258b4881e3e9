import {
  ReferenceKind,
  type EntityClass,
  type EntityManager,
  type EntityMetadata,
  type EntityProperty,
  type FilterQuery,
  type Platform,
} from '@mikro-orm/postgresql';
import { batchedRows, type Row } from './read-batch';

/*
 * Read paths (pages, batched loaders) turn rows into plain objects of the entity's class rather than
 * managed entities. A managed entity costs about 50 µs to build (factory, identity map, snapshot,
 * propagation hooks), so a page of 100 with its relations spent most of its time there; the rows
 * are only read and serialized. The objects keep the entity's prototype (so GraphQL resolves
 * interfaces and unions by class as before) and the same property values a managed entity would
 * hold: column names mapped to property names, custom types converted (e.g. dates as
 * 'YYYY-MM-DD'). They are not in the unit of work: writes load what they change with `em.find*`.
 */

export type RowMapper<T> = (row: Row) => T;

const mappers = new WeakMap<EntityMetadata, RowMapper<unknown>>();

function isColumn(prop: EntityProperty): boolean {
  if (prop.persist === false || prop.fieldNames?.length !== 1) return false;
  return (
    prop.kind === ReferenceKind.SCALAR ||
    ((prop.kind === ReferenceKind.MANY_TO_ONE || prop.kind === ReferenceKind.ONE_TO_ONE) && !!prop.mapToPk)
  );
}

function compile<T>(meta: EntityMetadata, platform: Platform): RowMapper<T> {
  const columns = meta.props.filter(isColumn).map((prop) => ({
    field: prop.fieldNames[0]!,
    name: prop.name,
    // Rows come from the driver or, batched, as JSON (timestamps as text): both give the same values.
    convert:
      prop.runtimeType === 'Date'
        ? (v: unknown) => (v instanceof Date ? v : new Date(v as string))
        : prop.customType
          ? (v: unknown) => prop.customType!.convertToJSValue(v, platform)
          : prop.runtimeType === 'boolean'
            ? (v: unknown) => !!v
            : undefined,
  }));
  // The entity's prototype carries MikroORM's change-tracking setters; a layer of plain writable
  // properties in between makes assignments create own properties instead of calling them.
  const proto = Object.create((meta.class as { prototype: object }).prototype) as object;
  for (const c of columns) Object.defineProperty(proto, c.name, { value: undefined, writable: true });
  return (row) => {
    const obj = Object.create(proto) as Row;
    for (const c of columns) {
      const v = row[c.field];
      obj[c.name] = v == null ? null : c.convert ? c.convert(v) : v;
    }
    return obj as T;
  };
}

/** The mapper from a raw row (column names) of `entity` to a plain object of its class. */
export function rowMapper<T extends object>(em: EntityManager, entity: EntityClass<T>): RowMapper<T> {
  const meta = em.getMetadata().get<T>(entity.name);
  let m = mappers.get(meta) as RowMapper<T> | undefined;
  if (!m) {
    m = compile<T>(meta, em.getPlatform());
    mappers.set(meta, m as RowMapper<unknown>);
  }
  return m;
}

/**
 * `em.find` for read-only use: the same filter language, plain objects, and sent together with the
 * request's other reads of the same turn (`read-batch.ts`). Use it where the result is only read
 * (loaders); load with `em.find*` what is going to be changed.
 */
export async function findPlain<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  where: FilterQuery<T>,
  options: { orderBy?: Record<string, 'asc' | 'desc'>; limit?: number } = {},
): Promise<T[]> {
  const qb = em.createQueryBuilder(entity).select('*').where(where);
  if (options.orderBy) qb.orderBy(options.orderBy as never);
  if (options.limit !== undefined) qb.limit(options.limit);
  const rows = (await batchedRows(em, qb.getFormattedQuery())).map(rowMapper(em, entity));
  // json_agg keeps the subquery's order in practice, but PostgreSQL does not promise it: sort here.
  return options.orderBy ? rows.sort(byOrder(options.orderBy)) : rows;
}

function byOrder<T>(orderBy: Record<string, 'asc' | 'desc'>): (a: T, b: T) => number {
  const keys = Object.entries(orderBy);
  return (a, b) => {
    for (const [key, dir] of keys) {
      const x = (a as Record<string, unknown>)[key] as string | number | Date | null | undefined;
      const y = (b as Record<string, unknown>)[key] as string | number | Date | null | undefined;
      if (x === y) continue;
      // Nulls last ascending and first descending, as PostgreSQL orders them.
      const c = x == null ? 1 : y == null ? -1 : x < y ? -1 : x > y ? 1 : 0;
      if (c !== 0) return dir === 'asc' ? c : -c;
    }
    return 0;
  };
}
