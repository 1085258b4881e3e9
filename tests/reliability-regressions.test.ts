import { unavailableMessage } from '../src/graphql/format-error';
import { createTestServer, errorCode, type TestServer } from './helpers/test-server';

/*
 * Regressions found by the reliability battery (npm run test:reliability): each used to answer
 * INTERNAL_SERVER_ERROR or Fastify's own error body with an internal message.
 */

let s: TestServer;
let token: string;
beforeAll(async () => {
  s = await createTestServer();
  token = await s.login('grid_worker');
});
afterAll(() => s.close());

async function raw(payload: string, headers: Record<string, string> = {}) {
  const res = await s.app.server.fastify.inject({
    method: 'POST',
    url: '/graphql',
    headers: {
      'content-type': 'application/json',
      'accept-language': 'en',
      authorization: `Bearer ${token}`,
      ...headers,
    },
    payload,
  });
  return {
    status: res.statusCode,
    body: JSON.parse(res.body) as { errors?: { message: string; extensions?: any }[] },
  };
}

describe('bad requests get typed errors, never internal ones', () => {
  it('refuses a subscription sent over HTTP with BAD_REQUEST', async () => {
    const res = await s.gql('subscription { eventOccurred { id } }', {}, { token });
    expect(res.status).toBe(400);
    expect(errorCode(res)).toBe('BAD_REQUEST');
    expect(res.errors![0]!.message).toMatch(/WebSocket/);
    expect(res.errors![0]!.extensions).not.toHaveProperty('i18n');
  });

  it('answers BAD_USER_INPUT when more than 50 variable values are invalid', async () => {
    const res = await s.gql(
      'query($v: [Int!]!, $s: StaffScopeInput!) { roster(ageBands: $v, scope: $s) { total } }',
      { v: Array.from({ length: 200 }, () => null), s: {} },
      { token },
    );
    expect(res.status).toBe(400);
    const codes = new Set(res.errors!.map((e) => e.extensions?.code));
    expect([...codes]).toEqual(['BAD_USER_INPUT']);
  });

  it.each([
    ['a body that is not JSON', '{"query": "{ viewer { role } }"', 400, /not valid JSON/],
    ['an empty body', '', 400, /Empty request body/],
  ])('answers %s in the GraphQL error shape', async (_what, payload, status, message) => {
    const res = await raw(payload);
    expect(res.status).toBe(status);
    expect(res.body.errors![0]!.extensions.code).toBe('BAD_REQUEST');
    expect(res.body.errors![0]!.message).toMatch(message);
    expect(JSON.stringify(res.body)).not.toMatch(/FST_|statusCode/);
  });

  it('answers a body over the limit with 413 and a code, on the idempotent path too', async () => {
    const payload = JSON.stringify({
      query: '{ viewer { role } }',
      variables: { pad: 'x'.repeat(6 * 1024 * 1024) },
    });
    for (const headers of [{}, { 'idempotency-key': 'too-large' }] as Record<string, string>[]) {
      const res = await raw(payload, headers);
      expect(res.status).toBe(413);
      expect(res.body.errors![0]!.extensions.code).toBe('BAD_REQUEST');
    }
  });
});

describe('database outages are recognised as retryable', () => {
  it.each([
    [{ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:5432' }, 'unavailable'],
    [{ code: '57P01', message: 'terminating connection due to administrator command' }, 'unavailable'],
    [{ code: '57P03', message: 'the database system is starting up' }, 'unavailable'],
    [{ message: 'Connection terminated unexpectedly' }, 'unavailable'],
    [{ message: 'Transaction query already complete, run with DEBUG=knex:tx for more info' }, 'unavailable'],
    [{ code: '57014', message: 'canceling statement due to statement timeout' }, 'busy'],
    [{ name: 'KnexTimeoutError', message: 'Knex: Timeout acquiring a connection.' }, 'busy'],
    [{ code: '23505', message: 'duplicate key value violates unique constraint' }, null],
    [{ name: 'TypeError', message: "Cannot read properties of undefined (reading 'id')" }, null],
  ])('%j → %s', (error, kind) => {
    const m = unavailableMessage(Object.assign(new Error(error.message), error));
    if (kind === null) expect(m).toBeNull();
    else expect(m?.en).toMatch(kind === 'busy' ? /busy/ : /unavailable/);
  });
});
