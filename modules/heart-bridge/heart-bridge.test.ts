import { Case } from '../../src/cases';
import { DomainEvent } from '../../src/integration';
import { Activity } from '../../src/modules/activity.entity';
import { createTestServer, errorCode, ok, type TestServer } from '../../tests/helpers/test-server';
import { HeartBridgeConcern, HeartBridgeSentiment } from './heart-bridge.entities';

let s: TestServer;
let admin: string;
let worker: string;
let grid: string;
let otherGrid: string;
let resident: string;
let foreignResident: string;
let category: string;

const DAY = 24 * 3600 * 1000;
const uuidOf = (gid: string) => Buffer.from(gid, 'base64url').toString().split(':')[1]!;
const field = (res: { errors?: { extensions?: Record<string, any> }[] }) =>
  res.errors?.[0]?.extensions?.field;
const localDay = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

const RAISE = `mutation($i: RaiseHeartBridgeConcernInput!) { raiseHeartBridgeConcern(input: $i) {
  id kind status title channel raisedOn resolvedVia resolution resolvedAt dueOn overdue case { id } resident { id } grid { id } } }`;
const TO_CASE = `mutation($i: TurnHeartBridgeConcernIntoCaseInput!) { turnHeartBridgeConcernIntoCase(input: $i) {
  concern { id status } case { id version state source title moduleRecords { __typename id ... on HeartBridgeConcern { status } } } } }`;
const CONCERN = `query($id: ID!) { node(id: $id) { ... on HeartBridgeConcern {
  status resolvedVia resolution resolvedAt case { id state version } } } }`;
const METRIC = `query($s: MetricScopeInput!, $p: PeriodInput!, $c: [String!]) { metrics(scope: $s, period: $p, codes: $c) { code value } }`;

async function caseStep(
  mutation: string,
  input: Record<string, unknown>,
): Promise<{ version: number; state: string }> {
  const type = mutation === 'giveCaseFeedback' ? 'CaseFeedbackInput' : caseInputType[mutation]!;
  return ok(
    await s.gql(
      `mutation($i: ${type}!) { ${mutation}(input: $i) { version state } }`,
      { i: input },
      { token: admin },
    ),
  )[mutation];
}
const caseInputType: Record<string, string> = {
  acceptCase: 'AcceptCaseInput',
  assignCase: 'AssignCaseInput',
  resolveCase: 'ResolveCaseInput',
  reopenCase: 'CaseReasonInput',
  rejectCase: 'CaseReasonInput',
};

/** Accepts, assigns and resolves a case through the case mutations, as the grid would. */
async function resolveThroughLoop(caseId: string, version: number, resolution: string) {
  let v = (await caseStep('acceptCase', { id: caseId, version })).version;
  v = (
    await caseStep('assignCase', {
      id: caseId,
      version: v,
      responsible: { kind: 'PROPERTY_COMPANY', name: '幸福物业' },
      dueAt: new Date(Date.now() + 5 * DAY).toISOString(),
    })
  ).version;
  return caseStep('resolveCase', { id: caseId, version: v, resolution });
}

async function raise(extra: Record<string, unknown> = {}) {
  return ok(
    await s.gql(
      RAISE,
      { i: { gridId: grid, kind: 'ANNOYANCE', residentId: resident, title: '楼道灯坏了一个月', ...extra } },
      { token: admin },
    ),
  ).raiseHeartBridgeConcern;
}

beforeAll(async () => {
  s = await createTestServer();
  admin = await s.login('community_admin');
  worker = await s.login('grid_worker');
  const nodes = ok(await s.gql('{ grids(first: 20) { nodes { id theme } } }', {}, { token: admin })).grids
    .nodes;
  grid = nodes.find((g: any) => g.theme === 'heart-bridge').id;
  otherGrid = nodes.find((g: any) => g.theme === 'safety').id;
  const residentsOf = async (g: string) =>
    ok(
      await s.gql(
        'query($g: ID!) { residents(first: 2, filter: { gridId: $g }) { nodes { id } } }',
        { g },
        { token: admin },
      ),
    ).residents.nodes;
  resident = (await residentsOf(grid))[0].id;
  foreignResident = (await residentsOf(otherGrid))[0].id;
  category = ok(await s.gql('{ caseCategories { id code } }', {}, { token: admin })).caseCategories.find(
    (c: any) => c.code === 'FACILITY',
  ).id;
});
afterAll(() => s.close());

