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
  report,
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

/** A point in the middle of a demo grid's square boundary. */
function centre(code: string): { lng: number; lat: number } {
  const ring = grid[code].boundary.coordinates[0] as [number, number][];
  const xs = ring.map((p) => p[0]);
  const ys = ring.map((p) => p[1]);
  return { lng: (Math.min(...xs) + Math.max(...xs)) / 2, lat: (Math.min(...ys) + Math.max(...ys)) / 2 };
}

describe('categories', () => {
  it('lists the design categories with names in both languages, default scale and SLA', async () => {
    const token = await s.login('grid_worker');
    const list = ok(
      await s.gql(
        '{ caseCategories { code name nameZh nameEn defaultScale slaHours sameDay active street { id } } }',
        {},
        { token, locale: 'zh' },
      ),
    ).caseCategories;
    expect(list.map((c: any) => c.code)).toEqual([
      'ENVIRONMENT',
      'SAFETY_HAZARD',
      'PROPERTY_SERVICE',
      'NEIGHBOUR_DISPUTE',
      'FACILITY',
      'NOISE',
      'ILLEGAL_CONSTRUCTION',
      'LIVELIHOOD',
      'OTHER',
    ]);
    expect(list[0]).toMatchObject({
      name: '环境卫生',
      nameEn: 'Environment and sanitation',
      defaultScale: 'SMALL',
      sameDay: true,
      street: null,
    });
    expect(list.find((c: any) => c.code === 'ILLEGAL_CONSTRUCTION')).toMatchObject({
      defaultScale: 'MAJOR',
      slaHours: 240,
    });
    const en = ok(
      await s.gql('{ caseCategories { code name } }', {}, { token, locale: 'en' }),
    ).caseCategories;
    expect(en[1].name).toBe('Safety hazard');
  });

  it('a street admin adds a category for the street; others may not; codes are unique', async () => {
    const street = await s.login('street_admin');
    const CREATE = `mutation($input: CreateCaseCategoryInput!) { createCaseCategory(input: $input) { id code nameZh slaHours sameDay street { name } } }`;
    const input = {
      code: 'pet',
      nameZh: '宠物管理',
      nameEn: 'Pets',
      defaultScale: 'SMALL',
      slaHours: 48,
      sameDay: false,
    };
    const created = ok(await s.gql(CREATE, { input }, { token: street })).createCaseCategory;
    expect(created).toMatchObject({
      code: 'PET',
      nameZh: '宠物管理',
      slaHours: 48,
      sameDay: false,
      street: { name: '东湖街道' },
    });
    expectCode(await s.gql(CREATE, { input }, { token: street }), 'CONFLICT');
    expectCode(
      await s.gql(CREATE, { input: { ...input, code: 'PET2' } }, { token: await s.login('community_admin') }),
      'FORBIDDEN',
    );
    expectCode(
      await s.gql(CREATE, { input: { ...input, code: 'PET3' } }, { token: await s.login('grid_worker') }),
      'FORBIDDEN',
    );
    expectCode(
      await s.gql(CREATE, { input: { ...input, code: 'PET4', slaHours: 0 } }, { token: street }),
      'BAD_USER_INPUT',
      'input.slaHours',
    );
    const off = ok(
      await s.gql(
        'mutation($id: ID!) { updateCaseCategory(id: $id, input: { active: false }) { active } }',
        { id: created.id },
        { token: street },
      ),
    ).updateCaseCategory;
    expect(off.active).toBe(false);
    const worker = await s.login('grid_worker');
    expect(
      ok(await s.gql('{ caseCategories { code } }', {}, { token: worker })).caseCategories.map(
        (c: any) => c.code,
      ),
    ).not.toContain('PET');
    const res = await report(s, worker, { categoryId: created.id, source: 'PATROL', title: '流浪狗' });
    expectCode(res, 'BAD_USER_INPUT', 'input.categoryId');
  });
});

