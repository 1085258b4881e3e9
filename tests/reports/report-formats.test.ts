import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { createTestServer, ok, type TestServer } from '../helpers/test-server';

/*
 * The rendered report: Markdown, the HTML page and the .docx of the demo community, checked for
 * anything left unfilled, the .docx read back, and the page drawn by headless Chromium.
 */

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = join(__dirname, '..', 'artifacts');
const YEAR = new Date().getFullYear();
const PERIOD = { from: `${YEAR}-01-01`, to: `${YEAR}-12-31` };
const SECTIONS = [
  '一、基本情况',
  '二、推进情况与成效',
  '三、九型网格',
  '四、存在的问题',
  '五、下一步工作安排',
];

let s: TestServer;
let token: string;
let communityId: string;

/** What an unfilled template leaves behind: the seed's blanks, template markers, JS leftovers. */
function unfilled(text: string): string[] {
  const found = text.match(/[*＊]|\{\{|\}\}|\$\{|undefined|NaN|\[object|\bnull\b|TODO|XXX|_{3,}/g) ?? [];
  return [...new Set(found)];
}

const get = (url: string, headers: Record<string, string> = {}) =>
  s.app.server.fastify.inject({ method: 'GET', url, headers });
const url = (ext: string, extra = '') =>
  `/reports/community/${communityId}.${ext}?from=${PERIOD.from}&to=${PERIOD.to}${extra}`;

beforeAll(async () => {
  s = await createTestServer();
  token = await s.login('community_admin');
  communityId = ok(await s.gql('{ communities { nodes { id } } }', {}, { token })).communities.nodes[0].id;
  ok(
    await s.gql(
      'mutation($i: SaveReportNarrativeInput!) { saveReportNarrative(input: $i) { section } }',
      {
        i: {
          communityId,
          period: PERIOD,
          section: 'NEXT_STEPS',
          text: '一是持续开展网格员轮训。\n二是推进老旧小区改造问需问计问效。',
        },
      },
      { token },
    ),
  );
});
afterAll(() => s.close());

describe('the rendered community report', () => {
  it('Markdown has the five sections and nothing unfilled', async () => {
    const started = Date.now();
    const md = ok(
      await s.gql(
        'query($id: ID!, $p: ReportPeriodInput!) { communityReport(communityId: $id, period: $p) { markdown } }',
        { id: communityId, p: PERIOD },
        { token },
      ),
    ).communityReport.markdown as string;
    console.log(
      `demo report (GraphQL + Markdown): ${Date.now() - started} ms\n${md.split('\n').slice(0, 8).join('\n')}`,
    );
    for (const h of SECTIONS) expect(md).toContain(h);
    expect(unfilled(md)).toEqual([]);
    const again = Date.now();
    await s.gql(
      'query($id: ID!, $p: ReportPeriodInput!) { communityReport(communityId: $id, period: $p) { markdown } }',
      { id: communityId, p: PERIOD },
      { token },
    );
    console.log(`demo report again (warm): ${Date.now() - again} ms`);
    expect(md).toContain('二是推进老旧小区改造问需问计问效。');
    expect(md).toMatch(/现有居民\d+户、\d+人/);
  });

  it('HTML page: sections, two inline SVG charts, no external resources, nothing unfilled', async () => {
    const started = Date.now();
    const res = await get(url('html', `&token=${encodeURIComponent(token)}`));
    console.log(`demo report HTML: ${Date.now() - started} ms, ${res.body.length} bytes`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.headers['cache-control']).toBe('no-store');
    const html = res.body;
    expect(html.match(/<svg[\s>]/g)?.length).toBe(2);
    expect(html).not.toMatch(/\b(src|href)\s*=\s*["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/@import|url\(/i);
    const text = html
      .replace(/<style[\s\S]*?<\/style>/g, '')
      .replace(/<svg[\s\S]*?<\/svg>/g, '')
      .replace(/<[^>]+>/g, ' ');
    for (const h of SECTIONS) expect(text).toContain(h);
    expect(unfilled(text)).toEqual([]);
    expect(unfilled(html.replace(/<style[\s\S]*?<\/style>/g, ''))).toEqual([]);
  });

  it('.docx: opens, has the same sections, tables and both charts', async () => {
    const started = Date.now();
    const res = await get(url('docx'), { authorization: `Bearer ${token}` });
    console.log(`demo report .docx: ${Date.now() - started} ms, ${res.rawPayload.length} bytes`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="report.docx"; filename\*=UTF-8''/,
    );
    const zip = await JSZip.loadAsync(res.rawPayload);
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('\n');
    for (const h of SECTIONS) expect(text).toContain(h);
    expect(text).toContain('二是推进老旧小区改造问需问计问效。');
    expect(unfilled(text)).toEqual([]);
    expect(xml.match(/<w:tbl>/g)?.length).toBeGreaterThanOrEqual(2);
    const media = Object.keys(zip.files).filter((f) => f.startsWith('word/media/'));
    expect(media.filter((f) => f.endsWith('.svg'))).toHaveLength(2);
    expect(media.filter((f) => f.endsWith('.png'))).toHaveLength(2);
    const png = await zip.file(media.find((f) => f.endsWith('.png'))!)!.async('nodebuffer');
    expect(png.subarray(1, 4).toString()).toBe('PNG');
  });

  it('HTTP answers errors with the API’s codes', async () => {
    const other = ok(
      await s.gql(
        'mutation($i: CreateCommunityInput!) { createCommunity(input: $i) { id } }',
        {
          i: {
            streetId: ok(
              await s.gql('{ streets { nodes { id } } }', {}, { token: await s.login('street_admin') }),
            ).streets.nodes[0].id,
            code: 'FMT02',
            name: '格式测试社区',
          },
        },
        { token: await s.login('street_admin') },
      ),
    ).createCommunity.id;
    const code = async (u: string, h: Record<string, string> = {}) => {
      const r = await get(u, h);
      return [r.statusCode, JSON.parse(r.body).errors[0].extensions.code];
    };
    const bearer = { authorization: `Bearer ${token}` };
    expect(await code(url('html'))).toEqual([401, 'UNAUTHENTICATED']);
    expect(await code(url('html', '&token=not-a-token'))).toEqual([401, 'UNAUTHENTICATED']);
    expect(
      await code(`/reports/community/${other}.html?from=${PERIOD.from}&to=${PERIOD.to}`, bearer),
    ).toEqual([404, 'NOT_FOUND']);
    expect(await code(`/reports/community/${communityId}.html?from=${PERIOD.from}`, bearer)).toEqual([
      400,
      'BAD_USER_INPUT',
    ]);
    expect(await code(`/reports/community/${communityId}.pdf`, bearer)).toEqual([400, 'BAD_USER_INPUT']);
    const worker = { authorization: `Bearer ${await s.login('grid_worker')}` };
    expect(await code(url('docx'), worker)).toEqual([403, 'FORBIDDEN']);
  });

  const chromium = existsSync(CHROMIUM);
  if (!chromium) {
    console.warn(
      `SKIPPED: no Chromium at ${CHROMIUM} (install Debian's package: apt-get install -y chromium), so the HTML report is not checked in a browser`,
    );
  }
  (chromium ? it : it.skip)('Chromium renders the page with no external request', async () => {
    const { chromium: launcher } = await import('playwright-core');
    const html = (await get(url('html'), { authorization: `Bearer ${token}` })).body;
    const browser = await launcher.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    try {
      const page = await browser.newPage({ viewport: { width: 900, height: 1200 } });
      const requests: string[] = [];
      const errors: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      await page.setContent(html, { waitUntil: 'load' });
      expect(await page.locator('h1').innerText()).toContain('网格化管理工作总结');
      expect(await page.locator('h2').allInnerTexts()).toEqual(
        expect.arrayContaining([SECTIONS[0], SECTIONS[4]]),
      );
      const charts = await page.locator('figure svg').evaluateAll((svgs) =>
        svgs.map((e) => {
          const b = e.getBoundingClientRect();
          return { width: b.width, height: b.height, marks: e.querySelectorAll('path, rect').length };
        }),
      );
      expect(charts).toHaveLength(2);
      for (const c of charts) {
        expect(c.width).toBeGreaterThan(200);
        expect(c.height).toBeGreaterThan(50);
        expect(c.marks).toBeGreaterThan(2);
      }
      expect(requests).toEqual([]);
      expect(errors).toEqual([]);
      mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: join(ARTIFACTS, 'community-report.png'), fullPage: true });
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('table').count()).toBeGreaterThanOrEqual(2);
    } finally {
      await browser.close();
    }
  });
});
