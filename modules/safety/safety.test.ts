import { Case } from '../../src/cases';
import { DomainEvent } from '../../src/integration';
import { Activity } from '../../src/modules/activity.entity';
import { createTestServer, errorCode, ok, type TestServer } from '../../tests/helpers/test-server';
import { SafetyDispute, SafetyHazard } from './safety.entities';

let s: TestServer;
let admin: string;
let worker2: string;
let grid: string;
let otherGrid: string;
let micro: string;
let foreignMicro: string;
let building: string;
let foreignBuilding: string;
let resident: string;
let foreignResident: string;

const DAY = 24 * 3600 * 1000;
const uuidOf = (gid: string) => Buffer.from(gid, 'base64url').toString().split(':')[1]!;
const field = (res: { errors?: { extensions?: Record<string, any> }[] }) =>
  res.errors?.[0]?.extensions?.field;
const localDay = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

const PATROL = `mutation($i: SafetyPatrolActivityInput!) { recordSafetyPatrol(input: $i) {
  id participants details { microGridId chiefId route durationMinutes findings } } }`;
const REPORT = `mutation($i: ReportSafetyHazardInput!) { reportSafetyHazard(input: $i) {
  hazard { id status hazardType title foundAt patrolId microGrid { id } building { id } case { id } grid { id } }
  case { id version state source title category { code } moduleRecords { __typename id ... on SafetyHazard { status } } } } }`;
const HAZARD = `query($id: ID!) { node(id: $id) { ... on SafetyHazard { status resolution resolvedAt case { id state } } } }`;
const TAKE = `mutation($i: TakeSafetyDisputeInput!) { takeSafetyDispute(input: $i) {
  id status routedTo disputeType receivedOn feedbackDueOn feedbackOverdue organization { id } resident { id } } }`;
const METRIC = `query($s: MetricScopeInput!, $p: PeriodInput!, $c: [String!]) { metrics(scope: $s, period: $p, codes: $c) { code value } }`;

async function caseStep(mutation: string, type: string, input: Record<string, unknown>) {
  return ok(
    await s.gql(
      `mutation($i: ${type}!) { ${mutation}(input: $i) { version state } }`,
      { i: input },
      { token: admin },
    ),
  )[mutation] as { version: number; state: string };
}

async function recordPatrol(details: Record<string, unknown> = {}, gridId = grid) {
  return s.gql(
    PATROL,
    {
      i: {
        gridId,
        occurredAt: new Date(Date.now() - 3600_000).toISOString(),
        details: { microGridId: micro, route: '南门→1号楼→地下车库', durationMinutes: 40, ...details },
      },
    },
    { token: admin },
  );
}

beforeAll(async () => {
  s = await createTestServer();
  admin = await s.login('community_admin');
  worker2 = await s.login('grid_worker2');
  const nodes = ok(await s.gql('{ grids(first: 20) { nodes { id theme } } }', {}, { token: admin })).grids
    .nodes;
  grid = nodes.find((g: any) => g.theme === 'safety').id;
  otherGrid = nodes.find((g: any) => g.theme === 'heart-bridge').id;
  const parts = async (g: string) =>
    ok(
      await s.gql(
        `query($g: ID!) { node(id: $g) { ... on Grid { microGrids(first: 5) { nodes { id } } buildings(first: 1) { nodes { id } } } }
           residents(first: 1, filter: { gridId: $g }) { nodes { id } } }`,
        { g },
        { token: admin },
      ),
    );
  const mine = await parts(grid);
  const theirs = await parts(otherGrid);
  micro = mine.node.microGrids.nodes[0].id;
  building = mine.node.buildings.nodes[0].id;
  resident = mine.residents.nodes[0].id;
  foreignMicro = theirs.node.microGrids.nodes[0].id;
  foreignBuilding = theirs.node.buildings.nodes[0].id;
  foreignResident = theirs.residents.nodes[0].id;
});
afterAll(() => s.close());

