import { DomainEvent } from '../../src/integration';
import { GridModule } from '../../src/modules/grid-module.entity';
import { Activity } from '../../src/modules/activity.entity';
import { createTestServer, errorCode, ok, type TestServer } from '../helpers/test-server';
import { installedModules } from '../../modules';
import { VolunteerTeam } from '../../modules/volunteer/volunteer.entities';

let s: TestServer;
let admin: string;
let grids: Record<string, { id: string; code: string; theme: string }>;
let communityId: string;

const DAY = 24 * 3600 * 1000;
const lastYear = () => ({
  from: new Date(Date.now() - 365 * DAY).toISOString(),
  to: new Date().toISOString(),
});
const uuidOf = (gid: string) => Buffer.from(gid, 'base64url').toString().split(':')[1]!;

beforeAll(async () => {
  s = await createTestServer();
  admin = await s.login('community_admin');
  const nodes = ok(await s.gql('{ grids(first: 20) { nodes { id code theme } } }', {}, { token: admin }))
    .grids.nodes;
  grids = Object.fromEntries(nodes.map((g: any) => [g.theme, g]));
  communityId = ok(await s.gql('{ communities(first: 1) { nodes { id } } }', {}, { token: admin }))
    .communities.nodes[0].id;
});
afterAll(() => s.close());

const ENABLE =
  'mutation($i: EnableModuleInput!) { enableModule(input: $i) { moduleId enabled settings enabledAt } }';
const DISABLE =
  'mutation($i: DisableModuleInput!) { disableModule(input: $i) { moduleId enabled disabledAt disabledReason } }';
const UPDATE = 'mutation($i: UpdateModuleSettingsInput!) { updateModuleSettings(input: $i) { settings } }';
const METRICS = `query($s: MetricScopeInput!, $p: PeriodInput!, $c: [String!]) {
  metrics(scope: $s, period: $p, codes: $c) { code value gridCount moduleId unit label { zh en } } }`;

/**
 * Domain events of a type, read from the outbox table: the public feed holds back events while any
 * older transaction runs (on a shared PostgreSQL, other test databases' too), so it may lag a test.
 */
async function eventsOfType(type: string): Promise<{ type: string; payload: any }[]> {
  return s.em().find(DomainEvent, { type }, { orderBy: { seq: 'asc' } });
}

describe('the modules query', () => {
  it('lists the installed modules with a settings schema a frontend can render', async () => {
    const modules = ok(
      await s.gql(
        `{ modules { id version name { zh en } description { zh }
            settings { name type label { zh en } description { zh en } default required min max maxLength options { value label { zh en } } }
            activityKinds { code label { zh } typeName mutation } metrics { code unit moduleId } } }`,
        {},
        { token: admin },
      ),
    ).modules;
    // In the order of modules/index.ts, whatever modules are listed there.
    expect(modules.map((m: any) => m.id)).toEqual(installedModules.map((m) => m.id));
    expect(modules.map((m: any) => m.id)).toEqual(
      expect.arrayContaining(['volunteer', 'elderly-care', 'legal']),
    );
    expect(modules.map((m: any) => m.id)).toEqual(expect.arrayContaining(['care', 'self-governance']));
    const elderly = modules.find((m: any) => m.id === 'elderly-care');
    expect(elderly.name).toEqual({ zh: '居家养老型网格', en: 'Home elderly care' });
    expect(elderly.settings[0]).toEqual({
      name: 'visitIntervalDays',
      type: 'INT',
      label: { zh: '探访周期（天）', en: 'Visit interval (days)' },
      description: expect.objectContaining({ zh: expect.any(String), en: expect.any(String) }),
      default: 30,
      required: true,
      min: 1,
      max: 365,
      maxLength: null,
      options: [],
    });
    const day = modules
      .find((m: any) => m.id === 'legal')
      .settings.find((f: any) => f.name === 'consultationDay');
    expect(day.type).toBe('ENUM');
    expect(day.options[0]).toEqual({ value: 'MONDAY', label: { zh: '星期一', en: 'Monday' } });
    expect(elderly.activityKinds.map((k: any) => [k.code, k.typeName, k.mutation])).toEqual([
      ['elderly-care.visit', 'ElderlyCareVisitActivity', 'recordElderlyCareVisit'],
      ['elderly-care.clinic', 'ElderlyCareClinicActivity', 'recordElderlyCareClinic'],
      ['elderly-care.birthday', 'ElderlyCareBirthdayActivity', 'recordElderlyCareBirthday'],
    ]);
    const defs = ok(
      await s.gql('{ metricDefinitions { code moduleId } }', {}, { token: admin }),
    ).metricDefinitions;
    expect(defs).toEqual(
      expect.arrayContaining([
        { code: 'activities.count', moduleId: null },
        { code: 'volunteer.service_hours', moduleId: 'volunteer' },
        { code: 'legal.mediation_success_rate', moduleId: 'legal' },
      ]),
    );
  });

  it('answers null for a module that is not installed', async () => {
    expect(
      ok(await s.gql('{ module(id: "no-such-module") { id } }', {}, { token: admin })).module,
    ).toBeNull();
  });
});

