import { toGlobalId } from '../../src/graphql/global-id';
import { DomainEvent } from '../../src/integration';
import { Activity } from '../../src/modules/activity.entity';
import { Building } from '../../src/territory';
import {
  chinaDay,
  DAY,
  daysAgoIso,
  errorField,
  gridMetrics,
  updateSettings,
  uuidOf,
  startModuleTest,
} from '../../tests/helpers/modules';
import { errorCode, ok, type TestServer } from '../../tests/helpers/test-server';
import { LIVELIHOOD_PHASES, LivelihoodProject } from './livelihood.entities';

let s: TestServer;
let admin: string;
/** grid_worker2 works on grid 2, the livelihood grid of the demo. */
let worker: string;
/** grid_worker works on grid 1, where the livelihood module is off. */
let outsider: string;
let grid: string;
let otherGrid: string;

beforeAll(async () => {
  ({ s, admin, grid, otherGrid } = await startModuleTest('livelihood', 'civility'));
  worker = await s.login('grid_worker2');
  outsider = await s.login('grid_worker');
});
afterAll(() => s.close());

const CREATE = `mutation($i: CreateLivelihoodProjectInput!) { createLivelihoodProject(input: $i) {
  id name phase phaseSince startedOn scope { item quantity unit note } buildings { id name } grid { id } } }`;
const PHASE = `mutation($i: LivelihoodPhaseChangeActivityInput!) { recordLivelihoodPhaseChange(input: $i) {
  id occurredAt details { projectId phase note reason } } }`;
const CONSULT = `mutation($i: LivelihoodConsultationActivityInput!) { recordLivelihoodConsultation(input: $i) {
  id participants details { projectId stage participants opinionsGathered satisfaction method } } }`;
const PROJECT = `query($id: ID!) { node(id: $id) { ... on LivelihoodProject {
  phase phaseSince phaseHistory { phase at note reason reverted } } } }`;

async function buildingsOf(gridId: string): Promise<string[]> {
  const rows = await s.em().find(Building, { gridId: uuidOf(gridId) }, { orderBy: { name: 'asc' } });
  return rows.map((b) => toGlobalId('Building', b.id));
}

const projectCount = () => s.em().count(LivelihoodProject, {});
const activityCount = () => s.em().count(Activity, { moduleId: 'livelihood' });

async function newProject(extra: Record<string, unknown> = {}, token = admin) {
  return ok(
    await s.gql(
      CREATE,
      {
        i: { gridId: grid, name: '测试小区改造', scope: [{ item: 'PIPE_NETWORK', quantity: 120 }], ...extra },
      },
      { token },
    ),
  ).createLivelihoodProject;
}

const phase = (
  projectId: string,
  to: string,
  extra: Record<string, unknown> = {},
  occurredAt = daysAgoIso(0.01),
) => ({
  i: { gridId: grid, occurredAt, details: { projectId, phase: to, note: '阶段工作完成', ...extra } },
});
const consult = (projectId: string, stage: string, extra: Record<string, unknown> = {}, gridId = grid) => ({
  i: {
    gridId,
    occurredAt: daysAgoIso(0.02),
    details: { projectId, stage, participants: 25, opinionsGathered: 6, ...extra },
  },
});

