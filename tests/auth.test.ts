import { createTestServer, errorCode, ok, type TestServer } from './helpers/test-server';

let s: TestServer;
beforeAll(async () => {
  s = await createTestServer();
});
afterAll(() => s.close());

describe('sign-in', () => {
  it('returns a token and the viewer with role and jurisdiction', async () => {
    const res = await s.gql(
      `mutation { login(username: "grid_worker", password: "gridgov-demo") {
          token expiresAt viewer { kind role jurisdiction { level grid { code } community { code } street { code } } } } }`,
    );
    const login = ok(res).login;
    expect(login.token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(new Date(login.expiresAt).getTime()).toBeGreaterThan(Date.now());
    expect(login.viewer).toEqual({
      kind: 'USER',
      role: 'GRID_WORKER',
      jurisdiction: {
        level: 'GRID',
        grid: { code: 'SQ0101-01' },
        community: { code: 'SQ0101' },
        street: { code: 'JD01' },
      },
    });
  });

  it('viewer answers with the identity behind the token', async () => {
    const token = await s.login('community_admin');
    const res = await s.gql(
      '{ viewer { kind role user { username displayName } jurisdiction { level community { name } grid { id } } } }',
      {},
      { token },
    );
    expect(ok(res).viewer).toEqual({
      kind: 'USER',
      role: 'COMMUNITY_ADMIN',
      user: { username: 'community_admin', displayName: '社区管理员' },
      jurisdiction: { level: 'COMMUNITY', community: { name: '幸福社区' }, grid: null },
    });
  });

  it('anonymous viewer is ANONYMOUS and cannot read territory', async () => {
    expect(ok(await s.gql('{ viewer { kind role } }')).viewer).toEqual({ kind: 'ANONYMOUS', role: null });
    const res = await s.gql('{ grids { totalCount } }');
    expect(errorCode(res)).toBe('UNAUTHENTICATED');
    expect(res.data).toBeNull();
  });

  it('a wrong password and an unknown user get the same UNAUTHENTICATED answer', async () => {
    const a = await s.gql('mutation { login(username: "admin", password: "wrong") { token } }');
    const b = await s.gql('mutation { login(username: "nobody", password: "wrong") { token } }');
    expect(errorCode(a)).toBe('UNAUTHENTICATED');
    expect(errorCode(b)).toBe('UNAUTHENTICATED');
    expect(a.errors![0]!.message).toBe(b.errors![0]!.message);
  });

  it('messages follow Accept-Language', async () => {
    const zh = await s.gql('{ grids { totalCount } }', {}, { locale: 'zh' });
    const en = await s.gql('{ grids { totalCount } }', {}, { locale: 'en' });
    expect(zh.errors![0]!.message).toBe('请先登录');
    expect(en.errors![0]!.message).toBe('Sign-in required');
  });

  it('a forged or expired token is treated as anonymous', async () => {
    const token = await s.login('admin');
    const forged = token.slice(0, -4) + (token.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    expect(ok(await s.gql('{ viewer { kind } }', {}, { token: forged })).viewer).toEqual({
      kind: 'ANONYMOUS',
    });
    expect(errorCode(await s.gql('{ grids { totalCount } }', {}, { token: forged }))).toBe('UNAUTHENTICATED');
  });

  it('rejects over-long credentials as bad input', async () => {
    const res = await s.gql('mutation($p: String!) { login(username: "admin", password: $p) { token } }', {
      p: 'x'.repeat(1000),
    });
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
  });
});

describe('sign-in rate limit', () => {
  it('refuses a username after five failures with RATE_LIMITED, even with the right password', async () => {
    for (let i = 0; i < 5; i++) {
      const res = await s.gql('mutation { login(username: "street_admin", password: "nope") { token } }');
      expect(errorCode(res)).toBe('UNAUTHENTICATED');
    }
    const blocked = await s.gql(
      'mutation { login(username: "street_admin", password: "gridgov-demo") { token } }',
    );
    expect(errorCode(blocked)).toBe('RATE_LIMITED');
    expect(blocked.errors![0]!.extensions!.retryAfterSeconds).toBeGreaterThan(0);
    // Other accounts are not affected.
    expect(
      ok(await s.gql('mutation { login(username: "community_admin", password: "gridgov-demo") { token } }'))
        .login.token,
    ).toBeTruthy();
  });
});
