import { makeIdNumber } from '../src/people/id-number';
import { createTestServer, errorCode, ok, type TestServer } from './helpers/test-server';

/*
 * upsertHouseholds / upsertResidents through GraphQL: one result per row, each row atomic,
 * the same batch twice changes nothing, duplicates in a batch refused, personal data never echoed.
 */

let s: TestServer;
let key: string;
let admin: string;
beforeAll(async () => {
  s = await createTestServer();
  admin = await s.login('community_admin');
  const d = ok(await s.gql('{ communities { nodes { id } } }', {}, { token: admin }));
  const res = ok(
    await s.gql(
      'mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { key } }',
      { i: { name: 'district-pop', scopes: ['people:write'], communityId: d.communities.nodes[0].id } },
      { token: admin },
    ),
  );
  key = res.createApiKey.key;
});
afterAll(() => s.close());

const UPSERT_HH = `mutation($s: String!, $rows: [HouseholdUpsertRow!]!) {
  upsertHouseholds(source: $s, rows: $rows) {
    created updated unchanged errors
    results { index externalId status id changed error { field code message } }
  }
}`;
const UPSERT_RES = `mutation($s: String!, $rows: [ResidentUpsertRow!]!) {
  upsertResidents(source: $s, rows: $rows) {
    created updated unchanged errors
    results { index externalId status id changed error { field code message } }
  }
}`;

async function count(sql: string, params: unknown[] = []): Promise<number> {
  const rows = await s.em().execute<{ n: string }[]>(sql, params);
  return Number(rows[0]!.n);
}
const events = (source: string) =>
  count(`select count(*) as n from event where payload->>'source' = ?`, [source]);

const ID_A = makeIdNumber('420102', '1985-04-12', 'MALE', 401);
const ID_B = makeIdNumber('420103', '1990-09-30', 'FEMALE', 402);
const ID_C = makeIdNumber('420104', '1950-01-05', 'FEMALE', 403);
const BAD_CHECK = ID_A.slice(0, 17) + (ID_A[17] === '0' ? '1' : '0');

describe('upsertHouseholds', () => {
  it('creates, refuses bad rows with their field, and answers UNCHANGED to the same batch', async () => {
    const rows = [
      { externalId: 'H-1', gridCode: 'SQ0101-01', building: '1', unit: '2', room: '1201' },
      {
        externalId: 'H-2',
        communityCode: 'SQ0101',
        building: '3号楼',
        unit: '1单元',
        room: '502',
        householdNumber: 'P-0002',
      },
      { externalId: 'H-3', communityCode: 'SQ0101', building: '999号楼', room: '101' },
      { externalId: 'H-1', gridCode: 'SQ0101-01', building: '1', room: '1202' },
      { externalId: 'H-4', gridCode: 'SQ0101-01', building: '9号楼', room: '101' },
    ];
    const first = ok(await s.gql(UPSERT_HH, { s: 'district-pop', rows }, { token: key })).upsertHouseholds;
    expect(first.results.map((r: any) => r.status)).toEqual([
      'CREATED',
      'CREATED',
      'ERROR',
      'ERROR',
      'ERROR',
    ]);
    expect(first.results[2].error).toMatchObject({ field: 'rows.2.building', code: 'BAD_USER_INPUT' });
    expect(first.results[3].error).toMatchObject({ field: 'rows.3.externalId' });
    // 9号楼 is a building of grid 2, not of grid 1.
    expect(first.results[4].error.field).toBe('rows.4.building');
    expect(first).toMatchObject({ created: 2, errors: 3 });

    const h = ok(
      await s.gql(
        'query($id: ID!) { node(id: $id) { ... on Household { address room grid { code } unit { name } } } }',
        { id: first.results[0].id },
        { token: admin },
      ),
    ).node;
    expect(h).toMatchObject({ room: '1201', grid: { code: 'SQ0101-01' }, unit: { name: '2单元' } });
    expect(h.address).toMatch(/1号楼2单元1201室$/);

    const before = await events('district-pop');
    const again = ok(await s.gql(UPSERT_HH, { s: 'district-pop', rows }, { token: key })).upsertHouseholds;
    expect(again.results.map((r: any) => r.status)).toEqual([
      'UNCHANGED',
      'UNCHANGED',
      'ERROR',
      'ERROR',
      'ERROR',
    ]);
    expect(again.results[0].id).toBe(first.results[0].id);
    expect(await events('district-pop')).toBe(before);

    const moved = ok(
      await s.gql(UPSERT_HH, { s: 'district-pop', rows: [{ ...rows[0], room: '1203' }] }, { token: key }),
    ).upsertHouseholds;
    expect(moved.results[0]).toMatchObject({ status: 'UPDATED', changed: ['room'] });
    expect(await events('district-pop')).toBe(before + 1);
  });

  it('refuses rows outside the jurisdiction, and batches over 5,000 rows as a whole', async () => {
    const worker = await s.login('grid_worker');
    const res = ok(
      await s.gql(
        UPSERT_HH,
        {
          s: 'grid-app',
          rows: [
            { externalId: 'W-1', gridCode: 'SQ0101-01', building: '2', room: '301' },
            { externalId: 'W-2', gridCode: 'SQ0101-02', building: '8', room: '301' },
          ],
        },
        { token: worker },
      ),
    ).upsertHouseholds;
    expect(res.results.map((r: any) => r.status)).toEqual(['CREATED', 'ERROR']);
    expect(res.results[1].error.code).toBe('FORBIDDEN');

    const big = Array.from({ length: 5001 }, (_, i) => ({
      externalId: `X-${i}`,
      gridCode: 'SQ0101-01',
      address: 'x',
    }));
    const refused = await s.gql(UPSERT_HH, { s: 'bulk', rows: big }, { token: key });
    expect(errorCode(refused)).toBe('BAD_USER_INPUT');
    expect(refused.errors![0]!.extensions!.field).toBe('rows');
    expect(await count(`select count(*) as n from household where source = 'bulk'`)).toBe(0);
  });

  it('needs the people:write scope', async () => {
    const d = ok(await s.gql('{ communities { nodes { id } } }', {}, { token: admin }));
    const readOnly = ok(
      await s.gql(
        'mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { key } }',
        { i: { name: 'reader', scopes: ['people:read'], communityId: d.communities.nodes[0].id } },
        { token: admin },
      ),
    ).createApiKey.key;
    const res = await s.gql(
      UPSERT_HH,
      { s: 'x', rows: [{ externalId: 'a', gridCode: 'SQ0101-01', address: 'a' }] },
      { token: readOnly },
    );
    expect(errorCode(res)).toBe('FORBIDDEN');
  });
});

