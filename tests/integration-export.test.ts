import ExcelJS from 'exceljs';
import { createTestServer, errorCode, ok, TestClock, type TestServer } from './helpers/test-server';

/*
 * exportResidents: an audited, masked .xlsx behind a short-lived signed URL, streamed; reveals only
 * with a reason, for administrators; parsed back here to check what a user would open in Excel.
 */

let s: TestServer;
const clock = new TestClock();
let admin: string;
let grid1: string;
beforeAll(async () => {
  s = await createTestServer({ clock });
  admin = await s.login('community_admin');
  const d = ok(await s.gql('{ grids(first: 9) { nodes { id code } } }', {}, { token: admin }));
  grid1 = d.grids.nodes.find((g: { code: string }) => g.code === 'SQ0101-01').id;
});
afterAll(() => s.close());

const EXPORT = `mutation($f: ResidentFilter, $r: ExportRevealInput) {
  exportResidents(filter: $f, reveal: $r) { url expiresAt filename rowCount }
}`;

async function download(url: string) {
  return s.app.server.fastify.inject({ method: 'GET', url });
}

async function sheetOf(body: Buffer): Promise<(string | null)[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as never);
  const ws = wb.worksheets[0]!;
  const rows: (string | null)[][] = [];
  ws.eachRow((row) => {
    rows.push((row.values as unknown[]).slice(1).map((v) => (v == null ? null : String(v))));
  });
  return rows;
}

async function dbValues(column: 'id_number' | 'phone'): Promise<Set<string>> {
  const rows = await s
    .em()
    .execute<
      { v: string }[]
    >(`select ${column} as v from resident where grid_id = ? and ${column} is not null`, [uuidOf(grid1)]);
  return new Set(rows.map((r) => r.v));
}

async function exportAudits() {
  return s
    .em()
    .execute<
      { actor_name: string; fields: string[]; reason: string | null; subject_id: string | null }[]
    >(`select actor_name, fields, reason, subject_id from audit_log where action = 'EXPORT' order by seq`);
}

describe('exportResidents', () => {
  it('exports a grid’s residents as .xlsx, masked, with the import’s headers, and audits it', async () => {
    const out = ok(await s.gql(EXPORT, { f: { gridId: grid1 } }, { token: admin })).exportResidents;
    const total = ok(
      await s.gql(
        'query($g: ID!) { residents(filter: { gridId: $g }) { totalCount } }',
        { g: grid1 },
        { token: admin },
      ),
    ).residents.totalCount;
    expect(out.rowCount).toBe(total);
    expect(out.url).toMatch(/^\/exports\/residents\.xlsx\?token=/);
    expect(out.filename).toMatch(/^residents-\d{8}\.xlsx$/);

    const res = await download(out.url);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="residents-\d{8}\.xlsx"/);
    const rows = await sheetOf(res.rawPayload);
    expect(rows[0]).toEqual([
      '姓名',
      '性别',
      '出生日期',
      '身份证号',
      '联系电话',
      '网格',
      '楼栋',
      '单元',
      '房号',
      '户号',
      '地址',
      '与户主关系',
      '人员类别',
      '标签',
      '拒绝提供信息',
      '系统ID',
    ]);
    expect(rows.length - 1).toBe(total);
    const ids = await dbValues('id_number');
    const phones = await dbValues('phone');
    const data = rows.slice(1);
    expect(data.every((r) => r[5] === 'SQ0101-01')).toBe(true);
    expect(data.filter((r) => r[3]).every((r) => /^\d{3}\*{11}[\dX]{4}$/.test(r[3]!))).toBe(true);
    expect(data.filter((r) => r[3]).length).toBe(ids.size);
    for (const r of data) {
      expect(ids.has(r[3] ?? '')).toBe(false);
      expect(phones.has(r[4] ?? '')).toBe(false);
    }
    const audits = await exportAudits();
    expect(audits.at(-1)).toMatchObject({
      actor_name: 'community_admin',
      fields: ['RESIDENTS'],
      reason: null,
    });
    expect(audits.at(-1)!.subject_id).toBe(grid1);
  });

  it('reveals ID numbers only when asked with a reason, and records the reason', async () => {
    const short = await s.gql(
      EXPORT,
      { f: { gridId: grid1 }, r: { fields: ['ID_NUMBER'], reason: '看' } },
      { token: admin },
    );
    expect(errorCode(short)).toBe('BAD_USER_INPUT');
    expect(short.errors![0]!.extensions!.field).toBe('reveal.reason');

    const reason = '核对低保申请材料（民政局来函）';
    const out = ok(
      await s.gql(
        EXPORT,
        { f: { gridId: grid1, ageMin: 60 }, r: { fields: ['ID_NUMBER'], reason } },
        { token: admin },
      ),
    ).exportResidents;
    const rows = (await sheetOf((await download(out.url)).rawPayload)).slice(1);
    expect(rows.length).toBe(out.rowCount);
    const ids = await dbValues('id_number');
    const phones = await dbValues('phone');
    const shown = rows.map((r) => r[3]).filter(Boolean) as string[];
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.every((v) => ids.has(v))).toBe(true);
    // Only what was asked for: phones stay masked.
    expect(rows.every((r) => !phones.has(r[4] ?? ''))).toBe(true);
    expect((await exportAudits()).at(-1)).toMatchObject({ fields: ['RESIDENTS', 'ID_NUMBER'], reason });
  });

  it('is for community administrators and above, never for grid workers or API keys', async () => {
    const worker = await s.login('grid_worker');
    expect(errorCode(await s.gql(EXPORT, {}, { token: worker }))).toBe('FORBIDDEN');
    const d = ok(await s.gql('{ communities { nodes { id } } }', {}, { token: admin }));
    const key = ok(
      await s.gql(
        'mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { key } }',
        {
          i: { name: 'exp', scopes: ['people:read', 'people:write'], communityId: d.communities.nodes[0].id },
        },
        { token: admin },
      ),
    ).createApiKey.key;
    expect(errorCode(await s.gql(EXPORT, {}, { token: key }))).toBe('FORBIDDEN');
    expect(errorCode(await s.gql(EXPORT, {}))).toBe('UNAUTHENTICATED');
  });

  it('refuses forged and expired download links', async () => {
    const out = ok(await s.gql(EXPORT, { f: { gridId: grid1 } }, { token: admin })).exportResidents;
    const forged = out.url.slice(0, -3) + (out.url.endsWith('abc') ? 'xyz' : 'abc');
    expect((await download(forged)).statusCode).toBe(403);
    expect((await download('/exports/residents.xlsx')).statusCode).toBe(403);
    clock.advance(11 * 60_000);
    const expired = await download(out.url);
    expect(expired.statusCode).toBe(403);
    expect(JSON.parse(expired.body).errors[0].extensions.code).toBe('FORBIDDEN');
  });
});

function uuidOf(globalId: string): string {
  return Buffer.from(globalId, 'base64url').toString('utf8').split(':')[1]!;
}
