import { errorCode, ok, createTestServer, type TestServer } from '../helpers/test-server';
import { buildCommunity, PERIOD, type Built } from './fixture';

const REPORT = `query($id: ID!, $p: ReportPeriodInput!) { communityReport(communityId: $id, period: $p) {
  community { name code } street { name } from to
  basics { asOf households residents residentialBuildings grids gridChiefs gridChiefAssistants coManagers gridWorkers liaisons
    staffTotal staffByRole { role count } gridWorkerAgeBands { label count } gridWorkersUnknownAge
    gridsWithoutChief { code name } gridsWithoutPartyOrganization { code name } chiefCoverage partyCoverage }
  progress { trainings activeGridWorkers trainedGridWorkers trainingRate logBooksIssued sentimentLogs gridChiefLedgers
    gridPartyBranches residentialPartyBranches partyGroups partyMembers residentsRecorded organizations newOrganizations
    vulnerableResidents veterans coManagersByDepartment { department count } casesReported casesSolved
    solvedByCategory { code name count examples } onTimeRate satisfactionRate feedbackRate meanHoursToResolve openOverdue
    aidHouseholds aidPeopleHelped memberServices memberServiceBeneficiaries }
  modules { moduleId name grids { code } metrics { code value gridCount } }
  problems { findings { code value threshold text } text }
  nextSteps narratives { section text updatedBy }
  settings { minTrainingRate minSatisfactionRate maxRefusedResidents }
  monthly { month reported solved }
  markdown } }`;

let s: TestServer;
let built: Built;
let token: string;

beforeAll(async () => {
  s = await createTestServer();
  built = await buildCommunity(s);
  token = await s.login('street_admin');
}, 120_000);
afterAll(() => s.close());

const report = async (tok = token, id = built.communityId) =>
  s.gql(REPORT, { id, p: PERIOD }, { token: tok });

