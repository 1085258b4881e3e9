import { createTestServer, errorCode, ok, type TestServer } from './helpers/test-server';

let s: TestServer;
beforeAll(async () => {
  s = await createTestServer();
});
afterAll(() => s.close());

const GRIDS = `query($first: Int, $after: String, $filter: GridFilter) {
  grids(first: $first, after: $after, filter: $filter) {
    totalCount pageInfo { hasNextPage hasPreviousPage endCursor }
    edges { cursor node { id code name theme targetHouseholds status community { code } street { code } } }
  }
}`;

describe('territory reads', () => {
  it('lists the nine demo grids with Relay pagination', async () => {
    const token = await s.login('community_admin');
    const first = ok(await s.gql(GRIDS, { first: 5 }, { token })).grids;
    expect(first.totalCount).toBe(9);
    expect(first.edges).toHaveLength(5);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = ok(await s.gql(GRIDS, { first: 5, after: first.pageInfo.endCursor }, { token })).grids;
    expect(second.edges).toHaveLength(4);
    expect(second.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const codes = [...first.edges, ...second.edges].map((e: any) => e.node.code);
    expect(new Set(codes).size).toBe(9);
    expect(first.edges[0].node).toMatchObject({
      community: { code: 'SQ0101' },
      street: { code: 'JD01' },
      status: 'ACTIVE',
    });
  });

  it('filters grids by theme', async () => {
    const token = await s.login('street_admin');
    const res = ok(await s.gql(GRIDS, { filter: { theme: 'elderly-care' } }, { token })).grids;
    expect(res.totalCount).toBe(1);
    expect(res.edges[0].node.theme).toBe('elderly-care');
  });

  it('a grid worker sees only their own grid, and node() of another grid is NOT_FOUND', async () => {
    const admin = await s.login('community_admin');
    const all = ok(await s.gql(GRIDS, { first: 20 }, { token: admin })).grids.edges.map((e: any) => e.node);
    const worker = await s.login('grid_worker');
    const mine = ok(await s.gql(GRIDS, {}, { token: worker })).grids;
    expect(mine.totalCount).toBe(1);
    expect(mine.edges[0].node.code).toBe('SQ0101-01');
    const other = all.find((g: any) => g.code === 'SQ0101-02');
    const res = await s.gql(
      'query($id: ID!) { node(id: $id) { id ... on Grid { code } } }',
      { id: other.id },
      { token: worker },
    );
    expect(errorCode(res)).toBe('NOT_FOUND');
    const own = await s.gql(
      'query($id: ID!) { node(id: $id) { id ... on Grid { code } } }',
      { id: mine.edges[0].node.id },
      { token: worker },
    );
    expect(ok(own).node.code).toBe('SQ0101-01');
    // Through the community, too, only the own grid is visible.
    const viaCommunity = ok(
      await s.gql('{ communities { nodes { grids { totalCount } } } }', {}, { token: worker }),
    );
    expect(viaCommunity.communities.nodes[0].grids.totalCount).toBe(1);
  });

  it('rejects bad page sizes, cursors and ids with BAD_USER_INPUT', async () => {
    const token = await s.login('admin');
    for (const vars of [{ first: 0 }, { first: -1 }, { first: 101 }, { first: 1000000 }, { after: '!!!' }]) {
      const res = await s.gql(GRIDS, vars, { token });
      expect(errorCode(res)).toBe('BAD_USER_INPUT');
    }
    const badId = await s.gql(GRIDS, { filter: { communityId: 'nope' } }, { token });
    expect(errorCode(badId)).toBe('BAD_USER_INPUT');
    expect(badId.errors![0]!.extensions!.field).toBe('filter.communityId');
    const unknownEnum = await s.gql(GRIDS, { filter: { status: 'GONE' } }, { token });
    expect(errorCode(unknownEnum)).toBe('BAD_USER_INPUT');
  });
});

describe('territory writes', () => {
  const CREATE = `mutation($input: CreateGridInput!) { createGrid(input: $input) { id code name targetHouseholds boundary } }`;

  async function communityId(token: string): Promise<string> {
    return ok(await s.gql('{ communities { nodes { id } } }', {}, { token })).communities.nodes[0].id;
  }

  it('a community admin creates and updates a grid, each writing an event', async () => {
    const token = await s.login('community_admin');
    const boundary = {
      type: 'Polygon',
      coordinates: [
        [
          [114.4, 30.6],
          [114.41, 30.6],
          [114.41, 30.61],
          [114.4, 30.6],
        ],
      ],
    };
    const created = ok(
      await s.gql(
        CREATE,
        {
          input: {
            communityId: await communityId(token),
            code: 'T-NEW-1',
            name: '新网格',
            targetHouseholds: 250,
            boundary,
          },
        },
        { token },
      ),
    ).createGrid;
    expect(created).toMatchObject({ code: 'T-NEW-1', name: '新网格', targetHouseholds: 250, boundary });
    const updated = ok(
      await s.gql(
        'mutation($id: ID!) { updateGrid(id: $id, input: { name: "改名网格", targetHouseholds: 280 }) { name targetHouseholds } }',
        { id: created.id },
        { token },
      ),
    ).updateGrid;
    expect(updated).toEqual({ name: '改名网格', targetHouseholds: 280 });
    const events = ok(
      await s.gql(
        '{ events(types: ["grid.created", "grid.updated"]) { nodes { sequence type subjectId payload } } }',
        {},
        { token },
      ),
    ).events.nodes;
    const mine = events.filter((e: any) => e.subjectId === created.id);
    expect(mine.map((e: any) => e.type)).toEqual(['grid.created', 'grid.updated']);
    expect(BigInt(mine[1].sequence)).toBeGreaterThan(BigInt(mine[0].sequence));
    expect(mine[1].payload).toEqual({ changed: { name: '改名网格', targetHouseholds: 280 } });
  });

  it('refuses bad input with the field named and writes nothing', async () => {
    const token = await s.login('community_admin');
    const cid = await communityId(token);
    const before = ok(await s.gql('{ grids { totalCount } }', {}, { token })).grids.totalCount;
    const cases: [Record<string, unknown>, string][] = [
      [{ code: '', name: 'x' }, 'input.code'],
      [{ code: 'OK-1', name: 'x'.repeat(101) }, 'input.name'],
      [{ code: 'OK-2', name: 'x', targetHouseholds: -5 }, 'input.targetHouseholds'],
      [
        {
          code: 'OK-3',
          name: 'x',
          boundary: {
            type: 'Polygon',
            coordinates: [
              [
                [1, 1],
                [2, 2],
                [3, 3],
                [4, 4],
              ],
            ],
          },
        },
        'input.boundary.coordinates.0',
      ],
      [{ code: 'OK-4', name: 'bad\u0000name' }, 'input.name'],
    ];
    for (const [input, field] of cases) {
      const res = await s.gql(CREATE, { input: { communityId: cid, ...input } }, { token });
      expect(errorCode(res)).toBe('BAD_USER_INPUT');
      expect(res.errors![0]!.extensions!.field).toBe(field);
    }
    const dup = await s.gql(
      CREATE,
      { input: { communityId: cid, code: 'SQ0101-01', name: 'dup' } },
      { token },
    );
    expect(errorCode(dup)).toBe('CONFLICT');
    expect(ok(await s.gql('{ grids { totalCount } }', {}, { token })).grids.totalCount).toBe(before);
  });

  it('grid workers cannot create grids; street creation is for platform admins', async () => {
    const worker = await s.login('grid_worker');
    const res = await s.gql(
      CREATE,
      { input: { communityId: await communityId(worker), code: 'W-1', name: 'x' } },
      { token: worker },
    );
    expect(errorCode(res)).toBe('FORBIDDEN');
    const street = await s.login('street_admin');
    const st = await s.gql(
      'mutation { createStreet(input: { code: "JD99", name: "新街道" }) { id } }',
      {},
      { token: street },
    );
    expect(errorCode(st)).toBe('FORBIDDEN');
    const admin = await s.login('admin');
    expect(
      ok(
        await s.gql(
          'mutation { createStreet(input: { code: "JD99", name: "新街道" }) { code } }',
          {},
          { token: admin },
        ),
      ).createStreet.code,
    ).toBe('JD99');
  });
});