describe('upsertResidents', () => {
  const rows = () => [
    {
      externalId: 'R-1',
      householdExternalId: 'H-1',
      name: '李建国',
      idNumber: ID_A,
      phone: '13912345678',
      residency: 'REGISTERED',
      relationToHead: '户主',
      tags: ['VETERAN'],
    },
    {
      externalId: 'R-2',
      householdExternalId: 'H-1',
      name: '王芳',
      idNumber: BAD_CHECK,
    },
    {
      externalId: 'R-3',
      householdExternalId: 'H-1',
      name: '王丽',
      idNumber: ID_B,
      birthDate: '1990-09-30',
      gender: 'FEMALE',
    },
    { externalId: 'R-1', householdExternalId: 'H-1', name: '重复' },
    { externalId: 'R-4', householdExternalId: 'H-404', name: '无户' },
    {
      externalId: 'R-5',
      gridCode: 'SQ0101-01',
      building: '2号楼',
      name: '赵小',
      birthDate: '2015-06-01',
      tags: ['DISABLED'],
    },
    // Same ID number as R-1 under another external id: refused by the database, only this row.
    { externalId: 'R-6', householdExternalId: 'H-2', name: '李建国', idNumber: ID_A },
    {
      externalId: 'R-7',
      householdExternalId: 'H-2',
      name: '陈秀英',
      idNumber: ID_C,
      residency: 'PERMANENT',
      tags: ['ELDERLY_ALONE'],
    },
  ];

  it('gives one result per row; bad rows never stop good ones; nothing personal is echoed', async () => {
    const res = await s.gql(UPSERT_RES, { s: 'district-pop', rows: rows() }, { token: key });
    const out = ok(res).upsertResidents;
    expect(out.results.map((r: any) => r.status)).toEqual([
      'CREATED',
      'ERROR',
      'CREATED',
      'ERROR',
      'ERROR',
      'ERROR',
      'ERROR',
      'CREATED',
    ]);
    const err = (i: number) => out.results[i].error;
    expect(err(1)).toMatchObject({ field: 'rows.1.idNumber', code: 'BAD_USER_INPUT' });
    expect(err(3)).toMatchObject({ field: 'rows.3.externalId' });
    expect(err(4)).toMatchObject({ field: 'rows.4.householdExternalId' });
    // API keys may not set sensitive tags.
    expect(err(5)).toMatchObject({ code: 'FORBIDDEN' });
    expect(err(6)).toMatchObject({ field: 'rows.6.idNumber', code: 'CONFLICT' });
    const body = JSON.stringify(res);
    for (const secret of [ID_A, ID_B, ID_C, BAD_CHECK, '13912345678']) expect(body).not.toContain(secret);

    // The refused rows left nothing behind.
    expect(await count(`select count(*) as n from resident where source = 'district-pop'`)).toBe(3);
    expect(
      await count(`select count(*) as n from resident where external_id in ('R-2','R-4','R-5','R-6')`),
    ).toBe(0);

    const r1 = ok(
      await s.gql(
        'query($id: ID!) { node(id: $id) { ... on Resident { name gender birthDate idNumber phone tags household { room } } } }',
        { id: out.results[0].id },
        { token: admin },
      ),
    ).node;
    expect(r1).toMatchObject({
      name: '李建国',
      gender: 'MALE',
      birthDate: '1985-04-12',
      idNumber: `${ID_A.slice(0, 3)}***********${ID_A.slice(-4)}`,
      phone: '139****5678',
      tags: ['VETERAN'],
      household: { room: '1203' },
    });
  });

  it('changes nothing and records no event when the same batch comes again', async () => {
    const before = await events('district-pop');
    const again = ok(
      await s.gql(UPSERT_RES, { s: 'district-pop', rows: rows() }, { token: key }),
    ).upsertResidents;
    expect(again.results.map((r: any) => r.status)).toEqual([
      'UNCHANGED',
      'ERROR',
      'UNCHANGED',
      'ERROR',
      'ERROR',
      'ERROR',
      'ERROR',
      'UNCHANGED',
    ]);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 3, errors: 5 });
    expect(await events('district-pop')).toBe(before);
  });

  it('updates what changed, with one event', async () => {
    const before = await events('district-pop');
    const changed = rows()
      .filter((_r, i) => i === 0 || i === 7)
      .map((r) =>
        r.externalId === 'R-7' ? { ...r, phone: '13700001111', tags: ['ELDERLY_ALONE', 'EMPTY_NEST'] } : r,
      );
    const out = ok(
      await s.gql(UPSERT_RES, { s: 'district-pop', rows: changed }, { token: key }),
    ).upsertResidents;
    expect(out.results.map((r: any) => [r.status, r.changed])).toEqual([
      ['UNCHANGED', []],
      ['UPDATED', ['phone', 'tags']],
    ]);
    expect(await events('district-pop')).toBe(before + 1);
    const ev = await s
      .em()
      .execute<
        { type: string; payload: any }[]
      >(`select type, payload from event where payload->>'source' = 'district-pop' order by seq desc limit 1`);
    expect(ev[0]).toMatchObject({
      type: 'resident.updated',
      payload: { changed: ['phone', 'tags'], externalId: 'R-7' },
    });
    expect(JSON.stringify(ev[0]!.payload)).not.toContain('13700001111');
  });

  it('keeps per-row atomicity under an Idempotency-Key, and replays the answer', async () => {
    const batch = [
      { externalId: 'K-1', householdExternalId: 'H-2', name: '周一', idNumber: ID_A },
      { externalId: 'K-2', householdExternalId: 'H-2', name: '周二', birthDate: '2001-02-03' },
    ];
    const send = () =>
      s.app.server.fastify.inject({
        method: 'POST',
        url: '/graphql',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${key}`,
          'idempotency-key': 'upsert-k-1',
        },
        payload: JSON.stringify({ query: UPSERT_RES, variables: { s: 'district-pop', rows: batch } }),
      });
    const first = await send();
    const out = JSON.parse(first.body).data.upsertResidents;
    expect(out.results.map((r: any) => r.status)).toEqual(['ERROR', 'CREATED']);
    expect(out.results[0].error.code).toBe('CONFLICT');
    expect(await count(`select count(*) as n from resident where external_id = 'K-2'`)).toBe(1);
    const replay = await send();
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toBe(first.body);
    expect(await count(`select count(*) as n from resident where external_id like 'K-%'`)).toBe(1);
  });

  it('refuses a malformed birth date in its row only, not the batch', async () => {
    const out = ok(
      await s.gql(
        UPSERT_RES,
        {
          s: 'dates',
          rows: [
            { externalId: 'D-1', gridCode: 'SQ0101-01', name: '甲', birthDate: '1987-02-30' },
            { externalId: 'D-2', gridCode: 'SQ0101-01', name: '乙', birthDate: '1987-02-28' },
          ],
        },
        { token: key },
      ),
    ).upsertResidents;
    expect(out.results.map((r: any) => r.status)).toEqual(['ERROR', 'CREATED']);
    expect(out.results[0].error.field).toBe('rows.0.birthDate');
  });

  it('links a resident registered by hand, by ID number, instead of refusing it', async () => {
    const worker = await s.login('grid_worker');
    const d = ok(await s.gql('{ grids(first: 1) { nodes { id } } }', {}, { token: worker }));
    const id = makeIdNumber('420105', '1970-03-03', 'MALE', 404);
    const made = ok(
      await s.gql(
        'mutation($i: CreateResidentInput!) { createResident(input: $i) { id } }',
        { i: { gridId: d.grids.nodes[0].id, name: '钱大', idNumber: id } },
        { token: worker },
      ),
    ).createResident;
    const out = ok(
      await s.gql(
        UPSERT_RES,
        {
          s: 'district-pop',
          rows: [{ externalId: 'L-1', gridCode: 'SQ0101-01', name: '钱大', idNumber: id }],
        },
        { token: key },
      ),
    ).upsertResidents;
    expect(out.results[0]).toMatchObject({ status: 'UPDATED', id: made.id });
    const again = ok(
      await s.gql(
        UPSERT_RES,
        {
          s: 'district-pop',
          rows: [{ externalId: 'L-1', gridCode: 'SQ0101-01', name: '钱大', idNumber: id }],
        },
        { token: key },
      ),
    ).upsertResidents;
    expect(again.results[0].status).toBe('UNCHANGED');
  });

  it('decides ID numbers row after row within one batch: taken, linked, released', async () => {
    const p = makeIdNumber('420106', '1961-06-06', 'MALE', 405);
    const q = makeIdNumber('420106', '1962-07-07', 'FEMALE', 406);
    const first = ok(
      await s.gql(
        UPSERT_RES,
        {
          s: 'district-pop',
          rows: [
            { externalId: 'N-1', householdExternalId: 'H-2', name: '吴一', idNumber: p },
            { externalId: 'N-2', householdExternalId: 'H-2', name: '吴二', idNumber: p },
          ],
        },
        { token: key },
      ),
    ).upsertResidents;
    expect(first.results.map((r: any) => r.status)).toEqual(['CREATED', 'ERROR']);
    expect(first.results[1].error).toMatchObject({ field: 'rows.1.idNumber', code: 'CONFLICT' });
    expect(first.results[1].error.message).not.toMatch(/N-1|吴一|SQ0101/);

    // N-1 gives its number up and N-2 takes it, in one batch, as two requests in a row would.
    const second = ok(
      await s.gql(
        UPSERT_RES,
        {
          s: 'district-pop',
          rows: [
            { externalId: 'N-1', householdExternalId: 'H-2', name: '吴一', idNumber: q },
            { externalId: 'N-2', householdExternalId: 'H-2', name: '吴二', idNumber: p },
          ],
        },
        { token: key },
      ),
    ).upsertResidents;
    expect(second.results.map((r: any) => r.status)).toEqual(['UPDATED', 'CREATED']);
    expect(second.results[0].changed).toEqual(expect.arrayContaining(['idNumber', 'birthDate', 'gender']));

    // A record registered by hand is linked by the first row naming its number, not by a second.
    const worker = await s.login('grid_worker');
    const d = ok(await s.gql('{ grids(first: 1) { nodes { id } } }', {}, { token: worker }));
    const h = makeIdNumber('420106', '1963-08-08', 'MALE', 407);
    ok(
      await s.gql(
        'mutation($i: CreateResidentInput!) { createResident(input: $i) { id } }',
        { i: { gridId: d.grids.nodes[0].id, name: '郑三', idNumber: h } },
        { token: worker },
      ),
    );
    const third = ok(
      await s.gql(
        UPSERT_RES,
        {
          s: 'district-pop',
          rows: [
            { externalId: 'N-3', gridCode: 'SQ0101-01', name: '郑三', idNumber: h },
            { externalId: 'N-4', gridCode: 'SQ0101-01', name: '郑三', idNumber: h },
          ],
        },
        { token: key },
      ),
    ).upsertResidents;
    expect(third.results.map((r: any) => r.status)).toEqual(['UPDATED', 'ERROR']);
    expect(third.results[1].error).toMatchObject({ field: 'rows.1.idNumber', code: 'CONFLICT' });
  });

  // A row the database refuses at write time (as when another request takes its external id at
  // the same moment) is simulated by a trigger: the chunk's single transaction fails, and its rows
  // are written again one by one, so only that row is refused and the others keep their events.
  describe('a row the database refuses while its chunk is written', () => {
    beforeAll(async () => {
      await s.em()
        .execute(`create or replace function upsert_test_refuse() returns trigger language plpgsql as $$
begin
  if new.name = '撞车' then
    raise exception 'duplicate key value violates unique constraint "resident_source_external_id_unique"'
      using errcode = 'unique_violation', constraint = 'resident_source_external_id_unique';
  end if;
  return new;
end $$`);
      await s
        .em()
        .execute(
          'create trigger upsert_test_refuse before insert on resident for each row execute function upsert_test_refuse()',
        );
    });
    afterAll(async () => {
      await s.em().execute('drop trigger if exists upsert_test_refuse on resident');
      await s.em().execute('drop function if exists upsert_test_refuse()');
    });

    const batch = (tag: string) => [
      { externalId: `${tag}-1`, householdExternalId: 'H-2', name: '冯一' },
      { externalId: `${tag}-2`, householdExternalId: 'H-2', name: '撞车' },
      { externalId: `${tag}-3`, householdExternalId: 'H-2', name: '冯三' },
    ];
    const expectRefusedAlone = async (out: any, tag: string, eventsBefore: number) => {
      expect(out.results.map((r: any) => r.status)).toEqual(['CREATED', 'ERROR', 'CREATED']);
      expect(out.results[1].error).toMatchObject({ field: 'rows.1.externalId', code: 'CONFLICT' });
      expect(out).toMatchObject({ created: 2, errors: 1 });
      expect(await count(`select count(*) as n from resident where external_id like ?`, [`${tag}-%`])).toBe(
        2,
      );
      expect(await events('district-pop')).toBe(eventsBefore + 2);
    };

    it('without an Idempotency-Key', async () => {
      const before = await events('district-pop');
      const out = ok(
        await s.gql(UPSERT_RES, { s: 'district-pop', rows: batch('F') }, { token: key }),
      ).upsertResidents;
      await expectRefusedAlone(out, 'F', before);
    });

    it('under an Idempotency-Key (savepoints of its transaction)', async () => {
      const before = await events('district-pop');
      const send = () =>
        s.app.server.fastify.inject({
          method: 'POST',
          url: '/graphql',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${key}`,
            'idempotency-key': 'upsert-f-2',
          },
          payload: JSON.stringify({ query: UPSERT_RES, variables: { s: 'district-pop', rows: batch('G') } }),
        });
      const first = await send();
      await expectRefusedAlone(JSON.parse(first.body).data.upsertResidents, 'G', before);
      const replay = await send();
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.body).toBe(first.body);
      expect(await events('district-pop')).toBe(before + 2);
    });
  });
});

