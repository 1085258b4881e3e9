import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import {
  commitCuts,
  pgRestart,
  relayKill,
  serverKill,
  type FaultProfile,
  type ScenarioResult,
} from './faults';
import { runFuzz, type FuzzResult } from './fuzz';
import { gracefulShutdown, soak, type ShutdownResult, type SoakResult } from './lifecycle';
import { auditSnapshot, checkInvariants, compareAudit, type InvariantResult } from './lib/invariants';
import { PgCluster } from './lib/pg-cluster';
import { ROOT, ServerProcess, scanLog } from './lib/server-process';

/*
 * `npm run test:reliability` (short profile, a few minutes, for CI) or `-- --long`. Builds the
 * server, starts a private PostgreSQL cluster, and runs: the fuzzing battery, fault injection with
 * a client ledger, graceful shutdown and a soak, each against real server processes. Writes the
 * figures to tests/reliability/results/<profile>.json and exits 1 on any loss, duplicate, crash,
 * untyped error or broken invariant.
 */

interface Profile {
  name: 'short' | 'long';
  fuzzOperations: number;
  faults: FaultProfile;
  soakSeconds: number;
}

const PROFILES: Record<'short' | 'long', Profile> = {
  short: {
    name: 'short',
    fuzzOperations: 3000,
    faults: {
      pgRestarts: 1,
      outageMs: 3000,
      serverKills: 2,
      httpCuts: 10,
      pgCommitCuts: 10,
      relayKills: 2,
      workers: 4,
    },
    soakSeconds: 45,
  },
  long: {
    name: 'long',
    fuzzOperations: 30000,
    faults: {
      pgRestarts: 3,
      outageMs: 5000,
      serverKills: 5,
      httpCuts: 50,
      pgCommitCuts: 50,
      relayKills: 4,
      workers: 6,
    },
    soakSeconds: 600,
  },
};

