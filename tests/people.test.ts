import { hashPassword, ScopeLevel, User, UserRole } from '../src/auth';
import { createTestServer, errorCode, ok, type GqlResult, type TestServer } from './helpers/test-server';

let s: TestServer;
let grid1: { id: string; uuid: string };
let grid2: { id: string; uuid: string };

/** Rows straight from the database, for expectations computed independently of the API. */
async function sql<T = Record<string, any>>(query: string, params: unknown[] = []): Promise<T[]> {
  return (await s.em().getConnection().execute(query, params)) as T[];
}
async function count(query: string, params: unknown[] = []): Promise<number> {
  const [row] = await sql<{ n: string }>(query, params);
  return Number(row!.n);
}

const gid = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64url');
const uuidOf = (globalId: string) => Buffer.from(globalId, 'base64url').toString('utf8').split(':')[1]!;

/** GB 11643 check character, written out here independently of the implementation. */
function checkChar(first17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((acc, c, i) => acc + Number(c) * w[i]!, 0);
  return '10X98765432'[sum % 11]!;
}
function idNumber(birth: string, male: boolean, seq = 12, region = '420106'): string {
  const body = `${region}${birth.replace(/-/g, '')}${String(seq).padStart(2, '0')}${male ? 3 : 4}`;
  return body + checkChar(body);
}

function todayInChina(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
}
function ageOn(birth: string, day: string): number {
  const [by, bm, bd] = birth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}
const dateString = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v));

function fieldOf(res: GqlResult): string | undefined {
  return res.errors?.[0]?.extensions?.field;
}

/** Counts of everything a people mutation could write, to prove a refusal wrote nothing. */
async function footprint(): Promise<number[]> {
  return Promise.all(
    ['resident', 'household', 'organization', 'resident_tag', 'event'].map((t) =>
      count(`select count(*) as n from ${t}`),
    ),
  );
}

/**
 * Events as written to the outbox, read from the table: the feed's own visibility rules (it holds
 * back events while older transactions run) belong to the integration tests.
 */
async function eventsOf(
  types: string[],
): Promise<{ type: string; subjectId: string; payload: any; gridId: string | null }[]> {
  const rows = await sql<{ type: string; subject_id: string; payload: unknown; grid_id: string | null }>(
    `select type, subject_id, payload, grid_id from event where type in (${types.map(() => '?').join(', ')}) order by seq`,
    types,
  );
  return rows.map((r) => ({
    type: r.type,
    subjectId: r.subject_id,
    payload: typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload,
    gridId: r.grid_id,
  }));
}

beforeAll(async () => {
  s = await createTestServer();
  const grids = ok(
    await s.gql('{ grids(first: 20) { nodes { id code } } }', {}, { token: await s.login('admin') }),
  ).grids.nodes as { id: string; code: string }[];
  const g = (code: string) => {
    const found = grids.find((x) => x.code === code)!;
    return { id: found.id, uuid: uuidOf(found.id) };
  };
  grid1 = g('SQ0101-01');
  grid2 = g('SQ0101-02');
  // A grid chief of grid 1: the role between grid worker and administrator for sensitive tags.
  const em = s.em();
  const worker = await em.findOneOrFail(User, { username: 'grid_worker' });
  em.create(User, {
    username: 'grid_chief_test',
    passwordHash: await hashPassword('gridgov-demo'),
    displayName: '网格长（测试）',
    role: UserRole.GRID_CHIEF,
    scopeLevel: ScopeLevel.GRID,
    streetId: worker.streetId,
    communityId: worker.communityId,
    gridId: worker.gridId,
  });
  await em.flush();
});
afterAll(() => s.close());

const RESIDENTS = `query($first: Int, $after: String, $filter: ResidentFilter) {
  residents(first: $first, after: $after, filter: $filter) {
    totalCount pageInfo { hasNextPage endCursor }
    nodes { id name gender birthDate age idNumber phone residency relationToHead refusedInfo tags needsSupport
      household { id address } building { id name } unit { id name } grid { code } }
  }
}`;

async function residentsTotal(filter: Record<string, unknown>, user = 'community_admin'): Promise<number> {
  const res = await s.gql(RESIDENTS, { first: 1, filter }, { token: await s.login(user) });
  return ok(res).residents.totalCount;
}

describe('demo data', () => {
  it('has about 1,000 households and 2,500 residents in the nine grids, and about forty organizations', async () => {
    const token = await s.login('admin');
    const data = ok(
      await s.gql(
        '{ households { totalCount } residents { totalCount } organizations { totalCount } }',
        {},
        { token },
      ),
    );
    const households = await count('select count(*) as n from household');
    const residents = await count('select count(*) as n from resident');
    expect(data.households.totalCount).toBe(households);
    expect(data.residents.totalCount).toBe(residents);
    expect(households).toBeGreaterThan(900);
    expect(households).toBeLessThan(1100);
    expect(residents).toBeGreaterThan(2300);
    expect(residents).toBeLessThan(2800);
    expect(await count('select count(distinct grid_id) as n from household')).toBe(9);
    const orgs = await sql<{ kind: string; grid_id: string | null }>(
      'select kind, grid_id from organization',
    );
    expect(data.organizations.totalCount).toBe(orgs.length);
    expect(orgs.length).toBeGreaterThanOrEqual(35);
    expect(new Set(orgs.map((o) => o.kind))).toEqual(
      new Set([
        'ENTERPRISE',
        'INSTITUTION',
        'NEW_ECONOMIC',
        'NEW_SOCIAL',
        'PROPERTY_COMPANY',
        'OWNERS_COMMITTEE',
        'DEPARTMENT',
      ]),
    );
    for (const kind of ['PROPERTY_COMPANY', 'OWNERS_COMMITTEE']) {
      expect(new Set(orgs.filter((o) => o.kind === kind).map((o) => o.grid_id)).size).toBe(9);
    }
  });

  it('has valid ID numbers that agree with birth dates and genders, ages 0–95, every tag and some refusals', async () => {
    const rows = await sql<{
      id_number: string | null;
      birth_date: unknown;
      gender: string;
      refused_info: boolean;
    }>('select id_number, birth_date, gender, refused_info from resident');
    const withId = rows.filter((r) => r.id_number);
    expect(withId.length).toBeGreaterThan(rows.length * 0.9);
    for (const r of withId) {
      const id = r.id_number!;
      expect(id).toMatch(/^\d{17}[\dX]$/);
      expect(checkChar(id.slice(0, 17))).toBe(id[17]);
      expect(`${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`).toBe(dateString(r.birth_date));
      expect(Number(id[16]) % 2 === 1 ? 'MALE' : 'FEMALE').toBe(r.gender);
    }
    expect(new Set(withId.map((r) => r.id_number)).size).toBe(withId.length);
    const ages = rows.filter((r) => r.birth_date).map((r) => ageOn(dateString(r.birth_date), '2026-01-01'));
    expect(Math.min(...ages)).toBe(0);
    expect(Math.max(...ages)).toBeGreaterThanOrEqual(90);
    expect(Math.max(...ages)).toBeLessThanOrEqual(95);
    const refused = rows.filter((r) => r.refused_info);
    expect(refused.length).toBeGreaterThan(rows.length * 0.005);
    expect(refused.length).toBeLessThan(rows.length * 0.05);
    expect(refused.every((r) => !r.id_number && !r.birth_date)).toBe(true);
    const tags = await sql<{ kind: string; n: string }>(
      'select kind, count(*) as n from resident_tag group by kind',
    );
    expect(tags.map((t) => t.kind).sort()).toEqual(
      [
        'DISABLED',
        'ELDERLY_ALONE',
        'EMPTY_NEST',
        'LEFT_BEHIND_CHILD',
        'LOW_INCOME',
        'NEEDS_CARE',
        'SPECIAL_HARDSHIP',
        'VETERAN',
      ].sort(),
    );
    for (const t of tags) expect(Number(t.n)).toBeLessThan(rows.length * 0.15);
  });
});

