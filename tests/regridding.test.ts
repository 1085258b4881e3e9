import {
  Household,
  Organization,
  Resident,
  ResidentTag,
  ResidentTagKind,
  OrganizationKind,
} from '../src/people';
import { gridRowTables } from '../src/territory/regrid.mover';
import { createTestServer, errorCode, ok, type GqlResult, type TestServer } from './helpers/test-server';

let s: TestServer;
let admin: string;
let grid: Record<string, { id: string; code: string; uuid: string }>;

const uuidOf = (globalId: string) => Buffer.from(globalId, 'base64url').toString('utf8').split(':')[1]!;

async function sql<T = Record<string, unknown>>(query: string, params: unknown[] = []): Promise<T[]> {
  return (await s.em().execute(query, params as never[])) as T[];
}

async function loadGrids(): Promise<void> {
  const nodes = ok(await s.gql('{ grids(first: 100) { nodes { id code } } }', {}, { token: admin })).grids
    .nodes;
  grid = Object.fromEntries(nodes.map((g: any) => [g.code, { ...g, uuid: uuidOf(g.id) }]));
}

beforeAll(async () => {
  s = await createTestServer();
  admin = await s.login('community_admin');
  await loadGrids();
});
afterAll(() => s.close());

interface BuildingRow {
  id: string;
  name: string;
  microGrid: { id: string; code: string } | null;
}

async function buildingsOf(gridId: string): Promise<BuildingRow[]> {
  return ok(
    await s.gql(
      'query($g: ID!) { buildings(filter: { gridId: $g }, first: 100) { nodes { id name microGrid { id code } } } }',
      { g: gridId },
      { token: admin },
    ),
  ).buildings.nodes;
}

/** Rows of every grid-owned table per grid id: the generic view of "what belongs to a grid". */
async function rowsPerTable(gridUuids: string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of gridRowTables(s.em())) {
    const [row] = await sql<{ n: number }>(
      `select count(*)::int as n from ${t.table} where "${t.gridColumn}" in (${gridUuids.map(() => '?').join(', ')})`,
      gridUuids,
    );
    out[t.entity] = Number(row!.n);
  }
  return out;
}

/**
 * After a split, every row in a new grid sits in the grid of its first anchor that points into the
 * new grids (its owner, building, unit, micro-grid or household), for every table of every feature.
 */
async function anchorMismatches(parts: string[]): Promise<string[]> {
  const tables = gridRowTables(s.em());
  const byName = new Map(tables.map((t) => [t.entity, t]));
  const bad: string[] = [];
  const inParts = `(${parts.map(() => '?').join(', ')})`;
  for (const t of tables) {
    for (let i = 0; i < t.anchors.length; i++) {
      const a = t.anchors[i]!;
      const target = byName.get(a.target)!;
      const higherNull = t.anchors
        .slice(0, i)
        .map((h) => `r."${h.column}" is null`)
        .join(' and ');
      const [row] = await sql<{ n: number }>(
        `select count(*)::int as n from ${t.table} r join ${target.table} p on r."${a.column}" = p."${target.pkColumn}"
         where r."${t.gridColumn}" in ${inParts} and p."${target.gridColumn}" in ${inParts}
           ${higherNull ? `and ${higherNull}` : ''} and r."${t.gridColumn}" <> p."${target.gridColumn}"`,
        [...parts, ...parts],
      );
      if (Number(row!.n)) bad.push(`${t.entity}.${a.column}: ${row!.n}`);
    }
  }
  return bad;
}

/**
 * Events as written to the outbox, in order. Read from the table rather than the feed: on a shared
 * PostgreSQL the feed holds back events while any transaction of the server is still running.
 */
async function eventsOf(types: string[]): Promise<{ type: string; subjectId: string; payload: any }[]> {
  const rows = await sql<{ type: string; subject_id: string; payload: unknown }>(
    `select type, subject_id, payload from event where type in (${types.map(() => '?').join(', ')}) order by seq`,
    types,
  );
  return rows.map((r) => ({
    type: r.type,
    subjectId: r.subject_id,
    payload: typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload,
  }));
}