describe('concerns turned into cases', () => {
  it('follow their case: resolved with it, open again when it is reopened, readable both ways', async () => {
    const concern = await raise({
      kind: 'DISTRESS',
      description: '夜里楼道漆黑，老人摔倒过',
      channel: 'PHONE',
    });
    expect(concern).toMatchObject({
      kind: 'DISTRESS',
      status: 'OPEN',
      channel: 'PHONE',
      raisedOn: localDay(new Date()),
      case: null,
      resident: { id: resident },
      grid: { id: grid },
      overdue: false,
    });
    expect(concern.dueOn).toBe(localDay(new Date(Date.now() + 7 * DAY)));

    const turned = ok(
      await s.gql(TO_CASE, { i: { id: concern.id, categoryId: category } }, { token: admin }),
    ).turnHeartBridgeConcernIntoCase;
    expect(turned.concern).toEqual({ id: concern.id, status: 'OPEN' });
    expect(turned.case).toMatchObject({
      state: 'REPORTED',
      source: 'RESIDENT',
      title: '楼道灯坏了一个月',
      moduleRecords: [{ __typename: 'HeartBridgeConcern', id: concern.id, status: 'OPEN' }],
    });
    const row = await s.em().findOneOrFail(Case, { id: uuidOf(turned.case.id) });
    expect([row.reporterResidentId, row.gridId, row.description]).toEqual([
      uuidOf(resident),
      uuidOf(grid),
      '夜里楼道漆黑，老人摔倒过',
    ]);
    expect(ok(await s.gql(CONCERN, { id: concern.id }, { token: admin })).node.case.id).toBe(turned.case.id);

    const resolved = await resolveThroughLoop(turned.case.id, turned.case.version, '物业已更换楼道灯');
    expect(resolved.state).toBe('RESOLVED');
    const after = ok(await s.gql(CONCERN, { id: concern.id }, { token: admin })).node;
    expect(after).toMatchObject({
      status: 'RESOLVED',
      resolvedVia: 'CASE',
      resolution: '物业已更换楼道灯',
      case: { id: turned.case.id, state: 'RESOLVED' },
    });
    expect(after.resolvedAt).not.toBeNull();

    const told = await caseStep('giveCaseFeedback', {
      id: turned.case.id,
      version: resolved.version,
      channel: 'PHONE',
    });
    expect(ok(await s.gql(CONCERN, { id: concern.id }, { token: admin })).node.status).toBe('RESOLVED');
    await caseStep('reopenCase', { id: turned.case.id, version: told.version, reason: '灯又坏了' });
    expect(ok(await s.gql(CONCERN, { id: concern.id }, { token: admin })).node).toMatchObject({
      status: 'OPEN',
      resolvedVia: null,
      resolution: null,
      resolvedAt: null,
      case: { state: 'REOPENED' },
    });
    const events = await s
      .em()
      .find(DomainEvent, { type: { $like: 'heart-bridge.concern.%' } }, { orderBy: { seq: 'asc' } });
    const mine = events.filter((e) => e.subjectId === concern.id).map((e) => e.type);
    expect(mine).toEqual([
      'heart-bridge.concern.raised',
      'heart-bridge.concern.case_opened',
      'heart-bridge.concern.resolved',
      'heart-bridge.concern.reopened',
    ]);
  });

  it('are dismissed when their case is rejected, and still follow it on a grid where the module is off now', async () => {
    const rejected = await raise({ title: '重复反映的问题' });
    const c1 = ok(await s.gql(TO_CASE, { i: { id: rejected.id, categoryId: category } }, { token: admin }))
      .turnHeartBridgeConcernIntoCase.case;
    await caseStep('rejectCase', { id: c1.id, version: c1.version, reason: '与已受理案件重复' });
    expect(ok(await s.gql(CONCERN, { id: rejected.id }, { token: admin })).node).toMatchObject({
      status: 'DISMISSED',
      resolution: '与已受理案件重复',
    });

    const concern = await raise({ title: '单元门禁失灵' });
    const c2 = ok(await s.gql(TO_CASE, { i: { id: concern.id, categoryId: category } }, { token: admin }))
      .turnHeartBridgeConcernIntoCase.case;
    const toggle = (op: 'enableModule' | 'disableModule') =>
      s.gql(
        `mutation($i: ${op === 'enableModule' ? 'EnableModuleInput' : 'DisableModuleInput'}!) { ${op}(input: $i) { enabled } }`,
        { i: { gridId: grid, moduleId: 'heart-bridge' } },
        { token: admin },
      );
    ok(await toggle('disableModule'));
    try {
      await resolveThroughLoop(c2.id, c2.version, '已更换门禁控制器');
      expect(ok(await s.gql(CONCERN, { id: concern.id }, { token: admin })).node.status).toBe('RESOLVED');
      // The module's own writes stay refused while it is off.
      const res = await s.gql(
        'mutation($i: ResolveHeartBridgeConcernInput!) { resolveHeartBridgeConcern(input: $i) { id } }',
        { i: { id: rejected.id, resolution: 'x' } },
        { token: admin },
      );
      expect(errorCode(res)).toBe('MODULE_NOT_ENABLED');
    } finally {
      ok(await toggle('enableModule'));
    }
  });

  it('refuses a bad case without writing anything, and a concern already handled', async () => {
    const concern = await raise({ title: '水压太低' });
    const casesBefore = await s.em().count(Case, {});
    const bad = await s.gql(
      TO_CASE,
      {
        i: {
          id: concern.id,
          categoryId: 'Q2FzZUNhdGVnb3J5OjAxOTBhMGEwLTAwMDAtNzAwMC04MDAwLTAwMDAwMDAwMDAwMQ',
        },
      },
      { token: admin },
    );
    expect([errorCode(bad), field(bad)]).toEqual(['BAD_USER_INPUT', 'input.categoryId']);
    expect(await s.em().count(Case, {})).toBe(casesBefore);
    expect(ok(await s.gql(CONCERN, { id: concern.id }, { token: admin })).node).toMatchObject({
      status: 'OPEN',
      case: null,
    });
    const badSource = await s.gql(
      TO_CASE,
      { i: { id: concern.id, categoryId: category, source: 'NO_SUCH_SOURCE' } },
      { token: admin },
    );
    expect(errorCode(badSource)).toBe('BAD_USER_INPUT');

    const turned = ok(
      await s.gql(TO_CASE, { i: { id: concern.id, categoryId: category } }, { token: admin }),
    );
    const again = await s.gql(TO_CASE, { i: { id: concern.id, categoryId: category } }, { token: admin });
    expect(errorCode(again)).toBe('CONFLICT');
    const handle = await s.gql(
      'mutation($i: ResolveHeartBridgeConcernInput!) { resolveHeartBridgeConcern(input: $i) { id } }',
      { i: { id: concern.id, resolution: '已处理' } },
      { token: admin },
    );
    expect(errorCode(handle)).toBe('CONFLICT');
    expect(await s.em().count(Case, {})).toBe(casesBefore + 1);
    expect(turned.turnHeartBridgeConcernIntoCase.case.moduleRecords).toHaveLength(1);
  });
});

