import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { gql, login, type Response } from './client';
import { judge } from './checks';
import { sleep } from './util';

/**
 * A write load with a client-side ledger. Every write carries a fresh Idempotency-Key and a
 * marker (`[rel:<id>]`) in a text column, and is retried with the same key and body until the
 * server gives a definite answer. The ledger then says, per write, whether the server
 * acknowledged it; the database must hold exactly one row per acknowledged marker (none lost)
 * and never more than one for any marker (no duplicates).
 */

export type WriteKind = 'case' | 'activity' | 'household';

export interface LedgerEntry {
  marker: string;
  key: string;
  kind: WriteKind;
  viewer: string;
  state: 'pending' | 'acked' | 'rejected' | 'gave-up';
  attempts: number;
  replayed: boolean;
  rejection?: string;
  /** The exact request, to send it again with the same key. */
  request: { query: string; variables: Record<string, unknown> };
}

export interface Fixture {
  categoryId: string;
  gridIds: string[];
  legalGridId: string;
  elderlyGridIds: string[];
  tokens: Map<string, string>;
}

export async function loadFixture(baseUrl: string): Promise<Fixture> {
  const tokens = new Map<string, string>();
  for (const u of ['grid_worker', 'grid_worker2', 'community_admin', 'admin'])
    tokens.set(u, await login(baseUrl, u));
  const r = await gql(
    baseUrl,
    '{ caseCategories { id code } grids { nodes { id modules { module { id } enabled } } } }',
    {},
    { token: tokens.get('community_admin') },
  );
  const data = r.body?.data;
  if (!data) throw new Error(`fixture query failed: ${r.text.slice(0, 500)}`);
  const grids = data.grids.nodes as { id: string; modules: { module: { id: string }; enabled: boolean }[] }[];
  const withModule = (m: string) =>
    grids.filter((g) => g.modules.some((x) => x.module.id === m && x.enabled));
  return {
    categoryId: data.caseCategories[0].id,
    gridIds: grids.map((g) => g.id),
    legalGridId: withModule('legal')[0]!.id,
    elderlyGridIds: withModule('elderly-care').map((g) => g.id),
    tokens,
  };
}

function writeFor(kind: WriteKind, f: Fixture, marker: string, n: number) {
  const tag = `[rel:${marker}]`;
  if (kind === 'case') {
    const asWorker = n % 2 === 0;
    return {
      viewer: asWorker ? (n % 4 === 0 ? 'grid_worker' : 'grid_worker2') : 'community_admin',
      query: 'mutation($i: ReportCaseInput!) { reportCase(input: $i) { id state version } }',
      variables: {
        i: {
          categoryId: f.categoryId,
          title: `可靠性测试 ${n}`,
          description: `${tag} 楼道堆物，影响通行`,
          source: 'PATROL',
          ...(asWorker ? {} : { gridId: f.gridIds[n % f.gridIds.length] }),
        },
      },
    };
  }
  if (kind === 'activity') {
    const legal = n % 2 === 0;
    return legal
      ? {
          viewer: 'community_admin',
          query: 'mutation($i: LegalLectureActivityInput!) { recordLegalLecture(input: $i) { id } }',
          variables: {
            i: {
              gridId: f.legalGridId,
              occurredAt: new Date().toISOString(),
              title: `${tag} 法治讲座`,
              participants: 20,
              details: { attendees: 20, topic: '防范电信诈骗' },
            },
          },
        }
      : {
          viewer: 'community_admin',
          query:
            'mutation($i: ElderlyCareClinicActivityInput!) { recordElderlyCareClinic(input: $i) { id } }',
          variables: {
            i: {
              gridId: f.elderlyGridIds[n % f.elderlyGridIds.length],
              occurredAt: new Date().toISOString(),
              title: `${tag} 健康义诊`,
              details: { attendees: 12, doctors: 2, elderlyAttendees: 10, services: ['量血压'] },
            },
          },
        };
  }
  return {
    viewer: 'community_admin',
    query: 'mutation($i: CreateHouseholdInput!) { createHousehold(input: $i) { id } }',
    variables: { i: { gridId: f.gridIds[n % f.gridIds.length], address: `${tag} 幸福路${n}号` } },
  };
}

export interface WriteLoadOptions {
  /** Where to send each attempt (it may change while the load runs: a restarted server). */
  url: () => string;
  fixture: Fixture;
  workers: number;
  /** Give up on one write after this long without a definite answer. */
  giveUpMs?: number;
  /** Pause between writes of one worker. */
  pauseMs?: number;
  kinds?: WriteKind[];
}

export class WriteLoad {
  readonly ledger: LedgerEntry[] = [];
  /** Codes of answers that said "not now" (retried), by code. */
  readonly retryCodes: Record<string, number> = {};
  /** Answers that were neither data nor a typed error: each one fails the run. */
  readonly untyped: string[] = [];
  networkFailures = 0;
  private running = false;
  private loops: Promise<void>[] = [];
  private n = 0;
  /** Times of acknowledged writes, for recovery measurements. */
  readonly ackTimes: number[] = [];

  constructor(private readonly opts: WriteLoadOptions) {}

  start(): void {
    this.running = true;
    for (let w = 0; w < this.opts.workers; w++) this.loops.push(this.loop());
  }