describe('resident queries', () => {
  it('pages through a grid with Relay cursors and filters by grid, community, building and household', async () => {
    const token = await s.login('community_admin');
    const expected = await count('select count(*) as n from resident where grid_id = ?', [grid1.uuid]);
    const seen = new Set<string>();
    let after: string | null = null;
    let total = 0;
    do {
      const page: any = ok(
        await s.gql(RESIDENTS, { first: 100, after, filter: { gridId: grid1.id } }, { token }),
      ).residents;
      total = page.totalCount;
      for (const n of page.nodes) {
        expect(n.grid.code).toBe('SQ0101-01');
        seen.add(n.id);
      }
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(total).toBe(expected);
    expect(seen.size).toBe(expected);

    const [community] = await sql<{ id: string }>('select id from community');
    expect(await residentsTotal({ communityId: gid('Community', community!.id) })).toBe(
      await count('select count(*) as n from resident'),
    );
    const [b] = await sql<{ building_id: string; n: string }>(
      'select building_id, count(*) as n from resident where grid_id = ? group by building_id order by building_id limit 1',
      [grid1.uuid],
    );
    expect(await residentsTotal({ buildingId: gid('Building', b!.building_id) })).toBe(Number(b!.n));
    const [h] = await sql<{ household_id: string; n: string }>(
      'select household_id, count(*) as n from resident group by household_id having count(*) >= 3 order by household_id limit 1',
    );
    const members = ok(
      await s.gql(RESIDENTS, { filter: { householdId: gid('Household', h!.household_id) } }, { token }),
    ).residents;
    expect(members.totalCount).toBe(Number(h!.n));
    expect(members.nodes.every((n: any) => n.household.id === gid('Household', h!.household_id))).toBe(true);
  });

  it('filters by residency, name prefix and age range, computed from birth dates against today', async () => {
    for (const residency of ['PERMANENT', 'REGISTERED', 'FLOATING']) {
      expect(await residentsTotal({ residency })).toBe(
        await count('select count(*) as n from resident where residency = ?', [residency]),
      );
    }
    const [{ surname }] = (await sql<{ surname: string }>(
      'select left(name, 1) as surname from resident group by 1 order by count(*) desc limit 1',
    )) as [{ surname: string }];
    const byPrefix = await count('select count(*) as n from resident where name like ?', [`${surname}%`]);
    expect(byPrefix).toBeGreaterThan(0);
    expect(await residentsTotal({ namePrefix: surname })).toBe(byPrefix);
    expect(await residentsTotal({ namePrefix: '%' })).toBe(0);

    const births = (
      await sql<{ birth_date: unknown }>('select birth_date from resident where birth_date is not null')
    ).map((r) => ageOn(dateString(r.birth_date), todayInChina()));
    const between = (min?: number, max?: number) =>
      births.filter((a) => (min == null || a >= min) && (max == null || a <= max)).length;
    for (const [ageMin, ageMax] of [
      [60, undefined],
      [undefined, 17],
      [18, 59],
      [80, 80],
      [0, 5],
    ] as [number | undefined, number | undefined][]) {
      const expected = between(ageMin, ageMax);
      expect(expected).toBeGreaterThan(0);
      expect(await residentsTotal({ ageMin, ageMax })).toBe(expected);
    }
    const old = ok(
      await s.gql(
        RESIDENTS,
        { first: 50, filter: { ageMin: 90 } },
        { token: await s.login('community_admin') },
      ),
    ).residents.nodes;
    expect(old.length).toBeGreaterThan(0);
    for (const r of old) expect(r.age).toBe(ageOn(r.birthDate, todayInChina()));
    expect(old.every((r: any) => r.age >= 90)).toBe(true);
  });

  it('filters by tags (any of) and by the needs-support marker', async () => {
    const tagged = (kinds: string[]) =>
      count(
        `select count(distinct resident_id) as n from resident_tag where kind in (${kinds.map(() => '?').join(',')})`,
        kinds,
      );
    for (const kinds of [
      ['ELDERLY_ALONE'],
      ['VETERAN'],
      ['ELDERLY_ALONE', 'EMPTY_NEST'],
      ['DISABLED', 'LOW_INCOME'],
    ]) {
      const expected = await tagged(kinds);
      expect(expected).toBeGreaterThan(0);
      expect(await residentsTotal({ tags: kinds })).toBe(expected);
    }
    const sensitive = await tagged(['DISABLED', 'LOW_INCOME', 'SPECIAL_HARDSHIP']);
    expect(await residentsTotal({ needsSupport: true })).toBe(sensitive);
    expect(await residentsTotal({ needsSupport: false })).toBe(
      (await count('select count(*) as n from resident')) - sensitive,
    );
    // Combined conditions all hold.
    const elderlyVeterans = await count(
      `select count(*) as n from resident r where grid_id = ? and exists
        (select 1 from resident_tag t where t.resident_id = r.id and t.kind = 'EMPTY_NEST')`,
      [grid1.uuid],
    );
    expect(await residentsTotal({ gridId: grid1.id, tags: ['EMPTY_NEST'] })).toBe(elderlyVeterans);
  });

  it('lists households by grid, building and unit, with members batched and counted', async () => {
    const token = await s.login('community_admin');
    const Q = `query($filter: HouseholdFilter, $first: Int) { households(filter: $filter, first: $first) {
      totalCount nodes { id address room householdNumber grid { code } building { id name } unit { id name }
        memberCount residents(first: 2) { totalCount pageInfo { hasNextPage } nodes { id household { id } } } } } }`;
    const byGrid = ok(await s.gql(Q, { filter: { gridId: grid2.id }, first: 30 }, { token })).households;
    expect(byGrid.totalCount).toBe(
      await count('select count(*) as n from household where grid_id = ?', [grid2.uuid]),
    );
    const sizes = new Map(
      (
        await sql<{ household_id: string; n: string }>(
          'select household_id, count(*) as n from resident where grid_id = ? group by household_id',
          [grid2.uuid],
        )
      ).map((r) => [r.household_id, Number(r.n)]),
    );
    for (const h of byGrid.nodes) {
      const n = sizes.get(uuidOf(h.id)) ?? 0;
      expect(h.grid.code).toBe('SQ0101-02');
      expect(h.memberCount).toBe(n);
      expect(h.residents.totalCount).toBe(n);
      expect(h.residents.nodes).toHaveLength(Math.min(2, n));
      expect(h.residents.pageInfo.hasNextPage).toBe(n > 2);
      expect(h.residents.nodes.every((r: any) => r.household.id === h.id)).toBe(true);
    }
    const [community] = await sql<{ id: string }>('select id from community');
    const byCommunity = ok(
      await s.gql(Q, { filter: { communityId: gid('Community', community!.id) }, first: 1 }, { token }),
    ).households;
    expect(byCommunity.totalCount).toBe(await count('select count(*) as n from household'));
    const first = byGrid.nodes[0];
    const byBuilding = ok(
      await s.gql(Q, { filter: { buildingId: first.building.id } }, { token }),
    ).households;
    expect(byBuilding.totalCount).toBe(
      await count('select count(*) as n from household where building_id = ?', [uuidOf(first.building.id)]),
    );
    const byUnit = ok(await s.gql(Q, { filter: { unitId: first.unit.id } }, { token })).households;
    expect(byUnit.totalCount).toBe(
      await count('select count(*) as n from household where unit_id = ?', [uuidOf(first.unit.id)]),
    );
    expect(
      byUnit.nodes.every((h: any) => h.unit.id === first.unit.id && h.building.id === first.building.id),
    ).toBe(true);
  });

  it('pages a household’s members with a cursor', async () => {
    const token = await s.login('community_admin');
    const [h] = await sql<{ household_id: string }>(
      'select household_id from resident group by household_id having count(*) >= 4 order by household_id limit 1',
    );
    const Q = `query($id: ID!, $after: String) { node(id: $id) { ... on Household {
      residents(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id } } } } }`;
    const id = gid('Household', h!.household_id);
    const p1 = ok(await s.gql(Q, { id }, { token })).node.residents;
    const p2 = ok(await s.gql(Q, { id, after: p1.pageInfo.endCursor }, { token })).node.residents;
    const all = await sql<{ id: string }>('select id from resident where household_id = ? order by id', [
      h!.household_id,
    ]);
    expect([...p1.nodes, ...p2.nodes].map((n: any) => uuidOf(n.id))).toEqual(
      all.slice(0, 4).map((r) => r.id),
    );
    expect(p2.pageInfo.hasNextPage).toBe(all.length > 4);
  });

  it('does not run more SQL for a bigger page of households with nested members', async () => {
    const token = await s.login('community_admin');
    const connection = s.app.orm.em.getConnection() as any;
    const original = connection.execute;
    let statements = 0;
    connection.execute = function (...args: unknown[]) {
      statements++;
      return original.apply(this, args);
    };
    const Q = `query($first: Int) { households(first: $first) { nodes { memberCount grid { code } building { name }
      residents(first: 5) { totalCount nodes { name tags needsSupport household { id } } } } } }`;
    try {
      const run = async (first: number) => {
        statements = 0;
        ok(await s.gql(Q, { first }, { token }));
        return statements;
      };
      const small = await run(3);
      const big = await run(60);
      expect(big).toBe(small);
      expect(big).toBeLessThanOrEqual(12);
    } finally {
      connection.execute = original;
    }
  });

  it('reports counts on grids and buildings', async () => {
    const token = await s.login('community_admin');
    const grids = ok(
      await s.gql('{ grids(first: 20) { nodes { id householdCount residentCount } } }', {}, { token }),
    ).grids.nodes;
    for (const g of grids) {
      expect(g.householdCount).toBe(
        await count('select count(*) as n from household where grid_id = ?', [uuidOf(g.id)]),
      );
      expect(g.residentCount).toBe(
        await count('select count(*) as n from resident where grid_id = ?', [uuidOf(g.id)]),
      );
    }
    const [b] = await sql<{ id: string }>(
      'select building_id as id from household where grid_id = ? limit 1',
      [grid1.uuid],
    );
    const [hh] = await sql<{ id: string }>('select id from household where building_id = ? limit 1', [b!.id]);
    const building = ok(
      await s.gql(
        `query($id: ID!) { node(id: $id) { ... on Household { building { residentCount households(first: 100) { totalCount nodes { id } } } } } }`,
        { id: gid('Household', hh!.id) },
        { token },
      ),
    ).node.building;
    expect(building.residentCount).toBe(
      await count('select count(*) as n from resident where building_id = ?', [b!.id]),
    );
    const ids = await sql<{ id: string }>('select id from household where building_id = ? order by id', [
      b!.id,
    ]);
    expect(building.households.totalCount).toBe(ids.length);
    expect(building.households.nodes.map((n: any) => uuidOf(n.id))).toEqual(ids.map((r) => r.id));
  });

  it('lists organizations by kind, grid, community and name', async () => {
    const token = await s.login('community_admin');
    const Q = `query($filter: OrganizationFilter) { organizations(filter: $filter, first: 100) {
      totalCount nodes { id name kind creditCode contactName contactPhone grid { code } community { name } } } }`;
    for (const kind of ['PROPERTY_COMPANY', 'NEW_SOCIAL', 'DEPARTMENT']) {
      const res = ok(await s.gql(Q, { filter: { kind } }, { token })).organizations;
      expect(res.totalCount).toBe(
        await count('select count(*) as n from organization where kind = ?', [kind]),
      );
      expect(res.nodes.every((o: any) => o.kind === kind)).toBe(true);
    }
    const inGrid = ok(await s.gql(Q, { filter: { gridId: grid1.id } }, { token })).organizations;
    expect(inGrid.totalCount).toBe(
      await count('select count(*) as n from organization where grid_id = ?', [grid1.uuid]),
    );
    expect(inGrid.nodes.every((o: any) => o.grid.code === 'SQ0101-01')).toBe(true);
    const [community] = await sql<{ id: string }>('select id from community');
    const all = ok(
      await s.gql(Q, { filter: { communityId: gid('Community', community!.id) } }, { token }),
    ).organizations;
    expect(all.totalCount).toBe(await count('select count(*) as n from organization'));
    const departments = all.nodes.filter((o: any) => o.kind === 'DEPARTMENT');
    expect(departments.every((o: any) => o.grid === null && o.community.name === '幸福社区')).toBe(true);
    const named = ok(await s.gql(Q, { filter: { nameContains: '业主委员会' } }, { token })).organizations;
    expect(named.totalCount).toBe(
      await count("select count(*) as n from organization where name like '%业主委员会%'"),
    );
    expect(named.totalCount).toBe(9);
  });
});

describe('personal data', () => {
  it('masks ID numbers and phones of residents everywhere they appear', async () => {
    const token = await s.login('admin');
    const res = await s.gql(
      `{ residents(first: 100) { nodes { id idNumber phone } }
         households(first: 30) { nodes { residents(first: 10) { nodes { id idNumber phone } } } } }`,
      {},
      { token },
    );
    const data = ok(res);
    const raw = new Map(
      (
        await sql<{ id: string; id_number: string | null; phone: string | null }>(
          'select id, id_number, phone from resident',
        )
      ).map((r) => [r.id, r]),
    );
    const shown = [...data.residents.nodes, ...data.households.nodes.flatMap((h: any) => h.residents.nodes)];
    expect(shown.length).toBeGreaterThan(100);
    const body = JSON.stringify(res);
    for (const n of shown) {
      const r = raw.get(uuidOf(n.id))!;
      if (r.id_number) {
        expect(n.idNumber).toBe(`${r.id_number.slice(0, 3)}***********${r.id_number.slice(14)}`);
        expect(body).not.toContain(r.id_number);
      } else {
        expect(n.idNumber).toBeNull();
      }
      if (r.phone) {
        expect(n.phone).toBe(`${r.phone.slice(0, 3)}${'*'.repeat(r.phone.length - 7)}${r.phone.slice(-4)}`);
        expect(body).not.toContain(r.phone);
      } else {
        expect(n.phone).toBeNull();
      }
    }
    expect(shown.some((n: any) => /^1\d{2}\*{4}\d{4}$/.test(n.phone ?? ''))).toBe(true);
    expect(shown.some((n: any) => /^\d{3}\*{11}[\dX]{4}$/.test(n.idNumber ?? ''))).toBe(true);
  });

  it('masks organization contact phones', async () => {
    const res = await s.gql(
      '{ organizations(first: 100) { nodes { id contactPhone } } }',
      {},
      {
        token: await s.login('admin'),
      },
    );
    const raw = new Map(
      (await sql<{ id: string; contact_phone: string }>('select id, contact_phone from organization')).map(
        (r) => [r.id, r.contact_phone],
      ),
    );
    const body = JSON.stringify(res);
    for (const o of ok(res).organizations.nodes) {
      const phone = raw.get(uuidOf(o.id))!;
      expect(o.contactPhone).toBe(`${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}`);
      expect(body).not.toContain(phone);
    }
  });

  it('shows sensitive tags to administrators and grid chiefs only; others see needsSupport', async () => {
    const [r] = await sql<{ id: string }>(
      `select t.resident_id as id from resident_tag t join resident r on r.id = t.resident_id
        where t.kind = 'DISABLED' and r.grid_id = ? limit 1`,
      [grid1.uuid],
    );
    const kinds = (
      await sql<{ kind: string }>('select kind from resident_tag where resident_id = ?', [r!.id])
    ).map((t) => t.kind);
    const Q = 'query($id: ID!) { node(id: $id) { ... on Resident { tags needsSupport } } }';
    const id = gid('Resident', r!.id);
    for (const user of ['admin', 'community_admin', 'grid_chief_test']) {
      const seen = ok(await s.gql(Q, { id }, { token: await s.login(user) })).node;
      expect(seen.needsSupport).toBe(true);
      expect([...seen.tags].sort()).toEqual([...kinds].sort());
    }
    const worker = ok(await s.gql(Q, { id }, { token: await s.login('grid_worker') })).node;
    expect(worker.needsSupport).toBe(true);
    expect(worker.tags).not.toContain('DISABLED');
    expect([...worker.tags].sort()).toEqual(
      kinds.filter((k) => !['DISABLED', 'LOW_INCOME', 'SPECIAL_HARDSHIP'].includes(k)).sort(),
    );
    // Across a whole page, a grid worker never sees a sensitive tag.
    const page = ok(
      await s.gql(
        RESIDENTS,
        { first: 100, filter: { needsSupport: true } },
        { token: await s.login('grid_worker') },
      ),
    ).residents;
    expect(page.totalCount).toBe(
      await count(
        `select count(distinct t.resident_id) as n from resident_tag t join resident r on r.id = t.resident_id
          where r.grid_id = ? and t.kind in ('DISABLED', 'LOW_INCOME', 'SPECIAL_HARDSHIP')`,
        [grid1.uuid],
      ),
    );
    for (const n of page.nodes) {
      expect(n.needsSupport).toBe(true);
      expect(
        n.tags.filter((t: string) => ['DISABLED', 'LOW_INCOME', 'SPECIAL_HARDSHIP'].includes(t)),
      ).toEqual([]);
    }
  });

  it('refuses filtering by a sensitive tag to viewers who may not see it', async () => {
    const worker = await s.login('grid_worker');
    for (const tags of [['DISABLED'], ['VETERAN', 'LOW_INCOME'], ['SPECIAL_HARDSHIP']]) {
      const res = await s.gql(RESIDENTS, { filter: { tags } }, { token: worker });
      expect(errorCode(res)).toBe('FORBIDDEN');
      expect(res.data).toBeNull();
    }
    expect(await residentsTotal({ tags: ['VETERAN'] }, 'grid_worker')).toBe(
      await count(
        `select count(*) as n from resident_tag t join resident r on r.id = t.resident_id
          where r.grid_id = ? and t.kind = 'VETERAN'`,
        [grid1.uuid],
      ),
    );
    expect(await residentsTotal({ tags: ['LOW_INCOME'] }, 'grid_chief_test')).toBe(
      await count(
        `select count(*) as n from resident_tag t join resident r on r.id = t.resident_id
          where r.grid_id = ? and t.kind = 'LOW_INCOME'`,
        [grid1.uuid],
      ),
    );
  });
});

describe('jurisdiction', () => {
  it('a grid worker sees only their grid’s residents, households and organizations in lists', async () => {
    const token = await s.login('grid_worker');
    const data = ok(
      await s.gql(
        '{ residents { totalCount } households { totalCount } organizations(first: 100) { totalCount nodes { grid { code } } } }',
        {},
        { token },
      ),
    );
    expect(data.residents.totalCount).toBe(
      await count('select count(*) as n from resident where grid_id = ?', [grid1.uuid]),
    );
    expect(data.households.totalCount).toBe(
      await count('select count(*) as n from household where grid_id = ?', [grid1.uuid]),
    );
    expect(data.organizations.totalCount).toBe(
      await count('select count(*) as n from organization where grid_id = ?', [grid1.uuid]),
    );
    expect(data.organizations.nodes.every((o: any) => o.grid.code === 'SQ0101-01')).toBe(true);
    // Asking for another grid's records by filter returns nothing.
    expect(await residentsTotal({ gridId: grid2.id }, 'grid_worker')).toBe(0);
    const [b2] = await sql<{ id: string }>('select id from building where grid_id = ? limit 1', [grid2.uuid]);
    expect(await residentsTotal({ buildingId: gid('Building', b2!.id) }, 'grid_worker')).toBe(0);
    const hh = ok(
      await s.gql(
        'query($f: HouseholdFilter) { households(filter: $f) { totalCount } }',
        { f: { gridId: grid2.id } },
        {
          token,
        },
      ),
    );
    expect(hh.households.totalCount).toBe(0);
    const orgs = ok(
      await s.gql(
        'query($f: OrganizationFilter) { organizations(filter: $f) { totalCount } }',
        { f: { gridId: grid2.id } },
        {
          token,
        },
      ),
    );
    expect(orgs.organizations.totalCount).toBe(0);
  });

  it('node(id) of another grid’s resident, household or organization is NOT_FOUND', async () => {
    const token = await s.login('grid_worker');
    const [r] = await sql<{ id: string; household_id: string }>(
      'select id, household_id from resident where grid_id = ? limit 1',
      [grid2.uuid],
    );
    const [o] = await sql<{ id: string }>('select id from organization where grid_id = ? limit 1', [
      grid2.uuid,
    ]);
    for (const id of [
      gid('Resident', r!.id),
      gid('Household', r!.household_id),
      gid('Organization', o!.id),
    ]) {
      const res = await s.gql('query($id: ID!) { node(id: $id) { id } }', { id }, { token });
      expect(errorCode(res)).toBe('NOT_FOUND');
      expect(res.data?.node ?? null).toBeNull();
      // The same id is visible to its own grid's worker.
      expect(
        ok(
          await s.gql(
            'query($id: ID!) { node(id: $id) { id } }',
            { id },
            { token: await s.login('grid_worker2') },
          ),
        ).node.id,
      ).toBe(id);
    }
  });

  it('nested paths never lead into another grid, even when stale data points there', async () => {
    const worker = await s.login('grid_worker');
    const admin = await s.login('community_admin');
    // Plant rows that point across grids, as an interrupted re-gridding could leave them.
    const [h1] = await sql<{ id: string; building_id: string }>(
      'select id, building_id from household where grid_id = ? order by id limit 1',
      [grid1.uuid],
    );
    const [r2] = await sql<{ id: string; household_id: string }>(
      'select id, household_id from resident where grid_id = ? order by id limit 1',
      [grid2.uuid],
    );
    const [r1] = await sql<{ id: string }>(
      'select id from resident where grid_id = ? and household_id <> ? limit 1',
      [grid1.uuid, h1!.id],
    );
    const [h2] = await sql<{ id: string }>('select id from household where grid_id = ? order by id limit 1', [
      grid2.uuid,
    ]);
    const em = s.em();
    const conn = em.getConnection();
    const [orig] = await sql<{ household_id: string; building_id: string }>(
      'select household_id, building_id from resident where id = ?',
      [r1!.id],
    );
    const [origH2] = await sql<{ building_id: string }>('select building_id from household where id = ?', [
      h2!.id,
    ]);
    const [origR2] = await sql<{ household_id: string }>('select household_id from resident where id = ?', [
      r2!.id,
    ]);
    await conn.execute('update resident set household_id = ? where id = ?', [h1!.id, r2!.id]);
    await conn.execute('update household set building_id = ? where id = ?', [h1!.building_id, h2!.id]);
    await conn.execute('update resident set household_id = ? where id = ?', [h2!.id, r1!.id]);
    try {
      const Q = `query($id: ID!) { node(id: $id) { ... on Household {
        memberCount residents(first: 100) { totalCount nodes { id } }
        building { residentCount households(first: 100) { totalCount nodes { id } } } } } }`;
      const seen = ok(await s.gql(Q, { id: gid('Household', h1!.id) }, { token: worker })).node;
      const ids = seen.residents.nodes.map((n: any) => uuidOf(n.id));
      expect(ids).not.toContain(r2!.id);
      expect(seen.memberCount).toBe(
        await count('select count(*) as n from resident where household_id = ? and grid_id = ?', [
          h1!.id,
          grid1.uuid,
        ]),
      );
      expect(seen.residents.totalCount).toBe(seen.memberCount);
      expect(seen.building.households.nodes.map((n: any) => uuidOf(n.id))).not.toContain(h2!.id);
      expect(seen.building.households.totalCount).toBe(
        await count('select count(*) as n from household where building_id = ? and grid_id = ?', [
          h1!.building_id,
          grid1.uuid,
        ]),
      );
      // An administrator of the community sees both.
      const all = ok(await s.gql(Q, { id: gid('Household', h1!.id) }, { token: admin })).node;
      expect(all.residents.nodes.map((n: any) => uuidOf(n.id))).toContain(r2!.id);
      expect(all.building.households.nodes.map((n: any) => uuidOf(n.id))).toContain(h2!.id);
      // A grid-1 resident whose household sits in grid 2: the household reads as absent.
      const viaResident = ok(
        await s.gql(
          'query($id: ID!) { node(id: $id) { ... on Resident { household { id } grid { code } } } }',
          {
            id: gid('Resident', r1!.id),
          },
          { token: worker },
        ),
      ).node;
      expect(viaResident).toEqual({ household: null, grid: { code: 'SQ0101-01' } });
    } finally {
      await conn.execute('update resident set household_id = ? where id = ?', [origR2!.household_id, r2!.id]);
      await conn.execute('update household set building_id = ? where id = ?', [origH2!.building_id, h2!.id]);
      await conn.execute('update resident set household_id = ? where id = ?', [orig!.household_id, r1!.id]);
    }
  });

  it('grid counts for a grid worker cover their own grid', async () => {
    const token = await s.login('grid_worker');
    const grids = ok(await s.gql('{ grids { nodes { code householdCount residentCount } } }', {}, { token }))
      .grids.nodes;
    expect(grids).toEqual([
      {
        code: 'SQ0101-01',
        householdCount: await count('select count(*) as n from household where grid_id = ?', [grid1.uuid]),
        residentCount: await count('select count(*) as n from resident where grid_id = ?', [grid1.uuid]),
      },
    ]);
  });

  it('refuses writes into another grid with FORBIDDEN and writes nothing', async () => {
    const token = await s.login('grid_worker');
    const [r2] = await sql<{ id: string; household_id: string }>(
      'select id, household_id from resident where grid_id = ? limit 1',
      [grid2.uuid],
    );
    const [o2] = await sql<{ id: string }>('select id from organization where grid_id = ? limit 1', [
      grid2.uuid,
    ]);
    const before = await footprint();
    const attempts = [
      s.gql(
        'mutation($id: ID!) { updateResident(id: $id, input: { phone: "13900000000" }) { id } }',
        {
          id: gid('Resident', r2!.id),
        },
        { token },
      ),
      s.gql(
        'mutation($id: ID!) { setResidentTags(residentId: $id, tags: [VETERAN]) { id } }',
        {
          id: gid('Resident', r2!.id),
        },
        { token },
      ),
      s.gql(
        'mutation($id: ID!) { updateHousehold(id: $id, input: { room: "999" }) { id } }',
        {
          id: gid('Household', r2!.household_id),
        },
        { token },
      ),
      s.gql(
        'mutation($g: ID!) { createHousehold(input: { gridId: $g, address: "x" }) { id } }',
        { g: grid2.id },
        { token },
      ),
      s.gql(
        'mutation($h: ID!) { createResident(input: { householdId: $h, name: "越界" }) { id } }',
        {
          h: gid('Household', r2!.household_id),
        },
        { token },
      ),
      s.gql(
        'mutation($g: ID!) { createOrganization(input: { gridId: $g, name: "x", kind: ENTERPRISE }) { id } }',
        {
          g: grid2.id,
        },
        { token },
      ),
      s.gql(
        'mutation($id: ID!) { updateOrganization(id: $id, input: { name: "x" }) { id } }',
        {
          id: gid('Organization', o2!.id),
        },
        { token },
      ),
    ];
    for (const res of await Promise.all(attempts)) expect(errorCode(res)).toBe('FORBIDDEN');
    expect(await footprint()).toEqual(before);
  });

  it('asks for sign-in before any people data', async () => {
    for (const q of [
      '{ residents { totalCount } }',
      '{ households { totalCount } }',
      '{ organizations { totalCount } }',
    ]) {
      expect(errorCode(await s.gql(q))).toBe('UNAUTHENTICATED');
    }
  });
});

describe('integration keys', () => {
  it('a people:read key of a community reads masked data with the needs-support marker, and cannot write', async () => {
    const admin = await s.login('community_admin');
    const [community] = await sql<{ id: string }>('select id from community');
    const created = ok(
      await s.gql(
        'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { key } }',
        {
          input: {
            name: '区数据平台',
            scopes: ['people:read'],
            communityId: gid('Community', community!.id),
          },
        },
        { token: admin },
      ),
    ).createApiKey;
    const key = { headers: { 'x-api-key': created.key } };
    const [r] = await sql<{ id: string; id_number: string }>(
      `select r.id, r.id_number from resident r join resident_tag t on t.resident_id = r.id
        where t.kind = 'LOW_INCOME' and r.id_number is not null limit 1`,
    );
    const seen = ok(
      await s.gql(
        'query($id: ID!) { node(id: $id) { ... on Resident { idNumber tags needsSupport } } }',
        {
          id: gid('Resident', r!.id),
        },
        key,
      ),
    ).node;
    expect(seen.idNumber).toBe(`${r!.id_number.slice(0, 3)}***********${r!.id_number.slice(14)}`);
    expect(seen.needsSupport).toBe(true);
    expect(seen.tags).not.toContain('LOW_INCOME');
    expect(errorCode(await s.gql(RESIDENTS, { filter: { tags: ['LOW_INCOME'] } }, key))).toBe('FORBIDDEN');
    expect(ok(await s.gql('{ residents { totalCount } }', {}, key)).residents.totalCount).toBe(
      await count('select count(*) as n from resident'),
    );
    const before = await footprint();
    const write = await s.gql(
      'mutation($g: ID!) { createHousehold(input: { gridId: $g, address: "接口写入" }) { id } }',
      { g: grid1.id },
      key,
    );
    expect(errorCode(write)).toBe('FORBIDDEN');
    expect(await footprint()).toEqual(before);
  });
});

describe('writes', () => {
  const CREATE_RESIDENT = `mutation($input: CreateResidentInput!) { createResident(input: $input) {
    id name gender birthDate age idNumber phone residency relationToHead refusedInfo tags needsSupport
    household { id } building { id } unit { id } grid { code } } }`;

  async function placeInGrid1() {
    const [u] = await sql<{ id: string; building_id: string }>(
      'select u.id, u.building_id from building_unit u where u.grid_id = ? order by u.id limit 1',
      [grid1.uuid],
    );
    const [u2] = await sql<{ id: string; building_id: string }>(
      'select id, building_id from building_unit where grid_id = ? and building_id <> ? order by id limit 1',
      [grid1.uuid, u!.building_id],
    );
    return {
      building: gid('Building', u!.building_id),
      unit: gid('BuildingUnit', u!.id),
      building2: gid('Building', u2!.building_id),
      unit2: gid('BuildingUnit', u2!.id),
    };
  }

  it('a grid worker registers a household and its members; placement and identity are derived', async () => {
    const token = await s.login('grid_worker');
    const place = await placeInGrid1();
    const household = ok(
      await s.gql(
        `mutation($input: CreateHouseholdInput!) { createHousehold(input: $input) {
          id address room householdNumber memberCount grid { code } building { id } unit { id } } }`,
        {
          input: {
            gridId: grid1.id,
            unitId: place.unit,
            address: '东湖路101号1号楼1单元1801室',
            room: '1801',
          },
        },
        { token },
      ),
    ).createHousehold;
    expect(household).toMatchObject({
      address: '东湖路101号1号楼1单元1801室',
      room: '1801',
      householdNumber: null,
      memberCount: 0,
      grid: { code: 'SQ0101-01' },
      building: { id: place.building },
      unit: { id: place.unit },
    });
    const id = idNumber('1950-03-07', true, 91);
    const head = ok(
      await s.gql(
        CREATE_RESIDENT,
        {
          input: {
            householdId: household.id,
            name: '欧阳建国',
            idNumber: id,
            phone: '13812345678',
            residency: 'REGISTERED',
            relationToHead: '户主',
            tags: ['VETERAN', 'EMPTY_NEST'],
          },
        },
        { token },
      ),
    ).createResident;
    expect(head).toMatchObject({
      name: '欧阳建国',
      gender: 'MALE',
      birthDate: '1950-03-07',
      age: ageOn('1950-03-07', todayInChina()),
      idNumber: `${id.slice(0, 3)}***********${id.slice(14)}`,
      phone: '138****5678',
      residency: 'REGISTERED',
      relationToHead: '户主',
      refusedInfo: false,
      tags: ['EMPTY_NEST', 'VETERAN'],
      needsSupport: false,
      household: { id: household.id },
      building: { id: place.building },
      unit: { id: place.unit },
      grid: { code: 'SQ0101-01' },
    });
    // The stored ID number is the full one, upper-cased; the API only ever shows it masked.
    const [stored] = await sql<{ id_number: string }>('select id_number from resident where id = ?', [
      uuidOf(head.id),
    ]);
    expect(stored!.id_number).toBe(id);
    // A landline, a lower-case x in an ID number, and a resident who refuses the rest.
    const xId = (() => {
      for (let seq = 10; seq < 99; seq++) {
        const candidate = idNumber('1953-11-20', false, seq);
        if (candidate.endsWith('X')) return candidate;
      }
      throw new Error('no X check digit found');
    })();
    const spouse = ok(
      await s.gql(
        CREATE_RESIDENT,
        {
          input: {
            householdId: household.id,
            name: '李秀英',
            idNumber: xId.toLowerCase(),
            phone: '027-88881234',
          },
        },
        { token },
      ),
    ).createResident;
    expect(spouse).toMatchObject({ gender: 'FEMALE', birthDate: '1953-11-20', phone: '027*****1234' });
    expect(spouse.idNumber).toMatch(/^\d{3}\*{11}\d{3}X$/);
    const refusing = ok(
      await s.gql(
        CREATE_RESIDENT,
        { input: { householdId: household.id, name: '王某', refusedInfo: true } },
        { token },
      ),
    ).createResident;
    expect(refusing).toMatchObject({
      refusedInfo: true,
      idNumber: null,
      phone: null,
      birthDate: null,
      age: null,
      gender: null,
    });
    const counted = ok(
      await s.gql(
        'query($id: ID!) { node(id: $id) { ... on Household { memberCount } } }',
        { id: household.id },
        {
          token,
        },
      ),
    ).node;
    expect(counted.memberCount).toBe(3);

    // A resident without a household sits in a grid, optionally a building of it.
    const loose = ok(
      await s.gql(
        CREATE_RESIDENT,
        { input: { gridId: grid1.id, buildingId: place.building2, name: '赵流动', residency: 'FLOATING' } },
        { token },
      ),
    ).createResident;
    expect(loose).toMatchObject({
      household: null,
      building: { id: place.building2 },
      unit: null,
      grid: { code: 'SQ0101-01' },
    });

    // Moving the household to another building moves its members too.
    const moved = ok(
      await s.gql(
        `mutation($id: ID!, $unit: ID!) { updateHousehold(id: $id, input: { unitId: $unit, householdNumber: "SQ0101-01-9001" }) {
          building { id } unit { id } householdNumber residents { nodes { building { id } unit { id } } } } }`,
        { id: household.id, unit: place.unit2 },
        { token },
      ),
    ).updateHousehold;
    expect(moved.building.id).toBe(place.building2);
    expect(moved.householdNumber).toBe('SQ0101-01-9001');
    expect(moved.residents.nodes).toHaveLength(3);
    for (const r of moved.residents.nodes)
      expect(r).toEqual({ building: { id: place.building2 }, unit: { id: place.unit2 } });
    const cleared = ok(
      await s.gql(
        'mutation($id: ID!) { updateHousehold(id: $id, input: { buildingId: null, room: null }) { building { id } unit { id } room } }',
        { id: household.id },
        { token },
      ),
    ).updateHousehold;
    expect(cleared).toEqual({ building: null, unit: null, room: null });

    const events = await eventsOf(['household.created', 'household.updated', 'resident.created']);
    const mine = events.filter((e: any) =>
      [household.id, head.id, spouse.id, refusing.id, loose.id].includes(e.subjectId),
    );
    expect(mine.map((e: any) => e.type)).toEqual([
      'household.created',
      'resident.created',
      'resident.created',
      'resident.created',
      'resident.created',
      'household.updated',
      'household.updated',
    ]);
    // Placed in the grid, so the grid's feed and webhooks carry them.
    expect(mine.every((e: any) => e.gridId === grid1.uuid)).toBe(true);
    expect(mine[0].payload).toEqual({ fields: ['buildingId', 'unitId', 'address', 'room'] });
    expect(mine[1].payload).toEqual({
      householdId: household.id,
      fields: [
        'householdId',
        'gridId',
        'buildingId',
        'unitId',
        'name',
        'gender',
        'birthDate',
        'idNumber',
        'phone',
        'residency',
        'relationToHead',
        'tags',
      ],
    });
    expect(mine[5].payload).toEqual({ changed: ['buildingId', 'unitId', 'householdNumber'] });
    expect(mine[6].payload).toEqual({ changed: ['buildingId', 'unitId', 'room'] });
    const text = JSON.stringify(mine);
    for (const personal of [id, xId, '13812345678', '88881234', '欧阳建国', '1950-03-07', '东湖路101号']) {
      expect(text).not.toContain(personal);
    }
  });

  it('updates a resident: clears fields with null, derives identity from a new ID number, moves households', async () => {
    const token = await s.login('grid_worker');
    const [r] = await sql<{ id: string; household_id: string }>(
      `select id, household_id from resident where grid_id = ? and phone is not null and relation_to_head is not null
        and id_number is not null and gender = 'MALE' order by id limit 1`,
      [grid1.uuid],
    );
    const [other] = await sql<{ id: string; building_id: string }>(
      `select id, building_id from household where grid_id = ? and unit_id is not null
        and building_id <> (select building_id from household where id = ?) order by id limit 1`,
      [grid1.uuid, r!.household_id],
    );
    const U = `mutation($id: ID!, $input: UpdateResidentInput!) { updateResident(id: $id, input: $input) {
      name gender birthDate phone residency relationToHead refusedInfo household { id } building { id } } }`;
    const id = gid('Resident', r!.id);
    const cleared = ok(
      await s.gql(
        U,
        { id, input: { phone: null, relationToHead: null, residency: null, refusedInfo: true } },
        { token },
      ),
    ).updateResident;
    expect(cleared).toMatchObject({ phone: null, relationToHead: null, residency: null, refusedInfo: true });
    const newId = idNumber('1988-12-31', false, 77);
    const reidentified = ok(
      await s.gql(
        U,
        { id, input: { idNumber: newId, name: '改名后', householdId: gid('Household', other!.id) } },
        {
          token,
        },
      ),
    ).updateResident;
    expect(reidentified).toMatchObject({
      name: '改名后',
      gender: 'FEMALE',
      birthDate: '1988-12-31',
      household: { id: gid('Household', other!.id) },
      building: { id: gid('Building', other!.building_id) },
    });
    const events = (await eventsOf(['resident.updated'])).filter((e: any) => e.subjectId === id);
    expect(events.map((e: any) => e.payload)).toEqual([
      { changed: ['phone', 'residency', 'relationToHead', 'refusedInfo'] },
      { changed: ['householdId', 'buildingId', 'unitId', 'name', 'gender', 'birthDate', 'idNumber'] },
    ]);
    expect(JSON.stringify(events)).not.toContain(newId);
  });

  it('sets tags; a grid worker can neither set nor remove sensitive tags', async () => {
    const [r] = await sql<{ id: string }>(
      `select t.resident_id as id from resident_tag t join resident r on r.id = t.resident_id
        where t.kind = 'DISABLED' and r.grid_id = ? order by t.resident_id limit 1`,
      [grid1.uuid],
    );
    const id = gid('Resident', r!.id);
    const S =
      'mutation($id: ID!, $tags: [ResidentTagKind!]!) { setResidentTags(residentId: $id, tags: $tags) { tags needsSupport } }';
    const tagsOf = async () =>
      (
        await sql<{ kind: string }>('select kind from resident_tag where resident_id = ? order by kind', [
          r!.id,
        ])
      ).map((t) => t.kind);
    const worker = await s.login('grid_worker');
    const forbidden = await s.gql(S, { id, tags: ['VETERAN', 'LOW_INCOME'] }, { token: worker });
    expect(errorCode(forbidden)).toBe('FORBIDDEN');
    const set = ok(
      await s.gql(S, { id, tags: ['VETERAN', 'NEEDS_CARE'] }, { token: worker }),
    ).setResidentTags;
    expect(set).toEqual({ tags: ['NEEDS_CARE', 'VETERAN'], needsSupport: true });
    expect(await tagsOf()).toEqual(['DISABLED', 'NEEDS_CARE', 'VETERAN']);
    const chief = await s.login('grid_chief_test');
    const byChief = ok(await s.gql(S, { id, tags: ['LOW_INCOME'] }, { token: chief })).setResidentTags;
    expect(byChief).toEqual({ tags: ['LOW_INCOME'], needsSupport: true });
    expect(await tagsOf()).toEqual(['LOW_INCOME']);
    const none = ok(await s.gql(S, { id, tags: [] }, { token: chief })).setResidentTags;
    expect(none).toEqual({ tags: [], needsSupport: false });
    const events = (await eventsOf(['resident.tags_changed'])).filter((e: any) => e.subjectId === id);
    expect(events.map((e: any) => e.payload)).toEqual([
      { changed: ['tags'] },
      { changed: ['tags'] },
      { changed: ['tags'] },
    ]);
  });

  it('creates and updates organizations, in a grid or at community level', async () => {
    const worker = await s.login('grid_worker');
    const admin = await s.login('community_admin');
    const [community] = await sql<{ id: string }>('select id from community');
    const C = `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) {
      id name kind creditCode address contactName contactPhone grid { code } community { name } } }`;
    const org = ok(
      await s.gql(
        C,
        {
          input: {
            gridId: grid1.id,
            name: '东湖便民超市',
            kind: 'NEW_ECONOMIC',
            creditCode: '91350100M000100Y43',
            contactName: '张经理',
            contactPhone: '13912345678',
          },
        },
        { token: worker },
      ),
    ).createOrganization;
    expect(org).toMatchObject({
      name: '东湖便民超市',
      kind: 'NEW_ECONOMIC',
      creditCode: '91350100M000100Y43',
      contactPhone: '139****5678',
      grid: { code: 'SQ0101-01' },
      community: { name: '幸福社区' },
    });
    const updated = ok(
      await s.gql(
        'mutation($id: ID!) { updateOrganization(id: $id, input: { contactPhone: null, address: "东湖路8号", kind: ENTERPRISE }) { kind address contactPhone } }',
        { id: org.id },
        { token: worker },
      ),
    ).updateOrganization;
    expect(updated).toEqual({ kind: 'ENTERPRISE', address: '东湖路8号', contactPhone: null });
    // Community-level organizations are for administrators of the community.
    const communityLevel = {
      communityId: gid('Community', community!.id),
      name: '社区卫生站',
      kind: 'INSTITUTION',
    };
    expect(errorCode(await s.gql(C, { input: communityLevel }, { token: worker }))).toBe('FORBIDDEN');
    const dept = ok(await s.gql(C, { input: communityLevel }, { token: admin })).createOrganization;
    expect(dept).toMatchObject({ grid: null, community: { name: '幸福社区' } });
    const events = (await eventsOf(['organization.created', 'organization.updated'])).filter(
      (e: any) => e.subjectId === org.id,
    );
    expect(events).toEqual([
      {
        subjectId: org.id,
        type: 'organization.created',
        payload: { fields: ['name', 'kind', 'creditCode', 'contactName', 'contactPhone'] },
        gridId: grid1.uuid,
      },
      {
        subjectId: org.id,
        type: 'organization.updated',
        payload: { changed: ['kind', 'address', 'contactPhone'] },
        gridId: grid1.uuid,
      },
    ]);
  });
});

describe('bad input', () => {
  const CREATE = 'mutation($input: CreateResidentInput!) { createResident(input: $input) { id } }';

  it('refuses bad residents with the field named, and writes nothing', async () => {
    const token = await s.login('grid_worker');
    const valid = idNumber('1990-03-07', true, 55);
    const wrongCheck = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0');
    const badDateBody = '42010619900230123';
    const futureBody = '420106' + '20991231' + '123';
    const base = { gridId: grid1.id, name: '测试居民' };
    const cases: [Record<string, unknown>, string][] = [
      [{ idNumber: wrongCheck }, 'input.idNumber'],
      [{ idNumber: badDateBody + checkChar(badDateBody) }, 'input.idNumber'],
      [{ idNumber: futureBody + checkChar(futureBody) }, 'input.idNumber'],
      [{ idNumber: '12345' }, 'input.idNumber'],
      [{ idNumber: valid, birthDate: '1990-03-08' }, 'input.birthDate'],
      [{ idNumber: valid, gender: 'FEMALE' }, 'input.gender'],
      [{ birthDate: '2999-01-01' }, 'input.birthDate'],
      [{ birthDate: '1899-12-31' }, 'input.birthDate'],
      [{ phone: '12345678901' }, 'input.phone'],
      [{ phone: '1381234567' }, 'input.phone'],
      [{ phone: '88881234' }, 'input.phone'],
      [{ name: '' }, 'input.name'],
      [{ name: '   ' }, 'input.name'],
      [{ name: '名'.repeat(51) }, 'input.name'],
      [{ name: '坏\u0007名' }, 'input.name'],
      [{ relationToHead: 'x'.repeat(33) }, 'input.relationToHead'],
      [{ gridId: undefined }, 'input.householdId'],
      [{ gridId: 'nope' }, 'input.gridId'],
    ];
    const before = await footprint();
    for (const [patch, field] of cases) {
      const res = await s.gql(CREATE, { input: { ...base, ...patch } }, { token });
      expect([JSON.stringify(patch), errorCode(res)]).toEqual([JSON.stringify(patch), 'BAD_USER_INPUT']);
      expect([JSON.stringify(patch), fieldOf(res)]).toEqual([JSON.stringify(patch), field]);
    }
    // A date that is not a calendar date is refused by the scalar itself.
    expect(errorCode(await s.gql(CREATE, { input: { ...base, birthDate: '2023-02-30' } }, { token }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(errorCode(await s.gql(CREATE, { input: { ...base, residency: 'TOURIST' } }, { token }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(await footprint()).toEqual(before);
  });

  it('answers a duplicate ID number with a generic CONFLICT, wherever the other record lives', async () => {
    const token = await s.login('grid_worker');
    const [elsewhere] = await sql<{ id_number: string }>(
      'select id_number from resident where grid_id = ? and id_number is not null limit 1',
      [grid2.uuid],
    );
    const [here] = await sql<{ id_number: string; id: string }>(
      'select id, id_number from resident where grid_id = ? and id_number is not null limit 1',
      [grid1.uuid],
    );
    const before = await footprint();
    const messages: string[] = [];
    for (const existing of [elsewhere!.id_number, here!.id_number]) {
      const res = await s.gql(
        CREATE,
        { input: { gridId: grid1.id, name: '重复', idNumber: existing } },
        { token },
      );
      expect(errorCode(res)).toBe('CONFLICT');
      messages.push(res.errors![0]!.message);
    }
    expect(messages[0]).toBe(messages[1]);
    expect(messages[0]).not.toMatch(/SQ0101|网格|grid/i);
    const [other] = await sql<{ id: string }>(
      'select id from resident where grid_id = ? and id <> ? limit 1',
      [grid1.uuid, here!.id],
    );
    const update = await s.gql(
      'mutation($id: ID!, $n: String!) { updateResident(id: $id, input: { idNumber: $n }) { id } }',
      { id: gid('Resident', other!.id), n: elsewhere!.id_number },
      { token },
    );
    expect(errorCode(update)).toBe('CONFLICT');
    expect(await footprint()).toEqual(before);
  });

  it('refuses placements outside the grid, bad updates, bad organizations and bad filters', async () => {
    const token = await s.login('grid_worker');
    const [b2] = await sql<{ id: string }>('select id from building where grid_id = ? limit 1', [grid2.uuid]);
    const [u1] = await sql<{ id: string; building_id: string }>(
      'select id, building_id from building_unit where grid_id = ? order by id limit 1',
      [grid1.uuid],
    );
    const [b1other] = await sql<{ id: string }>(
      'select id from building where grid_id = ? and id <> ? limit 1',
      [grid1.uuid, u1!.building_id],
    );
    const [h1] = await sql<{ id: string; building_id: string }>(
      'select id, building_id from household where grid_id = ? limit 1',
      [grid1.uuid],
    );
    const [r1] = await sql<{ id: string }>('select id from resident where household_id = ? limit 1', [
      h1!.id,
    ]);
    const H = 'mutation($input: CreateHouseholdInput!) { createHousehold(input: $input) { id } }';
    const before = await footprint();
    const cases: [Promise<GqlResult>, string][] = [
      [
        s.gql(
          H,
          { input: { gridId: grid1.id, buildingId: gid('Building', b2!.id), address: 'x' } },
          { token },
        ),
        'input.buildingId',
      ],
      [
        s.gql(
          H,
          {
            input: {
              gridId: grid1.id,
              buildingId: gid('Building', b1other!.id),
              unitId: gid('BuildingUnit', u1!.id),
              address: 'x',
            },
          },
          { token },
        ),
        'input.unitId',
      ],
      [s.gql(H, { input: { gridId: grid1.id, address: '' } }, { token }), 'input.address'],
      [
        s.gql(H, { input: { gridId: grid1.id, address: 'x', room: 'r'.repeat(33) } }, { token }),
        'input.room',
      ],
      [s.gql(H, { input: { gridId: gid('Building', b2!.id), address: 'x' } }, { token }), 'input.gridId'],
      [
        s.gql(
          'mutation($id: ID!) { updateHousehold(id: $id, input: { address: null }) { id } }',
          { id: gid('Household', h1!.id) },
          { token },
        ),
        'input.address',
      ],
      [
        s.gql(
          'mutation($id: ID!, $b: ID!) { updateHousehold(id: $id, input: { buildingId: $b }) { id } }',
          {
            id: gid('Household', h1!.id),
            b: gid('Building', b2!.id),
          },
          { token },
        ),
        'input.buildingId',
      ],
      [
        s.gql(
          'mutation($id: ID!) { updateResident(id: $id, input: { name: null }) { id } }',
          { id: gid('Resident', r1!.id) },
          { token },
        ),
        'input.name',
      ],
      [
        s.gql(
          'mutation($id: ID!, $b: ID!) { updateResident(id: $id, input: { buildingId: $b }) { id } }',
          {
            id: gid('Resident', r1!.id),
            b: gid('Building', b1other!.id),
          },
          { token },
        ),
        'input.buildingId',
      ],
      [
        s.gql(
          'mutation($id: ID!) { updateResident(id: $id, input: { phone: "110" }) { id } }',
          { id: gid('Resident', r1!.id) },
          { token },
        ),
        'input.phone',
      ],
      [
        s.gql(
          'mutation($h: ID!, $b: ID!) { createResident(input: { householdId: $h, buildingId: $b, name: "x" }) { id } }',
          {
            h: gid('Household', h1!.id),
            b: gid('Building', b2!.id),
          },
          { token },
        ),
        'input.buildingId',
      ],
      [
        s.gql(
          'mutation($g: ID!) { createOrganization(input: { gridId: $g, name: "x", kind: ENTERPRISE, creditCode: "91350100M000100Y44" }) { id } }',
          { g: grid1.id },
          { token },
        ),
        'input.creditCode',
      ],
      [
        s.gql(
          'mutation($g: ID!) { createOrganization(input: { gridId: $g, name: "x", kind: ENTERPRISE, contactPhone: "abc" }) { id } }',
          { g: grid1.id },
          { token },
        ),
        'input.contactPhone',
      ],
      [
        s.gql(
          'mutation { createOrganization(input: { name: "x", kind: ENTERPRISE }) { id } }',
          {},
          { token },
        ),
        'input.gridId',
      ],
      [s.gql(RESIDENTS, { filter: { ageMin: 60, ageMax: 20 } }, { token }), 'filter.ageMax'],
      [s.gql(RESIDENTS, { filter: { ageMin: -1 } }, { token }), 'filter.ageMin'],
      [s.gql(RESIDENTS, { filter: { ageMax: 1000 } }, { token }), 'filter.ageMax'],
      [s.gql(RESIDENTS, { filter: { namePrefix: 'x'.repeat(51) } }, { token }), 'filter.namePrefix'],
      [s.gql(RESIDENTS, { filter: { gridId: 'nope' } }, { token }), 'filter.gridId'],
      [s.gql(RESIDENTS, { filter: { householdId: grid1.id } }, { token }), 'filter.householdId'],
      [s.gql(RESIDENTS, { first: 101 }, { token }), 'first'],
      [
        s.gql(
          'mutation($id: ID!) { setResidentTags(residentId: $id, tags: []) { id } }',
          { id: grid1.id },
          { token },
        ),
        'residentId',
      ],
    ];
    for (const [pending, field] of cases) {
      const res = await pending;
      expect([field, errorCode(res), fieldOf(res)]).toEqual([field, 'BAD_USER_INPUT', field]);
    }
    expect(await footprint()).toEqual(before);
  });

  it('names the field in Chinese or English by Accept-Language', async () => {
    const token = await s.login('grid_worker');
    const input = { gridId: grid1.id, name: '测试', phone: '123' };
    const zh = await s.gql(CREATE, { input }, { token, locale: 'zh' });
    expect(zh.errors![0]!.message).toBe('input.phone：不是有效的手机号或固定电话号码');
    const en = await s.gql(CREATE, { input }, { token, locale: 'en' });
    expect(en.errors![0]!.message).toMatch(/^input\.phone: not a mainland mobile/);
  });
});
