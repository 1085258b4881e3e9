import 'reflect-metadata';
import { bootstrap } from './bootstrap';
import { ConfigError, loadConfig } from './config';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './db/seed/demo.seed';
import { createLogger } from './server/logger';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(e.message + '\n');
      process.exit(78); // EX_CONFIG
    }
    throw e;
  }
  const log = createLogger(config);
  // A stray rejection (a background task meeting a database restart) is logged, not fatal: the
  // request paths and workers handle their own errors, so one that escapes is a bug to fix, not a
  // reason to drop every in-flight request. An uncaught exception may have broken state: exit.
  process.on('unhandledRejection', (err) => log.error({ err }, 'unhandled rejection'));
  process.on('uncaughtException', (err) => {
    log.fatal({ err }, 'uncaught exception; exiting');
    process.exit(1);
  });
  const started = Date.now();
  const app = await bootstrap(config, log);
  const address = await app.server.fastify.listen({ host: config.host, port: config.port });
  log.info(
    {
      address,
      database: config.databaseUrl ? 'postgresql' : `embedded (${config.dataDir})`,
      startupMs: Date.now() - started,
      rssMb: Math.round(process.memoryUsage().rss / 1048576),
    },
    'GridGov is listening',
  );
  if (app.seeded) {
    const lines = DEMO_ACCOUNTS.map((a) => `  ${a.username.padEnd(16)} ${a.note}`).join('\n');
    process.stdout.write(
      `\nGridGov demo data is ready. GraphiQL: http://localhost:${config.port}/graphiql\n` +
        `Demo accounts (password "${DEMO_PASSWORD}"):\n${lines}\n\n`,
    );
  }

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      log.error('shutdown timed out; exiting');
      process.exit(1);
    }, config.shutdownTimeoutMs);
    timer.unref();
    app
      .close()
      .then(() => {
        log.info('stopped');
        process.exit(0);
      })
      .catch((err) => {
        log.error({ err }, 'error while shutting down');
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err) => {
  process.stderr.write(
    `GridGov failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exit(1);
});
