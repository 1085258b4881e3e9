import { join } from 'node:path';
import { Client } from 'pg';
import { gql, health, type Response } from './lib/client';
import { judge } from './lib/checks';
import type { PgCluster } from './lib/pg-cluster';
import { CuttingProxy } from './lib/proxy';
import { ServerProcess } from './lib/server-process';
import { sleep } from './lib/util';
import { WebhookReceiver } from './lib/webhook-receiver';
import { loadFixture, verifyLedger, WriteLoad, type LedgerCheck } from './lib/write-load';

/*
 * Fault injection under a write load, each with its client ledger checked against the database:
 * a PostgreSQL crash and restart, SIGKILLed servers, connections cut after COMMIT, and the webhook
 * relay killed mid-delivery with two server processes.
 */

export interface FaultProfile {
  pgRestarts: number;
  outageMs: number;
  serverKills: number;
  httpCuts: number;
  pgCommitCuts: number;
  relayKills: number;
  workers: number;
}

export interface FaultContext {
  cluster: PgCluster;
  dbUrl: string;
  workDir: string;
  log: (s: string) => void;
}

export interface ScenarioResult {
  name: string;
  faultsInjected: number;
  ledger: LedgerCheck;
  retryCodes: Record<string, number>;
  untyped: string[];
  recoveryMs: number[];
  crashes: string[];
  notes: Record<string, unknown>;
}

function ok(r: Response): boolean {
  return !!r.body?.data && !r.body.errors?.length;
}

/** PostgreSQL crashes (immediate stop) under load and comes back; the server is never restarted. */
export async function pgRestart(ctx: FaultContext, p: FaultProfile): Promise<ScenarioResult> {
  const server = await ServerProcess.start({
    databaseUrl: ctx.dbUrl,
    logFile: join(ctx.workDir, 'server-pg-restart.log'),
  });
  const fixture = await loadFixture(server.url);
  const load = new WriteLoad({ url: () => server.url, fixture, workers: p.workers, pauseMs: 20 });
  const recovery: number[] = [];
  const outageAnswers: Record<string, number> = {};
  const untyped: string[] = [];
  load.start();
  for (let i = 0; i < p.pgRestarts; i++) {
    await sleep(2000);
    ctx.log(`pg-restart ${i + 1}/${p.pgRestarts}: crashing PostgreSQL (immediate stop)`);
    ctx.cluster.stop('immediate');
    // Probe while it is down: a read and a write, each must answer with a typed, retryable error.
    const downUntil = Date.now() + p.outageMs;
    while (Date.now() < downUntil) {
      const reads = await gql(
        server.url,
        '{ viewer { role } grids { totalCount } }',
        {},
        { token: fixture.tokens.get('grid_worker'), timeoutMs: 10_000 },
      );
      for (const r of [reads]) {
        const v = judge(r, '');
        const codes = v.codes.length ? v.codes : [`HTTP ${r.status}`];
        for (const c of codes) outageAnswers[c] = (outageAnswers[c] ?? 0) + 1;
        const retryable = r.body?.errors?.every((e) => e.extensions?.retryable === true);
        if (!v.ok || !retryable) untyped.push(`during outage: ${r.status} ${r.text.slice(0, 300)}`);
      }
      await sleep(250);
    }
    const ready = await health(server.url, '/readyz');
    if (ready !== 503) untyped.push(`readyz during outage answered ${ready}, expected 503`);
    await ctx.cluster.start();
    const back = Date.now();
    const ackedBefore = load.ackTimes.length;
    // Recovery: the first acknowledged write after PostgreSQL accepts connections again.
    while (load.ackTimes.length === ackedBefore || load.ackTimes[load.ackTimes.length - 1]! < back) {
      if (Date.now() - back > 60_000)
        throw new Error('server did not recover within 60 s of the database restart');
      await sleep(20);
    }
    recovery.push(load.ackTimes.find((t) => t >= back)! - back);
    ctx.log(
      `pg-restart ${i + 1}: writes acknowledged again ${recovery[recovery.length - 1]} ms after PostgreSQL was back`,
    );
  }
  await sleep(1500);
  await load.stop();
  const ledger = await verifyLedger(ctx.dbUrl, load.ledger);
  const readyAfter = await health(server.url, '/readyz');
  await server.terminate();
  return {
    name: 'postgresql-restart',
    faultsInjected: p.pgRestarts,
    ledger,
    retryCodes: { ...load.retryCodes },
    untyped: [
      ...load.untyped,
      ...untyped,
      ...(readyAfter === 200 ? [] : [`readyz after recovery: ${readyAfter}`]),
    ],
    recoveryMs: recovery,
    crashes: server.unexpectedExits,
    notes: { outageAnswers, outageMs: p.outageMs },
  };
}

