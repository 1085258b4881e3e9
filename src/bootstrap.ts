import type { PGlite } from '@electric-sql/pglite';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { setReadBatching } from './db/read-batch';
import { TokenService } from './auth/token.service';
import { LoginLimiter } from './auth/login-limiter';
import type { Config } from './config';
import { createOrm, embeddedDir, migrate, type OrmHandle } from './db/orm';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, isEmpty, seedDemo } from './db/seed/demo.seed';
import { demoSeedSteps } from './db/seed/steps';
import { buildAppSchema } from './graphql/schema';
import { createServer, type Server } from './server/app';
import { systemClock, type AppServices, type Clock } from './server/context';
import { coreFeatures } from './features';
import { startWorkers } from './server/workers';
import { EventStream } from './integration';

export interface App {
  config: Config;
  orm: MikroORM;
  server: Server;
  services: AppServices;
  /** Whether this start seeded the demo data. */
  seeded: boolean;
  close(): Promise<void>;
}

/**
 * config → orm → migrate → (demo seed) → schema → server. Used by `main.ts` and by the test server,
 * so tests run exactly the start-up path production runs.
 */
export interface BootstrapOptions {
  pglite?: PGlite;
  migrate?: boolean;
  /** Start the background workers (default: yes; the test server starts them only when asked). */
  workers?: boolean;
  clock?: Clock;
}

export async function bootstrap(config: Config, log: Logger, opts: BootstrapOptions = {}): Promise<App> {
  const handle: OrmHandle = await createOrm({
    databaseUrl: config.databaseUrl,
    pgliteDir: config.databaseUrl ? undefined : embeddedDir(config),
    pglite: opts.pglite,
    poolMax: config.dbPoolMax,
    statementTimeoutMs: config.dbStatementTimeoutMs,
    onConnectionError: (err) => log.warn({ err }, 'database connection lost; the pool replaces it'),
    onDriverWarning: (message) => log.warn({ driver: message }, 'database driver warning'),
  });
  let events: EventStream | undefined;
  try {
    const orm = handle.orm;
    if (opts.migrate !== false) {
      const applied = await migrate(orm);
      if (applied.length) log.info({ migrations: applied }, 'migrations applied');
    }
    let seeded = false;
    if (config.demoSeed) {
      const em = orm.em.fork();
      if (await isEmpty(em)) {
        await seedDemo(em, demoSeedSteps);
        seeded = true;
        log.info(
          { accounts: DEMO_ACCOUNTS.map((a) => a.username), password: DEMO_PASSWORD },
          'demo data seeded; sign in with one of the demo accounts',
        );
      }
    }
    const built = await buildAppSchema({ debug: false });
    const schema = config.benchAblation === 'no-shield' ? built.bare : built.schema;
    setReadBatching(config.benchAblation !== 'no-batch');
    if (config.benchAblation !== 'none') {
      log.warn({ ablation: config.benchAblation }, 'BENCH_ABLATION is set: benchmark use only');
    }
    const services: AppServices = {
      config,
      tokens: new TokenService(config.jwtSecret, config.jwtTtlSeconds),
      log,
      clock: opts.clock ?? systemClock,
      loginLimiter: new LoginLimiter(),
    };
    const stream = await EventStream.start({
      orm,
      log,
      databaseUrl: config.databaseUrl,
      pglite: handle.pglite,
    });
    events = stream;
    const server = await createServer({ app: services, orm, schema, events: stream });
    const workers =
      opts.workers === false
        ? undefined
        : startWorkers(
            orm,
            services,
            coreFeatures.flatMap((f) => f.workers ?? []),
          );
    return {
      config,
      orm,
      server,
      services,
      seeded,
      close: async () => {
        // Stop taking requests at once (server.close stops listening first, then drains) while
        // the workers finish their current run; the database closes only after both.
        await Promise.all([
          server.close().then(() => log.debug('http server closed')),
          workers?.stop().then(() => log.debug('workers stopped')),
        ]);
        await stream.close();
        await handle.close();
        log.debug('database closed');
      },
    };
  } catch (e) {
    await events?.close().catch(() => undefined);
    await handle.close().catch(() => undefined);
    throw e;
  }
}
