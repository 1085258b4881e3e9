import { toGlobalId } from '../../src/graphql/global-id';
import { DomainEvent } from '../../src/integration';
import { Activity } from '../../src/modules/activity.entity';
import { Resident } from '../../src/people';
import { createTestServer, errorCode, ok, type TestServer } from '../../tests/helpers/test-server';
import { CareTarget, CareTeam } from './care.entities';

let s: TestServer;
let admin: string;
let worker: string;
let worker2: string;
let grid: string;
let workerGrid: string;
let legalGrid: string;
let communityId: string;

const DAY = 24 * 3600 * 1000;
const uuidOf = (gid: string) => Buffer.from(gid, 'base64url').toString().split(':')[1]!;
const field = (res: { errors?: { extensions?: Record<string, any> }[] }) =>
  res.errors?.[0]?.extensions?.field;
const chinaDay = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
const today = () => chinaDay(new Date());
const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

const TARGET_FIELDS = `id reasons reasonsWithheld reasonNote active registeredOn lastContactAt contactDueOn contactOverdue
  team { id name } resident { id } grid { id }`;
const REGISTER = `mutation($i: RegisterCareTargetInput!) { registerCareTarget(input: $i) { ${TARGET_FIELDS} } }`;
const UPDATE = `mutation($i: UpdateCareTargetInput!) { updateCareTarget(input: $i) { ${TARGET_FIELDS} } }`;
const TARGETS = `query($f: CareTargetFilter) { careTargets(first: 100, filter: $f) { totalCount nodes { ${TARGET_FIELDS} } } }`;
const VISIT = `mutation($i: CareVisitActivityInput!) { recordCareVisit(input: $i) {
  id participants beneficiaries details { targetId teamId visitors outcome findings } } }`;
const CALL = `mutation($i: CareCallActivityInput!) { recordCareCall(input: $i) { id details { targetId outcome minutes } } }`;
const HELP = `mutation($i: CareHelpActivityInput!) { recordCareHelp(input: $i) {
  id participants beneficiaries details { helpKind targetIds occasion items helpers } } }`;
const TEAM = `mutation($i: CreateCareTeamInput!) { createCareTeam(input: $i) { id name leaderName active targetCount leaderResident { id } } }`;
const METRIC = `query($s: MetricScopeInput!, $p: PeriodInput!, $c: [String!]) { metrics(scope: $s, period: $p, codes: $c) { code value gridCount } }`;
const CODES = [
  'care.targets',
  'care.visits',
  'care.calls',
  'care.coverage',
  'care.overdue_targets',
  'care.help_festival',
  'care.help_hardship',
  'care.help_emergency',
];

const lastHalfYear = () => ({
  from: new Date(Date.now() - 180 * DAY).toISOString(),
  to: new Date().toISOString(),
});
const recent = () => new Date(Date.now() - 600_000).toISOString();

async function metrics(scope: object, codes = CODES): Promise<Record<string, number>> {
  const res = ok(await s.gql(METRIC, { s: scope, p: lastHalfYear(), c: codes }, { token: admin })).metrics;
  return Object.fromEntries(res.map((m: any) => [m.code, m.value]));
}

/** Residents of a grid not on the care register, read directly (these tests need ids). */
async function unregistered(gridId: string): Promise<Resident[]> {
  const em = s.em();
  const taken = new Set((await em.find(CareTarget, {})).map((t) => t.residentId));
  return (await em.find(Resident, { gridId: uuidOf(gridId) }, { orderBy: { id: 'asc' } })).filter(
    (r) => !taken.has(r.id),
  );
}

const countRows = async () => ({
  targets: await s.em().count(CareTarget, {}),
  teams: await s.em().count(CareTeam, {}),
  activities: await s.em().count(Activity, { moduleId: 'care' }),
});

beforeAll(async () => {
  s = await createTestServer();
  admin = await s.login('community_admin');
  worker = await s.login('grid_worker');
  worker2 = await s.login('grid_worker2');
  const nodes = ok(await s.gql('{ grids(first: 20) { nodes { id code theme } } }', {}, { token: admin }))
    .grids.nodes;
  grid = nodes.find((g: any) => g.theme === 'care').id;
  workerGrid = nodes.find((g: any) => g.code === 'SQ0101-01').id;
  legalGrid = nodes.find((g: any) => g.theme === 'legal').id;
  communityId = ok(await s.gql('{ communities(first: 1) { nodes { id } } }', {}, { token: admin }))
    .communities.nodes[0].id;
  // The grid worker's own grid gets the module too, to see the register through their eyes.
  ok(
    await s.gql(
      'mutation($i: EnableModuleInput!) { enableModule(input: $i) { enabled } }',
      { i: { gridId: workerGrid, moduleId: 'care' } },
      { token: admin },
    ),
  );
});
afterAll(() => s.close());

