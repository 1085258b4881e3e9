import { getMetadataStorage } from 'type-graphql';
import { isObjectType, type GraphQLSchema } from 'graphql';
import type { AnyGridModule } from '../../src/modules';
import { detailsExampleToApi, type DetailsShape } from '../../src/modules/details';
import { camelCase, pascalCase, snakeCase } from '../../src/modules/naming';
import { manifestProblems, registry } from '../../src/modules/registry';
import { checkSettingsSpec, defaultSettings, mergeSettings } from '../../src/modules/settings';
import { buildAppSchema } from '../../src/graphql/schema';
import { parseGlobalId } from '../../src/graphql/global-id';
import { createTestServer, errorCode, ok, type TestServer } from '../helpers/test-server';

/*
 * The contract every module in modules/index.ts passes, run by contract.test.ts for the installed
 * modules and by fourth-module.test.ts for a module that exists only in the tests. It goes through
 * GraphQL like a client, and knows nothing about any particular module.
 */

const YEAR_MS = 365 * 24 * 3600 * 1000;

const GRIDS = `{ grids(first: 100) { nodes { id code theme modules { moduleId } } } }`;

/** A selection set for a generated details type, from its shape. */
function detailsSelection(shape: DetailsShape): string {
  return shape.fields
    .map((f) => (f.nested ? `${f.name} { ${detailsSelection(f.nested)} }` : f.name))
    .join(' ');
}

/** Root fields a module's resolvers declare, from type-graphql's metadata. */
function rootFields(m: AnyGridModule): { queries: string[]; mutations: string[] } {
  const storage = getMetadataStorage();
  const own = (t: unknown) => m.resolvers.includes(t as never);
  return {
    queries: storage.queries.filter((q) => own(q.target)).map((q) => q.schemaName),
    mutations: storage.mutations.filter((q) => own(q.target)).map((q) => q.schemaName),
  };
}

export interface ContractOptions {
  /** Called once the server is up (e.g. to create the tables of a module that only exists in tests). */
  prepare?(s: TestServer): Promise<void>;
}

