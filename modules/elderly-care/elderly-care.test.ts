import { toGlobalId } from '../../src/graphql/global-id';
import { asCalendarDate } from '../../src/modules';
import { Activity } from '../../src/modules/activity.entity';
import { DomainEvent } from '../../src/integration';
import { Resident } from '../../src/people';
import { createTestServer, errorCode, ok, type TestServer } from '../../tests/helpers/test-server';
import { ElderlyCarePairing, ElderlyCareProfile } from './elderly-care.entities';

let s: TestServer;
let admin: string;
let grid: string;
let careGrid: string;
let legalGrid: string;

const DAY = 24 * 3600 * 1000;
const uuidOf = (gid: string) => Buffer.from(gid, 'base64url').toString().split(':')[1]!;
const field = (res: { errors?: { extensions?: Record<string, any> }[] }) =>
  res.errors?.[0]?.extensions?.field;
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

beforeAll(async () => {
  s = await createTestServer();
  admin = await s.login('community_admin');
  const nodes = ok(await s.gql('{ grids(first: 20) { nodes { id theme } } }', {}, { token: admin })).grids
    .nodes;
  grid = nodes.find((g: any) => g.theme === 'elderly-care').id;
  careGrid = nodes.find((g: any) => g.theme === 'care').id;
  legalGrid = nodes.find((g: any) => g.theme === 'legal').id;
});
afterAll(() => s.close());

const REGISTER = `mutation($i: RegisterElderlyCareProfileInput!) { registerElderlyCareProfile(input: $i) {
  id living needsCare careNeeds registeredOn active age lastVisitAt visitDueOn visitOverdue resident { id } } }`;
const PAIR = `mutation($i: CreateElderlyCarePairingInput!) { createElderlyCarePairing(input: $i) {
  id helperKind helperName active helperResident { id } profile { id } } }`;
const VISIT = `mutation($i: ElderlyCareVisitActivityInput!) { recordElderlyCareVisit(input: $i) {
  id participants beneficiaries details { profileId visitType visitors needsFollowUp } } }`;
const METRIC = `query($s: MetricScopeInput!, $p: PeriodInput!, $c: [String!]) { metrics(scope: $s, period: $p, codes: $c) { code value gridCount } }`;

/** Residents of a grid without a profile, by age, read directly (these tests need ids). */
async function unregistered(gridId: string, minAge: number, maxAge = 200): Promise<Resident[]> {
  const em = s.em();
  const taken = new Set((await em.find(ElderlyCareProfile, {})).map((p) => p.residentId));
  const year = Number(today().slice(0, 4));
  return (await em.find(Resident, { gridId: uuidOf(gridId) }, { orderBy: { id: 'asc' } })).filter((r) => {
    if (!r.birthDate || taken.has(r.id)) return false;
    const age = year - Number(asCalendarDate(r.birthDate).slice(0, 4));
    return age > minAge && age < maxAge;
  });
}

const lastYear = () => ({
  from: new Date(Date.now() - 365 * DAY).toISOString(),
  to: new Date().toISOString(),
});

describe('profiles', () => {
  it('registers an elderly resident of the grid, once; closing and reopening keeps one profile', async () => {
    const [old] = await unregistered(grid, 75);
    const input = {
      residentId: toGlobalId('Resident', old!.id),
      living: 'ALONE',
      needsCare: true,
      careNeeds: '助餐',
    };
    const p = ok(await s.gql(REGISTER, { i: input }, { token: admin })).registerElderlyCareProfile;
    expect(p).toMatchObject({
      living: 'ALONE',
      needsCare: true,
      active: true,
      lastVisitAt: null,
      visitOverdue: false,
      registeredOn: today(),
    });
    expect(p.age).toBeGreaterThan(74);
    expect(p.visitDueOn > today()).toBe(true);
    expect(errorCode(await s.gql(REGISTER, { i: input }, { token: admin }))).toBe('CONFLICT');
    const closed = ok(
      await s.gql(
        'mutation($i: EndElderlyCareProfileInput!) { endElderlyCareProfile(input: $i) { active endReason visitDueOn } }',
        { i: { id: p.id, reason: '迁居' } },
        { token: admin },
      ),
    ).endElderlyCareProfile;
    expect(closed).toEqual({ active: false, endReason: '迁居', visitDueOn: null });
    const reopened = ok(
      await s.gql(REGISTER, { i: { ...input, living: 'EMPTY_NEST' } }, { token: admin }),
    ).registerElderlyCareProfile;
    expect(reopened).toMatchObject({ id: p.id, active: true, living: 'EMPTY_NEST' });
  });

  it("refuses residents under the grid's minimum age, and residents of grids without the module", async () => {
    const [young] = await unregistered(grid, 20, 40);
    const res = await s.gql(
      REGISTER,
      { i: { residentId: toGlobalId('Resident', young!.id), living: 'WITH_FAMILY' } },
      { token: admin },
    );
    expect([errorCode(res), field(res)]).toEqual(['BAD_USER_INPUT', 'input.residentId']);
    const [elsewhere] = await unregistered(legalGrid, 70);
    const off = await s.gql(
      REGISTER,
      { i: { residentId: toGlobalId('Resident', elsewhere!.id), living: 'ALONE' } },
      { token: admin },
    );
    expect(errorCode(off)).toBe('MODULE_NOT_ENABLED');
    const worker2 = await s.login('grid_worker2');
    const [other] = await unregistered(grid, 70);
    const forbidden = await s.gql(
      REGISTER,
      { i: { residentId: toGlobalId('Resident', other!.id), living: 'ALONE' } },
      { token: worker2 },
    );
    expect(errorCode(forbidden)).toBe('FORBIDDEN');
  });
});

