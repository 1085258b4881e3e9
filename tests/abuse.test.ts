import { createTestServer, errorCode, ok, type GqlResult, type TestServer } from './helpers/test-server';

/*
 * Hostile documents and sign-in floods: each is refused quickly with a typed error, writes nothing
 * it should not, and the server goes on answering everyone else.
 */

let s: TestServer;
let token: string;
beforeAll(async () => {
  s = await createTestServer();
  token = await s.login('community_admin');
});
afterAll(() => s.close());

/** Sends a document and returns the answer with the time it took. */
async function timed(query: string): Promise<GqlResult & { ms: number }> {
  const started = Date.now();
  const res = await s.gql(query, {}, { token });
  return { ...res, ms: Date.now() - started };
}

/** The server still answers an ordinary request after an abusive one. */
async function stillAnswers(): Promise<void> {
  expect(ok(await s.gql('{ viewer { kind role } }', {}, { token })).viewer.kind).toBe('USER');
}

describe('abusive documents', () => {
  it('refuses 1,000 aliases of a field', async () => {
    const q = `{ ${Array.from({ length: 1000 }, (_, i) => `a${i}: viewer { kind }`).join(' ')} }`;
    const res = await timed(q);
    expect(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED']).toContain(errorCode(res));
    expect(res.data ?? undefined).toBeUndefined();
    expect(res.ms).toBeLessThan(2000);
    await stillAnswers();
  });

  it('refuses a fragment cycle without following it', async () => {
    const q = `query { viewer { ...A } }
      fragment A on Viewer { kind ...B }
      fragment B on Viewer { role ...C }
      fragment C on Viewer { kind ...A }`;
    const res = await timed(q);
    expect(errorCode(res)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.errors!.map((e) => e.message).join(' ')).toMatch(/cannot spread fragment/i);
    expect(res.ms).toBeLessThan(2000);
    await stillAnswers();
  });

  it('refuses deep nesting hidden in a chain of fragments', async () => {
    // Each fragment goes one level deeper (grid → community → grids → nodes...): the depth limit
    // must count through fragments, not only the operation's own selections.
    const frags: string[] = [];
    const levels = 12;
    for (let i = 0; i < levels; i++) {
      const next = i + 1 < levels ? `...F${i + 1}` : 'id';
      frags.push(`fragment F${i} on Grid { id community { grids { nodes { ${next} } } } }`);
    }
    const res = await timed(`{ grids { nodes { ...F0 } } } ${frags.join(' ')}`);
    expect(errorCode(res)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.errors![0]!.message).toMatch(/depth|cost/i);
    await stillAnswers();
  });

  it('refuses a 1 MB document before parsing it', async () => {
    const q = `{ viewer { kind } } ${'#'.padEnd(1024 * 1024, 'x')}`;
    const res = await timed(q);
    expect(res.status).toBe(400);
    expect(errorCode(res)).toBe('GRAPHQL_PARSE_FAILED');
    expect(res.ms).toBeLessThan(2000);
    await stillAnswers();
  });

  it('refuses a body larger than the request limit with 413 and no stack', async () => {
    const res = await s.app.server.fastify.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      payload: JSON.stringify({
        query: '{ viewer { kind } }',
        variables: { pad: 'x'.repeat(6 * 1024 * 1024) },
      }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.body).not.toMatch(/\bat .*\.(js|ts):\d+/);
    await stillAnswers();
  });

  it('refuses batched requests', async () => {
    const res = await s.app.server.fastify.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      payload: JSON.stringify([{ query: '{ viewer { kind } }' }, { query: '{ viewer { kind } }' }]),
    });
    expect(res.statusCode).toBe(400);
    await stillAnswers();
  });

  it('refuses a query over the cost limit before running it', async () => {
    // Wide but shallow: many first:100 lists nested three deep multiply into a large cost.
    const q = `{ grids(first: 100) { nodes { households(first: 100) { nodes { residents(first: 100) { nodes { id } } } } } } }`;
    const res = await timed(q);
    expect(errorCode(res)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.errors![0]!.message).toMatch(/cost/i);
    await stillAnswers();
  });
});

describe('sign-in brute force', () => {
  const from = (ip: string, username: string, password: string) =>
    s.app.server.fastify.inject({
      method: 'POST',
      url: '/graphql',
      remoteAddress: ip,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({
        query: 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }',
        variables: { u: username, p: password },
      }),
    });

  it('slows an address guessing across many accounts, logs it, and leaves other addresses alone', async () => {
    const codes: string[] = [];
    for (let i = 0; i < 25; i++) {
      const res = JSON.parse((await from('203.0.113.7', `guess${i}`, 'wrong-password')).body);
      codes.push(res.errors[0].extensions.code);
    }
    expect(codes.slice(0, 20).every((c) => c === 'UNAUTHENTICATED')).toBe(true);
    expect(codes.slice(20).every((c) => c === 'RATE_LIMITED')).toBe(true);

    // A correct password from the flooding address still waits.
    const blocked = JSON.parse((await from('203.0.113.7', 'grid_worker', 'gridgov-demo')).body);
    expect(blocked.errors[0].extensions.code).toBe('RATE_LIMITED');
    expect(blocked.errors[0].extensions.retryAfterSeconds).toBeGreaterThan(0);

    // Another address signs in normally.
    const fine = JSON.parse((await from('198.51.100.2', 'grid_worker', 'gridgov-demo')).body);
    expect(fine.data.login.token).toBeTruthy();

    // Every failure is in the audit log, with the address it came from.
    const admin = await s.login('admin');
    const log = ok(
      await s.gql(
        '{ auditLog(filter: { actions: [LOGIN_FAILED] }, first: 100) { nodes { ip actorName } } }',
        {},
        { token: admin },
      ),
    ).auditLog.nodes as { ip: string | null }[];
    expect(log.filter((e) => e.ip === '203.0.113.7').length).toBeGreaterThanOrEqual(20);
  });
});