describe('projects', () => {
  it('registers a project with its scope (units fixed by kind) and buildings of the grid', async () => {
    const buildings = await buildingsOf(grid);
    const p = await newProject(
      {
        summary: '雨污分流与道路硬化',
        scope: [
          { item: 'PIPE_NETWORK', quantity: 860.5, note: '雨污分流' },
          { item: 'ROAD_HARDENING', quantity: 1200 },
          { item: 'ENVIRONMENT' },
        ],
        buildingIds: buildings.slice(0, 2),
        startedOn: chinaDay(new Date(Date.now() - 10 * DAY)),
      },
      worker,
    );
    expect(p).toMatchObject({
      phase: 'DEMOLISH',
      startedOn: chinaDay(new Date(Date.now() - 10 * DAY)),
      scope: [
        { item: 'PIPE_NETWORK', quantity: 860.5, unit: '米', note: '雨污分流' },
        { item: 'ROAD_HARDENING', quantity: 1200, unit: '平方米', note: null },
        { item: 'ENVIRONMENT', quantity: null, unit: '平方米', note: null },
      ],
      grid: { id: grid },
    });
    expect(p.buildings.map((b: any) => b.id)).toEqual(buildings.slice(0, 2));
    const events = await s.em().find(DomainEvent, { type: 'livelihood.project.created', subjectId: p.id });
    expect(events).toHaveLength(1);

    const renamed = ok(
      await s.gql(
        'mutation($i: UpdateLivelihoodProjectInput!) { updateLivelihoodProject(input: $i) { name phase scope { item } buildings { id } } }',
        {
          i: {
            id: p.id,
            name: '幸福里二期改造',
            scope: [{ item: 'WIRING', quantity: 300 }],
            buildingIds: [],
          },
        },
        { token: worker },
      ),
    ).updateLivelihoodProject;
    expect(renamed).toEqual({
      name: '幸福里二期改造',
      phase: 'DEMOLISH',
      scope: [{ item: 'WIRING' }],
      buildings: [],
    });
  });

  it('refuses bad scope, buildings of another grid and future starts, writing nothing', async () => {
    const far = (await buildingsOf(otherGrid))[0]!;
    const mine = (await buildingsOf(grid))[0]!;
    const before = [await projectCount(), await s.em().count(DomainEvent, {})];
    const valid = { gridId: grid, name: '坏项目', scope: [{ item: 'PIPE_NETWORK' }] };
    for (const [input, at] of [
      [{ scope: [] }, 'input.scope'],
      [{ scope: [{ item: 'WIRING' }, { item: 'WIRING', quantity: 3 }] }, 'input.scope'],
      [{ scope: [{ item: 'WIRING', quantity: -1 }] }, 'input.scope.0.quantity'],
      [{ buildingIds: [mine, far] }, 'input.buildingIds.1'],
      [{ buildingIds: [mine, mine] }, 'input.buildingIds'],
      [{ buildingIds: [toGlobalId('Grid', uuidOf(grid))] }, 'input.buildingIds.0'],
      [{ startedOn: chinaDay(new Date(Date.now() + 3 * DAY)) }, 'input.startedOn'],
      [{ name: '  ' }, 'input.name'],
    ] as const) {
      const res = await s.gql(CREATE, { i: { ...valid, ...input } }, { token: admin });
      expect([errorCode(res), errorField(res), input]).toEqual(['BAD_USER_INPUT', at, input]);
    }
    const badEnum = await s.gql(
      CREATE,
      { i: { gridId: grid, name: '坏项目', scope: [{ item: 'SWIMMING_POOL' }] } },
      { token: admin },
    );
    expect(errorCode(badEnum)).toBe('BAD_USER_INPUT');
    expect([await projectCount(), await s.em().count(DomainEvent, {})]).toEqual(before);
  });
});

