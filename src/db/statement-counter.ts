import type { MikroORM } from '@mikro-orm/postgresql';

/**
 * SQL statements sent by this process, counted from knex's `query` event: every statement MikroORM
 * sends, raw ones and BEGIN/COMMIT included. Counting here rather than with pg_stat_statements needs
 * no database extension, works on the embedded database too, and counts only this process's
 * statements on a PostgreSQL server other programs share. A per-request count is the difference
 * around one request sent alone (the benchmark's probe, the statement-count test); a plain counter
 * costs nothing, where a per-request scope (AsyncLocalStorage) would slow every promise.
 */
let total = 0;
const counted = new WeakSet<object>();

/** Starts counting the ORM's statements (once per ORM instance). */
export function countStatements(orm: MikroORM): void {
  const knex = orm.em.getConnection().getKnex();
  if (counted.has(knex)) return;
  counted.add(knex);
  knex.on('query', () => {
    total++;
  });
}

/** Statements sent by this process since it started. */
export function statementTotal(): number {
  return total;
}
