import { casesFeature, sweepCases } from '../src/cases';
import { categories, expectCode, getCase, must, mustReport, uuidOf } from './helpers/cases';
import { createTestServer, ok, TestClock, type TestServer } from './helpers/test-server';

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;
const LOCAL = 8 * HOUR;

/** Tomorrow 10:00 China time, so "end of day" is well defined whatever time the suite runs. */
const nextLocalMidnight = new Date(Math.floor((Date.now() + LOCAL) / DAY) * DAY + DAY - LOCAL);
const T0 = new Date(nextLocalMidnight.getTime() + 10 * HOUR);
const at = (h: number) => new Date(T0.getTime() + h * HOUR).toISOString();

let s: TestServer;
let clock: TestClock;
let cat: Record<string, string>;
beforeAll(async () => {
  clock = new TestClock(T0);
  s = await createTestServer({ clock });
  cat = await categories(s, await s.login('community_admin'));
});
afterAll(() => s.close());

const sweep = () => sweepCases(s.em(), { clock });

async function overdueRows(caseId: string): Promise<any[]> {
  return s
    .em()
    .getConnection()
    .execute(
      'select clock, step_no, due_at from case_overdue where case_id = ? order by detected_at, clock',
      [uuidOf(caseId)],
    );
}

async function overdueEvents(caseId: string): Promise<any[]> {
  return s
    .em()
    .getConnection()
    .execute(`select payload from event where type = 'case.overdue' and subject_id = ? order by seq`, [
      caseId,
    ]);
}

const FIELDS =
  'id version state stepNo dueAt overallDueAt overdue dueSoon soon: dueSoon(withinHours: 48) overdueRecords { clock stepNo dueAt }';

describe('deadlines at the report', () => {
  it('a small case of a same-day category is due at the end of the day (今日事今日毕); others after the category’s SLA hours', async () => {
    clock.set(T0);
    const worker = await s.login('grid_worker');
    const endOfDay = new Date(nextLocalMidnight.getTime() + DAY - 1000).toISOString();
    const small = await mustReport(s, worker, {
      categoryId: cat.ENVIRONMENT,
      source: 'PATROL',
      title: '垃圾',
    });
    expect(small).toMatchObject({
      scale: 'SMALL',
      dueAt: endOfDay,
      overallDueAt: endOfDay,
      overdue: false,
      dueSoon: true,
    });
    const property = await mustReport(s, worker, {
      categoryId: cat.PROPERTY_SERVICE,
      source: 'PATROL',
      title: '电梯',
    });
    expect(property).toMatchObject({ scale: 'SMALL', overallDueAt: at(72), dueSoon: false });
    const major = await mustReport(s, worker, {
      categoryId: cat.ENVIRONMENT,
      source: 'PATROL',
      title: '大面积污染',
      scale: 'MAJOR',
    });
    expect(major).toMatchObject({ scale: 'MAJOR', overallDueAt: at(24) });
    const illegal = await mustReport(s, worker, {
      categoryId: cat.ILLEGAL_CONSTRUCTION,
      source: 'PATROL',
      title: '违建',
    });
    expect(illegal).toMatchObject({ scale: 'MAJOR', overallDueAt: at(240) });
    clock.set(new Date(nextLocalMidnight.getTime() + DAY + 1000));
    expect(await getCase(s, worker, small.id, 'overdue dueSoon')).toEqual({ overdue: true, dueSoon: false });
    expectCode(
      await s.gql(
        'query($id: ID!) { node(id: $id) { ... on Case { dueSoon(withinHours: 0) } } }',
        { id: small.id },
        { token: worker },
      ),
      'BAD_USER_INPUT',
      'withinHours',
    );
  });
});

