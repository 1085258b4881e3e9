import {
  act,
  CASE,
  categories,
  expectCode,
  getCase,
  gid,
  grids,
  gridWorkerStaff,
  hoursFrom,
  must,
  mustReport,
  type Step,
  uuidOf,
  writeCounts,
} from './helpers/cases';
import { createTestServer, errorCode, ok, type TestServer } from './helpers/test-server';

let s: TestServer;
let cat: Record<string, string>;
let grid: Record<string, any>;
beforeAll(async () => {
  s = await createTestServer();
  const admin = await s.login('community_admin');
  cat = await categories(s, admin);
  grid = await grids(s, admin);
});
afterAll(() => s.close());

/** The state machine as the design describes it, written out independently of the code. */
const LEGAL: Record<string, string[]> = {
  REPORTED: ['ACCEPT', 'REJECT', 'ESCALATE'],
  ACCEPTED: ['ASSIGN', 'ESCALATE', 'SEND_TO_JOINT_MEETING', 'REJECT'],
  ASSIGNED: ['ASSIGN', 'START', 'RESOLVE', 'REQUEST_RETURN', 'ESCALATE', 'SUPERVISE'],
  IN_PROGRESS: ['RESOLVE', 'REQUEST_EXTENSION', 'REQUEST_RETURN', 'ESCALATE', 'SUPERVISE'],
  EXTENSION_REQUESTED: ['APPROVE_EXTENSION', 'DENY_EXTENSION', 'RESOLVE'],
  RETURN_REQUESTED: ['APPROVE_RETURN', 'DENY_RETURN'],
  ESCALATED: ['ACCEPT', 'ESCALATE', 'SEND_TO_JOINT_MEETING', 'REJECT'],
  JOINT_MEETING: ['DECIDE', 'SEND_TO_JOINT_MEETING'],
  RESOLVED: ['GIVE_FEEDBACK', 'SUPERVISE'],
  FEEDBACK_GIVEN: ['RATE', 'CLOSE', 'REOPEN'],
  CLOSED: ['RATE', 'REOPEN'],
  REOPENED: ['ASSIGN', 'START', 'ESCALATE', 'SEND_TO_JOINT_MEETING'],
  REJECTED: [],
};

const ACTION_STEP: Record<string, Step> = {
  ACCEPT: 'accept',
  ASSIGN: 'assign',
  START: 'start',
  RESOLVE: 'resolve',
  GIVE_FEEDBACK: 'feedback',
  RATE: 'rate',
  CLOSE: 'close',
  REOPEN: 'reopen',
  REJECT: 'reject',
  ESCALATE: 'escalate',
  SEND_TO_JOINT_MEETING: 'sendToMeeting',
  DECIDE: 'decide',
  REQUEST_EXTENSION: 'requestExtension',
  APPROVE_EXTENSION: 'approveExtension',
  DENY_EXTENSION: 'denyExtension',
  REQUEST_RETURN: 'requestReturn',
  APPROVE_RETURN: 'approveReturn',
  DENY_RETURN: 'denyReturn',
  SUPERVISE: 'supervise',
};

/** A well-formed input for each action, so that only the state can be wrong. */
function inputFor(
  action: string,
  c: { id: string; version: number },
  meetingId: string,
): Record<string, unknown> {
  const base = { id: c.id, version: c.version };
  const later = hoursFrom(new Date(), 24 * 30);
  switch (action) {
    case 'ASSIGN':
      return { ...base, responsible: { kind: 'DEPARTMENT', department: 'HOUSING' }, dueAt: later };
    case 'RESOLVE':
      return { ...base, resolution: '已处理' };
    case 'GIVE_FEEDBACK':
      return { ...base, channel: 'PHONE' };
    case 'RATE':
      return { ...base, rating: 4 };
    case 'REOPEN':
    case 'REJECT':
    case 'REQUEST_RETURN':
    case 'SUPERVISE':
      return { ...base, reason: '测试' };
    case 'SEND_TO_JOINT_MEETING':
      return { ...base, meetingId };
    case 'REQUEST_EXTENSION':
      return { ...base, reason: '测试', dueAt: later };
    case 'DECIDE':
      return {
        meetingId,
        caseId: c.id,
        version: c.version,
        responsible: { kind: 'DEPARTMENT', department: 'HOUSING' },
        dueAt: later,
        decision: '测试',
      };
    default:
      return base;
  }
}