  /** Stops issuing writes and waits until every started one has its definite answer. */
  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
    this.loops = [];
  }

  private async loop(): Promise<void> {
    const kinds = this.opts.kinds ?? ['case', 'case', 'activity', 'household'];
    while (this.running) {
      const n = this.n++;
      await this.write(kinds[n % kinds.length]!, n);
      if (this.opts.pauseMs) await sleep(this.opts.pauseMs);
    }
  }

  /** One write with its ledger entry, retried with the same key until a definite answer. */
  async write(kind: WriteKind, n = this.n++): Promise<LedgerEntry> {
    const marker = randomUUID();
    const w = writeFor(kind, this.opts.fixture, marker, n);
    const entry: LedgerEntry = {
      marker,
      key: randomUUID(),
      kind,
      viewer: w.viewer,
      state: 'pending',
      attempts: 0,
      replayed: false,
      request: { query: w.query, variables: w.variables },
    };
    this.ledger.push(entry);
    const started = Date.now();
    const giveUp = this.opts.giveUpMs ?? 120_000;
    for (let attempt = 0; ; attempt++) {
      entry.attempts++;
      const r = await gql(this.opts.url(), w.query, w.variables, {
        token: this.opts.fixture.tokens.get(w.viewer),
        headers: { 'idempotency-key': entry.key },
        timeoutMs: 20_000,
      });
      const verdict = this.classify(r);
      if (verdict === 'acked') {
        entry.state = 'acked';
        entry.replayed = r.headers['idempotent-replayed'] === 'true';
        this.ackTimes.push(Date.now());
        return entry;
      }
      if (verdict === 'rejected') {
        entry.state = 'rejected';
        entry.rejection = r.text.slice(0, 300);
        return entry;
      }
      if (Date.now() - started > giveUp) {
        entry.state = 'gave-up';
        return entry;
      }
      await sleep(Math.min(2000, 100 * 2 ** Math.min(attempt, 5)) * (0.5 + Math.random()));
    }
  }

  private classify(r: Response): 'acked' | 'retry' | 'rejected' {
    if (r.status === 0) {
      this.networkFailures++;
      this.retryCodes[`(no answer: ${r.networkError})`] =
        (this.retryCodes[`(no answer: ${r.networkError})`] ?? 0) + 1;
      return 'retry';
    }
    const v = judge(r, '');
    if (!v.ok) {
      if (this.untyped.length < 50) this.untyped.push(`${r.status} ${v.problems.join('; ')}`);
      return 'retry';
    }
    const data = r.body?.data;
    if (data && Object.values(data).every((x) => x !== null) && !r.body?.errors?.length) return 'acked';
    const errors = r.body?.errors ?? [];
    const retryable =
      r.status === 503 ||
      r.status === 409 ||
      (errors.length > 0 && errors.every((e) => e.extensions?.retryable === true));
    for (const code of v.codes) this.retryCodes[code] = (this.retryCodes[code] ?? 0) + 1;
    return retryable ? 'retry' : 'rejected';
  }
}

export interface LedgerCheck {
  writes: number;
  acknowledged: number;
  rejected: number;
  /** Told "refused" but stored anyway: never allowed. */
  rejectedButStored: number;
  gaveUp: number;
  replayed: number;
  lost: number;
  duplicates: number;
  /** Unacknowledged writes that turned out to be stored (allowed: the answer was lost). */
  storedUnacknowledged: number;
  lostMarkers: string[];
  duplicateMarkers: string[];
  rejections: string[];
}

/** Compares the ledger with the database: exactly one row per acknowledged write, never two. */
export async function verifyLedger(dbUrl: string, ledger: LedgerEntry[]): Promise<LedgerCheck> {
  const c = new Client({ connectionString: dbUrl });
  await c.connect();
  const counts = new Map<string, number>();
  try {
    const sql = [
      `select substring(description from '^\\[rel:([0-9a-f-]+)\\]') m, count(*)::int n from case_record where description like '[rel:%' group by 1`,
      `select substring(title from '^\\[rel:([0-9a-f-]+)\\]') m, count(*)::int n from activity where title like '[rel:%' group by 1`,
      `select substring(address from '^\\[rel:([0-9a-f-]+)\\]') m, count(*)::int n from household where address like '[rel:%' group by 1`,
    ];
    for (const q of sql) {
      const r = await c.query<{ m: string; n: number }>(q);
      for (const row of r.rows) counts.set(row.m, (counts.get(row.m) ?? 0) + row.n);
    }
  } finally {
    await c.end();
  }
  const out: LedgerCheck = {
    writes: ledger.length,
    acknowledged: 0,
    rejected: 0,
    rejectedButStored: 0,
    gaveUp: 0,
    replayed: 0,
    lost: 0,
    duplicates: 0,
    storedUnacknowledged: 0,
    lostMarkers: [],
    duplicateMarkers: [],
    rejections: [],
  };
  for (const e of ledger) {
    const n = counts.get(e.marker) ?? 0;
    if (e.replayed) out.replayed++;
    if (e.state === 'acked') {
      out.acknowledged++;
      if (n === 0) {
        out.lost++;
        out.lostMarkers.push(e.marker);
      }
    } else {
      if (e.state === 'rejected') {
        out.rejected++;
        if (n > 0) out.rejectedButStored++;
        if (out.rejections.length < 10) out.rejections.push(e.rejection ?? '');
      }
      if (e.state === 'gave-up') out.gaveUp++;
      if (n > 0) out.storedUnacknowledged++;
    }
    if (n > 1) {
      out.duplicates++;
      out.duplicateMarkers.push(e.marker);
    }
  }
  return out;
}
