import { toGlobalId } from '../../src/graphql/global-id';
import { DomainEvent } from '../../src/integration';
import { Activity } from '../../src/modules/activity.entity';
import { createTestServer, errorCode, ok, type TestServer } from '../../tests/helpers/test-server';
import { LegalMediation } from './legal.entities';

let s: TestServer;
let admin: string;
let grid: string;
let volunteerGrid: string;

const DAY = 24 * 3600 * 1000;
const uuidOf = (gid: string) => Buffer.from(gid, 'base64url').toString().split(':')[1]!;
const field = (res: { errors?: { extensions?: Record<string, any> }[] }) =>
  res.errors?.[0]?.extensions?.field;
const localDay = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

beforeAll(async () => {
  s = await createTestServer();
  admin = await s.login('community_admin');
  const nodes = ok(await s.gql('{ grids(first: 20) { nodes { id theme } } }', {}, { token: admin })).grids
    .nodes;
  grid = nodes.find((g: any) => g.theme === 'legal').id;
  volunteerGrid = nodes.find((g: any) => g.theme === 'volunteer').id;
  // A second grid with the module on, to try references across grids.
  ok(
    await s.gql(
      'mutation($i: EnableModuleInput!) { enableModule(input: $i) { enabled } }',
      { i: { gridId: volunteerGrid, moduleId: 'legal' } },
      { token: admin },
    ),
  );
});
afterAll(() => s.close());

const OPEN = `mutation($i: OpenLegalMediationInput!) { openLegalMediation(input: $i) {
  id status disputeType parties { name role } openedOn closedOn dueOn overdue caseId mediator { name } } }`;
const SESSION = `mutation($i: LegalMediationSessionActivityInput!) { recordLegalMediationSession(input: $i) {
  id beneficiaries details { mediationId result attendees agreement } } }`;
const STATUS =
  'query($id: ID!) { node(id: $id) { ... on LegalMediation { status closedOn outcome dueOn overdue } } }';
const METRIC = `query($s: MetricScopeInput!, $p: PeriodInput!, $c: [String!]) { metrics(scope: $s, period: $p, codes: $c) { code value } }`;

const parties = [
  { name: '张三', role: 'APPLICANT' },
  { name: '李四', role: 'RESPONDENT' },
];
const session = (mediationId: string, result: string, extra: Record<string, unknown> = {}) => ({
  i: {
    gridId: grid,
    occurredAt: new Date(Date.now() - 600_000).toISOString(),
    details: { mediationId, result, ...extra },
  },
});