const SPLIT = `mutation($g: ID!, $parts: [SplitGridPartInput!]!, $r: Int!) {
  splitGrid(gridId: $g, parts: $parts, remainderPart: $r) {
    retired { id code status retiredAt retiredBy successors { code } }
    grids { id code name theme targetHouseholds boundary status predecessors { code status } }
  }
}`;
const MERGE = `mutation($ids: [ID!]!, $input: MergeGridsInput!) {
  mergeGrids(gridIds: $ids, input: $input) {
    grid { id code name theme status predecessors { code } }
    retired { id code status retiredBy successors { code } }
  }
}`;

function expectBad(res: GqlResult, field: string, code = 'BAD_USER_INPUT'): void {
  expect({ code: errorCode(res), field: res.errors?.[0]?.extensions?.field }).toEqual({
    code,
    field: code === 'BAD_USER_INPUT' ? field : undefined,
  });
}

/** What a refused re-gridding must not change. */
async function snapshot(gridUuids: string[]) {
  return {
    grids: ok(await s.gql('{ grids { totalCount } }', {}, { token: admin })).grids.totalCount,
    lineage: (await sql<{ n: number }>('select count(*)::int as n from grid_lineage'))[0]!.n,
    events: (await sql<{ n: number }>(`select count(*)::int as n from event where type like 'grid.%'`))[0]!.n,
    statuses: await sql(`select id, status from grid order by id`),
    rows: await rowsPerTable(gridUuids),
    buildings: await sql(
      `select id, grid_id, micro_grid_id from building where grid_id in (${gridUuids.map(() => '?').join(', ')}) order by id`,
      gridUuids,
    ),
  };
}