/** The server is SIGKILLed under load and started again on the same port. */
export async function serverKill(ctx: FaultContext, p: FaultProfile): Promise<ScenarioResult> {
  const server = await ServerProcess.start({
    databaseUrl: ctx.dbUrl,
    logFile: join(ctx.workDir, 'server-kill.log'),
  });
  const fixture = await loadFixture(server.url);
  const load = new WriteLoad({ url: () => server.url, fixture, workers: p.workers, pauseMs: 10 });
  const recovery: number[] = [];
  load.start();
  for (let i = 0; i < p.serverKills; i++) {
    await sleep(2500);
    ctx.log(`server-kill ${i + 1}/${p.serverKills}: SIGKILL pid ${server.pid}`);
    await server.kill();
    await sleep(500);
    const t = Date.now();
    await server.spawn();
    recovery.push(Date.now() - t);
  }
  await sleep(1500);
  await load.stop();
  // Retry acknowledged writes once more with their keys: each must be replayed, not run again.
  const sample = load.ledger.filter((e) => e.state === 'acked').filter((_, i) => i % 4 === 0);
  let replays = 0;
  for (const e of sample) {
    const r = await gql(server.url, e.request.query, e.request.variables, {
      token: fixture.tokens.get(e.viewer),
      headers: { 'idempotency-key': e.key },
    });
    if (r.headers['idempotent-replayed'] === 'true' && ok(r)) replays++;
  }
  const ledger = await verifyLedger(ctx.dbUrl, load.ledger);
  await server.terminate();
  return {
    name: 'server-sigkill',
    faultsInjected: p.serverKills,
    ledger,
    retryCodes: { ...load.retryCodes },
    untyped: [
      ...load.untyped,
      ...(replays === sample.length
        ? []
        : [`only ${replays}/${sample.length} retries of acknowledged writes were replayed`]),
    ],
    recoveryMs: recovery,
    crashes: server.unexpectedExits,
    notes: { retriedAcknowledged: sample.length, replayed: replays, restartMs: recovery },
  };
}

/**
 * Connections cut after the COMMIT: between client and server (the answer is dropped after the
 * server committed and sent it) and between server and PostgreSQL (COMMIT reaches the database,
 * its reply never reaches the server). The client retries with its key; exactly one record.
 */
export async function commitCuts(ctx: FaultContext, p: FaultProfile): Promise<ScenarioResult> {
  const pgProxy = new CuttingProxy('127.0.0.1', ctx.cluster.port);
  await pgProxy.listen();
  const viaProxy = ctx.dbUrl.replace(`:${ctx.cluster.port}/`, `:${pgProxy.port}/`);
  const server = await ServerProcess.start({
    databaseUrl: viaProxy,
    logFile: join(ctx.workDir, 'server-cuts.log'),
  });
  const httpProxy = new CuttingProxy('127.0.0.1', server.port);
  await httpProxy.listen();
  const proxyUrl = `http://127.0.0.1:${httpProxy.port}`;
  const fixture = await loadFixture(server.url);
  const load = new WriteLoad({ url: () => proxyUrl, fixture, workers: 1 });
  const kinds = ['case', 'activity', 'household'] as const;
  let httpCutWrites = 0;
  let pgCutWrites = 0;
  for (let i = 0; i < p.httpCuts; i++) {
    const before = httpProxy.cuts;
    httpProxy.arm('response', 1);
    const e = await load.write(kinds[i % kinds.length]!);
    httpProxy.disarm();
    if (httpProxy.cuts > before && e.replayed) httpCutWrites++;
  }
  for (let i = 0; i < p.pgCommitCuts; i++) {
    const before = pgProxy.cuts;
    pgProxy.arm('commit', 1);
    const e = await load.write(kinds[i % kinds.length]!);
    pgProxy.disarm();
    if (pgProxy.cuts > before && e.state === 'acked') pgCutWrites++;
  }
  const ledger = await verifyLedger(ctx.dbUrl, load.ledger);
  await server.terminate();
  await httpProxy.close();
  await pgProxy.close();
  return {
    name: 'connection-cut-after-commit',
    faultsInjected: httpProxy.cuts + pgProxy.cuts,
    ledger,
    retryCodes: { ...load.retryCodes },
    untyped: [
      ...load.untyped,
      ...(httpCutWrites === p.httpCuts
        ? []
        : [`${p.httpCuts - httpCutWrites} cut answers were not replayed on retry`]),
    ],
    recoveryMs: [],
    crashes: server.unexpectedExits,
    notes: {
      clientSideCuts: httpProxy.cuts,
      retriesAnsweredByReplay: httpCutWrites,
      databaseSideCuts: pgProxy.cuts,
      writesAcknowledgedAfterDatabaseSideCut: pgCutWrites,
    },
  };
}