describe('the closed loop, start to end', () => {
  it('a grid worker reports, accepts, assigns, handles and closes a case; each step is on the timeline and in the event feed', async () => {
    const worker = await s.login('grid_worker');
    const assignee = await gridWorkerStaff(s, 'SQ0101-01');
    const c1 = await mustReport(s, worker, {
      categoryId: cat.ENVIRONMENT,
      source: 'PATROL',
      title: '3号楼门前垃圾堆积',
      description: '巡查发现垃圾桶满溢',
      address: '东湖路103号',
    });
    expect(c1).toMatchObject({
      version: 1,
      state: 'REPORTED',
      level: 'GRID',
      scale: 'SMALL',
      source: 'PATROL',
      grid: { code: 'SQ0101-01' },
      category: { code: 'ENVIRONMENT' },
      stepNo: 1,
      overdue: false,
    });
    expect(c1.availableActions).toEqual(['ACCEPT', 'REJECT', 'ESCALATE']);
    expect(c1.dueAt).toBe(c1.overallDueAt);

    const accepted = await must(s, worker, 'accept', { id: c1.id, version: 1, note: '受理' });
    expect(accepted).toMatchObject({ state: 'ACCEPTED', version: 2 });
    const due = hoursFrom(new Date(), 6);
    const assigned = await must(
      s,
      worker,
      'assign',
      {
        id: c1.id,
        version: 2,
        responsible: { kind: 'GRID', assigneeId: assignee },
        dueAt: due,
      },
      `${CASE} assignee { id name }`,
    );
    expect(assigned).toMatchObject({
      state: 'ASSIGNED',
      version: 3,
      responsibleKind: 'GRID',
      stepNo: 2,
      assignee: { id: assignee },
    });
    expect(new Date(assigned.dueAt).toISOString()).toBe(due);
    expect(await must(s, worker, 'start', { id: c1.id, version: 3 })).toMatchObject({
      state: 'IN_PROGRESS',
      version: 4,
    });
    const resolved = await must(s, worker, 'resolve', {
      id: c1.id,
      version: 4,
      resolution: '已协调保洁清运',
    });
    expect(resolved).toMatchObject({ state: 'RESOLVED', version: 5 });
    expect(resolved.resolvedAt).toBeTruthy();
    expect(
      await must(s, worker, 'feedback', { id: c1.id, version: 5, channel: 'PHONE', note: '已电话告知' }),
    ).toMatchObject({ state: 'FEEDBACK_GIVEN', version: 6 });
    const closed = await must(s, worker, 'rate', { id: c1.id, version: 6, rating: 5, comment: '很满意' });
    expect(closed).toMatchObject({ state: 'CLOSED', version: 7, rating: 5, overdue: false });
    expect(closed.availableActions).toEqual(['REOPEN']);

    const view = await getCase(
      s,
      worker,
      c1.id,
      `timeline { version action fromState toState level actorName note data } feedbackChannel resolution daysOpen currentStep`,
    );
    expect(view.timeline.map((e: any) => [e.version, e.action, e.fromState, e.toState])).toEqual([
      [1, 'REPORT', null, 'REPORTED'],
      [2, 'ACCEPT', 'REPORTED', 'ACCEPTED'],
      [3, 'ASSIGN', 'ACCEPTED', 'ASSIGNED'],
      [4, 'START', 'ASSIGNED', 'IN_PROGRESS'],
      [5, 'RESOLVE', 'IN_PROGRESS', 'RESOLVED'],
      [6, 'GIVE_FEEDBACK', 'RESOLVED', 'FEEDBACK_GIVEN'],
      [7, 'RATE', 'FEEDBACK_GIVEN', 'CLOSED'],
    ]);
    const [me] = await s
      .em()
      .getConnection()
      .execute(`select display_name from app_user where username = 'grid_worker'`);
    expect(view.timeline.map((e: any) => e.actorName)).toEqual(Array(7).fill(me.display_name));
    expect(view.timeline[2].data).toMatchObject({ responsibleKind: 'GRID', assigneeId: assignee, stepNo: 2 });
    expect(view.timeline[6].data.rating).toBe(5);
    expect(view).toMatchObject({
      feedbackChannel: 'PHONE',
      resolution: '已协调保洁清运',
      daysOpen: 0,
      currentStep: 'Closed (grid)',
    });

    const admin = await s.login('community_admin');
    const feed = ok(
      await s.gql(
        '{ events(types: ["case.reported","case.accepted","case.assigned","case.started","case.resolved","case.feedback_given","case.rated"], first: 100) { nodes { type subjectId payload } } }',
        {},
        { token: admin },
      ),
    ).events.nodes.filter((e: any) => e.subjectId === c1.id);
    expect(feed.map((e: any) => e.type)).toEqual([
      'case.reported',
      'case.accepted',
      'case.assigned',
      'case.started',
      'case.resolved',
      'case.feedback_given',
      'case.rated',
    ]);
    expect(feed.map((e: any) => e.payload.version)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    // The feed carries ids and values, never the free text staff typed.
    expect(JSON.stringify(feed)).not.toMatch(/垃圾|保洁|满意|电话/);
  });

  it('a report names a resident only by id; the reporter is shown masked through the people feature', async () => {
    const worker = await s.login('grid_worker');
    const [row] = await s
      .em()
      .getConnection()
      .execute(
        `select r.id, r.household_id from resident r join grid g on g.id = r.grid_id where g.code = 'SQ0101-01' and r.phone is not null and r.household_id is not null order by r.id limit 1`,
      );
    const c = await mustReport(s, worker, {
      categoryId: cat.NOISE,
      source: 'RESIDENT',
      title: '楼上夜间噪音',
      reporterResidentId: gid('Resident', row.id),
      householdId: gid('Household', row.household_id),
    });
    const view = await getCase(s, worker, c.id, 'reporter { id name phone idNumber } household { id }');
    expect(view.reporter.id).toBe(gid('Resident', row.id));
    expect(view.reporter.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
    if (view.reporter.idNumber) expect(view.reporter.idNumber).toMatch(/^\d{3}\*+[\dX]{4}$/);
    const stored = await s
      .em()
      .getConnection()
      .execute(`select * from case_record where id = ?`, [uuidOf(c.id)]);
    const [resident] = await s
      .em()
      .getConnection()
      .execute('select phone, id_number from resident where id = ?', [row.id]);
    const text = JSON.stringify(stored);
    expect(text).not.toContain(resident.phone);
    if (resident.id_number) expect(text).not.toContain(resident.id_number);
  });
});

describe('routing by point', () => {
  it('a point inside a grid routes the case to that grid', async () => {
    const admin = await s.login('community_admin');
    const c = await mustReport(s, admin, {
      categoryId: cat.FACILITY,
      source: 'HOTLINE',
      title: '路灯不亮',
      location: centre('SQ0101-05'),
    });
    expect(c).toMatchObject({
      grid: { code: 'SQ0101-05' },
      level: 'GRID',
      state: 'REPORTED',
      ...centre('SQ0101-05'),
    });
    const view = await getCase(s, admin, c.id, 'timeline { data }');
    expect(view.timeline[0].data.routed).toBe('POINT');
  });

  it('outside every grid the case waits for the community’s triage; accepting it names the grid', async () => {
    const admin = await s.login('community_admin');
    const outside = { lng: 114.4, lat: 30.7 };
    const c = await mustReport(s, admin, {
      categoryId: cat.ENVIRONMENT,
      source: 'HOTLINE',
      title: '路口垃圾',
      location: outside,
    });
    expect(c).toMatchObject({
      grid: null,
      level: 'COMMUNITY',
      state: 'REPORTED',
      availableActions: ['ACCEPT', 'REJECT'],
    });
    const triage = ok(
      await s.gql(
        '{ cases(filter: { awaitingTriage: true }, first: 50) { nodes { id grid { id } } } }',
        {},
        { token: admin },
      ),
    ).cases.nodes;
    expect(triage.map((n: any) => n.id)).toContain(c.id);
    expect(triage.every((n: any) => n.grid === null)).toBe(true);
    // The grid worker of grid 1 does not see it, nor may report outside the own grid.
    const worker = await s.login('grid_worker');
    const theirs = ok(
      await s.gql('{ cases(filter: { awaitingTriage: true }) { totalCount } }', {}, { token: worker }),
    ).cases;
    expect(theirs.totalCount).toBe(0);
    expectCode(
      await report(s, worker, {
        categoryId: cat.ENVIRONMENT,
        source: 'PATROL',
        title: 'x',
        location: outside,
      }),
      'FORBIDDEN',
    );
    expectCode(
      await report(s, worker, {
        categoryId: cat.ENVIRONMENT,
        source: 'PATROL',
        title: 'x',
        location: centre('SQ0101-02'),
      }),
      'FORBIDDEN',
      'input.location',
    );
    const before = await writeCounts(s);
    expectCode(await act(s, admin, 'accept', { id: c.id, version: 1 }), 'BAD_USER_INPUT', 'input.gridId');
    expect(await writeCounts(s)).toEqual(before);
    const accepted = await must(s, admin, 'accept', { id: c.id, version: 1, gridId: grid['SQ0101-03'].id });
    expect(accepted).toMatchObject({ state: 'ACCEPTED', grid: { code: 'SQ0101-03' }, level: 'COMMUNITY' });
  });

  it('a street admin must name the community for a point outside every grid', async () => {
    const street = await s.login('street_admin');
    const res = await report(s, street, {
      categoryId: cat.OTHER,
      source: 'HOTLINE',
      title: 'x',
      location: { lng: 100, lat: 20 },
    });
    expectCode(res, 'BAD_USER_INPUT', 'input.communityId');
  });
});

describe('bad input is refused with the field named, and nothing is written', () => {
  it('on report', async () => {
    const worker = await s.login('grid_worker');
    const base = { categoryId: cat.ENVIRONMENT, source: 'PATROL', title: '标题' };
    const before = await writeCounts(s);
    const cases: [Record<string, unknown>, string, string][] = [
      [
        { categoryId: gid('CaseCategory', '00000000-0000-7000-8000-000000000000') },
        'BAD_USER_INPUT',
        'input.categoryId',
      ],
      [{ categoryId: grid['SQ0101-01'].id }, 'BAD_USER_INPUT', 'input.categoryId'],
      [{ title: '' }, 'BAD_USER_INPUT', 'input.title'],
      [{ title: 'x'.repeat(101) }, 'BAD_USER_INPUT', 'input.title'],
      [{ location: { lng: 114.3, lat: 95 } }, 'BAD_USER_INPUT', 'input.location.lat'],
      [{ location: { lng: -181, lat: 30 } }, 'BAD_USER_INPUT', 'input.location.lng'],
      [{ gridId: 'nope' }, 'BAD_USER_INPUT', 'input.gridId'],
      [{ gridId: grid['SQ0101-02'].id }, 'FORBIDDEN', 'input.gridId'],
      [
        { buildingId: gid('Building', '00000000-0000-7000-8000-000000000000') },
        'BAD_USER_INPUT',
        'input.buildingId',
      ],
      [{ externalId: 'T-1' }, 'BAD_USER_INPUT', 'input.externalId'],
    ];
    for (const [patch, code, field] of cases) {
      const res = await report(s, worker, { ...base, ...patch });
      expect([errorCode(res), res.errors?.[0]?.extensions?.field]).toEqual([code, field]);
    }
    expectCode(await report(s, worker, { ...base, source: 'FAX' }), 'BAD_USER_INPUT');
    expect(await writeCounts(s)).toEqual(before);
  });

  it('on actions: assignee outside the jurisdiction, past due time, rating outside 1–5, feedback before resolution, action on a closed case', async () => {
    const worker = await s.login('grid_worker');
    const c = await mustReport(s, worker, { categoryId: cat.FACILITY, source: 'VISIT', title: '单元门损坏' });
    await must(s, worker, 'accept', { id: c.id, version: 1 });
    const before = await writeCounts(s);
    const otherGridStaff = await gridWorkerStaff(s, 'SQ0101-02');
    const future = hoursFrom(new Date(), 24);
    const refusals: [string, Record<string, unknown>, string, string?][] = [
      [
        'assign',
        { id: c.id, version: 2, responsible: { kind: 'GRID', assigneeId: otherGridStaff }, dueAt: future },
        'FORBIDDEN',
        'input.responsible.assigneeId',
      ],
      [
        'assign',
        { id: c.id, version: 2, responsible: { kind: 'GRID' }, dueAt: future },
        'BAD_USER_INPUT',
        'input.responsible.assigneeId',
      ],
      [
        'assign',
        { id: c.id, version: 2, responsible: { kind: 'DEPARTMENT' }, dueAt: future },
        'BAD_USER_INPUT',
        'input.responsible.department',
      ],
      [
        'assign',
        { id: c.id, version: 2, responsible: { kind: 'JOINT_MEETING' }, dueAt: future },
        'BAD_USER_INPUT',
        'input.responsible.kind',
      ],
      [
        'assign',
        {
          id: c.id,
          version: 2,
          responsible: { kind: 'DEPARTMENT', department: 'HOUSING' },
          dueAt: hoursFrom(new Date(), -1),
        },
        'BAD_USER_INPUT',
        'input.dueAt',
      ],
      [
        'assign',
        {
          id: c.id,
          version: 2,
          responsible: { kind: 'DEPARTMENT', department: 'HOUSING' },
          dueAt: hoursFrom(new Date(), 24 * 400),
        },
        'BAD_USER_INPUT',
        'input.dueAt',
      ],
      ['feedback', { id: c.id, version: 2, channel: 'PHONE' }, 'INVALID_TRANSITION'],
      ['rate', { id: c.id, version: 2, rating: 6 }, 'BAD_USER_INPUT', 'input.rating'],
      ['rate', { id: c.id, version: 2, rating: 0 }, 'BAD_USER_INPUT', 'input.rating'],
      ['reject', { id: c.id, version: 2, reason: '   ' }, 'BAD_USER_INPUT', 'input.reason'],
      ['start', { id: 'bogus', version: 2 }, 'BAD_USER_INPUT', 'input.id'],
      ['start', { id: grid['SQ0101-01'].id, version: 2 }, 'BAD_USER_INPUT', 'input.id'],
      ['start', { id: gid('Case', '00000000-0000-7000-8000-000000000000'), version: 2 }, 'NOT_FOUND'],
      ['start', { id: c.id, version: 0 }, 'BAD_USER_INPUT', 'input.version'],
    ];
    for (const [step, input, code, field] of refusals) {
      const res = await act(s, worker, step as any, input);
      expect([step, errorCode(res), res.errors?.[0]?.extensions?.field]).toEqual([step, code, field]);
    }
    const fb = await act(s, worker, 'feedback', { id: c.id, version: 2, channel: 'PHONE' });
    expect(fb.errors![0]!.extensions).toMatchObject({
      state: 'ACCEPTED',
      action: 'GIVE_FEEDBACK',
      allowedActions: ['ASSIGN', 'ESCALATE', 'SEND_TO_JOINT_MEETING', 'REJECT'],
    });
    expect(await writeCounts(s)).toEqual(before);

    // A closed case refuses every action but a reopen.
    const rejected = await must(s, worker, 'reject', { id: c.id, version: 2, reason: '重复上报' });
    expect(rejected).toMatchObject({ state: 'REJECTED', availableActions: [] });
    const after = await writeCounts(s);
    const res = await act(s, worker, 'assign', {
      id: c.id,
      version: 3,
      responsible: { kind: 'DEPARTMENT', department: 'HOUSING' },
      dueAt: future,
    });
    expectCode(res, 'INVALID_TRANSITION');
    expect(res.errors![0]!.extensions).toMatchObject({ state: 'REJECTED', allowedActions: [] });
    expect(res.errors![0]!.message).toMatch(/rejected/);
    const zh = await s.gql(
      'mutation($input: CaseActionInput!) { startCase(input: $input) { id } }',
      { input: { id: c.id, version: 3 } },
      { token: worker, locale: 'zh' },
    );
    expect(zh.errors![0]!.message).toBe('案件当前状态为「不予受理」，不能开始办理');
    expect(await writeCounts(s)).toEqual(after);
  });

  it('a stale version is CONFLICT with the current version, and nothing is written', async () => {
    const worker = await s.login('grid_worker');
    const c = await mustReport(s, worker, { categoryId: cat.OTHER, source: 'PATROL', title: '版本测试' });
    await must(s, worker, 'accept', { id: c.id, version: 1 });
    const before = await writeCounts(s);
    const res = await act(s, worker, 'reject', { id: c.id, version: 1, reason: '重复' });
    expectCode(res, 'CONFLICT');
    expect(res.errors![0]!.extensions!.currentVersion).toBe(2);
    expect(await writeCounts(s)).toEqual(before);
  });

  it('an external id is reported once', async () => {
    const admin = await s.login('community_admin');
    const input = {
      categoryId: cat.OTHER,
      source: 'INTEGRATION',
      title: '12345工单',
      gridId: grid['SQ0101-04'].id,
      externalSystem: '12345',
      externalId: 'WH-2026-0001',
    };
    await mustReport(s, admin, input);
    const before = await writeCounts(s);
    expectCode(await report(s, admin, input), 'CONFLICT');
    expect(await writeCounts(s)).toEqual(before);
  });
});

describe('district systems', () => {
  it('an API key with cases:write reports cases inside its jurisdiction; staff take it from there', async () => {
    const admin = await s.login('community_admin');
    const community = ok(await s.gql('{ communities { nodes { id } } }', {}, { token: admin })).communities
      .nodes[0].id;
    const CREATE = 'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { key } }';
    const key = ok(
      await s.gql(
        CREATE,
        { input: { name: '12345热线', scopes: ['cases:write'], communityId: community } },
        { token: admin },
      ),
    ).createApiKey.key;
    const readOnly = ok(
      await s.gql(
        CREATE,
        { input: { name: '只读', scopes: ['cases:read'], communityId: community } },
        { token: admin },
      ),
    ).createApiKey.key;
    const input = {
      categoryId: cat.NOISE,
      source: 'INTEGRATION',
      title: '12345转办：夜间施工噪音',
      location: centre('SQ0101-06'),
      externalSystem: '12345',
      externalId: 'WH-2026-7788',
    };
    const c = await mustReport(s, key, input);
    expect(c).toMatchObject({
      source: 'INTEGRATION',
      grid: { code: 'SQ0101-06' },
      state: 'REPORTED',
      availableActions: [],
    });
    expect(
      (await getCase(s, admin, c.id, 'externalSystem externalId timeline { actorName }')).timeline[0]
        .actorName,
    ).toMatch(/^key:/);
    expectCode(await report(s, readOnly, { ...input, externalId: 'WH-2026-7789' }), 'FORBIDDEN');
    expectCode(await act(s, key, 'accept', { id: c.id, version: 1 }), 'FORBIDDEN');
    expect(await must(s, admin, 'accept', { id: c.id, version: 1 })).toMatchObject({ state: 'ACCEPTED' });
  });
});

describe('jurisdiction', () => {
  let otherCase: any;
  beforeAll(async () => {
    const admin = await s.login('community_admin');
    otherCase = ok(
      await s.gql(
        'query($g: ID) { cases(filter: { gridId: $g, states: [IN_PROGRESS] }, first: 1) { nodes { id version reporter { id } } } }',
        { g: grid['SQ0101-02'].id },
        { token: admin },
      ),
    ).cases.nodes[0];
    expect(otherCase).toBeTruthy();
  });

  it('a grid worker sees only their grid’s cases, by list, node, ledger, meetings and metrics', async () => {
    const worker = await s.login('grid_worker');
    const mine = ok(
      await s.gql('{ cases(first: 100) { totalCount nodes { grid { code } } } }', {}, { token: worker }),
    ).cases;
    expect(mine.totalCount).toBeGreaterThan(20);
    expect(new Set(mine.nodes.map((n: any) => n.grid?.code))).toEqual(new Set(['SQ0101-01']));
    const filtered = ok(
      await s.gql(
        'query($g: ID) { cases(filter: { gridId: $g }) { totalCount } }',
        { g: grid['SQ0101-02'].id },
        { token: worker },
      ),
    ).cases;
    expect(filtered.totalCount).toBe(0);
    expectCode(
      await s.gql('query($id: ID!) { node(id: $id) { id } }', { id: otherCase.id }, { token: worker }),
      'NOT_FOUND',
    );
    expectCode(
      await s.gql(
        'query($g: ID) { caseLedger(gridId: $g) { totalCount } }',
        { g: grid['SQ0101-02'].id },
        { token: worker },
      ),
      'NOT_FOUND',
    );
    const meetings = ok(
      await s.gql(
        '{ jointMeetings(first: 20) { nodes { title items { case { id grid { code } } } } } }',
        {},
        { token: worker },
      ),
    ).jointMeetings.nodes;
    expect(meetings.length).toBeGreaterThan(0);
    const items = meetings.flatMap((m: any) => m.items);
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i: any) => i.case.grid.code === 'SQ0101-01')).toBe(true);
    const admin = await s.login('community_admin');
    const all = ok(
      await s.gql('{ jointMeetings(first: 20) { nodes { items { case { id } } } } }', {}, { token: admin }),
    ).jointMeetings.nodes;
    expect(all.flatMap((m: any) => m.items).length).toBeGreaterThan(items.length);
    const community = ok(await s.gql('{ communities { nodes { id } } }', {}, { token: admin })).communities
      .nodes[0].id;
    const from = new Date(Date.now() - 365 * 24 * 3600 * 1000).toISOString();
    const to = new Date().toISOString();
    const q =
      'query($scope: ID!, $from: DateTime!, $to: DateTime!) { caseMetrics(scope: $scope, from: $from, to: $to) { reported } }';
    expectCode(await s.gql(q, { scope: community, from, to }, { token: worker }), 'FORBIDDEN');
    expectCode(await s.gql(q, { scope: grid['SQ0101-02'].id, from, to }, { token: worker }), 'FORBIDDEN');
    expect(
      ok(await s.gql(q, { scope: grid['SQ0101-01'].id, from, to }, { token: worker })).caseMetrics.reported,
    ).toBeGreaterThan(0);
  });

  it('a grid worker cannot act on another grid’s case', async () => {
    const worker = await s.login('grid_worker');
    const before = await writeCounts(s);
    for (const [step, input] of [
      ['resolve', { id: otherCase.id, version: otherCase.version, resolution: '已处理' }],
      ['escalate', { id: otherCase.id, version: otherCase.version }],
      [
        'requestExtension',
        { id: otherCase.id, version: otherCase.version, reason: 'x', dueAt: hoursFrom(new Date(), 200) },
      ],
    ] as const) {
      expectCode(await act(s, worker, step, input), 'FORBIDDEN');
    }
    expect(await writeCounts(s)).toEqual(before);
  });

  it('a case’s reporter from another grid is not shown, however the case is reached', async () => {
    const worker2 = await s.login('grid_worker2');
    const [row] = await s
      .em()
      .getConnection()
      .execute(
        `select r.id from resident r join grid g on g.id = r.grid_id where g.code = 'SQ0101-02' order by r.id limit 1`,
      );
    const worker = await s.login('grid_worker');
    expectCode(
      await report(s, worker, {
        categoryId: cat.NOISE,
        source: 'RESIDENT',
        title: '噪音',
        reporterResidentId: gid('Resident', row.id),
      }),
      'FORBIDDEN',
      'input.reporterResidentId',
    );
    const admin = await s.login('community_admin');
    const c = await mustReport(s, admin, {
      categoryId: cat.NOISE,
      source: 'RESIDENT',
      title: '跨网格反映的噪音',
      gridId: grid['SQ0101-01'].id,
      reporterResidentId: gid('Resident', row.id),
    });
    expect((await getCase(s, admin, c.id, 'reporter { id }')).reporter.id).toBe(gid('Resident', row.id));
    expect((await getCase(s, worker, c.id, 'reporter { id phone }')).reporter).toBeNull();
    const listed = ok(
      await s.gql('{ cases(first: 5) { nodes { id reporter { id } } } }', {}, { token: worker }),
    ).cases.nodes;
    expect(listed.find((n: any) => n.id === c.id)?.reporter ?? null).toBeNull();
    expectCode(
      await s.gql('query($id: ID!) { node(id: $id) { id } }', { id: c.id }, { token: worker2 }),
      'NOT_FOUND',
    );
  });
});

