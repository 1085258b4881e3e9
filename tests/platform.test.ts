import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isObjectType, type GraphQLSchema } from 'graphql';
import { bootstrap } from '../src/bootstrap';
import { loadConfig } from '../src/config';
import { buildAppSchema, printAppSchema } from '../src/graphql/schema';
import { createLogger } from '../src/server/logger';
import { createTestServer, errorCode, ok, type TestServer } from './helpers/test-server';

let s: TestServer;
beforeAll(async () => {
  s = await createTestServer();
});
afterAll(() => s.close());

describe('operations endpoints', () => {
  it('answers /healthz and /readyz', async () => {
    const health = await s.app.server.fastify.inject({ url: '/healthz' });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toEqual({ status: 'ok' });
    const ready = await s.app.server.fastify.inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready' });
  });

  it('echoes a request id, or makes one', async () => {
    const given = await s.app.server.fastify.inject({
      url: '/healthz',
      headers: { 'x-request-id': 'abc-123' },
    });
    expect(given.headers['x-request-id']).toBe('abc-123');
    const made = await s.app.server.fastify.inject({ url: '/healthz' });
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves GraphiQL from its own assets, with no external URL', async () => {
    for (const url of ['/graphiql', '/graphql']) {
      const page = await s.app.server.fastify.inject({ url, headers: { accept: 'text/html' } });
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toContain('text/html');
      expect(page.body).not.toMatch(/https?:\/\//);
      const scripts = [...page.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
      expect(scripts.length).toBeGreaterThanOrEqual(4);
      for (const asset of scripts) {
        const res = await s.app.server.fastify.inject({ url: asset });
        expect(res.statusCode).toBe(200);
        expect(res.body.length).toBeGreaterThan(100);
      }
    }
  });

  it('hides internals: no stack traces, and CSRF-prone requests are refused', async () => {
    const res = await s.gql('{ nope }');
    expect(errorCode(res)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(JSON.stringify(res)).not.toMatch(/stacktrace|at \w+ \(/);
    const csrf = await s.app.server.fastify.inject({ method: 'GET', url: '/graphql?query=%7B__typename%7D' });
    expect(csrf.statusCode).toBe(400);
  });
});

describe('schema', () => {
  let bare: GraphQLSchema;
  let rules: Record<string, unknown>;
  beforeAll(async () => {
    const built = await buildAppSchema();
    bare = built.bare;
    rules = built.rules;
  });

  it('matches the committed schema/schema.graphql (run `npm run schema` after API changes)', () => {
    const committed = readFileSync(join(__dirname, '../schema/schema.graphql'), 'utf8');
    expect(printAppSchema(bare)).toBe(committed);
  });

  it('has an explicit permission rule for every field of every object type', () => {
    const missing: string[] = [];
    for (const type of Object.values(bare.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      const r = rules[type.name] as Record<string, unknown> | undefined;
      const whole = r && typeof r === 'object' && 'resolve' in r;
      for (const field of Object.keys(type.getFields())) {
        if (!whole && !(r && (r[field] || r['*']))) missing.push(`${type.name}.${field}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('documents every type and field', () => {
    const undocumented: string[] = [];
    for (const type of Object.values(bare.getTypeMap())) {
      if (type.name.startsWith('__') || ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name))
        continue;
      if (!type.description) undocumented.push(type.name);
      if ('getFields' in type) {
        for (const f of Object.values(type.getFields()))
          if (!f.description) undocumented.push(`${type.name}.${f.name}`);
      }
    }
    expect(undocumented).toEqual([]);
  });
});

describe('configuration', () => {
  it('rejects bad environment values with a message naming each variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', NODE_ENV: 'test' })).toThrow(
      /PORT[\s\S]*DATABASE_URL|DATABASE_URL[\s\S]*PORT/,
    );
    expect(() => loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://x/y' })).toThrow(
      /JWT_SECRET/,
    );
  });
});

describe('embedded database', () => {
  it('a second start reuses the data folder and loses nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gridgov-restart-'));
    try {
      const env = { NODE_ENV: 'test' as const, DATA_DIR: dir, LOG_LEVEL: 'silent' };
      const config = loadConfig(env);
      const first = await bootstrap(config, createLogger(config));
      expect(first.seeded).toBe(true);
      const login = async (app: typeof first) => {
        const res = await app.server.fastify.inject({
          method: 'POST',
          url: '/graphql',
          headers: { 'content-type': 'application/json' },
          payload: JSON.stringify({
            query: 'mutation { login(username: "admin", password: "gridgov-demo") { token } }',
          }),
        });
        return res.json().data.login.token as string;
      };
      const call = async (app: typeof first, token: string, query: string) =>
        (
          await app.server.fastify.inject({
            method: 'POST',
            url: '/graphql',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            payload: JSON.stringify({ query }),
          })
        ).json();
      const token = await login(first);
      const created = await call(
        first,
        token,
        'mutation { createStreet(input: { code: "KEEP1", name: "保留街道" }) { id } }',
      );
      expect(created.data.createStreet.id).toBeTruthy();
      await first.close();

      const second = await bootstrap(loadConfig(env), createLogger(config));
      expect(second.seeded).toBe(false);
      // The signing secret is kept in the data folder too, so the old token still works.
      const streets = await call(second, token, '{ streets { totalCount nodes { code } } }');
      expect(streets.data.streets.totalCount).toBe(2);
      expect(streets.data.streets.nodes.map((n: { code: string }) => n.code).sort()).toEqual([
        'JD01',
        'KEEP1',
      ]);
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000); // migrates and seeds a fresh embedded database twice: slow on a loaded machine
});

describe('node(id)', () => {
  it('rejects malformed ids and unknown types as NOT_FOUND', async () => {
    const token = await s.login('admin');
    for (const id of [
      'garbage',
      Buffer.from('Nope:00000000-0000-0000-0000-000000000000').toString('base64url'),
    ]) {
      const res = await s.gql('query($id: ID!) { node(id: $id) { id } }', { id }, { token });
      expect(errorCode(res)).toBe('NOT_FOUND');
    }
    const grid = ok(await s.gql('{ grids(first: 1) { nodes { id } } }', {}, { token })).grids.nodes[0];
    expect(
      ok(await s.gql('query($id: ID!) { node(id: $id) { id __typename } }', { id: grid.id }, { token })).node,
    ).toEqual({
      id: grid.id,
      __typename: 'Grid',
    });
  });
});

describe('migrations', () => {
  it('are in step with the entities (run `npm run migration:create` after changing an entity)', async () => {
    expect(await s.app.orm.getMigrator().checkMigrationNeeded()).toBe(false);
  });
});
