import { Writable } from 'node:stream';
import { idCheckChar } from '../src/people/id-number';
import { createTestServer, errorCode, ok, type TestServer } from './helpers/test-server';

/*
 * Logs are read by operators, not by those entitled to see residents' data: an unexpected database
 * error that carries a row's values (PostgreSQL's "Failing row contains (...)") is logged masked.
 */

let s: TestServer;
const lines: string[] = [];
const sink = new Writable({
  write(chunk: Buffer, _enc, done) {
    lines.push(chunk.toString());
    done();
  },
});

beforeAll(async () => {
  s = await createTestServer({ env: { LOG_LEVEL: 'warn' }, logStream: sink });
});
afterAll(() => s.close());

it('masks ID numbers and phones that reach the log through a database error', async () => {
  const token = await s.login('grid_worker');
  const grids = ok(await s.gql('{ grids(first: 20) { nodes { id code } } }', {}, { token })).grids.nodes as {
    id: string;
    code: string;
  }[];
  const gridId = grids.find((g) => g.code === 'SQ0101-01')!.id;
  const first17 = '11010119900307123';
  const idNumber = first17 + idCheckChar(first17);
  const phone = '13912345678';

  // A constraint the application does not know about makes the insert fail unexpectedly, and the
  // driver's error detail lists the whole row.
  await s
    .em()
    .getConnection()
    .execute(`alter table resident add constraint no_test_phone check (phone <> '${phone}')`);
  try {
    const res = await s.gql(
      'mutation($i: CreateResidentInput!) { createResident(input: $i) { id } }',
      { i: { gridId, name: '测试', idNumber, phone } },
      { token },
    );
    expect(errorCode(res)).toBe('INTERNAL_SERVER_ERROR');
  } finally {
    await s.em().getConnection().execute('alter table resident drop constraint no_test_phone');
  }
  const log = lines.join('');
  expect(log).toMatch(/unexpected error/);
  expect(log).toMatch(/no_test_phone/); // the error is there, usable for diagnosis
  expect(log).toContain('110***********' + idNumber.slice(-4));
  expect(log).toContain('139****5678');
  expect(log).not.toContain(idNumber);
  expect(log).not.toContain(phone);
});