describe('communityReport', () => {
  it('fills every figure of a community built with known counts', async () => {
    const started = Date.now();
    const r = ok(await report()).communityReport;
    console.log(
      `community report with ${r.markdown.length} characters of Markdown in ${Date.now() - started} ms`,
    );
    expect(r.community).toEqual({ name: '报告测试社区', code: 'RPT01' });
    expect(r.street.name).toBe('东湖街道');

    const b = r.basics;
    expect(b).toMatchObject({
      households: 4,
      residents: 6,
      residentialBuildings: 3,
      grids: 2,
      gridChiefs: 1,
      gridChiefAssistants: 1,
      coManagers: 2,
      gridWorkers: 3,
      liaisons: 1,
      staffTotal: 8,
      gridWorkersUnknownAge: 1,
      gridsWithoutChief: [{ code: 'RPT01-02', name: '测试二网格' }],
      gridsWithoutPartyOrganization: [{ code: 'RPT01-02', name: '测试二网格' }],
      chiefCoverage: false,
      partyCoverage: false,
    });
    expect(b.gridWorkerAgeBands).toEqual([
      { label: '<35', count: 1 },
      { label: '35–50', count: 1 },
      { label: '>50', count: 0 },
    ]);
    const roles = Object.fromEntries(b.staffByRole.map((x: any) => [x.role, x.count]));
    expect(roles).toEqual({
      SUPERVISOR: 0,
      GRID_CHIEF: 1,
      GRID_CHIEF_ASSISTANT: 1,
      CO_MANAGER: 2,
      GRID_WORKER: 3,
      LIAISON: 1,
      MICRO_GRID_CHIEF: 0,
      BUILDING_HEAD: 0,
    });

    const p = r.progress;
    expect(p).toMatchObject({
      trainings: 2,
      activeGridWorkers: 3,
      trainedGridWorkers: 1,
      trainingRate: 33.3,
      logBooksIssued: 2,
      sentimentLogs: 3,
      gridChiefLedgers: 1,
      gridPartyBranches: 1,
      residentialPartyBranches: 0,
      partyGroups: 1,
      partyMembers: 2,
      residentsRecorded: 6,
      organizations: 3,
      newOrganizations: 2,
      vulnerableResidents: 2,
      veterans: 1,
      casesReported: 3,
      casesSolved: 2,
      onTimeRate: 100,
      satisfactionRate: 50,
      feedbackRate: 100,
      openOverdue: 0,
      aidHouseholds: 2,
      aidPeopleHelped: 5,
      memberServices: 1,
      memberServiceBeneficiaries: 5,
    });
    expect(p.meanHoursToResolve).toBeGreaterThanOrEqual(0);
    expect(p.coManagersByDepartment).toEqual([
      { department: 'PUBLIC_SECURITY', count: 1 },
      { department: 'CIVIL_AFFAIRS', count: 1 },
    ]);
    expect(p.solvedByCategory).toHaveLength(1);
    expect(p.solvedByCategory[0]).toMatchObject({ code: 'ENVIRONMENT', name: '环境卫生', count: 2 });
    expect([...p.solvedByCategory[0].examples].sort()).toEqual(['垃圾桶满溢', '楼道堆放杂物'].sort());

    // 九型网格: the volunteer module on grid 1, its figures equal to the generic metrics query's.
    expect(r.modules.map((m: any) => m.moduleId)).toEqual(['volunteer']);
    expect(r.modules[0].name).toBe('志愿型网格');
    expect(r.modules[0].grids).toEqual([{ code: 'RPT01-01' }]);
    const codes = r.modules[0].metrics.map((x: any) => x.code);
    expect(codes.length).toBeGreaterThan(0);
    const generic = ok(
      await s.gql(
        'query($s: MetricScopeInput!, $p: PeriodInput!, $c: [String!]) { metrics(scope: $s, period: $p, codes: $c) { code value gridCount } }',
        {
          s: { communityId: built.communityId },
          p: {
            from: `${PERIOD.from}T00:00:00+08:00`,
            to: `${Number(PERIOD.to.slice(0, 4)) + 1}-01-01T00:00:00+08:00`,
          },
          c: codes,
        },
        { token },
      ),
    ).metrics;
    expect(r.modules[0].metrics).toEqual(generic);

    // 存在的问题 with the default thresholds.
    const findings = Object.fromEntries(r.problems.findings.map((f: any) => [f.code, f]));
    expect(Object.keys(findings).sort()).toEqual(
      [
        'GRIDS_WITHOUT_CHIEF',
        'GRIDS_WITHOUT_PARTY_ORGANIZATION',
        'REFUSED_INFORMATION',
        'SATISFACTION_RATE',
        'TRAINING_RATE',
      ].sort(),
    );
    expect(findings.REFUSED_INFORMATION).toMatchObject({ value: 1, threshold: 0 });
    expect(findings.TRAINING_RATE).toMatchObject({ value: 33.3, threshold: 90 });
    expect(findings.TRAINING_RATE.text).toContain('2名网格员本期未参加培训');
    expect(findings.SATISFACTION_RATE).toMatchObject({ value: 50, threshold: 90 });
    expect(findings.GRIDS_WITHOUT_CHIEF.text).toContain('测试二网格');

    const month = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
    expect(r.monthly).toHaveLength(12);
    expect(r.monthly.find((x: any) => x.month === month)).toEqual({ month, reported: 3, solved: 2 });
    expect(r.monthly.reduce((n: number, x: any) => n + x.reported, 0)).toBe(3);

    expect(r.markdown).toContain('## 一、基本情况');
    expect(r.markdown).toContain('现有居民4户、6人，住宅楼3栋，共划分网格2个');
    expect(r.markdown).toContain('培训率33.3%');
    expect(r.markdown).toContain('测试一网格为志愿型网格');
    expect(r.nextSteps).toBeNull();
  });

  it('keeps the community’s own text and thresholds, numbers still from data', async () => {
    const save = (section: string, text: string, tok = token) =>
      s.gql(
        'mutation($i: SaveReportNarrativeInput!) { saveReportNarrative(input: $i) { section text updatedBy } }',
        { i: { communityId: built.communityId, period: PERIOD, section, text } },
        { token: tok },
      );
    expect(
      ok(await save('NEXT_STEPS', '一、补齐第二网格网格长。\n二、开展网格员全员轮训。')).saveReportNarrative,
    ).toEqual({
      section: 'NEXT_STEPS',
      text: '一、补齐第二网格网格长。\n二、开展网格员全员轮训。',
      updatedBy: 'street_admin',
    });
    ok(await save('PROBLEMS', '部分居民对信息采集有顾虑。'));
    ok(await save('PROBLEMS', '部分居民对信息采集仍有顾虑。'));
    const events = await s
      .em()
      .getConnection()
      .execute(`select count(*)::int as n from event where type = 'report.narrative_saved'`);
    expect(events[0].n).toBe(3);

    ok(
      await s.gql(
        'mutation($c: ID!, $i: ReportSettingsInput!) { updateReportSettings(communityId: $c, input: $i) { minSatisfactionRate } }',
        { c: built.communityId, i: { minSatisfactionRate: 40 } },
        { token },
      ),
    );
    const r = ok(await report()).communityReport;
    expect(r.nextSteps).toBe('一、补齐第二网格网格长。\n二、开展网格员全员轮训。');
    expect(r.problems.text).toBe('部分居民对信息采集仍有顾虑。');
    expect(r.settings).toMatchObject({ minSatisfactionRate: 40, minTrainingRate: 90 });
    expect(r.problems.findings.map((f: any) => f.code)).not.toContain('SATISFACTION_RATE');
    expect(r.markdown).toContain('二、开展网格员全员轮训。');
    expect(r.progress.casesSolved).toBe(2);

    // Bad input writes nothing; grid staff may not write.
    expect(errorCode(await save('NEXT_STEPS', 'x'.repeat(5001)))).toBe('BAD_USER_INPUT');
    expect(errorCode(await save('NEXT_STEPS', 'x', await s.login('grid_worker')))).toBe('FORBIDDEN');
    expect(
      errorCode(
        await s.gql(
          'mutation($c: ID!, $i: ReportSettingsInput!) { updateReportSettings(communityId: $c, input: $i) { minTrainingRate } }',
          { c: built.communityId, i: { minTrainingRate: 120 } },
          { token },
        ),
      ),
    ).toBe('BAD_USER_INPUT');
    expect(ok(await report()).communityReport.nextSteps).toBe(
      '一、补齐第二网格网格长。\n二、开展网格员全员轮训。',
    );
  });

  it('answers other jurisdictions like the rest of the API', async () => {
    // A community administrator of 幸福社区 cannot see the new community, nor save text for it.
    const other = await s.login('community_admin');
    expect(errorCode(await report(other))).toBe('NOT_FOUND');
    expect(
      errorCode(
        await s.gql(
          'mutation($i: SaveReportNarrativeInput!) { saveReportNarrative(input: $i) { text } }',
          { i: { communityId: built.communityId, period: PERIOD, section: 'NEXT_STEPS', text: 'x' } },
          { token: other },
        ),
      ),
    ).toBe('NOT_FOUND');
    // A grid worker sees their own community but not its whole report.
    const own = ok(await s.gql('{ communities { nodes { id } } }', {}, { token: other })).communities.nodes[0]
      .id;
    expect(errorCode(await report(await s.login('grid_worker'), own))).toBe('FORBIDDEN');
    expect(errorCode(await s.gql(REPORT, { id: built.communityId, p: PERIOD }))).toBe('UNAUTHENTICATED');
    expect(
      errorCode(
        await s.gql(
          REPORT,
          { id: built.communityId, p: { from: '2026-02-01', to: '2026-01-01' } },
          { token },
        ),
      ),
    ).toBe('BAD_USER_INPUT');
  });
});