describe('phases 拆整改建清管', () => {
  it('move forward one step or skipping ahead, once residents were asked; history and events follow', async () => {
    const p = await newProject({ startedOn: chinaDay(new Date(Date.now() - 20 * DAY)) }, worker);
    // 问需于民 first (the grid's default setting).
    const early = await s.gql(PHASE, phase(p.id, 'RECTIFY'), { token: worker });
    expect(errorCode(early)).toBe('CONFLICT');
    ok(await s.gql(CONSULT, consult(p.id, 'BEFORE'), { token: worker }));

    ok(await s.gql(PHASE, phase(p.id, 'RECTIFY', {}, daysAgoIso(10)), { token: worker }));
    const skipped = ok(
      await s.gql(PHASE, phase(p.id, 'BUILD', { note: '改造内容并入建设阶段' }, daysAgoIso(5)), {
        token: worker,
      }),
    );
    expect(skipped.recordLivelihoodPhaseChange.details).toEqual({
      projectId: p.id,
      phase: 'BUILD',
      note: '改造内容并入建设阶段',
      reason: null,
    });
    const same = await s.gql(PHASE, phase(p.id, 'BUILD'), { token: worker });
    expect([errorCode(same), errorField(same)]).toEqual(['INVALID_TRANSITION', 'input.details.phase']);

    const now = ok(await s.gql(PROJECT, { id: p.id }, { token: worker })).node;
    expect(now.phase).toBe('BUILD');
    expect(now.phaseSince).toBe(daysAgoIso(5).slice(0, 16) + now.phaseSince.slice(16));
    expect(now.phaseHistory.map((h: any) => [h.phase, h.reverted])).toEqual([
      ['RECTIFY', false],
      ['BUILD', false],
    ]);
    const events = await s
      .em()
      .find(
        DomainEvent,
        { type: 'livelihood.project.phase_changed', subjectId: p.id },
        { orderBy: { seq: 'asc' } },
      );
    expect(events.map((e) => e.payload)).toEqual([
      { from: 'DEMOLISH', to: 'RECTIFY', reverted: false },
      { from: 'RECTIFY', to: 'BUILD', reverted: false },
    ]);
  });

  it('go back only by an administrator with a reason; nothing is written when refused', async () => {
    const p = await newProject({ phase: 'CLEAN', startedOn: chinaDay(new Date(Date.now() - 30 * DAY)) });
    ok(await s.gql(CONSULT, consult(p.id, 'BEFORE'), { token: worker }));
    const before = [await activityCount(), await s.em().count(DomainEvent, {})];
    const byWorker = await s.gql(PHASE, phase(p.id, 'BUILD', { reason: '绿化未达标' }), { token: worker });
    expect(errorCode(byWorker)).toBe('FORBIDDEN');
    const noReason = await s.gql(PHASE, phase(p.id, 'BUILD'), { token: admin });
    expect([errorCode(noReason), errorField(noReason)]).toEqual(['BAD_USER_INPUT', 'input.details.reason']);
    const blank = await s.gql(PHASE, phase(p.id, 'BUILD', { reason: '   ' }), { token: admin });
    expect([errorCode(blank), errorField(blank)]).toEqual(['BAD_USER_INPUT', 'input.details.reason']);
    // Before the project entered its phase (its start day): refused.
    const tooEarly = await s.gql(PHASE, phase(p.id, 'MANAGE', {}, daysAgoIso(40)), { token: admin });
    expect([errorCode(tooEarly), errorField(tooEarly)]).toEqual(['BAD_USER_INPUT', 'input.occurredAt']);
    const badPhase = await s.gql(PHASE, phase(p.id, 'PAINT'), { token: admin });
    expect(errorCode(badPhase)).toBe('BAD_USER_INPUT');
    expect([await activityCount(), await s.em().count(DomainEvent, {})]).toEqual(before);
    expect(ok(await s.gql(PROJECT, { id: p.id }, { token: admin })).node.phase).toBe('CLEAN');

    // A revert needs no needs-consultation: it is a correction, not progress.
    ok(await s.gql(PHASE, phase(p.id, 'BUILD', { reason: '绿化未达标，返工' }), { token: admin }));
    const after = ok(await s.gql(PROJECT, { id: p.id }, { token: admin })).node;
    expect(after.phase).toBe('BUILD');
    expect(after.phaseHistory).toEqual([
      expect.objectContaining({ phase: 'BUILD', reason: '绿化未达标，返工', reverted: true }),
    ]);
  });

  it('can skip the needs consultation where the grid turned that rule off', async () => {
    await updateSettings(s, admin, grid, 'livelihood', { requireNeedsConsultation: false });
    const p = await newProject();
    ok(await s.gql(PHASE, phase(p.id, 'RENOVATE'), { token: worker }));
    await updateSettings(s, admin, grid, 'livelihood', { requireNeedsConsultation: null });
  });

  it('refuses a project of another grid', async () => {
    const far = ok(
      await s.gql(
        CREATE,
        { i: { gridId: otherGrid, name: '别处的项目', scope: [{ item: 'WIRING' }] } },
        { token: admin },
      ),
    ).createLivelihoodProject;
    const res = await s.gql(PHASE, phase(far.id, 'RECTIFY'), { token: admin });
    expect([errorCode(res), errorField(res)]).toEqual(['BAD_USER_INPUT', 'input.details.projectId']);
  });
});

