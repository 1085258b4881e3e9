import { User } from '../src/auth/user.entity';
import { Household } from '../src/people/household.entity';
import { Organization, OrganizationKind } from '../src/people/organization.entity';
import {
  LogBook,
  SentimentLog,
  StaffAssignment,
  StaffMember,
  Training,
  TrainingAttendance,
} from '../src/staff';
import { createTestServer, errorCode, ok, type GqlResult, type TestServer } from './helpers/test-server';

let s: TestServer;
const ROLES = [
  'SUPERVISOR',
  'GRID_CHIEF',
  'GRID_CHIEF_ASSISTANT',
  'CO_MANAGER',
  'GRID_WORKER',
  'LIAISON',
  'MICRO_GRID_CHIEF',
  'BUILDING_HEAD',
];

const TODAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
}).format(new Date());

function shift(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function ageOn(birth: string, day: string): number {
  const [by, bm, bd] = birth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

const uuid = (gid: string) => Buffer.from(gid, 'base64url').toString('utf8').split(':')[1]!;
const gid = (type: string, id: string) => Buffer.from(`${type}:${id}`, 'utf8').toString('base64url');

function expectBad(res: GqlResult, field: string, code = 'BAD_USER_INPUT'): void {
  expect(res.errors?.[0]?.extensions).toMatchObject({ code, field });
}

/**
 * The events of one subject. The feed shows a transaction's events only once every older
 * transaction has finished, so under a busy database they may take a moment to appear.
 */
async function eventsOf(types: string[], subjectId: string, expected: number): Promise<any[]> {
  let found: any[] = [];
  for (let attempt = 0; attempt < 40; attempt++) {
    const res = ok(
      await s.gql(
        'query($t: [String!]) { events(types: $t, first: 100) { nodes { sequence type subjectId payload } } }',
        { t: types },
        { token: admin },
      ),
    );
    found = res.events.nodes.filter((e: any) => e.subjectId === subjectId);
    if (found.length >= expected) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  return found;
}

let communityId: string;
let grid1: string;
let grid2: string;
let grid3: string;
let admin: string;
let streetAdmin: string;
let worker: string;
let worker2: string;

beforeAll(async () => {
  s = await createTestServer();
  admin = await s.login('community_admin');
  streetAdmin = await s.login('street_admin');
  worker = await s.login('grid_worker');
  worker2 = await s.login('grid_worker2');
  const res = ok(
    await s.gql(
      '{ communities { nodes { id } } grids(first: 20) { nodes { id code } } }',
      {},
      { token: admin },
    ),
  );
  communityId = res.communities.nodes[0].id;
  const byCode = new Map(res.grids.nodes.map((g: any) => [g.code, g.id]));
  grid1 = byCode.get('SQ0101-01') as string;
  grid2 = byCode.get('SQ0101-02') as string;
  grid3 = byCode.get('SQ0101-03') as string;
});
afterAll(() => s.close());

/** The roster computed in plain JS from the rows, independent of the service's SQL. */
async function countRoster(
  scope: { gridId?: string; communityId?: string },
  date: string,
  bounds: number[],
): Promise<{ total: number; byRole: Record<string, number>; bands: number[]; unknown: number }> {
  const em = s.em();
  const assignments = await em.find(StaffAssignment, {});
  const members = new Map((await em.find(StaffMember, {})).map((m) => [m.id, m]));
  const active = assignments.filter(
    (a) =>
      (scope.gridId ? a.gridId === uuid(scope.gridId) : a.communityId === uuid(scope.communityId!)) &&
      a.startDate <= date &&
      (a.endDate == null || a.endDate >= date),
  );
  const byRole: Record<string, number> = {};
  for (const role of ROLES) {
    byRole[role] = new Set(active.filter((a) => a.role === role).map((a) => a.staffMemberId)).size;
  }
  const people = [...new Set(active.map((a) => a.staffMemberId))].map((id) => members.get(id)!);
  const ages = people.filter((p) => p.birthDate).map((p) => ageOn(p.birthDate!, date));
  const bands: number[] = [];
  bands.push(ages.filter((a) => a < bounds[0]!).length);
  if (bounds.length === 1) bands.push(ages.filter((a) => a >= bounds[0]!).length);
  for (let i = 1; i < bounds.length; i++) {
    const lo = i === 1 ? bounds[0]! : bounds[i - 1]! + 1;
    bands.push(ages.filter((a) => a >= lo && a <= bounds[i]!).length);
  }
  if (bounds.length > 1) bands.push(ages.filter((a) => a > bounds[bounds.length - 1]!).length);
  return { total: people.length, byRole, bands, unknown: people.length - ages.length };
}

const ROSTER = `query($scope: StaffScopeInput!, $date: LocalDate, $bands: [Int!]!) {
  roster(scope: $scope, date: $date, ageBands: $bands) {
    date total unknownAge byRole { role count } ageBands { label minAge maxAge count }
  }
}`;

function asCounts(roster: any) {
  return {
    total: roster.total,
    byRole: Object.fromEntries(roster.byRole.map((r: any) => [r.role, r.count])),
    bands: roster.ageBands.map((b: any) => b.count),
    unknown: roster.unknownAge,
  };
}

describe('roster (花名册)', () => {
  it('counts the community’s people per role and per default age band, matching the rows', async () => {
    const roster = ok(
      await s.gql(ROSTER, { scope: { communityId }, bands: [35, 50] }, { token: admin }),
    ).roster;
    expect(roster.date).toBe(TODAY);
    expect(roster.byRole.map((r: any) => r.role)).toEqual(ROLES);
    expect(roster.ageBands.map((b: any) => [b.label, b.minAge, b.maxAge])).toEqual([
      ['<35', null, 34],
      ['35–50', 35, 50],
      ['>50', 51, null],
    ]);
    expect(asCounts(roster)).toEqual(await countRoster({ communityId }, TODAY, [35, 50]));
    // The demo has every role staffed and every band populated.
    for (const r of roster.byRole) expect(r.count).toBeGreaterThan(0);
    for (const b of roster.ageBands) expect(b.count).toBeGreaterThan(0);
    expect(roster.total).toBe(
      roster.ageBands.reduce((n: number, b: any) => n + b.count, 0) + roster.unknownAge,
    );
  });

  it('takes custom bands and a past date (people who have since left count then)', async () => {
    const past = shift(TODAY, -400);
    const roster = ok(
      await s.gql(ROSTER, { scope: { communityId }, date: past, bands: [30, 40, 55] }, { token: admin }),
    ).roster;
    expect(roster.ageBands.map((b: any) => b.label)).toEqual(['<30', '30–40', '41–55', '>55']);
    expect(asCounts(roster)).toEqual(await countRoster({ communityId }, past, [30, 40, 55]));
    const single = ok(
      await s.gql(ROSTER, { scope: { gridId: grid1 }, bands: [45] }, { token: admin }),
    ).roster;
    expect(single.ageBands.map((b: any) => b.label)).toEqual(['<45', '≥45']);
    expect(asCounts(single)).toEqual(await countRoster({ gridId: grid1 }, TODAY, [45]));
  });

  it('gives every grid’s roster and staff in one query, equal to the single-grid answers', async () => {
    const res = ok(
      await s.gql(
        `{ grids(first: 9) { nodes { id code roster { total byRole { role count } ageBands { count } unknownAge }
             staff(first: 40) { totalCount nodes { id } } } } }`,
        {},
        { token: admin },
      ),
    ).grids.nodes;
    expect(res).toHaveLength(9);
    for (const g of res) {
      const expected = await countRoster({ gridId: g.id }, TODAY, [35, 50]);
      expect(asCounts(g.roster)).toEqual(expected);
      expect(g.staff.totalCount).toBe(expected.total);
      expect(g.staff.nodes).toHaveLength(expected.total);
      // Every grid has the ladder below the community: chief, assistant, co-managers, workers, liaison...
      const roles = Object.fromEntries(g.roster.byRole.map((r: any) => [r.role, r.count]));
      expect(roles.SUPERVISOR).toBe(0);
      expect(roles.GRID_CHIEF).toBeGreaterThanOrEqual(1);
      expect(roles.CO_MANAGER).toBeGreaterThanOrEqual(2);
      expect(roles.GRID_WORKER).toBeGreaterThanOrEqual(1);
      expect(roles.MICRO_GRID_CHIEF).toBeGreaterThanOrEqual(1);
      expect(roles.BUILDING_HEAD).toBeGreaterThanOrEqual(1);
    }
  });

  it('refuses bad bands, scopes and dates naming the argument', async () => {
    expectBad(await s.gql(ROSTER, { scope: { communityId }, bands: [50, 35] }, { token: admin }), 'ageBands');
    expectBad(await s.gql(ROSTER, { scope: { communityId }, bands: [] }, { token: admin }), 'ageBands');
    expectBad(
      await s.gql(ROSTER, { scope: { communityId }, bands: [0, 10] }, { token: admin }),
      'ageBands.0',
    );
    expectBad(
      await s.gql(ROSTER, { scope: { communityId, gridId: grid1 }, bands: [35] }, { token: admin }),
      'scope',
    );
    expectBad(await s.gql(ROSTER, { scope: {}, bands: [35] }, { token: admin }), 'scope');
    expectBad(
      await s.gql(ROSTER, { scope: { gridId: communityId }, bands: [35] }, { token: admin }),
      'scope.gridId',
    );
    const badDate = await s.gql(
      ROSTER,
      { scope: { communityId }, date: '2026-02-30', bands: [35] },
      { token: admin },
    );
    expect(errorCode(badDate)).toBe('BAD_USER_INPUT');
  });
});

describe('staff members', () => {
  const LIST = `query($filter: StaffMemberFilter, $first: Int, $after: String) {
    staffMembers(filter: $filter, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor }
      nodes { id name age phone partyMember gender grid { code } community { id }
        assignments { totalCount nodes { role department postLevel startDate endDate active
          post { __typename ... on Grid { id } ... on Community { id } ... on MicroGrid { id code } ... on Building { id name } }
          organization { id name } grid { id } community { id } staffMember { id } } } }
    }
  }`;

  it('filters by grid, role and day, and pages with Relay cursors', async () => {
    const em = s.em();
    const expected = new Set(
      (await em.find(StaffAssignment, { gridId: uuid(grid1), role: 'GRID_WORKER' as never })).flatMap((a) =>
        a.startDate <= TODAY && (a.endDate == null || a.endDate >= TODAY) ? [a.staffMemberId] : [],
      ),
    );
    const res = ok(
      await s.gql(
        LIST,
        { filter: { gridId: grid1, role: 'GRID_WORKER', activeOn: TODAY } },
        { token: admin },
      ),
    ).staffMembers;
    expect(new Set(res.nodes.map((n: any) => uuid(n.id)))).toEqual(expected);
    expect(res.totalCount).toBe(expected.size);
    for (const n of res.nodes) {
      expect(n.assignments.nodes.some((a: any) => a.role === 'GRID_WORKER' && a.active)).toBe(true);
      expect(n.age).toBeGreaterThanOrEqual(18);
    }
    const all = ok(await s.gql(LIST, { first: 100 }, { token: admin })).staffMembers;
    expect(all.totalCount).toBe(await em.count(StaffMember, {}));
    const page2 = ok(
      await s.gql(LIST, { first: 100, after: all.pageInfo.endCursor }, { token: admin }),
    ).staffMembers;
    const seen = new Set([...all.nodes, ...page2.nodes].map((n: any) => n.id));
    expect(seen.size).toBe(Math.min(all.totalCount, 200));
    const named = ok(await s.gql(LIST, { filter: { nameContains: all.nodes[3].name } }, { token: admin }))
      .staffMembers.nodes;
    expect(named.map((n: any) => n.id)).toContain(all.nodes[3].id);
  });

  it('shows each post with its kind: building heads on buildings, the supervisor on the community', async () => {
    const res = ok(await s.gql(LIST, { first: 100 }, { token: admin })).staffMembers.nodes;
    const posts = res.flatMap((n: any) => n.assignments.nodes);
    const typeOf = {
      COMMUNITY: 'Community',
      GRID: 'Grid',
      MICRO_GRID: 'MicroGrid',
      BUILDING: 'Building',
    } as const;
    for (const p of posts) expect(p.post.__typename).toBe(typeOf[p.postLevel as keyof typeof typeOf]);
    expect(posts.find((p: any) => p.role === 'SUPERVISOR').post.__typename).toBe('Community');
    expect(posts.find((p: any) => p.role === 'BUILDING_HEAD').post.__typename).toBe('Building');
    expect(posts.find((p: any) => p.role === 'MICRO_GRID_CHIEF').post.__typename).toBe('MicroGrid');
    const coManagers = posts.filter((p: any) => p.role === 'CO_MANAGER');
    expect(coManagers.every((p: any) => p.department)).toBe(true);
    expect(posts.filter((p: any) => p.role === 'LIAISON').every((p: any) => p.organization?.name)).toBe(true);
    expect(posts.some((p: any) => p.endDate && !p.active)).toBe(true);
  });

  it('masks phones for grid staff and shows them to administrators', async () => {
    const q = `query($f: StaffMemberFilter) { staffMembers(filter: $f, first: 5) { nodes { id phone } } }`;
    const full = ok(await s.gql(q, { f: { gridId: grid1 } }, { token: admin })).staffMembers.nodes;
    const masked = ok(await s.gql(q, { f: { gridId: grid1 } }, { token: worker })).staffMembers.nodes;
    expect(full.length).toBeGreaterThan(0);
    for (const n of full) expect(n.phone).toMatch(/^1\d{10}$/);
    for (const n of masked) {
      const f = full.find((x: any) => x.id === n.id);
      expect(n.phone).toMatch(/^1\d{2}\*{4}\d{4}$/);
      if (f) expect(n.phone).toBe(`${f.phone.slice(0, 3)}****${f.phone.slice(-4)}`);
    }
  });

  it('creates and updates a staff member, with events that carry no personal data', async () => {
    const created = ok(
      await s.gql(
        `mutation($input: CreateStaffMemberInput!) { createStaffMember(input: $input) {
           id name gender age phone partyMember grid { id } community { id } assignments { totalCount } } }`,
        {
          input: {
            gridId: grid1,
            name: '测试员甲',
            gender: 'FEMALE',
            birthDate: shift(TODAY, -(30 * 365 + 20)),
            phone: '13912345678',
            partyMember: true,
          },
        },
        { token: admin },
      ),
    ).createStaffMember;
    expect(created).toMatchObject({
      name: '测试员甲',
      gender: 'FEMALE',
      age: 30,
      phone: '13912345678',
      partyMember: true,
      grid: { id: grid1 },
      community: { id: communityId },
      assignments: { totalCount: 0 },
    });
    const updated = ok(
      await s.gql(
        `mutation($id: ID!, $input: UpdateStaffMemberInput!) { updateStaffMember(id: $id, input: $input) { name phone grid { id } } }`,
        { id: created.id, input: { phone: '13800001111', gridId: grid2 } },
        { token: admin },
      ),
    ).updateStaffMember;
    expect(updated).toEqual({ name: '测试员甲', phone: '13800001111', grid: { id: grid2 } });
    const events = await eventsOf(['staff_member.created', 'staff_member.updated'], created.id, 2);
    expect(events.map((e: any) => e.type)).toEqual(['staff_member.created', 'staff_member.updated']);
    expect(events[1].payload.changed.sort()).toEqual(['gridId', 'phone']);
    const text = JSON.stringify(events);
    expect(text).not.toContain('1380000');
    expect(text).not.toContain('测试员甲');
  });

  it('refuses bad staff input naming the field, and writes nothing', async () => {
    const before = await s.em().count(StaffMember, {});
    const m = `mutation($input: CreateStaffMemberInput!) { createStaffMember(input: $input) { id } }`;
    const cases: [Record<string, unknown>, string][] = [
      [{ gridId: grid1, name: '' }, 'input.name'],
      [{ gridId: grid1, name: '名'.repeat(101) }, 'input.name'],
      [{ gridId: grid1, name: '甲', phone: '12345' }, 'input.phone'],
      [{ gridId: grid1, name: '甲', birthDate: shift(TODAY, 10) }, 'input.birthDate'],
      [{ gridId: grid1, name: '甲', birthDate: '1890-01-01' }, 'input.birthDate'],
      [{ name: '甲' }, 'input.communityId'],
      [{ gridId: 'nope', name: '甲' }, 'input.gridId'],
      [{ communityId: grid1, name: '甲' }, 'input.communityId'],
    ];
    for (const [input, field] of cases) expectBad(await s.gql(m, { input }, { token: admin }), field);
    const denied = await s.gql(m, { input: { gridId: grid1, name: '甲' } }, { token: worker });
    expect(errorCode(denied)).toBe('FORBIDDEN');
    expect(await s.em().count(StaffMember, {})).toBe(before);
  });
});

describe('assignments', () => {
  const ASSIGN = `mutation($input: AssignStaffInput!) { assignStaff(input: $input) {
    id role department postLevel startDate endDate active post { __typename } organization { id }
    staffMember { id } grid { id } community { id } } }`;
  const NEW_MEMBER = `mutation($input: CreateStaffMemberInput!) { createStaffMember(input: $input) { id } }`;
  let member: string;
  let buildingId: string;
  let microGridId: string;
  let orgId: string;

  beforeAll(async () => {
    member = ok(
      await s.gql(
        NEW_MEMBER,
        { input: { gridId: grid1, name: '测试员乙', birthDate: shift(TODAY, -(28 * 365 + 30)) } },
        { token: admin },
      ),
    ).createStaffMember.id;
    const posts = ok(
      await s.gql(
        `query($g: ID!) { staffMembers(first: 100, filter: { gridId: $g }) { nodes { assignments { nodes {
           role organization { id } post { ... on Building { id } ... on MicroGrid { id } } } } } } }`,
        { g: grid1 },
        { token: admin },
      ),
    ).staffMembers.nodes.flatMap((n: any) => n.assignments.nodes);
    buildingId = posts.find((p: any) => p.role === 'BUILDING_HEAD').post.id;
    microGridId = posts.find((p: any) => p.role === 'MICRO_GRID_CHIEF').post.id;
    orgId = posts.find((p: any) => p.role === 'LIAISON').organization.id;
  });

  it('assigns a grid worker, who then counts in the roster, and ends the assignment', async () => {
    const before = asCounts(
      ok(await s.gql(ROSTER, { scope: { gridId: grid1 }, bands: [35, 50] }, { token: admin })).roster,
    );
    const a = ok(
      await s.gql(
        ASSIGN,
        {
          input: { staffMemberId: member, role: 'GRID_WORKER', postId: grid1, startDate: shift(TODAY, -10) },
        },
        { token: admin },
      ),
    ).assignStaff;
    expect(a).toMatchObject({
      role: 'GRID_WORKER',
      postLevel: 'GRID',
      active: true,
      endDate: null,
      post: { __typename: 'Grid' },
      staffMember: { id: member },
      grid: { id: grid1 },
      community: { id: communityId },
    });
    const during = asCounts(
      ok(await s.gql(ROSTER, { scope: { gridId: grid1 }, bands: [35, 50] }, { token: admin })).roster,
    );
    expect(during.total).toBe(before.total + 1);
    expect(during.byRole.GRID_WORKER).toBe(before.byRole.GRID_WORKER + 1);
    expect(during.bands[0]).toBe(before.bands[0] + 1);

    const again = await s.gql(
      ASSIGN,
      { input: { staffMemberId: member, role: 'GRID_WORKER', postId: grid1, startDate: TODAY } },
      { token: admin },
    );
    expect(errorCode(again)).toBe('CONFLICT');

    const badEnd = await s.gql(
      'mutation($id: ID!, $d: LocalDate) { endAssignment(id: $id, endDate: $d) { id } }',
      { id: a.id, d: shift(TODAY, -20) },
      { token: admin },
    );
    expectBad(badEnd, 'endDate');
    const ended = ok(
      await s.gql(
        'mutation($id: ID!, $d: LocalDate) { endAssignment(id: $id, endDate: $d) { endDate active } }',
        { id: a.id, d: shift(TODAY, -1) },
        { token: admin },
      ),
    ).endAssignment;
    expect(ended).toEqual({ endDate: shift(TODAY, -1), active: false });
    const twice = await s.gql(
      'mutation($id: ID!) { endAssignment(id: $id) { id } }',
      { id: a.id },
      { token: admin },
    );
    expect(errorCode(twice)).toBe('CONFLICT');
    const after = asCounts(
      ok(await s.gql(ROSTER, { scope: { gridId: grid1 }, bands: [35, 50] }, { token: admin })).roster,
    );
    expect(after).toEqual(before);

    const events = await eventsOf(['staff_assignment.created', 'staff_assignment.ended'], a.id, 2);
    expect(events.map((e: any) => e.type)).toEqual(['staff_assignment.created', 'staff_assignment.ended']);
    expect(events[0].payload).toMatchObject({
      role: 'GRID_WORKER',
      postLevel: 'GRID',
      staffMemberId: member,
    });
  });

  it('puts each role on its kind of post, with department or unit where the role needs one', async () => {
    const start = shift(TODAY, -3);
    const cases: [Record<string, unknown>, string][] = [
      [{ role: 'SUPERVISOR', postId: communityId }, 'Community'],
      [{ role: 'CO_MANAGER', postId: grid1, department: 'HEALTH' }, 'Grid'],
      [{ role: 'LIAISON', postId: grid1, organizationId: orgId }, 'Grid'],
      [{ role: 'GRID_CHIEF_ASSISTANT', postId: grid1 }, 'Grid'],
      [{ role: 'MICRO_GRID_CHIEF', postId: microGridId }, 'MicroGrid'],
      [{ role: 'BUILDING_HEAD', postId: buildingId }, 'Building'],
    ];
    for (const [input, type] of cases) {
      const a = ok(
        await s.gql(
          ASSIGN,
          { input: { staffMemberId: member, startDate: start, ...input } },
          { token: admin },
        ),
      ).assignStaff;
      expect(a.post.__typename).toBe(type);
      expect(a.department ?? null).toBe((input.department as string) ?? null);
      expect(a.organization?.id ?? null).toBe((input.organizationId as string) ?? null);
    }
    const posts = ok(
      await s.gql(
        'query($id: ID!) { node(id: $id) { ... on StaffMember { assignments(activeOn: "' +
          TODAY +
          '") { totalCount } } } }',
        { id: member },
        { token: admin },
      ),
    ).node.assignments.totalCount;
    expect(posts).toBe(cases.length);
  });

  it('refuses mismatched roles, missing departments or units and bad dates, writing nothing', async () => {
    const count = () => s.em().count(StaffAssignment, {});
    const before = await count();
    const base = { staffMemberId: member, startDate: TODAY };
    const cases: [Record<string, unknown>, string][] = [
      [{ role: 'BUILDING_HEAD', postId: grid1 }, 'input.postId'],
      [{ role: 'SUPERVISOR', postId: grid1 }, 'input.postId'],
      [{ role: 'GRID_WORKER', postId: buildingId }, 'input.postId'],
      [{ role: 'MICRO_GRID_CHIEF', postId: communityId }, 'input.postId'],
      [{ role: 'GRID_WORKER', postId: gid('Resident', uuid(grid1)) }, 'input.postId'],
      [{ role: 'GRID_WORKER', postId: 'garbage' }, 'input.postId'],
      [{ role: 'CO_MANAGER', postId: grid1 }, 'input.department'],
      [{ role: 'GRID_WORKER', postId: grid1, department: 'HEALTH' }, 'input.department'],
      [{ role: 'LIAISON', postId: grid1 }, 'input.organizationId'],
      [{ role: 'GRID_WORKER', postId: grid1, organizationId: orgId }, 'input.organizationId'],
      [{ role: 'GRID_WORKER', postId: grid1, endDate: shift(TODAY, -1) }, 'input.endDate'],
      [{ role: 'GRID_WORKER', postId: grid1, staffMemberId: 'x' }, 'input.staffMemberId'],
      [{ role: 'GRID_WORKER', postId: grid1, organizationId: grid1 }, 'input.organizationId'],
    ];
    for (const [input, field] of cases) {
      expectBad(await s.gql(ASSIGN, { input: { ...base, ...input } }, { token: admin }), field);
    }
    const badDay = await s.gql(
      ASSIGN,
      { input: { ...base, role: 'GRID_WORKER', postId: grid1, startDate: '2026-13-01' } },
      { token: admin },
    );
    expect(errorCode(badDay)).toBe('BAD_USER_INPUT');
    const unknownRole = await s.gql(
      ASSIGN,
      { input: { ...base, role: 'MAYOR', postId: grid1 } },
      { token: admin },
    );
    expect(errorCode(unknownRole)).toBe('BAD_USER_INPUT');
    const missing = await s.gql(
      ASSIGN,
      {
        input: { ...base, role: 'GRID_WORKER', postId: gid('Grid', '00000000-0000-7000-8000-000000000000') },
      },
      { token: admin },
    );
    expectBad(missing, 'input.postId', 'NOT_FOUND');
    const byWorker = await s.gql(
      ASSIGN,
      { input: { ...base, role: 'GRID_WORKER', postId: grid1 } },
      { token: worker },
    );
    expect(errorCode(byWorker)).toBe('FORBIDDEN');
    expect(await count()).toBe(before);
  });
});

describe('another community: references outside the jurisdiction', () => {
  let otherCommunity: string;
  let otherGrid: string;
  let otherOrg: string;
  let otherMember: string;

  beforeAll(async () => {
    const streetId = ok(await s.gql('{ streets { nodes { id } } }', {}, { token: streetAdmin })).streets
      .nodes[0].id;
    otherCommunity = ok(
      await s.gql(
        'mutation($s: ID!) { createCommunity(input: { streetId: $s, code: "SQ0199", name: "和平社区" }) { id } }',
        { s: streetId },
        { token: streetAdmin },
      ),
    ).createCommunity.id;
    otherGrid = ok(
      await s.gql(
        'mutation($c: ID!) { createGrid(input: { communityId: $c, code: "SQ0199-01", name: "和平一网格" }) { id } }',
        { c: otherCommunity },
        { token: streetAdmin },
      ),
    ).createGrid.id;
    const em = s.em();
    const org = em.create(Organization, {
      streetId: uuid(streetId),
      communityId: uuid(otherCommunity),
      gridId: uuid(otherGrid),
      name: '和平社区卫生站',
      kind: OrganizationKind.INSTITUTION,
    });
    await em.flush();
    otherOrg = gid('Organization', org.id);
    otherMember = ok(
      await s.gql(
        'mutation($g: ID!) { createStaffMember(input: { gridId: $g, name: "外社区人员", phone: "13700000000" }) { id } }',
        { g: otherGrid },
        { token: streetAdmin },
      ),
    ).createStaffMember.id;
  });

  it('a community admin may not use another community’s posts, units or staff (FORBIDDEN, field named)', async () => {
    const before = await s.em().count(StaffAssignment, {});
    const mine = ok(
      await s.gql(
        'query($g: ID!) { staffMembers(first: 1, filter: { gridId: $g }) { nodes { id } } }',
        { g: grid1 },
        {
          token: admin,
        },
      ),
    ).staffMembers.nodes[0].id;
    const ASSIGN = 'mutation($input: AssignStaffInput!) { assignStaff(input: $input) { id } }';
    expectBad(
      await s.gql(
        ASSIGN,
        { input: { staffMemberId: mine, role: 'GRID_WORKER', postId: otherGrid, startDate: TODAY } },
        {
          token: admin,
        },
      ),
      'input.postId',
      'FORBIDDEN',
    );
    expectBad(
      await s.gql(
        ASSIGN,
        {
          input: {
            staffMemberId: mine,
            role: 'LIAISON',
            postId: grid1,
            organizationId: otherOrg,
            startDate: TODAY,
          },
        },
        { token: admin },
      ),
      'input.organizationId',
      'FORBIDDEN',
    );
    expectBad(
      await s.gql(
        ASSIGN,
        { input: { staffMemberId: otherMember, role: 'GRID_WORKER', postId: grid1, startDate: TODAY } },
        {
          token: admin,
        },
      ),
      'input.staffMemberId',
      'FORBIDDEN',
    );
    const update = await s.gql(
      'mutation($id: ID!) { updateStaffMember(id: $id, input: { name: "改名" }) { id } }',
      { id: otherMember },
      { token: admin },
    );
    expect(errorCode(update)).toBe('FORBIDDEN');
    expectBad(
      await s.gql(
        'mutation($g: ID!) { createStaffMember(input: { gridId: $g, name: "甲" }) { id } }',
        { g: otherGrid },
        {
          token: admin,
        },
      ),
      'input.gridId',
      'FORBIDDEN',
    );
    // A street admin covers both communities, but a liaison's unit must be in the post's community.
    expectBad(
      await s.gql(
        ASSIGN,
        {
          input: {
            staffMemberId: mine,
            role: 'LIAISON',
            postId: grid1,
            organizationId: otherOrg,
            startDate: TODAY,
          },
        },
        { token: streetAdmin },
      ),
      'input.organizationId',
    );
    expect(await s.em().count(StaffAssignment, {})).toBe(before);
    const node = await s.gql(
      'query($id: ID!) { node(id: $id) { id } }',
      { id: otherMember },
      { token: admin },
    );
    expect(errorCode(node)).toBe('NOT_FOUND');
  });

  it('attendance must be of staff in the training’s scope', async () => {
    const training = ok(
      await s.gql(
        `mutation($g: ID!, $d: LocalDate!) { createTraining(input: { heldBy: { gridId: $g }, title: "一网格例会培训", date: $d, hours: 1 }) { id } }`,
        { g: grid1, d: shift(TODAY, -2) },
        { token: admin },
      ),
    ).createTraining.id;
    const inGrid2 = ok(
      await s.gql(
        '{ grids(first: 20) { nodes { id staff(role: GRID_CHIEF) { nodes { id } } } } }',
        {},
        { token: admin },
      ),
    ).grids.nodes.find((g: any) => g.id === grid2).staff.nodes[0].id;
    const inGrid1 = ok(
      await s.gql(
        'query($g: ID!) { staffMembers(first: 1, filter: { gridId: $g, role: GRID_CHIEF }) { nodes { id } } }',
        {
          g: grid1,
        },
        { token: admin },
      ),
    ).staffMembers.nodes[0].id;
    const REC =
      'mutation($t: ID!, $ids: [ID!]!) { recordAttendance(trainingId: $t, staffMemberIds: $ids) { attendeeCount } }';
    expectBad(
      await s.gql(REC, { t: training, ids: [inGrid1, inGrid2] }, { token: admin }),
      'staffMemberIds.1',
    );
    expectBad(
      await s.gql(REC, { t: training, ids: [otherMember] }, { token: admin }),
      'staffMemberIds.0',
      'FORBIDDEN',
    );
    expectBad(await s.gql(REC, { t: training, ids: [] }, { token: admin }), 'staffMemberIds');
    expect(await s.em().count(TrainingAttendance, { trainingId: uuid(training) })).toBe(0);
    expect(
      ok(await s.gql(REC, { t: training, ids: [inGrid1, inGrid1] }, { token: admin })).recordAttendance,
    ).toEqual({
      attendeeCount: 1,
    });
  });
});

describe('trainings and the training rate', () => {
  const RATE = `query($scope: StaffScopeInput!, $from: LocalDate!, $to: LocalDate!, $roles: [StaffRole!]!) {
    trainingRate(scope: $scope, period: { from: $from, to: $to }, roles: $roles) { from to roles activeStaff trainedStaff rate }
  }`;

  /** The rate computed from the rows in JS. */
  async function countRate(communityUuid: string, from: string, to: string, roles: string[]) {
    const em = s.em();
    const active = new Set(
      (await em.find(StaffAssignment, { communityId: communityUuid }))
        .filter(
          (a) => roles.includes(a.role) && a.startDate <= to && (a.endDate == null || a.endDate >= from),
        )
        .map((a) => a.staffMemberId),
    );
    const trainings = new Set(
      (await em.find(Training, {})).filter((t) => t.date >= from && t.date <= to).map((t) => t.id),
    );
    const trained = new Set(
      (await em.find(TrainingAttendance, {}))
        .filter((a) => trainings.has(a.trainingId) && active.has(a.staffMemberId))
        .map((a) => a.staffMemberId),
    );
    return { activeStaff: active.size, trainedStaff: trained.size };
  }

  it('lists the year’s trainings with attendees, and the rate matches the rows (below 100%)', async () => {
    const list = ok(
      await s.gql(
        `query($from: LocalDate!) { trainings(first: 10, filter: { from: $from }) { totalCount nodes { id title date hours location
            attendeeCount attendees(first: 60) { totalCount nodes { id } } grid { id } community { id } } } }`,
        { from: shift(TODAY, -366) },
        { token: admin },
      ),
    ).trainings;
    expect(list.totalCount).toBeGreaterThanOrEqual(6);
    for (const t of list.nodes) {
      expect(t.attendees.totalCount).toBe(t.attendeeCount);
      expect(t.attendees.nodes).toHaveLength(t.attendeeCount);
      expect(t.attendeeCount).toBe(await s.em().count(TrainingAttendance, { trainingId: uuid(t.id) }));
    }
    const from = shift(TODAY, -365);
    const rate = ok(
      await s.gql(
        RATE,
        { scope: { communityId }, from, to: TODAY, roles: ['GRID_WORKER'] },
        { token: admin },
      ),
    ).trainingRate;
    const expected = await countRate(uuid(communityId), from, TODAY, ['GRID_WORKER']);
    expect(rate).toMatchObject({ ...expected, roles: ['GRID_WORKER'], from, to: TODAY });
    expect(rate.rate).toBeCloseTo(expected.trainedStaff / expected.activeStaff, 10);
    expect(rate.rate).toBeGreaterThan(0);
    expect(rate.rate).toBeLessThan(1);
    const chiefs = ok(
      await s.gql(
        RATE,
        { scope: { communityId }, from, to: TODAY, roles: ['GRID_CHIEF', 'CO_MANAGER'] },
        { token: admin },
      ),
    ).trainingRate;
    expect(chiefs).toMatchObject(
      await countRate(uuid(communityId), from, TODAY, ['GRID_CHIEF', 'CO_MANAGER']),
    );
  });

  it('the staff metrics agree with the roster and the training rate', async () => {
    const from = shift(TODAY, -365);
    const metrics = ok(
      await s.gql(
        `query($c: ID!, $from: DateTime!, $to: DateTime!) {
          metrics(scope: { communityId: $c }, period: { from: $from, to: $to }, codes: [
            "staff.members", "staff.grid_workers", "staff.trained_grid_workers", "staff.training_rate",
            "staff.sentiment_logs", "staff.log_books"]) { code value unit } }`,
        { c: communityId, from: `${from}T00:00:00+08:00`, to: `${shift(TODAY, 1)}T00:00:00+08:00` },
        { token: admin },
      ),
    ).metrics;
    const value = (code: string) => metrics.find((m: any) => m.code === code).value;
    const rate = ok(
      await s.gql(
        RATE,
        { scope: { communityId }, from, to: TODAY, roles: ['GRID_WORKER'] },
        { token: admin },
      ),
    ).trainingRate;
    expect(value('staff.trained_grid_workers')).toBe(rate.trainedStaff);
    expect(value('staff.training_rate')).toBeCloseTo(Math.round(rate.rate * 1000) / 10, 5);
    const gridRoles = ROLES.filter((r) => r !== 'SUPERVISOR');
    const roster = ok(
      await s.gql(
        'query($c: ID!, $roles: [StaffRole!]) { roster(scope: { communityId: $c }, roles: $roles) { total byRole { role count } } }',
        { c: communityId, roles: gridRoles },
        { token: admin },
      ),
    ).roster;
    expect(value('staff.members')).toBe(roster.total);
    expect(value('staff.grid_workers')).toBe(roster.byRole.find((r: any) => r.role === 'GRID_WORKER').count);
    const em = s.em();
    expect(value('staff.sentiment_logs')).toBe(
      (await em.find(SentimentLog, { communityId: uuid(communityId) })).filter((l) => l.date >= from).length,
    );
    expect(value('staff.log_books')).toBeGreaterThan(0);
  });

  it('a new training with attendance raises the rate; repeated attendance is recorded once', async () => {
    const from = shift(TODAY, -30);
    const before = ok(
      await s.gql(
        RATE,
        { scope: { communityId }, from, to: TODAY, roles: ['GRID_WORKER'] },
        { token: admin },
      ),
    ).trainingRate;
    const untrained = ok(
      await s.gql(
        `query($c: ID!) { staffMembers(first: 100, filter: { communityId: $c, role: GRID_WORKER, activeOn: "${TODAY}" }) { nodes { id } } }`,
        { c: communityId },
        { token: admin },
      ),
    ).staffMembers.nodes.map((n: any) => n.id);
    const em = s.em();
    const recent = new Set(
      (await em.find(Training, {})).filter((t) => t.date >= from && t.date <= TODAY).map((t) => t.id),
    );
    const trainedIds = new Set(
      (await em.find(TrainingAttendance, {}))
        .filter((a) => recent.has(a.trainingId))
        .map((a) => a.staffMemberId),
    );
    const toTrain = untrained.filter((id: string) => !trainedIds.has(uuid(id))).slice(0, 2);
    expect(toTrain.length).toBeGreaterThan(0);
    const t = ok(
      await s.gql(
        `mutation($input: CreateTrainingInput!) { createTraining(input: $input) { id title date hours location description attendeeCount community { id } grid { id } } }`,
        {
          input: {
            heldBy: { communityId },
            title: '网格员专题培训（补训）',
            date: shift(TODAY, -1),
            hours: 1.5,
            location: '社区会议室',
            description: '未参训人员补训。',
          },
        },
        { token: admin },
      ),
    ).createTraining;
    expect(t).toMatchObject({ hours: 1.5, attendeeCount: 0, community: { id: communityId }, grid: null });
    const REC =
      'mutation($t: ID!, $ids: [ID!]!) { recordAttendance(trainingId: $t, staffMemberIds: $ids) { attendeeCount attendees { nodes { id } } } }';
    const rec = ok(await s.gql(REC, { t: t.id, ids: toTrain }, { token: admin })).recordAttendance;
    expect(rec.attendeeCount).toBe(toTrain.length);
    expect(
      ok(await s.gql(REC, { t: t.id, ids: toTrain }, { token: admin })).recordAttendance.attendeeCount,
    ).toBe(toTrain.length);
    const after = ok(
      await s.gql(
        RATE,
        { scope: { communityId }, from, to: TODAY, roles: ['GRID_WORKER'] },
        { token: admin },
      ),
    ).trainingRate;
    expect(after.activeStaff).toBe(before.activeStaff);
    expect(after.trainedStaff).toBe(before.trainedStaff + toTrain.length);
    const events = await eventsOf(['training.created', 'training.attendance_recorded'], t.id, 2);
    // The second, identical call changed nothing and so wrote no event.
    expect(events.map((e: any) => e.type)).toEqual(['training.created', 'training.attendance_recorded']);
    expect(events[1].payload.staffMemberIds.sort()).toEqual([...toTrain].sort());
  });

  it('refuses bad trainings, periods and not-yet-held attendance, writing nothing', async () => {
    const before = await s.em().count(Training, {});
    const m = 'mutation($input: CreateTrainingInput!) { createTraining(input: $input) { id } }';
    const ok1 = { heldBy: { communityId }, title: '培训', date: TODAY, hours: 2 };
    const cases: [Record<string, unknown>, string][] = [
      [{ hours: 0 }, 'input.hours'],
      [{ hours: 25 }, 'input.hours'],
      [{ title: ' ' }, 'input.title'],
      [{ date: shift(TODAY, 800) }, 'input.date'],
      [{ heldBy: { communityId, gridId: grid1 } }, 'input.heldBy'],
      [{ heldBy: {} }, 'input.heldBy'],
      [{ description: 'x'.repeat(2001) }, 'input.description'],
    ];
    for (const [input, field] of cases)
      expectBad(await s.gql(m, { input: { ...ok1, ...input } }, { token: admin }), field);
    expect(errorCode(await s.gql(m, { input: ok1 }, { token: worker }))).toBe('FORBIDDEN');
    expect(await s.em().count(Training, {})).toBe(before);

    expectBad(
      await s.gql(
        RATE,
        { scope: { communityId }, from: TODAY, to: shift(TODAY, -1), roles: ['GRID_WORKER'] },
        { token: admin },
      ),
      'period.to',
    );
    expectBad(
      await s.gql(RATE, { scope: { communityId }, from: TODAY, to: TODAY, roles: [] }, { token: admin }),
      'roles',
    );

    const future = ok(await s.gql(m, { input: { ...ok1, date: shift(TODAY, 7) } }, { token: admin }))
      .createTraining.id;
    const someone = ok(await s.gql('{ staffMembers(first: 1) { nodes { id } } }', {}, { token: admin }))
      .staffMembers.nodes[0].id;
    expectBad(
      await s.gql(
        'mutation($t: ID!, $ids: [ID!]!) { recordAttendance(trainingId: $t, staffMemberIds: $ids) { id } }',
        {
          t: future,
          ids: [someone],
        },
        { token: admin },
      ),
      'trainingId',
    );
  });
});

describe('sentiment logs and log books', () => {
  const CREATE = `mutation($input: CreateSentimentLogInput!) { createSentimentLog(input: $input) {
    id date category content followUp staffMember { id name } grid { id } household { id } } }`;

  it('a grid worker writes their own entry; it appears in their grid’s list and counts', async () => {
    const user = await s.em().findOneOrFail(User, { username: 'grid_worker' });
    expect(user.staffMemberId).toBeTruthy();
    const me = ok(await s.gql('{ viewer { staffMember { id name } } }', {}, { token: worker })).viewer
      .staffMember;
    expect(me.id).toBe(gid('StaffMember', user.staffMemberId!));
    expect(
      ok(await s.gql('{ viewer { staffMember { id } } }', {}, { token: admin })).viewer.staffMember,
    ).toBeNull();
    const household = await s.em().findOne(Household, { gridId: uuid(grid1) });
    const before = ok(
      await s.gql('{ sentimentLogCounts { grid { id } sentimentLogs } }', {}, { token: worker }),
    ).sentimentLogCounts;
    expect(before).toHaveLength(1);
    const log = ok(
      await s.gql(
        CREATE,
        {
          input: {
            gridId: grid1,
            date: TODAY,
            category: 'SAFETY_HAZARD',
            content: '5号楼楼道堆放纸箱，影响消防通道。',
            followUp: '已通知物业清理。',
            householdId: household ? gid('Household', household.id) : null,
          },
        },
        { token: worker },
      ),
    ).createSentimentLog;
    expect(log).toMatchObject({
      date: TODAY,
      category: 'SAFETY_HAZARD',
      staffMember: { id: gid('StaffMember', user.staffMemberId!) },
      grid: { id: grid1 },
      household: household ? { id: gid('Household', household.id) } : null,
    });
    const mine = ok(
      await s.gql(
        'query($f: SentimentLogFilter) { sentimentLogs(filter: $f, first: 100) { totalCount nodes { id } } }',
        { f: { staffMemberId: log.staffMember.id, from: TODAY } },
        { token: worker },
      ),
    ).sentimentLogs;
    expect(mine.nodes.map((n: any) => n.id)).toContain(log.id);
    const after = ok(
      await s.gql('{ sentimentLogCounts { grid { id } sentimentLogs } }', {}, { token: worker }),
    ).sentimentLogCounts;
    expect(after[0].sentimentLogs).toBe(before[0].sentimentLogs + 1);
    const [event] = await eventsOf(['sentiment_log.created'], log.id, 1);
    expect(event.payload).toMatchObject({ category: 'SAFETY_HAZARD', staffMemberId: log.staffMember.id });
    expect(JSON.stringify(event.payload)).not.toContain('纸箱');
  });

  it('per-grid counts match the rows', async () => {
    const from = shift(TODAY, -60);
    const counts = ok(
      await s.gql(
        'query($f: SentimentLogCountFilter) { sentimentLogCounts(filter: $f) { grid { id code } sentimentLogs authors logBooks } }',
        {
          f: { communityId, from, to: TODAY },
        },
        { token: admin },
      ),
    ).sentimentLogCounts;
    expect(counts).toHaveLength(9);
    const em = s.em();
    const logs = (await em.find(SentimentLog, {})).filter((l) => l.date >= from && l.date <= TODAY);
    for (const c of counts) {
      const own = logs.filter((l) => l.gridId === uuid(c.grid.id));
      expect(c.sentimentLogs).toBe(own.length);
      expect(c.authors).toBe(new Set(own.map((l) => l.staffMemberId)).size);
    }
    const total = ok(
      await s.gql('{ sentimentLogs { totalCount } logBooks { totalCount } }', {}, { token: admin }),
    );
    expect(total.sentimentLogs.totalCount).toBe(await em.count(SentimentLog, {}));
    expect(total.logBooks.totalCount).toBe(await em.count(LogBook, {}));
    const everAll = ok(
      await s.gql('{ sentimentLogCounts { logBooks } }', {}, { token: admin }),
    ).sentimentLogCounts;
    expect(everAll.reduce((n: number, c: any) => n + c.logBooks, 0)).toBe(
      await em.count(LogBook, { gridId: { $ne: null } }),
    );
    // Every current grid worker of the demo has a log book and has written entries.
    const workers = ok(
      await s.gql(
        `{ staffMembers(first: 100, filter: { role: GRID_WORKER, activeOn: "${TODAY}" }) { nodes { id } } }`,
        {},
        {
          token: admin,
        },
      ),
    ).staffMembers.nodes.map((n: any) => uuid(n.id));
    const books = await em.find(LogBook, {});
    for (const w of workers.filter((id: string) => books.some((b) => b.staffMemberId === id) === false)) {
      // Only people assigned by these tests lack one.
      const m = await em.findOneOrFail(StaffMember, { id: w });
      expect(m.name).toMatch(/^测试员/);
    }
  });

  it('refuses entries for other people, other grids, the future or the wrong household', async () => {
    const before = await s.em().count(SentimentLog, {});
    const base = { gridId: grid1, date: TODAY, category: 'OTHER', content: '内容' };
    expectBad(
      await s.gql(CREATE, { input: { ...base, gridId: grid2 } }, { token: worker }),
      'input.gridId',
      'FORBIDDEN',
    );
    const someoneElse = ok(
      await s.gql(
        'query($g: ID!) { staffMembers(first: 1, filter: { gridId: $g, role: GRID_CHIEF }) { nodes { id } } }',
        {
          g: grid1,
        },
        { token: admin },
      ),
    ).staffMembers.nodes[0].id;
    expectBad(
      await s.gql(CREATE, { input: { ...base, staffMemberId: someoneElse } }, { token: worker }),
      'input.staffMemberId',
      'FORBIDDEN',
    );
    expectBad(
      await s.gql(CREATE, { input: { ...base, date: shift(TODAY, 1) } }, { token: worker }),
      'input.date',
    );
    expectBad(
      await s.gql(CREATE, { input: { ...base, content: '   ' } }, { token: worker }),
      'input.content',
    );
    expectBad(
      await s.gql(CREATE, { input: { ...base, content: '字'.repeat(2001) } }, { token: worker }),
      'input.content',
    );
    expect(
      errorCode(await s.gql(CREATE, { input: { ...base, category: 'GOSSIP' } }, { token: worker })),
    ).toBe('BAD_USER_INPUT');
    expectBad(await s.gql(CREATE, { input: base }, { token: admin }), 'input.staffMemberId');
    // The grid-2 worker holds no post on grid 1.
    const w2 = await s.em().findOneOrFail(User, { username: 'grid_worker2' });
    expectBad(
      await s.gql(
        CREATE,
        { input: { ...base, staffMemberId: gid('StaffMember', w2.staffMemberId!) } },
        { token: admin },
      ),
      'input.staffMemberId',
    );
    let other = await s.em().findOne(Household, { gridId: uuid(grid2) });
    if (!other) {
      const em = s.em();
      const g2 = await em.findOneOrFail(StaffAssignment, { gridId: uuid(grid2) });
      other = em.create(Household, {
        streetId: g2.streetId,
        communityId: g2.communityId,
        gridId: g2.gridId,
        address: '测试地址',
      });
      await em.flush();
    }
    expectBad(
      await s.gql(CREATE, { input: { ...base, householdId: gid('Household', other.id) } }, { token: worker }),
      'input.householdId',
      'FORBIDDEN',
    );
    const own = await s.em().findOneOrFail(User, { username: 'grid_worker' });
    expectBad(
      await s.gql(
        CREATE,
        {
          input: {
            ...base,
            staffMemberId: gid('StaffMember', own.staffMemberId!),
            householdId: gid('Household', other.id),
          },
        },
        { token: admin },
      ),
      'input.householdId',
    );
    expect(await s.em().count(SentimentLog, {})).toBe(before);
  });

  it('issues log books with unique numbers', async () => {
    const ISSUE = `mutation($input: IssueLogBookInput!) { issueLogBook(input: $input) { id number issuedAt staffMember { id } grid { id } community { id } } }`;
    const w = await s.em().findOneOrFail(User, { username: 'grid_worker' });
    const staffMemberId = gid('StaffMember', w.staffMemberId!);
    const book = ok(
      await s.gql(ISSUE, { input: { staffMemberId, number: 'MQ-TEST-01' } }, { token: admin }),
    ).issueLogBook;
    expect(book).toMatchObject({
      number: 'MQ-TEST-01',
      staffMember: { id: staffMemberId },
      grid: { id: grid1 },
    });
    const before = await s.em().count(LogBook, {});
    expect(
      errorCode(await s.gql(ISSUE, { input: { staffMemberId, number: 'MQ-TEST-01' } }, { token: admin })),
    ).toBe('CONFLICT');
    expectBad(
      await s.gql(ISSUE, { input: { staffMemberId, number: 'has space' } }, { token: admin }),
      'input.number',
    );
    expectBad(
      await s.gql(
        ISSUE,
        { input: { staffMemberId, number: 'MQ-TEST-02', issuedAt: '2099-01-01T00:00:00Z' } },
        { token: admin },
      ),
      'input.issuedAt',
    );
    expect(
      errorCode(await s.gql(ISSUE, { input: { staffMemberId, number: 'MQ-TEST-03' } }, { token: worker })),
    ).toBe('FORBIDDEN');
    expect(await s.em().count(LogBook, {})).toBe(before);
    const listed = ok(
      await s.gql(
        'query($id: ID!) { logBooks(filter: { staffMemberId: $id }) { nodes { number } } }',
        { id: staffMemberId },
        {
          token: worker,
        },
      ),
    ).logBooks.nodes.map((n: any) => n.number);
    expect(listed).toContain('MQ-TEST-01');
    const event = await eventsOf(['log_book.issued'], book.id, 1);
    expect(event.map((e: any) => e.subjectId)).toContain(book.id);
  });
});

describe('jurisdiction: a grid worker sees only their grid’s staff data, by every path', () => {
  let shared: string;
  let grid2Only: string;
  const grid2Records: Record<string, string> = {};

  beforeAll(async () => {
    // Someone who lives in grid 2 and serves on both grids; and someone only on grid 2.
    const mk = async (name: string) =>
      ok(
        await s.gql(
          'mutation($g: ID!, $n: String!) { createStaffMember(input: { gridId: $g, name: $n, phone: "13611112222" }) { id } }',
          { g: grid2, n: name },
          { token: admin },
        ),
      ).createStaffMember.id;
    shared = await mk('测试员丙');
    grid2Only = await mk('测试员丁');
    const assign = (id: string, postId: string, role: string, department?: string) =>
      s.gql(
        'mutation($input: AssignStaffInput!) { assignStaff(input: $input) { id } }',
        { input: { staffMemberId: id, role, postId, startDate: shift(TODAY, -5), department } },
        { token: admin },
      );
    ok(await assign(shared, grid1, 'CO_MANAGER', 'JUSTICE'));
    grid2Records.assignment = ok(await assign(shared, grid2, 'GRID_WORKER')).assignStaff.id;
    ok(await assign(grid2Only, grid2, 'GRID_WORKER'));
    const em = s.em();
    grid2Records.log = gid(
      'SentimentLog',
      (await em.findOneOrFail(SentimentLog, { gridId: uuid(grid2) })).id,
    );
    grid2Records.book = gid('LogBook', (await em.findOneOrFail(LogBook, { gridId: uuid(grid2) })).id);
    grid2Records.member = grid2Only;
    grid2Records.grid3Training = gid(
      'Training',
      (await em.findOneOrFail(Training, { gridId: uuid(grid3) })).id,
    );
    grid2Records.communityTraining = gid('Training', (await em.findOneOrFail(Training, { gridId: null })).id);
  });

  it('lists: staff, logs, books, trainings and counts are the grid’s own', async () => {
    const em = s.em();
    const res = {
      ...ok(
        await s.gql(
          '{ staffMembers(first: 60) { totalCount nodes { id grid { id } assignments(first: 10) { nodes { grid { id } } } } } }',
          {},
          { token: worker },
        ),
      ),
      ...ok(
        await s.gql(
          `{ sentimentLogs(first: 100) { totalCount nodes { grid { id } } }
             logBooks(first: 100) { nodes { grid { id } } }
             sentimentLogCounts { grid { id } } }`,
          {},
          { token: worker },
        ),
      ),
      ...ok(
        await s.gql(
          '{ trainings(first: 10) { nodes { grid { id } attendees(first: 40) { nodes { id } } } } }',
          {},
          {
            token: worker,
          },
        ),
      ),
    };
    const g1 = uuid(grid1);
    const serving = new Set((await em.find(StaffAssignment, { gridId: g1 })).map((a) => a.staffMemberId));
    const home = new Set((await em.find(StaffMember, { gridId: g1 })).map((m) => m.id));
    const expected = new Set([...serving, ...home]);
    expect(new Set(res.staffMembers.nodes.map((n: any) => uuid(n.id)))).toEqual(expected);
    expect(res.staffMembers.totalCount).toBe(expected.size);
    for (const n of res.staffMembers.nodes) {
      expect(n.grid === null || n.grid.id === grid1).toBe(true);
      for (const a of n.assignments.nodes) expect(a.grid.id).toBe(grid1);
    }
    expect(res.staffMembers.nodes.map((n: any) => n.id)).not.toContain(grid2Only);
    expect(res.sentimentLogs.totalCount).toBe(await em.count(SentimentLog, { gridId: g1 }));
    expect(res.sentimentLogs.nodes.every((n: any) => n.grid.id === grid1)).toBe(true);
    expect(res.logBooks.nodes.every((n: any) => n.grid.id === grid1)).toBe(true);
    expect(res.trainings.nodes.every((n: any) => n.grid?.id === grid1)).toBe(true);
    expect(res.sentimentLogCounts.map((c: any) => c.grid.id)).toEqual([grid1]);
  });

  it('node(id): records of grid 2, of grid 3 and of the community itself are NOT_FOUND', async () => {
    for (const [what, id] of Object.entries(grid2Records)) {
      const res = await s.gql('query($id: ID!) { node(id: $id) { id } }', { id }, { token: worker });
      expect([what, errorCode(res)]).toEqual([what, 'NOT_FOUND']);
      // The grid-2 worker does see their own grid's records.
      if (what !== 'grid3Training' && what !== 'communityTraining') {
        expect(
          ok(await s.gql('query($id: ID!) { node(id: $id) { id } }', { id }, { token: worker2 })).node.id,
        ).toBe(id);
      }
    }
  });

  it('nested: a person serving on both grids shows only the grid-1 post, and no grid-2 home', async () => {
    const q = `query($id: ID!) { node(id: $id) { ... on StaffMember { name phone grid { id } community { id }
      assignments { totalCount nodes { role grid { id } } } } } }`;
    const seen = ok(await s.gql(q, { id: shared }, { token: worker })).node;
    expect(seen.grid).toBeNull();
    expect(seen.phone).toBe('136****2222');
    expect(seen.assignments.totalCount).toBe(1);
    expect(seen.assignments.nodes).toEqual([{ role: 'CO_MANAGER', grid: { id: grid1 } }]);
    const other = ok(await s.gql(q, { id: shared }, { token: worker2 })).node;
    expect(other.grid).toEqual({ id: grid2 });
    expect(other.assignments.nodes).toEqual([{ role: 'GRID_WORKER', grid: { id: grid2 } }]);
    const full = ok(await s.gql(q, { id: shared }, { token: admin })).node;
    expect(full.assignments.totalCount).toBe(2);
    expect(full.phone).toBe('13611112222');
  });

  it('roster and training rate: grid 2 is NOT_FOUND, the community roster counts grid 1 only', async () => {
    expect(errorCode(await s.gql(ROSTER, { scope: { gridId: grid2 }, bands: [35] }, { token: worker }))).toBe(
      'NOT_FOUND',
    );
    const rate = await s.gql(
      'query($g: ID!) { trainingRate(scope: { gridId: $g }, period: { from: "2025-01-01", to: "2025-12-31" }) { rate } }',
      { g: grid2 },
      { token: worker },
    );
    expect(errorCode(rate)).toBe('NOT_FOUND');
    const community = ok(
      await s.gql(ROSTER, { scope: { communityId }, bands: [35, 50] }, { token: worker }),
    ).roster;
    const own = ok(
      await s.gql(ROSTER, { scope: { gridId: grid1 }, bands: [35, 50] }, { token: worker }),
    ).roster;
    expect(community).toEqual(own);
    const filtered = ok(
      await s.gql(
        'query($g: ID!) { staffMembers(filter: { gridId: $g }) { totalCount } }',
        { g: grid2 },
        { token: worker },
      ),
    ).staffMembers.totalCount;
    expect(filtered).toBe(0);
  });

  it('anonymous callers get UNAUTHENTICATED', async () => {
    for (const q of [
      '{ staffMembers { totalCount } }',
      '{ sentimentLogs { totalCount } }',
      '{ trainings { totalCount } }',
    ]) {
      expect(errorCode(await s.gql(q))).toBe('UNAUTHENTICATED');
    }
  });
});