describe('one grid in one query: its modules, its activity feed and its metrics', () => {
  it('shows the demo data', async () => {
    const res = ok(
      await s.gql(
        `query($g: ID!, $p: PeriodInput!) { node(id: $g) { ... on Grid {
            code theme themeModule { id name { zh } }
            modules { moduleId enabled settings enabledAt periods { startedAt endedAt } module { version } }
            activities(first: 3) { totalCount pageInfo { hasNextPage }
              nodes { __typename kind occurredAt title participants beneficiaries module { id }
                ... on ElderlyCareVisitActivity { details { profileId visitType visitors } } } }
            metrics(period: $p, codes: ["activities.count", "elderly-care.visits", "elderly-care.elderly_registered"]) { code value gridCount }
        } } }`,
        { g: grids['elderly-care']!.id, p: lastYear() },
        { token: admin },
      ),
    ).node;
    expect(res.themeModule).toEqual({ id: 'elderly-care', name: { zh: '居家养老型网格' } });
    expect(res.modules).toEqual([
      {
        moduleId: 'elderly-care',
        enabled: true,
        settings: { visitIntervalDays: 30, minAge: 60 },
        enabledAt: expect.any(String),
        periods: [{ startedAt: expect.any(String), endedAt: null }],
        module: { version: '1.0.0' },
      },
    ]);
    expect(res.activities.totalCount).toBeGreaterThan(20);
    const times = res.activities.nodes.map((n: any) => n.occurredAt);
    expect([...times].sort().reverse()).toEqual(times);
    const visits = res.metrics.find((m: any) => m.code === 'elderly-care.visits');
    expect(visits.value).toBeGreaterThan(0);
    expect(res.metrics.find((m: any) => m.code === 'elderly-care.elderly_registered').value).toBeGreaterThan(
      0,
    );
    // elderly-care runs on a second grid as well (beside that grid's own care module), with its own settings.
    const care = ok(
      await s.gql(
        'query($g: ID!) { node(id: $g) { ... on Grid { modules { moduleId settings } } } }',
        { g: grids.care!.id },
        { token: admin },
      ),
    ).node;
    expect(care.modules).toEqual([
      { moduleId: 'care', settings: { visitIntervalDays: 30 } },
      { moduleId: 'elderly-care', settings: { visitIntervalDays: 14, minAge: 60 } },
    ]);
  });
});

