import { toGlobalId } from '../../src/graphql/global-id';
import { DomainEvent } from '../../src/integration';
import { Activity } from '../../src/modules/activity.entity';
import { Resident } from '../../src/people';
import { Building } from '../../src/territory';
import {
  DAY,
  daysAgoIso,
  errorField,
  gridMetrics,
  updateSettings,
  uuidOf,
  startModuleTest,
} from '../../tests/helpers/modules';
import { errorCode, ok, type TestServer } from '../../tests/helpers/test-server';
import { CivilityReport } from './civility.entities';

let s: TestServer;
let admin: string;
/** grid_worker2 works on grid 2, not the civility grid. */
let outsider: string;
let grid: string;
let otherGrid: string;

beforeAll(async () => {
  ({ s, admin, grid, otherGrid } = await startModuleTest('civility', 'science'));
  outsider = await s.login('grid_worker2');
});
afterAll(() => s.close());

const INSPECT = `mutation($i: CivilityInspectionActivityInput!) { recordCivilityInspection(input: $i) {
  id participants details { buildingId area score findings inspectors } } }`;
const CAMPAIGN = `mutation($i: CivilityCampaignActivityInput!) { recordCivilityCampaign(input: $i) {
  participants details { theme participants } } }`;
const REPORT = `mutation($i: CreateCivilityReportInput!) { createCivilityReport(input: $i) {
  id kind status location reportedAt building { id name } reporter { id name } followUps { at note recordedBy } } }`;
const FOLLOW = `mutation($i: AddCivilityReportFollowUpInput!) { addCivilityReportFollowUp(input: $i) {
  status followUps { at note recordedBy } } }`;
const RESOLVE = `mutation($i: ResolveCivilityReportInput!) { resolveCivilityReport(input: $i) {
  status resolvedAt resolution } }`;

async function idsOf(
  entity: typeof Building | typeof Resident,
  type: string,
  gridId: string,
): Promise<string[]> {
  const rows = await s
    .em()
    .find(entity as typeof Building, { gridId: uuidOf(gridId) }, { orderBy: { id: 'asc' }, limit: 3 });
  return rows.map((r) => toGlobalId(type, r.id));
}
const inspection = (details: Record<string, unknown>, gridId = grid) => ({
  i: { gridId, occurredAt: daysAgoIso(0.01), details },
});