describe('pairings (结对帮扶)', () => {
  it('pairs a helper living on the grid; a helper from another grid or the person themselves is refused', async () => {
    const profile = await s
      .em()
      .findOneOrFail(
        ElderlyCareProfile,
        { gridId: uuidOf(grid), endedOn: null },
        { orderBy: { id: 'desc' } },
      );
    const profileId = toGlobalId('ElderlyCareProfile', profile.id);
    const [far] = await unregistered(legalGrid, 20, 60);
    const wrong = await s.gql(
      PAIR,
      { i: { profileId, helperKind: 'NEIGHBOUR', helperResidentId: toGlobalId('Resident', far!.id) } },
      { token: admin },
    );
    expect([errorCode(wrong), field(wrong)]).toEqual(['BAD_USER_INPUT', 'input.helperResidentId']);
    const self = await s.gql(
      PAIR,
      {
        i: {
          profileId,
          helperKind: 'NEIGHBOUR',
          helperResidentId: toGlobalId('Resident', profile.residentId),
        },
      },
      { token: admin },
    );
    expect([errorCode(self), field(self)]).toEqual(['BAD_USER_INPUT', 'input.helperResidentId']);
    const nameless = await s.gql(PAIR, { i: { profileId, helperKind: 'OTHER' } }, { token: admin });
    expect([errorCode(nameless), field(nameless)]).toEqual(['BAD_USER_INPUT', 'input.helperName']);
    const [near] = await unregistered(grid, 20, 60);
    const pairing = ok(
      await s.gql(
        PAIR,
        { i: { profileId, helperKind: 'PARTY_MEMBER', helperResidentId: toGlobalId('Resident', near!.id) } },
        { token: admin },
      ),
    ).createElderlyCarePairing;
    expect(pairing).toMatchObject({
      helperKind: 'PARTY_MEMBER',
      helperName: near!.name,
      active: true,
      profile: { id: profileId },
    });
    const ended = ok(
      await s.gql(
        'mutation($i: EndElderlyCarePairingInput!) { endElderlyCarePairing(input: $i) { active } }',
        { i: { id: pairing.id } },
        { token: admin },
      ),
    );
    expect(ended.endElderlyCarePairing.active).toBe(false);
  });
});

