import { batchedRows, batchedValue } from '../src/db/read-batch';
import { findPlain } from '../src/db/read-model';
import { statementTotal } from '../src/db/statement-counter';
import { CaseEvent } from '../src/cases/case-event.entity';
import { Resident } from '../src/people/resident.entity';
import { Activity } from '../src/modules/activity.entity';
import { createTestServer, type TestServer } from './helpers/test-server';

/*
 * The read batch behind loaders and metrics: reads started in the same turn share one statement,
 * their values are those a managed entity holds, and one failing read fails alone.
 */
describe('read batch', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await createTestServer();
  });

  afterAll(async () => {
    await server?.close();
  });

  it('sends the reads of one turn as one statement', async () => {
    const em = server.em();
    const before = statementTotal();
    const [n, rows, none] = await Promise.all([
      batchedValue(em, 'select count(*)::int from resident'),
      batchedRows(em, 'select id, name from resident order by id limit 3'),
      batchedRows(em, 'select id from resident where false'),
    ]);
    expect(statementTotal() - before).toBe(1);
    expect(n).toBeGreaterThan(3);
    expect(rows).toHaveLength(3);
    expect(none).toEqual([]);
  });

  it('fails only the read that failed', async () => {
    const em = server.em();
    const [good, bad] = await Promise.allSettled([
      batchedValue(em, 'select 41 + 1'),
      batchedValue(em, 'select no_such_column from resident'),
    ]);
    expect(good).toEqual({ status: 'fulfilled', value: 42 });
    expect(bad.status).toBe('rejected');
  });

  it('agrees with em.find on filters and order', async () => {
    const em = server.em();
    const some = await em.find(Resident, {}, { orderBy: { id: 'asc' }, limit: 5 });
    const ids = some.map((r) => r.id);
    const communityId = some[0]!.communityId;
    const where = { $and: [{ id: { $in: ids } }, { communityId }, {}], householdId: some[0]!.householdId };
    const plain = await findPlain(server.em(), Resident, where, { orderBy: { id: 'desc' } });
    const managed = await server.em().find(Resident, where, { orderBy: { id: 'desc' } });
    expect(plain.map((r) => r.id)).toEqual(managed.map((r) => r.id));
    expect(plain.length).toBeGreaterThan(0);
    expect(await findPlain(server.em(), Resident, { id: { $in: [] } })).toEqual([]);
    const older = await findPlain(server.em(), Resident, {
      id: { $in: ids },
      birthDate: { $lt: '2000-01-01' },
    });
    expect(older.every((r) => r.birthDate! < '2000-01-01')).toBe(true);
  });

  it('gives plain objects the values managed entities hold', async () => {
    for (const entity of [Resident, CaseEvent, Activity] as const) {
      const em = server.em();
      const managed = await em.find(entity as never, {}, { orderBy: { id: 'asc' } as never, limit: 20 });
      expect(managed.length).toBeGreaterThan(0);
      const plain = await findPlain(server.em(), entity as never, {}, { orderBy: { id: 'asc' }, limit: 20 });
      const meta = em.getMetadata().get(entity.name);
      const columns = meta.props.filter((p) => p.fieldNames?.length === 1 && p.persist !== false);
      for (const [i, m] of managed.entries()) {
        const p = plain[i] as Record<string, unknown>;
        expect(p).toBeInstanceOf(entity);
        for (const prop of columns) {
          const want = (m as Record<string, unknown>)[prop.name];
          expect([entity.name, prop.name, p[prop.name]]).toEqual([entity.name, prop.name, want ?? null]);
        }
      }
    }
  });
});