describe('splitGrid', () => {
  it('divides a grid: buildings by the mapping, every row after its building or household, the rest to the remainder', async () => {
    const old = grid['SQ0101-03']!;
    const buildings = await buildingsOf(old.id);
    expect(buildings).toHaveLength(6);
    const partA = buildings.filter((b) => b.microGrid!.code.endsWith('-M1'));
    const partB = buildings.filter((b) => b.microGrid!.code.endsWith('-M2'));
    expect(partA).toHaveLength(3);

    // Micro-grids without buildings: one named by part A, one left to the remainder (part B).
    const emptyA = ok(
      await s.gql(
        'mutation($g: ID!) { createMicroGrid(input: { gridId: $g, code: "T-EMPTY-A", name: "空微网格甲" }) { id } }',
        { g: old.id },
        { token: admin },
      ),
    ).createMicroGrid.id;
    ok(
      await s.gql(
        'mutation($g: ID!) { createMicroGrid(input: { gridId: $g, code: "T-EMPTY-B", name: "空微网格乙" }) { id } }',
        { g: old.id },
        { token: admin },
      ),
    );

    // Rows of the people tables written straight to the database: one family in a building of part A,
    // one family recorded without a building (grid level), a resident without a household in part B,
    // tags on two of them, and an organization of the grid.
    const em = s.em();
    const [{ street_id: streetId, community_id: communityId }] = await sql<{
      street_id: string;
      community_id: string;
    }>('select street_id, community_id from grid where id = ?', [old.uuid]);
    const place = { streetId: streetId!, communityId: communityId!, gridId: old.uuid };
    const bA = uuidOf(partA[0]!.id);
    const bB = uuidOf(partB[0]!.id);
    const h1 = em.create(Household, { ...place, buildingId: bA, address: '测试地址甲', room: '101' });
    const r1 = em.create(Resident, { ...place, householdId: h1.id, buildingId: bA, name: '测试甲' });
    const h2 = em.create(Household, { ...place, address: '测试地址乙（无楼栋）' });
    const r2 = em.create(Resident, { ...place, householdId: h2.id, name: '测试乙' });
    const r3 = em.create(Resident, { ...place, buildingId: bB, name: '测试丙' });
    const t1 = em.create(ResidentTag, {
      residentId: r1.id,
      kind: ResidentTagKind.ELDERLY_ALONE,
      communityId: communityId!,
      gridId: old.uuid,
    });
    const t2 = em.create(ResidentTag, {
      residentId: r2.id,
      kind: ResidentTagKind.VETERAN,
      communityId: communityId!,
      gridId: old.uuid,
    });
    const o1 = em.create(Organization, {
      ...place,
      name: '测试物业公司',
      kind: OrganizationKind.PROPERTY_COMPANY,
    });
    await em.flush();

    // Where each household, resident and unit must end up, from the rows as they are now.
    const partOfBuilding = new Map<string, number>([
      ...partA.map((b) => [uuidOf(b.id), 0] as [string, number]),
      ...partB.map((b) => [uuidOf(b.id), 1] as [string, number]),
    ]);
    const remainder = 1;
    const units = await sql<{ id: string; building_id: string }>(
      'select id, building_id from building_unit where grid_id = ?',
      [old.uuid],
    );
    const unitPart = new Map(units.map((u) => [u.id, partOfBuilding.get(u.building_id)!]));
    const households = await sql<{ id: string; building_id: string | null; unit_id: string | null }>(
      'select id, building_id, unit_id from household where grid_id = ?',
      [old.uuid],
    );
    const householdPart = new Map(
      households.map((h) => [
        h.id,
        h.building_id ? partOfBuilding.get(h.building_id)! : h.unit_id ? unitPart.get(h.unit_id)! : remainder,
      ]),
    );
    const residents = await sql<{
      id: string;
      building_id: string | null;
      unit_id: string | null;
      household_id: string | null;
    }>('select id, building_id, unit_id, household_id from resident where grid_id = ?', [old.uuid]);
    const residentPart = (r: (typeof residents)[number]) =>
      r.building_id
        ? partOfBuilding.get(r.building_id)!
        : r.unit_id
          ? unitPart.get(r.unit_id)!
          : r.household_id && householdPart.has(r.household_id)
            ? householdPart.get(r.household_id)!
            : remainder;
    const expected = [0, 1].map((p) => ({
      buildings: 3,
      units: units.filter((u) => unitPart.get(u.id) === p).length,
      households: households.filter((h) => householdPart.get(h.id) === p).length,
      residents: residents.filter((r) => residentPart(r) === p).length,
    }));
    expect(expected[0]!.units).toBe(9);
    const before = await rowsPerTable([old.uuid]);

    const boundary = {
      type: 'Polygon',
      coordinates: [
        [
          [114.3, 30.55],
          [114.305, 30.55],
          [114.305, 30.555],
          [114.3, 30.55],
        ],
      ],
    };
    const res = ok(
      await s.gql(
        SPLIT,
        {
          g: old.id,
          parts: [
            {
              code: 'SQ0101-03A',
              name: '第三网格甲',
              targetHouseholds: 150,
              boundary,
              buildingIds: partA.map((b) => b.id),
              microGridIds: [emptyA],
            },
            { code: 'SQ0101-03B', name: '第三网格乙', buildingIds: partB.map((b) => b.id) },
          ],
          r: remainder,
        },
        { token: admin },
      ),
    ).splitGrid;
    expect(res.retired).toMatchObject({
      id: old.id,
      code: 'SQ0101-03',
      status: 'RETIRED',
      retiredBy: 'SPLIT',
      successors: [{ code: 'SQ0101-03A' }, { code: 'SQ0101-03B' }],
    });
    expect(res.retired.retiredAt).not.toBeNull();
    expect(res.grids).toEqual([
      expect.objectContaining({
        code: 'SQ0101-03A',
        name: '第三网格甲',
        theme: 'heart-bridge',
        targetHouseholds: 150,
        boundary,
        status: 'ACTIVE',
        predecessors: [{ code: 'SQ0101-03', status: 'RETIRED' }],
      }),
      expect.objectContaining({
        code: 'SQ0101-03B',
        theme: 'heart-bridge',
        targetHouseholds: null,
        boundary: null,
      }),
    ]);
    const [A, B] = res.grids as { id: string }[];

    // What a user sees, per new grid.
    const COUNTS = `query($g: ID!) {
      buildings(filter: { gridId: $g }) { totalCount nodes { id } }
      buildingUnits(filter: { gridId: $g }) { totalCount }
      microGrids(filter: { gridId: $g }) { nodes { code } }
      households(filter: { gridId: $g }) { totalCount }
      residents(filter: { gridId: $g }) { totalCount }
    }`;
    for (const [i, g] of [A!, B!].entries()) {
      const seen = ok(await s.gql(COUNTS, { g: g.id }, { token: admin }));
      expect(seen.buildings.totalCount).toBe(expected[i]!.buildings);
      expect(seen.buildings.nodes.map((b: any) => b.id).sort()).toEqual(
        (i === 0 ? partA : partB).map((b) => b.id).sort(),
      );
      expect(seen.buildingUnits.totalCount).toBe(expected[i]!.units);
      expect(seen.households.totalCount).toBe(expected[i]!.households);
      expect(seen.residents.totalCount).toBe(expected[i]!.residents);
      expect(seen.microGrids.nodes.map((m: any) => m.code).sort()).toEqual(
        i === 0 ? ['SQ0101-03-M1', 'T-EMPTY-A'] : ['SQ0101-03-M2', 'T-EMPTY-B'],
      );
    }
    const oldNow = ok(await s.gql(COUNTS, { g: old.id }, { token: admin }));
    expect(oldNow.buildings.totalCount + oldNow.households.totalCount + oldNow.residents.totalCount).toBe(0);

    // The rows written for the test, one by one.
    const gridOfRow = async (table: string, id: string) =>
      (await sql<{ grid_id: string }>(`select grid_id from ${table} where id = ?`, [id]))[0]!.grid_id;
    const [a, b] = [uuidOf(A!.id), uuidOf(B!.id)];
    expect(await gridOfRow('household', h1.id)).toBe(a);
    expect(await gridOfRow('resident', r1.id)).toBe(a);
    expect(await gridOfRow('resident_tag', t1.id)).toBe(a); // follows its resident, not the remainder
    expect(await gridOfRow('household', h2.id)).toBe(b); // no building: remainder
    expect(await gridOfRow('resident', r2.id)).toBe(b); // follows its household
    expect(await gridOfRow('resident_tag', t2.id)).toBe(b);
    expect(await gridOfRow('resident', r3.id)).toBe(b); // its building went to B
    expect(await gridOfRow('organization', o1.id)).toBe(b); // grid level: remainder

    // Every table of every feature: nothing stays in the old grid, nothing was lost or duplicated,
    // and every row agrees with its anchor.
    const after = await rowsPerTable([old.uuid]);
    expect(Object.values(after).every((n) => n === 0)).toBe(true);
    expect(await rowsPerTable([a, b])).toEqual(before);
    expect(await anchorMismatches([a, b])).toEqual([]);

    // The retired grid stays readable, by list and by node(id), with its lineage.
    const retired = ok(
      await s.gql(
        '{ grids(filter: { status: RETIRED }) { nodes { id code retiredBy successors { code } } } }',
        {},
        { token: admin },
      ),
    ).grids.nodes;
    expect(retired).toContainEqual({
      id: old.id,
      code: 'SQ0101-03',
      retiredBy: 'SPLIT',
      successors: [{ code: 'SQ0101-03A' }, { code: 'SQ0101-03B' }],
    });
    const node = ok(
      await s.gql(
        'query($id: ID!) { node(id: $id) { ... on Grid { code status buildings { totalCount } } } }',
        { id: old.id },
        { token: admin },
      ),
    ).node;
    expect(node).toEqual({ code: 'SQ0101-03', status: 'RETIRED', buildings: { totalCount: 0 } });

    // Events: the split with old and new ids, and each new grid created, in one transaction.
    const events = (await eventsOf(['grid.split', 'grid.created'])).filter(
      (e) => e.subjectId === old.id || e.subjectId === A!.id || e.subjectId === B!.id,
    );
    expect(events.map((e: any) => [e.type, e.subjectId])).toEqual([
      ['grid.created', A!.id],
      ['grid.created', B!.id],
      ['grid.split', old.id],
    ]);
    const split = events[2].payload;
    expect(split).toMatchObject({
      predecessorId: old.id,
      successorIds: [A!.id, B!.id],
      remainderId: B!.id,
      buildings: { [A!.id]: 3, [B!.id]: 3 },
    });
    expect(split.moved).toMatchObject({
      Building: 6,
      BuildingUnit: 18,
      MicroGrid: 4,
      Organization: expect.any(Number),
    });
    expect(events[0].payload).toEqual({ code: 'SQ0101-03A', predecessorIds: [old.id] });
    await loadGrids();
  });

  it('refuses retired grids: no second split, no merge, no new buildings or micro-grids', async () => {
    const old = grid['SQ0101-03']!;
    const other = grid['SQ0101-07']!;
    const before = await snapshot([old.uuid, other.uuid]);
    expectBad(
      await s.gql(
        SPLIT,
        {
          g: old.id,
          parts: [
            { code: 'X1', name: 'x', buildingIds: [] },
            { code: 'X2', name: 'x', buildingIds: [] },
          ],
          r: 0,
        },
        { token: admin },
      ),
      'gridId',
    );
    expectBad(
      await s.gql(MERGE, { ids: [other.id, old.id], input: { code: 'X3', name: 'x' } }, { token: admin }),
      'gridIds.1',
    );
    expectBad(
      await s.gql(
        'mutation($g: ID!) { createBuilding(input: { gridId: $g, name: "新楼" }) { id } }',
        { g: old.id },
        { token: admin },
      ),
      'input.gridId',
    );
    expectBad(
      await s.gql(
        'mutation($g: ID!) { createMicroGrid(input: { gridId: $g, code: "N1", name: "新微网格" }) { id } }',
        { g: old.id },
        { token: admin },
      ),
      'input.gridId',
    );
    expect(await snapshot([old.uuid, other.uuid])).toEqual(before);
  });

  it('refuses a bad mapping with the field named, and writes nothing', async () => {
    const g = grid['SQ0101-04']!;
    const buildings = await buildingsOf(g.id);
    const m1 = buildings.filter((b) => b.microGrid!.code.endsWith('-M1')).map((b) => b.id);
    const m2 = buildings.filter((b) => b.microGrid!.code.endsWith('-M2')).map((b) => b.id);
    const foreign = (await buildingsOf(grid['SQ0101-08']!.id))[0]!.id;
    const foreignMicro = (await buildingsOf(grid['SQ0101-08']!.id))[0]!.microGrid!.id;
    const ownMicro1 = buildings.find((b) => b.microGrid!.code.endsWith('-M1'))!.microGrid!.id;
    const part = (code: string, buildingIds: string[], extra: Record<string, unknown> = {}) => ({
      code,
      name: `新${code}`,
      buildingIds,
      ...extra,
    });
    const before = await snapshot([g.uuid, grid['SQ0101-08']!.uuid]);
    const cases: [unknown[], number, string, string?][] = [
      // A building left out.
      [[part('N-1', m1), part('N-2', m2.slice(1))], 0, 'parts'],
      // A building listed twice.
      [[part('N-1', m1), part('N-2', [...m2, m1[0]!])], 0, 'parts.1.buildingIds.3'],
      [[part('N-1', [...m1, m1[1]!]), part('N-2', m2)], 0, 'parts.0.buildingIds.3'],
      // A building of another grid.
      [[part('N-1', [...m1, foreign]), part('N-2', m2)], 0, 'parts.0.buildingIds.3'],
      // Not a building id at all.
      [[part('N-1', ['bogus', ...m1]), part('N-2', m2)], 0, 'parts.0.buildingIds.0'],
      [[part('N-1', [g.id, ...m1]), part('N-2', m2)], 0, 'parts.0.buildingIds.0'],
      // A micro-grid divided between parts.
      [
        [part('N-1', [...m1.slice(1), m2[0]!]), part('N-2', [m1[0]!, ...m2.slice(1)])],
        0,
        'parts.1.buildingIds.0',
      ],
      // A micro-grid named by a part its buildings do not go to, or of another grid.
      [[part('N-1', m1), part('N-2', m2, { microGridIds: [ownMicro1] })], 0, 'parts.1.microGridIds.0'],
      [[part('N-1', m1, { microGridIds: [foreignMicro] }), part('N-2', m2)], 0, 'parts.0.microGridIds.0'],
      // The remainder must be one of the parts; at least two parts.
      [[part('N-1', m1), part('N-2', m2)], 2, 'remainderPart'],
      [[part('N-1', m1), part('N-2', m2)], -1, 'remainderPart'],
      [[part('N-1', [...m1, ...m2])], 0, 'parts'],
      // The new grids' own fields.
      [[part('N-1', m1), part('N-1', m2)], 0, 'parts.1.code'],
      [[part('', m1), part('N-2', m2)], 0, 'parts.0.code'],
      [[part('N-1', m1, { name: 'x'.repeat(101) }), part('N-2', m2)], 0, 'parts.0.name'],
      [[part('N-1', m1, { targetHouseholds: 0 }), part('N-2', m2)], 0, 'parts.0.targetHouseholds'],
      [
        [part('N-1', m1), part('N-2', m2, { boundary: { type: 'Point', coordinates: [1, 2] } })],
        0,
        'parts.1.boundary.type',
      ],
      // A code already used by a grid: CONFLICT.
      [[part('N-1', m1), part('SQ0101-01', m2)], 0, '', 'CONFLICT'],
    ];
    for (const [parts, r, field, code] of cases) {
      const res = await s.gql(SPLIT, { g: g.id, parts, r }, { token: admin });
      expectBad(res, field, code);
    }
    // The message names the field in the viewer's language.
    const zh = await s.gql(
      SPLIT,
      { g: g.id, parts: [part('N-1', m1), part('N-2', m2.slice(1))], r: 0 },
      { token: admin, locale: 'zh' },
    );
    expect(zh.errors![0]!.message).toMatch(/^parts：该网格有 1 栋楼未分配/);
    expect(await snapshot([g.uuid, grid['SQ0101-08']!.uuid])).toEqual(before);
  });
});