export function runModuleContract(
  modules: () => readonly AnyGridModule[],
  options: ContractOptions = {},
): void {
  let s: TestServer;
  let bare: GraphQLSchema;
  let rules: Record<string, Record<string, unknown>>;
  let admin: string;
  let worker1: string;
  let worker2: string;
  let grids: { id: string; code: string; theme: string | null; modules: { moduleId: string }[] }[];
  let worker1Grid: string;
  let worker2Grid: string;

  beforeAll(async () => {
    s = await createTestServer();
    await options.prepare?.(s);
    const built = await buildAppSchema();
    bare = built.bare;
    rules = built.rules as Record<string, Record<string, unknown>>;
    admin = await s.login('community_admin');
    worker1 = await s.login('grid_worker');
    worker2 = await s.login('grid_worker2');
    grids = ok(await s.gql(GRIDS, {}, { token: admin })).grids.nodes;
    worker1Grid = grids.find((g) => g.code === 'SQ0101-01')!.id;
    worker2Grid = grids.find((g) => g.code === 'SQ0101-02')!.id;
  });

  /**
   * A grid other than the module's home, where the module never ran, and its grid worker: grid 2's
   * unless the module's demo grid is grid 2 itself (then grid 1's).
   */
  const elsewhere = (home: string) =>
    home === worker2Grid ? { grid: worker1Grid, worker: worker1 } : { grid: worker2Grid, worker: worker2 };

  afterAll(() => s.close());

  /**
   * The module's demo grid: the grid of its theme, else the first grid its demo seed enabled it on
   * (a module that is no theme of its own), else a grid where the test enables it.
   */
  async function homeGrid(m: AnyGridModule): Promise<string> {
    const themed =
      grids.find((g) => g.theme === m.id) ?? grids.find((g) => g.modules.some((x) => x.moduleId === m.id));
    if (themed) return themed.id;
    const spare = grids.find((g) => g.code === 'SQ0101-03')!;
    const res = await s.gql(
      `query($g: ID!) { node(id: $g) { ... on Grid { modules { moduleId } } } }`,
      { g: spare.id },
      { token: admin },
    );
    if (!ok(res).node.modules.some((x: any) => x.moduleId === m.id)) {
      ok(
        await s.gql(
          'mutation($i: EnableModuleInput!) { enableModule(input: $i) { enabled } }',
          { i: { gridId: spare.id, moduleId: m.id } },
          { token: admin },
        ),
      );
    }
    return spare.id;
  }

  async function newGrid(code: string): Promise<string> {
    const community = ok(await s.gql('{ communities(first: 1) { nodes { id } } }', {}, { token: admin }))
      .communities.nodes[0].id;
    return ok(
      await s.gql(
        'mutation($i: CreateGridInput!) { createGrid(input: $i) { id } }',
        { i: { communityId: community, code, name: `契约测试网格 ${code}` } },
        { token: admin },
      ),
    ).createGrid.id;
  }

  const recordedAt = () => new Date(Date.now() - 3600_000);

  async function recordKind(m: AnyGridModule, key: string, gridId: string, details: unknown, token = admin) {
    const kind = registry().kind(`${m.id}.${key}`)!;
    const selection = kind.types.details.outType ? `details { ${detailsSelection(kind.types.details)} }` : '';
    return s.gql(
      `mutation($i: ${kind.types.baseName}ActivityInput!) {
         ${kind.types.mutationName}(input: $i) { __typename id kind moduleId participants beneficiaries detailsJson ${selection} }
       }`,
      {
        i: {
          gridId,
          occurredAt: recordedAt().toISOString(),
          ...(kind.types.details.inType ? { details } : {}),
        },
      },
      { token },
    );
  }

  const each = (name: string, fn: (m: AnyGridModule) => Promise<void> | void) => {
    for (const m of modules()) it(`${m.id}: ${name}`, async () => fn(m));
  };

  describe('manifest', () => {
    each('is valid: kebab-case id, version, names, kinds, prefixed unique metric codes', (m) => {
      expect(manifestProblems(m)).toEqual([]);
    });

    each('names its tables <module_id>_* and its GraphQL types <ModuleId>*', (m) => {
      const meta = s.app.orm.getMetadata();
      for (const e of m.entities) {
        expect(meta.get(e.name).tableName).toMatch(new RegExp(`^${snakeCase(m.id)}_`));
        const gql = getMetadataStorage().objectTypes.find((o) => o.target === e)?.name;
        if (gql) expect(gql.startsWith(pascalCase(m.id))).toBe(true);
      }
      for (const [type, r] of Object.entries(m.permissions)) {
        if (type === 'Query' || type === 'Mutation') continue;
        if (type.startsWith(pascalCase(m.id))) continue;
        // A field map on a core type: the module adds fields there, named after itself.
        expect(typeof r === 'object' && !('resolve' in r)).toBe(true);
        for (const field of Object.keys(r)) expect(field.startsWith(camelCase(m.id))).toBe(true);
      }
    });

    each('names its root fields after itself and gives each a rule', (m) => {
      const { queries, mutations } = rootFields(m);
      const named = (f: string) => f.startsWith(camelCase(m.id)) || f.includes(pascalCase(m.id));
      for (const f of [...queries, ...mutations]) expect(named(f) ? f : `unprefixed ${f}`).toBe(f);
      const perms = m.permissions as Record<string, Record<string, unknown>>;
      for (const q of queries) expect(perms.Query?.[q] ? q : `no rule for Query.${q}`).toBe(q);
      for (const q of mutations) expect(perms.Mutation?.[q] ? q : `no rule for Mutation.${q}`).toBe(q);
    });

    each('activity kinds become <ModuleId><Kind>Activity types and record<ModuleId><Kind> mutations', (m) => {
      const mutation = bare.getMutationType()!.getFields();
      for (const key of Object.keys(m.activityKinds)) {
        const base = `${pascalCase(m.id)}${pascalCase(key)}`;
        const type = bare.getType(`${base}Activity`);
        expect(type && isObjectType(type) && type.getInterfaces().map((i) => i.name)).toEqual([
          'Activity',
          'Node',
        ]);
        expect(mutation[`record${base}`]).toBeDefined();
      }
    });

    each('is listed by the `modules` query with its settings schema, kinds and metrics', async (m) => {
      const res = ok(
        await s.gql(
          `query($id: String!) { module(id: $id) { id version name { zh en }
             settings { name type default required options { value } }
             activityKinds { code typeName mutation } metrics { code unit label { zh en } } } }`,
          { id: m.id },
          { token: admin },
        ),
      ).module;
      expect(res.id).toBe(m.id);
      expect(res.settings.map((f: any) => f.name)).toEqual(Object.keys(m.settings));
      expect(res.activityKinds.map((k: any) => k.code)).toEqual(
        Object.keys(m.activityKinds).map((k) => `${m.id}.${k}`),
      );
      expect(res.metrics.map((x: any) => x.code)).toEqual(m.metrics.map((x) => x.code));
    });
  });

  describe('settings', () => {
    each('defaults are valid against their own schema', (m) => {
      expect(checkSettingsSpec(m.settings)).toEqual([]);
      const needsValue = Object.values(m.settings).some((f: any) => f.required && f.default === undefined);
      if (!needsValue) {
        const defaults = defaultSettings(m.settings);
        expect(mergeSettings(m.settings, defaults, {})).toEqual(defaults);
      }
    });

    each('a value of the wrong type is BAD_USER_INPUT naming the setting, and nothing changes', async (m) => {
      const [name, spec] = Object.entries(m.settings)[0] ?? [];
      if (!name) return;
      const gridId = await homeGrid(m);
      const wrong =
        (spec as any).type === 'boolean' ? 'yes' : (spec as any).type === 'enum' ? 'NO_SUCH_VALUE' : { x: 1 };
      const res = await s.gql(
        'mutation($i: UpdateModuleSettingsInput!) { updateModuleSettings(input: $i) { settings } }',
        { i: { gridId, moduleId: m.id, settings: { [name]: wrong } } },
        { token: admin },
      );
      expect(errorCode(res)).toBe('BAD_USER_INPUT');
      expect(res.errors![0]!.extensions!.field).toBe(`input.settings.${name}`);
    });
  });

  describe('activities', () => {
    each('every activity kind round-trips through GraphQL', async (m) => {
      const gridId = await homeGrid(m);
      for (const [key, spec] of Object.entries(m.activityKinds) as [string, any][]) {
        const kind = registry().kind(`${m.id}.${key}`)!;
        const example = await spec.example(s.em(), parseGlobalId(gridId)!.id);
        const input = detailsExampleToApi(kind.types.details, example);
        const recorded = ok(await recordKind(m, key, gridId, input))[kind.types.mutationName];
        expect(recorded).toMatchObject({
          __typename: `${kind.types.baseName}Activity`,
          kind: kind.code,
          moduleId: m.id,
        });
        for (const [field, value] of Object.entries(input))
          expect(recorded.detailsJson[field]).toEqual(value);
        if (kind.types.details.outType) {
          for (const f of kind.types.details.fields)
            expect(recorded.details[f.name]).toEqual(recorded.detailsJson[f.name]);
        }
        const read = ok(
          await s.gql(
            'query($id: ID!) { node(id: $id) { __typename ... on Activity { kind detailsJson grid { id } module { id } } } }',
            { id: recorded.id },
            { token: admin },
          ),
        ).node;
        expect(read).toEqual({
          __typename: recorded.__typename,
          kind: kind.code,
          detailsJson: recorded.detailsJson,
          grid: { id: gridId },
          module: { id: m.id },
        });
        const feed = ok(
          await s.gql(
            'query($f: ActivityFilter) { activities(first: 100, filter: $f) { nodes { id } } }',
            { f: { gridId, kind: kind.code, from: new Date(Date.now() - 2 * 3600_000).toISOString() } },
            { token: admin },
          ),
        ).activities.nodes;
        expect(feed.map((n: any) => n.id)).toContain(recorded.id);
      }
    });
  });

  describe('metrics', () => {
    const period = () => ({
      from: new Date(Date.now() - YEAR_MS).toISOString(),
      to: new Date().toISOString(),
    });
    const METRICS =
      'query($s: MetricScopeInput!, $p: PeriodInput!, $c: [String!]) { metrics(scope: $s, period: $p, codes: $c) { code value gridCount unit label { zh en } } }';

    each('every metric computes on the demo data', async (m) => {
      if (!m.metrics.length) return;
      const gridId = await homeGrid(m);
      const codes = m.metrics.map((x) => x.code);
      for (const scope of [{ gridId }, { communityId: undefined as string | undefined }]) {
        if ('communityId' in scope) {
          scope.communityId = ok(
            await s.gql('{ communities(first: 1) { nodes { id } } }', {}, { token: admin }),
          ).communities.nodes[0].id;
        }
        const values = ok(
          await s.gql(METRICS, { s: scope, p: period(), c: codes }, { token: admin }),
        ).metrics;
        expect(values.map((v: any) => v.code)).toEqual(codes);
        for (const v of values) {
          expect(Number.isFinite(v.value)).toBe(true);
          expect(v.value).toBeGreaterThanOrEqual(0);
          expect(v.gridCount).toBeGreaterThanOrEqual(1);
        }
        if (m.seed) expect(values.some((v: any) => v.value > 0)).toBe(true);
      }
    });

    each('every metric is 0 on an empty grid, and on a grid where the module never ran', async (m) => {
      if (!m.metrics.length) return;
      const codes = m.metrics.map((x) => x.code);
      const empty = await newGrid(`CT-${m.id}`.slice(0, 32));
      ok(
        await s.gql(
          'mutation($i: EnableModuleInput!) { enableModule(input: $i) { enabled } }',
          { i: { gridId: empty, moduleId: m.id } },
          { token: admin },
        ),
      );
      const onEmpty = ok(
        await s.gql(METRICS, { s: { gridId: empty }, p: period(), c: codes }, { token: admin }),
      ).metrics;
      expect(onEmpty.map((v: any) => [v.code, v.value, v.gridCount])).toEqual(codes.map((c) => [c, 0, 1]));
      const never = elsewhere(await homeGrid(m)).grid;
      const onNever = ok(
        await s.gql(METRICS, { s: { gridId: never }, p: period(), c: codes }, { token: admin }),
      ).metrics;
      expect(onNever.map((v: any) => [v.value, v.gridCount])).toEqual(codes.map(() => [0, 0]));
    });
  });

  describe('enablement', () => {
    each(
      'writes are refused with MODULE_NOT_ENABLED where the module is off; re-enabling restores',
      async (m) => {
        const gridId = await homeGrid(m);
        const target = await newGrid(`CTD-${m.id}`.slice(0, 32));
        const kinds = Object.entries(m.activityKinds) as [string, any][];
        const inputs = await Promise.all(
          kinds.map(async ([key, spec]) =>
            detailsExampleToApi(
              registry().kind(`${m.id}.${key}`)!.types.details,
              await spec.example(s.em(), parseGlobalId(gridId)!.id),
            ),
          ),
        );
        // Never enabled there.
        for (const [i, [key]] of kinds.entries())
          expect(errorCode(await recordKind(m, key, target, inputs[i]))).toBe('MODULE_NOT_ENABLED');
        const toggle = (op: 'enableModule' | 'disableModule') =>
          s.gql(
            `mutation($i: ${op === 'enableModule' ? 'EnableModuleInput' : 'DisableModuleInput'}!) { ${op}(input: $i) { enabled } }`,
            { i: { gridId: target, moduleId: m.id } },
            { token: admin },
          );
        ok(await toggle('enableModule'));
        ok(await toggle('disableModule'));
        for (const [i, [key]] of kinds.entries())
          expect(errorCode(await recordKind(m, key, target, inputs[i]))).toBe('MODULE_NOT_ENABLED');
        ok(await toggle('enableModule'));
        const periods = ok(
          await s.gql(
            'query($g: ID!) { node(id: $g) { ... on Grid { modules(includeDisabled: true) { moduleId enabled periods { startedAt endedAt } } } } }',
            { g: target },
            { token: admin },
          ),
        ).node.modules.find((x: any) => x.moduleId === m.id);
        expect(periods.enabled).toBe(true);
        expect(periods.periods).toHaveLength(2);
        expect(periods.periods[0].endedAt).not.toBeNull();
        expect(periods.periods[1].endedAt).toBeNull();
      },
    );
  });

  describe('permissions', () => {
    each('no field of its types, or of its activity types, is without a shield rule', (m) => {
      const prefix = pascalCase(m.id);
      const missing: string[] = [];
      for (const type of Object.values(bare.getTypeMap())) {
        if (!isObjectType(type) || !type.name.startsWith(prefix)) continue;
        const r = rules[type.name];
        for (const field of Object.keys(type.getFields()))
          if (!(r && (r[field] || r['*']))) missing.push(`${type.name}.${field}`);
      }
      const { queries, mutations } = rootFields(m);
      for (const q of queries) if (!rules.Query?.[q]) missing.push(`Query.${q}`);
      for (const q of [
        ...mutations,
        ...Object.keys(m.activityKinds).map((k) => `record${prefix}${pascalCase(k)}`),
      ])
        if (!rules.Mutation?.[q]) missing.push(`Mutation.${q}`);
      expect(missing).toEqual([]);
    });
  });

  describe('jurisdiction', () => {
    each(
      "a grid worker sees none of another grid's records, through its lists, node() or the feed",
      async (m) => {
        const home = await homeGrid(m);
        const { grid: outsiderGrid, worker: outsider } = elsewhere(home);
        const { queries } = rootFields(m);
        const query = bare.getQueryType()!.getFields();
        for (const q of queries) {
          const field = query[q]!;
          if (field.args.some((a) => a.type.toString().endsWith('!'))) continue;
          const type = field.type.toString().replace(/!$/, '');
          if (!type.endsWith('Connection')) continue;
          const doc = `{ ${q}(first: 100) { nodes { id grid { id } } } }`;
          const all = ok(await s.gql(doc, {}, { token: admin }))[q].nodes;
          const mine = ok(await s.gql(doc, {}, { token: outsider }))[q].nodes;
          for (const n of mine) expect(n.grid.id).toBe(outsiderGrid);
          const foreign = all.find((n: any) => n.grid.id !== outsiderGrid);
          if (m.seed) expect(foreign).toBeDefined();
          if (foreign) {
            const res = await s.gql(
              'query($id: ID!) { node(id: $id) { id } }',
              { id: foreign.id },
              { token: outsider },
            );
            expect(errorCode(res)).toBe('NOT_FOUND');
          }
        }
        const feed = ok(
          await s.gql(
            'query($f: ActivityFilter) { activities(first: 100, filter: $f) { nodes { grid { id } } } }',
            { f: { moduleId: m.id } },
            { token: outsider },
          ),
        ).activities.nodes;
        for (const n of feed) expect(n.grid.id).toBe(outsiderGrid);
        const [key, spec] = Object.entries(m.activityKinds)[0] as [string, any];
        if (key) {
          const kind = registry().kind(`${m.id}.${key}`)!;
          const input = detailsExampleToApi(
            kind.types.details,
            await spec.example(s.em(), parseGlobalId(home)!.id),
          );
          expect(errorCode(await recordKind(m, key, home, input, outsider))).toBe('FORBIDDEN');
        }
      },
    );
  });
}