describe('enabling, configuring and disabling', () => {
  it('enables with validated settings, records the event, and refuses bad input without writing', async () => {
    // A new grid of the community: no module has ever been on there.
    const grid = ok(
      await s.gql(
        'mutation($i: CreateGridInput!) { createGrid(input: $i) { id } }',
        { i: { communityId, code: 'SQ0101-20', name: '新划网格' } },
        { token: admin },
      ),
    ).createGrid.id;
    const before = (await eventsOfType('module.enabled')).length;
    for (const [input, code, field] of [
      [{ moduleId: 'no-such-module' }, 'BAD_USER_INPUT', 'input.moduleId'],
      [
        { moduleId: 'elderly-care', settings: { visitIntervalDays: 'weekly' } },
        'BAD_USER_INPUT',
        'input.settings.visitIntervalDays',
      ],
      [
        { moduleId: 'elderly-care', settings: { visitIntervalDays: 0 } },
        'BAD_USER_INPUT',
        'input.settings.visitIntervalDays',
      ],
      [
        { moduleId: 'legal', settings: { consultationDay: 'FUNDAY' } },
        'BAD_USER_INPUT',
        'input.settings.consultationDay',
      ],
      [{ moduleId: 'legal', settings: { colour: 'red' } }, 'BAD_USER_INPUT', 'input.settings.colour'],
    ] as const) {
      const res = await s.gql(ENABLE, { i: { gridId: grid, ...input } }, { token: admin });
      expect([errorCode(res), res.errors?.[0]?.extensions?.field]).toEqual([code, field]);
    }
    const em = s.em();
    expect(await em.count(GridModule, { gridId: uuidOf(grid) })).toBe(0);
    const enabled = ok(
      await s.gql(
        ENABLE,
        { i: { gridId: grid, moduleId: 'legal', settings: { consultationDay: 'FRIDAY' } } },
        { token: admin },
      ),
    ).enableModule;
    expect(enabled).toMatchObject({
      moduleId: 'legal',
      enabled: true,
      settings: { consultationDay: 'FRIDAY', mediationTargetDays: 30 },
    });
    const again = await s.gql(ENABLE, { i: { gridId: grid, moduleId: 'legal' } }, { token: admin });
    expect(errorCode(again)).toBe('CONFLICT');
    const events = await eventsOfType('module.enabled');
    expect(events.length).toBe(before + 1);
    expect(events[events.length - 1].payload).toMatchObject({
      moduleId: 'legal',
      settings: { consultationDay: 'FRIDAY' },
    });
  });

  it('only administrators of the grid manage modules', async () => {
    const worker = await s.login('grid_worker');
    const res = await s.gql(
      ENABLE,
      { i: { gridId: grids.volunteer!.id, moduleId: 'legal' } },
      { token: worker },
    );
    expect(errorCode(res)).toBe('FORBIDDEN');
    // A community administrator of another community gets FORBIDDEN on a grid of this one.
    const street = await s.login('street_admin');
    const streetId = ok(await s.gql('{ streets(first: 1) { nodes { id } } }', {}, { token: street })).streets
      .nodes[0].id;
    const other = ok(
      await s.gql(
        'mutation($i: CreateCommunityInput!) { createCommunity(input: $i) { id } }',
        { i: { streetId, code: 'SQ0199', name: '邻近社区' } },
        { token: street },
      ),
    ).createCommunity.id;
    const farGrid = ok(
      await s.gql(
        'mutation($i: CreateGridInput!) { createGrid(input: $i) { id } }',
        { i: { communityId: other, code: 'SQ0199-01', name: '邻近网格' } },
        { token: street },
      ),
    ).createGrid.id;
    const far = await s.gql(ENABLE, { i: { gridId: farGrid, moduleId: 'legal' } }, { token: admin });
    expect(errorCode(far)).toBe('FORBIDDEN');
  });

  it('updates settings partially; null resets one to its default; the event lists what changed', async () => {
    const grid = grids.care!.id;
    const updated = ok(
      await s.gql(
        UPDATE,
        { i: { gridId: grid, moduleId: 'elderly-care', settings: { minAge: 65 } } },
        { token: admin },
      ),
    ).updateModuleSettings.settings;
    expect(updated).toEqual({ visitIntervalDays: 14, minAge: 65 });
    const reset = ok(
      await s.gql(
        UPDATE,
        { i: { gridId: grid, moduleId: 'elderly-care', settings: { minAge: null } } },
        { token: admin },
      ),
    ).updateModuleSettings.settings;
    expect(reset).toEqual({ visitIntervalDays: 14, minAge: 60 });
    const events = await eventsOfType('module.settings_updated');
    expect(events.map((e) => e.payload)).toEqual(
      expect.arrayContaining([
        { moduleId: 'elderly-care', changed: { minAge: 65 } },
        { moduleId: 'elderly-care', changed: { minAge: 60 } },
      ]),
    );
    const off = await s.gql(
      UPDATE,
      { i: { gridId: grids.safety!.id, moduleId: 'elderly-care', settings: { minAge: 70 } } },
      { token: admin },
    );
    expect(errorCode(off)).toBe('MODULE_NOT_ENABLED');
  });

  it('a module may refuse to be switched off, with its reason', async () => {
    const res = await s.gql(
      DISABLE,
      { i: { gridId: grids.volunteer!.id, moduleId: 'volunteer' } },
      { token: admin, locale: 'en' },
    );
    expect(errorCode(res)).toBe('CONFLICT');
    expect(res.errors![0]!.message).toMatch(/pairing\(s\) with households are still active/);
    expect(res.errors![0]!.extensions).toMatchObject({ moduleId: 'volunteer', refusedBy: 'beforeDisable' });
  });

  it('disabling keeps the data readable and the past figures; re-enabling restores writing', async () => {
    const grid = grids.legal!.id;
    const MEDIATIONS =
      'query($g: ID!) { legalMediations(first: 100, filter: { gridId: $g }) { totalCount } }';
    const feed =
      'query($g: ID!) { activities(first: 1, filter: { gridId: $g, moduleId: "legal" }) { totalCount } }';
    const before = {
      mediations: ok(await s.gql(MEDIATIONS, { g: grid }, { token: admin })).legalMediations.totalCount,
      activities: ok(await s.gql(feed, { g: grid }, { token: admin })).activities.totalCount,
      metrics: ok(
        await s.gql(
          METRICS,
          { s: { gridId: grid }, p: lastYear(), c: ['legal.lectures', 'legal.consultations'] },
          { token: admin },
        ),
      ).metrics,
    };
    const off = ok(
      await s.gql(
        DISABLE,
        { i: { gridId: grid, moduleId: 'legal', reason: '本季度暂停' } },
        { token: admin },
      ),
    ).disableModule;
    expect(off).toMatchObject({ enabled: false, disabledReason: '本季度暂停' });
    expect(ok(await s.gql(MEDIATIONS, { g: grid }, { token: admin })).legalMediations.totalCount).toBe(
      before.mediations,
    );
    expect(ok(await s.gql(feed, { g: grid }, { token: admin })).activities.totalCount).toBe(
      before.activities,
    );
    // The module was on during the last year: its figures for that year stand.
    expect(
      ok(
        await s.gql(
          METRICS,
          { s: { gridId: grid }, p: lastYear(), c: ['legal.lectures', 'legal.consultations'] },
          { token: admin },
        ),
      ).metrics,
    ).toEqual(before.metrics);
    // From now on it is off: a period after the switch-off does not count the grid.
    const later = {
      from: new Date(Date.now() + 1000).toISOString(),
      to: new Date(Date.now() + DAY).toISOString(),
    };
    const after = ok(
      await s.gql(METRICS, { s: { gridId: grid }, p: later, c: ['legal.lectures'] }, { token: admin }),
    ).metrics;
    expect(after[0]).toMatchObject({ value: 0, gridCount: 0 });
    const adviser = await s.gql(
      'mutation($i: AddLegalAdviserInput!) { addLegalAdviser(input: $i) { id } }',
      { i: { gridId: grid, name: '李律师', kind: 'LAWYER' } },
      { token: admin },
    );
    expect(errorCode(adviser)).toBe('MODULE_NOT_ENABLED');
    const on = ok(
      await s.gql(ENABLE, { i: { gridId: grid, moduleId: 'legal' } }, { token: admin }),
    ).enableModule;
    expect(on.enabled).toBe(true);
    expect(on.settings).toEqual({ consultationDay: 'WEDNESDAY', mediationTargetDays: 30 });
    ok(
      await s.gql(
        'mutation($i: AddLegalAdviserInput!) { addLegalAdviser(input: $i) { id } }',
        { i: { gridId: grid, name: '李律师', kind: 'LAWYER' } },
        { token: admin },
      ),
    );
    const history = ok(
      await s.gql(
        'query($g: ID!) { node(id: $g) { ... on Grid { modules { periods { startedAt endedAt } } } } }',
        { g: grid },
        { token: admin },
      ),
    ).node.modules[0].periods;
    expect(history).toHaveLength(2);
    expect((await eventsOfType('module.disabled')).some((e) => e.payload.moduleId === 'legal')).toBe(true);
  });
  it('two administrators switching the same module at once: one wins, the other gets CONFLICT', async () => {
    const grid = grids['heart-bridge']!.id;
    ok(await s.gql(ENABLE, { i: { gridId: grid, moduleId: 'legal' } }, { token: admin }));
    ok(await s.gql(DISABLE, { i: { gridId: grid, moduleId: 'legal' } }, { token: admin }));
    const street = await s.login('street_admin');
    const results = await Promise.all(
      [admin, street].map((token) => s.gql(ENABLE, { i: { gridId: grid, moduleId: 'legal' } }, { token })),
    );
    expect(results.map((r) => (r.errors ? errorCode(r) : 'OK')).sort()).toEqual(['CONFLICT', 'OK']);
    const periods = ok(
      await s.gql(
        'query($g: ID!) { node(id: $g) { ... on Grid { modules { moduleId periods { endedAt } } } } }',
        { g: grid },
        { token: admin },
      ),
    ).node.modules.find((m: any) => m.moduleId === 'legal').periods;
    expect(periods.map((p: any) => p.endedAt === null)).toEqual([false, true]);
  });
});