describe('environment inspections', () => {
  it('score a building of the grid or a named area, 0–100', async () => {
    const [building] = await idsOf(Building, 'Building', grid);
    const one = ok(
      await s.gql(
        INSPECT,
        inspection({ buildingId: building, score: 72, findings: '楼道堆物', inspectors: 2 }),
        { token: admin },
      ),
    ).recordCivilityInspection;
    expect(one).toMatchObject({
      participants: 2,
      details: { buildingId: building, area: null, score: 72, findings: '楼道堆物', inspectors: 2 },
    });
    const area = ok(
      await s.gql(INSPECT, inspection({ area: '中心广场', score: 100 }), { token: admin }),
    ).recordCivilityInspection;
    expect(area.details).toMatchObject({ buildingId: null, area: '中心广场', score: 100, inspectors: 1 });
    const campaign = ok(
      await s.gql(
        CAMPAIGN,
        {
          i: {
            gridId: grid,
            occurredAt: daysAgoIso(0.01),
            details: { theme: '垃圾分类我先行', participants: 36 },
          },
        },
        { token: admin },
      ),
    ).recordCivilityCampaign;
    expect(campaign).toEqual({ participants: 36, details: { theme: '垃圾分类我先行', participants: 36 } });
  });

  it('refuses out-of-range scores, both or neither target, and buildings of another grid, writing nothing', async () => {
    const [mine] = await idsOf(Building, 'Building', grid);
    const [far] = await idsOf(Building, 'Building', otherGrid);
    const before = await s.em().count(Activity, { moduleId: 'civility' });
    for (const [details, at] of [
      [{ area: '广场', score: 101 }, 'input.details.score'],
      [{ area: '广场', score: -1 }, 'input.details.score'],
      [{ score: 80 }, 'input.details.buildingId'],
      [{ buildingId: mine, area: '广场', score: 80 }, 'input.details.area'],
      [{ buildingId: far, score: 80 }, 'input.details.buildingId'],
      [{ area: '广场', score: 80, inspectors: 0 }, 'input.details.inspectors'],
    ] as const) {
      const res = await s.gql(INSPECT, inspection(details), { token: admin });
      expect([errorCode(res), errorField(res)]).toEqual(['BAD_USER_INPUT', at]);
    }
    expect(errorCode(await s.gql(INSPECT, inspection({ area: '广场', score: 79.5 }), { token: admin }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(await s.em().count(Activity, { moduleId: 'civility' })).toBe(before);
  });
});

describe('uncivil-behaviour reports', () => {
  it('are followed up in time order and resolved once', async () => {
    const [building] = await idsOf(Building, 'Building', grid);
    const [reporter] = await idsOf(Resident, 'Resident', grid);
    const reportedAt = daysAgoIso(3);
    const r = ok(
      await s.gql(
        REPORT,
        {
          i: {
            gridId: grid,
            kind: 'ILLEGAL_PARKING',
            description: '电动车堵塞消防通道',
            location: '3号楼东侧',
            buildingId: building,
            reporterId: reporter,
            reportedAt,
          },
        },
        { token: admin },
      ),
    ).createCivilityReport;
    expect(r).toMatchObject({
      kind: 'ILLEGAL_PARKING',
      status: 'OPEN',
      reportedAt,
      building: { id: building },
      reporter: { id: reporter },
      followUps: [],
    });
    ok(await s.gql(FOLLOW, { i: { id: r.id, note: '复查：已清理', at: daysAgoIso(1) } }, { token: admin }));
    const log = ok(
      await s.gql(FOLLOW, { i: { id: r.id, note: '上门劝导车主', at: daysAgoIso(2) } }, { token: admin }),
    ).addCivilityReportFollowUp;
    expect(log).toEqual({
      status: 'OPEN',
      followUps: [
        {
          at: daysAgoIso(2).slice(0, 16) + log.followUps[0].at.slice(16),
          note: '上门劝导车主',
          recordedBy: 'community_admin',
        },
        {
          at: daysAgoIso(1).slice(0, 16) + log.followUps[1].at.slice(16),
          note: '复查：已清理',
          recordedBy: 'community_admin',
        },
      ],
    });
    for (const [i, at] of [
      [{ id: r.id, note: '太早', at: daysAgoIso(4) }, 'input.at'],
      [{ id: r.id, note: '未来', at: daysAgoIso(-1) }, 'input.at'],
      [{ id: r.id, note: ' ' }, 'input.note'],
    ] as const) {
      const res = await s.gql(FOLLOW, { i }, { token: admin });
      expect([errorCode(res), errorField(res)]).toEqual(['BAD_USER_INPUT', at]);
    }
    const early = await s.gql(
      RESOLVE,
      { i: { id: r.id, resolution: '已处理', resolvedAt: daysAgoIso(5) } },
      { token: admin },
    );
    expect([errorCode(early), errorField(early)]).toEqual(['BAD_USER_INPUT', 'input.resolvedAt']);
    const done = ok(
      await s.gql(RESOLVE, { i: { id: r.id, resolution: '车主已挪车并承诺不再占用' } }, { token: admin }),
    ).resolveCivilityReport;
    expect(done).toMatchObject({ status: 'RESOLVED', resolution: '车主已挪车并承诺不再占用' });
    expect(errorCode(await s.gql(RESOLVE, { i: { id: r.id, resolution: '再次' } }, { token: admin }))).toBe(
      'CONFLICT',
    );
    expect(errorCode(await s.gql(FOLLOW, { i: { id: r.id, note: '又来' } }, { token: admin }))).toBe(
      'CONFLICT',
    );
    const events = await s.em().find(DomainEvent, { subjectId: r.id }, { orderBy: { seq: 'asc' } });
    expect(events.map((e) => e.type)).toEqual([
      'civility.report.created',
      'civility.report.followed_up',
      'civility.report.followed_up',
      'civility.report.resolved',
    ]);
  });

  it('refuse a building or reporter of another grid, bad kinds and future times, writing nothing', async () => {
    const [farBuilding] = await idsOf(Building, 'Building', otherGrid);
    const [farResident] = await idsOf(Resident, 'Resident', otherGrid);
    const before = await s.em().count(CivilityReport, {});
    const base = { gridId: grid, kind: 'NOISE', description: '夜间施工噪音', location: '5号楼' };
    for (const [extra, at] of [
      [{ buildingId: farBuilding }, 'input.buildingId'],
      [{ reporterId: farResident }, 'input.reporterId'],
      [{ reporterId: farBuilding }, 'input.reporterId'],
      [{ reportedAt: daysAgoIso(-1) }, 'input.reportedAt'],
      [{ location: '' }, 'input.location'],
      [{ description: 'x'.repeat(1001) }, 'input.description'],
    ] as const) {
      const res = await s.gql(REPORT, { i: { ...base, ...extra } }, { token: admin });
      expect([errorCode(res), errorField(res)]).toEqual(['BAD_USER_INPUT', at]);
    }
    expect(errorCode(await s.gql(REPORT, { i: { ...base, kind: 'SPITTING' } }, { token: admin }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(await s.em().count(CivilityReport, {})).toBe(before);
  });

  it('are invisible to and unchangeable by a grid worker of another grid', async () => {
    const list = ok(
      await s.gql('{ civilityReports(first: 100) { totalCount } }', {}, { token: outsider }),
    ).civilityReports;
    expect(list.totalCount).toBe(0);
    const open = ok(
      await s.gql(
        'query($g: ID!) { civilityReports(first: 1, filter: { gridId: $g, status: OPEN }) { nodes { id } } }',
        { g: grid },
        { token: admin },
      ),
    ).civilityReports.nodes[0].id;
    expect(
      errorCode(await s.gql('query($id: ID!) { node(id: $id) { id } }', { id: open }, { token: outsider })),
    ).toBe('NOT_FOUND');
    expect(errorCode(await s.gql(FOLLOW, { i: { id: open, note: '越权' } }, { token: outsider }))).toBe(
      'NOT_FOUND',
    );
    expect(
      errorCode(await s.gql(RESOLVE, { i: { id: open, resolution: '越权' } }, { token: outsider })),
    ).toBe('NOT_FOUND');
    const create = await s.gql(
      REPORT,
      { i: { gridId: grid, kind: 'NOISE', description: '噪音', location: '广场' } },
      { token: outsider },
    );
    expect(errorCode(create)).toBe('FORBIDDEN');
  });
});

describe('metrics', () => {
  it('equal figures counted independently from the records; the pass rate follows the grid setting', async () => {
    const from = new Date(Date.now() - 365 * DAY);
    const to = new Date();
    const em = s.em();
    const acts = await em.find(Activity, { gridId: uuidOf(grid), occurredAt: { $gte: from, $lt: to } });
    const inspections = acts
      .filter((a) => a.kind === 'civility.inspection')
      .map((a) => a.details.score as number);
    const campaigns = acts.filter((a) => a.kind === 'civility.campaign');
    const reports = await em.find(CivilityReport, { gridId: uuidOf(grid) });
    const inPeriod = (d: Date | null | undefined) => !!d && d >= from && d < to;
    const passRate = (passing: number) =>
      Math.round((1000 * inspections.filter((x) => x >= passing).length) / inspections.length) / 10;
    const expected = {
      'civility.campaigns': campaigns.length,
      'civility.campaign_participants': campaigns.reduce((n, a) => n + (a.details.participants as number), 0),
      'civility.inspections': inspections.length,
      'civility.mean_score':
        Math.round((10 * inspections.reduce((a, b) => a + b, 0)) / inspections.length) / 10,
      'civility.pass_rate': passRate(80),
      'civility.reports': reports.filter((r) => inPeriod(r.reportedAt)).length,
      'civility.reports_resolved': reports.filter((r) => inPeriod(r.resolvedAt)).length,
    };
    const query = () => gridMetrics(s, admin, grid, from, to, Object.keys(expected));
    expect(await query()).toEqual(expected);
    expect(expected['civility.reports_resolved']).toBeGreaterThan(0);
    expect(expected['civility.pass_rate']).toBeGreaterThan(0);
    await updateSettings(s, admin, grid, 'civility', { passingScore: 90 });
    expect((await query())['civility.pass_rate']).toBe(passRate(90));
    expect(passRate(90)).toBeLessThan(passRate(80));
  });
});
