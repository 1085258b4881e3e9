import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { gql, post } from './lib/client';
import { judge } from './lib/checks';
import { ServerProcess } from './lib/server-process';
import { slope, sleep } from './lib/util';
import { loadFixture, verifyLedger, WriteLoad, type LedgerCheck } from './lib/write-load';

/** Lock every event insert takes (event_commit_order trigger): holding it stalls every write. */
const EVENT_LOCK = 7301551;

export interface ShutdownResult {
  exitCode: number | null;
  exitMs: number;
  inFlightAtSigterm: number;
  inFlightCompleted: number;
  inFlightCut: number;
  newRequestsAfterSigterm: number;
  newRequestsRefused: number;
  newRequestsServed: number;
  logSteps: Record<string, boolean>;
  connectionsLeft: number;
  ledger: LedgerCheck;
  problems: string[];
}

/**
 * SIGTERM under load. The test holds the outbox lock, so the writes already sent are certainly
 * inside the server (waiting on the database) when SIGTERM arrives; it releases the lock a second
 * later. Those writes must complete and be acknowledged, new connections must be refused, and
 * the process must stop its workers, close the pool and exit 0 within 10 seconds.
 */
export async function gracefulShutdown(dbUrl: string, workDir: string): Promise<ShutdownResult> {
  const logFile = join(workDir, 'server-shutdown.log');
  const server = await ServerProcess.start({ databaseUrl: dbUrl, logFile, env: { LOG_LEVEL: 'debug' } });
  const fixture = await loadFixture(server.url);
  const problems: string[] = [];
  const warm = new WriteLoad({ url: () => server.url, fixture, workers: 4, pauseMs: 10 });
  warm.start();
  await sleep(1500);
  await warm.stop();

  const lock = new Client({ connectionString: dbUrl });
  await lock.connect();
  await lock.query('select pg_advisory_lock($1)', [EVENT_LOCK]);
  const stalled = new WriteLoad({ url: () => server.url, fixture, workers: 1, giveUpMs: 30_000 });
  const inFlight = Array.from({ length: 8 }, (_, i) => stalled.write(i % 2 ? 'case' : 'household'));
  // Reads in flight too (they do not wait on the lock, but they overlap the signal).
  const reads = Array.from({ length: 4 }, () =>
    gql(
      server.url,
      '{ grids { nodes { id name } } cases(first: 50) { totalCount } }',
      {},
      { token: fixture.tokens.get('community_admin') },
    ),
  );
  await sleep(500);
  const t0 = Date.now();
  const exit = server.terminate(15_000);
  await sleep(200);
  // New requests after SIGTERM, on fresh connections: refused (connection refused or 503), quickly.
  let refused = 0;
  let served = 0;
  const fresh = 5;
  for (let i = 0; i < fresh; i++) {
    const r = await post(
      server.url,
      { query: '{ viewer { role } }' },
      { token: fixture.tokens.get('grid_worker'), timeoutMs: 3000, headers: { connection: 'close' } },
    );
    if (r.status === 0 || r.status === 503) refused++;
    else served++;
    await sleep(50);
  }
  await sleep(Math.max(0, 1000 - (Date.now() - t0)));
  await lock.query('select pg_advisory_unlock($1)', [EVENT_LOCK]);
  await lock.end();
  const entries = await Promise.all(inFlight);
  const readAnswers = await Promise.all(reads);
  const { code } = await exit;
  const exitMs = Date.now() - t0;
  const completed = entries.filter((e) => e.state === 'acked' && e.attempts === 1).length;
  for (const r of readAnswers) {
    const v = judge(r, '');
    if (!v.ok || !r.body?.data) problems.push(`in-flight read: ${r.status} ${r.text.slice(0, 200)}`);
  }
  const log = readFileSync(logFile, 'utf8');
  const logSteps = {
    'shutting down': log.includes('"msg":"shutting down"'),
    'http server closed': log.includes('"msg":"http server closed"'),
    'workers stopped': log.includes('"msg":"workers stopped"'),
    'database closed': log.includes('"msg":"database closed"'),
    stopped: log.includes('"msg":"stopped"'),
  };
  const c = new Client({ connectionString: dbUrl });
  await c.connect();
  const left = Number(
    (
      await c.query<{ n: string }>(
        `select count(*) n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`,
      )
    ).rows[0]!.n,
  );
  await c.end();
  const ledger = await verifyLedger(dbUrl, [...warm.ledger, ...stalled.ledger]);
  if (code !== 0) problems.push(`exit code ${code}`);
  if (exitMs > 10_000) problems.push(`exit took ${exitMs} ms`);
  if (completed !== inFlight.length)
    problems.push(`${inFlight.length - completed} in-flight writes did not complete on their first attempt`);
  if (served) problems.push(`${served} requests sent after SIGTERM were served`);
  for (const [step, seen] of Object.entries(logSteps)) if (!seen) problems.push(`log lacks "${step}"`);
  if (left) problems.push(`${left} database connections left open`);
  return {
    exitCode: code,
    exitMs,
    inFlightAtSigterm: inFlight.length + reads.length,
    inFlightCompleted: completed + readAnswers.filter((r) => !!r.body?.data).length,
    inFlightCut: entries.filter((e) => e.attempts > 1 || e.state !== 'acked').length,
    newRequestsAfterSigterm: fresh,
    newRequestsRefused: refused,
    newRequestsServed: served,
    logSteps,
    connectionsLeft: left,
    ledger,
    problems,
  };
}

