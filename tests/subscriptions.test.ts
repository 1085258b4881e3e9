import type { AddressInfo } from 'node:net';
import { createClient, type Client as WsClient } from 'graphql-ws';
import { Client } from 'pg';
import WebSocket from 'ws';
import { bootstrap, type App } from '../src/bootstrap';
import { createLogger } from '../src/server/logger';
import { toGlobalId } from '../src/graphql/global-id';
import { createTestServer, ok, type TestServer } from './helpers/test-server';

let s: TestServer;
let url: string;
/** On PostgreSQL, a second server process on the same database causes the events. */
let other: App | undefined;
const clients: WsClient[] = [];

beforeAll(async () => {
  s = await createTestServer();
  await s.app.server.fastify.listen({ port: 0, host: '127.0.0.1' });
  url = `ws://127.0.0.1:${(s.app.server.fastify.server.address() as AddressInfo).port}/graphql`;
  if (s.app.config.databaseUrl) {
    other = await bootstrap(s.app.config, createLogger(s.app.config), { migrate: false, workers: false });
  }
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  await other?.close();
  await s.close();
});

function connect(params: Record<string, unknown> = {}): WsClient {
  const c = createClient({
    url,
    webSocketImpl: WebSocket,
    connectionParams: params,
    retryAttempts: 0,
    lazy: true,
  });
  clients.push(c);
  return c;
}

interface Listener {
  results: any[];
  errors: unknown[];
  completed: boolean;
  waitFor(check: () => boolean, ms?: number): Promise<void>;
  dispose(): void;
}

