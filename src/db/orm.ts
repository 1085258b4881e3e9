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
    const orm = await MikroORM.init({
      ...common,
      driver: PostgreSqlDriver,
      clientUrl: opts.databaseUrl,
      pool: { min: 0, max: opts.poolMax ?? 10 },
      driverOptions: {
        connection: { statement_timeout: opts.statementTimeoutMs ?? 15000 },
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