describe('concerns handled on the grid', () => {
  it('are resolved with a note, once', async () => {
    const concern = await raise({ kind: 'WORRY', title: '孩子放学无人看护' });
    const RESOLVE =
      'mutation($i: ResolveHeartBridgeConcernInput!) { resolveHeartBridgeConcern(input: $i) { status resolvedVia resolution resolvedAt dueOn overdue } }';
    const empty = await s.gql(RESOLVE, { i: { id: concern.id, resolution: '   ' } }, { token: admin });
    expect([errorCode(empty), field(empty)]).toEqual(['BAD_USER_INPUT', 'input.resolution']);
    const done = ok(
      await s.gql(RESOLVE, { i: { id: concern.id, resolution: '已对接四点半课堂' } }, { token: admin }),
    ).resolveHeartBridgeConcern;
    expect(done).toMatchObject({
      status: 'RESOLVED',
      resolvedVia: 'MODULE',
      resolution: '已对接四点半课堂',
      dueOn: null,
      overdue: false,
    });
    expect(
      errorCode(await s.gql(RESOLVE, { i: { id: concern.id, resolution: '再次' } }, { token: admin })),
    ).toBe('CONFLICT');
    const turn = await s.gql(TO_CASE, { i: { id: concern.id, categoryId: category } }, { token: admin });
    expect(errorCode(turn)).toBe('CONFLICT');
  });

  it('flags an open concern beyond its target', async () => {
    const old = await raise({ kind: 'WORRY', raisedOn: localDay(new Date(Date.now() - 20 * DAY)) });
    expect(old).toMatchObject({ overdue: true, dueOn: localDay(new Date(Date.now() - 5 * DAY)) });
  });
});

