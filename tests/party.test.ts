import { createTestServer, errorCode, ok, type GqlResult, type TestServer } from './helpers/test-server';

let s: TestServer;
const tokens: Record<string, string> = {};
/** Grid code → { gid, uuid }. */
const grids = new Map<string, { gid: string; id: string }>();
let communityGid: string;
let communityId: string;
let streetGid: string;
let committeeGid: string;

const G1 = 'SQ0101-01';
const G2 = 'SQ0101-02';
const G9 = 'SQ0101-09';

const uuidOf = (gid: string) => Buffer.from(gid, 'base64url').toString('utf8').split(':')[1]!;
const gidOf = (type: string, id: string) => Buffer.from(`${type}:${id}`, 'utf8').toString('base64url');

const day = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const TODAY = day.format(new Date());
const addDays = (date: string, n: number) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};
const TOMORROW = addDays(TODAY, 1);
const YEAR_AGO = addDays(TODAY, -365);

async function rows(query: string, params: unknown[] = []): Promise<Record<string, any>[]> {
  return (await s.em().execute(query, params)) as Record<string, any>[];
}
async function count(query: string, params: unknown[] = []): Promise<number> {
  return Number((await rows(query, params))[0]!.n);
}

function expectBadInput(res: GqlResult, field: string): void {
  expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
}

async function gql(user: string, query: string, variables: Record<string, unknown> = {}): Promise<GqlResult> {
  return s.gql(query, variables, { token: tokens[user] });
}

/**
 * Events of these types in the outbox, in sequence order. Read from the table: the feed shows an
 * event only once every older transaction of the database cluster has ended, which other test
 * databases on a shared server can delay.
 */
async function eventsOf(types: string[]): Promise<{ type: string; subjectId: string; payload: any }[]> {
  const found = await rows(
    `select type, subject_id, payload from event where type in (${types.map(() => '?').join(', ')}) order by seq`,
    types,
  );
  return found.map((r) => ({
    type: r.type,
    subjectId: r.subject_id,
    payload: typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload,
  }));
}

beforeAll(async () => {
  s = await createTestServer();
  for (const u of ['admin', 'street_admin', 'community_admin', 'grid_worker', 'grid_worker2']) {
    tokens[u] = await s.login(u);
  }
  const data = ok(
    await gql(
      'community_admin',
      `{ grids(first: 20) { nodes { id code } }
         communities { nodes { id street { id } } }
         partyOrganizations(filter: { kind: COMMUNITY_COMMITTEE }) { nodes { id } } }`,
    ),
  );
  for (const g of data.grids.nodes) grids.set(g.code, { gid: g.id, id: uuidOf(g.id) });
  communityGid = data.communities.nodes[0].id;
  communityId = uuidOf(communityGid);
  streetGid = data.communities.nodes[0].street.id;
  committeeGid = data.partyOrganizations.nodes[0].id;
});
afterAll(() => s.close());

const ORG_FIELDS = `id name kind attachmentLevel foundedOn secretaryName memberCount
  community { id } grid { id code } microGrid { id } building { id name } parent { id kind }`;