describe('the register and its sensitive reasons', () => {
  it('shows sensitive reasons and the note to administrators only; a grid worker sees that some are withheld', async () => {
    const [person] = await unregistered(workerGrid);
    const created = ok(
      await s.gql(
        REGISTER,
        {
          i: {
            residentId: toGlobalId('Resident', person!.id),
            reasons: ['DISABLED', 'ELDERLY_ALONE'],
            reasonNote: '肢体二级残疾',
          },
        },
        { token: admin },
      ),
    ).registerCareTarget;
    expect(created).toMatchObject({
      reasons: ['ELDERLY_ALONE', 'DISABLED'],
      reasonsWithheld: false,
      reasonNote: '肢体二级残疾',
      active: true,
      registeredOn: today(),
      lastContactAt: null,
      contactOverdue: false,
      contactDueOn: addDays(today(), 30),
      grid: { id: workerGrid },
    });
    const seen = ok(await s.gql(TARGETS, { f: { gridId: workerGrid } }, { token: worker })).careTargets.nodes;
    expect(seen.find((n: any) => n.id === created.id)).toMatchObject({
      reasons: ['ELDERLY_ALONE'],
      reasonsWithheld: true,
      reasonNote: null,
    });
    const viaNode = ok(
      await s.gql(
        'query($id: ID!) { node(id: $id) { ... on CareTarget { reasons reasonsWithheld reasonNote } } }',
        { id: created.id },
        { token: worker },
      ),
    ).node;
    expect(viaNode).toEqual({ reasons: ['ELDERLY_ALONE'], reasonsWithheld: true, reasonNote: null });
    expect(errorCode(await s.gql(TARGETS, { f: { reason: 'DISABLED' } }, { token: worker }))).toBe(
      'FORBIDDEN',
    );
    const byAdmin = ok(
      await s.gql(TARGETS, { f: { gridId: workerGrid, reason: 'DISABLED' } }, { token: admin }),
    ).careTargets.nodes;
    expect(byAdmin.map((n: any) => n.id)).toContain(created.id);

    // The worker's change of reasons keeps the sensitive one they cannot see.
    const changed = ok(
      await s.gql(UPDATE, { i: { id: created.id, reasons: ['LEFT_BEHIND_CHILD'] } }, { token: worker }),
    ).updateCareTarget;
    expect(changed).toMatchObject({ reasons: ['LEFT_BEHIND_CHILD'], reasonsWithheld: true });
    const again = ok(await s.gql(TARGETS, { f: { gridId: workerGrid } }, { token: admin })).careTargets.nodes;
    expect(again.find((n: any) => n.id === created.id).reasons).toEqual(['DISABLED', 'LEFT_BEHIND_CHILD']);
    const before = await countRows();
    expect(
      errorCode(
        await s.gql(UPDATE, { i: { id: created.id, reasons: ['SERIOUS_ILLNESS'] } }, { token: worker }),
      ),
    ).toBe('FORBIDDEN');
    expect(
      errorCode(await s.gql(UPDATE, { i: { id: created.id, reasonNote: '改写' } }, { token: worker })),
    ).toBe('FORBIDDEN');
    const [other] = (await unregistered(workerGrid)).slice(1);
    const refused = await s.gql(
      REGISTER,
      { i: { residentId: toGlobalId('Resident', other!.id), reasons: ['SPECIAL_HARDSHIP'] } },
      { token: worker },
    );
    expect([errorCode(refused), field(refused)]).toEqual(['FORBIDDEN', undefined]);
    expect(await countRows()).toEqual(before);
    const stored = await s.em().findOneOrFail(CareTarget, { id: uuidOf(created.id) });
    expect([stored.reasons, stored.reasonNote]).toEqual([['DISABLED', 'LEFT_BEHIND_CHILD'], '肢体二级残疾']);
  });

  it('refuses bad input with a typed error naming the field, and writes nothing', async () => {
    const [a, b] = await unregistered(grid);
    const residentId = toGlobalId('Resident', a!.id);
    const otherTeam = ok(
      await s.gql(TEAM, { i: { gridId: workerGrid, name: '第一网格关爱队' } }, { token: admin }),
    ).createCareTeam.id;
    const before = await countRows();
    const cases: [object, string][] = [
      [{ residentId, reasons: [] }, 'input.reasons'],
      [{ residentId, reasons: ['OTHER', 'OTHER'] }, 'input.reasons'],
      [{ residentId, reasons: ['OTHER'], teamId: otherTeam }, 'input.teamId'],
      [{ residentId, reasons: ['OTHER'], registeredOn: addDays(today(), 2) }, 'input.registeredOn'],
      [{ residentId, reasons: ['OTHER'], reasonNote: 'x'.repeat(501) }, 'input.reasonNote'],
      [{ residentId: toGlobalId('CareTeam', uuidOf(otherTeam)), reasons: ['OTHER'] }, 'input.residentId'],
    ];
    for (const [i, f] of cases) {
      const res = await s.gql(REGISTER, { i }, { token: admin });
      expect([errorCode(res), field(res)]).toEqual(['BAD_USER_INPUT', f]);
    }
    const [elsewhere] = await unregistered(legalGrid);
    const off = await s.gql(
      REGISTER,
      { i: { residentId: toGlobalId('Resident', elsewhere!.id), reasons: ['OTHER'] } },
      { token: admin },
    );
    expect(errorCode(off)).toBe('MODULE_NOT_ENABLED');
    const foreign = await s.gql(
      REGISTER,
      { i: { residentId: toGlobalId('Resident', b!.id), reasons: ['OTHER'] } },
      { token: worker2 },
    );
    expect(errorCode(foreign)).toBe('FORBIDDEN');
    expect(await countRows()).toEqual(before);

    ok(await s.gql(REGISTER, { i: { residentId, reasons: ['OTHER'] } }, { token: admin }));
    expect(
      errorCode(await s.gql(REGISTER, { i: { residentId, reasons: ['OTHER'] } }, { token: admin })),
    ).toBe('CONFLICT');
  });

  it('takes a target off the register and back on, keeping one record per resident', async () => {
    const [person] = await unregistered(grid);
    const input = { residentId: toGlobalId('Resident', person!.id), reasons: ['LEFT_BEHIND_CHILD'] };
    const t = ok(await s.gql(REGISTER, { i: input }, { token: admin })).registerCareTarget;
    const END =
      'mutation($i: EndCareTargetInput!) { endCareTarget(input: $i) { active contactDueOn contactOverdue } }';
    expect(
      ok(await s.gql(END, { i: { id: t.id, reason: '父母返乡' } }, { token: admin })).endCareTarget,
    ).toEqual({
      active: false,
      contactDueOn: null,
      contactOverdue: false,
    });
    expect(errorCode(await s.gql(END, { i: { id: t.id, reason: '再次' } }, { token: admin }))).toBe(
      'CONFLICT',
    );
    const visit = await s.gql(
      VISIT,
      { i: { gridId: grid, occurredAt: recent(), details: { targetId: t.id, outcome: 'WELL' } } },
      { token: admin },
    );
    expect([errorCode(visit), field(visit)]).toEqual(['BAD_USER_INPUT', 'input.details.targetId']);
    const back = ok(await s.gql(REGISTER, { i: input }, { token: admin })).registerCareTarget;
    expect(back).toMatchObject({ id: t.id, active: true });
  });
});