function listen(client: WsClient, query: string, variables: Record<string, unknown> = {}): Listener {
  const l: Listener = {
    results: [],
    errors: [],
    completed: false,
    async waitFor(check, ms = 10_000) {
      const deadline = Date.now() + ms;
      while (!check()) {
        if (Date.now() > deadline)
          throw new Error(`timed out; got ${JSON.stringify(l.results)} ${String(l.errors)}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    dispose: () => undefined,
  };
  l.dispose = client.subscribe(
    { query, variables },
    {
      next: (r) => l.results.push(r),
      error: (e) => l.errors.push(e),
      complete: () => (l.completed = true),
    },
  );
  return l;
}

/** Repeats `cause` until the listener has a result (the subscription may still be starting). */
async function causeUntilSeen(l: Listener, cause: (attempt: number) => Promise<unknown>): Promise<void> {
  for (let attempt = 0; attempt < 20; attempt++) {
    await cause(attempt);
    try {
      await l.waitFor(() => l.results.length > 0, 500);
      return;
    } catch {
      // not subscribed yet: cause another one
    }
  }
  throw new Error('no event arrived');
}

/** Runs a mutation on the second process when there is one, else on this server. */
async function mutate(query: string, variables: Record<string, unknown>, token: string) {
  if (!other) return ok(await s.gql(query, variables, { token }));
  const res = await other.server.fastify.inject({
    method: 'POST',
    url: '/graphql',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    payload: JSON.stringify({ query, variables }),
  });
  const body = JSON.parse(res.body);
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

/** Writes an event row from a separate database connection, as another service's transaction would. */
async function insertEvent(e: { type: string; subjectId: string; gridUuid: string; payload?: object }) {
  const [g] = await s
    .em()
    .execute<
      { street_id: string; community_id: string }[]
    >('select street_id, community_id from grid where id = ?', [e.gridUuid]);
  const sql = `insert into event (id, type, subject_id, payload, street_id, community_id, grid_id)
               values (gen_random_uuid(), $1, $2, $3, $4, $5, $6)`;
  const params = [
    e.type,
    e.subjectId,
    JSON.stringify(e.payload ?? {}),
    g!.street_id,
    g!.community_id,
    e.gridUuid,
  ];
  if (s.app.config.databaseUrl) {
    const c = new Client({ connectionString: s.app.config.databaseUrl });
    await c.connect();
    try {
      await c.query(sql, params);
    } finally {
      await c.end();
    }
  } else {
    await s.em().execute(sql.replace(/\$\d/g, '?'), params);
  }
}

const uuidOf = (gid: string) => Buffer.from(gid, 'base64url').toString('utf8').split(':')[1]!;

async function grids(token: string): Promise<Record<string, string>> {
  const d = ok(await s.gql('{ grids(first: 20) { nodes { id code } } }', {}, { token }));
  return Object.fromEntries((d.grids.nodes as { id: string; code: string }[]).map((g) => [g.code, g.id]));
}

const UPDATE_GRID =
  'mutation($id: ID!, $name: String) { updateGrid(id: $id, input: { name: $name }) { id } }';
const EVENTS =
  'subscription($t: [String!]) { eventOccurred(types: $t) { id sequence type subjectId gridId payload occurredAt } }';
const CASES = 'subscription($g: ID!) { caseChanged(gridId: $g) { type subjectId gridId payload } }';
const ACTIVITIES = 'subscription($g: ID!) { activityRecorded(gridId: $g) { type subjectId gridId } }';

describe('subscriptions over WebSocket', () => {
  it('push an event caused by a mutation (on PostgreSQL: made by another server process)', async () => {
    const admin = await s.login('community_admin');
    const g = await grids(admin);
    const l = listen(connect({ authorization: `Bearer ${admin}` }), EVENTS, { t: ['grid.updated'] });
    await causeUntilSeen(l, (i) => mutate(UPDATE_GRID, { id: g['SQ0101-01'], name: `实时${i}` }, admin));
    const event = l.results[0].data.eventOccurred;
    expect(event).toMatchObject({ type: 'grid.updated', subjectId: g['SQ0101-01'], gridId: g['SQ0101-01'] });
    expect(event.payload.changed.name).toMatch(/^实时\d+$/);
    expect(event.sequence).toMatch(/^\d+$/);
    l.dispose();
  });

  it('follow one grid’s cases and activities, by event type and grid, whoever wrote the event', async () => {
    const worker = await s.login('grid_worker');
    const admin = await s.login('community_admin');
    const g = await grids(admin);
    const mine = g['SQ0101-01']!;
    const client = connect({ authorization: `Bearer ${worker}` });
    const cases = listen(client, CASES, { g: mine });
    const activities = listen(client, ACTIVITIES, { g: mine });
    const caseId = toGlobalId('Case', '01900000-0000-7000-8000-000000000001');
    await causeUntilSeen(cases, async () => {
      // Not for this subscription: another grid, and another type on this grid.
      await insertEvent({ type: 'case.reported', subjectId: caseId, gridUuid: uuidOf(g['SQ0101-02']!) });
      await insertEvent({ type: 'grid.updated', subjectId: mine, gridUuid: uuidOf(mine) });
      await insertEvent({
        type: 'case.reported',
        subjectId: caseId,
        gridUuid: uuidOf(mine),
        payload: { n: 1 },
      });
    });
    await insertEvent({
      type: 'volunteer.service.recorded',
      subjectId: toGlobalId('Activity', '01900000-0000-7000-8000-000000000002'),
      gridUuid: uuidOf(mine),
    });
    await activities.waitFor(() => activities.results.length > 0);
    expect(
      new Set(cases.results.map((r) => `${r.data.caseChanged.type}|${r.data.caseChanged.gridId}`)),
    ).toEqual(new Set([`case.reported|${mine}`]));
    expect(activities.results.map((r) => r.data.activityRecorded.type)).toEqual([
      'volunteer.service.recorded',
    ]);
    cases.dispose();
    activities.dispose();
  });

  it('are limited to the viewer’s jurisdiction and authorised like queries', async () => {
    const worker = await s.login('grid_worker');
    const admin = await s.login('community_admin');
    const platform = await s.login('admin');
    const g = await grids(admin);

    const codeOf = async (l: Listener) => {
      await l.waitFor(() => l.results.length > 0 || l.errors.length > 0);
      return l.results[0]?.errors?.[0]?.extensions?.code;
    };
    // Another grid than the worker's own: not found, as over HTTP.
    expect(
      await codeOf(listen(connect({ authorization: `Bearer ${worker}` }), CASES, { g: g['SQ0101-02'] })),
    ).toBe('NOT_FOUND');
    // The whole event stream is for administrators (and keys with events:read).
    expect(await codeOf(listen(connect({ authorization: `Bearer ${worker}` }), EVENTS))).toBe('FORBIDDEN');
    expect(await codeOf(listen(connect(), EVENTS))).toBe('UNAUTHENTICATED');
    expect(
      await codeOf(listen(connect({ authorization: 'Bearer nonsense' }), CASES, { g: g['SQ0101-01'] })),
    ).toBe('UNAUTHENTICATED');

    // A community administrator hears nothing from another street.
    const l = listen(connect({ authorization: `Bearer ${admin}` }), EVENTS, {
      t: ['street.*', 'grid.updated'],
    });
    await causeUntilSeen(l, async (i) => {
      await mutate(
        `mutation { createStreet(input: { code: "LIVE-${i}", name: "别处${i}" }) { id } }`,
        {},
        platform,
      );
      await mutate(UPDATE_GRID, { id: g['SQ0101-03'], name: `本社区${i}` }, admin);
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(l.results.every((r) => r.data.eventOccurred.type === 'grid.updated')).toBe(true);
    l.dispose();
  });

  it('accept API keys with events:read in the connection parameters, and refuse other keys', async () => {
    const admin = await s.login('community_admin');
    const g = await grids(admin);
    const key = async (scopes: string[]) =>
      ok(
        await s.gql(
          'mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { key } }',
          { i: { name: 'screen', scopes, gridId: g['SQ0101-01'] } },
          { token: admin },
        ),
      ).createApiKey.key as string;
    const reader = await key(['events:read']);
    const other = await key(['territory:read']);
    const denied = listen(connect({ authorization: `Bearer ${other}` }), EVENTS);
    await denied.waitFor(() => denied.results.length > 0);
    expect(denied.results[0].errors[0].extensions.code).toBe('FORBIDDEN');

    const l = listen(connect({ 'x-api-key': reader }), EVENTS, { t: ['grid.updated'] });
    await causeUntilSeen(l, async (i) => {
      await mutate(UPDATE_GRID, { id: g['SQ0101-02'], name: `键外${i}` }, admin);
      await mutate(UPDATE_GRID, { id: g['SQ0101-01'], name: `键内${i}` }, admin);
    });
    await new Promise((r) => setTimeout(r, 200));
    // The key is bound to grid 1: grid 2's events never reach it.
    expect(l.results.map((r) => r.data.eventOccurred.gridId)).toEqual(l.results.map(() => g['SQ0101-01']));
    l.dispose();
  });

  it('serve subscriptions only, with the query limits of HTTP', async () => {
    const admin = await s.login('community_admin');
    const client = connect({ authorization: `Bearer ${admin}`, acceptLanguage: 'en' });
    const query = listen(client, '{ grids { totalCount } }');
    await query.waitFor(() => query.errors.length > 0);
    expect(JSON.stringify(query.errors[0])).toMatch(/Only subscriptions/);
    const invalid = listen(client, 'subscription { nope }');
    await invalid.waitFor(() => invalid.errors.length > 0);
    expect(JSON.stringify(invalid.errors[0])).toMatch(/nope/);
    const huge = listen(client, `subscription { eventOccurred { ${'id '.repeat(4000)} } }`);
    await huge.waitFor(() => huge.errors.length > 0);
    expect(JSON.stringify(huge.errors[0])).toMatch(/GRAPHQL_PARSE_FAILED/);
  });
});