describe('demo data and reads', () => {
  it('lists every party organization of the community, counted independently', async () => {
    const total = await count('select count(*) as n from party_organization where community_id = ?', [
      communityId,
    ]);
    const byKind = await rows(
      'select kind, count(*) as n from party_organization where community_id = ? group by kind',
      [communityId],
    );
    const kinds = Object.fromEntries(byKind.map((r) => [r.kind, Number(r.n)]));
    expect(kinds).toMatchObject({ COMMUNITY_COMMITTEE: 1, GRID_BRANCH: 8 });
    expect(kinds.RESIDENTIAL_BRANCH).toBeGreaterThan(0);
    expect(kinds.PARTY_GROUP).toBeGreaterThan(0);
    expect(kinds.BUILDING_GROUP).toBeGreaterThan(0);

    // Walk every page: each organization once.
    const seen = new Set<string>();
    let after: string | null = null;
    let totalCount = 0;
    do {
      const page: any = ok(
        await gql(
          'community_admin',
          `query($after: String) { partyOrganizations(first: 10, after: $after) {
             totalCount pageInfo { hasNextPage endCursor } nodes { ${ORG_FIELDS} } } }`,
          { after },
        ),
      ).partyOrganizations;
      totalCount = page.totalCount;
      for (const o of page.nodes) {
        seen.add(o.id);
        expect(o.community.id).toBe(communityGid);
        // The attachment is consistent with the kind.
        const expected = {
          COMMUNITY_COMMITTEE: ['COMMUNITY'],
          GRID_BRANCH: ['GRID'],
          RESIDENTIAL_BRANCH: ['MICRO_GRID', 'GRID'],
          PARTY_GROUP: ['GRID', 'MICRO_GRID'],
          BUILDING_GROUP: ['BUILDING'],
        }[o.kind as string]!;
        expect(expected).toContain(o.attachmentLevel);
        if (o.kind === 'COMMUNITY_COMMITTEE') expect(o.grid).toBeNull();
        if (o.kind === 'BUILDING_GROUP') expect(o.building.name).toMatch(/号楼$/);
        if (o.kind === 'GRID_BRANCH')
          expect(o.parent).toEqual({ id: committeeGid, kind: 'COMMUNITY_COMMITTEE' });
        if (o.kind === 'PARTY_GROUP' || o.kind === 'BUILDING_GROUP') {
          expect(['GRID_BRANCH', 'RESIDENTIAL_BRANCH']).toContain(o.parent.kind);
        }
      }
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(totalCount).toBe(total);
    expect(seen.size).toBe(total);

    for (const [kind, n] of Object.entries(kinds)) {
      const res = ok(
        await gql(
          'community_admin',
          'query($k: PartyOrganizationKind) { partyOrganizations(filter: { kind: $k }) { totalCount } }',
          { k: kind },
        ),
      );
      expect(res.partyOrganizations.totalCount).toBe(n);
    }
  });

  it('gives one grid no party organization, and shows each grid’s organizations on the grid', async () => {
    const res = ok(
      await gql(
        'community_admin',
        '{ grids(first: 20) { nodes { code partyOrganizations(first: 50) { totalCount nodes { kind } } } } }',
      ),
    );
    for (const g of res.grids.nodes) {
      const n = await count('select count(*) as n from party_organization where grid_id = ?', [
        grids.get(g.code)!.id,
      ]);
      expect(g.partyOrganizations.totalCount).toBe(n);
      if (g.code === G9) expect(n).toBe(0);
      else expect(g.partyOrganizations.nodes.filter((o: any) => o.kind === 'GRID_BRANCH')).toHaveLength(1);
    }
    const branches = ok(
      await gql(
        'community_admin',
        'query($g: ID!) { node(id: $g) { ... on Grid { partyOrganizations(kind: GRID_BRANCH) { totalCount } } } }',
        { g: grids.get(G1)!.gid },
      ),
    );
    expect(branches.node.partyOrganizations.totalCount).toBe(1);
  });

  it('lists the committee’s children and an organization’s members with counts', async () => {
    const res = ok(
      await gql(
        'community_admin',
        `query($id: ID!) { node(id: $id) { ... on PartyOrganization {
           name kind memberCount children(first: 100) { totalCount nodes { kind } }
           members(first: 100) { totalCount nodes { memberName active kind } }
           active: members(filter: { active: true }) { totalCount } } } }`,
        { id: committeeGid },
      ),
    ).node;
    const id = uuidOf(committeeGid);
    expect(res.kind).toBe('COMMUNITY_COMMITTEE');
    expect(res.children.totalCount).toBe(
      await count('select count(*) as n from party_organization where parent_id = ?', [id]),
    );
    expect(res.children.nodes.every((c: any) => ['GRID_BRANCH', 'RESIDENTIAL_BRANCH'].includes(c.kind))).toBe(
      true,
    );
    expect(res.members.totalCount).toBe(
      await count('select count(*) as n from party_membership where party_organization_id = ?', [id]),
    );
    const active = await count(
      'select count(*) as n from party_membership where party_organization_id = ? and left_on is null',
      [id],
    );
    expect(res.memberCount).toBe(active);
    expect(res.active.totalCount).toBe(active);
    expect(res.members.totalCount).toBeGreaterThanOrEqual(5);
  });

  it('lists about 150 members of every kind, many linked to residents of their grid', async () => {
    const total = await count('select count(*) as n from party_membership where community_id = ?', [
      communityId,
    ]);
    expect(total).toBeGreaterThanOrEqual(120);
    expect(total).toBeLessThanOrEqual(200);
    const all = ok(await gql('community_admin', '{ partyMemberships { totalCount } }')).partyMemberships;
    expect(all.totalCount).toBe(total);
    for (const kind of ['DIRECT', 'IN_SERVICE', 'RETIREE']) {
      const n = await count('select count(*) as n from party_membership where kind = ?', [kind]);
      expect(n).toBeGreaterThan(0);
      const res = ok(
        await gql(
          'community_admin',
          'query($k: PartyMembershipKind) { partyMemberships(filter: { kind: $k }) { totalCount } }',
          { k: kind },
        ),
      );
      expect(res.partyMemberships.totalCount).toBe(n);
    }
    const ended = await count('select count(*) as n from party_membership where left_on is not null');
    const endedRes = ok(
      await gql(
        'community_admin',
        '{ partyMemberships(filter: { active: false }) { totalCount nodes { active leftOn } } }',
      ),
    ).partyMemberships;
    expect(endedRes.totalCount).toBe(ended);
    for (const m of endedRes.nodes) expect(m.active).toBe(false);

    const g1 = ok(
      await gql(
        'community_admin',
        `query($g: ID!) { partyMemberships(first: 100, filter: { gridId: $g }) { totalCount nodes {
           memberName kind workUnitName commitment post joinedOn
           resident { name grid { code } } partyOrganization { grid { code } } } } }`,
        { g: grids.get(G1)!.gid },
      ),
    ).partyMemberships;
    expect(g1.totalCount).toBe(
      await count('select count(*) as n from party_membership where grid_id = ?', [grids.get(G1)!.id]),
    );
    const linked = g1.nodes.filter((m: any) => m.resident);
    expect(linked.length).toBeGreaterThan(0);
    for (const m of linked) {
      expect(m.resident.grid.code).toBe(G1);
      expect(m.resident.name).toBe(m.memberName);
    }
    for (const m of g1.nodes) {
      expect(m.partyOrganization.grid.code).toBe(G1);
      if (m.kind === 'IN_SERVICE') expect(m.workUnitName).toBeTruthy();
      expect(m.joinedOn <= TODAY).toBe(true);
    }
    expect(g1.nodes.some((m: any) => m.commitment && m.post)).toBe(true);
  });

  it('lists activities of the past year by period and kind, with member-service households', async () => {
    const total = await count('select count(*) as n from party_activity');
    expect(total).toBeGreaterThanOrEqual(50);
    const from = addDays(TODAY, -180);
    const inHalfYear = await count('select count(*) as n from party_activity where held_on between ? and ?', [
      from,
      TODAY,
    ]);
    const res = ok(
      await gql(
        'community_admin',
        `query($from: LocalDate) { partyActivities(first: 100, filter: { from: $from }) { totalCount nodes { heldOn } } }`,
        { from },
      ),
    ).partyActivities;
    expect(res.totalCount).toBe(inHalfYear);
    for (const a of res.nodes) expect(a.heldOn >= from && a.heldOn <= TODAY).toBe(true);

    const services = ok(
      await gql(
        'community_admin',
        `{ partyActivities(first: 100, filter: { kind: MEMBER_SERVICE }) { totalCount nodes {
            title beneficiaries participants beneficiaryHouseholdCount grid { code }
            beneficiaryHouseholds { id grid { code } } partyOrganization { name } } } }`,
      ),
    ).partyActivities;
    expect(services.totalCount).toBe(
      await count("select count(*) as n from party_activity where kind = 'MEMBER_SERVICE'"),
    );
    expect(services.totalCount).toBeGreaterThan(0);
    for (const a of services.nodes) {
      expect(a.title).toMatch(/^我是党员我帮你/);
      expect(a.beneficiaries).toBeGreaterThanOrEqual(1);
      expect(a.beneficiaryHouseholds).toHaveLength(a.beneficiaryHouseholdCount);
      expect(a.beneficiaries).toBeGreaterThanOrEqual(a.beneficiaryHouseholdCount);
      if (a.grid) for (const h of a.beneficiaryHouseholds) expect(h.grid.code).toBe(a.grid.code);
    }
    expect(services.nodes.some((a: any) => a.beneficiaryHouseholdCount > 0)).toBe(true);
  });

  it('lists aid records by grid, household and period; Household.aidRecords agrees', async () => {
    const total = await count('select count(*) as n from aid_record');
    expect(total).toBeGreaterThanOrEqual(100);
    const all = ok(await gql('community_admin', '{ aidRecords { totalCount } }')).aidRecords;
    expect(all.totalCount).toBe(total);
    const g2 = grids.get(G2)!;
    const inG2 = await count('select count(*) as n from aid_record where grid_id = ?', [g2.id]);
    const res = ok(
      await gql(
        'community_admin',
        `query($g: ID!) { aidRecords(first: 100, filter: { gridId: $g }) { totalCount nodes {
           id givenOn kind amount peopleHelped givenBy description grid { code }
           household { id aidRecords { id givenOn } } givenByPartyOrganization { kind } } } }`,
        { g: g2.gid },
      ),
    ).aidRecords;
    expect(res.totalCount).toBe(inG2);
    for (const a of res.nodes) {
      expect(a.grid.code).toBe(G2);
      expect(a.peopleHelped).toBeGreaterThanOrEqual(1);
      if (a.kind === 'CASH') expect(a.amount).toBeGreaterThan(0);
      expect(a.household.aidRecords.map((x: any) => x.id)).toContain(a.id);
      const dates = a.household.aidRecords.map((x: any) => x.givenOn);
      expect([...dates].sort().reverse()).toEqual(dates);
    }
    const household = res.nodes[0].household.id;
    const byHousehold = ok(
      await gql(
        'community_admin',
        'query($h: ID!) { aidRecords(filter: { householdId: $h }) { totalCount } }',
        {
          h: household,
        },
      ),
    ).aidRecords;
    expect(byHousehold.totalCount).toBe(
      await count('select count(*) as n from aid_record where household_id = ?', [uuidOf(household)]),
    );
    const recent = await count('select count(*) as n from aid_record where given_on >= ?', [
      addDays(TODAY, -90),
    ]);
    const recentRes = ok(
      await gql(
        'community_admin',
        'query($f: LocalDate) { aidRecords(filter: { from: $f }) { totalCount } }',
        {
          f: addDays(TODAY, -90),
        },
      ),
    ).aidRecords;
    expect(recentRes.totalCount).toBe(recent);
  });

  it('refetches each type with node(id)', async () => {
    const ids = ok(
      await gql(
        'community_admin',
        `{ partyOrganizations(first: 1) { nodes { id } } partyMemberships(first: 1) { nodes { id } }
           partyActivities(first: 1) { nodes { id } } aidRecords(first: 1) { nodes { id } } }`,
      ),
    );
    for (const [list, type] of [
      ['partyOrganizations', 'PartyOrganization'],
      ['partyMemberships', 'PartyMembership'],
      ['partyActivities', 'PartyActivity'],
      ['aidRecords', 'AidRecord'],
    ] as const) {
      const id = ids[list].nodes[0].id;
      const res = ok(
        await gql('community_admin', 'query($id: ID!) { node(id: $id) { __typename id } }', { id }),
      );
      expect(res.node).toEqual({ __typename: type, id });
    }
  });
});

describe('partySummary', () => {
  const SUMMARY = `query($scope: PartySummaryScope!, $from: LocalDate!, $to: LocalDate!) {
    partySummary(scope: $scope, period: { from: $from, to: $to }) {
      level from to organizationCount organizations { kind count } memberCount members { kind count }
      membersWithCommitment activityCount activities { kind count participants beneficiaries }
      memberServiceCount memberServiceBeneficiaries memberServiceHouseholds
      aidRecordCount aidHouseholds aidPeopleHelped aidAmount aid { kind count peopleHelped amount }
      gridsWithoutPartyOrganization { code } } }`;

  async function expected(col: string, id: string, from: string, to: string) {
    const orgs = await rows(
      `select kind, count(*) as n from party_organization where ${col} = ? and (founded_on is null or founded_on <= ?) group by kind`,
      [id, to],
    );
    const members = await rows(
      `select kind, count(*) as n from party_membership where ${col} = ? and joined_on <= ? and (left_on is null or left_on > ?) group by kind`,
      [id, to, to],
    );
    const acts = await rows(
      `select kind, count(*) as n, sum(participants) as p, sum(beneficiaries) as b from party_activity where ${col} = ? and held_on between ? and ? group by kind`,
      [id, from, to],
    );
    const aid = await rows(
      `select count(*) as n, count(distinct household_id) as h, coalesce(sum(people_helped), 0) as p, coalesce(sum(amount), 0) as a
         from aid_record where ${col} = ? and given_on between ? and ?`,
      [id, from, to],
    );
    const serviceHouseholds = await count(
      `select count(distinct l.household_id) as n from party_activity a join party_activity_household l on l.activity_id = a.id
        where a.${col} = ? and a.kind = 'MEMBER_SERVICE' and a.held_on between ? and ?`,
      [id, from, to],
    );
    const byKind = (rs: Record<string, any>[], key = 'n'): Record<string, number> =>
      Object.fromEntries(rs.map((r) => [r.kind, Number(r[key])]));
    return {
      orgs: byKind(orgs),
      members: byKind(members),
      acts: byKind(acts),
      participants: byKind(acts, 'p'),
      beneficiaries: byKind(acts, 'b'),
      aid: aid[0]!,
      serviceHouseholds,
    };
  }

  function check(summary: any, e: Awaited<ReturnType<typeof expected>>) {
    for (const o of summary.organizations) expect(o.count).toBe(e.orgs[o.kind] ?? 0);
    expect(summary.organizations).toHaveLength(5);
    expect(summary.organizationCount).toBe(Object.values(e.orgs).reduce((a: number, b: number) => a + b, 0));
    for (const m of summary.members) expect(m.count).toBe(e.members[m.kind] ?? 0);
    expect(summary.memberCount).toBe(Object.values(e.members).reduce((a: number, b: number) => a + b, 0));
    for (const a of summary.activities) {
      expect(a.count).toBe(e.acts[a.kind] ?? 0);
      expect(a.participants).toBe(e.participants[a.kind] ?? 0);
      expect(a.beneficiaries).toBe(e.beneficiaries[a.kind] ?? 0);
    }
    expect(summary.memberServiceCount).toBe(e.acts.MEMBER_SERVICE ?? 0);
    expect(summary.memberServiceBeneficiaries).toBe(e.beneficiaries.MEMBER_SERVICE ?? 0);
    expect(summary.memberServiceHouseholds).toBe(e.serviceHouseholds);
    expect(summary.aidRecordCount).toBe(Number(e.aid.n));
    expect(summary.aidHouseholds).toBe(Number(e.aid.h));
    expect(summary.aidPeopleHelped).toBe(Number(e.aid.p));
    expect(summary.aidAmount).toBeCloseTo(Number(e.aid.a), 2);
    expect(summary.aid.reduce((s: number, a: any) => s + a.count, 0)).toBe(Number(e.aid.n));
  }

  it('counts a community over the past year, and names the grid without a party organization', async () => {
    const summary = ok(
      await gql('community_admin', SUMMARY, {
        scope: { communityId: communityGid },
        from: YEAR_AGO,
        to: TODAY,
      }),
    ).partySummary;
    expect(summary).toMatchObject({ level: 'COMMUNITY', from: YEAR_AGO, to: TODAY });
    check(summary, await expected('community_id', communityId, YEAR_AGO, TODAY));
    expect(summary.memberServiceCount).toBeGreaterThan(0);
    expect(summary.aidRecordCount).toBeGreaterThan(0);
    expect(summary.gridsWithoutPartyOrganization).toEqual([{ code: G9 }]);
  });

  it('counts a grid and a street, and a past period before the organizations existed', async () => {
    const g1 = grids.get(G1)!;
    const from = addDays(TODAY, -120);
    const grid = ok(
      await gql('grid_worker', SUMMARY, { scope: { gridId: g1.gid }, from, to: TODAY }),
    ).partySummary;
    expect(grid.level).toBe('GRID');
    check(grid, await expected('grid_id', g1.id, from, TODAY));
    expect(grid.gridsWithoutPartyOrganization).toEqual([]);

    const street = ok(
      await gql('street_admin', SUMMARY, { scope: { streetId: streetGid }, from: YEAR_AGO, to: TODAY }),
    ).partySummary;
    check(street, await expected('street_id', uuidOf(streetGid), YEAR_AGO, TODAY));

    const old = ok(
      await gql('community_admin', SUMMARY, {
        scope: { communityId: communityGid },
        from: '2005-01-01',
        to: '2005-12-31',
      }),
    ).partySummary;
    expect(old.organizationCount).toBe(0);
    expect(old.activityCount).toBe(0);
    expect(old.gridsWithoutPartyOrganization).toHaveLength(9);
  });

  it('refuses a bad scope or period', async () => {
    const g1 = grids.get(G1)!.gid;
    expectBadInput(await gql('community_admin', SUMMARY, { scope: {}, from: YEAR_AGO, to: TODAY }), 'scope');
    expectBadInput(
      await gql('community_admin', SUMMARY, {
        scope: { gridId: g1, communityId: communityGid },
        from: YEAR_AGO,
        to: TODAY,
      }),
      'scope',
    );
    expectBadInput(
      await gql('community_admin', SUMMARY, { scope: { gridId: g1 }, from: TODAY, to: YEAR_AGO }),
      'period.to',
    );
    expectBadInput(
      await gql('community_admin', SUMMARY, { scope: { gridId: communityGid }, from: YEAR_AGO, to: TODAY }),
      'scope.gridId',
    );
    const notADate = await gql('community_admin', SUMMARY, {
      scope: { gridId: g1 },
      from: '2025-02-30',
      to: TODAY,
    });
    expect(errorCode(notADate)).toBe('BAD_USER_INPUT');
  });
});

describe('jurisdiction', () => {
  it('a grid worker sees only their grid’s party records in every list', async () => {
    const g1 = grids.get(G1)!;
    const res = ok(
      await gql(
        'grid_worker',
        `{ partyOrganizations(first: 100) { totalCount nodes { kind grid { code } parent { id } } }
           partyMemberships(first: 100) { totalCount nodes { partyOrganization { grid { code } } } }
           partyActivities(first: 100) { totalCount nodes { grid { code } partyOrganization { kind } beneficiaryHouseholds { grid { code } } } }
           aidRecords(first: 100) { totalCount nodes { grid { code } household { grid { code } } } } }`,
      ),
    );
    const n = (table: string) => count(`select count(*) as n from ${table} where grid_id = ?`, [g1.id]);
    expect(res.partyOrganizations.totalCount).toBe(await n('party_organization'));
    expect(res.partyMemberships.totalCount).toBe(await n('party_membership'));
    expect(res.partyActivities.totalCount).toBe(await n('party_activity'));
    expect(res.aidRecords.totalCount).toBe(await n('aid_record'));
    for (const o of res.partyOrganizations.nodes) {
      expect(o.grid.code).toBe(G1);
      // The committee above the grid branch is outside a grid worker's jurisdiction.
      if (o.kind === 'GRID_BRANCH') expect(o.parent).toBeNull();
    }
    for (const m of res.partyMemberships.nodes) expect(m.partyOrganization.grid.code).toBe(G1);
    for (const a of res.partyActivities.nodes) {
      expect(a.grid.code).toBe(G1);
      for (const h of a.beneficiaryHouseholds) expect(h.grid.code).toBe(G1);
    }
    for (const a of res.aidRecords.nodes) {
      expect(a.grid.code).toBe(G1);
      expect(a.household.grid.code).toBe(G1);
    }
    // Filtering by another grid gives nothing rather than that grid's records.
    const other = ok(
      await gql(
        'grid_worker',
        `query($g: ID!) { partyOrganizations(filter: { gridId: $g }) { totalCount }
           partyMemberships(filter: { gridId: $g }) { totalCount }
           partyActivities(filter: { gridId: $g }) { totalCount }
           aidRecords(filter: { gridId: $g }) { totalCount } }`,
        { g: grids.get(G2)!.gid },
      ),
    );
    expect(other).toEqual({
      partyOrganizations: { totalCount: 0 },
      partyMemberships: { totalCount: 0 },
      partyActivities: { totalCount: 0 },
      aidRecords: { totalCount: 0 },
    });
  });

  it('grid 2’s records and the committee are NOT_FOUND by node(id) for grid 1’s worker', async () => {
    const g2 = grids.get(G2)!;
    const ids = ok(
      await gql(
        'community_admin',
        `query($g: ID!) { partyOrganizations(first: 1, filter: { gridId: $g }) { nodes { id } }
           partyMemberships(first: 1, filter: { gridId: $g }) { nodes { id } }
           partyActivities(first: 1, filter: { gridId: $g }) { nodes { id } }
           aidRecords(first: 1, filter: { gridId: $g }) { nodes { id household { id } } } }`,
        { g: g2.gid },
      ),
    );
    const targets = [
      ids.partyOrganizations.nodes[0].id,
      ids.partyMemberships.nodes[0].id,
      ids.partyActivities.nodes[0].id,
      ids.aidRecords.nodes[0].id,
      ids.aidRecords.nodes[0].household.id,
      committeeGid,
      g2.gid,
    ];
    for (const id of targets) {
      const res = await gql('grid_worker', 'query($id: ID!) { node(id: $id) { id } }', { id });
      expect(errorCode(res)).toBe('NOT_FOUND');
      expect(res.data?.node ?? null).toBeNull();
      // Grid 2's own worker sees them (except the committee).
      if (id !== committeeGid) {
        expect(
          ok(await gql('grid_worker2', 'query($id: ID!) { node(id: $id) { id } }', { id })).node.id,
        ).toBe(id);
      }
    }
  });

  it('nested paths stay inside the grid: Grid.partyOrganizations, Household.aidRecords, children, members', async () => {
    const g1 = grids.get(G1)!;
    const viaGrid = ok(
      await gql(
        'grid_worker',
        '{ grids { nodes { code partyOrganizations(first: 50) { totalCount nodes { id } } } } }',
      ),
    ).grids.nodes;
    expect(viaGrid.map((g: any) => g.code)).toEqual([G1]);
    const inGrid1 = new Set(
      (await rows('select id from party_organization where grid_id = ?', [g1.id])).map((r) =>
        gidOf('PartyOrganization', r.id),
      ),
    );
    expect(viaGrid[0].partyOrganizations.totalCount).toBe(inGrid1.size);
    for (const o of viaGrid[0].partyOrganizations.nodes) expect(inGrid1.has(o.id)).toBe(true);

    const children = ok(
      await gql('grid_worker', '{ partyOrganizations(first: 50) { nodes { children { nodes { id } } } } }'),
    ).partyOrganizations.nodes;
    for (const o of children) for (const c of o.children.nodes) expect(inGrid1.has(c.id)).toBe(true);
    const members = ok(
      await gql('grid_worker', '{ partyOrganizations(first: 50) { nodes { members { nodes { id } } } } }'),
    ).partyOrganizations.nodes;
    const membershipsOfGrid1 = new Set(
      (await rows('select id from party_membership where grid_id = ?', [g1.id])).map((r) =>
        gidOf('PartyMembership', r.id),
      ),
    );
    for (const o of members) for (const m of o.members.nodes) expect(membershipsOfGrid1.has(m.id)).toBe(true);
    const residents = ok(
      await gql('grid_worker', '{ partyMemberships(first: 100) { nodes { resident { id } } } }'),
    ).partyMemberships.nodes;
    const residentsOfGrid1 = new Set(
      (await rows('select id from resident where grid_id = ?', [g1.id])).map((r) => gidOf('Resident', r.id)),
    );
    let linked = 0;
    for (const m of residents) {
      if (!m.resident) continue;
      expect(residentsOfGrid1.has(m.resident.id)).toBe(true);
      linked++;
    }
    expect(linked).toBeGreaterThan(0);

    const households = ok(
      await gql('grid_worker', '{ households(first: 100) { nodes { id aidRecords { id } } } }'),
    ).households.nodes;
    const ids = households.map((h: any) => uuidOf(h.id));
    const expectedAid = await rows('select id, grid_id from aid_record where household_id = any(?::uuid[])', [
      `{${ids.join(',')}}`,
    ]);
    const seen = households.flatMap((h: any) => h.aidRecords.map((a: any) => uuidOf(a.id)));
    expect(seen.sort()).toEqual(expectedAid.map((r) => r.id).sort());
    for (const r of expectedAid) expect(r.grid_id).toBe(g1.id);

    // The committee (and so its children) cannot be reached by a grid worker.
    const committee = await gql(
      'grid_worker',
      'query($id: ID!) { node(id: $id) { ... on PartyOrganization { children { totalCount } } } }',
      { id: committeeGid },
    );
    expect(errorCode(committee)).toBe('NOT_FOUND');
  });

  it('a committee activity placed in grid 1 is visible to its worker without the committee itself', async () => {
    const g1 = grids.get(G1)!;
    const created = ok(
      await gql(
        'community_admin',
        `mutation($input: RecordPartyActivityInput!) { recordPartyActivity(input: $input) { id grid { code } partyOrganization { kind } } }`,
        {
          input: {
            partyOrganizationId: committeeGid,
            gridId: g1.gid,
            kind: 'THEME_DAY',
            title: '社区党委进网格主题党日',
            heldOn: TODAY,
            participants: 12,
            beneficiaries: 0,
          },
        },
      ),
    ).recordPartyActivity;
    expect(created).toMatchObject({ grid: { code: G1 }, partyOrganization: { kind: 'COMMUNITY_COMMITTEE' } });
    const seen = ok(
      await gql(
        'grid_worker',
        'query($id: ID!) { node(id: $id) { ... on PartyActivity { title partyOrganization { id } } } }',
        {
          id: created.id,
        },
      ),
    ).node;
    expect(seen).toEqual({ title: '社区党委进网格主题党日', partyOrganization: null });
    const other = await gql('grid_worker2', 'query($id: ID!) { node(id: $id) { id } }', { id: created.id });
    expect(errorCode(other)).toBe('NOT_FOUND');
  });

  it('a grid worker cannot summarize another grid or the whole community', async () => {
    const q = `query($scope: PartySummaryScope!) { partySummary(scope: $scope, period: { from: "2025-01-01", to: "2025-12-31" }) { memberCount } }`;
    expect(errorCode(await gql('grid_worker', q, { scope: { gridId: grids.get(G2)!.gid } }))).toBe(
      'NOT_FOUND',
    );
    expect(errorCode(await gql('grid_worker', q, { scope: { communityId: communityGid } }))).toBe(
      'FORBIDDEN',
    );
    expect(errorCode(await gql('community_admin', q, { scope: { streetId: streetGid } }))).toBe('FORBIDDEN');
  });

  it('needs sign-in', async () => {
    const res = await s.gql('{ partyOrganizations { totalCount } }');
    expect(errorCode(res)).toBe('UNAUTHENTICATED');
    const aid = await s.gql('{ aidRecords { totalCount } }');
    expect(errorCode(aid)).toBe('UNAUTHENTICATED');
  });
});

const CREATE_ORG = `mutation($input: CreatePartyOrganizationInput!) { createPartyOrganization(input: $input) { ${ORG_FIELDS} } }`;

describe('party organizations: writes', () => {
  let g9Branch: string;

  async function microGridAndBuilding(code: string): Promise<{ micro: string; building: string }> {
    const res = ok(
      await gql(
        'community_admin',
        'query($g: ID!) { node(id: $g) { ... on Grid { microGrids { nodes { id buildings { nodes { id } } } } } } }',
        { g: grids.get(code)!.gid },
      ),
    ).node.microGrids.nodes;
    return { micro: res[0].id, building: res[0].buildings.nodes[0].id };
  }

  it('creates a grid branch for the grid that had none, and a building group under it, with events', async () => {
    const created = ok(
      await gql('community_admin', CREATE_ORG, {
        input: {
          name: '第九网格党支部',
          kind: 'GRID_BRANCH',
          attachedToId: grids.get(G9)!.gid,
          parentId: committeeGid,
          secretaryName: '王建国',
          foundedOn: '2024-07-01',
        },
      }),
    ).createPartyOrganization;
    g9Branch = created.id;
    expect(created).toMatchObject({
      name: '第九网格党支部',
      kind: 'GRID_BRANCH',
      attachmentLevel: 'GRID',
      grid: { code: G9 },
      parent: { id: committeeGid },
      secretaryName: '王建国',
      foundedOn: '2024-07-01',
      memberCount: 0,
    });
    const { micro, building } = await microGridAndBuilding(G9);
    const group = ok(
      await gql('community_admin', CREATE_ORG, {
        input: {
          name: '第九网格楼栋党小组',
          kind: 'BUILDING_GROUP',
          attachedToId: building,
          parentId: g9Branch,
        },
      }),
    ).createPartyOrganization;
    expect(group).toMatchObject({
      attachmentLevel: 'BUILDING',
      building: { id: building },
      microGrid: { id: micro },
    });
    const residential = ok(
      await gql('community_admin', CREATE_ORG, {
        input: {
          name: '第九网格小区党支部',
          kind: 'RESIDENTIAL_BRANCH',
          attachedToId: micro,
          parentId: committeeGid,
        },
      }),
    ).createPartyOrganization;
    expect(residential).toMatchObject({ attachmentLevel: 'MICRO_GRID', grid: { code: G9 } });

    const events = await eventsOf(['party_organization.created']);
    const mine = events.find((e) => e.subjectId === g9Branch)!;
    expect(mine.payload).toMatchObject({
      kind: 'GRID_BRANCH',
      attachmentLevel: 'GRID',
      parentId: committeeGid,
    });
    expect(JSON.stringify(mine.payload)).not.toContain('王建国');
    expect(events.some((e) => e.subjectId === group.id)).toBe(true);

    const summary = ok(
      await gql(
        'community_admin',
        'query($c: ID!) { partySummary(scope: { communityId: $c }, period: { from: "2025-01-01", to: "2025-12-31" }) { gridsWithoutPartyOrganization { code } } }',
        { c: communityGid },
      ),
    ).partySummary;
    expect(summary.gridsWithoutPartyOrganization).toEqual([]);
  });

  it('updates name, secretary, founding date and parent, writing an event', async () => {
    const staff = ok(await gql('community_admin', '{ staffMembers(first: 1) { nodes { id name } } }'))
      .staffMembers.nodes[0];
    const updated = ok(
      await gql(
        'community_admin',
        `mutation($id: ID!, $input: UpdatePartyOrganizationInput!) { updatePartyOrganization(id: $id, input: $input) {
           name secretaryName secretaryStaffMember { id } foundedOn parent { id } } }`,
        {
          id: g9Branch,
          input: {
            name: '第九网格（居家养老型）党支部',
            secretaryStaffMemberId: staff.id,
            foundedOn: '2024-06-30',
          },
        },
      ),
    ).updatePartyOrganization;
    expect(updated).toEqual({
      name: '第九网格（居家养老型）党支部',
      secretaryName: staff.name,
      secretaryStaffMember: { id: staff.id },
      foundedOn: '2024-06-30',
      parent: { id: committeeGid },
    });
    const cleared = ok(
      await gql(
        'community_admin',
        'mutation($id: ID!) { updatePartyOrganization(id: $id, input: { parentId: null }) { parent { id } name } }',
        { id: g9Branch },
      ),
    ).updatePartyOrganization;
    expect(cleared).toEqual({ parent: null, name: '第九网格（居家养老型）党支部' });
    const events = (await eventsOf(['party_organization.updated'])).filter((e) => e.subjectId === g9Branch);
    expect(events.map((e) => e.payload.changed)).toEqual([['name', 'secretary', 'foundedOn'], ['parentId']]);
  });

  it('refuses bad input with the field named, and writes nothing', async () => {
    const before = await count('select count(*) as n from party_organization');
    const eventsBefore = await count(
      "select count(*) as n from event where type like 'party_organization.%'",
    );
    const g1 = grids.get(G1)!.gid;
    const g2 = grids.get(G2)!.gid;
    const branchOf = async (g: string) =>
      ok(
        await gql(
          'community_admin',
          'query($g: ID!) { partyOrganizations(filter: { gridId: $g, kind: GRID_BRANCH }) { nodes { id } } }',
          {
            g,
          },
        ),
      ).partyOrganizations.nodes[0].id;
    const { building: g1Building } = await microGridAndBuilding(G1);
    const base = { name: '新党组织', kind: 'PARTY_GROUP', attachedToId: g1 };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, kind: 'GRID_BRANCH', attachedToId: communityGid }, 'input.attachedToId'],
      [{ ...base, kind: 'COMMUNITY_COMMITTEE', attachedToId: g1 }, 'input.attachedToId'],
      [{ ...base, kind: 'BUILDING_GROUP', attachedToId: g1 }, 'input.attachedToId'],
      [{ ...base, kind: 'GRID_BRANCH', attachedToId: g1Building }, 'input.attachedToId'],
      [{ ...base, attachedToId: committeeGid }, 'input.attachedToId'],
      [{ ...base, attachedToId: 'nonsense' }, 'input.attachedToId'],
      [{ ...base, parentId: committeeGid }, 'input.parentId'],
      [{ ...base, parentId: await branchOf(g2) }, 'input.parentId'],
      [
        { ...base, kind: 'COMMUNITY_COMMITTEE', attachedToId: communityGid, parentId: committeeGid },
        'input.parentId',
      ],
      [{ ...base, parentId: g1 }, 'input.parentId'],
      [{ ...base, name: '' }, 'input.name'],
      [{ ...base, name: 'x'.repeat(201) }, 'input.name'],
      [{ ...base, foundedOn: TOMORROW }, 'input.foundedOn'],
      [{ ...base, foundedOn: '1900-01-01' }, 'input.foundedOn'],
    ];
    for (const [input, field] of cases) {
      const res = await gql('community_admin', CREATE_ORG, { input });
      expectBadInput(res, field);
    }
    // Messages come in the caller's language.
    const zh = await s.gql(
      CREATE_ORG,
      { input: { ...base, kind: 'GRID_BRANCH', attachedToId: communityGid } },
      { token: tokens.community_admin, locale: 'zh' },
    );
    expect(zh.errors?.[0]?.message).toBe('input.attachedToId：网格党支部只能挂靠在网格上');
    // Grid staff do not create organizations at all.
    const hidden = await gql('grid_worker', CREATE_ORG, { input: base });
    expect(errorCode(hidden)).toBe('FORBIDDEN');
    // One committee per community, one branch per grid, unique names.
    const dupCommittee = await gql('community_admin', CREATE_ORG, {
      input: { name: '另一个党委', kind: 'COMMUNITY_COMMITTEE', attachedToId: communityGid },
    });
    expect(errorCode(dupCommittee)).toBe('CONFLICT');
    const dupBranch = await gql('community_admin', CREATE_ORG, {
      input: { name: '另一个支部', kind: 'GRID_BRANCH', attachedToId: g1 },
    });
    expect(errorCode(dupBranch)).toBe('CONFLICT');
    const dupName = await gql('community_admin', CREATE_ORG, {
      input: { ...base, name: '第九网格小区党支部' },
    });
    expect(errorCode(dupName)).toBe('CONFLICT');
    expect(await count('select count(*) as n from party_organization')).toBe(before);
    expect(await count("select count(*) as n from event where type like 'party_organization.%'")).toBe(
      eventsBefore,
    );
  });

  it('refuses a parent in another community', async () => {
    // A second community with its own committee, made by the street admin.
    const c2 = ok(
      await gql(
        'street_admin',
        'mutation($s: ID!) { createCommunity(input: { streetId: $s, code: "SQ0102", name: "和谐社区" }) { id } }',
        { s: streetGid },
      ),
    ).createCommunity.id;
    const committee2 = ok(
      await gql('street_admin', CREATE_ORG, {
        input: { name: '和谐社区党委', kind: 'COMMUNITY_COMMITTEE', attachedToId: c2 },
      }),
    ).createPartyOrganization.id;
    const before = await count('select count(*) as n from party_organization');
    const { micro } = await microGridAndBuilding(G1);
    expectBadInput(
      await gql('street_admin', CREATE_ORG, {
        input: { name: '跨社区支部', kind: 'RESIDENTIAL_BRANCH', attachedToId: micro, parentId: committee2 },
      }),
      'input.parentId',
    );
    // The community admin of the first community cannot see the other committee at all.
    const hidden = await gql('community_admin', CREATE_ORG, {
      input: { name: '跨社区支部', kind: 'RESIDENTIAL_BRANCH', attachedToId: micro, parentId: committee2 },
    });
    expect(hidden.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.parentId' });
    expect(await count('select count(*) as n from party_organization')).toBe(before);
  });

  it('is for administrators only', async () => {
    const res = await gql(
      'grid_worker',
      'mutation($id: ID!) { updatePartyOrganization(id: $id, input: { name: "x" }) { id } }',
      {
        id: committeeGid,
      },
    );
    expect(errorCode(res)).toBe('FORBIDDEN');
  });
});