describe('two clocks across escalation and extension', () => {
  it('the step deadline resets on escalation, assignment and an approved extension; the overall deadline never moves; the sweeper records each once', async () => {
    clock.set(T0);
    const worker = await s.login('grid_worker');
    const community = await s.login('community_admin');
    const c = await mustReport(s, worker, {
      categoryId: cat.PROPERTY_SERVICE,
      source: 'VISIT',
      title: '二次供水水压不足',
    });
    const overall = at(72);
    expect(c).toMatchObject({ stepNo: 1, dueAt: overall, overallDueAt: overall });
    await must(s, worker, 'accept', { id: c.id, version: 1 });
    const assigned = await must(
      s,
      worker,
      'assign',
      {
        id: c.id,
        version: 2,
        responsible: { kind: 'PROPERTY_COMPANY', name: '物业服务中心' },
        dueAt: at(4),
      },
      FIELDS,
    );
    expect(assigned).toMatchObject({
      stepNo: 2,
      dueAt: at(4),
      overallDueAt: overall,
      overdue: false,
      dueSoon: true,
    });

    clock.set(new Date(at(5)));
    expect(await getCase(s, worker, c.id, FIELDS)).toMatchObject({
      overdue: true,
      dueSoon: false,
      overdueRecords: [],
    });
    const listed = ok(
      await s.gql('{ cases(filter: { overdue: true }, first: 100) { nodes { id } } }', {}, { token: worker }),
    ).cases.nodes;
    expect(listed.map((n: any) => n.id)).toContain(c.id);
    const first = await sweep();
    expect(first.overdue).toBeGreaterThan(0);
    expect((await overdueRows(c.id)).map((r) => [r.clock, r.step_no])).toEqual([['STEP', 2]]);
    expect((await sweep()).overdue).toBe(0);
    expect(await overdueEvents(c.id)).toHaveLength(1);
    expect((await overdueEvents(c.id))[0].payload).toMatchObject({
      clock: 'STEP',
      stepNo: 2,
      dueAt: at(4),
      state: 'ASSIGNED',
    });

    const escalated = await must(s, worker, 'escalate', { id: c.id, version: 3 }, FIELDS);
    expect(escalated).toMatchObject({
      state: 'ESCALATED',
      stepNo: 3,
      dueAt: at(5 + 72),
      overallDueAt: overall,
      overdue: false,
    });
    await must(s, community, 'accept', { id: c.id, version: 4 });
    await must(s, community, 'assign', {
      id: c.id,
      version: 5,
      responsible: { kind: 'DEPARTMENT', department: 'HOUSING' },
      dueAt: at(30),
    });
    await must(s, community, 'start', { id: c.id, version: 6 });
    clock.set(new Date(at(29)));
    expect(await getCase(s, worker, c.id, FIELDS)).toMatchObject({
      stepNo: 4,
      dueAt: at(30),
      overdue: false,
      dueSoon: true,
    });
    await must(s, community, 'requestExtension', {
      id: c.id,
      version: 7,
      reason: '需更换水泵',
      dueAt: at(100),
    });
    const extended = await must(s, community, 'approveExtension', { id: c.id, version: 8 }, FIELDS);
    expect(extended).toMatchObject({
      state: 'IN_PROGRESS',
      stepNo: 5,
      dueAt: at(100),
      overallDueAt: overall,
      overdue: false,
    });

    // Past the overall deadline though within the step: overdue all the same, recorded once.
    clock.set(new Date(at(73)));
    expect(await getCase(s, worker, c.id, 'overdue')).toEqual({ overdue: true });
    await sweep();
    await sweep();
    expect((await overdueRows(c.id)).map((r) => [r.clock, r.step_no])).toEqual([
      ['STEP', 2],
      ['OVERALL', 0],
    ]);
    clock.set(new Date(at(101)));
    await sweep();
    expect((await overdueRows(c.id)).map((r) => [r.clock, r.step_no])).toEqual([
      ['STEP', 2],
      ['OVERALL', 0],
      ['STEP', 5],
    ]);
    const resolved = await must(
      s,
      community,
      'resolve',
      { id: c.id, version: 9, resolution: '水泵已更换' },
      FIELDS,
    );
    expect(resolved).toMatchObject({ overdue: false, dueSoon: false });
    clock.set(new Date(at(200)));
    await sweep();
    expect(await overdueRows(c.id)).toHaveLength(3);
    expect((await overdueEvents(c.id)).map((e) => e.payload.clock)).toEqual(['STEP', 'OVERALL', 'STEP']);
    const view = await getCase(s, worker, c.id, 'timeline { action data } overdueRecords { clock stepNo }');
    expect(
      view.timeline
        .filter((e: any) => e.data.stepNo !== undefined)
        .map((e: any) => [e.action, e.data.stepNo, e.data.dueAt]),
    ).toEqual([
      ['REPORT', 1, overall],
      ['ACCEPT', 1, overall],
      ['ASSIGN', 2, at(4)],
      ['ESCALATE', 3, at(77)],
      ['ACCEPT', 3, at(77)],
      ['ASSIGN', 4, at(30)],
      ['START', 4, at(30)],
      ['REQUEST_EXTENSION', 4, at(30)],
      ['APPROVE_EXTENSION', 5, at(100)],
      ['RESOLVE', 5, at(100)],
    ]);
    expect(view.timeline.find((e: any) => e.action === 'RESOLVE').data.onTime).toBe(false);
    expect(view.overdueRecords).toEqual([
      { clock: 'STEP', stepNo: 2 },
      { clock: 'OVERALL', stepNo: 0 },
      { clock: 'STEP', stepNo: 5 },
    ]);
  });

  it('sweepers racing in several processes write each overdue record and event once', async () => {
    clock.set(T0);
    const worker = await s.login('grid_worker');
    const cs = [];
    for (let i = 0; i < 3; i++)
      cs.push(
        await mustReport(s, worker, { categoryId: cat.NOISE, source: 'PATROL', title: `夜间施工${i}` }),
      );
    clock.set(new Date(nextLocalMidnight.getTime() + 2 * DAY));
    const results = await Promise.all([sweep(), sweep(), sweep()]);
    expect(results.reduce((n, r) => n + r.overdue, 0)).toBeGreaterThanOrEqual(6);
    for (const c of cs) {
      expect((await overdueRows(c.id)).map((r) => [r.clock, r.step_no])).toEqual([
        ['STEP', 1],
        ['OVERALL', 0],
      ]);
      expect(await overdueEvents(c.id)).toHaveLength(2);
    }
    // The feature's registered worker is the same sweep.
    await casesFeature.workers![0]!.run(s.em(), { ...s.app.services, clock });
    for (const c of cs) expect(await overdueRows(c.id)).toHaveLength(2);
  });
});