describe('visits, calls and the coverage figures', () => {
  it('a call that reached the person clears the overdue flag; an unanswered knock does not; the metrics follow', async () => {
    const list = async () =>
      ok(await s.gql(TARGETS, { f: { gridId: grid } }, { token: admin })).careTargets.nodes;
    const before = await list();
    const overdue = before.filter((n: any) => n.contactOverdue);
    expect(overdue.length).toBeGreaterThan(0);
    const m0 = await metrics({ gridId: grid });
    expect(m0['care.overdue_targets']).toBe(overdue.length);
    const target = overdue[0];

    const knock = ok(
      await s.gql(
        VISIT,
        {
          i: {
            gridId: grid,
            occurredAt: recent(),
            details: { targetId: target.id, outcome: 'NO_ANSWER', visitors: 2 },
          },
        },
        { token: admin },
      ),
    ).recordCareVisit;
    expect(knock).toMatchObject({
      participants: 2,
      beneficiaries: 0,
      details: { outcome: 'NO_ANSWER', visitors: 2 },
    });
    expect((await list()).find((n: any) => n.id === target.id).contactOverdue).toBe(true);
    const m1 = await metrics({ gridId: grid });
    expect([m1['care.visits'], m1['care.overdue_targets'], m1['care.coverage']]).toEqual([
      m0['care.visits']! + 1,
      m0['care.overdue_targets'],
      m0['care.coverage'],
    ]);

    const call = ok(
      await s.gql(
        CALL,
        {
          i: {
            gridId: grid,
            occurredAt: recent(),
            details: { targetId: target.id, outcome: 'NEEDS_HELP', minutes: 12 },
          },
        },
        { token: admin },
      ),
    ).recordCareCall;
    expect(call.details).toEqual({ targetId: target.id, outcome: 'NEEDS_HELP', minutes: 12 });
    const after = (await list()).find((n: any) => n.id === target.id);
    expect(after.contactOverdue).toBe(false);
    expect(after.contactDueOn).toBe(addDays(today(), 30));
    const m2 = await metrics({ gridId: grid });
    expect(m2['care.calls']).toBe(m0['care.calls']! + 1);
    expect(m2['care.overdue_targets']).toBe(m0['care.overdue_targets']! - 1);
    expect(m2['care.coverage']).toBeGreaterThan(m0['care.coverage']!);
  });

  it('refuses contacts with targets or teams of another grid, and unknown outcomes', async () => {
    const em = s.em();
    const foreignTarget = await em.findOneOrFail(CareTarget, { gridId: uuidOf(workerGrid) });
    const foreignTeam = await em.findOneOrFail(CareTeam, { gridId: uuidOf(workerGrid) });
    const own = await em.findOneOrFail(CareTarget, { gridId: uuidOf(grid), endedOn: null });
    const before = await countRows();
    const wrongTarget = await s.gql(
      VISIT,
      {
        i: {
          gridId: grid,
          occurredAt: recent(),
          details: { targetId: toGlobalId('CareTarget', foreignTarget.id), outcome: 'WELL' },
        },
      },
      { token: admin },
    );
    expect([errorCode(wrongTarget), field(wrongTarget)]).toEqual([
      'BAD_USER_INPUT',
      'input.details.targetId',
    ]);
    const wrongTeam = await s.gql(
      VISIT,
      {
        i: {
          gridId: grid,
          occurredAt: recent(),
          details: {
            targetId: toGlobalId('CareTarget', own.id),
            teamId: toGlobalId('CareTeam', foreignTeam.id),
            outcome: 'WELL',
          },
        },
      },
      { token: admin },
    );
    expect([errorCode(wrongTeam), field(wrongTeam)]).toEqual(['BAD_USER_INPUT', 'input.details.teamId']);
    const badMinutes = await s.gql(
      CALL,
      {
        i: {
          gridId: grid,
          occurredAt: recent(),
          details: { targetId: toGlobalId('CareTarget', own.id), outcome: 'WELL', minutes: 0 },
        },
      },
      { token: admin },
    );
    expect([errorCode(badMinutes), field(badMinutes)]).toEqual(['BAD_USER_INPUT', 'input.details.minutes']);
    const badOutcome = await s.gql(
      CALL,
      {
        i: {
          gridId: grid,
          occurredAt: recent(),
          details: { targetId: toGlobalId('CareTarget', own.id), outcome: 'FINE' },
        },
      },
      { token: admin },
    );
    expect(badOutcome.errors).toBeDefined();
    expect(await countRows()).toEqual(before);
  });

  it('shortening the interval is announced with the number of targets then overdue', async () => {
    ok(
      await s.gql(
        'mutation($i: UpdateModuleSettingsInput!) { updateModuleSettings(input: $i) { settings } }',
        { i: { gridId: grid, moduleId: 'care', settings: { visitIntervalDays: 5 } } },
        { token: admin },
      ),
    );
    const overdue = (await metrics({ gridId: grid }, ['care.overdue_targets']))['care.overdue_targets'];
    const events = await s.em().find(DomainEvent, { type: 'care.interval_shortened' });
    expect(events.map((e: any) => e.payload)).toEqual([{ from: 30, to: 5, overdueTargets: overdue }]);
    expect(overdue).toBeGreaterThan(0);
    ok(
      await s.gql(
        'mutation($i: UpdateModuleSettingsInput!) { updateModuleSettings(input: $i) { settings } }',
        { i: { gridId: grid, moduleId: 'care', settings: { visitIntervalDays: 30 } } },
        { token: admin },
      ),
    );
  });
});

