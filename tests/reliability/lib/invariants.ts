import { Client } from 'pg';

export interface InvariantResult {
  name: string;
  violations: number;
  sample: unknown[];
  /** A figure to report, not a rule to enforce. */
  reportOnly?: boolean;
}

/**
 * Database invariants that must hold after any amount of bad input and any fault: each query
 * returns the violating rows (at most a sample), so an empty result is a pass.
 */
const CHECKS: { name: string; sql: string }[] = [
  {
    name: 'every case has a timeline and its state is the last timeline entry',
    sql: `select c.id, c.state, l.to_state, c.version, l.version as event_version
            from case_record c
            left join lateral (select to_state, version from case_event e where e.case_id = c.id
                                order by version desc limit 1) l on true
           where l.to_state is distinct from c.state or l.version is distinct from c.version`,
  },
  {
    name: 'case timeline versions have no holes',
    sql: `select case_id, count(*), min(version), max(version) from case_event group by case_id
           having count(*) <> max(version) - min(version) + 1 or min(version) <> 1`,
  },
  {
    name: 'outbox: transactions do not interleave in the sequence (commit order)',
    sql: `select a.txid::text, b.txid::text from
            (select txid, min(seq) lo, max(seq) hi from event group by txid) a
            join (select txid, min(seq) lo, max(seq) hi from event group by txid) b
              on a.txid <> b.txid and b.lo between a.lo and a.hi`,
  },
  {
    name: 'outbox: event ids are unique and every event has a type and subject',
    sql: `select id, count(*) from event group by id having count(*) > 1
          union all select id, 0 from event where type = '' or subject_id = ''`,
  },
  {
    name: 'soft references: events, activities, cases, audit rows point at existing territory and users',
    sql: `select 'event' t, seq::text id from event e
           where (e.street_id is not null and not exists (select 1 from street s where s.id = e.street_id))
              or (e.community_id is not null and not exists (select 1 from community s where s.id = e.community_id))
              or (e.grid_id is not null and not exists (select 1 from grid s where s.id = e.grid_id))
          union all
          select 'audit', seq::text from audit_log a
           where (a.grid_id is not null and not exists (select 1 from grid s where s.id = a.grid_id))
              or (a.community_id is not null and not exists (select 1 from community s where s.id = a.community_id))
          union all
          select 'activity', a.id::text from activity a
           where a.recorded_by_id is not null and not exists (select 1 from app_user u where u.id = a.recorded_by_id)
          union all
          select 'case', c.id::text from case_record c
           where c.reported_by_id is not null
             and not exists (select 1 from app_user u where u.id = c.reported_by_id)
             and not exists (select 1 from api_key k where k.id = c.reported_by_id)
          union all
          select 'webhook_delivery', d.seq::text from webhook_delivery d
           where not exists (select 1 from event e where e.id = d.event_id)
          union all
          select 'legal_mediation', m.id::text from legal_mediation m
           where m.case_id is not null and not exists (select 1 from case_record c where c.id = m.case_id)`,
  },
  {
    name: 'territory placement agrees: a case or activity grid belongs to its community and street',
    sql: `select 'case' t, c.id from case_record c join grid g on g.id = c.grid_id
           where g.community_id <> c.community_id
          union all
          select 'activity', a.id from activity a join grid g on g.id = a.grid_id
           where g.community_id <> a.community_id
          union all
          select 'community', m.id from community m join case_record c on c.community_id = m.id
           where c.street_id <> m.street_id`,
  },
  {
    name: 'idempotency keys: each stored answer has its request hash and a future or recent expiry',
    sql: `select key_hash from idempotency_key where length(request_hash) <> 64 or expires_at <= created_at`,
  },
  {
    name: 'audit log: append-only triggers present and enabled',
    sql: `select name from (values ('audit_log_no_update'), ('audit_log_no_truncate')) v(name)
           where not exists (select 1 from pg_trigger t where t.tgname = v.name and t.tgenabled = 'O')`,
  },
  {
    name: 'no foreign key left unvalidated',
    sql: `select conname from pg_constraint where contype = 'f' and not convalidated`,
  },
];

export async function checkInvariants(url: string): Promise<InvariantResult[]> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const out: InvariantResult[] = [];
    for (const check of CHECKS) {
      const r = await c.query(`select * from (${check.sql}) v limit 20`);
      const count = r.rows.length;
      out.push({ name: check.name, violations: count, sample: r.rows.slice(0, 5) });
    }
    // Every event draws two numbers (the column default, then the event_commit_order trigger under
    // its lock), so a transaction with several events has unused numbers between them. No other
    // transaction's event lands there (checked above); the count is reported, not enforced.
    const gaps = await c.query<{ n: string; txs: string }>(
      `select coalesce(sum(max - min + 1 - count), 0)::text n, count(*)::text txs from (
         select max(seq) max, min(seq) min, count(*) count from event group by txid
         having max(seq) - min(seq) + 1 <> count(*)) v`,
    );
    out.push({
      name: 'outbox: unused sequence numbers inside committed transactions',
      violations: Number(gaps.rows[0]!.n),
      sample: [{ transactions: Number(gaps.rows[0]!.txs) }],
      reportOnly: true,
    });
    // The audit log refuses changes even from the database owner.
    try {
      await c.query('begin');
      await c.query('update audit_log set reason = reason where seq = (select min(seq) from audit_log)');
      out.push({ name: 'audit log refuses UPDATE', violations: 1, sample: ['update succeeded'] });
    } catch {
      out.push({ name: 'audit log refuses UPDATE', violations: 0, sample: [] });
    } finally {
      await c.query('rollback');
    }
    return out;
  } finally {
    await c.end();
  }
}

/** A fingerprint of every audit row, to show later that none changed or disappeared. */
export async function auditSnapshot(url: string): Promise<Map<string, string>> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const r = await c.query<{ seq: string; h: string }>(
      `select seq::text, md5(row(a.*)::text) h from audit_log a`,
    );
    return new Map(r.rows.map((x) => [x.seq, x.h]));
  } finally {
    await c.end();
  }
}

export async function compareAudit(url: string, before: Map<string, string>): Promise<InvariantResult> {
  const after = await auditSnapshot(url);
  const bad: string[] = [];
  for (const [seq, h] of before) if (after.get(seq) !== h) bad.push(seq);
  return {
    name: 'audit rows intact (none changed or removed)',
    violations: bad.length,
    sample: bad.slice(0, 5),
  };
}
