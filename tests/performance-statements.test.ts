import { statementTotal } from '../src/db/statement-counter';
import {
  ACTIVITY_FEED,
  CASES_PAGE,
  GRID_METRICS,
  GRID_PAGE,
  OPEN_STATES,
  RESIDENTS_PAGE,
} from '../scripts/bench/scenarios';
import { createTestServer, ok, type TestServer } from './helpers/test-server';

/*
 * The benchmark's scenarios 2–4 with pages of 10 and of 100: the server must send the same number of
 * SQL statements for both (nested lists are batched or windowed, never one query per row). Counted
 * by the server's own statement counter around each request; not timed.
 */
describe('SQL statements per request do not grow with the page size', () => {
  let server: TestServer;
  let token: string;
  let community: string;
  let grid: string;
  let tag: string;

  beforeAll(async () => {
    server = await createTestServer();
    token = await server.login('community_admin');
    const d = ok(
      await server.gql(
        `{ viewer { jurisdiction { community { id grids(first: 20) { nodes { id } } } } } }`,
        {},
        { token },
      ),
    );
    community = d.viewer.jurisdiction.community.id;
    // The grid and tag with the most tagged residents, so a page of 100 holds more than a page of 10.
    let best = -1;
    for (const g of d.viewer.jurisdiction.community.grids.nodes as { id: string }[]) {
      for (const t of ['EMPTY_NEST', 'ELDERLY_ALONE', 'VETERAN', 'NEEDS_CARE']) {
        const n = ok(
          await server.gql(
            `query($g: ID!) { residents(first: 1, filter: { gridId: $g, tags: [${t}] }) { totalCount } }`,
            { g: g.id },
            { token },
          ),
        ).residents.totalCount;
        if (n > best) [best, grid, tag] = [n, g.id, t];
      }
    }
  });

  afterAll(async () => {
    await server?.close();
  });

  /** Statements of one request: the least of two tries (a cached account check may run out in one). */
  async function statementsOf(query: string, variables: Record<string, unknown>) {
    let statements = Infinity;
    let data: Record<string, any> = {};
    for (let i = 0; i < 2; i++) {
      const before = statementTotal();
      data = ok(await server.gql(query, variables, { token }));
      statements = Math.min(statements, statementTotal() - before);
    }
    return { statements, data };
  }

  async function compare(query: string, vars: (first: number) => Record<string, unknown>, list: string) {
    const small = await statementsOf(query, vars(10));
    const large = await statementsOf(query, vars(100));
    expect(small.data[list].nodes).toHaveLength(10);
    // The large page must really be larger, or the comparison would prove nothing.
    expect(large.data[list].nodes.length).toBeGreaterThan(10);
    expect(large.statements).toBe(small.statements);
    return large;
  }

  it('residents of a grid filtered by a tag, each with household and tags', async () => {
    const query = RESIDENTS_PAGE.replace('[EMPTY_NEST]', `[${tag}]`);
    const r = await compare(query, (first) => ({ grid, first }), 'residents');
    expect(r.data.residents.nodes.every((n: any) => n.tags.includes(tag))).toBe(true);
    // The page with its total, then tags and households together: one statement per level.
    expect(r.statements).toBe(2);
  });

  it('cases of a community with assignee and their last three steps', async () => {
    const r = await compare(CASES_PAGE, (first) => ({ community, first }), 'cases');
    const withSteps = r.data.cases.nodes.filter((c: any) => c.timeline.length > 0);
    expect(withSteps.length).toBe(r.data.cases.nodes.length);
    for (const c of r.data.cases.nodes) {
      expect(c.timeline.length).toBeLessThanOrEqual(3);
      const versions = c.timeline.map((e: any) => e.version);
      expect(versions).toEqual([...versions].sort((a, b) => a - b));
      expect(c.timeline.at(-1).toState).toBe(c.state);
    }
    // The page with its total, then assignees, categories and last steps together.
    expect(r.statements).toBeLessThanOrEqual(2);
  });

  it('the cross-module activity feed of a community', async () => {
    const r = await compare(ACTIVITY_FEED, (first) => ({ community, first }), 'activities');
    expect(new Set(r.data.activities.nodes.map((a: any) => a.moduleId)).size).toBeGreaterThan(1);
    expect(r.statements).toBeLessThanOrEqual(2);
  });

  it('the grid page: counts, roster, modules and five metrics in a few statements', async () => {
    const now = new Date();
    const { statements, data } = await statementsOf(GRID_PAGE, {
      grid,
      period: { from: new Date(now.getTime() - 365 * 86_400_000).toISOString(), to: now.toISOString() },
      open: OPEN_STATES,
    });
    expect(data.node.metrics.map((m: any) => m.code)).toEqual(GRID_METRICS);
    expect(data.node.residentCount).toBeGreaterThan(0);
    expect(data.node.roster.total).toBeGreaterThan(0);
    // Open cases (page and total in one), the grid, then every figure of the grid in one batch.
    expect(statements).toBeLessThanOrEqual(3);
  });

  it('timeline(last) is checked like a page size', async () => {
    const res = await server.gql(
      `query($c: ID!) { cases(first: 1, filter: { communityId: $c }) { nodes { timeline(last: 0) { version } } } }`,
      { c: community },
      { token },
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.extensions?.field).toBe('last');
  });
});
