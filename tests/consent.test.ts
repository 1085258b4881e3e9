import { createTestServer, errorCode, ok, type TestServer } from './helpers/test-server';

/*
 * Residents may decline optional information (拒绝提供): the record stays valid with only a name,
 * the reason is kept, and the roster's completeness figures tell declined from merely incomplete.
 */

let s: TestServer;
let token: string;
let gridId: string;
const period = { from: '2026-01-01T00:00:00Z', to: '2027-01-01T00:00:00Z' };
const CODES = [
  'people.residents',
  'people.refused_info',
  'people.incomplete_records',
  'people.completeness_rate',
];

async function figures(): Promise<Record<string, number>> {
  const res = await s.gql(
    'query($s: MetricScopeInput!, $p: PeriodInput!, $c: [String!]) { metrics(scope: $s, period: $p, codes: $c) { code value } }',
    { s: { gridId }, p: period, c: CODES },
    { token },
  );
  return Object.fromEntries(
    (ok(res).metrics as { code: string; value: number }[]).map((m) => [m.code, m.value]),
  );
}

beforeAll(async () => {
  s = await createTestServer();
  token = await s.login('grid_worker');
  const grids = ok(await s.gql('{ grids(first: 20) { nodes { id code } } }', {}, { token })).grids.nodes as {
    id: string;
    code: string;
  }[];
  gridId = grids.find((g) => g.code === 'SQ0101-01')!.id;
});
afterAll(() => s.close());

const CREATE = `mutation($i: CreateResidentInput!) {
  createResident(input: $i) { id name refusedInfo refusalReason idNumber phone birthDate }
}`;

describe('consent and minimization', () => {
  it('counts declined and incomplete records apart, from the data', async () => {
    const before = await figures();
    // The seed has residents who declined, with their reason.
    expect(before['people.refused_info']).toBeGreaterThan(0);
    expect(before['people.residents']).toBeGreaterThan(before['people.refused_info']!);

    const declined = ok(
      await s.gql(CREATE, { i: { gridId, name: '王某某', refusalReason: '保护个人隐私' } }, { token }),
    ).createResident;
    expect(declined).toMatchObject({
      name: '王某某',
      refusedInfo: true,
      refusalReason: '保护个人隐私',
      idNumber: null,
      phone: null,
      birthDate: null,
    });
    ok(await s.gql(CREATE, { i: { gridId, name: '李某某' } }, { token }));

    const after = await figures();
    expect(after['people.residents']).toBe(before['people.residents']! + 2);
    expect(after['people.refused_info']).toBe(before['people.refused_info']! + 1);
    expect(after['people.incomplete_records']).toBe(before['people.incomplete_records']! + 1);
    expect(after['people.completeness_rate']).toBeLessThanOrEqual(before['people.completeness_rate']!);

    // Withdrawing the refusal clears the reason; the record then counts as incomplete.
    const withdrawn = ok(
      await s.gql(
        'mutation($id: ID!, $i: UpdateResidentInput!) { updateResident(id: $id, input: $i) { refusedInfo refusalReason } }',
        { id: declined.id, i: { refusedInfo: false } },
        { token },
      ),
    ).updateResident;
    expect(withdrawn).toEqual({ refusedInfo: false, refusalReason: null });
    const last = await figures();
    expect(last['people.refused_info']).toBe(before['people.refused_info']);
    expect(last['people.incomplete_records']).toBe(before['people.incomplete_records']! + 2);
  });

  it('refuses a reason that contradicts the refusal, writing nothing', async () => {
    const before = await figures();
    const res = await s.gql(
      CREATE,
      { i: { gridId, name: '赵某某', refusedInfo: false, refusalReason: '不愿透露' } },
      { token },
    );
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0]!.extensions!.field).toBe('input.refusalReason');
    expect((await figures())['people.residents']).toBe(before['people.residents']);
  });
});