const ADD = `mutation($input: AddPartyMemberInput!) { addPartyMember(input: $input) {
  id memberName kind active joinedOn leftOn workUnitName commitment post resident { id } staffMember { id } partyOrganization { id } } }`;

describe('memberships: writes', () => {
  let g1Branch: string;
  let freeResident: { id: string; name: string };
  let g2Resident: string;

  beforeAll(async () => {
    const g1 = grids.get(G1)!;
    g1Branch = ok(
      await gql(
        'community_admin',
        'query($g: ID!) { partyOrganizations(filter: { gridId: $g, kind: GRID_BRANCH }) { nodes { id } } }',
        {
          g: g1.gid,
        },
      ),
    ).partyOrganizations.nodes[0].id;
    const members = new Set(
      (await rows('select resident_id from party_membership where resident_id is not null')).map(
        (r) => r.resident_id,
      ),
    );
    const residents = ok(
      await gql(
        'community_admin',
        'query($g: ID!) { residents(first: 100, filter: { gridId: $g }) { nodes { id name } } }',
        {
          g: g1.gid,
        },
      ),
    ).residents.nodes;
    freeResident = residents.find((r: any) => !members.has(uuidOf(r.id)));
    g2Resident = ok(
      await gql(
        'community_admin',
        'query($g: ID!) { residents(first: 1, filter: { gridId: $g }) { nodes { id } } }',
        {
          g: grids.get(G2)!.gid,
        },
      ),
    ).residents.nodes[0].id;
  });

  it('adds members (a resident; an in-service member by name) and counts them', async () => {
    const before = ok(
      await gql(
        'community_admin',
        'query($id: ID!) { node(id: $id) { ... on PartyOrganization { memberCount } } }',
        { id: g1Branch },
      ),
    ).node.memberCount;
    const direct = ok(
      await gql('community_admin', ADD, {
        input: {
          partyOrganizationId: g1Branch,
          kind: 'DIRECT',
          residentId: freeResident.id,
          joinedOn: '1998-07-01',
          commitment: '带头参与垃圾分类',
          post: '环境保护岗',
        },
      }),
    ).addPartyMember;
    expect(direct).toMatchObject({
      memberName: freeResident.name,
      kind: 'DIRECT',
      active: true,
      joinedOn: '1998-07-01',
      leftOn: null,
      commitment: '带头参与垃圾分类',
      post: '环境保护岗',
      resident: { id: freeResident.id },
      partyOrganization: { id: g1Branch },
    });
    const inService = ok(
      await gql('community_admin', ADD, {
        input: {
          partyOrganizationId: g1Branch,
          kind: 'IN_SERVICE',
          memberName: '赵在职',
          workUnitName: '区教育局',
          joinedOn: TODAY,
        },
      }),
    ).addPartyMember;
    expect(inService).toMatchObject({
      memberName: '赵在职',
      workUnitName: '区教育局',
      resident: null,
      staffMember: null,
    });
    const after = ok(
      await gql(
        'community_admin',
        'query($id: ID!) { node(id: $id) { ... on PartyOrganization { memberCount } } }',
        { id: g1Branch },
      ),
    ).node.memberCount;
    expect(after).toBe(before + 2);
    const events = (await eventsOf(['party_membership.created'])).filter((e) =>
      [direct.id, inService.id].includes(e.subjectId),
    );
    expect(events).toHaveLength(2);
    expect(events[0].payload).toMatchObject({
      partyOrganizationId: g1Branch,
      kind: 'DIRECT',
      residentId: freeResident.id,
    });
    expect(JSON.stringify(events)).not.toContain(freeResident.name);
    expect(JSON.stringify(events)).not.toContain('赵在职');

    // The same person twice in one organization is a conflict.
    const again = await gql('community_admin', ADD, {
      input: {
        partyOrganizationId: g1Branch,
        kind: 'DIRECT',
        residentId: freeResident.id,
        joinedOn: '2000-01-01',
      },
    });
    expect(errorCode(again)).toBe('CONFLICT');
  });

  it('refuses bad members with the field named, and writes nothing', async () => {
    const before = await count('select count(*) as n from party_membership');
    const base = {
      partyOrganizationId: g1Branch,
      kind: 'DIRECT',
      memberName: '李四',
      joinedOn: '2010-05-04',
    };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, residentId: g2Resident, memberName: null }, 'input.residentId'],
      [{ ...base, kind: 'IN_SERVICE' }, 'input.workUnitName'],
      [{ ...base, memberName: null }, 'input.memberName'],
      [{ ...base, memberName: '   ' }, 'input.memberName'],
      [{ ...base, joinedOn: TOMORROW }, 'input.joinedOn'],
      [{ ...base, joinedOn: '1920-01-01' }, 'input.joinedOn'],
      [{ ...base, commitment: 'x'.repeat(501) }, 'input.commitment'],
      [{ ...base, partyOrganizationId: grids.get(G1)!.gid }, 'input.partyOrganizationId'],
      [{ ...base, residentId: g1Branch }, 'input.residentId'],
    ];
    for (const [input, field] of cases) expectBadInput(await gql('community_admin', ADD, { input }), field);
    const unknownKind = await gql('community_admin', ADD, { input: { ...base, kind: 'HONORARY' } });
    expect(errorCode(unknownKind)).toBe('BAD_USER_INPUT');
    expect(errorCode(await gql('grid_worker', ADD, { input: base }))).toBe('FORBIDDEN');
    expect(await count('select count(*) as n from party_membership')).toBe(before);
  });

  it('updates a commitment and ends a membership; ended ones cannot change', async () => {
    const added = ok(
      await gql('community_admin', ADD, {
        input: {
          partyOrganizationId: g1Branch,
          kind: 'DIRECT',
          memberName: '孙退休',
          joinedOn: '1985-03-01',
        },
      }),
    ).addPartyMember;
    const updated = ok(
      await gql(
        'community_admin',
        'mutation($id: ID!) { updatePartyMembership(id: $id, input: { kind: RETIREE, commitment: "每周走访独居老人", post: "关爱帮扶岗" }) { kind commitment post } }',
        { id: added.id },
      ),
    ).updatePartyMembership;
    expect(updated).toEqual({ kind: 'RETIREE', commitment: '每周走访独居老人', post: '关爱帮扶岗' });
    const toInService = await gql(
      'community_admin',
      'mutation($id: ID!) { updatePartyMembership(id: $id, input: { kind: IN_SERVICE }) { kind } }',
      { id: added.id },
    );
    expectBadInput(toInService, 'input.workUnitName');

    const END =
      'mutation($id: ID!, $input: EndPartyMembershipInput!) { endPartyMembership(id: $id, input: $input) { active leftOn leftReason } }';
    expectBadInput(
      await gql('community_admin', END, { id: added.id, input: { leftOn: '1980-01-01' } }),
      'input.leftOn',
    );
    expectBadInput(
      await gql('community_admin', END, { id: added.id, input: { leftOn: TOMORROW } }),
      'input.leftOn',
    );
    expect(errorCode(await gql('grid_worker', END, { id: added.id, input: { leftOn: TODAY } }))).toBe(
      'FORBIDDEN',
    );
    const ended = ok(
      await gql('community_admin', END, { id: added.id, input: { leftOn: TODAY, reason: '迁出本社区' } }),
    ).endPartyMembership;
    expect(ended).toEqual({ active: false, leftOn: TODAY, leftReason: '迁出本社区' });
    expect(errorCode(await gql('community_admin', END, { id: added.id, input: { leftOn: TODAY } }))).toBe(
      'CONFLICT',
    );
    const frozen = await gql(
      'community_admin',
      'mutation($id: ID!) { updatePartyMembership(id: $id, input: { post: "x" }) { post } }',
      { id: added.id },
    );
    expect(errorCode(frozen)).toBe('CONFLICT');
    const events = (await eventsOf(['party_membership.updated', 'party_membership.ended'])).filter(
      (e) => e.subjectId === added.id,
    );
    expect(events.map((e) => e.type)).toEqual(['party_membership.updated', 'party_membership.ended']);
    expect(events[1].payload).toMatchObject({ leftOn: TODAY, partyOrganizationId: g1Branch });
  });
});

