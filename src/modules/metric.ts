import type { EntityManager } from '@mikro-orm/postgresql';
import type { Message } from '../graphql/errors';

/** The territory a metric is computed for, with the grids it covers already resolved. */
export interface MetricScope {
  level: 'GRID' | 'COMMUNITY' | 'STREET';
  /** Id (uuid) of the grid, community or street. */
  id: string;
  /**
   * The grids to count (uuids). For a module metric: only grids where the module is or was enabled
   * during the period. Compute functions filter with `grid_id = any(?::uuid[])` bound to
   * `pgUuidArray(scope.gridIds)` and nothing else (knex would expand a JS array into a list).
   */
  gridIds: string[];
}

/** A half-open interval [from, to). */
export interface Period {
  from: Date;
  to: Date;
}

/** What a computation may need beyond scope and period. */
export interface MetricEnv {
  /** The request's clock: "as of" figures (e.g. overdue visits) use min(period.to, now). */
  now: Date;
}

/**
 * A number the platform can compute for any grid, community or street over a period — declared by
 * core features and by modules alike, computed in SQL (one aggregate query, never a loop over rows).
 */
export interface MetricDefinition {
  /** Unique code, e.g. `cases.solved` or `volunteer.service_hours` (module metrics start with the module id). */
  code: string;
  label: Message;
  description?: Message;
  /** Unit for display, e.g. `件`, `人`, `小时`, `%`. */
  unit: string;
  compute(em: EntityManager, scope: MetricScope, period: Period, env: MetricEnv): Promise<number>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A PostgreSQL uuid[] literal for one `?` binding: `'{a,b}'`. Refuses anything but uuids. */
export function pgUuidArray(ids: readonly string[]): string {
  for (const id of ids) if (!UUID.test(id)) throw new Error(`not a uuid: ${id}`);
  return `{${ids.join(',')}}`;
}