describe('consultations 问需、问计、问效', () => {
  it('take a satisfaction score after the work only, 0–100', async () => {
    const p = await newProject();
    const after = ok(
      await s.gql(CONSULT, consult(p.id, 'AFTER', { satisfaction: 92, method: 'QUESTIONNAIRE' }), {
        token: worker,
      }),
    ).recordLivelihoodConsultation;
    expect(after).toMatchObject({
      participants: 25,
      details: {
        stage: 'AFTER',
        participants: 25,
        opinionsGathered: 6,
        satisfaction: 92,
        method: 'QUESTIONNAIRE',
      },
    });
    const during = ok(
      await s.gql(CONSULT, consult(p.id, 'DURING'), { token: worker }),
    ).recordLivelihoodConsultation;
    expect(during.details).toMatchObject({ stage: 'DURING', satisfaction: null, method: 'MEETING' });

    const before = await activityCount();
    const far = ok(
      await s.gql(
        CREATE,
        { i: { gridId: otherGrid, name: '别处的项目', scope: [{ item: 'WIRING' }] } },
        { token: admin },
      ),
    ).createLivelihoodProject;
    for (const [input, at] of [
      [consult(p.id, 'AFTER'), 'input.details.satisfaction'],
      [consult(p.id, 'BEFORE', { satisfaction: 80 }), 'input.details.satisfaction'],
      [consult(p.id, 'DURING', { satisfaction: 80 }), 'input.details.satisfaction'],
      [consult(p.id, 'AFTER', { satisfaction: 101 }), 'input.details.satisfaction'],
      [consult(p.id, 'AFTER', { satisfaction: 90, participants: 0 }), 'input.details.participants'],
      [consult(p.id, 'AFTER', { satisfaction: 90, opinionsGathered: -2 }), 'input.details.opinionsGathered'],
      [consult(far.id, 'BEFORE'), 'input.details.projectId'],
    ] as const) {
      const res = await s.gql(CONSULT, input, { token: admin });
      expect([errorCode(res), errorField(res)]).toEqual(['BAD_USER_INPUT', at]);
    }
    // Not an Int, not a stage: refused by the schema itself.
    for (const input of [consult(p.id, 'AFTER', { satisfaction: 90.5 }), consult(p.id, 'LATER')])
      expect(errorCode(await s.gql(CONSULT, input, { token: admin }))).toBe('BAD_USER_INPUT');
    expect(await activityCount()).toBe(before);
  });
});

describe('jurisdiction', () => {
  it("a grid worker of another grid sees and changes none of the grid's projects", async () => {
    const mine = ok(
      await s.gql('{ livelihoodProjects(first: 100) { totalCount nodes { id } } }', {}, { token: outsider }),
    ).livelihoodProjects;
    expect(mine.totalCount).toBe(0);
    const p = await newProject();
    expect(errorCode(await s.gql(PROJECT, { id: p.id }, { token: outsider }))).toBe('NOT_FOUND');
    const edit = await s.gql(
      'mutation($i: UpdateLivelihoodProjectInput!) { updateLivelihoodProject(input: $i) { name } }',
      { i: { id: p.id, name: '改名' } },
      { token: outsider },
    );
    expect(errorCode(edit)).toBe('NOT_FOUND');
    expect(
      errorCode(
        await s.gql(
          CREATE,
          { i: { gridId: grid, name: 'x', scope: [{ item: 'WIRING' }] } },
          { token: outsider },
        ),
      ),
    ).toBe('FORBIDDEN');
    const own = ok(
      await s.gql(
        'query($g: ID!) { livelihoodProjects(first: 100, filter: { gridId: $g }) { totalCount } }',
        { g: grid },
        { token: worker },
      ),
    ).livelihoodProjects;
    expect(own.totalCount).toBe(await s.em().count(LivelihoodProject, { gridId: uuidOf(grid) }));
  });
});