/**
 * Two server processes, a webhook to a slow local receiver, a write load; one process is killed
 * (SIGKILL) while deliveries are in flight, several times. Every event the webhook subscribes to
 * must reach the receiver at least once.
 */
export async function relayKill(ctx: FaultContext, p: FaultProfile): Promise<ScenarioResult> {
  const receiver = new WebhookReceiver(400);
  const hookUrl = await receiver.listen();
  const a = await ServerProcess.start({
    databaseUrl: ctx.dbUrl,
    logFile: join(ctx.workDir, 'server-relay-a.log'),
  });
  const b = await ServerProcess.start({
    databaseUrl: ctx.dbUrl,
    logFile: join(ctx.workDir, 'server-relay-b.log'),
  });
  const fixture = await loadFixture(a.url);
  const created = await gql(
    a.url,
    'mutation($i: CreateWebhookInput!) { createWebhook(input: $i) { webhook { id } } }',
    { i: { url: hookUrl, eventTypes: ['*'], description: 'reliability receiver' } },
    { token: fixture.tokens.get('admin') },
  );
  if (!ok(created)) throw new Error(`createWebhook failed: ${created.text.slice(0, 500)}`);
  const firstSeq = await maxSeq(ctx.dbUrl);
  let turn = 0;
  const load = new WriteLoad({
    url: () => ((turn++ % 2 === 0 && a.running) || !b.running ? a.url : b.url),
    fixture,
    workers: p.workers,
    pauseMs: 50,
  });
  load.start();
  let killedMidDelivery = 0;
  for (let i = 0; i < p.relayKills; i++) {
    const victim = i % 2 === 0 ? a : b;
    const until = Date.now() + 15_000;
    await sleep(1500);
    while (receiver.inFlight === 0 && Date.now() < until) await sleep(10);
    if (receiver.inFlight > 0) killedMidDelivery++;
    ctx.log(
      `relay-kill ${i + 1}/${p.relayKills}: SIGKILL ${victim === a ? 'A' : 'B'} with ${receiver.inFlight} deliveries in flight`,
    );
    await victim.kill();
    await sleep(300);
    await victim.spawn();
  }
  await sleep(1000);
  await load.stop();
  const lastSeq = await maxSeq(ctx.dbUrl);
  const expected = await eventIds(ctx.dbUrl, firstSeq, lastSeq);
  // A killed relay's lease must run out before another process resends: wait for all of them.
  const started = Date.now();
  let missing = expected.filter((id) => !receiver.received.has(id));
  while (missing.length && Date.now() - started < 150_000) {
    await sleep(1000);
    missing = expected.filter((id) => !receiver.received.has(id));
  }
  const allDeliveredMs = Date.now() - started;
  const ledger = await verifyLedger(ctx.dbUrl, load.ledger);
  const redelivered = [...receiver.received.values()].filter((n) => n > 1).length;
  await a.terminate();
  await b.terminate();
  await receiver.close();
  return {
    name: 'webhook-relay-kill',
    faultsInjected: p.relayKills,
    ledger,
    retryCodes: { ...load.retryCodes },
    untyped: [
      ...load.untyped,
      ...(missing.length
        ? [`${missing.length} events never delivered, e.g. ${missing.slice(0, 3).join(', ')}`]
        : []),
    ],
    recoveryMs: [allDeliveredMs],
    crashes: [...a.unexpectedExits, ...b.unexpectedExits],
    notes: {
      events: expected.length,
      delivered: expected.length - missing.length,
      lost: missing.length,
      deliveredMoreThanOnce: redelivered,
      killsWithDeliveriesInFlight: killedMidDelivery,
      msFromLoadEndToAllDelivered: allDeliveredMs,
    },
  };
}

async function maxSeq(url: string): Promise<string> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<{ s: string }>('select coalesce(max(seq), 0)::text s from event')).rows[0]!.s;
  } finally {
    await c.end();
  }
}

async function eventIds(url: string, after: string, upTo: string): Promise<string[]> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const r = await c.query<{ id: string }>(
      'select id from event where seq > $1 and seq <= $2 order by seq',
      [after, upTo],
    );
    return r.rows.map((x) => x.id);
  } finally {
    await c.end();
  }
}