const log = (s: string) =>
  process.stdout.write(`[reliability ${new Date().toISOString().slice(11, 19)}] ${s}\n`);

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const profile = PROFILES[args.includes('--long') ? 'long' : 'short'];
  const only = args
    .find((a) => a.startsWith('--only='))
    ?.slice(7)
    .split(',');
  const want = (part: string) => !only || only.includes(part);
  const soakSeconds = Number(args.find((a) => a.startsWith('--soak='))?.slice(7) ?? profile.soakSeconds);
  const seed = Number(args.find((a) => a.startsWith('--seed='))?.slice(7) ?? Date.now() % 2147483647);
  if (!args.includes('--no-build')) {
    log('building the server (npm run build)');
    execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
  }
  const workDir = mkdtempSync(join(tmpdir(), 'gridgov-rel-'));
  const started = Date.now();
  const failures: string[] = [];
  const results: {
    profile: string;
    startedAt: string;
    node: string;
    durationS?: number;
    fuzz?: FuzzResult & { invariants: InvariantResult[]; serverLogErrors: string[] };
    faults?: ScenarioResult[];
    faultInvariants?: InvariantResult[];
    shutdown?: ShutdownResult;
    soak?: SoakResult;
    serverLogErrors?: string[];
    summary?: Record<string, unknown>;
    failures?: string[];
  } = { profile: profile.name, startedAt: new Date().toISOString(), node: process.version };

  log(`private PostgreSQL cluster starting (profile ${profile.name}, work dir ${workDir})`);
  const cluster = await PgCluster.create();
  try {
    const fuzzDb = cluster.url('gridgov_fuzz');
    const admin = new Client({ connectionString: cluster.url('postgres') });
    await admin.connect();
    await admin.query('create database gridgov_fuzz');
    await admin.end();

    if (want('fuzz')) {
      log(`fuzz: ${profile.fuzzOperations} operations, seed ${seed}`);
      const logFile = join(workDir, 'server-fuzz.log');
      const server = await ServerProcess.start({ databaseUrl: fuzzDb, logFile });
      const auditBefore = await auditSnapshot(fuzzDb);
      const personal = await personalData(fuzzDb);
      const fuzz = await runFuzz(
        {
          baseUrl: server.url,
          operations: profile.fuzzOperations,
          seed,
          concurrency: 4,
          batch: 100,
          personal,
        },
        log,
      );
      await server.terminate();
      const invariants = [...(await checkInvariants(fuzzDb)), await compareAudit(fuzzDb, auditBefore)];
      const logErrors = scanLog(logFile).errors;
      results.fuzz = { ...fuzz, invariants, serverLogErrors: logErrors.slice(0, 20) };
      for (const f of fuzz.failures) failures.push(`fuzz: ${f.problem}`);
      for (const i of invariants)
        if (i.violations && !i.reportOnly)
          failures.push(`fuzz invariant "${i.name}": ${JSON.stringify(i.sample)}`);
      for (const e of logErrors.slice(0, 10)) failures.push(`fuzz server log: ${e.slice(0, 500)}`);
      if (server.unexpectedExits.length)
        failures.push(`fuzz server crashed: ${server.unexpectedExits.join('; ')}`);
    }

    const dbUrl = cluster.url('gridgov');
    if (want('faults')) {
      // Seed the database once, then take the audit fingerprint every later check compares with.
      const seedServer = await ServerProcess.start({
        databaseUrl: dbUrl,
        logFile: join(workDir, 'server-seed.log'),
      });
      await seedServer.terminate();
      const auditBefore = await auditSnapshot(dbUrl);
      const ctx = { cluster, dbUrl, workDir, log };
      results.faults = [];
      const pick = args
        .find((a) => a.startsWith('--faults='))
        ?.slice(9)
        .split(',');
      for (const [id, name, run] of [
        ['pg', 'postgresql restart', pgRestart],
        ['kill', 'server SIGKILL', serverKill],
        ['cut', 'connection cut after COMMIT', commitCuts],
        ['relay', 'webhook relay killed mid-delivery', relayKill],
      ] as const) {
        if (pick && !pick.includes(id)) continue;
        log(`fault: ${name}`);
        const r = await run(ctx, profile.faults);
        results.faults.push(r);
        log(
          `fault: ${name}: ${r.faultsInjected} injected, ${r.ledger.acknowledged} acknowledged, ` +
            `${r.ledger.lost} lost, ${r.ledger.duplicates} duplicates` +
            (r.recoveryMs.length ? `, recovery ${r.recoveryMs.join('/')} ms` : ''),
        );
        judgeScenario(r, failures);
      }
      results.faultInvariants = [...(await checkInvariants(dbUrl)), await compareAudit(dbUrl, auditBefore)];
      for (const i of results.faultInvariants)
        if (i.violations && !i.reportOnly)
          failures.push(`invariant "${i.name}": ${JSON.stringify(i.sample)}`);
    }

    if (want('shutdown')) {
      log('graceful shutdown under load');
      const s = await gracefulShutdown(dbUrl, workDir);
      results.shutdown = s;
      log(
        `shutdown: exit ${s.exitCode} after ${s.exitMs} ms; ${s.inFlightCompleted}/${s.inFlightAtSigterm} in-flight completed; ${s.newRequestsRefused}/${s.newRequestsAfterSigterm} new refused`,
      );
      for (const p of s.problems) failures.push(`shutdown: ${p}`);
      if (s.ledger.lost || s.ledger.duplicates)
        failures.push(`shutdown: ${s.ledger.lost} lost, ${s.ledger.duplicates} duplicates`);
    }

    if (want('soak')) {
      log(`soak: ${soakSeconds} s mixed reads and writes`);
      const s = await soak(dbUrl, workDir, soakSeconds, log);
      results.soak = s;
      log(
        `soak: ${s.requests} requests, ${s.errors} errors, rss ${s.rssStartMb}→${s.rssEndMb} MB (slope ${s.memorySlopeMbPerMin} MB/min), ` +
          `live heap after full GC ${s.heapAfterGcFirstMb}→${s.heapAfterGcLastMb} MB over ${s.fullGcs} collections (slope ${s.heapAfterGcSlopeMbPerMin} MB/min)`,
      );
      for (const p of s.problems) failures.push(`soak: ${p}`);
      if (s.errors) failures.push(`soak: ${s.errors} errors`);
      if (s.ledger.lost || s.ledger.duplicates)
        failures.push(`soak: ${s.ledger.lost} lost, ${s.ledger.duplicates} duplicates`);
      // Over ten minutes a leak shows as a steady climb of the live heap after full collections
      // (RSS is a sawtooth and only reported); short runs are too short to judge a trend.
      if (profile.name === 'long' && s.heapAfterGcSlopeMbPerMin > 1)
        failures.push(`soak: live heap grows ${s.heapAfterGcSlopeMbPerMin} MB/min after full collections`);
    }

    const logErrors = [
      'server-pg-restart',
      'server-kill',
      'server-cuts',
      'server-relay-a',
      'server-relay-b',
      'server-shutdown',
      'server-soak',
    ].flatMap((n) => {
      try {
        return scanLog(join(workDir, `${n}.log`)).errors.map((e) => `${n}: ${e}`);
      } catch {
        return [];
      }
    });
    results.serverLogErrors = logErrors.slice(0, 30);
    for (const e of logErrors.slice(0, 10)) failures.push(`server log: ${e.slice(0, 600)}`);
  } finally {
    cluster.destroy();
  }

  results.durationS = Math.round((Date.now() - started) / 1000);
  results.summary = summarize(results);
  results.failures = failures;
  const outDir = join(ROOT, 'tests/reliability/results');
  mkdirSync(outDir, { recursive: true });
  const outFile = join(outDir, `${profile.name}.json`);
  writeFileSync(outFile, JSON.stringify(results, null, 2) + '\n');
  log(`summary: ${JSON.stringify(results.summary)}`);
  log(`figures written to ${outFile}`);
  if (failures.length) {
    log(`FAILED (${failures.length}):\n  ${failures.slice(0, 40).join('\n  ')}`);
    log(`server logs kept in ${workDir}`);
    process.exit(1);
  }
  rmSync(workDir, { recursive: true, force: true });
  log(`passed in ${results.durationS} s`);
}

