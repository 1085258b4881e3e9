import { AsyncLocalStorage } from 'node:async_hooks';
import type { MikroORM } from '@mikro-orm/postgresql';

/**
 * SQL statements counted in the process, from knex's `query` event (every statement MikroORM sends,
 * raw ones and BEGIN/COMMIT included), in total and per request. Counting here rather than with
 * pg_stat_statements needs no database extension, works on the embedded database too, and counts
 * only this process's statements on a PostgreSQL server that other programs share.
 */
export interface StatementScope {
  statements: number;
}

const scope = new AsyncLocalStorage<StatementScope>();
let total = 0;
const counted = new WeakSet<object>();

/** Starts counting the ORM's statements (once per ORM instance). */
export function countStatements(orm: MikroORM): void {
  const knex = orm.em.getConnection().getKnex();
  if (counted.has(knex)) return;
  counted.add(knex);
  knex.on('query', () => {
    total++;
    const s = scope.getStore();
    if (s) s.statements++;
  });
}

/** Runs `fn` with its own statement count (one per HTTP request). */
export function withStatementScope<T>(store: StatementScope, fn: () => T): T {
  return scope.run(store, fn);
}

/** Statements sent by this process since it started. */
export function statementTotal(): number {
  return total;
}