describe('help and teams', () => {
  it('records the three kinds of help; festival and emergency help name the occasion; targets only once', async () => {
    const targets = await s
      .em()
      .find(CareTarget, { gridId: uuidOf(grid), endedOn: null }, { limit: 3, orderBy: { id: 'asc' } });
    const ids = targets.map((t) => toGlobalId('CareTarget', t.id));
    const h0 = await metrics({ gridId: grid });
    const record = (details: object) =>
      s.gql(HELP, { i: { gridId: grid, occurredAt: recent(), details } }, { token: admin });
    const before = await countRows();
    const noOccasion = await record({ helpKind: 'FESTIVAL', targetIds: ids, items: '月饼' });
    expect([errorCode(noOccasion), field(noOccasion)]).toEqual(['BAD_USER_INPUT', 'input.details.occasion']);
    const twice = await record({ helpKind: 'HARDSHIP', targetIds: [ids[0], ids[0]], items: '米' });
    expect([errorCode(twice), field(twice)]).toEqual(['BAD_USER_INPUT', 'input.details.targetIds']);
    const none = await record({ helpKind: 'HARDSHIP', targetIds: [], items: '米' });
    expect([errorCode(none), field(none)]).toEqual(['BAD_USER_INPUT', 'input.details.targetIds']);
    expect(await countRows()).toEqual(before);

    const festival = ok(
      await record({ helpKind: 'FESTIVAL', targetIds: ids, occasion: '春节', items: '米、油', helpers: 5 }),
    ).recordCareHelp;
    expect(festival).toMatchObject({ participants: 5, beneficiaries: 3 });
    ok(await record({ helpKind: 'HARDSHIP', targetIds: ids.slice(0, 1), items: '生活补贴' }));
    ok(
      await record({
        helpKind: 'EMERGENCY',
        targetIds: ids.slice(0, 2),
        occasion: '火情',
        items: '临时安置',
      }),
    );
    const h1 = await metrics({ gridId: grid });
    expect([h1['care.help_festival'], h1['care.help_hardship'], h1['care.help_emergency']]).toEqual([
      h0['care.help_festival']! + 3,
      h0['care.help_hardship']! + 1,
      h0['care.help_emergency']! + 2,
    ]);
  });

  it('sets up teams (unique names, leaders of the grid) and disbanding leaves their targets without a team', async () => {
    const [leader] = await unregistered(grid);
    const [far] = await unregistered(legalGrid);
    const wrongLeader = await s.gql(
      TEAM,
      { i: { gridId: grid, name: '新关爱队', leaderResidentId: toGlobalId('Resident', far!.id) } },
      { token: admin },
    );
    expect([errorCode(wrongLeader), field(wrongLeader)]).toEqual([
      'BAD_USER_INPUT',
      'input.leaderResidentId',
    ]);
    const tooMany = await s.gql(
      TEAM,
      { i: { gridId: grid, name: '新关爱队', memberCount: 501 } },
      { token: admin },
    );
    expect([errorCode(tooMany), field(tooMany)]).toEqual(['BAD_USER_INPUT', 'input.memberCount']);
    const team = ok(
      await s.gql(
        TEAM,
        {
          i: {
            gridId: grid,
            name: '新关爱队',
            leaderResidentId: toGlobalId('Resident', leader!.id),
            memberCount: 6,
          },
        },
        { token: admin },
      ),
    ).createCareTeam;
    expect(team).toMatchObject({ name: '新关爱队', leaderName: leader!.name, active: true, targetCount: 0 });
    expect(errorCode(await s.gql(TEAM, { i: { gridId: grid, name: '新关爱队' } }, { token: admin }))).toBe(
      'CONFLICT',
    );

    const target = await s
      .em()
      .findOneOrFail(CareTarget, { gridId: uuidOf(grid), endedOn: null }, { orderBy: { id: 'desc' } });
    const assigned = ok(
      await s.gql(
        UPDATE,
        { i: { id: toGlobalId('CareTarget', target.id), teamId: team.id } },
        { token: admin },
      ),
    ).updateCareTarget;
    expect(assigned.team).toEqual({ id: team.id, name: '新关爱队' });
    const disbanded = ok(
      await s.gql(
        'mutation($i: DisbandCareTeamInput!) { disbandCareTeam(input: $i) { active targetCount } }',
        { i: { id: team.id } },
        { token: admin },
      ),
    ).disbandCareTeam;
    expect(disbanded).toEqual({ active: false, targetCount: 0 });
    const reread = ok(await s.gql(TARGETS, { f: { gridId: grid } }, { token: admin })).careTargets.nodes;
    expect(reread.find((n: any) => n.id === toGlobalId('CareTarget', target.id)).team).toBeNull();
    const onDisbanded = await s.gql(
      UPDATE,
      { i: { id: toGlobalId('CareTarget', target.id), teamId: team.id } },
      { token: admin },
    );
    expect([errorCode(onDisbanded), field(onDisbanded)]).toEqual(['BAD_USER_INPUT', 'input.teamId']);
  });
});