describe('mediations', () => {
  it('opens with its parties and mediator; sessions move it on; an ended one takes no more sessions', async () => {
    const mediator = ok(
      await s.gql(
        'query($g: ID!) { legalAdvisers(first: 10, filter: { gridId: $g, activeOnly: true }) { nodes { id name kind } } }',
        { g: grid },
        { token: admin },
      ),
    ).legalAdvisers.nodes.find((a: any) => a.kind === 'PEOPLES_MEDIATOR');
    const m = ok(
      await s.gql(
        OPEN,
        {
          i: {
            gridId: grid,
            disputeType: 'NEIGHBOUR',
            summary: '阳台漏水纠纷',
            parties,
            mediatorId: mediator.id,
          },
        },
        { token: admin },
      ),
    ).openLegalMediation;
    expect(m).toMatchObject({
      status: 'IN_PROGRESS',
      parties,
      closedOn: null,
      overdue: false,
      caseId: null,
      mediator: { name: mediator.name },
    });
    const adjourned = ok(
      await s.gql(SESSION, session(m.id, 'ADJOURNED', { attendees: 4 }), { token: admin }),
    ).recordLegalMediationSession;
    expect(adjourned).toMatchObject({
      beneficiaries: 4,
      details: { mediationId: m.id, result: 'ADJOURNED', attendees: 4 },
    });
    expect(ok(await s.gql(STATUS, { id: m.id }, { token: admin })).node.status).toBe('IN_PROGRESS');
    ok(await s.gql(SESSION, session(m.id, 'AGREEMENT', { agreement: '楼上承担维修费用' }), { token: admin }));
    expect(ok(await s.gql(STATUS, { id: m.id }, { token: admin })).node).toEqual({
      status: 'SUCCEEDED',
      closedOn: localDay(new Date(Date.now() - 600_000)),
      outcome: '楼上承担维修费用',
      dueOn: null,
      overdue: false,
    });
    const more = await s.gql(SESSION, session(m.id, 'ADJOURNED'), { token: admin });
    expect([errorCode(more), field(more)]).toEqual(['BAD_USER_INPUT', 'input.details.mediationId']);
    const withdraw = await s.gql(
      'mutation($i: WithdrawLegalMediationInput!) { withdrawLegalMediation(input: $i) { status } }',
      { i: { id: m.id, reason: '和解' } },
      { token: admin },
    );
    expect(errorCode(withdraw)).toBe('CONFLICT');
    const events = await s.em().find(DomainEvent, { type: 'legal.mediation.closed' });
    expect(events.map((e) => [e.subjectId, e.payload])).toContainEqual([m.id, { status: 'SUCCEEDED' }]);
  });

  it('refuses bad parties, a mediator or case from elsewhere, and mediations of another grid', async () => {
    const farAdviser = ok(await s.gql('{ legalAdvisers(first: 1) { nodes { id } } }', {}, { token: admin }))
      .legalAdvisers.nodes[0].id;
    for (const [input, at] of [
      [{ gridId: grid, parties: [parties[0]] }, 'input.parties'],
      [{ gridId: grid, parties: [parties[1], parties[1]] }, 'input.parties'],
      [{ gridId: volunteerGrid, parties, mediatorId: farAdviser }, 'input.mediatorId'],
      [
        { gridId: grid, parties, caseId: toGlobalId('Case', '0190a0a0-0000-7000-8000-000000000001') },
        'input.caseId',
      ],
      [{ gridId: grid, parties, openedOn: localDay(new Date(Date.now() + 3 * DAY)) }, 'input.openedOn'],
    ] as const) {
      const res = await s.gql(
        OPEN,
        { i: { disputeType: 'DEBT', summary: '借款纠纷', ...input } },
        { token: admin },
      );
      expect([errorCode(res), field(res)]).toEqual(['BAD_USER_INPUT', at]);
    }
    const elsewhere = ok(
      await s.gql(
        OPEN,
        { i: { gridId: volunteerGrid, disputeType: 'DEBT', summary: '借款纠纷', parties } },
        { token: admin },
      ),
    ).openLegalMediation;
    const cross = await s.gql(SESSION, session(elsewhere.id, 'AGREEMENT'), { token: admin });
    expect([errorCode(cross), field(cross)]).toEqual(['BAD_USER_INPUT', 'input.details.mediationId']);
  });

  it("flags a mediation in progress beyond the grid's target", async () => {
    const opened = localDay(new Date(Date.now() - 20 * DAY));
    const m = ok(
      await s.gql(
        OPEN,
        { i: { gridId: grid, disputeType: 'FAMILY', summary: '赡养纠纷', parties, openedOn: opened } },
        { token: admin },
      ),
    ).openLegalMediation;
    expect(m.overdue).toBe(false);
    ok(
      await s.gql(
        'mutation($i: UpdateModuleSettingsInput!) { updateModuleSettings(input: $i) { settings } }',
        { i: { gridId: grid, moduleId: 'legal', settings: { mediationTargetDays: 10 } } },
        { token: admin },
      ),
    );
    const now = ok(await s.gql(STATUS, { id: m.id }, { token: admin })).node;
    expect(now).toMatchObject({
      status: 'IN_PROGRESS',
      overdue: true,
      dueOn: localDay(new Date(Date.now() - 10 * DAY)),
    });
  });
});

