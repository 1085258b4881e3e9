import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { EntityManager } from '@mikro-orm/postgresql';
import { bootstrap, type App } from '../../src/bootstrap';
import type { DestinationStream } from 'pino';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/server/logger';
import type { Clock } from '../../src/server/context';
import { cloneDatabase, dropDatabase, urlFor } from '../setup/db';

export const DEMO_PASSWORD = 'gridgov-demo';

export interface GqlResult<T = Record<string, any>> {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
  status: number;
  headers: Record<string, unknown>;
}

export interface GqlOptions {
  token?: string | null;
  headers?: Record<string, string>;
  locale?: 'zh' | 'en';
}

export interface TestServer {
  app: App;
  /** A fresh EntityManager for asserting on the database directly. */
  em(): EntityManager;
  gql<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    options?: GqlOptions,
  ): Promise<GqlResult<T>>;
  /** Signs in a demo account and returns its token (memoised per server). */
  login(username: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * Starts the whole application in-process on a fresh copy of the seeded test database: a clone of
 * the PostgreSQL template when DATABASE_URL is set, otherwise a PGlite instance loaded from the
 * snapshot. Requests go through Fastify (inject), so HTTP, context, permissions and errors are real.
 */
export interface TestServerOptions {
  /** A controllable clock for time-dependent rules (SLA deadlines); default: the system clock. */
  clock?: Clock;
  /** Start the background workers (default: no; tests drive workers explicitly). */
  workers?: boolean;
  /** Extra environment for the configuration (e.g. `NODE_ENV: 'production'`). */
  env?: Record<string, string>;
  /** Where the server's log lines go (with `env.LOG_LEVEL`), to assert on them. */
  logStream?: DestinationStream;
}

export async function createTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const base = process.env.DATABASE_URL;
  let dbName: string | undefined;
  let pglite: PGlite | undefined;
  let databaseUrl: string | undefined;
  if (base) {
    const template = process.env.GRIDGOV_TEST_TEMPLATE;
    if (!template)
      throw new Error('GRIDGOV_TEST_TEMPLATE is not set: run the tests with jest (global setup)');
    dbName = `gridgov_t_${randomBytes(6).toString('hex')}`;
    await cloneDatabase(base, template, dbName);
    databaseUrl = urlFor(base, dbName);
  } else {
    const snapshot = process.env.GRIDGOV_TEST_SNAPSHOT;
    if (!snapshot)
      throw new Error('GRIDGOV_TEST_SNAPSHOT is not set: run the tests with jest (global setup)');
    pglite = await PGlite.create({ loadDataDir: new Blob([readFileSync(snapshot)]) });
  }
  const config = loadConfig({
    NODE_ENV: 'test',
    JWT_SECRET: 'test-secret-test-secret-test-secret-0123456789',
    DEMO_SEED: 'false',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    ...options.env,
  });
  const app = await bootstrap(config, createLogger(config, options.logStream), {
    pglite,
    clock: options.clock,
    workers: options.workers ?? false,
  });
  const tokens = new Map<string, string>();
  const personal = await personalDataPattern(app);

  const gql: TestServer['gql'] = async (query, variables, options = {}) => {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'accept-language': options.locale === 'zh' ? 'zh-CN' : 'en',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    };
    const res = await app.server.fastify.inject({
      method: 'POST',
      url: '/graphql',
      headers,
      payload: JSON.stringify({ query, variables }),
    });
    if (personal && !/\brevealResident\b/.test(query)) assertMasked(res.body, personal, query);
    const body = res.body ? JSON.parse(res.body) : {};
    return { ...body, status: res.statusCode, headers: res.headers };
  };

  return {
    app,
    em: () => app.orm.em.fork(),
    gql,
    async login(username) {
      const known = tokens.get(username);
      if (known) return known;
      const res = await gql<{ login: { token: string } }>(
        'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }',
        { u: username, p: DEMO_PASSWORD },
      );
      const token = res.data?.login.token;
      if (!token) throw new Error(`login ${username} failed: ${JSON.stringify(res.errors)}`);
      tokens.set(username, token);
      return token;
    },
    async close() {
      await app.close();
      if (base && dbName) await dropDatabase(base, dbName);
    },
  };
}

/**
 * Every resident ID number and phone (and organization contact phone) of the seeded data, as one
 * pattern. Staff phones are work contacts their administrators see in full, so they are not included. Every response of every test is
 * searched for them: personal data must leave the server masked unless a reveal asked for it.
 */
async function personalDataPattern(app: App): Promise<RegExp | null> {
  const rows = await app.orm.em
    .fork()
    .getConnection()
    .execute<{ v: string }[]>(
      `select id_number as v from resident where id_number is not null
       union select phone from resident where phone is not null
       union select contact_phone from organization where contact_phone is not null`,
    );
  const values = rows.map((r) => r.v).filter((v) => v && v.length >= 7);
  if (!values.length) return null;
  return new RegExp(values.map((v) => v.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')).join('|'));
}

export function assertMasked(body: string, pattern: RegExp, query: string): void {
  const m = pattern.exec(body);
  if (m)
    throw new Error(
      `Unmasked personal data (${m[0].slice(0, 3)}…) in the response to: ${query.slice(0, 200)}`,
    );
}

/** A clock tests move by hand. */
export class TestClock implements Clock {
  constructor(private current: Date = new Date()) {}
  now(): Date {
    return new Date(this.current);
  }
  set(d: Date): void {
    this.current = new Date(d);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/** The first error's code, for terse assertions. */
export function errorCode(res: GqlResult): string | undefined {
  return res.errors?.[0]?.extensions?.code;
}

/** Data of a response that must have succeeded; fails the test with the errors otherwise. */
export function ok<T>(res: GqlResult<T>): T {
  if (res.errors?.length || !res.data) {
    throw new Error(`GraphQL errors: ${JSON.stringify(res.errors, null, 2)}`);
  }
  return res.data;
}