describe('bad input', () => {
  it('is refused with a typed error naming the field, and writes nothing', async () => {
    const before = await s.em().count(HeartBridgeConcern, {});
    const cases: [Record<string, unknown>, string][] = [
      [{ residentId: foreignResident }, 'input.residentId'],
      [{ title: '' }, 'input.title'],
      [{ title: '长'.repeat(101) }, 'input.title'],
      [{ raisedOn: localDay(new Date(Date.now() + 3 * DAY)) }, 'input.raisedOn'],
      [{ description: 'x'.repeat(1001) }, 'input.description'],
    ];
    for (const [extra, at] of cases) {
      const res = await s.gql(
        RAISE,
        { i: { gridId: grid, kind: 'WORRY', residentId: resident, title: '标题', ...extra } },
        { token: admin },
      );
      expect([errorCode(res), field(res)]).toEqual(['BAD_USER_INPUT', at]);
    }
    const badKind = await s.gql(
      RAISE,
      { i: { gridId: grid, kind: 'GRUDGE', residentId: resident, title: '标题' } },
      { token: admin },
    );
    expect(errorCode(badKind)).toBe('BAD_USER_INPUT');
    expect(await s.em().count(HeartBridgeConcern, {})).toBe(before);

    const SENTIMENT =
      'mutation($i: RecordHeartBridgeSentimentInput!) { recordHeartBridgeSentiment(input: $i) { id topic mood voices resident { id } } }';
    const sBefore = await s.em().count(HeartBridgeSentiment, {});
    for (const [extra, at] of [
      [{ voices: 0 }, 'input.voices'],
      [{ voices: 501 }, 'input.voices'],
      [{ residentId: foreignResident }, 'input.residentId'],
      [{ residentId: resident, voices: 3 }, 'input.voices'],
      [{ opinion: ' ' }, 'input.opinion'],
    ] as const) {
      const res = await s.gql(
        SENTIMENT,
        { i: { gridId: grid, topic: 'SAFETY', mood: 'CONCERNED', opinion: '后门没人看', ...extra } },
        { token: admin },
      );
      expect([errorCode(res), field(res)]).toEqual(['BAD_USER_INPUT', at]);
    }
    expect(await s.em().count(HeartBridgeSentiment, {})).toBe(sBefore);
    const good = ok(
      await s.gql(
        SENTIMENT,
        { i: { gridId: grid, topic: 'SAFETY', mood: 'CONCERNED', opinion: '后门没人看', voices: 4 } },
        { token: admin },
      ),
    ).recordHeartBridgeSentiment;
    expect(good).toMatchObject({ topic: 'SAFETY', mood: 'CONCERNED', voices: 4, resident: null });
  });
});

