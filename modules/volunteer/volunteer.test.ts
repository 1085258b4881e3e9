import { toGlobalId } from '../../src/graphql/global-id';
import { Activity } from '../../src/modules/activity.entity';
import { Household, Resident } from '../../src/people';
import { createTestServer, errorCode, ok, type TestServer } from '../../tests/helpers/test-server';
import { VolunteerMember, VolunteerPairing, VolunteerTeam } from './volunteer.entities';

let s: TestServer;
let admin: string;
let worker: string;
let grid: string;
let otherGrid: string;

const DAY = 24 * 3600 * 1000;
const uuidOf = (gid: string) => Buffer.from(gid, 'base64url').toString().split(':')[1]!;
const field = (res: { errors?: { extensions?: Record<string, any> }[] }) =>
  res.errors?.[0]?.extensions?.field;

beforeAll(async () => {
  s = await createTestServer();
  admin = await s.login('community_admin');
  worker = await s.login('grid_worker');
  const nodes = ok(await s.gql('{ grids(first: 20) { nodes { id code theme } } }', {}, { token: admin }))
    .grids.nodes;
  grid = nodes.find((g: any) => g.theme === 'volunteer').id;
  otherGrid = nodes.find((g: any) => g.theme === 'legal').id;
});
afterAll(() => s.close());

const REGISTER =
  'mutation($i: RegisterVolunteerInput!) { registerVolunteer(input: $i) { id name active joinedOn skills resident { id } team { name } } }';
const SERVICE = `mutation($i: VolunteerServiceActivityInput!) { recordVolunteerService(input: $i) {
  id participants beneficiaries details { serviceKind memberIds hours peopleServed householdIds teamId } } }`;
const PAIR =
  'mutation($i: CreateVolunteerPairingInput!) { createVolunteerPairing(input: $i) { id active startedOn member { name } household { id } } }';

/** Residents and households of a grid, read directly: these tests need ids, not the people API. */
async function residentsOf(gridId: string, n: number): Promise<{ id: string; name: string }[]> {
  const rows = await s.em().find(Resident, { gridId: uuidOf(gridId) }, { orderBy: { id: 'asc' }, limit: n });
  return rows.map((r) => ({ id: toGlobalId('Resident', r.id), name: r.name }));
}

async function householdsOf(gridId: string, n: number): Promise<{ id: string }[]> {
  const rows = await s.em().find(Household, { gridId: uuidOf(gridId) }, { orderBy: { id: 'asc' }, limit: n });
  return rows.map((h) => ({ id: toGlobalId('Household', h.id) }));
}

describe('volunteers', () => {
  it('registers a resident of the grid under their own name, once', async () => {
    const [resident] = await residentsOf(grid, 1);
    const team = ok(
      await s.gql('{ volunteerTeams(first: 5) { nodes { id name memberCount } } }', {}, { token: worker }),
    ).volunteerTeams.nodes[0];
    const v = ok(
      await s.gql(
        REGISTER,
        { i: { gridId: grid, residentId: resident!.id, teamId: team.id, skills: ['理发'] } },
        { token: worker },
      ),
    ).registerVolunteer;
    expect(v).toMatchObject({
      name: resident!.name,
      active: true,
      skills: ['理发'],
      resident: { id: resident!.id },
      team: { name: team.name },
    });
    const twice = await s.gql(REGISTER, { i: { gridId: grid, residentId: resident!.id } }, { token: worker });
    expect(errorCode(twice)).toBe('CONFLICT');
    const after = ok(
      await s.gql(
        'query($id: ID!) { node(id: $id) { ... on VolunteerTeam { memberCount } } }',
        { id: team.id },
        { token: worker },
      ),
    );
    expect(after.node.memberCount).toBe(team.memberCount + 1);
  });

  it('refuses a resident of another grid, and non-residents where the grid registers residents only', async () => {
    const [stranger] = await residentsOf(otherGrid, 1);
    const res = await s.gql(REGISTER, { i: { gridId: grid, residentId: stranger!.id } }, { token: admin });
    expect([errorCode(res), field(res)]).toEqual(['BAD_USER_INPUT', 'input.residentId']);
    ok(await s.gql(REGISTER, { i: { gridId: grid, name: '辖区单位志愿者' } }, { token: admin }));
    ok(
      await s.gql(
        'mutation($i: UpdateModuleSettingsInput!) { updateModuleSettings(input: $i) { settings } }',
        { i: { gridId: grid, moduleId: 'volunteer', settings: { residentsOnly: true } } },
        { token: admin },
      ),
    );
    const refused = await s.gql(REGISTER, { i: { gridId: grid, name: '外来志愿者' } }, { token: admin });
    expect([errorCode(refused), field(refused)]).toEqual(['BAD_USER_INPUT', 'input.residentId']);
    ok(
      await s.gql(
        'mutation($i: UpdateModuleSettingsInput!) { updateModuleSettings(input: $i) { settings } }',
        { i: { gridId: grid, moduleId: 'volunteer', settings: { residentsOnly: null } } },
        { token: admin },
      ),
    );
  });

  it('keeps to the jurisdiction: another grid worker can neither register here nor see these volunteers', async () => {
    const worker2 = await s.login('grid_worker2');
    const res = await s.gql(REGISTER, { i: { gridId: grid, name: '越权登记' } }, { token: worker2 });
    expect(errorCode(res)).toBe('FORBIDDEN');
    const seen = ok(
      await s.gql('{ volunteerMembers(first: 100) { totalCount } }', {}, { token: worker2 }),
    ).volunteerMembers;
    expect(seen.totalCount).toBe(0);
  });

  it('team names are unique on a grid', async () => {
    const create = (name: string) =>
      s.gql(
        'mutation($i: CreateVolunteerTeamInput!) { createVolunteerTeam(input: $i) { id name active } }',
        { i: { gridId: grid, name } },
        { token: admin },
      );
    ok(await create('青年突击队'));
    expect(errorCode(await create('青年突击队'))).toBe('CONFLICT');
  });
});