describe('mergeGrids', () => {
  it('joins grids into a new one that takes over all their rows, with lineage both ways and an event', async () => {
    const [g5, g6] = [grid['SQ0101-05']!, grid['SQ0101-06']!];
    const before = await rowsPerTable([g5.uuid, g6.uuid]);
    expect(before.Building).toBe(12);
    const people = async (ids: string[]) => {
      let households = 0;
      let residents = 0;
      for (const id of ids) {
        const d = ok(
          await s.gql(
            'query($g: ID!) { households(filter: { gridId: $g }) { totalCount } residents(filter: { gridId: $g }) { totalCount } }',
            { g: id },
            { token: admin },
          ),
        );
        households += d.households.totalCount;
        residents += d.residents.totalCount;
      }
      return { households, residents };
    };
    const peopleBefore = await people([g5.id, g6.id]);

    const res = ok(
      await s.gql(
        MERGE,
        { ids: [g5.id, g6.id], input: { code: 'SQ0101-56', name: '第五六网格', targetHouseholds: 600 } },
        { token: admin },
      ),
    ).mergeGrids;
    expect(res.grid).toMatchObject({
      code: 'SQ0101-56',
      name: '第五六网格',
      theme: null, // the merged grids had different themes
      status: 'ACTIVE',
      predecessors: [{ code: 'SQ0101-05' }, { code: 'SQ0101-06' }],
    });
    expect(res.retired).toEqual([
      {
        id: g5.id,
        code: 'SQ0101-05',
        status: 'RETIRED',
        retiredBy: 'MERGE',
        successors: [{ code: 'SQ0101-56' }],
      },
      {
        id: g6.id,
        code: 'SQ0101-06',
        status: 'RETIRED',
        retiredBy: 'MERGE',
        successors: [{ code: 'SQ0101-56' }],
      },
    ]);
    const merged = uuidOf(res.grid.id);
    expect(await rowsPerTable([merged])).toEqual(before);
    expect(Object.values(await rowsPerTable([g5.uuid, g6.uuid])).every((n) => n === 0)).toBe(true);
    expect(await people([res.grid.id])).toEqual(peopleBefore);
    const seen = ok(
      await s.gql(
        'query($g: ID!) { node(id: $g) { ... on Grid { buildings { totalCount } microGrids { totalCount } } } buildingUnits(filter: { gridId: $g }) { totalCount } }',
        { g: res.grid.id },
        { token: admin },
      ),
    );
    expect(seen).toEqual({
      node: { buildings: { totalCount: 12 }, microGrids: { totalCount: 4 } },
      buildingUnits: { totalCount: 36 },
    });

    const event = (await eventsOf(['grid.merged'])).find((e) => e.subjectId === res.grid.id)!;
    expect(event.payload).toMatchObject({
      predecessorIds: [g5.id, g6.id],
      successorId: res.grid.id,
      moved: { Building: 12, BuildingUnit: 36, MicroGrid: 4 },
    });
    await loadGrids();
  });

  it('refuses bad merges with the field named, and writes nothing', async () => {
    const [g7, g8, g9] = [grid['SQ0101-07']!, grid['SQ0101-08']!, grid['SQ0101-09']!];
    // A grid of another community.
    const platform = await s.login('admin');
    const street = ok(await s.gql('{ streets { nodes { id } } }', {}, { token: platform })).streets.nodes[0]
      .id;
    const community = ok(
      await s.gql(
        'mutation($s: ID!) { createCommunity(input: { streetId: $s, code: "SQ0102", name: "和谐社区" }) { id } }',
        { s: street },
        { token: platform },
      ),
    ).createCommunity.id;
    const foreign = ok(
      await s.gql(
        'mutation($c: ID!) { createGrid(input: { communityId: $c, code: "SQ0102-01", name: "和谐一网格" }) { id } }',
        { c: community },
        { token: platform },
      ),
    ).createGrid.id;
    // Two micro-grids with one code in grids 8 and 9.
    for (const g of [g8, g9]) {
      ok(
        await s.gql(
          'mutation($g: ID!) { createMicroGrid(input: { gridId: $g, code: "SAME", name: "同码微网格" }) { id } }',
          { g: g.id },
          { token: admin },
        ),
      );
    }
    const before = await snapshot([g7.uuid, g8.uuid, g9.uuid, uuidOf(foreign)]);
    const input = { code: 'SQ0101-M', name: '合并网格' };
    const cases: [string[], Record<string, unknown>, string, string?][] = [
      [[g7.id], input, 'gridIds'],
      [[g7.id, g7.id], input, 'gridIds.1'],
      [[g7.id, 'nope'], input, 'gridIds.1'],
      [[g7.id, foreign], input, 'gridIds.1'],
      [[g7.id, g8.id], { code: 'bad code', name: 'x' }, 'input.code'],
      [[g7.id, g8.id], { code: 'OK', name: '' }, 'input.name'],
      [[g7.id, g8.id], { code: 'SQ0101-01', name: 'x' }, '', 'CONFLICT'],
      [[g8.id, g9.id], input, '', 'CONFLICT'],
    ];
    for (const [ids, inp, field, code] of cases) {
      const res = await s.gql(MERGE, { ids, input: inp }, { token: platform });
      expectBad(res, field, code);
    }
    expect(await snapshot([g7.uuid, g8.uuid, g9.uuid, uuidOf(foreign)])).toEqual(before);
    // The community admin does not see the other community's grid at all.
    const res = await s.gql(MERGE, { ids: [g7.id, foreign], input }, { token: admin });
    expect(errorCode(res)).toBe('NOT_FOUND');
  });
});