describe('consent in upserts', () => {
  it('records a refusal with its reason, keeps it on re-send, and refuses a contradiction alone', async () => {
    const declined = {
      externalId: 'C-1',
      householdExternalId: 'H-1',
      name: '周某',
      refusalReason: '保护个人隐私',
    };
    const first = ok(
      await s.gql(
        UPSERT_RES,
        { s: 'district-pop', rows: [declined, { ...declined, externalId: 'C-2', refusedInfo: false }] },
        { token: key },
      ),
    ).upsertResidents;
    expect(first.results.map((r: any) => [r.status, r.error?.field ?? null])).toEqual([
      ['CREATED', null],
      ['ERROR', 'rows.1.refusalReason'],
    ]);
    const row = await s
      .em()
      .execute<
        { refused_info: boolean; refusal_reason: string | null }[]
      >(`select refused_info, refusal_reason from resident where source = 'district-pop' and external_id = 'C-1'`);
    expect(row).toEqual([{ refused_info: true, refusal_reason: '保护个人隐私' }]);
    expect(
      await count(`select count(*) as n from resident where source = 'district-pop' and external_id = 'C-2'`),
    ).toBe(0);

    // Sent again without the reason: an upsert never clears a field.
    const again = ok(
      await s.gql(
        UPSERT_RES,
        { s: 'district-pop', rows: [{ ...declined, refusalReason: null }] },
        { token: key },
      ),
    ).upsertResidents;
    expect(again.results[0].status).toBe('UNCHANGED');
  });
});
