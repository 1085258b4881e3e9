import { getIntrospectionQuery } from 'graphql';
import { createTestServer, errorCode, ok, type TestServer } from './helpers/test-server';

/*
 * Production mode (NODE_ENV=production): the schema is not handed out, errors do not hint at it,
 * and a failure inside the server reaches the client as a generic typed error only.
 */

let s: TestServer;
let token: string;
beforeAll(async () => {
  s = await createTestServer({ env: { NODE_ENV: 'production' } });
  token = await s.login('community_admin');
});
afterAll(() => s.close());

const leaks = /\bat .+:\d+:\d+|node_modules|\bselect\b|\binsert\b|relation "|\.ts\b|\.js\b/i;

describe('production mode', () => {
  it('refuses introspection', async () => {
    const res = await s.gql(getIntrospectionQuery(), {}, { token });
    expect(res.data?.__schema).toBeUndefined();
    expect(errorCode(res)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.errors![0]!.message).toMatch(/introspection/i);
  });

  it('gives no field suggestions', async () => {
    const res = await s.gql('{ viewer { rol } }', {}, { token });
    expect(errorCode(res)).toBe('GRAPHQL_VALIDATION_FAILED');
    const text = JSON.stringify(res.errors);
    expect(text).not.toMatch(/did you mean/i);
    expect(text).not.toMatch(/"role"/);
  });

  it('hides schema details from variable errors', async () => {
    const res = await s.gql(
      'query($f: GridFilter) { grids(filter: $f) { totalCount } }',
      { f: { nope: 1 } },
      { token },
    );
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(res.errors)).not.toMatch(/did you mean/i);
  });

  it('answers an internal failure with a generic error: no stack, no SQL, no internal message', async () => {
    // Break the database under the running server: the next read fails inside the data layer.
    await s.em().getConnection().execute('alter table "street" rename to "street_gone"');
    try {
      const res = await s.gql('{ streets { nodes { id name } } }', {}, { token });
      expect(errorCode(res)).toBe('INTERNAL_SERVER_ERROR');
      const text = JSON.stringify(res.errors);
      expect(text).not.toMatch(leaks);
      expect(text).not.toMatch(/street_gone|relation|does not exist/);
      expect(res.errors![0]!.extensions).not.toHaveProperty('stacktrace');
      expect(res.errors![0]!.extensions).not.toHaveProperty('exception');
    } finally {
      await s.em().getConnection().execute('alter table "street_gone" rename to "street"');
    }
    // And the server goes on answering.
    expect(ok(await s.gql('{ viewer { kind } }', {}, { token })).viewer.kind).toBe('USER');
  });

  it('keeps typed errors readable', async () => {
    const res = await s.gql('{ node(id: "R3JpZDpub3QtYS11dWlk") { id } }', {}, { token });
    expect(['NOT_FOUND', 'BAD_USER_INPUT']).toContain(errorCode(res));
    expect(JSON.stringify(res.errors)).not.toMatch(leaks);
  });
});