describe('visits and the overdue figure', () => {
  it('a visit clears the overdue flag; the overdue metric agrees with the flags of the profiles', async () => {
    const list = async () =>
      ok(
        await s.gql(
          'query($g: ID!) { elderlyCareProfiles(first: 100, filter: { gridId: $g }) { nodes { id visitOverdue lastVisitAt } } }',
          { g: grid },
          { token: admin },
        ),
      ).elderlyCareProfiles.nodes;
    const overdueMetric = async () =>
      ok(
        await s.gql(
          METRIC,
          { s: { gridId: grid }, p: lastYear(), c: ['elderly-care.overdue_visits'] },
          { token: admin },
        ),
      ).metrics[0].value;
    const before = await list();
    const overdue = before.filter((p: any) => p.visitOverdue);
    expect(overdue.length).toBeGreaterThan(0);
    expect(await overdueMetric()).toBe(overdue.length);
    const visit = ok(
      await s.gql(
        VISIT,
        {
          i: {
            gridId: grid,
            occurredAt: new Date(Date.now() - 600_000).toISOString(),
            details: { profileId: overdue[0].id, visitType: 'CONDOLENCE', gifts: '月饼' },
          },
        },
        { token: admin },
      ),
    ).recordElderlyCareVisit;
    expect(visit).toMatchObject({
      participants: 1,
      beneficiaries: 1,
      details: { profileId: overdue[0].id, visitType: 'CONDOLENCE', visitors: 1, needsFollowUp: false },
    });
    const after = await list();
    expect(after.find((p: any) => p.id === overdue[0].id)).toMatchObject({ visitOverdue: false });
    expect(await overdueMetric()).toBe(overdue.length - 1);
  });

  it('shortening the interval is announced with the number of elderly now overdue', async () => {
    ok(
      await s.gql(
        'mutation($i: UpdateModuleSettingsInput!) { updateModuleSettings(input: $i) { settings } }',
        { i: { gridId: careGrid, moduleId: 'elderly-care', settings: { visitIntervalDays: 3 } } },
        { token: admin },
      ),
    );
    const metric = ok(
      await s.gql(
        METRIC,
        { s: { gridId: careGrid }, p: lastYear(), c: ['elderly-care.overdue_visits'] },
        { token: admin },
      ),
    ).metrics[0].value;
    const events = await s.em().find(DomainEvent, { type: 'elderly-care.visit_interval_shortened' });
    expect(events.map((e: any) => e.payload)).toEqual([{ from: 14, to: 3, overdueProfiles: metric }]);
    expect(metric).toBeGreaterThan(0);
  });

  it('refuses visits to closed profiles or profiles of another grid', async () => {
    const em = s.em();
    const closed = await em.findOneOrFail(ElderlyCareProfile, {
      gridId: uuidOf(grid),
      endedOn: { $ne: null },
    });
    const elsewhere = await em.findOneOrFail(ElderlyCareProfile, { gridId: uuidOf(careGrid), endedOn: null });
    for (const p of [closed, elsewhere]) {
      const res = await s.gql(
        VISIT,
        {
          i: {
            gridId: grid,
            occurredAt: new Date().toISOString(),
            details: { profileId: toGlobalId('ElderlyCareProfile', p.id) },
          },
        },
        { token: admin },
      );
      expect([errorCode(res), field(res)]).toEqual(['BAD_USER_INPUT', 'input.details.profileId']);
    }
  });
});

describe('metrics', () => {
  it('equal figures counted independently from the records, per grid and over the community', async () => {
    const em = s.em();
    const from = new Date(Date.now() - 365 * DAY);
    const to = new Date();
    const expectFor = async (gridId: string) => {
      const profiles = await em.find(ElderlyCareProfile, { gridId: uuidOf(gridId) });
      const active = profiles.filter((p) => p.registeredOn <= today() && (!p.endedOn || p.endedOn > today()));
      const pairings = await em.find(ElderlyCarePairing, { gridId: uuidOf(gridId) });
      const paired = active.filter((p) =>
        pairings.some(
          (x) => x.profileId === p.id && x.startedOn <= today() && (!x.endedOn || x.endedOn > today()),
        ),
      );
      const acts = await em.find(Activity, { gridId: uuidOf(gridId), occurredAt: { $gte: from, $lt: to } });
      return {
        'elderly-care.elderly_registered': active.length,
        'elderly-care.paired_share': active.length
          ? Math.round((1000 * paired.length) / active.length) / 10
          : 0,
        'elderly-care.visits': acts.filter((a) => a.kind === 'elderly-care.visit').length,
        'elderly-care.clinic_attendees': acts
          .filter((a) => a.kind === 'elderly-care.clinic')
          .reduce((n, a) => n + (a.details.attendees as number), 0),
      };
    };
    const codes = [
      'elderly-care.elderly_registered',
      'elderly-care.paired_share',
      'elderly-care.visits',
      'elderly-care.clinic_attendees',
    ];
    const p = { from: from.toISOString(), to: to.toISOString() };
    const got = async (scope: object) =>
      Object.fromEntries(
        ok(await s.gql(METRIC, { s: scope, p, c: codes }, { token: admin })).metrics.map((m: any) => [
          m.code,
          m.value,
        ]),
      );
    const one = await expectFor(grid);
    const two = await expectFor(careGrid);
    expect(await got({ gridId: grid })).toEqual(one);
    expect(await got({ gridId: careGrid })).toEqual(two);
    expect(one['elderly-care.elderly_registered']).toBeGreaterThan(0);
    const communityId = ok(await s.gql('{ communities(first: 1) { nodes { id } } }', {}, { token: admin }))
      .communities.nodes[0].id;
    const community = await got({ communityId });
    expect(community['elderly-care.visits']).toBe(one['elderly-care.visits'] + two['elderly-care.visits']);
    expect(community['elderly-care.elderly_registered']).toBe(
      one['elderly-care.elderly_registered'] + two['elderly-care.elderly_registered'],
    );
  });
});