export interface SoakResult {
  durationS: number;
  requests: number;
  reads: number;
  writes: number;
  errors: number;
  errorRate: number;
  samples: { t: number; rssMb: number; rps: number }[];
  rssStartMb: number;
  rssEndMb: number;
  rssMaxMb: number;
  /** RSS trend after warm-up (noisy: V8 collects lazily). */
  memorySlopeMbPerMin: number;
  fullGcs: number;
  heapAfterGcFirstMb: number;
  heapAfterGcLastMb: number;
  /** Live heap after each full collection, trend after warm-up: the leak indicator. */
  heapAfterGcSlopeMbPerMin: number;
  p50Ms: number;
  p99Ms: number;
  ledger: LedgerCheck;
  problems: string[];
}

const READS = [
  '{ grids { totalCount nodes { id name modules { module { id } enabled } } } }',
  '{ cases(first: 20) { totalCount nodes { id state title grid { name } } } }',
  '{ activities(first: 20) { totalCount nodes { __typename id title occurredAt } } }',
  '{ households(first: 20) { totalCount nodes { id address } } }',
  '{ viewer { role jurisdiction { level } } caseCategories { id code } }',
];

/** Mixed reads and writes for a while, sampling the server's memory and the error rate. */
export async function soak(
  dbUrl: string,
  workDir: string,
  durationS: number,
  log: (s: string) => void,
): Promise<SoakResult> {
  const logFile = join(workDir, 'server-soak.log');
  // --trace-gc prints the live heap after each full collection: RSS alone is a sawtooth (V8 grows
  // the heap freely with memory to spare) and cannot tell a leak from a lazy collector.
  const server = await ServerProcess.start({
    databaseUrl: dbUrl,
    logFile,
    env: { LOG_LEVEL: 'warn' },
    nodeArgs: ['--trace-gc'],
  });
  const fixture = await loadFixture(server.url);
  const writes = new WriteLoad({ url: () => server.url, fixture, workers: 2, pauseMs: 25, giveUpMs: 30_000 });
  const problems: string[] = [];
  let reads = 0;
  let errors = 0;
  const latencies: number[] = [];
  let running = true;
  const readers = Array.from({ length: 3 }, async (_, w) => {
    const viewers = ['grid_worker', 'community_admin', 'admin'];
    for (let i = 0; running; i++) {
      const r = await gql(
        server.url,
        READS[(i + w) % READS.length]!,
        {},
        { token: fixture.tokens.get(viewers[(i + w) % 3]!), timeoutMs: 15_000 },
      );
      reads++;
      latencies.push(r.ms);
      if (!judge(r, '').ok || !r.body?.data || r.body.errors?.length) {
        errors++;
        if (problems.length < 10) problems.push(`read: ${r.status} ${r.text.slice(0, 200)}`);
      }
    }
  });
  writes.start();
  const samples: SoakResult['samples'] = [];
  const started = Date.now();
  let lastCount = 0;
  while (Date.now() - started < durationS * 1000) {
    await sleep(5000);
    const count = reads + writes.ledger.length;
    samples.push({
      t: (Date.now() - started) / 1000,
      rssMb: rssMb(server.pid!),
      rps: (count - lastCount) / 5,
    });
    lastCount = count;
    if (samples.length % 12 === 0)
      log(
        `soak: ${Math.round((Date.now() - started) / 1000)} s, rss ${samples[samples.length - 1]!.rssMb} MB, ${count} requests`,
      );
  }
  running = false;
  await Promise.all(readers);
  await writes.stop();
  const ledger = await verifyLedger(dbUrl, writes.ledger);
  await server.terminate();
  const writeErrors = ledger.writes - ledger.acknowledged + writes.untyped.length;
  errors += writeErrors;
  // The first fifth is warm-up (JIT, pools, caches): the trend is measured after it.
  const steady = samples.filter((s) => s.t >= durationS / 5);
  const slopeMbPerMin = slope(steady.map((s) => ({ x: s.t / 60, y: s.rssMb })));
  const gc = heapAfterFullGc(logFile);
  const gcStart = gc[0]?.t ?? 0;
  const gcEnd = gc[gc.length - 1]?.t ?? 0;
  const gcSteady = gc.filter((g) => g.t >= gcStart + (gcEnd - gcStart) / 5);
  const heapSlope = slope(gcSteady.map((g) => ({ x: g.t / 60, y: g.mb })));
  const sorted = [...latencies].sort((a, b) => a - b);
  const total = reads + writes.ledger.length;
  return {
    durationS,
    requests: total,
    reads,
    writes: writes.ledger.length,
    errors,
    errorRate: total ? errors / total : 0,
    samples,
    rssStartMb: samples[0]?.rssMb ?? 0,
    rssEndMb: samples[samples.length - 1]?.rssMb ?? 0,
    rssMaxMb: Math.max(0, ...samples.map((s) => s.rssMb)),
    memorySlopeMbPerMin: Math.round(slopeMbPerMin * 100) / 100,
    fullGcs: gc.length,
    heapAfterGcFirstMb: gcSteady[0]?.mb ?? 0,
    heapAfterGcLastMb: gcSteady[gcSteady.length - 1]?.mb ?? 0,
    heapAfterGcSlopeMbPerMin: Math.round(heapSlope * 100) / 100,
    p50Ms: sorted[Math.floor(sorted.length * 0.5)] ?? 0,
    p99Ms: sorted[Math.floor(sorted.length * 0.99)] ?? 0,
    ledger,
    problems: [...problems, ...writes.untyped.slice(0, 5)],
  };
}

/** `[pid:0x…]   61234 ms: Mark-Compact 45.6 (60.1) -> 30.2 (61.3) MB, …` lines of --trace-gc. */
function heapAfterFullGc(file: string): { t: number; mb: number }[] {
  const out: { t: number; mb: number }[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /\s(\d+) ms: (?:Mark-Compact|Mark-sweep)[^>]*->\s*([\d.]+)\s*\(/.exec(line);
    if (m) out.push({ t: Number(m[1]) / 1000, mb: Number(m[2]) });
  }
  return out;
}

function rssMb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return Math.round(kb / 1024);
  } catch {
    return 0;
  }
}