describe('recording activities', () => {
  const CLINIC = `mutation($i: ElderlyCareClinicActivityInput!) { recordElderlyCareClinic(input: $i) {
    id title participants beneficiaries recordedBy { username } details { services doctors attendees elderlyAttendees partner } } }`;
  const clinic = (details: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
    i: {
      gridId: grids['elderly-care']!.id,
      occurredAt: new Date(Date.now() - 3600_000).toISOString(),
      details,
      ...extra,
    },
  });

  it('derives counts and the title from the kind, and records who recorded it', async () => {
    const res = ok(
      await s.gql(CLINIC, clinic({ services: ['测血压'], doctors: 3, attendees: 20, elderlyAttendees: 15 }), {
        token: admin,
      }),
    ).recordElderlyCareClinic;
    expect(res).toMatchObject({
      title: '健康义诊',
      participants: 3,
      beneficiaries: 20,
      recordedBy: { username: 'community_admin' },
      details: { services: ['测血压'], doctors: 3, attendees: 20, elderlyAttendees: 15, partner: null },
    });
    const explicit = ok(
      await s.gql(
        CLINIC,
        clinic(
          { services: ['测血糖'], doctors: 2, attendees: 9, elderlyAttendees: 9 },
          { title: '夏季义诊', beneficiaries: 10 },
        ),
        { token: admin },
      ),
    ).recordElderlyCareClinic;
    expect(explicit).toMatchObject({ title: '夏季义诊', beneficiaries: 10, participants: 2 });
    const events = await eventsOfType('elderly-care.clinic.recorded');
    expect(events.length).toBeGreaterThanOrEqual(2);
  });

  it('refuses details that fail validation, and future times, naming the field and writing nothing', async () => {
    const count = () => s.em().count(Activity, { kind: 'elderly-care.clinic' });
    const before = await count();
    for (const [vars, field] of [
      [
        clinic({ services: ['测血压'], doctors: 3, attendees: 5, elderlyAttendees: 9 }),
        'input.details.elderlyAttendees',
      ],
      [clinic({ services: [], doctors: 3, attendees: 5, elderlyAttendees: 1 }), 'input.details.services'],
      [
        clinic({ services: ['测血压'], doctors: 0, attendees: 5, elderlyAttendees: 1 }),
        'input.details.doctors',
      ],
      [
        clinic(
          { services: ['测血压'], doctors: 1, attendees: 5, elderlyAttendees: 1 },
          { occurredAt: new Date(Date.now() + DAY).toISOString() },
        ),
        'input.occurredAt',
      ],
      [
        clinic({ services: ['测血压'], doctors: 1, attendees: 5, elderlyAttendees: 1 }, { title: '' }),
        'input.title',
      ],
    ] as const) {
      const res = await s.gql(CLINIC, vars, { token: admin });
      expect([errorCode(res), res.errors?.[0]?.extensions?.field]).toEqual(['BAD_USER_INPUT', field]);
    }
    const wrongRef = await s.gql(
      'mutation($i: ElderlyCareVisitActivityInput!) { recordElderlyCareVisit(input: $i) { id } }',
      {
        i: {
          gridId: grids['elderly-care']!.id,
          occurredAt: new Date().toISOString(),
          details: { profileId: grids.legal!.id },
        },
      },
      { token: admin },
    );
    expect([errorCode(wrongRef), wrongRef.errors?.[0]?.extensions?.field]).toEqual([
      'BAD_USER_INPUT',
      'input.details.profileId',
    ]);
    expect(await count()).toBe(before);
  });

  it('the write guard in the flush refuses module records written without the module enabled', async () => {
    const em = s.em();
    const grid = uuidOf(grids.science!.id);
    const g = await em.findOneOrFail('Grid', { id: grid } as never);
    const place = { streetId: (g as any).streetId, communityId: (g as any).communityId, gridId: grid };
    em.create(VolunteerTeam, { ...place, name: '未经启用的队伍' });
    await expect(em.flush()).rejects.toThrow(/without its enablement loaded/);
    const em2 = s.em();
    em2.create(GridModule, { ...place, moduleId: 'volunteer', enabled: false, enabledAt: new Date() });
    em2.create(VolunteerTeam, { ...place, name: '停用模块的队伍' });
    await expect(em2.flush()).rejects.toMatchObject({ extensions: { code: 'MODULE_NOT_ENABLED' } });
    expect(await s.em().count(VolunteerTeam, { gridId: grid })).toBe(0);
  });
});

