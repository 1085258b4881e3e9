import type { EntityManager } from '@mikro-orm/postgresql';

/*
 * Reads that a request starts in the same turn of the event loop (the DataLoaders of one level of a
 * query, the metrics of a page) go to the database as one statement:
 *
 *   select (select coalesce(json_agg(q0), '[]') from (<read 0>) q0) as r0, (<scalar 1>) as r1, ...
 *
 * Each statement costs a round trip, a socket write that wakes the server and a plan; on a small
 * machine that is most of what a read costs, and a grid page asks for a dozen small aggregates at
 * once. Every read goes through JSON, batched or alone, so a caller sees the same types either way:
 * numbers, strings (timestamps as ISO text), booleans, arrays and objects. `rowMapper` turns rows
 * back into entity values.
 */

/** A row as the batch returns it: column names, JSON values. */
export type Row = Record<string, unknown>;

interface Pending {
  sql: string;
  /** `rows`: all rows as JSON objects; `value`: a scalar subquery's single value. */
  kind: 'rows' | 'value';
  resolve(v: unknown): void;
  reject(e: unknown): void;
}

const queues = new WeakMap<EntityManager, Pending[]>();

let batching = true;

/** Benchmark only (BENCH_ABLATION=no-batch): every read its own statement, to show what batching saves. */
export function setReadBatching(on: boolean): void {
  batching = on;
}

function enqueue(
  em: EntityManager,
  kind: Pending['kind'],
  query: string,
  params: readonly unknown[],
): Promise<unknown> {
  // Values inlined as MikroORM does for every statement it sends (timestamps as UTC ISO text, so
  // the result does not depend on the session's time zone): the reads are joined into one text.
  const sql = params.length ? em.getPlatform().formatQuery(query, params) : query;
  return new Promise((resolve, reject) => {
    if (!batching) return void flush(em, [{ sql, kind, resolve, reject }]);
    let q = queues.get(em);
    if (!q) {
      const fresh: Pending[] = [];
      queues.set(em, fresh);
      // After the microtasks and nextTicks of this turn: every loader of the level has queued by then.
      setImmediate(() => void flush(em, fresh));
      q = fresh;
    }
    q.push({ sql, kind, resolve, reject });
  });
}

async function flush(em: EntityManager, q: Pending[]): Promise<void> {
  if (queues.get(em) === q) queues.delete(em);
  const columns = q.map((p, i) =>
    p.kind === 'rows'
      ? `(select coalesce(json_agg(q${i}), '[]'::json) from (${p.sql}) as q${i}) as r${i}`
      : `(${p.sql}) as r${i}`,
  );
  try {
    const rows = (await em
      .getConnection()
      .execute(`select ${columns.join(', ')}`, [], 'all', em.getTransactionContext())) as Row[];
    const row = rows[0] ?? {};
    q.forEach((p, i) => p.resolve(row[`r${i}`] ?? (p.kind === 'rows' ? [] : null)));
  } catch (e) {
    // One bad read must not fail its neighbours: retry each alone, so only its own caller sees it.
    if (q.length === 1) return q[0]!.reject(e);
    for (const p of q) void flush(em, [p]);
  }
}

/**
 * Rows of a read (`?` bindings in `params`), with JSON types, sent together with the request's
 * other reads of this turn.
 */
export function batchedRows(em: EntityManager, sql: string, params: readonly unknown[] = []): Promise<Row[]> {
  return enqueue(em, 'rows', sql, params) as Promise<Row[]>;
}

/** The value of a query returning one row of one column (null for no row), batched likewise. */
export function batchedValue(
  em: EntityManager,
  sql: string,
  params: readonly unknown[] = [],
): Promise<unknown> {
  return enqueue(em, 'value', sql, params);
}