describe('the transition table', () => {
  it('is published as the design describes it', async () => {
    const token = await s.login('grid_worker');
    const rows = ok(
      await s.gql('{ caseTransitions { from action to roles holderOnly } }', {}, { token }),
    ).caseTransitions;
    const published: Record<string, string[]> = {};
    for (const r of rows) (published[r.from] ??= []).push(r.action);
    for (const state of Object.keys(LEGAL))
      expect([state, published[state] ?? []]).toEqual([state, LEGAL[state]]);
    const supervise = rows.find((r: any) => r.action === 'SUPERVISE');
    expect(supervise.roles).not.toContain('GRID_WORKER');
    expect(rows.find((r: any) => r.action === 'APPROVE_EXTENSION').roles).toEqual([
      'GRID_CHIEF',
      'COMMUNITY_ADMIN',
      'STREET_ADMIN',
      'PLATFORM_ADMIN',
    ]);
    expect(rows.find((r: any) => r.action === 'GIVE_FEEDBACK').holderOnly).toBe(false);
  });

  it('refuses every illegal (state, action) pair with INVALID_TRANSITION naming the state and the allowed actions, and changes nothing', async () => {
    const token = await s.login('admin');
    const meetingId = ok(await s.gql('{ jointMeetings(first: 1) { nodes { id status } } }', {}, { token }))
      .jointMeetings.nodes[0].id;
    const before = await writeCounts(s);
    let checked = 0;
    for (const [state, legal] of Object.entries(LEGAL)) {
      // A rated closed case: RATE is illegal there too (a case is rated once).
      const filter = state === 'CLOSED' ? ' rating ' : '';
      const nodes = ok(
        await s.gql(
          `query($s: [CaseState!]) { cases(filter: { states: $s }, first: 50) { nodes { id version ${filter} } } }`,
          { s: [state] },
          { token },
        ),
      ).cases.nodes;
      const c = state === 'CLOSED' ? nodes.find((n: any) => n.rating != null) : nodes[0];
      expect([state, !!c]).toEqual([state, true]);
      const allowed = state === 'CLOSED' ? ['REOPEN'] : legal;
      for (const action of Object.keys(ACTION_STEP)) {
        if (allowed.includes(action)) continue;
        const res = await act(s, token, ACTION_STEP[action]!, inputFor(action, c, meetingId), 'id');
        expect([state, action, errorCode(res)]).toEqual([state, action, 'INVALID_TRANSITION']);
        expect(res.errors![0]!.extensions).toMatchObject({ state, action, allowedActions: allowed });
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(200);
    expect(await writeCounts(s)).toEqual(before);
  });
});

describe('side paths', () => {
  async function accepted(title: string, code = 'FACILITY'): Promise<any> {
    const worker = await s.login('grid_worker');
    const c = await mustReport(s, worker, { categoryId: cat[code], source: 'PATROL', title });
    return must(s, worker, 'accept', { id: c.id, version: 1 });
  }

  it('escalation: grid → community → street, each level acting only once it holds the case', async () => {
    const worker = await s.login('grid_worker');
    const community = await s.login('community_admin');
    const street = await s.login('street_admin');
    const c = await accepted('楼体外墙脱落', 'SAFETY_HAZARD');
    const up1 = await must(s, worker, 'escalate', { id: c.id, version: 2, note: '超出网格处置能力' });
    expect(up1).toMatchObject({ state: 'ESCALATED', level: 'COMMUNITY', stepNo: 2, availableActions: [] });
    const denied = await act(s, worker, 'accept', { id: c.id, version: 3 });
    expectCode(denied, 'FORBIDDEN');
    const up2 = await must(s, community, 'escalate', { id: c.id, version: 3 });
    expect(up2).toMatchObject({ state: 'ESCALATED', level: 'STREET', stepNo: 3 });
    expect(up2.availableActions).toEqual([]);
    expectCode(await act(s, community, 'accept', { id: c.id, version: 4 }), 'FORBIDDEN');
    const took = await must(s, street, 'accept', { id: c.id, version: 4 });
    expect(took.availableActions).toEqual(['ASSIGN', 'SEND_TO_JOINT_MEETING', 'REJECT']);
    const assigned = await must(
      s,
      street,
      'assign',
      {
        id: c.id,
        version: 5,
        responsible: { kind: 'DEPARTMENT', department: 'HOUSING' },
        dueAt: hoursFrom(new Date(), 72),
      },
      `${CASE} currentStep escalationCount`,
    );
    expect(assigned).toMatchObject({
      state: 'ASSIGNED',
      level: 'STREET',
      department: 'HOUSING',
      escalationCount: 2,
      currentStep: 'Assigned (housing)',
    });
    await must(s, street, 'start', { id: c.id, version: 6 });
    await must(s, street, 'resolve', { id: c.id, version: 7, resolution: '住建部门完成外墙修缮' });
    // The grid tells the resident and records the rating, whoever held the case.
    await must(s, worker, 'feedback', { id: c.id, version: 8, channel: 'VISIT' });
    expect(await must(s, worker, 'rate', { id: c.id, version: 9, rating: 4 })).toMatchObject({
      state: 'CLOSED',
      level: 'STREET',
    });
    const view = await getCase(s, street, c.id, 'timeline { action level actorName }');
    expect(view.timeline.map((e: any) => `${e.action}@${e.level}`)).toEqual([
      'REPORT@GRID',
      'ACCEPT@GRID',
      'ESCALATE@COMMUNITY',
      'ESCALATE@STREET',
      'ACCEPT@STREET',
      'ASSIGN@STREET',
      'START@STREET',
      'RESOLVE@STREET',
      'GIVE_FEEDBACK@STREET',
      'RATE@STREET',
    ]);
  });

  it('joint meeting: scheduled with departments, a case put on its agenda, decided, and handled by the department', async () => {
    const worker = await s.login('grid_worker');
    const community = await s.login('community_admin');
    const communityId = ok(await s.gql('{ communities { nodes { id } } }', {}, { token: community }))
      .communities.nodes[0].id;
    const SCHEDULE = `mutation($input: ScheduleJointMeetingInput!) { scheduleJointMeeting(input: $input) { id title level status departments attendees scheduledAt community { id } items { case { id } } } }`;
    const when = hoursFrom(new Date(), 48);
    const input = {
      convenerId: communityId,
      title: '专题联席会议',
      scheduledAt: when,
      departments: ['URBAN_MANAGEMENT', 'HOUSING'],
      attendees: ['物业公司'],
    };
    expectCode(await s.gql(SCHEDULE, { input }, { token: worker }), 'FORBIDDEN');
    expectCode(
      await s.gql(
        SCHEDULE,
        { input: { ...input, scheduledAt: hoursFrom(new Date(), -72) } },
        { token: community },
      ),
      'BAD_USER_INPUT',
      'input.scheduledAt',
    );
    expectCode(
      await s.gql(SCHEDULE, { input: { ...input, departments: [] } }, { token: community }),
      'BAD_USER_INPUT',
      'input.departments',
    );
    expectCode(
      await s.gql(SCHEDULE, { input: { ...input, convenerId: grid['SQ0101-01'].id } }, { token: community }),
      'BAD_USER_INPUT',
      'input.convenerId',
    );
    const meeting = ok(await s.gql(SCHEDULE, { input }, { token: community })).scheduleJointMeeting;
    expect(meeting).toMatchObject({
      level: 'COMMUNITY',
      status: 'SCHEDULED',
      departments: ['URBAN_MANAGEMENT', 'HOUSING'],
      items: [],
    });

    const c = await accepted('楼顶违规加盖', 'ILLEGAL_CONSTRUCTION');
    expect(c.scale).toBe('MAJOR');
    await must(s, worker, 'escalate', { id: c.id, version: 2 });
    expectCode(
      await act(s, worker, 'sendToMeeting', { id: c.id, version: 3, meetingId: meeting.id }),
      'FORBIDDEN',
    );
    const sent = await must(
      s,
      community,
      'sendToMeeting',
      { id: c.id, version: 3, meetingId: meeting.id, note: '提请联席会议' },
      `${CASE} jointMeeting { id }`,
    );
    expect(sent).toMatchObject({
      state: 'JOINT_MEETING',
      responsibleKind: 'JOINT_MEETING',
      level: 'COMMUNITY',
      jointMeeting: { id: meeting.id },
    });
    expect(new Date(sent.dueAt).getTime()).toBeGreaterThan(new Date(when).getTime());
    expect(new Date(sent.dueAt).getTime() - new Date(when).getTime()).toBeLessThan(24 * 3600 * 1000);

    const other = await accepted('另一处违建', 'ILLEGAL_CONSTRUCTION');
    const decide = (id: string, version: number, meetingId = meeting.id) =>
      act(s, community, 'decide', {
        meetingId,
        caseId: id,
        version,
        responsible: { kind: 'DEPARTMENT', department: 'URBAN_MANAGEMENT' },
        dueAt: hoursFrom(new Date(), 240),
        decision: '由城管执法中队十日内依法拆除',
      });
    expectCode(await decide(other.id, 2), 'INVALID_TRANSITION');
    const seeded = ok(
      await s.gql('{ jointMeetings(first: 10) { nodes { id status } } }', {}, { token: community }),
    ).jointMeetings.nodes.find((m: any) => m.id !== meeting.id);
    expectCode(await decide(c.id, 4, seeded.id), 'BAD_USER_INPUT', 'input.meetingId');
    const decided = ok(await decide(c.id, 4)).recordJointMeetingDecision;
    expect(decided).toMatchObject({
      state: 'ASSIGNED',
      responsibleKind: 'DEPARTMENT',
      department: 'URBAN_MANAGEMENT',
      stepNo: 4,
    });
    const after = ok(
      await s.gql(
        'query($id: ID!) { node(id: $id) { ... on JointMeeting { status items { decidedAt decision responsibleKind department dueAt case { id state } } } } }',
        { id: meeting.id },
        { token: community },
      ),
    ).node;
    expect(after.status).toBe('HELD');
    expect(after.items).toHaveLength(1);
    expect(after.items[0]).toMatchObject({
      decision: '由城管执法中队十日内依法拆除',
      department: 'URBAN_MANAGEMENT',
      case: { id: c.id, state: 'ASSIGNED' },
    });
    // A held meeting takes no new cases.
    await must(s, worker, 'escalate', { id: other.id, version: 2 });
    expectCode(
      await act(s, community, 'sendToMeeting', { id: other.id, version: 3, meetingId: meeting.id }),
      'BAD_USER_INPUT',
      'input.meetingId',
    );
    await must(s, community, 'start', { id: c.id, version: 5 });
    expect(
      await must(s, community, 'resolve', { id: c.id, version: 6, resolution: '违建已拆除' }),
    ).toMatchObject({ state: 'RESOLVED' });
  });

  it('extension: asked, approved (new step deadline), asked again, denied (deadline stays)', async () => {
    const worker = await s.login('grid_worker');
    const community = await s.login('community_admin');
    const c = await accepted('屋面漏水');
    const due = hoursFrom(new Date(), 5);
    await must(s, worker, 'assign', {
      id: c.id,
      version: 2,
      responsible: { kind: 'GRID', assigneeId: await gridWorkerStaff(s, 'SQ0101-01') },
      dueAt: due,
    });
    await must(s, worker, 'start', { id: c.id, version: 3 });
    expectCode(
      await act(s, worker, 'requestExtension', {
        id: c.id,
        version: 4,
        reason: '等待配件',
        dueAt: hoursFrom(new Date(), 2),
      }),
      'BAD_USER_INPUT',
      'input.dueAt',
    );
    const asked = hoursFrom(new Date(), 53);
    const requested = await must(
      s,
      worker,
      'requestExtension',
      { id: c.id, version: 4, reason: '等待配件', dueAt: asked },
      `${CASE} requestedDueAt`,
    );
    expect(requested).toMatchObject({ state: 'EXTENSION_REQUESTED', stepNo: 2 });
    expect(new Date(requested.requestedDueAt).toISOString()).toBe(asked);
    expectCode(await act(s, worker, 'approveExtension', { id: c.id, version: 5 }), 'FORBIDDEN');
    const approved = await must(
      s,
      community,
      'approveExtension',
      { id: c.id, version: 5, note: '同意' },
      `${CASE} requestedDueAt extensionCount`,
    );
    expect(approved).toMatchObject({
      state: 'IN_PROGRESS',
      stepNo: 3,
      requestedDueAt: null,
      extensionCount: 1,
    });
    expect(new Date(approved.dueAt).toISOString()).toBe(asked);
    expect(approved.overallDueAt).toBe(c.overallDueAt);
    await must(s, worker, 'requestExtension', {
      id: c.id,
      version: 6,
      reason: '再延',
      dueAt: hoursFrom(new Date(), 100),
    });
    const denied = await must(
      s,
      community,
      'denyExtension',
      { id: c.id, version: 7, note: '请按时办结' },
      `${CASE} requestedDueAt extensionCount`,
    );
    expect(denied).toMatchObject({
      state: 'IN_PROGRESS',
      stepNo: 3,
      requestedDueAt: null,
      extensionCount: 1,
    });
    expect(new Date(denied.dueAt).toISOString()).toBe(asked);
  });

  it('return: approved back to ACCEPTED for a new assignment, then asked again and denied', async () => {
    const worker = await s.login('grid_worker');
    const community = await s.login('community_admin');
    const [org] = await s
      .em()
      .getConnection()
      .execute(
        `select o.id from organization o join grid g on g.community_id = o.community_id where g.code = 'SQ0101-01' and o.kind = 'PROPERTY_COMPANY' and (o.grid_id is null or o.grid_id = g.id) order by o.id limit 1`,
      );
    const c = await accepted('电梯故障', 'PROPERTY_SERVICE');
    const assigned = await must(
      s,
      worker,
      'assign',
      {
        id: c.id,
        version: 2,
        responsible: { kind: 'PROPERTY_COMPANY', organizationId: gid('Organization', org.id) },
        dueAt: hoursFrom(new Date(), 48),
      },
      `${CASE} responsibleOrganization { id }`,
    );
    expect(assigned.responsibleOrganization).toEqual({ id: gid('Organization', org.id) });
    expectCode(
      await act(s, worker, 'assign', {
        id: c.id,
        version: 3,
        responsible: { kind: 'OWNERS_COMMITTEE', organizationId: gid('Organization', org.id) },
        dueAt: hoursFrom(new Date(), 48),
      }),
      'BAD_USER_INPUT',
      'input.responsible.organizationId',
    );
    await must(s, worker, 'requestReturn', { id: c.id, version: 3, reason: '电梯产权属开发商' });
    const back = await must(s, community, 'approveReturn', { id: c.id, version: 4 });
    expect(back).toMatchObject({ state: 'ACCEPTED', responsibleKind: null });
    await must(s, community, 'assign', {
      id: c.id,
      version: 5,
      responsible: { kind: 'DEPARTMENT', department: 'MARKET_SUPERVISION' },
      dueAt: hoursFrom(new Date(), 72),
    });
    await must(s, community, 'start', { id: c.id, version: 6 });
    await must(s, worker, 'requestReturn', { id: c.id, version: 7, reason: '再次退办' });
    expect(
      await must(s, community, 'denyReturn', { id: c.id, version: 8, note: '属本部门职责' }),
    ).toMatchObject({
      state: 'IN_PROGRESS',
      department: 'MARKET_SUPERVISION',
    });
  });

  it('supervision (in progress and after a resolution), reopen from feedback and from closed, close without a rating and rate later once', async () => {
    const worker = await s.login('grid_worker');
    const community = await s.login('community_admin');
    const staff = await gridWorkerStaff(s, 'SQ0101-01');
    const c = await accepted('路灯不亮');
    await must(s, worker, 'assign', {
      id: c.id,
      version: 2,
      responsible: { kind: 'GRID', assigneeId: staff },
      dueAt: hoursFrom(new Date(), 8),
    });
    await must(s, worker, 'start', { id: c.id, version: 3 });
    expectCode(await act(s, worker, 'supervise', { id: c.id, version: 4, reason: '自己督办' }), 'FORBIDDEN');
    const urged = await must(
      s,
      community,
      'supervise',
      { id: c.id, version: 4, reason: '请加快办理' },
      `${CASE} supervisionCount`,
    );
    expect(urged).toMatchObject({ state: 'IN_PROGRESS', supervisionCount: 1 });
    await must(s, worker, 'resolve', { id: c.id, version: 5, resolution: '已报修' });
    const sentBack = await must(
      s,
      community,
      'supervise',
      { id: c.id, version: 6, reason: '现场核查路灯仍不亮' },
      `${CASE} supervisionCount resolution`,
    );
    expect(sentBack).toMatchObject({
      state: 'IN_PROGRESS',
      resolvedAt: null,
      resolution: null,
      supervisionCount: 2,
    });
    await must(s, worker, 'resolve', { id: c.id, version: 7, resolution: '更换灯具' });
    await must(s, worker, 'feedback', { id: c.id, version: 8, channel: 'PHONE' });
    const reopened = await must(
      s,
      worker,
      'reopen',
      { id: c.id, version: 9, reason: '居民反映仍有一盏不亮' },
      `${CASE} reopenCount feedbackChannel`,
    );
    expect(reopened).toMatchObject({
      state: 'REOPENED',
      reopenCount: 1,
      resolvedAt: null,
      feedbackChannel: null,
      stepNo: 3,
    });
    expect(reopened.availableActions).toEqual(['ASSIGN', 'START', 'ESCALATE']);
    await must(s, worker, 'start', { id: c.id, version: 10 });
    await must(s, worker, 'resolve', { id: c.id, version: 11, resolution: '全部更换' });
    await must(s, worker, 'feedback', { id: c.id, version: 12, channel: 'VISIT' });
    const low = await must(s, worker, 'rate', { id: c.id, version: 13, rating: 2, comment: '太慢' });
    expect(low).toMatchObject({ state: 'CLOSED', rating: 2 });
    const again = await must(
      s,
      worker,
      'reopen',
      { id: c.id, version: 14, reason: '居民不满意' },
      `${CASE} reopenCount`,
    );
    expect(again).toMatchObject({ state: 'REOPENED', rating: null, closedAt: null, reopenCount: 2 });
    await must(s, worker, 'start', { id: c.id, version: 15 });
    await must(s, worker, 'resolve', { id: c.id, version: 16, resolution: '再次检修' });
    await must(s, worker, 'feedback', { id: c.id, version: 17, channel: 'PHONE' });
    const closed = await must(s, worker, 'close', { id: c.id, version: 18, note: '居民电话无人接听' });
    expect(closed).toMatchObject({ state: 'CLOSED', rating: null, availableActions: ['RATE', 'REOPEN'] });
    const rated = await must(s, worker, 'rate', { id: c.id, version: 19, rating: 5 });
    expect(rated).toMatchObject({ state: 'CLOSED', rating: 5, availableActions: ['REOPEN'] });
    const twice = await act(s, worker, 'rate', { id: c.id, version: 20, rating: 4 });
    expectCode(twice, 'INVALID_TRANSITION');
    expect(twice.errors![0]!.extensions).toMatchObject({ state: 'CLOSED', allowedActions: ['REOPEN'] });
    expect(twice.errors![0]!.message).toMatch(/already rated/);
    const timeline = (await getCase(s, worker, c.id, 'timeline { version }')).timeline.map(
      (e: any) => e.version,
    );
    expect(timeline).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('rejection from an escalation, with its reason', async () => {
    const worker = await s.login('grid_worker');
    const community = await s.login('community_admin');
    const c = await accepted('咨询户籍', 'OTHER');
    await must(s, worker, 'escalate', { id: c.id, version: 2 });
    const rejected = await must(
      s,
      community,
      'reject',
      { id: c.id, version: 3, reason: '不属社区事项，已告知拨打12345' },
      `${CASE} rejectReason`,
    );
    expect(rejected).toMatchObject({
      state: 'REJECTED',
      rejectReason: '不属社区事项，已告知拨打12345',
      availableActions: [],
    });
  });
});

describe('concurrent actions on one case', () => {
  it('exactly one of two simultaneous actions wins; the other is CONFLICT; the timeline has no gap', async () => {
    const worker = await s.login('grid_worker');
    const community = await s.login('community_admin');
    for (let round = 0; round < 4; round++) {
      const c = await mustReport(s, worker, {
        categoryId: cat.OTHER,
        source: 'PATROL',
        title: `并发${round}`,
      });
      await must(s, worker, 'accept', { id: c.id, version: 1 });
      const before = await writeCounts(s);
      const [a, b] = await Promise.all([
        act(s, community, 'assign', {
          id: c.id,
          version: 2,
          responsible: { kind: 'DEPARTMENT', department: 'CIVIL_AFFAIRS' },
          dueAt: hoursFrom(new Date(), 24),
        }),
        round % 2
          ? act(s, worker, 'reject', { id: c.id, version: 2, reason: '重复上报' })
          : act(s, worker, 'escalate', { id: c.id, version: 2 }),
      ]);
      const codes = [errorCode(a) ?? 'OK', errorCode(b) ?? 'OK'].sort();
      expect(codes).toEqual(['CONFLICT', 'OK']);
      const winner = errorCode(a) ? b : a;
      const state = Object.values(winner.data!)[0].state;
      const view = await getCase(s, community, c.id, 'state version timeline { version toState }');
      expect(view.state).toBe(state);
      expect(view.version).toBe(3);
      expect(view.timeline.map((e: any) => e.version)).toEqual([1, 2, 3]);
      expect(view.timeline[2].toState).toBe(state);
      const after = await writeCounts(s);
      expect(after.steps - before.steps).toBe(1);
      expect(after.events - before.events).toBe(1);
      const [{ n }] = await s
        .em()
        .getConnection()
        .execute('select count(*)::int as n from case_event where case_id = ?', [uuidOf(c.id)]);
      expect(n).toBe(3);
    }
  });
});