describe('the activity feed', () => {
  const FEED = `query($first: Int, $after: String, $f: ActivityFilter) { activities(first: $first, after: $after, filter: $f) {
    totalCount pageInfo { hasNextPage hasPreviousPage endCursor } nodes { id kind occurredAt moduleId grid { id } } } }`;

  it('pages newest first without gaps or repeats, and filters by module, kind, period and territory', async () => {
    const f = { gridId: grids.volunteer!.id };
    const first = ok(await s.gql(FEED, { first: 7, f }, { token: admin })).activities;
    const second = ok(
      await s.gql(FEED, { first: 7, f, after: first.pageInfo.endCursor }, { token: admin }),
    ).activities;
    const all = ok(await s.gql(FEED, { first: 14, f }, { token: admin })).activities;
    expect([...first.nodes, ...second.nodes].map((n: any) => n.id)).toEqual(all.nodes.map((n: any) => n.id));
    expect(second.pageInfo.hasPreviousPage).toBe(true);
    const times = all.nodes.map((n: any) => n.occurredAt);
    expect([...times].sort().reverse()).toEqual(times);

    const byModule = ok(
      await s.gql(FEED, { first: 100, f: { communityId, moduleId: 'legal' } }, { token: admin }),
    ).activities;
    expect(byModule.nodes.every((n: any) => n.moduleId === 'legal')).toBe(true);
    const byKind = ok(
      await s.gql(FEED, { first: 100, f: { communityId, kind: 'legal.lecture' } }, { token: admin }),
    ).activities;
    expect(byKind.totalCount).toBeGreaterThan(0);
    expect(byKind.nodes.every((n: any) => n.kind === 'legal.lecture')).toBe(true);
    const from = new Date(Date.now() - 90 * DAY).toISOString();
    const to = new Date(Date.now() - 30 * DAY).toISOString();
    const window = ok(
      await s.gql(FEED, { first: 100, f: { communityId, from, to } }, { token: admin }),
    ).activities;
    expect(window.nodes.every((n: any) => n.occurredAt >= from && n.occurredAt < to)).toBe(true);
    const total = await s.em().count(Activity, { occurredAt: { $gte: new Date(from), $lt: new Date(to) } });
    expect(window.totalCount).toBe(total);
  });

  it('refuses unknown kinds and modules, inverted periods and bad cursors', async () => {
    for (const [vars, field] of [
      [{ f: { kind: 'legal.nope' } }, 'filter.kind'],
      [{ f: { moduleId: 'volunteer', kind: 'legal.lecture' } }, 'filter.kind'],
      [{ f: { moduleId: 'nope' } }, 'filter.moduleId'],
      [{ f: { from: new Date().toISOString(), to: new Date(Date.now() - DAY).toISOString() } }, 'filter.to'],
      [{ after: Buffer.from('00000000-0000-7000-8000-000000000000').toString('base64url') }, 'after'],
    ] as const) {
      const res = await s.gql(FEED, vars, { token: admin });
      expect([errorCode(res), res.errors?.[0]?.extensions?.field]).toEqual(['BAD_USER_INPUT', field]);
    }
  });

  it('a grid worker sees the feed of their own grid only', async () => {
    const worker = await s.login('grid_worker');
    const mine = ok(await s.gql(FEED, { first: 100 }, { token: worker })).activities;
    expect(mine.totalCount).toBeGreaterThan(0);
    expect(mine.nodes.every((n: any) => n.grid.id === grids.volunteer!.id)).toBe(true);
    const other = ok(await s.gql(FEED, { first: 1, f: { gridId: grids.legal!.id } }, { token: admin }))
      .activities.nodes[0];
    expect(
      errorCode(await s.gql('query($id: ID!) { node(id: $id) { id } }', { id: other.id }, { token: worker })),
    ).toBe('NOT_FOUND');
  });

  it('Grid.activities over a page of grids costs the same queries however many grids are listed', async () => {
    const connection = s.app.orm.em.getConnection();
    const spy = jest.spyOn(connection, 'execute');
    const doc = `query($n: Int) { grids(first: $n) { nodes { code modules { moduleId }
      activities(first: 2) { totalCount nodes { kind grid { code } module { id } } } } } }`;
    // The fewest of three tries: the periodic account check of the token (every few seconds) may
    // fall into any one request on a slow machine, and is not what this test measures.
    const run = async (n: number) => {
      let best = { nodes: [] as any[], statements: Infinity };
      for (let i = 0; i < 3; i++) {
        spy.mockClear();
        const nodes = ok(await s.gql(doc, { n }, { token: admin })).grids.nodes;
        if (spy.mock.calls.length < best.statements) best = { nodes, statements: spy.mock.calls.length };
      }
      return best;
    };
    const few = await run(2);
    const many = await run(9);
    spy.mockRestore();
    expect(few.statements).toBeGreaterThan(0);
    expect(many.statements).toBe(few.statements);
    const legal = many.nodes.find((g: any) => g.code === grids.legal!.code);
    expect(legal.activities.nodes).toHaveLength(2);
    expect(legal.activities.totalCount).toBeGreaterThan(2);
  });
});