function judgeScenario(r: ScenarioResult, failures: string[]): void {
  const l = r.ledger;
  if (l.lost)
    failures.push(`${r.name}: ${l.lost} acknowledged writes lost (${l.lostMarkers.slice(0, 3).join(', ')})`);
  if (l.duplicates)
    failures.push(
      `${r.name}: ${l.duplicates} duplicated writes (${l.duplicateMarkers.slice(0, 3).join(', ')})`,
    );
  if (l.rejected)
    failures.push(`${r.name}: ${l.rejected} writes refused: ${l.rejections.slice(0, 2).join(' | ')}`);
  if (l.rejectedButStored) failures.push(`${r.name}: ${l.rejectedButStored} writes refused yet stored`);
  if (l.gaveUp) failures.push(`${r.name}: ${l.gaveUp} writes got no definite answer in time`);
  if (!l.acknowledged) failures.push(`${r.name}: no write was acknowledged`);
  for (const u of r.untyped.slice(0, 10)) failures.push(`${r.name}: ${u}`);
  for (const c of r.crashes) failures.push(`${r.name}: server crashed: ${c}`);
}

function summarize(r: {
  fuzz?: FuzzResult;
  faults?: ScenarioResult[];
  shutdown?: ShutdownResult;
  soak?: SoakResult;
}): Record<string, unknown> {
  const faults = r.faults ?? [];
  return {
    operationsFuzzed: r.fuzz?.operations ?? 0,
    rootFieldsFuzzed: r.fuzz ? `${r.fuzz.rootFieldsCovered}/${r.fuzz.rootFieldsTotal}` : '-',
    distinctErrorCodes: r.fuzz ? Object.keys(r.fuzz.codes).sort() : [],
    faultsInjected: Object.fromEntries(faults.map((f) => [f.name, f.faultsInjected])),
    acknowledgedWrites:
      faults.reduce((s, f) => s + f.ledger.acknowledged, 0) +
      (r.shutdown?.ledger.acknowledged ?? 0) +
      (r.soak?.ledger.acknowledged ?? 0),
    writesLost:
      faults.reduce((s, f) => s + f.ledger.lost, 0) +
      (r.shutdown?.ledger.lost ?? 0) +
      (r.soak?.ledger.lost ?? 0),
    duplicates:
      faults.reduce((s, f) => s + f.ledger.duplicates, 0) +
      (r.shutdown?.ledger.duplicates ?? 0) +
      (r.soak?.ledger.duplicates ?? 0),
    recoveryMs: Object.fromEntries(
      faults.filter((f) => f.recoveryMs.length).map((f) => [f.name, f.recoveryMs]),
    ),
    shutdownExitMs: r.shutdown?.exitMs,
    soakRssSlopeMbPerMin: r.soak?.memorySlopeMbPerMin,
    soakHeapAfterGcSlopeMbPerMin: r.soak?.heapAfterGcSlopeMbPerMin,
    soakErrorRate: r.soak?.errorRate,
  };
}

/** Resident ID numbers and phones of the seeded data: they may leave the server only masked. */
async function personalData(url: string): Promise<RegExp | null> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const r = await c.query<{ v: string }>(
      `select id_number v from resident where id_number is not null union select phone from resident where phone is not null`,
    );
    const values = r.rows.map((x) => x.v).filter((v) => v && v.length >= 7);
    return values.length
      ? new RegExp(values.map((v) => v.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')).join('|'))
      : null;
  } finally {
    await c.end();
  }
}

main().catch((err) => {
  process.stderr.write(
    `reliability run failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exit(1);
});