describe('lectures, Q&A and anti-fraud help', () => {
  it('checks speakers belong to the grid and audiences add up', async () => {
    const adviser = ok(
      await s.gql(
        'query($g: ID!) { legalAdvisers(first: 1, filter: { gridId: $g }) { nodes { id } } }',
        { g: grid },
        { token: admin },
      ),
    ).legalAdvisers.nodes[0].id;
    const LECTURE =
      'mutation($i: LegalLectureActivityInput!) { recordLegalLecture(input: $i) { id participants beneficiaries details { topic attendees elderlyAttendees speakerId } } }';
    const at = new Date(Date.now() - 600_000).toISOString();
    const ok1 = ok(
      await s.gql(
        LECTURE,
        {
          i: {
            gridId: grid,
            occurredAt: at,
            details: { topic: '遗嘱怎么立', attendees: 30, elderlyAttendees: 20 },
          },
        },
        { token: admin },
      ),
    );
    expect(ok1.recordLegalLecture).toMatchObject({
      participants: 1,
      beneficiaries: 30,
      details: { elderlyAttendees: 20, speakerId: null },
    });
    const tooMany = await s.gql(
      LECTURE,
      {
        i: {
          gridId: grid,
          occurredAt: at,
          details: { topic: '遗嘱怎么立', attendees: 3, elderlyAttendees: 20 },
        },
      },
      { token: admin },
    );
    expect([errorCode(tooMany), field(tooMany)]).toEqual([
      'BAD_USER_INPUT',
      'input.details.elderlyAttendees',
    ]);
    const wrong = await s.gql(
      LECTURE,
      {
        i: {
          gridId: volunteerGrid,
          occurredAt: at,
          details: { topic: '遗嘱怎么立', attendees: 3, speakerId: adviser },
        },
      },
      { token: admin },
    );
    expect([errorCode(wrong), field(wrong)]).toEqual(['BAD_USER_INPUT', 'input.details.speakerId']);
    const FRAUD =
      'mutation($i: LegalAntiFraudHelpActivityInput!) { recordLegalAntiFraudHelp(input: $i) { beneficiaries details { method installsHelped } } }';
    const fraud = ok(
      await s.gql(
        FRAUD,
        {
          i: {
            gridId: grid,
            occurredAt: at,
            details: { method: 'STALL', peopleReached: 10, elderlyReached: 6, installsHelped: 4 },
          },
        },
        { token: admin },
      ),
    );
    expect(fraud.recordLegalAntiFraudHelp).toEqual({
      beneficiaries: 10,
      details: { method: 'STALL', installsHelped: 4 },
    });
    const bad = await s.gql(
      FRAUD,
      {
        i: {
          gridId: grid,
          occurredAt: at,
          details: { method: 'STALL', peopleReached: 3, elderlyReached: 1, installsHelped: 4 },
        },
      },
      { token: admin },
    );
    expect([errorCode(bad), field(bad)]).toEqual(['BAD_USER_INPUT', 'input.details.installsHelped']);
  });
});

describe('metrics', () => {
  it('equal figures counted independently from the records', async () => {
    const from = new Date(Date.now() - 365 * DAY);
    const to = new Date();
    const em = s.em();
    const acts = await em.find(Activity, {
      gridId: uuidOf(grid),
      moduleId: 'legal',
      occurredAt: { $gte: from, $lt: to },
    });
    const of = (kind: string) => acts.filter((a) => a.kind === `legal.${kind}`);
    const sum = (list: Activity[], key: string) =>
      list.reduce((n, a) => n + ((a.details[key] as number) ?? 0), 0);
    const closed = (await em.find(LegalMediation, { gridId: uuidOf(grid) })).filter(
      (m) =>
        m.closedOn &&
        m.closedOn >= localDay(from) &&
        m.closedOn <= localDay(new Date(to.getTime() - 1)) &&
        ['SUCCEEDED', 'FAILED'].includes(m.status),
    );
    const succeeded = closed.filter((m) => m.status === 'SUCCEEDED').length;
    const expected = {
      'legal.lectures': of('lecture').length,
      'legal.lecture_attendees': sum(of('lecture'), 'attendees'),
      'legal.consultations': of('consultation').length,
      'legal.installs_helped': sum(of('anti_fraud_help'), 'installsHelped'),
      'legal.elderly_reached':
        sum(of('anti_fraud_help'), 'elderlyReached') + sum(of('lecture'), 'elderlyAttendees'),
      'legal.mediation_success_rate': closed.length ? Math.round((1000 * succeeded) / closed.length) / 10 : 0,
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
    expect(expected['legal.lectures']).toBeGreaterThan(0);
    expect(expected['legal.mediation_success_rate']).toBeGreaterThan(0);
  });
});