describe('metrics', () => {
  it('a community figure of a module counts only grids where it was enabled, and sums them', async () => {
    const codes = ['elderly-care.visits', 'activities.count'];
    const community = ok(
      await s.gql(METRICS, { s: { communityId }, p: lastYear(), c: codes }, { token: admin }),
    ).metrics;
    const one = ok(
      await s.gql(
        METRICS,
        { s: { gridId: grids['elderly-care']!.id }, p: lastYear(), c: codes },
        { token: admin },
      ),
    ).metrics;
    const two = ok(
      await s.gql(METRICS, { s: { gridId: grids.care!.id }, p: lastYear(), c: codes }, { token: admin }),
    ).metrics;
    expect(community[0]).toMatchObject({
      code: 'elderly-care.visits',
      moduleId: 'elderly-care',
      gridCount: 2,
      unit: '次',
    });
    expect(community[0].value).toBe(one[0].value + two[0].value);
    expect(community[1]).toMatchObject({ code: 'activities.count', moduleId: null });
    expect(community[1].gridCount).toBeGreaterThanOrEqual(9);
    const from = new Date(lastYear().from);
    const to = new Date(lastYear().to);
    expect(community[1].value).toBe(await s.em().count(Activity, { occurredAt: { $gte: from, $lt: to } }));
    const street = await s.login('street_admin');
    const streetId = ok(await s.gql('{ streets(first: 1) { nodes { id } } }', {}, { token: street })).streets
      .nodes[0].id;
    const onStreet = ok(
      await s.gql(METRICS, { s: { streetId }, p: lastYear(), c: ['elderly-care.visits'] }, { token: street }),
    ).metrics;
    expect(onStreet[0].value).toBe(community[0].value);
  });

  it('refuses bad scopes, periods and codes', async () => {
    const p = lastYear();
    for (const [vars, field] of [
      [{ s: {}, p }, 'scope'],
      [{ s: { gridId: grids.legal!.id, communityId }, p }, 'scope'],
      [{ s: { communityId }, p, c: ['activities.count', 'legal.nope'] }, 'codes.1'],
      [{ s: { communityId }, p: { from: p.to, to: p.from } }, 'period.to'],
      [{ s: { communityId }, p: { from: '2000-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z' } }, 'period'],
    ] as const) {
      const res = await s.gql(METRICS, vars, { token: admin });
      expect([errorCode(res), res.errors?.[0]?.extensions?.field]).toEqual(['BAD_USER_INPUT', field]);
    }
  });

  it('keeps to the jurisdiction: another grid is NOT_FOUND, a wider node FORBIDDEN', async () => {
    const worker = await s.login('grid_worker');
    const p = lastYear();
    expect(errorCode(await s.gql(METRICS, { s: { gridId: grids.legal!.id }, p }, { token: worker }))).toBe(
      'NOT_FOUND',
    );
    expect(errorCode(await s.gql(METRICS, { s: { communityId }, p }, { token: worker }))).toBe('FORBIDDEN');
    const own = ok(
      await s.gql(
        METRICS,
        { s: { gridId: grids.volunteer!.id }, p, c: ['volunteer.services'] },
        { token: worker },
      ),
    ).metrics;
    expect(own[0].value).toBeGreaterThan(0);
  });
});