describe('jurisdiction', () => {
  it('a grid worker of another grid sees and changes nothing here', async () => {
    const concern = await raise({ title: '仅本网格可见' });
    const list = ok(
      await s.gql(
        '{ heartBridgeConcerns(first: 100) { totalCount nodes { id } } heartBridgeSentiments(first: 100) { totalCount } }',
        {},
        { token: worker },
      ),
    );
    expect(list.heartBridgeConcerns.totalCount).toBe(0);
    expect(list.heartBridgeSentiments.totalCount).toBe(0);
    expect(
      errorCode(
        await s.gql('query($id: ID!) { node(id: $id) { id } }', { id: concern.id }, { token: worker }),
      ),
    ).toBe('NOT_FOUND');
    const raiseThere = await s.gql(
      RAISE,
      { i: { gridId: grid, kind: 'WORRY', residentId: resident, title: '越权' } },
      { token: worker },
    );
    expect(errorCode(raiseThere)).toBe('FORBIDDEN');
    const turn = await s.gql(TO_CASE, { i: { id: concern.id, categoryId: category } }, { token: worker });
    expect(errorCode(turn)).toBe('NOT_FOUND');
  });
});

describe('metrics', () => {
  it('equal figures counted independently from the records', async () => {
    const from = new Date(Date.now() - 365 * DAY);
    const to = new Date(Date.now() + 60_000);
    const em = s.em();
    const concerns = await em.find(HeartBridgeConcern, { gridId: uuidOf(grid) });
    const inPeriod = (d: string) => d >= localDay(from) && d <= localDay(new Date(to.getTime() - 1));
    const raisedIn = concerns.filter((c) => inPeriod(c.raisedOn));
    const resolvedIn = concerns.filter(
      (c) => c.status === 'RESOLVED' && c.resolvedAt! >= from && c.resolvedAt! < to,
    );
    const briefings = await em.find(Activity, {
      gridId: uuidOf(grid),
      kind: 'heart-bridge.briefing',
      occurredAt: { $gte: from, $lt: to },
    });
    const sentiments = await em.find(HeartBridgeSentiment, { gridId: uuidOf(grid) });
    const resolvedShare = raisedIn.filter((c) => c.status === 'RESOLVED').length;
    const expected: Record<string, number> = {
      'heart-bridge.worries_raised': raisedIn.filter((c) => c.kind === 'WORRY').length,
      'heart-bridge.annoyances_raised': raisedIn.filter((c) => c.kind === 'ANNOYANCE').length,
      'heart-bridge.distresses_raised': raisedIn.filter((c) => c.kind === 'DISTRESS').length,
      'heart-bridge.worries_resolved': resolvedIn.filter((c) => c.kind === 'WORRY').length,
      'heart-bridge.annoyances_resolved': resolvedIn.filter((c) => c.kind === 'ANNOYANCE').length,
      'heart-bridge.distresses_resolved': resolvedIn.filter((c) => c.kind === 'DISTRESS').length,
      'heart-bridge.resolution_rate': raisedIn.length
        ? Math.round((1000 * resolvedShare) / raisedIn.length) / 10
        : 0,
      'heart-bridge.briefings': briefings.length,
      'heart-bridge.briefing_attendees': briefings.reduce((n, a) => n + (a.details.attendees as number), 0),
      'heart-bridge.sentiment_entries': sentiments.filter((e) => inPeriod(e.recordedOn)).length,
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
    for (const code of [
      'heart-bridge.worries_raised',
      'heart-bridge.briefings',
      'heart-bridge.resolution_rate',
    ])
      expect(expected[code]).toBeGreaterThan(0);
  });
});