describe('patrols', () => {
  it('record the route, time and findings of a micro-grid of the grid, by its chief', async () => {
    const p = ok(await recordPatrol({ findings: '无异常' })).recordSafetyPatrol;
    expect(p).toMatchObject({
      participants: 1,
      details: {
        microGridId: micro,
        chiefId: null,
        route: '南门→1号楼→地下车库',
        durationMinutes: 40,
        findings: '无异常',
      },
    });
    for (const [details, at] of [
      [{ microGridId: foreignMicro }, 'input.details.microGridId'],
      [{ durationMinutes: 0 }, 'input.details.durationMinutes'],
      [{ durationMinutes: 721 }, 'input.details.durationMinutes'],
      [{ route: '' }, 'input.details.route'],
    ] as const) {
      const res = await recordPatrol(details);
      expect([errorCode(res), field(res)]).toEqual(['BAD_USER_INPUT', at]);
    }
    // A staff member who is not this micro-grid's chief.
    const other = ok(
      await s.gql(
        'query($g: ID!) { staffMembers(first: 1, filter: { gridId: $g }) { nodes { id } } }',
        { g: otherGrid },
        { token: admin },
      ),
    ).staffMembers.nodes[0].id;
    const notChief = await recordPatrol({ chiefId: other });
    expect([errorCode(notChief), field(notChief)]).toEqual(['BAD_USER_INPUT', 'input.details.chiefId']);
  });
});