describe('lists and the ledger', () => {
  it('filters by state, category, scale, responsible party, overdue, text and dates, counted like SQL counts them', async () => {
    const admin = await s.login('community_admin');
    const Q =
      'query($f: CaseFilter) { cases(filter: $f, first: 100) { totalCount nodes { state category { code } scale responsibleKind overdue reportedAt title } } }';
    const sql = async (where: string, params: unknown[] = []) =>
      (
        await s
          .em()
          .getConnection()
          .execute(
            `select count(*)::int as n from case_record c join case_category k on k.id = c.category_id where ${where}`,
            params,
          )
      )[0].n;
    const closed = ok(await s.gql(Q, { f: { states: ['CLOSED'] } }, { token: admin })).cases;
    expect(closed.totalCount).toBe(await sql(`c.state = 'CLOSED'`));
    expect(closed.nodes.every((n: any) => n.state === 'CLOSED')).toBe(true);
    const byCat = ok(
      await s.gql(Q, { f: { categoryId: cat.PROPERTY_SERVICE, scale: 'SMALL' } }, { token: admin }),
    ).cases;
    expect(byCat.totalCount).toBe(await sql(`k.code = 'PROPERTY_SERVICE' and c.scale = 'SMALL'`));
    const dept = ok(await s.gql(Q, { f: { responsibleKind: 'DEPARTMENT' } }, { token: admin })).cases;
    expect(dept.totalCount).toBe(await sql(`c.responsible_kind = 'DEPARTMENT'`));
    const overdue = ok(await s.gql(Q, { f: { overdue: true } }, { token: admin })).cases;
    expect(overdue.totalCount).toBeGreaterThan(0);
    expect(overdue.nodes.every((n: any) => n.overdue)).toBe(true);
    const notOverdue = ok(
      await s.gql('{ cases(filter: { overdue: false }) { totalCount } }', {}, { token: admin }),
    ).cases;
    const total = ok(await s.gql('{ cases { totalCount } }', {}, { token: admin })).cases;
    expect(overdue.totalCount + notOverdue.totalCount).toBe(total.totalCount);
    const soon = ok(await s.gql(Q, { f: { dueSoon: true } }, { token: admin })).cases;
    const notSoon = ok(
      await s.gql('{ cases(filter: { dueSoon: false }) { totalCount } }', {}, { token: admin }),
    ).cases;
    expect(soon.totalCount).toBeGreaterThan(0);
    expect(
      soon.nodes.every(
        (n: any) => !n.overdue && ['CLOSED', 'REJECTED', 'RESOLVED', 'FEEDBACK_GIVEN'].indexOf(n.state) < 0,
      ),
    ).toBe(true);
    expect(soon.totalCount + notSoon.totalCount).toBe(total.totalCount);
    const text = ok(await s.gql(Q, { f: { text: '违规加盖' } }, { token: admin })).cases;
    expect(text.totalCount).toBe(await sql(`c.title like '%违规加盖%' or c.description like '%违规加盖%'`));
    const from = new Date(Date.now() - 30 * 24 * 3600 * 1000);
    const recent = ok(await s.gql(Q, { f: { from: from.toISOString() } }, { token: admin })).cases;
    expect(recent.totalCount).toBe(await sql(`c.reported_at >= ?`, [from]));
    const dates = recent.nodes.map((n: any) => n.reportedAt);
    expect(dates.every((d: string) => new Date(d) >= from)).toBe(true);
    expectCode(
      await s.gql(Q, { f: { from: from.toISOString(), to: from.toISOString() } }, { token: admin }),
      'BAD_USER_INPUT',
      'filter.to',
    );
    expectCode(
      await s.gql(Q, { f: { categoryId: 'x' } }, { token: admin }),
      'BAD_USER_INPUT',
      'filter.categoryId',
    );
  });

  it('pages newest first without gaps or repeats', async () => {
    const admin = await s.login('community_admin');
    const seen: string[] = [];
    let after: string | null = null;
    let total = 0;
    do {
      const page: any = ok(
        await s.gql(
          'query($after: String) { cases(first: 100, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id reportedAt } } }',
          { after },
          { token: admin },
        ),
      ).cases;
      total = page.totalCount;
      seen.push(...page.nodes.map((n: any) => n.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(seen.length).toBe(total);
    expect(new Set(seen).size).toBe(total);
  });

  it('the ledger lists a grid’s open cases, oldest first, with the current step and days open', async () => {
    const worker = await s.login('grid_worker');
    const ledger = ok(
      await s.gql(
        'query($g: ID) { caseLedger(gridId: $g, first: 100) { totalCount nodes { id state reportedAt daysOpen currentStep grid { code } } } }',
        { g: grid['SQ0101-01'].id },
        { token: worker, locale: 'zh' },
      ),
    ).caseLedger;
    const open = [
      'REPORTED',
      'ACCEPTED',
      'ASSIGNED',
      'IN_PROGRESS',
      'EXTENSION_REQUESTED',
      'RETURN_REQUESTED',
      'ESCALATED',
      'JOINT_MEETING',
      'REOPENED',
    ];
    const [{ n }] = await s
      .em()
      .getConnection()
      .execute(
        `select count(*)::int as n from case_record c join grid g on g.id = c.grid_id where g.code = 'SQ0101-01' and c.state = any(?::case_state[])`,
        [`{${open.join(',')}}`],
      );
    expect(ledger.totalCount).toBe(n);
    expect(ledger.nodes.every((c: any) => open.includes(c.state) && c.grid.code === 'SQ0101-01')).toBe(true);
    const times = ledger.nodes.map((c: any) => new Date(c.reportedAt).getTime());
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    for (const c of ledger.nodes) {
      expect(c.daysOpen).toBe(Math.floor((Date.now() - new Date(c.reportedAt).getTime()) / 86400000));
      expect(c.currentStep).toMatch(/^.+（.+）$/);
    }
    expect(ledger.nodes.map((c: any) => c.currentStep)).toContain('申请延时（物业公司）');
  });

  it('the ledger of a grid chief covers the grids they lead', async () => {
    const admin = await s.login('community_admin');
    const [chief] = await s
      .em()
      .getConnection()
      .execute(
        `select a.staff_member_id as id, g.code from staff_assignment a join grid g on g.id = a.grid_id where a.role = 'GRID_CHIEF' and a.end_date is null and g.code = 'SQ0101-02' limit 1`,
      );
    const res = ok(
      await s.gql(
        'query($c: ID) { caseLedger(gridChiefId: $c, first: 100) { totalCount nodes { grid { code } } } }',
        { c: gid('StaffMember', chief.id) },
        { token: admin },
      ),
    ).caseLedger;
    expect(res.totalCount).toBeGreaterThan(0);
    expect(new Set(res.nodes.map((n: any) => n.grid.code))).toEqual(new Set(['SQ0101-02']));
    expectCode(
      await s.gql('{ caseLedger { totalCount } }', {}, { token: admin }),
      'BAD_USER_INPUT',
      'gridId',
    );
  });

  it('the demo data has a case in every state', async () => {
    const admin = await s.login('street_admin');
    const states = ok(await s.gql('{ caseTransitions { from to } }', {}, { token: admin })).caseTransitions;
    const all = new Set<string>(states.flatMap((t: any) => [t.from, t.to]));
    for (const state of all) {
      const res = ok(
        await s.gql(
          'query($s: [CaseState!]) { cases(filter: { states: $s }) { totalCount } }',
          { s: [state] },
          { token: admin },
        ),
      );
      expect([state, res.cases.totalCount > 0]).toEqual([state, true]);
    }
  });
});