describe('the rating timeout', () => {
  it('closes a case the resident did not rate within seven days, as a system step; a late rating is still taken once', async () => {
    clock.set(T0);
    const worker = await s.login('grid_worker');
    const c = await mustReport(s, worker, {
      categoryId: cat.FACILITY,
      source: 'PATROL',
      title: '健身器材损坏',
    });
    await must(s, worker, 'accept', { id: c.id, version: 1 });
    await must(s, worker, 'assign', {
      id: c.id,
      version: 2,
      responsible: { kind: 'COMMUNITY', name: '社区' },
      dueAt: at(20),
    });
    await must(s, worker, 'resolve', { id: c.id, version: 3, resolution: '已更换' });
    await must(s, worker, 'feedback', { id: c.id, version: 4, channel: 'SMS' });
    clock.set(new Date(T0.getTime() + 6 * DAY));
    await sweep();
    expect((await getCase(s, worker, c.id, 'state')).state).toBe('FEEDBACK_GIVEN');
    clock.set(new Date(T0.getTime() + 7 * DAY + HOUR));
    const r = await sweep();
    expect(r.closed).toBeGreaterThanOrEqual(1);
    const view = await getCase(
      s,
      worker,
      c.id,
      'state version closedAt timeline { action actorName note data }',
    );
    expect(view).toMatchObject({
      state: 'CLOSED',
      version: 6,
      closedAt: new Date(T0.getTime() + 7 * DAY + HOUR).toISOString(),
    });
    expect(view.timeline[5]).toMatchObject({ action: 'CLOSE', actorName: null, data: { automatic: true } });
    expect((await sweep()).closed).toBe(0);
    const events = await s
      .em()
      .getConnection()
      .execute(`select payload from event where type = 'case.closed' and subject_id = ?`, [c.id]);
    expect(events).toHaveLength(1);
    expect(await must(s, worker, 'rate', { id: c.id, version: 6, rating: 4 })).toMatchObject({
      state: 'CLOSED',
      rating: 4,
    });
  });
});
