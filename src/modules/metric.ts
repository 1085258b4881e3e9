import type { EntityManager } from '@mikro-orm/postgresql';
import type { Message } from '../graphql/errors';

/** The territory a metric is computed for, with the grids it covers already resolved. */
export interface MetricScope {
  level: 'GRID' | 'COMMUNITY' | 'STREET';
  /** Id (uuid) of the grid, community or street. */
  id: string;
  /**
   * The grids to count (uuids). For a module metric: only grids where the module is or was enabled
   * during the period. Compute functions filter with `grid_id = any(?)` and nothing else.
   */
  gridIds: string[];
}

/** A half-open interval [from, to). */
export interface Period {
  from: Date;
  to: Date;
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
  compute(em: EntityManager, scope: MetricScope, period: Period): Promise<number>;
}
