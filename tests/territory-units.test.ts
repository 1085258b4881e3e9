import { createTestServer, errorCode, ok, type TestServer } from './helpers/test-server';

let s: TestServer;
beforeAll(async () => {
  s = await createTestServer();
});
afterAll(() => s.close());

interface GridRef {
  id: string;
  code: string;
}

async function grids(token: string): Promise<Record<string, GridRef>> {
  const nodes = ok(await s.gql('{ grids(first: 100) { nodes { id code } } }', {}, { token })).grids
    .nodes as GridRef[];
  return Object.fromEntries(nodes.map((g) => [g.code, g]));
}

const BUILDINGS = `query($filter: BuildingFilter, $first: Int, $after: String) {
  buildings(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    nodes { id name address floors residential grid { code } microGrid { id code } units { totalCount nodes { name } } }
  }
}`;

/**
 * Events as written to the outbox, in order. Read from the table rather than the feed: on a shared
 * PostgreSQL the feed holds back events while any transaction of the server is still running.
 */
async function eventsOf(types: string[]): Promise<{ type: string; subjectId: string; payload: any }[]> {
  const rows = (await s
    .em()
    .execute(
      `select type, subject_id, payload from event where type in (${types.map(() => '?').join(', ')}) order by seq`,
      types,
    )) as { type: string; subject_id: string; payload: unknown }[];
  return rows.map((r) => ({
    type: r.type,
    subjectId: r.subject_id,
    payload: typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload,
  }));
}

