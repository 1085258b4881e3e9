import { readFileSync } from 'node:fs';

/*
 * Prints a run's figures as the Markdown block docs/reliability.md records:
 *   node -r ./scripts/register-ts.js tests/reliability/figures.ts tests/reliability/results/long.json
 */

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: figures.ts <results json>\n');
  process.exit(2);
}
const r = JSON.parse(readFileSync(file, 'utf8'));
const faults: any[] = r.faults ?? [];
const byName = (n: string) => faults.find((f) => f.name === n);
const lines: string[] = [];
const row = (k: string, v: unknown) => lines.push(`| ${k} | ${v} |`);
lines.push(
  `#### ${r.profile} profile, ${r.startedAt.slice(0, 16).replace('T', ' ')} UTC (Node ${r.node}, ${r.durationS} s)`,
  '',
);
lines.push('| figure | value |', '| --- | --- |');
if (r.fuzz) {
  const f = r.fuzz;
  row(
    'operations fuzzed (seed)',
    `${f.operations} (${f.seed}); root fields ${f.rootFieldsCovered}/${f.rootFieldsTotal}`,
  );
  row(
    'answers with data / partial / errors only',
    `${f.byOutcome.data} / ${f.byOutcome.partial} / ${f.byOutcome.errors}`,
  );
  row(
    'distinct error codes seen',
    Object.entries(f.codes)
      .sort()
      .map(([c, n]) => `${c} ${n}`)
      .join(', '),
  );
  row(
    'HTTP statuses',
    Object.entries(f.statuses)
      .map(([c, n]) => `${c}: ${n}`)
      .join(', '),
  );
  row('untyped errors, leaks, hangs, failed health probes', f.failures.length);
  row('slowest answer', `${f.slowestMs} ms`);
  const broken = f.invariants.filter((i: any) => i.violations && !i.reportOnly).length;
  row(
    'database invariants after fuzzing',
    broken ? `${broken} broken` : `all ${f.invariants.filter((i: any) => !i.reportOnly).length} hold`,
  );
}
if (faults.length) {
  row('faults injected', faults.map((f) => `${f.name} ${f.faultsInjected}`).join(', '));
  const pg = byName('postgresql-restart');
  if (pg) {
    row(
      'answers during PostgreSQL outages',
      Object.entries(pg.notes.outageAnswers)
        .map(([c, n]) => `${c} ${n}`)
        .join(', '),
    );
    row(
      'recovery after PostgreSQL restart (first acknowledged write)',
      pg.recoveryMs.map((m: number) => `${m} ms`).join(', '),
    );
  }
  const kill = byName('server-sigkill');
  if (kill) {
    row('server restart after SIGKILL (to ready)', kill.recoveryMs.map((m: number) => `${m} ms`).join(', '));
    row(
      'acknowledged writes retried after the kills → replayed',
      `${kill.notes.retriedAcknowledged} → ${kill.notes.replayed}`,
    );
  }
  const cut = byName('connection-cut-after-commit');
  if (cut) {
    row(
      'cuts after COMMIT: client side (retries answered by replay)',
      `${cut.notes.clientSideCuts} (${cut.notes.retriesAnsweredByReplay})`,
    );
    row(
      'cuts after COMMIT: database side (writes then acknowledged)',
      `${cut.notes.databaseSideCuts} (${cut.notes.writesAcknowledgedAfterDatabaseSideCut})`,
    );
  }
  const relay = byName('webhook-relay-kill');
  if (relay) {
    row(
      'webhook events delivered / lost / delivered more than once',
      `${relay.notes.delivered}/${relay.notes.events} / ${relay.notes.lost} / ${relay.notes.deliveredMoreThanOnce}`,
    );
    row(
      'relay kills with deliveries in flight',
      `${relay.notes.killsWithDeliveriesInFlight}/${relay.faultsInjected}`,
    );
    row('from end of load to every event delivered', `${relay.notes.msFromLoadEndToAllDelivered} ms`);
  }
  for (const f of faults) {
    row(
      `ledger: ${f.name}`,
      `${f.ledger.writes} writes, ${f.ledger.acknowledged} acknowledged, ${f.ledger.lost} lost, ${f.ledger.duplicates} duplicates, ${f.ledger.storedUnacknowledged} stored without an answer`,
    );
  }
  const codes: Record<string, number> = {};
  for (const f of faults)
    for (const [c, n] of Object.entries(f.retryCodes as Record<string, number>))
      codes[c] = (codes[c] ?? 0) + n;
  row(
    'answers that made the client retry',
    Object.entries(codes)
      .sort()
      .map(([c, n]) => `${c} ${n}`)
      .join(', '),
  );
  const broken = (r.faultInvariants ?? []).filter((i: any) => i.violations && !i.reportOnly).length;
  row('database invariants after the faults', broken ? `${broken} broken` : 'all hold');
  const gaps = (r.faultInvariants ?? []).find((i: any) => i.reportOnly);
  if (gaps)
    row(
      'unused sequence numbers inside transactions (reported)',
      `${gaps.violations} in ${gaps.sample[0].transactions} transactions`,
    );
}
if (r.shutdown) {
  const s = r.shutdown;
  row(
    'graceful shutdown',
    `exit ${s.exitCode} after ${s.exitMs} ms; in flight ${s.inFlightCompleted}/${s.inFlightAtSigterm} completed; new requests refused ${s.newRequestsRefused}/${s.newRequestsAfterSigterm}; connections left ${s.connectionsLeft}`,
  );
}
if (r.soak) {
  const s = r.soak;
  row(
    'soak',
    `${s.durationS} s, ${s.requests} requests (${s.reads} reads, ${s.writes} writes), ${s.errors} errors (rate ${s.errorRate}), p50 ${s.p50Ms} ms, p99 ${s.p99Ms} ms`,
  );
  row(
    'soak memory slope (live heap after full GC)',
    `${s.heapAfterGcSlopeMbPerMin} MB/min (${s.heapAfterGcFirstMb} → ${s.heapAfterGcLastMb} MB, ${s.fullGcs} full collections)`,
  );
  row(
    'soak RSS',
    `${s.rssStartMb} → ${s.rssEndMb} MB, max ${s.rssMaxMb} MB, slope ${s.memorySlopeMbPerMin} MB/min`,
  );
}
const sum = r.summary ?? {};
row(
  '**acknowledged writes / lost / duplicates**',
  `**${sum.acknowledgedWrites} / ${sum.writesLost} / ${sum.duplicates}**`,
);
row('result', r.failures?.length ? `FAILED: ${r.failures.length} problems` : 'passed');
process.stdout.write(lines.join('\n') + '\n');
