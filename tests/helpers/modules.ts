import { createTestServer, ok, type GqlResult, type TestServer } from './test-server';

/*
 * Small helpers the tests of characteristic-grid modules (modules/<id>/<id>.test.ts) share.
 */

export const DAY = 24 * 3600 * 1000;

/** The uuid inside a global id. */
export const uuidOf = (gid: string): string => Buffer.from(gid, 'base64url').toString().split(':')[1]!;

/** The input field a BAD_USER_INPUT names. */
export const errorField = (res: GqlResult): string | undefined => res.errors?.[0]?.extensions?.field;

/** An ISO time `days` days ago (negative: ahead). */
export const daysAgoIso = (days: number): string => new Date(Date.now() - days * DAY).toISOString();

/** The calendar day of an instant in China. */
export const chinaDay = (d: Date): string => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

/** Global ids of the demo grids by theme (module id). */
export async function gridsByTheme(s: TestServer, token: string): Promise<Record<string, string>> {
  const nodes = ok(await s.gql('{ grids(first: 100) { nodes { id theme } } }', {}, { token })).grids
    .nodes as {
    id: string;
    theme: string | null;
  }[];
  return Object.fromEntries(nodes.filter((g) => g.theme).map((g) => [g.theme, g.id]));
}

/** Switches a module on for a grid (e.g. a second grid, to try references across grids). */
export async function enableModule(
  s: TestServer,
  token: string,
  gridId: string,
  moduleId: string,
): Promise<void> {
  ok(
    await s.gql(
      'mutation($i: EnableModuleInput!) { enableModule(input: $i) { enabled } }',
      { i: { gridId, moduleId } },
      { token },
    ),
  );
}

/** Changes some settings of a module on a grid. */
export async function updateSettings(
  s: TestServer,
  token: string,
  gridId: string,
  moduleId: string,
  settings: Record<string, unknown>,
): Promise<void> {
  ok(
    await s.gql(
      'mutation($i: UpdateModuleSettingsInput!) { updateModuleSettings(input: $i) { settings } }',
      { i: { gridId, moduleId, settings } },
      { token },
    ),
  );
}

/** Metric values of one grid over [from, to), by code. */
export async function gridMetrics(
  s: TestServer,
  token: string,
  gridId: string,
  from: Date,
  to: Date,
  codes: string[],
): Promise<Record<string, number>> {
  const values = ok(
    await s.gql(
      'query($s: MetricScopeInput!, $p: PeriodInput!, $c: [String!]) { metrics(scope: $s, period: $p, codes: $c) { code value } }',
      { s: { gridId }, p: { from: from.toISOString(), to: to.toISOString() }, c: codes },
      { token },
    ),
  ).metrics as { code: string; value: number }[];
  return Object.fromEntries(values.map((v) => [v.code, v.value]));
}

/** What a module's test starts from. */
export interface ModuleTestSetup {
  s: TestServer;
  /** community_admin's token. */
  admin: string;
  /** The module's demo grid. */
  grid: string;
  /** The demo grid of `alsoOnTheme`, where the module is switched on too (for cross-grid checks). */
  otherGrid: string;
}

/** A test server, the community admin, the module's demo grid and, optionally, a second grid with it on. */
export async function startModuleTest(moduleId: string, alsoOnTheme?: string): Promise<ModuleTestSetup> {
  const s = await createTestServer();
  const admin = await s.login('community_admin');
  const grids = await gridsByTheme(s, admin);
  const otherGrid = alsoOnTheme ? grids[alsoOnTheme]! : '';
  if (alsoOnTheme) await enableModule(s, admin, otherGrid, moduleId);
  return { s, admin, grid: grids[moduleId]!, otherGrid };
}
