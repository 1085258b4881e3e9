import { Client } from 'pg';
import { bootstrap, type App } from '../src/bootstrap';
import { createLogger } from '../src/server/logger';
import { purgeIdempotencyKeys } from '../src/integration/idempotency.service';
import { createTestServer, ok, TestClock, type TestServer } from './helpers/test-server';

let s: TestServer;
const clock = new TestClock();
beforeAll(async () => {
  s = await createTestServer({ clock });
});
afterAll(() => s.close());

const UPDATE_GRID =
  'mutation($id: ID!, $name: String) { updateGrid(id: $id, input: { name: $name }) { id name } }';
const CREATE_GRID =
  'mutation($c: ID!, $code: String!, $name: String!) { createGrid(input: { communityId: $c, code: $code, name: $name }) { id code } }';

interface Raw {
  status: number;
  body: string;
  headers: Record<string, unknown>;
  json: any;
}

async function post(
  query: string,
  variables: Record<string, unknown>,
  opts: { token?: string; key?: string; locale?: string; server?: App } = {},
): Promise<Raw> {
  const res = await (opts.server ?? s.app).server.fastify.inject({
    method: 'POST',
    url: '/graphql',
    headers: {
      'content-type': 'application/json',
      'accept-language': opts.locale ?? 'en',
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
      ...(opts.key !== undefined ? { 'idempotency-key': opts.key } : {}),
    },
    payload: JSON.stringify({ query, variables }),
  });
  return { status: res.statusCode, body: res.body, headers: res.headers, json: JSON.parse(res.body) };
}

async function ids() {
  const token = await s.login('community_admin');
  const d = ok(
    await s.gql('{ communities { nodes { id } } grids(first: 9) { nodes { id code } } }', {}, { token }),
  );
  return {
    token,
    communityId: d.communities.nodes[0].id as string,
    grid: (code: string) =>
      (d.grids.nodes as { id: string; code: string }[]).find((g) => g.code === code)!.id,
  };
}

async function count(sql: string, params: unknown[] = []): Promise<number> {
  const rows = await s.em().execute<{ n: string }[]>(sql, params);
  return Number(rows[0]!.n);
}