describe('hazards found on patrol', () => {
  it('become cases of the closed loop and follow them: resolved with the case, open again when it is reopened', async () => {
    const patrol = ok(await recordPatrol({ findings: '地下车库飞线充电' })).recordSafetyPatrol;
    const reported = ok(
      await s.gql(
        REPORT,
        {
          i: {
            patrolId: patrol.id,
            hazardType: 'ELECTRICAL',
            title: '地下车库电动车飞线充电',
            description: '三处私拉电线为电动车充电',
            location: '地下车库B区',
            buildingId: building,
          },
        },
        { token: admin },
      ),
    ).reportSafetyHazard;
    expect(reported.hazard).toMatchObject({
      status: 'OPEN',
      hazardType: 'ELECTRICAL',
      patrolId: patrol.id,
      microGrid: { id: micro },
      building: { id: building },
      case: { id: reported.case.id },
      grid: { id: grid },
    });
    expect(reported.case).toMatchObject({
      state: 'REPORTED',
      source: 'PATROL',
      title: '地下车库电动车飞线充电',
      category: { code: 'SAFETY_HAZARD' },
      moduleRecords: [{ __typename: 'SafetyHazard', id: reported.hazard.id, status: 'OPEN' }],
    });
    const row = await s.em().findOneOrFail(Case, { id: uuidOf(reported.case.id) });
    expect([row.gridId, row.microGridId, row.buildingId, row.address]).toEqual([
      uuidOf(grid),
      uuidOf(micro),
      uuidOf(building),
      '地下车库B区',
    ]);

    const id = reported.case.id;
    let v = (await caseStep('acceptCase', 'AcceptCaseInput', { id, version: reported.case.version })).version;
    v = (
      await caseStep('assignCase', 'AssignCaseInput', {
        id,
        version: v,
        responsible: { kind: 'PROPERTY_COMPANY', name: '幸福物业' },
        dueAt: new Date(Date.now() + 3 * DAY).toISOString(),
      })
    ).version;
    v = (
      await caseStep('resolveCase', 'ResolveCaseInput', {
        id,
        version: v,
        resolution: '已拆除飞线并安装充电桩',
      })
    ).version;
    const resolved = ok(await s.gql(HAZARD, { id: reported.hazard.id }, { token: admin })).node;
    expect(resolved).toMatchObject({
      status: 'RESOLVED',
      resolution: '已拆除飞线并安装充电桩',
      case: { id, state: 'RESOLVED' },
    });
    expect(resolved.resolvedAt).not.toBeNull();
    v = (await caseStep('giveCaseFeedback', 'CaseFeedbackInput', { id, version: v, channel: 'VISIT' }))
      .version;
    v = (await caseStep('closeCase', 'CaseActionInput', { id, version: v })).version;
    expect(ok(await s.gql(HAZARD, { id: reported.hazard.id }, { token: admin })).node.status).toBe(
      'RESOLVED',
    );
    await caseStep('reopenCase', 'CaseReasonInput', { id, version: v, reason: '又发现飞线' });
    expect(ok(await s.gql(HAZARD, { id: reported.hazard.id }, { token: admin })).node).toMatchObject({
      status: 'OPEN',
      resolution: null,
      resolvedAt: null,
      case: { state: 'REOPENED' },
    });
    const events = (
      await s.em().find(DomainEvent, { subjectId: reported.hazard.id }, { orderBy: { seq: 'asc' } })
    ).map((e) => e.type);
    expect(events).toEqual(['safety.hazard.reported', 'safety.hazard.resolved', 'safety.hazard.reopened']);
  });

  it('refuses a patrol or building of another grid and a missing category, writing nothing', async () => {
    const patrol = ok(await recordPatrol()).recordSafetyPatrol;
    const elsewhere = ok(
      await s.gql(
        'query($g: ID!) { activities(first: 1, filter: { gridId: $g }) { nodes { id } } }',
        { g: otherGrid },
        { token: admin },
      ),
    ).activities.nodes[0].id;
    const [hazards, cases] = [await s.em().count(SafetyHazard, {}), await s.em().count(Case, {})];
    const input = { patrolId: patrol.id, hazardType: 'FIRE', title: '消防通道堵塞' };
    for (const [extra, at] of [
      [{ patrolId: elsewhere }, 'input.patrolId'],
      [{ buildingId: foreignBuilding }, 'input.buildingId'],
      [{ title: 'x'.repeat(101) }, 'input.title'],
      [
        { categoryId: 'Q2FzZUNhdGVnb3J5OjAxOTBhMGEwLTAwMDAtNzAwMC04MDAwLTAwMDAwMDAwMDAwMQ' },
        'input.categoryId',
      ],
    ] as const) {
      const res = await s.gql(REPORT, { i: { ...input, ...extra } }, { token: admin });
      expect([errorCode(res), field(res)]).toEqual(['BAD_USER_INPUT', at]);
    }
    expect(errorCode(await s.gql(REPORT, { i: { ...input, hazardType: 'FLOOD' } }, { token: admin }))).toBe(
      'BAD_USER_INPUT',
    );
    ok(
      await s.gql(
        'mutation($i: UpdateModuleSettingsInput!) { updateModuleSettings(input: $i) { settings } }',
        { i: { gridId: grid, moduleId: 'safety', settings: { hazardCategoryCode: 'NO_SUCH_CODE' } } },
        { token: admin },
      ),
    );
    try {
      const res = await s.gql(REPORT, { i: input }, { token: admin });
      expect([errorCode(res), field(res)]).toEqual(['BAD_USER_INPUT', 'input.categoryId']);
    } finally {
      ok(
        await s.gql(
          'mutation($i: UpdateModuleSettingsInput!) { updateModuleSettings(input: $i) { settings } }',
          { i: { gridId: grid, moduleId: 'safety', settings: { hazardCategoryCode: null } } },
          { token: admin },
        ),
      );
    }
    expect([await s.em().count(SafetyHazard, {}), await s.em().count(Case, {})]).toEqual([hazards, cases]);
  });
});