describe('micro-grids, buildings and units: reads', () => {
  it('lists the buildings of a grid with their micro-grid, grid and units', async () => {
    const token = await s.login('community_admin');
    const g = await grids(token);
    const res = ok(await s.gql(BUILDINGS, { filter: { gridId: g['SQ0101-03']!.id } }, { token })).buildings;
    expect(res.totalCount).toBe(6);
    for (const b of res.nodes) {
      expect(b.grid.code).toBe('SQ0101-03');
      expect(b.microGrid.code).toMatch(/^SQ0101-03-M[12]$/);
      expect(b.residential).toBe(true);
      expect(b.units.totalCount).toBe(3);
      expect(b.units.nodes.map((u: any) => u.name)).toEqual(['1单元', '2单元', '3单元']);
    }
    const all = ok(await s.gql('{ buildings { totalCount } }', {}, { token })).buildings;
    expect(all.totalCount).toBe(54);
  });

  it('pages buildings, and filters them by micro-grid, community, name and residential', async () => {
    const token = await s.login('community_admin');
    const g = await grids(token);
    const p1 = ok(
      await s.gql(BUILDINGS, { filter: { gridId: g['SQ0101-04']!.id }, first: 4 }, { token }),
    ).buildings;
    expect(p1.nodes).toHaveLength(4);
    expect(p1.pageInfo.hasNextPage).toBe(true);
    const p2 = ok(
      await s.gql(
        BUILDINGS,
        { filter: { gridId: g['SQ0101-04']!.id }, first: 4, after: p1.pageInfo.endCursor },
        { token },
      ),
    ).buildings;
    expect(p2.nodes).toHaveLength(2);
    expect(new Set([...p1.nodes, ...p2.nodes].map((b: any) => b.id)).size).toBe(6);

    const micro = p1.nodes[0].microGrid;
    const inMicro = ok(await s.gql(BUILDINGS, { filter: { microGridId: micro.id } }, { token })).buildings;
    expect(inMicro.totalCount).toBe(3);
    expect(inMicro.nodes.every((b: any) => b.microGrid.id === micro.id)).toBe(true);

    const community = ok(await s.gql('{ communities { nodes { id } } }', {}, { token })).communities.nodes[0]
      .id;
    expect(
      ok(await s.gql(BUILDINGS, { filter: { communityId: community } }, { token })).buildings.totalCount,
    ).toBe(54);
    const named = ok(await s.gql(BUILDINGS, { filter: { nameContains: '12号' } }, { token })).buildings;
    expect(named.nodes.map((b: any) => b.name)).toEqual(['12号楼']);
    expect(
      ok(await s.gql(BUILDINGS, { filter: { residential: false } }, { token })).buildings.totalCount,
    ).toBe(0);
    // LIKE wildcards in user text match literally.
    expect(
      ok(await s.gql(BUILDINGS, { filter: { nameContains: '%' } }, { token })).buildings.totalCount,
    ).toBe(0);
  });

  it('answers the nested fields of grids, micro-grids and units in a few batched statements', async () => {
    const token = await s.login('community_admin');
    const NESTED = `query($first: Int) { grids(first: $first) { nodes { code
             microGrids { totalCount nodes { code grid { code } buildings { totalCount nodes { name units(first: 2) { totalCount nodes { name building { name } grid { code } } } } } } }
             buildings(first: 2) { totalCount pageInfo { hasNextPage } nodes { name } }
             predecessors { code } successors { code } retiredBy
           } } }`;
    const connection = s.app.orm.em.getConnection();
    const spy = jest.spyOn(connection, 'execute');
    const statements = async (first: number) => {
      spy.mockClear();
      const data = ok(await s.gql(NESTED, { first }, { token }));
      // The periodic account check of the token is not part of answering the query.
      const count = spy.mock.calls.filter(([q]) => !String(q).includes('app_user')).length;
      return { data, count };
    };
    const one = await statements(1);
    const nine = await statements(9);
    spy.mockRestore();
    // The statement count does not grow with the number of parents.
    expect(nine.count).toBe(one.count);
    const res = nine.data.grids.nodes;
    expect(res).toHaveLength(9);
    for (const grid of res) {
      expect(grid).toMatchObject({ predecessors: [], successors: [], retiredBy: null });
      expect(grid.microGrids.totalCount).toBe(2);
      expect(grid.buildings).toMatchObject({ totalCount: 6, pageInfo: { hasNextPage: true } });
      expect(grid.buildings.nodes).toHaveLength(2);
      for (const m of grid.microGrids.nodes) {
        expect(m.grid.code).toBe(grid.code);
        expect(m.buildings.totalCount).toBe(3);
        for (const b of m.buildings.nodes) {
          expect(b.units.totalCount).toBe(3);
          expect(b.units.nodes).toHaveLength(2);
          for (const u of b.units.nodes)
            expect(u).toMatchObject({ building: { name: b.name }, grid: { code: grid.code } });
        }
      }
    }
  });

  it('lists micro-grids and units with filters, and fetches each by node(id)', async () => {
    const token = await s.login('community_admin');
    const g = await grids(token);
    const micro = ok(
      await s.gql(
        'query($f: MicroGridFilter) { microGrids(filter: $f) { totalCount nodes { id code name } } }',
        { f: { gridId: g['SQ0101-05']!.id } },
        { token },
      ),
    ).microGrids;
    expect(micro.totalCount).toBe(2);
    expect(
      ok(await s.gql('{ microGrids(filter: { nameContains: "第1微网格" }) { totalCount } }', {}, { token }))
        .microGrids.totalCount,
    ).toBe(9);
    const building = ok(
      await s.gql(BUILDINGS, { filter: { gridId: g['SQ0101-05']!.id }, first: 1 }, { token }),
    ).buildings.nodes[0];
    const units = ok(
      await s.gql(
        'query($f: BuildingUnitFilter) { buildingUnits(filter: $f) { totalCount nodes { id name building { id } } } }',
        { f: { buildingId: building.id } },
        { token },
      ),
    ).buildingUnits;
    expect(units.totalCount).toBe(3);
    expect(units.nodes.every((u: any) => u.building.id === building.id)).toBe(true);
    expect(
      ok(
        await s.gql(
          'query($g: ID!) { buildingUnits(filter: { gridId: $g }) { totalCount } }',
          { g: g['SQ0101-05']!.id },
          { token },
        ),
      ).buildingUnits.totalCount,
    ).toBe(18);

    const NODE = `query($id: ID!) { node(id: $id) { id __typename
      ... on MicroGrid { code grid { code } }
      ... on Building { name grid { code } }
      ... on BuildingUnit { name building { name } } } }`;
    expect(ok(await s.gql(NODE, { id: micro.nodes[0].id }, { token })).node).toMatchObject({
      __typename: 'MicroGrid',
      grid: { code: 'SQ0101-05' },
    });
    expect(ok(await s.gql(NODE, { id: building.id }, { token })).node).toMatchObject({
      __typename: 'Building',
      name: building.name,
    });
    expect(ok(await s.gql(NODE, { id: units.nodes[0].id }, { token })).node).toMatchObject({
      __typename: 'BuildingUnit',
      building: { name: building.name },
    });
  });

  it('rejects ids of the wrong type in filters, naming the field', async () => {
    const token = await s.login('community_admin');
    const g = await grids(token);
    const res = await s.gql(BUILDINGS, { filter: { microGridId: g['SQ0101-01']!.id } }, { token });
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0]!.extensions!.field).toBe('filter.microGridId');
    const units = await s.gql('{ buildingUnits(filter: { buildingId: "x" }) { totalCount } }', {}, { token });
    expect(units.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'filter.buildingId',
    });
  });
});