describe('Idempotency-Key', () => {
  it('replays the first response byte for byte and runs the mutation once', async () => {
    const { token, communityId } = await ids();
    const vars = { c: communityId, code: 'IDEM-1', name: '幂等网格' };
    const first = await post(CREATE_GRID, vars, { token, key: 'create-idem-1' });
    expect(first.status).toBe(200);
    expect(first.json.data.createGrid.code).toBe('IDEM-1');
    expect(first.headers['idempotent-replayed']).toBeUndefined();

    // The same variables in another key order are the same request.
    const again = await post(
      CREATE_GRID,
      { name: vars.name, code: vars.code, c: vars.c },
      { token, key: 'create-idem-1' },
    );
    expect(again.status).toBe(200);
    expect(again.body).toBe(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.headers['content-type']).toBe(first.headers['content-type']);

    expect(await count(`select count(*) as n from grid where code = 'IDEM-1'`)).toBe(1);
    expect(
      await count(
        `select count(*) as n from event where type = 'grid.created' and payload->>'code' = 'IDEM-1'`,
      ),
    ).toBe(1);
  });

  it('stores the key in the same transaction as the change it answers for', async () => {
    const { token, grid } = await ids();
    const id = grid('SQ0101-03');
    const res = await post(UPDATE_GRID, { id, name: '同一事务' }, { token, key: 'same-transaction' });
    expect(res.json.data.updateGrid.name).toBe('同一事务');
    const em = s.em();
    const [change] = await em.execute<{ x: string }[]>(
      `select xmin::text as x from grid where name = '同一事务'`,
    );
    const [event] = await em.execute<{ x: string }[]>(
      `select (txid::text::bigint % 4294967296)::text as x from event
        where type = 'grid.updated' order by seq desc limit 1`,
    );
    // The event row names its (top-level) transaction; the key row's xmin is that transaction's id
    // (the change itself was flushed in a savepoint, which has an id of its own).
    const [key] = await em.execute<{ body: Buffer }[]>(
      `select body from idempotency_key where xmin::text = ?`,
      [event!.x],
    );
    expect(key).toBeDefined();
    expect(change).toBeDefined();
    // The stored response is sealed: neither it nor the key can be read from the database.
    expect(Buffer.from(key!.body).toString('utf8')).not.toContain('同一事务');
    expect(await count(`select count(*) as n from idempotency_key where key_hash = 'same-transaction'`)).toBe(
      0,
    );
  });

  it('refuses the same key with a different request', async () => {
    const { token, grid } = await ids();
    const id = grid('SQ0101-04');
    const first = await post(UPDATE_GRID, { id, name: '第一次' }, { token, key: 'reuse-1' });
    expect(first.json.data.updateGrid.name).toBe('第一次');
    const other = await post(UPDATE_GRID, { id, name: '第二次' }, { token, key: 'reuse-1' });
    expect(other.status).toBe(422);
    expect(other.json.errors[0].extensions.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const zh = await post(UPDATE_GRID, { id, name: '第二次' }, { token, key: 'reuse-1', locale: 'zh-CN' });
    expect(zh.json.errors[0].message).toMatch(/Idempotency-Key/);
    const name = ok(
      await s.gql('query($id: ID!) { node(id: $id) { ... on Grid { name } } }', { id }, { token }),
    );
    expect(name.node.name).toBe('第一次');
  });

  it('scopes keys per viewer, ignores them on queries, and refuses malformed keys', async () => {
    const { token, grid } = await ids();
    const street = await s.login('street_admin');
    const id = grid('SQ0101-05');
    const a = await post(UPDATE_GRID, { id, name: '甲' }, { token, key: 'shared-key' });
    const b = await post(UPDATE_GRID, { id, name: '乙' }, { token: street, key: 'shared-key' });
    expect(a.json.data.updateGrid.name).toBe('甲');
    expect(b.json.data.updateGrid.name).toBe('乙');
    expect(b.headers['idempotent-replayed']).toBeUndefined();

    const before = await count('select count(*) as n from idempotency_key');
    const q1 = await post('{ grids { totalCount } }', {}, { token, key: 'query-key' });
    const q2 = await post('{ grids { totalCount } }', {}, { token, key: 'query-key' });
    expect(q1.json.data.grids.totalCount).toBeGreaterThan(0);
    expect(q2.headers['idempotent-replayed']).toBeUndefined();
    expect(await count('select count(*) as n from idempotency_key')).toBe(before);

    for (const bad of ['', 'x'.repeat(201), 'tab\there', '键']) {
      const res = await post(UPDATE_GRID, { id, name: '丙' }, { token, key: bad });
      expect(res.status).toBe(400);
      expect(res.json.errors[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'Idempotency-Key',
      });
    }
  });

  it('replays a refused mutation too, and a refusal inside it leaves nothing half-written', async () => {
    const { token, communityId } = await ids();
    const dup = { c: communityId, code: 'SQ0101-01', name: '重复编码' };
    const first = await post(CREATE_GRID, dup, { token, key: 'dup-code' });
    expect(first.json.errors[0].extensions.code).toBe('CONFLICT');
    const again = await post(CREATE_GRID, dup, { token, key: 'dup-code' });
    expect(again.body).toBe(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await count(`select count(*) as n from grid where name = '重复编码'`)).toBe(0);

    // A service with its own transaction (and a duplicate refused inside it) nests in the key's.
    const gridId = (await ids()).grid('SQ0101-06');
    const CREATE_BUILDING =
      'mutation($g: ID!, $n: String!) { createBuilding(input: { gridId: $g, name: $n }) { id name } }';
    const made = await post(CREATE_BUILDING, { g: gridId, n: '幂等楼' }, { token, key: 'building-1' });
    expect(made.json.data.createBuilding.name).toBe('幂等楼');
    const CREATE_UNIT =
      'mutation($b: ID!, $n: String!) { createBuildingUnit(input: { buildingId: $b, name: $n }) { name } }';
    const unit = { b: made.json.data.createBuilding.id, n: '1单元' };
    expect((await post(CREATE_UNIT, unit, { token, key: 'unit-1' })).json.data.createBuildingUnit.name).toBe(
      '1单元',
    );
    const twice = await post(CREATE_UNIT, unit, { token, key: 'unit-2' });
    expect(twice.json.errors[0].extensions.code).toBe('CONFLICT');
    expect(
      await count(`select count(*) as n from building_unit where name = '1单元' and building_id = ?`, [
        Buffer.from(unit.b, 'base64url').toString('utf8').split(':')[1],
      ]),
    ).toBe(1);
    expect(await count(`select count(*) as n from building where name = '幂等楼'`)).toBe(1);
    const replay = await post(CREATE_BUILDING, { g: gridId, n: '幂等楼' }, { token, key: 'building-1' });
    expect(replay.body).toBe(made.body);
  });

  it('answers CONFLICT to a retry while the first request is still running', async () => {
    const { token, grid } = await ids();
    const id = grid('SQ0101-07');
    // Signed-in state is cached after one request, so the blocked request waits only on the database.
    ok(await s.gql('{ viewer { kind } }', {}, { token }));
    const release = await holdGrid(id);
    const first = post(UPDATE_GRID, { id, name: '并发' }, { token, key: 'concurrent-1' });
    await blocked();
    const second = await post(UPDATE_GRID, { id, name: '并发' }, { token, key: 'concurrent-1' });
    expect(second.status).toBe(409);
    expect(second.json.errors[0].extensions).toMatchObject({ code: 'CONFLICT', retryable: true });
    await release();
    const done = await first;
    expect(done.json.data.updateGrid.name).toBe('并发');
    const third = await post(UPDATE_GRID, { id, name: '并发' }, { token, key: 'concurrent-1' });
    expect(third.body).toBe(done.body);
    expect(
      await count(
        `select count(*) as n from event where type = 'grid.updated' and payload->'changed'->>'name' = '并发'`,
      ),
    ).toBe(1);
  });

  // A second server process on the same database: only PostgreSQL has one.
  (process.env.DATABASE_URL ? it : it.skip)(
    'answers CONFLICT across processes and replays what another process committed',
    async () => {
      const { token, grid } = await ids();
      const id = grid('SQ0101-08');
      const log = createLogger(s.app.config);
      const other = await bootstrap(s.app.config, log, { migrate: false, workers: false });
      try {
        ok(await s.gql('{ viewer { kind } }', {}, { token }));
        const release = await holdGrid(id);
        const first = post(UPDATE_GRID, { id, name: '跨进程' }, { token, key: 'cross-1' });
        await blocked();
        const elsewhere = await post(
          UPDATE_GRID,
          { id, name: '跨进程' },
          { token, key: 'cross-1', server: other },
        );
        expect(elsewhere.status).toBe(409);
        await release();
        const done = await first;
        const replay = await post(
          UPDATE_GRID,
          { id, name: '跨进程' },
          { token, key: 'cross-1', server: other },
        );
        expect(replay.body).toBe(done.body);
        expect(replay.headers['idempotent-replayed']).toBe('true');
      } finally {
        await other.close();
      }
    },
  );

  it('forgets keys after 24 hours (the purge worker deletes them)', async () => {
    const { token, grid } = await ids();
    const id = grid('SQ0101-09');
    const first = await post(UPDATE_GRID, { id, name: '过期前' }, { token, key: 'expiring' });
    expect(first.json.data.updateGrid.name).toBe('过期前');
    clock.advance(24 * 3600 * 1000 + 1000);
    const purged = await purgeIdempotencyKeys(s.em(), s.app.services);
    expect(purged).toBeGreaterThan(0);
    const fresh = await post(UPDATE_GRID, { id, name: '过期后' }, { token, key: 'expiring' });
    expect(fresh.headers['idempotent-replayed']).toBeUndefined();
    expect(fresh.json.data.updateGrid.name).toBe('过期后');
  });
});

/** Waits until a request of the server is stuck behind the lock `holdGrid` holds. */
async function blocked(): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (s.app.config.databaseUrl) {
      const [r] = await s
        .em()
        .execute<
          { n: string }[]
        >(`select count(*) as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`);
      if (Number(r!.n) > 0) return;
    } else {
      // One connection: the request waits for it in the pool.
      const pool = (s.app.orm.em.getConnection() as any).getKnex().client.pool;
      if (pool.numPendingAcquires() > 0) return;
    }
    if (Date.now() > deadline) throw new Error('the request never blocked');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * Holds the grid's row lock from outside the server until released, so that a mutation updating
 * it stays in flight. On PGlite (one connection) holding an open transaction has the same effect.
 */
async function holdGrid(globalId: string): Promise<() => Promise<void>> {
  const uuid = Buffer.from(globalId, 'base64url').toString('utf8').split(':')[1]!;
  if (s.app.config.databaseUrl) {
    const client = new Client({ connectionString: s.app.config.databaseUrl });
    await client.connect();
    await client.query('begin');
    await client.query('select id from grid where id = $1 for update', [uuid]);
    return async () => {
      await client.query('rollback');
      await client.end();
    };
  }
  const em = s.em();
  await em.begin();
  await em.execute('select id from grid where id = ? for update', [uuid]);
  return () => em.rollback();
}
