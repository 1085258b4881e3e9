import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { DEFAULT_QUERY_LIMITS, type QueryLimits } from './graphql/limits';

/**
 * Every environment variable the process reads, parsed and validated in one place so a bad value
 * stops the start with a message that names the variable instead of failing later at first use.
 */
function limit(min: number, max: number, fallback: number) {
  return z.coerce.number().int().min(min).max(max).default(fallback);
}

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  JWT_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .max(7 * 24 * 3600)
    .default(12 * 3600),
  /** Seed the demo community into an empty database (default: on for the embedded database only). */
  DEMO_SEED: z.enum(['true', 'false']).optional(),
  INTROSPECTION: z.enum(['true', 'false']).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DB_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).default(15000),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).default(10000),
  /** Behind a reverse proxy or load balancer: trust its X-Forwarded-For for the client address. */
  TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  /** Let webhooks target private, loopback and link-local addresses (SSRF guard off; local tests only). */
  WEBHOOK_ALLOW_PRIVATE: z.enum(['true', 'false']).default('false'),
  /** How long one webhook delivery may take before it counts as failed and is retried. */
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60000).default(10000),
  /** Request shape limits (defaults in src/graphql/limits.ts). */
  QUERY_MAX_DEPTH: limit(2, 64, DEFAULT_QUERY_LIMITS.maxDepth),
  QUERY_MAX_COST: limit(100, 1_000_000, DEFAULT_QUERY_LIMITS.maxCost),
  QUERY_MAX_ALIASES: limit(1, 500, DEFAULT_QUERY_LIMITS.maxAliases),
  QUERY_MAX_DIRECTIVES: limit(1, 500, DEFAULT_QUERY_LIMITS.maxDirectives),
  QUERY_MAX_TOKENS: limit(100, 100_000, DEFAULT_QUERY_LIMITS.maxTokens),
  QUERY_MAX_CHARS: limit(1000, 1_000_000, DEFAULT_QUERY_LIMITS.maxChars),
  QUERY_MAX_SELECTIONS_PER_SET: limit(10, 1000, DEFAULT_QUERY_LIMITS.maxSelectionsPerSet),
  QUERY_MAX_FIELDS: limit(10, 20_000, DEFAULT_QUERY_LIMITS.maxFields),
  /**
   * Benchmark only (`npm run bench`): process figures (requests, SQL statements sent, memory) at
   * `GET /internal/bench-stats`. Never set in production.
   */
  BENCH_STATS: z.enum(['true', 'false']).default('false'),
  /**
   * Benchmark only: take one layer out to measure what it costs. `no-dataloader` gives every load its
   * own query; `no-shield` serves the schema without graphql-shield (services still apply roles and
   * jurisdiction, but field rules are gone); `no-batch` sends every read alone (read-batch). Never
   * set in production.
   */
  BENCH_ABLATION: z.enum(['none', 'no-dataloader', 'no-shield', 'no-batch']).default('none'),
});

export type Env = z.infer<typeof schema>;

export interface Config {
  env: Env['NODE_ENV'];
  production: boolean;
  host: string;
  port: number;
  /** PostgreSQL URL, or undefined for the embedded PGlite database in `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  jwtSecret: string;
  jwtTtlSeconds: number;
  demoSeed: boolean;
  introspection: boolean;
  logLevel: Env['LOG_LEVEL'];
  dbPoolMax: number;
  dbStatementTimeoutMs: number;
  shutdownTimeoutMs: number;
  trustProxy: boolean;
  webhookAllowPrivate: boolean;
  webhookTimeoutMs: number;
  queryLimits: QueryLimits;
  /** Benchmark only: see BENCH_STATS. */
  benchStats: boolean;
  /** Benchmark only: see BENCH_ABLATION. */
  benchAblation: Env['BENCH_ABLATION'];
}

export class ConfigError extends Error {}

/** Parses `source` (default `process.env`); throws a ConfigError listing every bad variable. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  const dataDir = resolve(e.DATA_DIR);
  let jwtSecret = e.JWT_SECRET;
  if (!jwtSecret) {
    if (production) throw new ConfigError('Invalid configuration:\n  JWT_SECRET: required in production');
    jwtSecret = e.DATABASE_URL ? undefined : readOrCreateSecret(dataDir);
    if (!jwtSecret) {
      throw new ConfigError('Invalid configuration:\n  JWT_SECRET: required when DATABASE_URL is set');
    }
  }
  return {
    env: e.NODE_ENV,
    production,
    host: e.HOST,
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    dataDir,
    jwtSecret,
    jwtTtlSeconds: e.JWT_TTL_SECONDS,
    demoSeed: e.DEMO_SEED ? e.DEMO_SEED === 'true' : !e.DATABASE_URL,
    introspection: e.INTROSPECTION ? e.INTROSPECTION === 'true' : !production,
    logLevel: e.LOG_LEVEL,
    dbPoolMax: e.DB_POOL_MAX,
    dbStatementTimeoutMs: e.DB_STATEMENT_TIMEOUT_MS,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    trustProxy: e.TRUST_PROXY === 'true',
    webhookAllowPrivate: e.WEBHOOK_ALLOW_PRIVATE === 'true',
    webhookTimeoutMs: e.WEBHOOK_TIMEOUT_MS,
    queryLimits: {
      maxDepth: e.QUERY_MAX_DEPTH,
      maxCost: e.QUERY_MAX_COST,
      maxAliases: e.QUERY_MAX_ALIASES,
      maxDirectives: e.QUERY_MAX_DIRECTIVES,
      maxTokens: e.QUERY_MAX_TOKENS,
      maxChars: e.QUERY_MAX_CHARS,
      maxSelectionsPerSet: e.QUERY_MAX_SELECTIONS_PER_SET,
      maxFields: e.QUERY_MAX_FIELDS,
    },
    benchStats: e.BENCH_STATS === 'true',
    benchAblation: e.BENCH_ABLATION,
  };
}

/** The embedded default keeps its signing secret next to its data so tokens survive a restart. */
function readOrCreateSecret(dataDir: string): string {
  const file = join(dataDir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}