describe('disputes', () => {
  it('are taken in, routed, settled and told back to the resident with channel and time', async () => {
    const d = ok(
      await s.gql(
        TAKE,
        {
          i: {
            gridId: grid,
            residentId: resident,
            disputeType: 'PARKING',
            summary: '车位被长期占用',
            routedTo: 'OWNERS_COMMITTEE',
          },
        },
        { token: admin },
      ),
    ).takeSafetyDispute;
    expect(d).toMatchObject({
      status: 'ROUTED',
      routedTo: 'OWNERS_COMMITTEE',
      receivedOn: localDay(new Date()),
      feedbackDueOn: localDay(new Date(Date.now() + 7 * DAY)),
      feedbackOverdue: false,
      organization: null,
      resident: { id: resident },
    });
    const FEEDBACK =
      'mutation($i: GiveSafetyDisputeFeedbackInput!) { giveSafetyDisputeFeedback(input: $i) { status feedbackChannel feedbackAt feedbackNote feedbackDueOn } }';
    const early = await s.gql(FEEDBACK, { i: { id: d.id, channel: 'PHONE' } }, { token: admin });
    expect(errorCode(early)).toBe('CONFLICT');
    const RESOLVE =
      'mutation($i: ResolveSafetyDisputeInput!) { resolveSafetyDispute(input: $i) { status outcome resolvedAt } }';
    const settled = ok(
      await s.gql(RESOLVE, { i: { id: d.id, outcome: '业委会协调，占位车辆已移走' } }, { token: admin }),
    ).resolveSafetyDispute;
    expect(settled).toMatchObject({ status: 'RESOLVED', outcome: '业委会协调，占位车辆已移走' });
    const future = await s.gql(
      FEEDBACK,
      { i: { id: d.id, channel: 'PHONE', at: new Date(Date.now() + DAY).toISOString() } },
      { token: admin },
    );
    expect([errorCode(future), field(future)]).toEqual(['BAD_USER_INPUT', 'input.at']);
    const before = await s.gql(
      FEEDBACK,
      { i: { id: d.id, channel: 'PHONE', at: new Date(Date.now() - DAY).toISOString() } },
      { token: admin },
    );
    expect([errorCode(before), field(before)]).toEqual(['BAD_USER_INPUT', 'input.at']);
    const told = ok(
      await s.gql(FEEDBACK, { i: { id: d.id, channel: 'WECHAT', note: '居民满意' } }, { token: admin }),
    ).giveSafetyDisputeFeedback;
    expect(told).toMatchObject({
      status: 'FEEDBACK_GIVEN',
      feedbackChannel: 'WECHAT',
      feedbackNote: '居民满意',
      feedbackDueOn: null,
    });
    expect(new Date(told.feedbackAt).getTime()).toBeGreaterThanOrEqual(
      new Date(settled.resolvedAt).getTime(),
    );
    expect(errorCode(await s.gql(FEEDBACK, { i: { id: d.id, channel: 'PHONE' } }, { token: admin }))).toBe(
      'CONFLICT',
    );
  });

  it('refuses residents and organizations from elsewhere and bad enums, writing nothing', async () => {
    const orgs = ok(
      await s.gql('{ organizations(first: 100) { nodes { id kind grid { id } } } }', {}, { token: admin }),
    ).organizations.nodes as { id: string; kind: string; grid: { id: string } | null }[];
    const property = orgs.find((o) => o.kind === 'PROPERTY_COMPANY' && (!o.grid || o.grid.id === grid))!;
    const enterprise = orgs.find((o) => o.kind === 'ENTERPRISE')!;
    const base = {
      gridId: grid,
      residentId: resident,
      disputeType: 'NOISE',
      summary: '夜间噪音',
      routedTo: 'PROPERTY_COMPANY',
    };
    const count = await s.em().count(SafetyDispute, {});
    for (const [extra, at] of [
      [{ residentId: foreignResident }, 'input.residentId'],
      [{ organizationId: enterprise.id }, 'input.organizationId'],
      [{ routedTo: 'RESIDENTIAL_BRANCH', organizationId: property.id }, 'input.organizationId'],
      [{ summary: ' ' }, 'input.summary'],
      [{ receivedOn: localDay(new Date(Date.now() + 2 * DAY)) }, 'input.receivedOn'],
    ] as const) {
      const res = await s.gql(TAKE, { i: { ...base, ...extra } }, { token: admin });
      expect([errorCode(res), field(res)]).toEqual(['BAD_USER_INPUT', at]);
    }
    expect(errorCode(await s.gql(TAKE, { i: { ...base, routedTo: 'POLICE' } }, { token: admin }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(await s.em().count(SafetyDispute, {})).toBe(count);
    const routed = ok(
      await s.gql(TAKE, { i: { ...base, organizationId: property.id } }, { token: admin }),
    ).takeSafetyDispute;
    expect(routed.organization).toEqual({ id: property.id });
  });
});

describe('jurisdiction', () => {
  it('a grid worker of another grid sees and changes nothing here', async () => {
    const seen = ok(
      await s.gql(
        '{ safetyHazards(first: 100) { totalCount } safetyDisputes(first: 100) { totalCount nodes { id } } }',
        {},
        { token: worker2 },
      ),
    );
    expect([seen.safetyHazards.totalCount, seen.safetyDisputes.totalCount]).toEqual([0, 0]);
    const dispute = ok(await s.gql('{ safetyDisputes(first: 1) { nodes { id } } }', {}, { token: admin }))
      .safetyDisputes.nodes[0].id;
    expect(
      errorCode(await s.gql('query($id: ID!) { node(id: $id) { id } }', { id: dispute }, { token: worker2 })),
    ).toBe('NOT_FOUND');
    const res = await s.gql(
      'mutation($i: ResolveSafetyDisputeInput!) { resolveSafetyDispute(input: $i) { id } }',
      { i: { id: dispute, outcome: '越权' } },
      { token: worker2 },
    );
    expect(errorCode(res)).toBe('NOT_FOUND');
    const take = await s.gql(
      TAKE,
      {
        i: {
          gridId: grid,
          residentId: resident,
          disputeType: 'NOISE',
          summary: 'x',
          routedTo: 'COMMUNITY_GRID',
        },
      },
      { token: worker2 },
    );
    expect(errorCode(take)).toBe('FORBIDDEN');
  });
});

describe('metrics', () => {
  it('equal figures counted independently from the records', async () => {
    const from = new Date(Date.now() - 365 * DAY);
    const to = new Date(Date.now() + 60_000);
    const em = s.em();
    const g = uuidOf(grid);
    const patrols = await em.count(Activity, {
      gridId: g,
      kind: 'safety.patrol',
      occurredAt: { $gte: from, $lt: to },
    });
    const hazards = await em.find(SafetyHazard, { gridId: g });
    const disputes = (await em.find(SafetyDispute, { gridId: g })).filter(
      (d) => d.receivedOn >= localDay(from) && d.receivedOn <= localDay(new Date(to.getTime() - 1)),
    );
    const told = disputes.filter((d) => d.feedbackAt).length;
    const per = (party: string) => disputes.filter((d) => d.routedTo === party).length;
    const expected: Record<string, number> = {
      'safety.patrols': patrols,
      'safety.hazards_found': hazards.filter((h) => h.foundAt >= from && h.foundAt < to).length,
      'safety.hazards_resolved': hazards.filter(
        (h) => h.status === 'RESOLVED' && h.resolvedAt! >= from && h.resolvedAt! < to,
      ).length,
      'safety.disputes_routed_community_grid': per('COMMUNITY_GRID'),
      'safety.disputes_routed_residential_branch': per('RESIDENTIAL_BRANCH'),
      'safety.disputes_routed_owners_committee': per('OWNERS_COMMITTEE'),
      'safety.disputes_routed_property_company': per('PROPERTY_COMPANY'),
      'safety.dispute_feedback_rate': disputes.length ? Math.round((1000 * told) / disputes.length) / 10 : 0,
    };
    const values = ok(
      await s.gql(
        METRIC,
        {
          s: { gridId: grid },
          p: { from: from.toISOString(), to: to.toISOString() },
          c: Object.keys(expected),
        },
        { token: admin },
      ),
    ).metrics;
    expect(Object.fromEntries(values.map((v: any) => [v.code, v.value]))).toEqual(expected);
    for (const code of ['safety.patrols', 'safety.hazards_found', 'safety.dispute_feedback_rate'])
      expect(expected[code]).toBeGreaterThan(0);
  });
});