describe('metrics', () => {
  /** Each project's phase at `at`, worked out from the rows, not with the metric's SQL. */
  async function phasesAt(at: Date): Promise<Record<string, number>> {
    const em = s.em();
    const projects = await em.find(LivelihoodProject, { gridId: uuidOf(grid) });
    const changes = await em.find(
      Activity,
      { gridId: uuidOf(grid), kind: 'livelihood.phase_change', occurredAt: { $lt: at } },
      { orderBy: { occurredAt: 'asc', id: 'asc' } },
    );
    const out: Record<string, number> = Object.fromEntries(LIVELIHOOD_PHASES.map((p) => [p, 0]));
    for (const p of projects) {
      if (p.startedOn > chinaDay(new Date(at.getTime() - 1))) continue;
      const last = changes.filter((c) => c.details.projectId === p.id).pop();
      out[(last?.details.phase as string) ?? p.initialPhase]! += 1;
    }
    return out;
  }

  const metrics = (from: Date, to: Date, codes: string[]) => gridMetrics(s, admin, grid, from, to, codes);

  it('equal figures counted independently from the records, now and at the end of a past period', async () => {
    const from = new Date(Date.now() - 365 * DAY);
    const to = new Date();
    const acts = await s.em().find(Activity, {
      gridId: uuidOf(grid),
      kind: 'livelihood.consultation',
      occurredAt: { $gte: from, $lt: to },
    });
    const stage = (st: string) => acts.filter((a) => a.details.stage === st);
    const after = stage('AFTER').map((a) => a.details.satisfaction as number);
    const phases = await phasesAt(to);
    const expected: Record<string, number> = {
      'livelihood.projects': Object.values(phases).reduce((a, b) => a + b, 0),
      ...Object.fromEntries(
        LIVELIHOOD_PHASES.map((p) => [`livelihood.projects_${p.toLowerCase()}`, phases[p]]),
      ),
      'livelihood.consultations_before': stage('BEFORE').length,
      'livelihood.consultations_during': stage('DURING').length,
      'livelihood.consultations_after': stage('AFTER').length,
      'livelihood.consultation_participants': acts.reduce(
        (n, a) => n + (a.details.participants as number),
        0,
      ),
      'livelihood.satisfaction': after.length
        ? Math.round((10 * after.reduce((a, b) => a + b, 0)) / after.length) / 10
        : 0,
    };
    expect(await metrics(from, to, Object.keys(expected))).toEqual(expected);
    expect(expected['livelihood.projects_manage']).toBeGreaterThan(0);
    expect(expected['livelihood.satisfaction']).toBeGreaterThan(0);

    // Half a year ago the demo projects stood at earlier phases than now.
    const past = new Date(Date.now() - 180 * DAY);
    const then = await phasesAt(past);
    const codes = LIVELIHOOD_PHASES.map((p) => `livelihood.projects_${p.toLowerCase()}`);
    expect(await metrics(new Date(past.getTime() - 90 * DAY), past, codes)).toEqual(
      Object.fromEntries(LIVELIHOOD_PHASES.map((p) => [`livelihood.projects_${p.toLowerCase()}`, then[p]])),
    );
    expect(then).not.toEqual(phases);
  });
});
