import { casesFeature } from '../src/cases';
import { categories, expectCode, grids, must, mustReport, uuidOf } from './helpers/cases';
import { createTestServer, ok, TestClock, type TestServer } from './helpers/test-server';

const DAY = 24 * 3600 * 1000;
const OPEN = [
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

let s: TestServer;
let clock: TestClock;
let grid: Record<string, any>;
let communityId: string;
let streetId: string;
beforeAll(async () => {
  // A clock that stands still, so "open and overdue now" means the same to the server and the test.
  clock = new TestClock(new Date());
  s = await createTestServer({ clock });
  const admin = await s.login('street_admin');
  grid = await grids(s, admin);
  communityId = ok(await s.gql('{ communities { nodes { id } } }', {}, { token: admin })).communities.nodes[0]
    .id;
  streetId = ok(await s.gql('{ streets { nodes { id } } }', {}, { token: admin })).streets.nodes[0].id;
});
afterAll(() => s.close());

const METRICS = `query($scope: ID!, $from: DateTime!, $to: DateTime!) { caseMetrics(scope: $scope, from: $from, to: $to) {
  from to gridCount reported solved onTimeRate meanHoursToResolve satisfactionRate feedbackRate reopened escalated supervised openOverdue
  solvedByCategory { category { code } count } } }`;

interface Row {
  id: string;
  grid_id: string | null;
  code: string;
  state: string;
  reported_at: Date;
  resolved_at: Date | null;
  due_at: Date;
  overall_due_at: Date;
  rating: number | null;
  rated_at: Date | null;
  feedback_at: Date | null;
}

/** The same figures counted row by row in the test, from the raw tables. */
async function expected(gridIds: string[], from: Date, to: Date) {
  const conn = s.em().getConnection();
  const rows = (
    (await conn.execute(
      `select c.id, c.grid_id, k.code, c.state, c.reported_at, c.resolved_at, c.due_at, c.overall_due_at, c.rating, c.rated_at, c.feedback_at
     from case_record c join case_category k on k.id = c.category_id`,
    )) as Row[]
  ).filter((r) => r.grid_id && gridIds.includes(r.grid_id));
  const ids = new Set(rows.map((r) => r.id));
  const steps = ((await conn.execute('select case_id, action, at from case_event')) as any[]).filter((e) =>
    ids.has(e.case_id),
  );
  const t = (d: Date | string | null) => (d == null ? null : new Date(d).getTime());
  const inside = (d: Date | string | null) => d != null && t(d)! >= from.getTime() && t(d)! < to.getTime();
  const rate = (part: number, whole: number) => (whole ? (100 * part) / whole : null);
  const solved = rows.filter((r) => inside(r.resolved_at));
  const rated = rows.filter((r) => r.rating != null && inside(r.rated_at));
  const distinct = (actions: string[]) =>
    new Set(steps.filter((e) => actions.includes(e.action) && inside(e.at)).map((e) => e.case_id)).size;
  const asOf = Math.min(to.getTime(), clock.now().getTime());
  const byCategory = new Map<string, number>();
  for (const r of solved) byCategory.set(r.code, (byCategory.get(r.code) ?? 0) + 1);
  return {
    reported: rows.filter((r) => inside(r.reported_at)).length,
    solved: solved.length,
    onTimeRate: rate(solved.filter((r) => t(r.resolved_at)! <= t(r.overall_due_at)!).length, solved.length),
    meanHoursToResolve: solved.length
      ? solved.reduce((h, r) => h + (t(r.resolved_at)! - t(r.reported_at)!) / 3600000, 0) / solved.length
      : null,
    satisfactionRate: rate(rated.filter((r) => r.rating! >= 4).length, rated.length),
    feedbackRate: rate(solved.filter((r) => r.feedback_at != null).length, solved.length),
    reopened: distinct(['REOPEN']),
    escalated: distinct(['ESCALATE', 'SEND_TO_JOINT_MEETING']),
    supervised: distinct(['SUPERVISE']),
    openOverdue: rows.filter(
      (r) =>
        t(r.reported_at)! < to.getTime() &&
        OPEN.includes(r.state) &&
        Math.min(t(r.due_at)!, t(r.overall_due_at)!) < asOf,
    ).length,
    byCategory,
  };
}

function compare(got: any, want: Awaited<ReturnType<typeof expected>>): void {
  for (const k of ['reported', 'solved', 'reopened', 'escalated', 'supervised', 'openOverdue'] as const) {
    expect([k, got[k]]).toEqual([k, want[k]]);
  }
  for (const k of ['onTimeRate', 'meanHoursToResolve', 'satisfactionRate', 'feedbackRate'] as const) {
    if (want[k] == null) expect([k, got[k]]).toEqual([k, null]);
    else expect([k, Math.abs(got[k] - want[k]!) <= 0.05 + 1e-9]).toEqual([k, true]);
  }
  expect(new Map(got.solvedByCategory.map((x: any) => [x.category.code, x.count]))).toEqual(want.byCategory);
  const counts = got.solvedByCategory.map((x: any) => x.count);
  expect([...counts].sort((a: number, b: number) => b - a)).toEqual(counts);
}

describe('caseMetrics', () => {
  it('for a grid, the community and the street over the last year, equal the counts made row by row', async () => {
    const token = await s.login('street_admin');
    const to = clock.now();
    const from = new Date(to.getTime() - 365 * DAY);
    const all = Object.values(grid).map((g: any) => uuidOf(g.id));
    for (const [scope, gridIds] of [
      [grid['SQ0101-01'].id, [uuidOf(grid['SQ0101-01'].id)]],
      [communityId, all],
      [streetId, all],
    ] as const) {
      const got = ok(
        await s.gql(METRICS, { scope, from: from.toISOString(), to: to.toISOString() }, { token }),
      ).caseMetrics;
      expect(got.gridCount).toBe(gridIds.length);
      const want = await expected([...gridIds], from, to);
      compare(got, want);
      expect(got.reported).toBeGreaterThan(gridIds.length === 1 ? 10 : 200);
      expect(got.solved).toBeGreaterThan(0);
      expect(got.reopened + got.escalated + got.supervised).toBeGreaterThan(0);
    }
  });

  it('over a quarter in the past and over an empty period', async () => {
    const token = await s.login('community_admin');
    const to = new Date(clock.now().getTime() - 120 * DAY);
    const from = new Date(to.getTime() - 90 * DAY);
    const got = ok(
      await s.gql(METRICS, { scope: communityId, from: from.toISOString(), to: to.toISOString() }, { token }),
    ).caseMetrics;
    compare(
      got,
      await expected(
        Object.values(grid).map((g: any) => uuidOf(g.id)),
        from,
        to,
      ),
    );
    const old = { from: '2010-01-01T00:00:00Z', to: '2011-01-01T00:00:00Z' };
    const empty = ok(await s.gql(METRICS, { scope: communityId, ...old }, { token })).caseMetrics;
    expect(empty).toMatchObject({
      reported: 0,
      solved: 0,
      onTimeRate: null,
      meanHoursToResolve: null,
      satisfactionRate: null,
      feedbackRate: null,
      openOverdue: 0,
      solvedByCategory: [],
    });
  });

  it('follow live changes', async () => {
    const token = await s.login('grid_worker');
    const cat = await categories(s, token);
    const to = new Date(clock.now().getTime() + DAY);
    const from = new Date(clock.now().getTime() - DAY);
    const vars = { scope: grid['SQ0101-01'].id, from: from.toISOString(), to: to.toISOString() };
    const before = ok(await s.gql(METRICS, vars, { token })).caseMetrics;
    const c = await mustReport(s, token, { categoryId: cat.NOISE, source: 'PATROL', title: '夜间施工' });
    await must(s, token, 'accept', { id: c.id, version: 1 });
    await must(s, token, 'assign', {
      id: c.id,
      version: 2,
      responsible: { kind: 'COMMUNITY', name: '社区' },
      dueAt: to.toISOString(),
    });
    clock.advance(2 * 3600 * 1000);
    await must(s, token, 'resolve', { id: c.id, version: 3, resolution: '已劝停' });
    const after = ok(await s.gql(METRICS, vars, { token })).caseMetrics;
    expect(after.reported).toBe(before.reported + 1);
    expect(after.solved).toBe(before.solved + 1);
    compare(after, await expected([uuidOf(grid['SQ0101-01'].id)], from, to));
    clock.set(new Date(clock.now().getTime() - 2 * 3600 * 1000));
  });

  it('are the same numbers the feature declares for the generic metrics query', async () => {
    const token = await s.login('street_admin');
    const to = clock.now();
    const from = new Date(to.getTime() - 365 * DAY);
    const got = ok(
      await s.gql(METRICS, { scope: communityId, from: from.toISOString(), to: to.toISOString() }, { token }),
    ).caseMetrics;
    const scope = {
      level: 'COMMUNITY' as const,
      id: uuidOf(communityId),
      gridIds: Object.values(grid).map((g: any) => uuidOf(g.id)),
    };
    const codes = casesFeature.metrics!.map((m) => m.code);
    expect(codes).toEqual([
      'cases.reported',
      'cases.solved',
      'cases.on_time_rate',
      'cases.mean_hours_to_resolve',
      'cases.satisfaction_rate',
      'cases.feedback_rate',
      'cases.reopened',
      'cases.escalated',
      'cases.supervised',
      'cases.open_overdue',
    ]);
    const keys = [
      'reported',
      'solved',
      'onTimeRate',
      'meanHoursToResolve',
      'satisfactionRate',
      'feedbackRate',
      'reopened',
      'escalated',
      'supervised',
      'openOverdue',
    ];
    for (const [i, m] of casesFeature.metrics!.entries()) {
      const v = await m.compute(s.em(), scope, { from, to }, { now: clock.now() });
      expect([m.code, v]).toEqual([m.code, got[keys[i]!] ?? 0]);
      expect(m.label.zh).toBeTruthy();
    }
  });

  it('refuses a bad period or scope', async () => {
    const token = await s.login('street_admin');
    const now = clock.now().toISOString();
    expectCode(
      await s.gql(METRICS, { scope: communityId, from: now, to: now }, { token }),
      'BAD_USER_INPUT',
      'to',
    );
    expectCode(
      await s.gql(METRICS, { scope: 'nope', from: '2026-01-01T00:00:00Z', to: now }, { token }),
      'BAD_USER_INPUT',
      'scope',
    );
    const aCase = ok(await s.gql('{ cases(first: 1) { nodes { id } } }', {}, { token })).cases.nodes[0].id;
    expectCode(
      await s.gql(METRICS, { scope: aCase, from: '2026-01-01T00:00:00Z', to: now }, { token }),
      'BAD_USER_INPUT',
      'scope',
    );
  });
});