const RECORD_ACTIVITY = `mutation($input: RecordPartyActivityInput!) { recordPartyActivity(input: $input) {
  id kind title heldOn participants beneficiaries beneficiaryHouseholdCount beneficiaryHouseholds { id } grid { code } partyOrganization { id } } }`;
const RECORD_AID = `mutation($input: RecordAidInput!) { recordAid(input: $input) {
  id givenOn kind description amount peopleHelped givenBy grid { code } household { id } givenByPartyOrganization { id } givenByOrganization { id } } }`;

describe('activities and aid: writes', () => {
  let g1Branch: string;
  let g2Branch: string;
  let g1Households: string[];
  let g2Household: string;

  beforeAll(async () => {
    const branch = async (code: string) =>
      ok(
        await gql(
          'community_admin',
          'query($g: ID!) { partyOrganizations(filter: { gridId: $g, kind: GRID_BRANCH }) { nodes { id } } }',
          {
            g: grids.get(code)!.gid,
          },
        ),
      ).partyOrganizations.nodes[0].id;
    g1Branch = await branch(G1);
    g2Branch = await branch(G2);
    g1Households = ok(
      await gql('grid_worker', '{ households(first: 3) { nodes { id } } }'),
    ).households.nodes.map((h: any) => h.id);
    g2Household = ok(await gql('grid_worker2', '{ households(first: 1) { nodes { id } } }')).households
      .nodes[0].id;
  });

  it('a grid worker records a member service in their grid with the households helped', async () => {
    const recorded = ok(
      await gql('grid_worker', RECORD_ACTIVITY, {
        input: {
          partyOrganizationId: g1Branch,
          kind: 'MEMBER_SERVICE',
          title: '我是党员我帮你：帮独居老人修水管',
          heldOn: TODAY,
          participants: 2,
          beneficiaries: 3,
          beneficiaryHouseholdIds: g1Households.slice(0, 2),
        },
      }),
    ).recordPartyActivity;
    expect(recorded).toMatchObject({
      kind: 'MEMBER_SERVICE',
      heldOn: TODAY,
      participants: 2,
      beneficiaries: 3,
      beneficiaryHouseholdCount: 2,
      grid: { code: G1 },
      partyOrganization: { id: g1Branch },
    });
    expect(recorded.beneficiaryHouseholds.map((h: any) => h.id).sort()).toEqual(
      g1Households.slice(0, 2).sort(),
    );
    const listed = ok(
      await gql(
        'grid_worker',
        'query($f: LocalDate) { partyActivities(first: 100, filter: { from: $f, kind: MEMBER_SERVICE }) { nodes { id } } }',
        {
          f: TODAY,
        },
      ),
    ).partyActivities.nodes.map((a: any) => a.id);
    expect(listed).toContain(recorded.id);
    const event = (await eventsOf(['party_activity.created'])).find((e) => e.subjectId === recorded.id)!;
    expect(event.payload).toMatchObject({
      kind: 'MEMBER_SERVICE',
      beneficiaries: 3,
      partyOrganizationId: g1Branch,
      beneficiaryHouseholdIds: g1Households.slice(0, 2),
    });
  });

  it('refuses bad activities with the field named, and writes nothing', async () => {
    const before = await count('select count(*) as n from party_activity');
    const linksBefore = await count('select count(*) as n from party_activity_household');
    const base = {
      partyOrganizationId: g1Branch,
      kind: 'MEMBER_SERVICE',
      title: '我是党员我帮你',
      heldOn: TODAY,
      participants: 1,
      beneficiaries: 1,
    };
    const cases: [string, Record<string, unknown>, string][] = [
      ['grid_worker', { ...base, beneficiaries: 0 }, 'input.beneficiaries'],
      ['grid_worker', { ...base, beneficiaryHouseholdIds: g1Households.slice(0, 2) }, 'input.beneficiaries'],
      ['grid_worker', { ...base, participants: -1 }, 'input.participants'],
      ['grid_worker', { ...base, heldOn: TOMORROW }, 'input.heldOn'],
      ['grid_worker', { ...base, heldOn: '2001-01-01' }, 'input.heldOn'],
      ['grid_worker', { ...base, title: ' ' }, 'input.title'],
      ['grid_worker', { ...base, gridId: grids.get(G2)!.gid }, 'input.gridId'],
      [
        'grid_worker',
        { ...base, beneficiaryHouseholdIds: [g1Households[0], g1Households[0]], beneficiaries: 2 },
        'input.beneficiaryHouseholdIds',
      ],
      ['grid_worker', { ...base, beneficiaryHouseholdIds: ['bad'] }, 'input.beneficiaryHouseholdIds.0'],
      // An administrator sees grid 2's household, but it is not where the activity took place.
      [
        'community_admin',
        { ...base, beneficiaryHouseholdIds: [g2Household] },
        'input.beneficiaryHouseholdIds.0',
      ],
    ];
    for (const [user, input, field] of cases)
      expectBadInput(await gql(user, RECORD_ACTIVITY, { input }), field);
    // Grid 2's organization and households do not exist for grid 1's worker.
    const otherOrg = await gql('grid_worker', RECORD_ACTIVITY, {
      input: { ...base, partyOrganizationId: g2Branch },
    });
    expect(otherOrg.errors?.[0]?.extensions).toMatchObject({
      code: 'NOT_FOUND',
      field: 'input.partyOrganizationId',
    });
    const otherHousehold = await gql('grid_worker', RECORD_ACTIVITY, {
      input: { ...base, beneficiaryHouseholdIds: [g2Household] },
    });
    expect(otherHousehold.errors?.[0]?.extensions).toMatchObject({
      code: 'NOT_FOUND',
      field: 'input.beneficiaryHouseholdIds.0',
    });
    const committee = await gql('grid_worker', RECORD_ACTIVITY, {
      input: { ...base, partyOrganizationId: committeeGid },
    });
    expect(errorCode(committee)).toBe('NOT_FOUND');
    expect(await count('select count(*) as n from party_activity')).toBe(before);
    expect(await count('select count(*) as n from party_activity_household')).toBe(linksBefore);
  });

  it('a grid worker records aid for a household of their grid; Household.aidRecords shows it', async () => {
    const household = g1Households[2]!;
    const recorded = ok(
      await gql('grid_worker', RECORD_AID, {
        input: {
          householdId: household,
          givenOn: TODAY,
          kind: 'CASH',
          description: '春节慰问金',
          amount: 500.5,
          peopleHelped: 2,
          givenByPartyOrganizationId: g1Branch,
        },
      }),
    ).recordAid;
    expect(recorded).toMatchObject({
      givenOn: TODAY,
      kind: 'CASH',
      amount: 500.5,
      peopleHelped: 2,
      grid: { code: G1 },
      household: { id: household },
      givenByPartyOrganization: { id: g1Branch },
      givenByOrganization: null,
    });
    expect(recorded.givenBy).toMatch(/党支部$/);
    const viaHousehold = ok(
      await gql(
        'grid_worker',
        'query($h: ID!) { node(id: $h) { ... on Household { aidRecords { id amount } } } }',
        { h: household },
      ),
    ).node.aidRecords;
    expect(viaHousehold[0]).toEqual({ id: recorded.id, amount: 500.5 });
    const goods = ok(
      await gql('community_admin', RECORD_AID, {
        input: {
          householdId: household,
          givenOn: '2025-12-31',
          kind: 'GOODS',
          description: '米、面、油',
          peopleHelped: 1,
          givenBy: '社区爱心超市',
        },
      }),
    ).recordAid;
    expect(goods).toMatchObject({ amount: null, givenBy: '社区爱心超市' });
    const event = (await eventsOf(['aid_record.created'])).find((e) => e.subjectId === recorded.id)!;
    expect(event.payload).toMatchObject({
      householdId: household,
      kind: 'CASH',
      amount: 500.5,
      peopleHelped: 2,
    });
  });

  it('refuses bad aid with the field named, and writes nothing', async () => {
    const before = await count('select count(*) as n from aid_record');
    const eventsBefore = await count("select count(*) as n from event where type = 'aid_record.created'");
    const base = {
      householdId: g1Households[0],
      givenOn: TODAY,
      kind: 'GOODS',
      description: '慰问物资',
      peopleHelped: 1,
      givenBy: '街道慈善会',
    };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, peopleHelped: 0 }, 'input.peopleHelped'],
      [{ ...base, peopleHelped: -3 }, 'input.peopleHelped'],
      [{ ...base, amount: -1 }, 'input.amount'],
      [{ ...base, amount: 12.345 }, 'input.amount'],
      [{ ...base, kind: 'CASH' }, 'input.amount'],
      [{ ...base, givenOn: TOMORROW }, 'input.givenOn'],
      [{ ...base, givenBy: null }, 'input.givenBy'],
      [{ ...base, description: '' }, 'input.description'],
      [{ ...base, householdId: g1Branch }, 'input.householdId'],
      [{ ...base, givenByPartyOrganizationId: g1Households[0] }, 'input.givenByPartyOrganizationId'],
    ];
    for (const [input, field] of cases)
      expectBadInput(await gql('grid_worker', RECORD_AID, { input }), field);
    const notADate = await gql('grid_worker', RECORD_AID, { input: { ...base, givenOn: '2025-13-01' } });
    expect(errorCode(notADate)).toBe('BAD_USER_INPUT');
    const other = await gql('grid_worker', RECORD_AID, { input: { ...base, householdId: g2Household } });
    expect(other.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.householdId' });
    const otherGiver = await gql('grid_worker', RECORD_AID, {
      input: { ...base, givenByPartyOrganizationId: g2Branch },
    });
    expect(otherGiver.errors?.[0]?.extensions).toMatchObject({
      code: 'NOT_FOUND',
      field: 'input.givenByPartyOrganizationId',
    });
    expect(await count('select count(*) as n from aid_record')).toBe(before);
    expect(await count("select count(*) as n from event where type = 'aid_record.created'")).toBe(
      eventsBefore,
    );
  });
});