describe('jurisdiction', () => {
  it('a grid worker reaches no other grid’s micro-grids, buildings or units by any path', async () => {
    const admin = await s.login('community_admin');
    const g = await grids(admin);
    const other = ok(
      await s.gql(
        `query($g: ID!) { buildings(filter: { gridId: $g }, first: 1) { nodes { id microGrid { id } units(first: 1) { nodes { id } } } } }`,
        { g: g['SQ0101-02']!.id },
        { token: admin },
      ),
    ).buildings.nodes[0];
    const worker = await s.login('grid_worker');

    const lists = ok(
      await s.gql(
        `{ buildings { totalCount nodes { grid { code } } } microGrids { totalCount } buildingUnits { totalCount }
           communities { nodes { grids { totalCount nodes { code buildings { totalCount } microGrids { totalCount } } } } } }`,
        {},
        { token: worker },
      ),
    );
    expect(lists.buildings.totalCount).toBe(6);
    expect(lists.buildings.nodes.every((b: any) => b.grid.code === 'SQ0101-01')).toBe(true);
    expect(lists.microGrids.totalCount).toBe(2);
    expect(lists.buildingUnits.totalCount).toBe(18);
    expect(lists.communities.nodes[0].grids.nodes).toEqual([
      { code: 'SQ0101-01', buildings: { totalCount: 6 }, microGrids: { totalCount: 2 } },
    ]);

    // Filters naming the other grid's records find nothing.
    for (const [query, vars] of [
      ['query($g: ID!) { buildings(filter: { gridId: $g }) { totalCount } }', { g: g['SQ0101-02']!.id }],
      ['query($m: ID!) { buildings(filter: { microGridId: $m }) { totalCount } }', { m: other.microGrid.id }],
      ['query($g: ID!) { microGrids(filter: { gridId: $g }) { totalCount } }', { g: g['SQ0101-02']!.id }],
      ['query($b: ID!) { buildingUnits(filter: { buildingId: $b }) { totalCount } }', { b: other.id }],
    ] as const) {
      const data = ok(await s.gql(query, vars, { token: worker }));
      expect(Object.values(data)[0]).toEqual({ totalCount: 0 });
    }
    // node(id) of each kind: NOT_FOUND, as if it did not exist.
    for (const id of [other.id, other.microGrid.id, other.units.nodes[0].id]) {
      const res = await s.gql('query($id: ID!) { node(id: $id) { id } }', { id }, { token: worker });
      expect(errorCode(res)).toBe('NOT_FOUND');
      expect(res.data?.node ?? null).toBeNull();
    }
  });

  it('a grid worker cannot change territory; a community admin cannot change the street', async () => {
    const admin = await s.login('community_admin');
    const g = await grids(admin);
    const worker = await s.login('grid_worker');
    const own = ok(await s.gql('{ buildings(first: 1) { nodes { id } } }', {}, { token: worker })).buildings
      .nodes[0];
    for (const [query, vars] of [
      [
        'mutation($g: ID!) { createBuilding(input: { gridId: $g, name: "W" }) { id } }',
        { g: g['SQ0101-01']!.id },
      ],
      [
        'mutation($g: ID!) { createMicroGrid(input: { gridId: $g, code: "W", name: "W" }) { id } }',
        { g: g['SQ0101-01']!.id },
      ],
      ['mutation($b: ID!) { updateBuilding(id: $b, input: { name: "W" }) { id } }', { b: own.id }],
      [
        'mutation($b: ID!) { createBuildingUnit(input: { buildingId: $b, name: "9单元" }) { id } }',
        { b: own.id },
      ],
    ] as const) {
      expect(errorCode(await s.gql(query, vars, { token: worker }))).toBe('FORBIDDEN');
    }
    const street = ok(await s.gql('{ streets { nodes { id } } }', {}, { token: admin })).streets.nodes[0].id;
    expect(
      errorCode(
        await s.gql(
          'mutation($id: ID!) { updateStreet(id: $id, input: { name: "x" }) { id } }',
          { id: street },
          { token: admin },
        ),
      ),
    ).toBe('FORBIDDEN');
  });
});