describe('streetReport and metricSeries', () => {
  it('puts the communities side by side with street totals', async () => {
    const r = ok(
      await s.gql(
        `query($id: ID!, $p: ReportPeriodInput!) { streetReport(streetId: $id, period: $p) {
          street { name } communities { territory { code name } households residents grids gridWorkers trainingRate
            casesReported casesSolved onTimeRate satisfactionRate openOverdue aidHouseholds memberServices }
          total { households residents grids casesReported casesSolved } } }`,
        { id: built.streetId, p: PERIOD },
        { token },
      ),
    ).streetReport;
    const mine = r.communities.find((c: any) => c.territory.code === 'RPT01');
    expect(mine).toEqual({
      territory: { code: 'RPT01', name: '报告测试社区' },
      households: 4,
      residents: 6,
      grids: 2,
      gridWorkers: 3,
      trainingRate: 33.3,
      casesReported: 3,
      casesSolved: 2,
      onTimeRate: 100,
      satisfactionRate: 50,
      openOverdue: 0,
      aidHouseholds: 2,
      memberServices: 1,
    });
    expect(r.communities.length).toBeGreaterThanOrEqual(2);
    const sum = (k: string) => r.communities.reduce((n: number, c: any) => n + c[k], 0);
    for (const k of ['households', 'residents', 'grids', 'casesReported', 'casesSolved'])
      expect(r.total[k]).toBe(sum(k));
    expect(
      errorCode(
        await s.gql(
          'query($id: ID!, $p: ReportPeriodInput!) { streetReport(streetId: $id, period: $p) { from } }',
          { id: built.streetId, p: PERIOD },
          { token: await s.login('community_admin') },
        ),
      ),
    ).toBe('FORBIDDEN');
  });

  it('gives any metric per month or week', async () => {
    const year = Number(PERIOD.from.slice(0, 4));
    const q = `query($s: MetricScopeInput!, $c: [String!]!, $f: DateTime!, $t: DateTime!, $i: SeriesInterval!) {
      metricSeries(scope: $s, codes: $c, from: $f, to: $t, interval: $i) { code label { zh } unit points { from to value } } }`;
    const vars = {
      s: { communityId: built.communityId },
      c: ['cases.reported', 'staff.sentiment_logs'],
      f: `${year}-01-01T00:00:00+08:00`,
      t: `${year + 1}-01-01T00:00:00+08:00`,
      i: 'MONTH',
    };
    const series = ok(await s.gql(q, vars, { token })).metricSeries;
    expect(series.map((x: any) => x.code)).toEqual(['cases.reported', 'staff.sentiment_logs']);
    expect(series[0].points).toHaveLength(12);
    expect(series[0].points.reduce((n: number, x: any) => n + x.value, 0)).toBe(3);
    expect(series[1].points[0].value).toBe(3); // all three entries are in January
    expect(new Date(series[1].points[1].from).toISOString()).toBe(
      new Date(`${year}-02-01T00:00:00+08:00`).toISOString(),
    );
    const weekly = ok(
      await s.gql(
        q,
        { ...vars, c: ['staff.sentiment_logs'], t: `${year}-02-01T00:00:00+08:00`, i: 'WEEK' },
        { token },
      ),
    ).metricSeries[0];
    expect(weekly.points.reduce((n: number, x: any) => n + x.value, 0)).toBe(3);
    for (const p of weekly.points.slice(1)) expect(new Date(p.from).getUTCDay()).toBe(0); // Monday 00:00 in China = Sunday 16:00 UTC
    expect(errorCode(await s.gql(q, { ...vars, c: ['nope'] }, { token }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await s.gql(q, { ...vars, t: `${year + 20}-01-01T00:00:00+08:00` }, { token }))).toBe(
      'BAD_USER_INPUT',
    );
  });
});