describe('jurisdiction and metrics', () => {
  it("a grid worker of another grid sees none of this grid's targets or teams", async () => {
    for (const q of ['careTargets', 'careTeams']) {
      const nodes = ok(
        await s.gql(`{ ${q}(first: 100) { nodes { id grid { id } } } }`, {}, { token: worker2 }),
      )[q].nodes;
      expect(nodes).toEqual([]);
    }
    const target = await s.em().findOneOrFail(CareTarget, { gridId: uuidOf(grid) });
    const res = await s.gql(
      'query($id: ID!) { node(id: $id) { id } }',
      { id: toGlobalId('CareTarget', target.id) },
      { token: worker2 },
    );
    expect(errorCode(res)).toBe('NOT_FOUND');
    const filtered = await s.gql(TARGETS, { f: { gridId: grid } }, { token: worker2 });
    expect(ok(filtered).careTargets.totalCount).toBe(0);
  });

  it('equal figures counted independently from the records, per grid and over the community', async () => {
    const em = s.em();
    const period = lastHalfYear();
    const expectFor = async (gridId: string) => {
      const day = today();
      const targets = (await em.find(CareTarget, { gridId: uuidOf(gridId) })).filter(
        (t) => t.registeredOn <= day && (!t.endedOn || t.endedOn > day),
      );
      const all = await em.find(Activity, { gridId: uuidOf(gridId), moduleId: 'care' });
      const inPeriod = all.filter(
        (a) => a.occurredAt >= new Date(period.from) && a.occurredAt < new Date(period.to),
      );
      const reached = new Map<string, string>();
      for (const a of all) {
        if (a.kind === 'care.help' || a.details.outcome === 'NO_ANSWER') continue;
        const d = chinaDay(a.occurredAt);
        const id = a.details.targetId as string;
        if (!reached.has(id) || reached.get(id)! < d) reached.set(id, d);
      }
      const covered = targets.filter(
        (t) => reached.has(t.id) && addDays(reached.get(t.id)!, 30) >= day,
      ).length;
      const overdue = targets.filter((t) => {
        const last = reached.get(t.id);
        return addDays(last && last > t.registeredOn ? last : t.registeredOn, 30) < day;
      }).length;
      const help = (k: string) =>
        inPeriod
          .filter((a) => a.kind === 'care.help' && a.details.helpKind === k)
          .reduce((n, a) => n + (a.details.targetIds as string[]).length, 0);
      return {
        'care.targets': targets.length,
        'care.visits': inPeriod.filter((a) => a.kind === 'care.visit').length,
        'care.calls': inPeriod.filter((a) => a.kind === 'care.call').length,
        'care.coverage': targets.length ? Math.round((1000 * covered) / targets.length) / 10 : 0,
        'care.overdue_targets': overdue,
        'care.help_festival': help('FESTIVAL'),
        'care.help_hardship': help('HARDSHIP'),
        'care.help_emergency': help('EMERGENCY'),
      };
    };
    const got = async (scope: object) =>
      Object.fromEntries(
        ok(await s.gql(METRIC, { s: scope, p: period, c: CODES }, { token: admin })).metrics.map((m: any) => [
          m.code,
          m.value,
        ]),
      );
    const one = await expectFor(grid);
    const two = await expectFor(workerGrid);
    expect(await got({ gridId: grid })).toEqual(one);
    expect(await got({ gridId: workerGrid })).toEqual(two);
    expect(one['care.targets']).toBeGreaterThan(10);
    expect(one['care.help_festival']).toBeGreaterThan(0);
    const community = await got({ communityId });
    for (const code of [
      'care.targets',
      'care.visits',
      'care.calls',
      'care.overdue_targets',
      'care.help_festival',
    ] as const)
      expect(community[code]).toBe(one[code] + two[code]);
  });
});
