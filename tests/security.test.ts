import { createTestServer, errorCode, ok, type TestServer } from './helpers/test-server';

let s: TestServer;
beforeAll(async () => {
  s = await createTestServer();
});
afterAll(() => s.close());

const CREATE = `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { key apiKey { id name prefix scopes scopeLevel expiresAt revokedAt } } }`;

async function ids(token: string) {
  const d = ok(
    await s.gql('{ communities { nodes { id } } grids(first: 9) { nodes { id code } } }', {}, { token }),
  );
  return { communityId: d.communities.nodes[0].id, grids: d.grids.nodes as { id: string; code: string }[] };
}

describe('API keys', () => {
  it('are created once, act with exactly their scopes inside their jurisdiction, and can be revoked', async () => {
    const admin = await s.login('community_admin');
    const { grids } = await ids(admin);
    const grid1 = grids.find((g) => g.code === 'SQ0101-01')!;
    const created = ok(
      await s.gql(
        CREATE,
        { input: { name: '12345热线', scopes: ['territory:read'], gridId: grid1.id } },
        { token: admin },
      ),
    ).createApiKey;
    expect(created.key).toMatch(/^ggk_[A-Za-z0-9]{12}_/);
    expect(created.apiKey).toMatchObject({
      name: '12345热线',
      scopes: ['territory:read'],
      scopeLevel: 'GRID',
      revokedAt: null,
    });

    const viaBearer = ok(
      await s.gql('{ viewer { kind } grids { totalCount nodes { code } } }', {}, { token: created.key }),
    );
    expect(viaBearer.viewer.kind).toBe('API_KEY');
    expect(viaBearer.grids).toEqual({ totalCount: 1, nodes: [{ code: 'SQ0101-01' }] });
    const viaHeader = ok(
      await s.gql('{ grids { totalCount } }', {}, { headers: { 'x-api-key': created.key } }),
    );
    expect(viaHeader.grids.totalCount).toBe(1);

    // Outside its scopes: FORBIDDEN. Admin-only fields: FORBIDDEN.
    expect(errorCode(await s.gql('{ apiKeys { totalCount } }', {}, { token: created.key }))).toBe(
      'FORBIDDEN',
    );
    expect(errorCode(await s.gql('{ events { hasNextPage } }', {}, { token: created.key }))).toBe(
      'FORBIDDEN',
    );
    expect(
      errorCode(
        await s.gql(
          'mutation($i: CreateGridInput!) { createGrid(input: $i) { id } }',
          { i: { communityId: (await ids(admin)).communityId, code: 'K1', name: 'k' } },
          { token: created.key },
        ),
      ),
    ).toBe('FORBIDDEN');

    const listed = ok(
      await s.gql('{ apiKeys { totalCount nodes { id prefix lastUsedAt } } }', {}, { token: admin }),
    ).apiKeys;
    expect(listed.nodes.find((k: any) => k.id === created.apiKey.id).lastUsedAt).not.toBeNull();

    ok(
      await s.gql(
        'mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }',
        { id: created.apiKey.id },
        { token: admin },
      ),
    );
    const after = await s.gql('{ viewer { kind } }', {}, { token: created.key });
    expect(ok(after).viewer.kind).toBe('ANONYMOUS');
    expect(errorCode(await s.gql('{ grids { totalCount } }', {}, { token: created.key }))).toBe(
      'UNAUTHENTICATED',
    );

    const audit = ok(
      await s.gql(
        '{ auditLog(filter: { actions: [API_KEY_CREATED, API_KEY_REVOKED] }) { nodes { action actorName subjectId } } }',
        {},
        { token: await s.login('street_admin') },
      ),
    ).auditLog.nodes;
    expect(audit.map((a: any) => a.action)).toEqual(['API_KEY_REVOKED', 'API_KEY_CREATED']);
    expect(audit[0]).toMatchObject({ actorName: 'community_admin', subjectId: created.apiKey.id });
  });

  it('refuses bad scopes, a jurisdiction outside the admin, and past expiry, writing nothing', async () => {
    const admin = await s.login('community_admin');
    const before = ok(await s.gql('{ apiKeys { totalCount } }', {}, { token: admin })).apiKeys.totalCount;
    const bad = await s.gql(CREATE, { input: { name: 'x', scopes: ['everything'] } }, { token: admin });
    expect(errorCode(bad)).toBe('BAD_USER_INPUT');
    expect(bad.errors![0]!.extensions!.field).toBe('input.scopes.0');
    const platform = await s.gql(CREATE, { input: { name: 'x', scopes: ['people:read'] } }, { token: admin });
    expect(errorCode(platform)).toBe('BAD_USER_INPUT');
    const past = await s.gql(
      CREATE,
      {
        input: {
          name: 'x',
          scopes: ['people:read'],
          communityId: (await ids(admin)).communityId,
          expiresAt: '2020-01-01T00:00:00Z',
        },
      },
      { token: admin },
    );
    expect(errorCode(past)).toBe('BAD_USER_INPUT');
    const worker = await s.login('grid_worker');
    expect(
      errorCode(await s.gql(CREATE, { input: { name: 'x', scopes: ['people:read'] } }, { token: worker })),
    ).toBe('FORBIDDEN');
    expect(ok(await s.gql('{ apiKeys { totalCount } }', {}, { token: admin })).apiKeys.totalCount).toBe(
      before,
    );
  });
});

