import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { DataloaderType, MikroORM, PostgreSqlDriver, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import type { Config } from '../config';
import { allEntities } from './entities';
import { migrationsList } from '../../migrations';

// mikro-orm-pglite publishes types for ESM only; from CommonJS its driver class is loaded with require.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const { PGliteDriver } = require('mikro-orm-pglite') as { PGliteDriver: any };

interface PgClientLike {
  on(event: 'error', listener: (err: Error) => void): unknown;
}

export interface OrmHandle {
  orm: MikroORM;
  /** Present when running on the embedded database; closed after the ORM. */
  pglite?: PGlite;
  close(): Promise<void>;
}

export interface OrmOptions {
  databaseUrl?: string;
  /** Folder of the embedded database; ignored with a URL. Undefined = in memory. */
  pgliteDir?: string;
  /** Reuse an existing PGlite instance (tests load a prepared snapshot into one). */
  pglite?: PGlite;
  poolMax?: number;
  statementTimeoutMs?: number;
  /** Called when a pooled connection fails while idle (a database restart); the pool drops it. */
  onConnectionError?: (err: Error) => void;
  /** Warnings of the SQL driver (a dropped connection found in the pool), instead of the console. */
  onDriverWarning?: (message: string) => void;
  debug?: boolean;
  logger?: (message: string) => void;
}

export function baseOptions(): Options {
  return {
    entities: allEntities,
    extensions: [Migrator],
    allowGlobalContext: false,
    forceUtcTimezone: true,
    dataloader: DataloaderType.ALL,
    migrations: {
      migrationsList,
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      disableForeignKeys: false,
      silent: true,
    },
    discovery: { warnWhenNoEntities: true },
  };
}

export async function createOrm(opts: OrmOptions): Promise<OrmHandle> {
  const common = {
    ...baseOptions(),
    debug: opts.debug ?? false,
    logger: opts.logger,
  };
  if (opts.databaseUrl) {
    const statementTimeout = opts.statementTimeoutMs ?? 15000;
    const orm = await MikroORM.init({
      ...common,
      driver: PostgreSqlDriver,
      clientUrl: opts.databaseUrl,
      pool: {
        min: 0,
        max: opts.poolMax ?? 10,
        // Every connection gets an error listener of ours (knex adds one that marks it disposed):
        // an idle connection cut by a database restart is logged and replaced, never fatal.
        afterCreate: (conn: PgClientLike, done: (err: Error | null, conn: PgClientLike) => void) => {
          conn.on('error', (err) => opts.onConnectionError?.(err));
          done(null, conn);
        },
      },
      driverOptions: {
        log: {
          warn: (m: string) => opts.onDriverWarning?.(m),
          error: (m: string) => opts.onDriverWarning?.(m),
          deprecate: () => undefined,
          debug: () => undefined,
        },
        // While the pool is exhausted (slow statements, a database restart) a request waits this
        // long for a connection and then fails with a retryable error instead of hanging.
        acquireConnectionTimeout: Math.max(5000, Math.min(statementTimeout, 30_000)),
        connection: {
          statement_timeout: statementTimeout,
          // A transaction left open by a stuck request cannot hold locks and a connection forever.
          idle_in_transaction_session_timeout: statementTimeout * 2,
          connectionTimeoutMillis: 5000,
          keepAlive: true,
          // No JIT compilation: statements here are short, and a batch of reads (read-batch) adds up
          // to a plan cost over jit_above_cost, where compiling took longer than running (100 ms).
          options: '-c jit=off',
        },
      },
    });
    return { orm, close: () => orm.close() };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  let pglite = opts.pglite;
  if (!pglite) {
    if (opts.pgliteDir) mkdirSync(opts.pgliteDir, { recursive: true });
    pglite = new PGlite(opts.pgliteDir);
  }
  const instance = pglite;
  const orm = await MikroORM.init({
    ...common,
    driver: PGliteDriver,
    dbName: 'postgres',
    driverOptions: { connection: { pglite: () => instance } },
  } as Options);
  return {
    orm,
    pglite: instance,
    close: async () => {
      await orm.close();
      await instance.close();
    },
  };
}

export function embeddedDir(config: Pick<Config, 'dataDir'>): string {
  return join(config.dataDir, 'pgdata');
}

/** Applies pending migrations; the same history runs on PostgreSQL and PGlite. */
export async function migrate(orm: MikroORM): Promise<string[]> {
  const done = await orm.getMigrator().up();
  return done.map((m) => m.name);
}
