import type { EntityManager } from '@mikro-orm/postgresql';
import { batchedValue } from '../db/read-batch';
import { pgUuidArray, type MetricDefinition, type MetricScope, type Period } from './metric';

/*
 * SQL helpers for metric computations. Bindings are `?`; never write a `?` anywhere else in the SQL
 * (knex substitutes it even inside string literals and jsonb operators): use `jsonb_exists(x, 'k')`.
 */

/** Runs an aggregate query whose single row has one column, `value`; null (no rows) is 0. */
export async function sqlValue(em: EntityManager, sql: string, params: unknown[]): Promise<number> {
  // Sent with the request's other reads of this turn: the query must select that one column.
  const v = await batchedValue(em, sql, params);
  return v === null || v === undefined ? 0 : Number(v);
}

/**
 * An aggregate over the activities of one kind (`<module>.<kind>`) in the scope's grids and period,
 * e.g. `count(*)` or `sum((details->>'hours')::numeric)`.
 */
export function activityAggregate(
  em: EntityManager,
  scope: MetricScope,
  period: Period,
  kind: string | null,
  expression: string,
): Promise<number> {
  return sqlValue(
    em,
    `select ${expression} as value from activity
      where grid_id = any(?::uuid[]) and occurred_at >= ? and occurred_at < ?${kind ? ' and kind = ?' : ''}`,
    [pgUuidArray(scope.gridIds), period.from, period.to, ...(kind ? [kind] : [])],
  );
}

/**
 * An aggregate over a module table's rows of the scope's grids whose `timeColumn` falls in the
 * period, e.g. matters proposed (`proposed_at`) or votes closed (`closed_at`). Table, column and
 * expression are constants of the module, never input.
 */
export function periodAggregate(
  em: EntityManager,
  scope: MetricScope,
  period: Period,
  table: string,
  timeColumn: string,
  expression: string,
): Promise<number> {
  return sqlValue(
    em,
    `select ${expression} as value from ${table}
      where grid_id = any(?::uuid[]) and ${timeColumn} >= ? and ${timeColumn} < ?`,
    [pgUuidArray(scope.gridIds), period.from, period.to],
  );
}

/** A share as a percentage with one decimal; 0 when the denominator is 0. */
export function percent(part: number, whole: number): number {
  return whole > 0 ? Math.round((1000 * part) / whole) / 10 : 0;
}

/** A metric that is one aggregate over one kind's activities (see `activityAggregate`). */
export function activityMetric(
  spec: Omit<MetricDefinition, 'compute'> & { kind: string; expression: string },
): MetricDefinition {
  const { kind, expression, ...definition } = spec;
  return {
    ...definition,
    compute: (em, scope, period) => activityAggregate(em, scope, period, kind, expression),
  };
}