describe('audit log', () => {
  it('records sign-ins and failed sign-ins, and is limited to street administrators and above', async () => {
    await s.gql('mutation { login(username: "grid_worker2", password: "wrong") { token } }');
    await s.login('grid_worker2');
    const street = await s.login('street_admin');
    const log = ok(
      await s.gql(
        '{ auditLog(filter: { actorName: "grid_worker2" }) { nodes { action actorKind ip requestId } } }',
        {},
        { token: street },
      ),
    ).auditLog.nodes;
    expect(log.map((r: any) => r.action)).toEqual(['LOGIN', 'LOGIN_FAILED']);
    expect(log[0].requestId).toBeTruthy();
    expect(
      errorCode(await s.gql('{ auditLog { totalCount } }', {}, { token: await s.login('community_admin') })),
    ).toBe('FORBIDDEN');
    expect(
      errorCode(await s.gql('{ auditLog { totalCount } }', {}, { token: await s.login('grid_worker') })),
    ).toBe('FORBIDDEN');
  });

  it('cannot be changed or deleted, even by the application database user', async () => {
    const em = s.em();
    const conn = em.getConnection();
    await expect(conn.execute('update audit_log set reason = ?', ['tampered'])).rejects.toThrow(
      /append-only/,
    );
    await expect(conn.execute('delete from audit_log')).rejects.toThrow(/append-only/);
    await expect(conn.execute('truncate audit_log')).rejects.toThrow(/append-only/);
    const [{ n }] = await conn.execute('select count(*)::int as n from audit_log');
    expect(n).toBeGreaterThan(0);
  });
});

describe('sessions', () => {
  it('a changed password or a disabled account ends older tokens', async () => {
    const token = await s.login('grid_worker2');
    expect(ok(await s.gql('{ viewer { kind } }', {}, { token })).viewer.kind).toBe('USER');
    ok(
      await s.gql(
        'mutation { changePassword(currentPassword: "gridgov-demo", newPassword: "a-new-password-1") }',
        {},
        { token },
      ),
    );
    expect(ok(await s.gql('{ viewer { kind } }', {}, { token })).viewer.kind).toBe('ANONYMOUS');
    const fresh = ok(
      await s.gql(
        'mutation { login(username: "grid_worker2", password: "a-new-password-1") { token viewer { userId: role } } }',
      ),
    ).login.token;
    expect(ok(await s.gql('{ viewer { kind } }', {}, { token: fresh })).viewer.kind).toBe('USER');

    const admin = await s.login('community_admin');
    const userId = ok(await s.gql('{ viewer { user { id } } }', {}, { token: fresh })).viewer.user.id;
    ok(
      await s.gql(
        'mutation($id: ID!) { setUserActive(userId: $id, active: false) { active } }',
        { id: userId },
        { token: admin },
      ),
    );
    expect(ok(await s.gql('{ viewer { kind } }', {}, { token: fresh })).viewer.kind).toBe('ANONYMOUS');
    expect(
      errorCode(
        await s.gql('mutation { login(username: "grid_worker2", password: "a-new-password-1") { token } }'),
      ),
    ).toBe('UNAUTHENTICATED');
  });
});

describe('personal data', () => {
  it('is masked everywhere, and revealed only to allowed roles with an audit record', async () => {
    const admin = await s.login('community_admin');
    const list = ok(
      await s.gql('{ residents(first: 50) { nodes { id idNumber phone } } }', {}, { token: admin }),
    ).residents.nodes;
    const r = list.find((x: any) => x.idNumber && x.phone);
    expect(r.idNumber).toMatch(/^\d{3}\*{11}[\dX]{4}$/);
    expect(r.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
    const revealed = ok(
      await s.gql(
        'mutation($id: ID!) { revealResident(id: $id, fields: [ID_NUMBER, PHONE], reason: "核实低保申请") { idNumber phone fields } }',
        { id: r.id },
        { token: admin },
      ),
    ).revealResident;
    expect(revealed.idNumber).toMatch(/^\d{17}[\dX]$/);
    expect(revealed.idNumber.slice(0, 3)).toBe(r.idNumber.slice(0, 3));
    expect(revealed.phone.slice(-4)).toBe(r.phone.slice(-4));
    const log = ok(
      await s.gql(
        '{ auditLog(filter: { actions: [REVEAL] }) { nodes { actorName subjectId fields reason requestId } } }',
        {},
        { token: await s.login('street_admin') },
      ),
    ).auditLog.nodes;
    expect(log[0]).toMatchObject({
      actorName: 'community_admin',
      subjectId: r.id,
      fields: ['ID_NUMBER', 'PHONE'],
      reason: '核实低保申请',
    });

    const worker = await s.login('grid_worker');
    const mine = ok(await s.gql('{ residents(first: 1) { nodes { id } } }', {}, { token: worker })).residents
      .nodes[0];
    expect(
      errorCode(
        await s.gql(
          'mutation($id: ID!) { revealResident(id: $id, fields: [PHONE], reason: "想看看") { phone } }',
          { id: mine.id },
          { token: worker },
        ),
      ),
    ).toBe('FORBIDDEN');
    expect(
      errorCode(
        await s.gql(
          'mutation($id: ID!) { revealResident(id: $id, fields: [PHONE], reason: "") { phone } }',
          { id: r.id },
          { token: admin },
        ),
      ),
    ).toBe('BAD_USER_INPUT');
  });
});