describe('re-gridding jurisdiction', () => {
  it('only administrators of the grid re-grid; grid workers see nothing of other grids’ lineage', async () => {
    const worker = await s.login('grid_worker');
    const [g7, g8] = [grid['SQ0101-07']!, grid['SQ0101-08']!];
    const buildings = await buildingsOf(g7.id);
    const split = await s.gql(
      SPLIT,
      {
        g: g7.id,
        parts: [
          { code: 'W-1', name: 'w', buildingIds: buildings.slice(0, 3).map((b) => b.id) },
          { code: 'W-2', name: 'w', buildingIds: buildings.slice(3).map((b) => b.id) },
        ],
        r: 0,
      },
      { token: worker },
    );
    expect(errorCode(split)).toBe('FORBIDDEN');
    const merge = await s.gql(
      MERGE,
      { ids: [g7.id, g8.id], input: { code: 'W-3', name: 'w' } },
      { token: worker },
    );
    expect(errorCode(merge)).toBe('FORBIDDEN');

    // The grids created by the split and the merge above are out of the worker's reach.
    const own = ok(
      await s.gql(
        '{ grids { totalCount nodes { code predecessors { code } successors { code } } } }',
        {},
        { token: worker },
      ),
    ).grids;
    expect(own).toEqual({ totalCount: 1, nodes: [{ code: 'SQ0101-01', predecessors: [], successors: [] }] });
    for (const code of ['SQ0101-03', 'SQ0101-03A', 'SQ0101-56']) {
      const res = await s.gql(
        'query($id: ID!) { node(id: $id) { id } }',
        { id: grid[code]!.id },
        { token: worker },
      );
      expect(errorCode(res)).toBe('NOT_FOUND');
    }
    const unitOfA = ok(
      await s.gql(
        'query($g: ID!) { buildingUnits(filter: { gridId: $g }, first: 1) { nodes { id } } }',
        { g: grid['SQ0101-03A']!.id },
        { token: admin },
      ),
    ).buildingUnits.nodes[0].id;
    expect(
      errorCode(await s.gql('query($id: ID!) { node(id: $id) { id } }', { id: unitOfA }, { token: worker })),
    ).toBe('NOT_FOUND');
  });
});

describe('re-gridding with an Idempotency-Key', () => {
  it('a retried merge replays the first result and re-grids only once', async () => {
    const [g7, g8] = [grid['SQ0101-07']!, grid['SQ0101-08']!];
    const vars = { ids: [g7.id, g8.id], input: { code: 'SQ0101-78', name: '第七八网格' } };
    const headers = { 'idempotency-key': 'merge-7-8-once' };
    const first = ok(await s.gql(MERGE, vars, { token: admin, headers })).mergeGrids;
    const lineage = await sql('select predecessor_id, successor_id, kind from grid_lineage order by id');
    const again = await s.gql(MERGE, vars, { token: admin, headers });
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(ok(again).mergeGrids.grid.id).toBe(first.grid.id);
    expect(await sql('select predecessor_id, successor_id, kind from grid_lineage order by id')).toEqual(
      lineage,
    );
    expect((await eventsOf(['grid.merged'])).filter((e) => e.subjectId === first.grid.id)).toHaveLength(1);
  });
});