describe('services', () => {
  it('records a service; counts come from the volunteers and the people served', async () => {
    const members = ok(
      await s.gql(
        'query($g: ID!) { volunteerMembers(first: 2, filter: { gridId: $g, activeOnly: true }) { nodes { id } } }',
        { g: grid },
        { token: worker },
      ),
    ).volunteerMembers.nodes;
    const [household] = await householdsOf(grid, 1);
    const res = ok(
      await s.gql(
        SERVICE,
        {
          i: {
            gridId: grid,
            occurredAt: new Date(Date.now() - 2 * 3600_000).toISOString(),
            details: {
              serviceKind: 'WASTE_REMOVAL',
              memberIds: members.map((m: any) => m.id),
              hours: 2,
              peopleServed: 5,
              householdIds: [household!.id],
            },
          },
        },
        { token: worker },
      ),
    ).recordVolunteerService;
    expect(res).toMatchObject({
      participants: 2,
      beneficiaries: 5,
      details: {
        serviceKind: 'WASTE_REMOVAL',
        hours: 2,
        peopleServed: 5,
        householdIds: [household!.id],
        teamId: null,
      },
    });
    expect(res.details.memberIds).toEqual(members.map((m: any) => m.id));
  });

  it('refuses volunteers of another grid, volunteers who left, households elsewhere and too many hours', async () => {
    const em = s.em();
    const [member] = await em.find(VolunteerMember, { gridId: uuidOf(grid), leftOn: null }, { limit: 1 });
    const left = await em.findOneOrFail(VolunteerMember, { gridId: uuidOf(grid), leftOn: { $ne: null } });
    const gid = toGlobalId;
    const [farHousehold] = await householdsOf(otherGrid, 1);
    const base = {
      serviceKind: 'ERRAND',
      memberIds: [gid('VolunteerMember', member!.id)],
      hours: 1,
      peopleServed: 1,
    };
    const before = await em.count(Activity, { kind: 'volunteer.service' });
    for (const [details, at] of [
      [{ ...base, memberIds: [gid('VolunteerMember', left.id)] }, 'input.details.memberIds.0'],
      [
        { ...base, memberIds: [gid('VolunteerMember', member!.id), gid('VolunteerMember', member!.id)] },
        'input.details.memberIds',
      ],
      [{ ...base, householdIds: [farHousehold!.id] }, 'input.details.householdIds.0'],
      [{ ...base, hours: 9 }, 'input.details.hours'],
      [{ ...base, memberIds: [] }, 'input.details.memberIds'],
    ] as const) {
      const res = await s.gql(
        SERVICE,
        { i: { gridId: grid, occurredAt: new Date().toISOString(), details } },
        { token: admin },
      );
      expect([errorCode(res), field(res)]).toEqual(['BAD_USER_INPUT', at]);
    }
    expect(await s.em().count(Activity, { kind: 'volunteer.service' })).toBe(before);
  });
});

