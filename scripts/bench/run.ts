/*
 * npm run bench  (DATABASE_URL = a database filled by `npm run seed:scale`)
 *
 * Builds and starts the server in production mode against DATABASE_URL, signs in as the community
 * admin, and runs autocannon on each scenario at fixed concurrencies after a warm-up: requests/s,
 * p50/p99 latency, SQL statements per request (counted by the server, BENCH_STATS) and server RSS.
 * In the same run: the raw-SQL floor for scenarios 1–4 (scripts/bench/floor.ts) and the ratio to
 * it, ablations (DataLoaders off, read batching off, shield off), reportCase at a fixed rate, the community report when
 * the schema has it, and a mixed run for memory. Writes bench/results/<date>.json and .md.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import autocannon from 'autocannon';
import { Client } from 'pg';
import {
  buildSchema,
  getNamedType,
  isInputObjectType,
  isLeafType,
  isObjectType,
  type GraphQLField,
  type GraphQLObjectType,
} from 'graphql';
import { REPORT_CASE, readScenarios, type Ids, type Scenario } from './scenarios';

const ROOT = resolve(__dirname, '../..');
/** The title of the cases scenario 5 reports, so that the bench can remove them afterwards. */
const BENCH_CASE_TITLE = '路灯不亮（压测）';

interface Options {
  duration: number;
  warmup: number;
  concurrency: number[];
  reportRate: number;
  mixed: number;
  floor: boolean;
  ablations: boolean;
  only?: string[];
}

function parseArgs(argv: string[]): Options {
  const o: Options = {
    duration: 10,
    warmup: 3,
    concurrency: [1, 10],
    reportRate: 50,
    mixed: 300,
    floor: true,
    ablations: true,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--duration') o.duration = Number(next());
    else if (a === '--warmup') o.warmup = Number(next());
    else if (a === '--concurrency') o.concurrency = next().split(',').map(Number);
    else if (a === '--report-rate') o.reportRate = Number(next());
    else if (a === '--mixed') o.mixed = Number(next());
    else if (a === '--no-floor') o.floor = false;
    else if (a === '--no-ablations') o.ablations = false;
    else if (a === '--only') o.only = next().split(',');
    else
      throw new Error(
        `Unknown option ${a}. Options: --duration s --warmup s --concurrency 1,10 --report-rate n --mixed s --no-floor --no-ablations --only keys`,
      );
  }
  return o;
}

const log = (m: string) => process.stdout.write(m + '\n');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Proc {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((res) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => res(port));
    });
  });
}

/**
 * V8 flags of both servers, API and floor alike, as the Dockerfile sets them for production: a
 * larger young generation, so the many short-lived objects of a request die in fewer scavenges.
 */
const NODE_FLAGS = ['--max-semi-space-size=32'];

async function start(cmd: string[], env: Record<string, string>, ready: string): Promise<Proc> {
  const port = await freePort();
  const child = spawn(process.execPath, [...NODE_FLAGS, ...cmd], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited: ${output.slice(-2000)}`);
    try {
      const res = await fetch(url + ready, {
        method: ready === '/healthz' ? 'GET' : 'POST',
        body: ready === '/healthz' ? undefined : '{}',
      });
      if (res.status < 500) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server did not start: ${output.slice(-2000)}`);
    await sleep(300);
  }
  return {
    url,
    child,
    stop: () =>
      new Promise<void>((res) => {
        if (child.exitCode !== null) return res();
        child.once('exit', () => res());
        child.kill('SIGTERM');
      }),
  };
}

interface Stats {
  requests: number;
  statements: number;
  rss: number;
  heapUsed: number;
}

async function stats(server: Proc): Promise<Stats> {
  return (await (await fetch(server.url + '/internal/bench-stats')).json()) as Stats;
}

