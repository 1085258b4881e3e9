import { Client } from 'pg';
import { createTestServer, errorCode, ok, type TestServer } from './helpers/test-server';

let s: TestServer;
beforeAll(async () => {
  s = await createTestServer();
});
afterAll(() => s.close());

const FEED =
  'query($after: String, $types: [String!], $first: Int) { events(after: $after, types: $types, first: $first) { nodes { sequence id type subjectId payload occurredAt } hasNextPage endCursor } }';

describe('event feed', () => {
  it('pages in sequence order with after/first and filters by type', async () => {
    const token = await s.login('admin');
    for (let i = 0; i < 3; i++) {
      ok(
        await s.gql(
          `mutation { createStreet(input: { code: "EV${i}", name: "街道${i}" }) { id } }`,
          {},
          { token },
        ),
      );
    }
    const all = ok(await s.gql(FEED, { types: ['street.created'] }, { token })).events;
    expect(all.nodes).toHaveLength(3);
    const seqs = all.nodes.map((e: any) => BigInt(e.sequence));
    expect([...seqs].sort((a, b) => (a < b ? -1 : 1))).toEqual(seqs);
    const first = ok(await s.gql(FEED, { types: ['street.created'], first: 2 }, { token })).events;
    expect(first.hasNextPage).toBe(true);
    const rest = ok(
      await s.gql(FEED, { types: ['street.created'], after: first.endCursor }, { token }),
    ).events;
    expect(rest.nodes.map((e: any) => e.payload.code)).toEqual(['EV2']);
    expect(errorCode(await s.gql(FEED, { after: 'abc' }, { token }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await s.gql(FEED, { first: 0 }, { token }))).toBe('BAD_USER_INPUT');
  });

  it('is limited to the jurisdiction and to administrators', async () => {
    expect(errorCode(await s.gql(FEED, {}, { token: await s.login('grid_worker') }))).toBe('FORBIDDEN');
    expect(errorCode(await s.gql(FEED, {}))).toBe('UNAUTHENTICATED');
    const admin = await s.login('admin');
    ok(
      await s.gql(
        'mutation { createStreet(input: { code: "EVX", name: "别的街道" }) { id } }',
        {},
        { token: admin },
      ),
    );
    const street = ok(
      await s.gql(FEED, { types: ['street.created'] }, { token: await s.login('street_admin') }),
    ).events;
    expect(street.nodes.map((e: any) => e.payload.code)).not.toContain('EVX');
  });

  // Needs a second connection holding a transaction open: PostgreSQL only.
  (process.env.DATABASE_URL ? it : it.skip)(
    'events commit in sequence order, so a reader never skips one that commits late',
    async () => {
      const token = await s.login('admin');
      const slow = new Client({ connectionString: s.app.config.databaseUrl as string });
      await slow.connect();
      try {
        await slow.query('begin');
        await slow.query(
          `insert into event (id, type, subject_id, payload) values (gen_random_uuid(), 'test.slow', 'x', '{}')`,
        );
        // A second writer waits for the first to finish instead of committing ahead of it.
        const fast = s.gql(
          'mutation { createStreet(input: { code: "EVFAST", name: "快" }) { id } }',
          {},
          { token },
        );
        await new Promise((r) => setTimeout(r, 300));
        const during = ok(await s.gql(FEED, { types: ['test.slow', 'street.created'] }, { token })).events
          .nodes;
        expect(during.map((e: any) => e.type)).not.toContain('test.slow');
        expect(during.map((e: any) => e.payload.code)).not.toContain('EVFAST');
        const cursor = during.length ? during[during.length - 1].sequence : null;
        await slow.query('commit');
        ok(await fast);
        const after = ok(
          await s.gql(FEED, { types: ['test.slow', 'street.created'], after: cursor }, { token }),
        ).events.nodes;
        expect(after.map((e: any) => e.type)).toEqual(['test.slow', 'street.created']);
        expect(BigInt(after[1].sequence)).toBeGreaterThan(BigInt(after[0].sequence));
      } finally {
        await slow.end();
      }
    },
  );
});
