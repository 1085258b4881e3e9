import { getIntrospectionQuery } from 'graphql';
import { loadConfig } from '../src/config';
import { createTestServer, errorCode, ok, type TestServer } from './helpers/test-server';

let s: TestServer;
let token: string;
beforeAll(async () => {
  s = await createTestServer();
  token = await s.login('admin');
});
afterAll(() => s.close());

describe('query limits', () => {
  it("allows GraphiQL's introspection query in development", async () => {
    const res = await s.gql(getIntrospectionQuery());
    expect(ok(res).__schema.types.length).toBeGreaterThan(20);
  });

  it('refuses queries nested deeper than the limit, before running them', async () => {
    let q = '{ grids { nodes { id } } }';
    for (let i = 0; i < 10; i++)
      q = q.replace('nodes { id }', 'nodes { id community { grids { nodes { id } } } }');
    const res = await s.gql(q, {}, { token });
    expect(errorCode(res)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.errors![0]!.message).toMatch(/depth|cost/i);
    expect(res.data).toBeUndefined();
  });

  it('refuses too many aliases', async () => {
    const q = `{ ${Array.from({ length: 30 }, (_, i) => `a${i}: viewer { kind }`).join(' ')} }`;
    const res = await s.gql(q, {}, { token });
    expect(errorCode(res)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.errors![0]!.message).toMatch(/alias/i);
  });

  it('refuses documents with too many tokens', async () => {
    const q = `{ events(types: [${Array.from({ length: 3500 }, () => '"a"').join(',')}]) { hasNextPage } }`;
    const res = await s.gql(q, {}, { token });
    expect(res.status).toBe(400);
    expect(errorCode(res)).toBe('GRAPHQL_PARSE_FAILED');
    expect(res.errors![0]!.message).toMatch(/tokens/);
  });

  it('still answers a normal page query', async () => {
    const res = await s.gql(
      '{ grids(first: 100) { totalCount edges { node { id code community { name } } } } }',
      {},
      { token },
    );
    expect(ok(res).grids.totalCount).toBeGreaterThan(0);
  });
});

describe('document limits (checked before parsing by Apollo)', () => {
  it('refuses wide selection sets that would make validation quadratic', async () => {
    const q = `{ viewer { ${Array.from({ length: 150 }, () => 'kind').join(' ')} } }`;
    const started = Date.now();
    const res = await s.gql(q, {}, { token });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(res.status).toBe(400);
    expect(errorCode(res)).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('refuses over-long documents', async () => {
    const res = await s.gql(`{ viewer { kind } } # ${'x'.repeat(60_000)}`, {}, { token });
    expect(res.status).toBe(400);
    expect(res.errors![0]!.message).toMatch(/longer than/);
  });
});

describe('configured limits', () => {
  it('follow the environment, and a bad value names the variable', async () => {
    const wide = await createTestServer({ env: { QUERY_MAX_ALIASES: '40', QUERY_MAX_DEPTH: '4' } });
    try {
      const t = await wide.login('admin');
      const aliases = `{ ${Array.from({ length: 30 }, (_, i) => `a${i}: viewer { kind }`).join(' ')} }`;
      expect(Object.keys(ok(await wide.gql(aliases, {}, { token: t }))).length).toBe(30);
      const deep = '{ grids { nodes { community { grids { nodes { id } } } } } }';
      const res = await wide.gql(deep, {}, { token: t });
      expect(errorCode(res)).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(res.errors![0]!.message).toMatch(/depth/i);
    } finally {
      await wide.close();
    }
    expect(() => loadConfig({ QUERY_MAX_DEPTH: '1', JWT_SECRET: 'x'.repeat(40) })).toThrow(/QUERY_MAX_DEPTH/);
  });
});