async function gql(
  server: Proc,
  token: string,
  query: string,
  variables: Record<string, unknown>,
): Promise<{ body: { data?: Record<string, unknown>; errors?: unknown[] } }> {
  const res = await fetch(server.url + '/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { body: (await res.json()) as { data?: Record<string, unknown>; errors?: unknown[] } };
}

/**
 * One request sent alone, with the statements the server sent for it (the difference of its
 * counter). The smallest of three: a background job (the SLA sweeper, a cached account check
 * running out) can add to one of them, not to all.
 */
async function probe(
  server: Proc,
  token: string,
  query: string,
  variables: Record<string, unknown>,
): Promise<{ body: { data?: Record<string, unknown>; errors?: unknown[] }; statements: number }> {
  let statements = Infinity;
  let body: { data?: Record<string, unknown>; errors?: unknown[] } = {};
  for (let i = 0; i < 3; i++) {
    const before = await stats(server);
    body = (await gql(server, token, query, variables)).body;
    const after = await stats(server);
    statements = Math.min(statements, after.statements - before.statements);
  }
  return { body, statements };
}

interface Measure {
  scenario: string;
  target: 'api' | 'floor' | 'api:no-dataloader' | 'api:no-shield' | 'api:no-batch';
  concurrency: number;
  requestsPerSec: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  statementsPerRequest?: number;
  statementsMeasured?: number;
  rssMb?: number;
  sameJsonAsApi?: boolean;
  note?: string;
}

async function cannon(opts: {
  url: string;
  token: string;
  body: string;
  connections: number;
  duration: number;
  overallRate?: number;
}): Promise<autocannon.Result> {
  return autocannon({
    url: opts.url,
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${opts.token}` },
    body: opts.body,
    connections: opts.connections,
    duration: opts.duration,
    overallRate: opts.overallRate,
  });
}

const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;

async function measureApi(
  server: Proc,
  token: string,
  s: Scenario,
  ids: Ids,
  now: Date,
  connections: number,
  o: Options,
  target: Measure['target'],
): Promise<Measure> {
  const variables = s.variables(ids, now);
  const first = await probe(server, token, s.query, variables);
  if (first.body.errors?.length)
    throw new Error(`${s.key}: ${JSON.stringify(first.body.errors).slice(0, 500)}`);
  const body = JSON.stringify({ query: s.query, variables });
  await cannon({ url: server.url + '/graphql', token, body, connections, duration: o.warmup });
  const before = await stats(server);
  const r = await cannon({ url: server.url + '/graphql', token, body, connections, duration: o.duration });
  const after = await stats(server);
  return {
    scenario: s.key,
    target,
    concurrency: connections,
    requestsPerSec: round(r.requests.average),
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors,
    non2xx: r.non2xx,
    statementsPerRequest: first.statements,
    statementsMeasured: round(
      (after.statements - before.statements) / Math.max(1, after.requests - before.requests),
      2,
    ),
    rssMb: Math.round(after.rss / 1048576),
  };
}

/** The selection of every scalar field, two levels deep, of a root field found in the committed SDL. */
function reportQuery(): { query: string; args: string[] } | null {
  const sdl = readFileSync(join(ROOT, 'schema/schema.graphql'), 'utf8');
  const schema = buildSchema(sdl);
  const field = schema.getQueryType()?.getFields().communityReport;
  if (!field) return null;
  const select = (type: GraphQLObjectType, depth: number): string =>
    Object.values(type.getFields())
      .filter((f: GraphQLField<unknown, unknown>) => !f.args.some((a) => a.type.toString().endsWith('!')))
      .map((f) => {
        const t = getNamedType(f.type);
        if (isLeafType(t)) return f.name;
        if (isObjectType(t) && depth > 0) return `${f.name} { ${select(t, depth - 1)} }`;
        return '';
      })
      .filter(Boolean)
      .join(' ');
  const t = getNamedType(field.type);
  const sel = isObjectType(t) ? `{ ${select(t, 2)} }` : '';
  return {
    query: `query CommunityReport(${field.args.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ')}) { communityReport(${field.args
      .map((a) => `${a.name}: $${a.name}`)
      .join(', ')}) ${sel} }`,
    // A period input whose bounds are calendar days (LocalDate) is sent as days, else as instants.
    args: field.args.map((a) => {
      const input = getNamedType(a.type);
      const from = isInputObjectType(input) ? input.getFields().from : undefined;
      const days = from && getNamedType(from.type).name === 'LocalDate';
      return `${a.name}: ${a.type.toString()}${days ? ' (days)' : ''}`;
    }),
  };
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('Set DATABASE_URL to the database `npm run seed:scale` filled');
  const started = new Date();
  log('Building (npm run build)...');
  const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('build failed');

  const jwtSecret = randomBytes(48).toString('base64url');
  const serverEnv = (ablation = 'none') => ({
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    JWT_SECRET: jwtSecret,
    LOG_LEVEL: 'warn',
    DEMO_SEED: 'false',
    BENCH_STATS: 'true',
    BENCH_ABLATION: ablation,
  });
  const startApi = (ablation?: string) => start(['dist/src/main.js'], serverEnv(ablation), '/healthz');
  let server = await startApi();
  const results: Measure[] = [];
  const notes: string[] = [];
  let memory: Memory | undefined;
  try {
    const login = await gql(
      server,
      '',
      'mutation { login(username: "community_admin", password: "gridgov-demo") { token } }',
      {},
    );
    const token = (login.body.data?.login as { token: string } | undefined)?.token;
    if (!token) throw new Error(`sign-in failed: ${JSON.stringify(login.body.errors)}`);
    const who = await gql(
      server,
      token,
      `{ viewer { jurisdiction { community { id name } } } caseCategories { id code } }`,
      {},
    );
    const community = (who.body.data?.viewer as { jurisdiction: { community: { id: string; name: string } } })
      .jurisdiction.community;
    const grids = await gql(
      server,
      token,
      `query($c: ID!) { grids(first: 1, filter: { communityId: $c }) { nodes { id name } } }`,
      {
        c: community.id,
      },
    );
    const grid = (grids.body.data?.grids as { nodes: { id: string; name: string }[] }).nodes[0]!;
    const categories = who.body.data?.caseCategories as { id: string; code: string }[];
    const ids: Ids = {
      grid: grid.id,
      community: community.id,
      category: categories.find((c) => c.code === 'FACILITY')!.id,
    };
    const now = new Date();
    log(`Signed in as community_admin of ${community.name}; grid ${grid.name}`);
    // Left over by a run that stopped before removing them.
    const leftover = await removeBenchCases(databaseUrl);
    if (leftover) log(`Removed ${leftover} cases an earlier run reported`);

    let scenarios = readScenarios();
    if (o.only) scenarios = scenarios.filter((s) => o.only!.some((k) => s.key.startsWith(k)));

    for (const s of scenarios) {
      for (const c of o.concurrency) {
        const m = await measureApi(server, token, s, ids, now, c, o, 'api');
        results.push(m);
        log(
          `${s.title} c=${c}: ${m.requestsPerSec} req/s p50 ${m.p50} ms p99 ${m.p99} ms, ${m.statementsPerRequest} statements`,
        );
      }
    }

    // reportCase at a fixed rate.
    if (!o.only || o.only.includes('report-case')) {
      const body = JSON.stringify({
        query: REPORT_CASE,
        variables: {
          input: { gridId: ids.grid, categoryId: ids.category, source: 'PATROL', title: BENCH_CASE_TITLE },
        },
      });
      const once = await probe(server, token, REPORT_CASE, JSON.parse(body).variables);
      if (once.body.errors?.length) throw new Error(`reportCase: ${JSON.stringify(once.body.errors)}`);
      const before = await stats(server);
      const r = await cannon({
        url: server.url + '/graphql',
        token,
        body,
        connections: 10,
        duration: o.duration,
        overallRate: o.reportRate,
      });
      const after = await stats(server);
      results.push({
        scenario: 'report-case',
        target: 'api',
        concurrency: 10,
        requestsPerSec: round(r.requests.average),
        p50: r.latency.p50,
        p99: r.latency.p99,
        errors: r.errors,
        non2xx: r.non2xx,
        statementsPerRequest: once.statements,
        statementsMeasured: round(
          (after.statements - before.statements) / Math.max(1, after.requests - before.requests),
          2,
        ),
        rssMb: Math.round(after.rss / 1048576),
        note: `fixed rate ${o.reportRate}/s`,
      });
      // The cases just reported would make the grid page and the floor after it count and sort
      // more open cases than the scenarios before saw, and pile up run after run: remove them.
      await removeBenchCases(databaseUrl);
      log(
        `5 reportCase @${o.reportRate}/s: p50 ${r.latency.p50} ms p99 ${r.latency.p99} ms, ${once.statements} statements`,
      );
    }

    // The community report, when the schema has it.
    if (!o.only || o.only.includes('report')) {
      const report = reportQuery();
      if (!report) {
        notes.push('Scenario 6 (community report) skipped: the schema has no `communityReport` field yet.');
        log(notes.at(-1)!);
      } else {
        const vars: Record<string, unknown> = {};
        for (const a of report.args) {
          if (a.startsWith('communityId')) vars.communityId = ids.community;
          else if (a.startsWith('period')) vars.period = periodFor(a, now);
        }
        const tried = await gql(server, token, report.query, vars);
        if (tried.body.errors?.length) {
          notes.push(
            `Scenario 6 (community report) failed its probe: ${JSON.stringify(tried.body.errors).slice(0, 300)}`,
          );
          log(notes.at(-1)!);
        } else {
          for (const c of o.concurrency) {
            const m = await measureApi(
              server,
              token,
              {
                key: 'report',
                title: '6 community report',
                query: report.query,
                variables: () => vars,
                floor: false,
              },
              ids,
              now,
              c,
              o,
              'api',
            );
            results.push(m);
            log(
              `6 community report c=${c}: ${m.requestsPerSec} req/s p99 ${m.p99} ms, ${m.statementsPerRequest} statements`,
            );
          }
        }
      }
    }

    // The raw-SQL floor, in the same run.
    if (o.floor) {
      const floor = await start(
        ['-r', './scripts/register-ts.js', 'scripts/bench/floor.ts'],
        { DATABASE_URL: databaseUrl, JWT_SECRET: jwtSecret, NODE_ENV: 'production' },
        '/healthz',
      );
      try {
        for (const s of scenarios.filter((x) => x.floor)) {
          const endpoint = floor.url + '/' + s.key.replace(/-\d+$/, '');
          const variables = s.variables(ids, now);
          const api = await gql(server, token, s.query, variables);
          const raw = (await (
            await fetch(endpoint, {
              method: 'POST',
              headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
              body: JSON.stringify(variables),
            })
          ).json()) as { data?: unknown; error?: string };
          if (raw.error) throw new Error(`floor ${s.key}: ${raw.error}`);
          const same = isDeepStrictEqual(api.body.data, raw.data);
          if (!same)
            writeFileSync(
              `/tmp/bench-${s.key}.json`,
              JSON.stringify({ api: api.body.data, floor: raw.data }, null, 2),
            );
          for (const c of o.concurrency) {
            const body = JSON.stringify(variables);
            await cannon({ url: endpoint, token, body, connections: c, duration: o.warmup });
            const r = await cannon({ url: endpoint, token, body, connections: c, duration: o.duration });
            results.push({
              scenario: s.key,
              target: 'floor',
              concurrency: c,
              requestsPerSec: round(r.requests.average),
              p50: r.latency.p50,
              p99: r.latency.p99,
              errors: r.errors,
              non2xx: r.non2xx,
              statementsPerRequest: 1,
              sameJsonAsApi: same,
            });
            log(
              `floor ${s.title} c=${c}: ${round(r.requests.average)} req/s p99 ${r.latency.p99} ms (same JSON: ${same})`,
            );
          }
        }
      } finally {
        await floor.stop();
      }
    }

    // Ablations: each layer off in turn, scenarios 1–4 at the highest concurrency.
    if (o.ablations) {
      const c = Math.max(...o.concurrency);
      for (const ablation of ['no-dataloader', 'no-batch', 'no-shield'] as const) {
        await server.stop();
        server = await startApi(ablation);
        const t2 = (
          (
            await gql(
              server,
              '',
              'mutation { login(username: "community_admin", password: "gridgov-demo") { token } }',
              {},
            )
          ).body.data?.login as { token: string }
        ).token;
        for (const s of scenarios.filter((x) => x.floor)) {
          const m = await measureApi(server, t2, s, ids, now, c, o, `api:${ablation}`);
          results.push(m);
          log(
            `${ablation} ${s.title} c=${c}: ${m.requestsPerSec} req/s p99 ${m.p99} ms, ${m.statementsPerRequest} statements`,
          );
        }
      }
      await server.stop();
      server = await startApi();
    }

    // Memory over a mixed run of the read scenarios.
    if (o.mixed > 0) {
      const t3 = (
        (
          await gql(
            server,
            '',
            'mutation { login(username: "community_admin", password: "gridgov-demo") { token } }',
            {},
          )
        ).body.data?.login as { token: string }
      ).token;
      const requests = scenarios.map((s) => ({
        method: 'POST' as const,
        body: JSON.stringify({ query: s.query, variables: s.variables(ids, now) }),
      }));
      const samples: { at: number; rss: number; heap: number }[] = [];
      const t0 = Date.now();
      const sampler = setInterval(() => {
        void stats(server).then((st) =>
          samples.push({ at: Date.now() - t0, rss: st.rss / 1048576, heap: st.heapUsed / 1048576 }),
        );
      }, 1000);
      const r = await autocannon({
        url: server.url + '/graphql',
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${t3}` },
        requests,
        connections: 10,
        duration: o.mixed,
      });
      clearInterval(sampler);
      // Memory saws up and down with the collector's cycles, so one sample says little: per minute,
      // the floor (lowest sample: what survives collections) and the peak. Steady means the floor
      // and the peak of the last minute are within 10 % of the second minute's (the first warms up).
      const minutes: MemoryMinute[] = [];
      for (let m = 0; m * 60_000 < o.mixed * 1000; m++) {
        const w = samples.filter((x) => x.at >= m * 60_000 && x.at < (m + 1) * 60_000);
        if (!w.length) continue;
        minutes.push({
          minute: m + 1,
          rssFloorMb: Math.round(Math.min(...w.map((x) => x.rss))),
          rssPeakMb: Math.round(Math.max(...w.map((x) => x.rss))),
          heapFloorMb: Math.round(Math.min(...w.map((x) => x.heap))),
          heapPeakMb: Math.round(Math.max(...w.map((x) => x.heap))),
        });
      }
      const base = minutes[Math.min(1, minutes.length - 1)]!;
      const last = minutes[minutes.length - 1]!;
      const pct = (a: number, b: number) => round((100 * (b - a)) / a);
      memory = {
        seconds: o.mixed,
        requestsPerSec: round(r.requests.average),
        minutes,
        rssFloorGrowthPct: pct(base.rssFloorMb, last.rssFloorMb),
        rssPeakGrowthPct: pct(base.rssPeakMb, last.rssPeakMb),
        heapFloorGrowthPct: pct(base.heapFloorMb, last.heapFloorMb),
      };
      log(
        `mixed ${o.mixed} s: ${memory.requestsPerSec} req/s; RSS floor ${base.rssFloorMb} → ${last.rssFloorMb} MB (${memory.rssFloorGrowthPct}%), peak ${base.rssPeakMb} → ${last.rssPeakMb} MB (${memory.rssPeakGrowthPct}%)`,
      );
    }
  } catch (e) {
    // Whatever was measured is still written, with the reason the run stopped.
    notes.push(`The run stopped early: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
    throw e;
  } finally {
    await server.stop();
    if (results.length) writeResults(started, o, results, notes, memory);
  }
}

/** Cases the reportCase scenario wrote (its title marks them), with their steps (cascade). */
async function removeBenchCases(databaseUrl: string): Promise<number> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const r = await client.query('delete from case_record where title = $1', [BENCH_CASE_TITLE]);
    // Vacuumed too: dead index entries would otherwise cost the next scenarios heap visits.
    await client.query('vacuum analyze case_record, case_event');
    return r.rowCount ?? 0;
  } finally {
    await client.end();
  }
}

interface MemoryMinute {
  minute: number;
  rssFloorMb: number;
  rssPeakMb: number;
  heapFloorMb: number;
  heapPeakMb: number;
}

interface Memory {
  seconds: number;
  requestsPerSec: number;
  minutes: MemoryMinute[];
  /** From the second minute to the last. */
  rssFloorGrowthPct: number;
  rssPeakGrowthPct: number;
  heapFloorGrowthPct: number;
}

/** The year up to today: what a yearly work report covers. */
function periodFor(arg: string, now: Date): Record<string, string> {
  const to = now.toISOString().slice(0, 10);
  const from = new Date(now.getTime() - 365 * 86_400_000).toISOString().slice(0, 10);
  return arg.endsWith('(days)') ? { from, to } : { from: `${from}T00:00:00.000Z`, to: `${to}T00:00:00.000Z` };
}

function writeResults(
  started: Date,
  o: Options,
  results: Measure[],
  notes: string[],
  memory: Memory | undefined,
): void {
  const dir = join(ROOT, 'bench/results');
  mkdirSync(dir, { recursive: true });
  const stamp = started.toISOString().replace(/[:]/g, '-').slice(0, 19);
  const machine = {
    cpus: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}`,
    memoryGb: round(totalmem() / 1024 ** 3),
    node: process.version,
    nodeFlags: NODE_FLAGS.join(' '),
    loadAverageAtEnd: loadavg().map((x) => round(x, 2)),
  };
  const floorOf = (m: Measure) =>
    results.find((f) => f.target === 'floor' && f.concurrency === m.concurrency && f.scenario === m.scenario);
  const lines = [
    `# Benchmark ${started.toISOString()}`,
    '',
    `Machine: ${machine.cpus}, ${machine.memoryGb} GB, Node ${machine.node} (${machine.nodeFlags}); load average at the end ${machine.loadAverageAtEnd.join(' ')}.`,
    `Each figure: ${o.warmup} s warm-up, then ${o.duration} s of autocannon.`,
    '',
    '| scenario | target | conc. | req/s | p50 ms | p99 ms | SQL/req | RSS MB | vs floor | errors |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...results.map((m) => {
      const f = m.target === 'api' ? floorOf(m) : undefined;
      const ratio = f
        ? `${round(m.requestsPerSec / f.requestsPerSec, 2)}`
        : m.target === 'floor'
          ? m.sameJsonAsApi
            ? 'same JSON'
            : 'JSON differs'
          : '';
      return `| ${m.scenario} | ${m.target} | ${m.concurrency} | ${m.requestsPerSec} | ${m.p50} | ${m.p99} | ${m.statementsPerRequest ?? ''} | ${m.rssMb ?? ''} | ${ratio} | ${m.errors + m.non2xx} |`;
    }),
    '',
    ...notes.map((n) => `- ${n}`),
  ];
  if (memory) {
    lines.push(
      `- Mixed run of ${memory.seconds} s at ${memory.requestsPerSec} req/s, per minute (MB): ` +
        memory.minutes
          .map(
            (m) => `${m.minute}: RSS ${m.rssFloorMb}–${m.rssPeakMb}, heap ${m.heapFloorMb}–${m.heapPeakMb}`,
          )
          .join('; ') +
        `. From minute 2 to the last: RSS floor ${memory.rssFloorGrowthPct}%, RSS peak ${memory.rssPeakGrowthPct}%, heap floor ${memory.heapFloorGrowthPct}%.`,
    );
  }
  const md = lines.join('\n') + '\n';
  writeFileSync(
    join(dir, `${stamp}.json`),
    JSON.stringify({ started, options: o, machine, results, notes, memory }, null, 2) + '\n',
  );
  writeFileSync(join(dir, `${stamp}.md`), md);
  log('\n' + md);
  log(`Written bench/results/${stamp}.json and .md`);
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