describe('pairings', () => {
  it('pairs a volunteer with a household of the grid, never of another grid, and ends it', async () => {
    const member = ok(
      await s.gql(
        'query($g: ID!) { volunteerMembers(first: 1, filter: { gridId: $g, activeOnly: true }) { nodes { id name } } }',
        { g: grid },
        { token: admin },
      ),
    ).volunteerMembers.nodes[0];
    const [far] = await householdsOf(otherGrid, 1);
    const bad = await s.gql(PAIR, { i: { memberId: member.id, householdId: far!.id } }, { token: admin });
    expect([errorCode(bad), field(bad)]).toEqual(['BAD_USER_INPUT', 'input.householdId']);
    const households = await householdsOf(grid, 30);
    const free = households[households.length - 1]!;
    const pairing = ok(
      await s.gql(
        PAIR,
        { i: { memberId: member.id, householdId: free.id, note: '每周代购' } },
        { token: admin },
      ),
    ).createVolunteerPairing;
    expect(pairing).toMatchObject({
      active: true,
      member: { name: member.name },
      household: { id: free.id },
    });
    expect(
      errorCode(await s.gql(PAIR, { i: { memberId: member.id, householdId: free.id } }, { token: admin })),
    ).toBe('CONFLICT');
    const leave = await s.gql(
      'mutation($i: EndVolunteerMembershipInput!) { endVolunteerMembership(input: $i) { active } }',
      { i: { memberId: member.id } },
      { token: admin },
    );
    expect(errorCode(leave)).toBe('CONFLICT');
    const ended = ok(
      await s.gql(
        'mutation($i: EndVolunteerPairingInput!) { endVolunteerPairing(input: $i) { active endedOn endReason } }',
        { i: { pairingId: pairing.id, reason: '住户入住养老院' } },
        { token: admin },
      ),
    ).endVolunteerPairing;
    expect(ended).toMatchObject({ active: false, endReason: '住户入住养老院' });
  });
});

describe('metrics', () => {
  it('equal figures counted independently from the records', async () => {
    const from = new Date(Date.now() - 365 * DAY);
    const to = new Date();
    const em = s.em();
    const services = await em.find(Activity, {
      gridId: uuidOf(grid),
      kind: 'volunteer.service',
      occurredAt: { $gte: from, $lt: to },
    });
    const ids = (a: Activity) => a.details.memberIds as string[];
    const expected = {
      'volunteer.services': services.length,
      'volunteer.people_served': services.reduce((n, a) => n + (a.details.peopleServed as number), 0),
      'volunteer.service_hours':
        Math.round(10 * services.reduce((n, a) => n + (a.details.hours as number) * ids(a).length, 0)) / 10,
      'volunteer.active_volunteers': new Set(services.flatMap(ids)).size,
    };
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const fromDay = new Date(from.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    const pairings = await em.find(VolunteerPairing, { gridId: uuidOf(grid) });
    const activePairings = pairings.filter(
      (p) => p.startedOn <= today && (!p.endedOn || p.endedOn >= fromDay),
    ).length;
    const values = ok(
      await s.gql(
        'query($g: ID!, $p: PeriodInput!) { node(id: $g) { ... on Grid { metrics(period: $p, codes: ["volunteer.services", "volunteer.people_served", "volunteer.service_hours", "volunteer.active_volunteers", "volunteer.active_pairings"]) { code value } } } }',
        { g: grid, p: { from: from.toISOString(), to: to.toISOString() } },
        { token: admin },
      ),
    ).node.metrics;
    const got = Object.fromEntries(values.map((v: any) => [v.code, v.value]));
    expect(got).toEqual({ ...expected, 'volunteer.active_pairings': activePairings });
    expect(expected['volunteer.services']).toBeGreaterThan(30);
    expect(activePairings).toBeGreaterThan(0);
  });
});

describe('hooks', () => {
  it('a newly enabled grid gets a team; switching off is refused while pairings are active', async () => {
    const science = ok(
      await s.gql('{ grids(filter: { theme: "science" }) { nodes { id } } }', {}, { token: admin }),
    ).grids.nodes[0].id;
    ok(
      await s.gql(
        'mutation($i: EnableModuleInput!) { enableModule(input: $i) { enabled } }',
        { i: { gridId: science, moduleId: 'volunteer' } },
        { token: admin },
      ),
    );
    const teams = await s.em().find(VolunteerTeam, { gridId: uuidOf(science) });
    expect(teams.map((t) => t.name)).toEqual([expect.stringMatching(/志愿服务队$/)]);
    const off = await s.gql(
      'mutation($i: DisableModuleInput!) { disableModule(input: $i) { enabled } }',
      { i: { gridId: grid, moduleId: 'volunteer' } },
      { token: admin, locale: 'zh' },
    );
    expect(errorCode(off)).toBe('CONFLICT');
    expect(off.errors![0]!.message).toMatch(/^仍有 \d+ 个志愿者与住户的结对未结束/);
  });
});