describe('micro-grids, buildings and units: writes', () => {
  it('creates a micro-grid, a building in it, a unit, moves the building, each with its event', async () => {
    const token = await s.login('community_admin');
    const g = await grids(token);
    const gridId = g['SQ0101-06']!.id;
    const micro = ok(
      await s.gql(
        'mutation($g: ID!) { createMicroGrid(input: { gridId: $g, code: "T-M9", name: "测试微网格" }) { id code name grid { code } buildings { totalCount } } }',
        { g: gridId },
        { token },
      ),
    ).createMicroGrid;
    expect(micro).toMatchObject({
      code: 'T-M9',
      name: '测试微网格',
      grid: { code: 'SQ0101-06' },
      buildings: { totalCount: 0 },
    });

    const building = ok(
      await s.gql(
        `mutation($i: CreateBuildingInput!) { createBuilding(input: $i) { id name address floors residential grid { code } microGrid { code } } }`,
        { i: { gridId, microGridId: micro.id, name: '99号楼', address: '东湖路999号', floors: 6 } },
        { token },
      ),
    ).createBuilding;
    expect(building).toMatchObject({
      name: '99号楼',
      address: '东湖路999号',
      floors: 6,
      residential: true,
      grid: { code: 'SQ0101-06' },
      microGrid: { code: 'T-M9' },
    });
    const unit = ok(
      await s.gql(
        'mutation($b: ID!) { createBuildingUnit(input: { buildingId: $b, name: "1单元" }) { id name building { name } } }',
        { b: building.id },
        { token },
      ),
    ).createBuildingUnit;
    expect(unit).toMatchObject({ name: '1单元', building: { name: '99号楼' } });
    const renamedUnit = ok(
      await s.gql(
        'mutation($id: ID!) { updateBuildingUnit(id: $id, input: { name: "东单元" }) { name } }',
        { id: unit.id },
        { token },
      ),
    ).updateBuildingUnit;
    expect(renamedUnit.name).toBe('东单元');

    // Move it to another micro-grid of its grid, then out of any micro-grid.
    const otherMicro = ok(
      await s.gql(
        'query($g: ID!) { microGrids(filter: { gridId: $g }, first: 1) { nodes { id code } } }',
        { g: gridId },
        { token },
      ),
    ).microGrids.nodes[0];
    const moved = ok(
      await s.gql(
        'mutation($id: ID!, $m: ID) { updateBuilding(id: $id, input: { microGridId: $m, floors: 7, residential: false }) { floors residential microGrid { code } } }',
        { id: building.id, m: otherMicro.id },
        { token },
      ),
    ).updateBuilding;
    expect(moved).toEqual({ floors: 7, residential: false, microGrid: { code: otherMicro.code } });
    const cleared = ok(
      await s.gql(
        'mutation($id: ID!) { updateBuilding(id: $id, input: { microGridId: null, address: null }) { address microGrid { code } name } }',
        { id: building.id },
        { token },
      ),
    ).updateBuilding;
    expect(cleared).toEqual({ address: null, microGrid: null, name: '99号楼' });
    const renamed = ok(
      await s.gql(
        'mutation($id: ID!) { updateMicroGrid(id: $id, input: { name: "改名微网格" }) { code name } }',
        { id: micro.id },
        { token },
      ),
    ).updateMicroGrid;
    expect(renamed).toEqual({ code: 'T-M9', name: '改名微网格' });

    const events = await eventsOf([
      'micro_grid.created',
      'micro_grid.updated',
      'building.created',
      'building.updated',
      'building_unit.created',
      'building_unit.updated',
    ]);
    const about = (id: string) => events.filter((e) => e.subjectId === id).map((e) => e.type);
    expect(about(micro.id)).toEqual(['micro_grid.created', 'micro_grid.updated']);
    expect(about(building.id)).toEqual(['building.created', 'building.updated', 'building.updated']);
    expect(about(unit.id)).toEqual(['building_unit.created', 'building_unit.updated']);
    const move = events.find((e) => e.subjectId === building.id && e.type === 'building.updated')!;
    expect(move.payload).toEqual({ changed: { microGridId: otherMicro.id, floors: 7, residential: false } });
  });

  it('refuses bad input with the field named, and writes nothing', async () => {
    const token = await s.login('community_admin');
    const g = await grids(token);
    const gridId = g['SQ0101-07']!.id;
    const foreignMicro = ok(
      await s.gql(
        'query($g: ID!) { microGrids(filter: { gridId: $g }, first: 1) { nodes { id } } }',
        { g: g['SQ0101-08']!.id },
        { token },
      ),
    ).microGrids.nodes[0].id;
    const building = ok(await s.gql(BUILDINGS, { filter: { gridId }, first: 1 }, { token })).buildings
      .nodes[0];
    const counts = async () => ({
      ...ok(
        await s.gql(
          '{ buildings { totalCount } microGrids { totalCount } buildingUnits { totalCount } }',
          {},
          { token },
        ),
      ),
      events: await eventsOf([
        'building.created',
        'building.updated',
        'micro_grid.created',
        'building_unit.created',
      ]),
    });
    const before = await counts();

    const CREATE_B = 'mutation($i: CreateBuildingInput!) { createBuilding(input: $i) { id } }';
    const cases: [string, Record<string, unknown>, string, string][] = [
      [CREATE_B, { i: { gridId, name: '' } }, 'BAD_USER_INPUT', 'input.name'],
      [CREATE_B, { i: { gridId, name: 'x'.repeat(101) } }, 'BAD_USER_INPUT', 'input.name'],
      [CREATE_B, { i: { gridId, name: 'ok', floors: 0 } }, 'BAD_USER_INPUT', 'input.floors'],
      [CREATE_B, { i: { gridId, name: 'ok', floors: 1000 } }, 'BAD_USER_INPUT', 'input.floors'],
      [CREATE_B, { i: { gridId, name: 'ok', address: 'a\u0001b' } }, 'BAD_USER_INPUT', 'input.address'],
      [CREATE_B, { i: { gridId: 'nope', name: 'ok' } }, 'BAD_USER_INPUT', 'input.gridId'],
      [CREATE_B, { i: { gridId: building.id, name: 'ok' } }, 'BAD_USER_INPUT', 'input.gridId'],
      [
        CREATE_B,
        { i: { gridId, microGridId: foreignMicro, name: 'ok' } },
        'BAD_USER_INPUT',
        'input.microGridId',
      ],
      [
        'mutation($id: ID!, $m: ID) { updateBuilding(id: $id, input: { microGridId: $m }) { id } }',
        { id: building.id, m: foreignMicro },
        'BAD_USER_INPUT',
        'input.microGridId',
      ],
      [
        'mutation($id: ID!) { updateBuilding(id: $id, input: { name: null }) { id } }',
        { id: building.id },
        'BAD_USER_INPUT',
        'input.name',
      ],
      [
        'mutation($g: ID!) { createMicroGrid(input: { gridId: $g, code: "有 空格", name: "x" }) { id } }',
        { g: gridId },
        'BAD_USER_INPUT',
        'input.code',
      ],
      [
        'mutation($b: ID!) { createBuildingUnit(input: { buildingId: $b, name: "" }) { id } }',
        { b: building.id },
        'BAD_USER_INPUT',
        'input.name',
      ],
    ];
    for (const [query, vars, code, field] of cases) {
      const res = await s.gql(query, vars, { token });
      expect({ field, code: errorCode(res) }).toEqual({ field, code });
      expect(res.errors![0]!.extensions!.field).toBe(field);
    }
    // Duplicates: a unit name in its building, a micro-grid code in its grid.
    const dupUnit = await s.gql(
      'mutation($b: ID!) { createBuildingUnit(input: { buildingId: $b, name: "1单元" }) { id } }',
      { b: building.id },
      { token },
    );
    expect(errorCode(dupUnit)).toBe('CONFLICT');
    const dupMicro = await s.gql(
      'mutation($g: ID!) { createMicroGrid(input: { gridId: $g, code: "SQ0101-07-M1", name: "x" }) { id } }',
      { g: gridId },
      { token },
    );
    expect(errorCode(dupMicro)).toBe('CONFLICT');
    // Messages follow Accept-Language.
    const zh = await s.gql(CREATE_B, { i: { gridId, name: '' } }, { token, locale: 'zh' });
    expect(zh.errors![0]!.message).toMatch(/input\.name：/);

    expect(await counts()).toEqual(before);
  });

  it('renames streets and communities within the admin’s jurisdiction, with events', async () => {
    const street = await s.login('street_admin');
    const ids = ok(
      await s.gql('{ streets { nodes { id } } communities { nodes { id } } }', {}, { token: street }),
    );
    const st = ok(
      await s.gql(
        'mutation($id: ID!) { updateStreet(id: $id, input: { name: "东湖街道办事处" }) { name code } }',
        { id: ids.streets.nodes[0].id },
        { token: street },
      ),
    ).updateStreet;
    expect(st).toEqual({ name: '东湖街道办事处', code: 'JD01' });
    const community = await s.login('community_admin');
    const co = ok(
      await s.gql(
        'mutation($id: ID!) { updateCommunity(id: $id, input: { name: "幸福里社区" }) { name street { name } } }',
        { id: ids.communities.nodes[0].id },
        { token: community },
      ),
    ).updateCommunity;
    expect(co).toEqual({ name: '幸福里社区', street: { name: '东湖街道办事处' } });
    const bad = await s.gql(
      'mutation($id: ID!) { updateCommunity(id: $id, input: { name: "  " }) { name } }',
      { id: ids.communities.nodes[0].id },
      { token: community },
    );
    expect(bad.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.name' });
    const events = await eventsOf(['street.updated', 'community.updated']);
    expect(events.map((e) => [e.type, e.payload])).toEqual([
      ['street.updated', { changed: { name: '东湖街道办事处' } }],
      ['community.updated', { changed: { name: '幸福里社区' } }],
    ]);
    // A community admin of this community cannot rename a community of another street.
    const admin = await s.login('admin');
    const otherStreet = ok(
      await s.gql(
        'mutation { createStreet(input: { code: "JD77", name: "西湖街道" }) { id } }',
        {},
        { token: admin },
      ),
    ).createStreet.id;
    const otherCommunity = ok(
      await s.gql(
        'mutation($s: ID!) { createCommunity(input: { streetId: $s, code: "SQ7701", name: "西湖社区" }) { id } }',
        { s: otherStreet },
        { token: admin },
      ),
    ).createCommunity.id;
    const foreign = await s.gql(
      'mutation($id: ID!) { updateCommunity(id: $id, input: { name: "x" }) { name } }',
      { id: otherCommunity },
      { token: community },
    );
    expect(errorCode(foreign)).toBe('NOT_FOUND');
  });
});
