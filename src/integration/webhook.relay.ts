import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { EntityManager } from '@mikro-orm/postgresql';
import { covers, type Jurisdiction } from '../auth/jurisdiction';
import type { ScopeLevel } from '../auth/roles';
import { toGlobalId } from '../graphql/global-id';
import type { AppServices } from '../server/context';
import { DomainEvent } from './event.entity';
import { matchesTypes } from './event-types';
import { Webhook, WebhookAttempt, WebhookDelivery } from './webhook.entity';
import { signWebhook } from './webhook.signature';
import { checkWebhookTarget, parseWebhookUrl } from './webhook.url-guard';

/*
 * The webhook relay, run by every server process (a worker). Two steps, each safe with any number
 * of processes at once:
 *
 * 1. Fan-out: for each active webhook, lock its row (FOR UPDATE SKIP LOCKED: another process busy
 *    with it is skipped, not waited for), read the outbox after the webhook's last sequence, queue a
 *    delivery for every event it subscribes to inside its jurisdiction, and move the position, all
 *    in one transaction. Events commit in sequence order (EventCommitOrder migration), so nothing
 *    can still appear below a position once it has been passed.
 * 2. Delivery: claim due deliveries with FOR UPDATE SKIP LOCKED and lease them (the lease, not a
 *    held lock, keeps others off while the HTTP call runs, so no connection waits on a slow
 *    receiver), send them, and record each attempt. A delivery is only due when no earlier
 *    delivery of the same subject to the same webhook is still pending, which keeps each subject in
 *    order. A relay that dies mid-send leaves a lease that expires: the delivery is sent again
 *    (at-least-once; receivers de-duplicate by `webhook-id`).
 */

/** Retries stop this long after a delivery was queued; it is then FAILED. */
export const RETRY_WINDOW_MS = 24 * 3600 * 1000;
const FIRST_RETRY_MS = 30_000;
const MAX_RETRY_MS = 6 * 3600 * 1000;
const FAN_OUT_BATCH = 500;
const CLAIM_BATCH = 20;
const PARALLEL_SENDS = 8;
/** Finished deliveries (and their attempts) are kept this long for the delivery log. */
export const DELIVERY_RETENTION_MS = 30 * 24 * 3600 * 1000;

export interface RelayResult {
  queued: number;
  attempted: number;
  delivered: number;
}

/** One relay pass: fan out new events, then send what is due (a few claim rounds at most). */
export async function relayWebhooks(em: EntityManager, app: AppServices): Promise<RelayResult> {
  const queued = await fanOut(em, app);
  let attempted = 0;
  let delivered = 0;
  for (let round = 0; round < 5; round++) {
    const claimed = await claimDue(em, app);
    if (!claimed.length) break;
    for (let i = 0; i < claimed.length; i += PARALLEL_SENDS) {
      const results = await Promise.all(claimed.slice(i, i + PARALLEL_SENDS).map((c) => deliver(em, app, c)));
      attempted += results.length;
      delivered += results.filter(Boolean).length;
    }
    if (claimed.length < CLAIM_BATCH) break;
  }
  return { queued, attempted, delivered };
}

// ---------- fan-out ----------

/** Step 1: queues deliveries for new events; returns how many. */
export async function fanOut(em: EntityManager, app: AppServices): Promise<number> {
  // Only webhooks behind the end of the outbox: an idle relay costs one query per pass.
  const hooks = await em.execute<{ id: string }[]>(
    `select id from webhook
      where active and deleted_at is null and last_seq < (select coalesce(max(seq), 0) from event)
      order by id`,
  );
  let queued = 0;
  for (const { id } of hooks) {
    for (let batch = 0; batch < 20; batch++) {
      const r = await fanOutWebhook(em.fork(), app, id);
      queued += r.queued;
      if (r.scanned < FAN_OUT_BATCH) break;
    }
  }
  return queued;
}

interface WebhookRow {
  id: string;
  scope_level: ScopeLevel;
  street_id: string | null;
  community_id: string | null;
  grid_id: string | null;
  event_types: string[];
  last_seq: string;
}

interface EventRow {
  seq: string;
  id: string;
  type: string;
  subject_id: string;
  street_id: string | null;
  community_id: string | null;
  grid_id: string | null;
}

async function fanOutWebhook(
  em: EntityManager,
  app: AppServices,
  webhookId: string,
): Promise<{ scanned: number; queued: number }> {
  return em.transactional(async (tx) => {
    const [w] = await tx.execute<WebhookRow[]>(
      `select id, scope_level, street_id, community_id, grid_id, event_types, last_seq::text as last_seq
         from webhook where id = ? and active and deleted_at is null
          for update skip locked`,
      [webhookId],
    );
    if (!w) return { scanned: 0, queued: 0 };
    const events = await tx.execute<EventRow[]>(
      `select seq::text as seq, id, type, subject_id, street_id, community_id, grid_id
         from event
        where event.seq > ?::bigint
        order by event.seq
        limit ?`,
      // Events commit in sequence order (EventCommitOrder migration): nothing can appear below last_seq.
      [w.last_seq, FAN_OUT_BATCH],
    );
    if (!events.length) return { scanned: 0, queued: 0 };
    const j: Jurisdiction = {
      level: w.scope_level,
      ...(w.street_id ? { streetId: w.street_id } : {}),
      ...(w.community_id ? { communityId: w.community_id } : {}),
      ...(w.grid_id ? { gridId: w.grid_id } : {}),
    };
    const now = app.clock.now();
    let queued = 0;
    for (const e of events) {
      const placement = { streetId: e.street_id, communityId: e.community_id, gridId: e.grid_id };
      if (!matchesTypes(e.type, w.event_types) || !covers(j, placement)) continue;
      tx.create(WebhookDelivery, {
        webhookId: w.id,
        eventSeq: e.seq,
        eventId: e.id,
        eventType: e.type,
        subjectId: e.subject_id,
        createdAt: now,
        nextAttemptAt: now,
        retryUntil: new Date(now.getTime() + RETRY_WINDOW_MS),
      });
      queued++;
    }
    const last = events[events.length - 1]!;
    await tx.flush();
    await tx.execute('update webhook set last_seq = ? where id = ?', [last.seq, w.id]);
    return { scanned: events.length, queued };
  });
}

// ---------- delivery ----------

export interface Claimed {
  seq: string;
  webhook_id: string;
  event_seq: string;
  attempt_count: number;
  retry_until: Date;
  lease_token: string;
}

/** Step 2a: leases up to a batch of due deliveries to this relay. */
export async function claimDue(em: EntityManager, app: AppServices): Promise<Claimed[]> {
  const now = app.clock.now();
  const leasedUntil = new Date(now.getTime() + app.config.webhookTimeoutMs + 60_000);
  return em.execute<Claimed[]>(
    `update webhook_delivery set leased_until = ?, lease_token = ?
      where seq in (
        select d.seq from webhook_delivery d
          join webhook w on w.id = d.webhook_id
         where d.status = 'PENDING' and d.next_attempt_at <= ?
           and (d.leased_until is null or d.leased_until <= ?)
           and w.active and w.deleted_at is null
           and not exists (
             select 1 from webhook_delivery p
              where p.webhook_id = d.webhook_id and p.subject_id = d.subject_id
                and p.status = 'PENDING' and p.seq < d.seq)
         order by d.next_attempt_at, d.seq
         limit ?
           for update of d skip locked)
      returning seq::text as seq, webhook_id, event_seq::text as event_seq, attempt_count, retry_until,
                lease_token`,
    [leasedUntil, randomUUID(), now, now, CLAIM_BATCH],
  );
}

/** Sends one claimed delivery and records the attempt; true when the receiver accepted it. */
async function deliver(em: EntityManager, app: AppServices, c: Claimed): Promise<boolean> {
  const read = em.fork();
  const [webhook, event] = await Promise.all([
    read.findOne(Webhook, { id: c.webhook_id }),
    read.findOne(DomainEvent, { seq: c.event_seq }),
  ]);
  const outcome =
    webhook && event
      ? await send(app, webhook, event)
      : { attemptedAt: app.clock.now(), statusCode: null, durationMs: 0, error: 'webhook or event missing' };
  const ok = outcome.error === null;
  const attempts = c.attempt_count + 1;
  const retryAt = ok ? null : nextAttempt(outcome.attemptedAt, attempts, new Date(c.retry_until));
  await em.fork().transactional(async (tx) => {
    tx.create(WebhookAttempt, {
      deliverySeq: c.seq,
      attemptedAt: outcome.attemptedAt,
      statusCode: outcome.statusCode,
      durationMs: outcome.durationMs,
      error: outcome.error,
      nextAttemptAt: retryAt,
    });
    await tx.flush();
    // Only the lease holder may settle the delivery: a relay whose lease ran out has been replaced.
    await tx.execute(
      `update webhook_delivery
          set status = ?, attempt_count = attempt_count + 1, last_attempt_at = ?, next_attempt_at = ?,
              delivered_at = ?, leased_until = null, lease_token = null
        where seq = ? and lease_token = ?`,
      [
        ok ? 'DELIVERED' : retryAt ? 'PENDING' : 'FAILED',
        outcome.attemptedAt,
        retryAt,
        ok ? outcome.attemptedAt : null,
        c.seq,
        c.lease_token,
      ],
    );
  });
  if (!ok) {
    app.log.info(
      { delivery: c.seq, webhook: c.webhook_id, attempt: attempts, error: outcome.error, retryAt },
      'webhook delivery failed',
    );
  }
  return ok;
}

/** Exponential backoff from 30 s, at most 6 h apart, with up to 20 % jitter; null after 24 h. */
export function nextAttempt(from: Date, attempts: number, retryUntil: Date): Date | null {
  const base = Math.min(FIRST_RETRY_MS * 2 ** Math.min(attempts - 1, 20), MAX_RETRY_MS);
  const at = new Date(from.getTime() + Math.round(base * (1 + Math.random() * 0.2)));
  return at > retryUntil ? null : at;
}

interface Outcome {
  attemptedAt: Date;
  statusCode: number | null;
  durationMs: number;
  error: string | null;
}

/** The JSON body: Standard Webhooks' `type` / `timestamp` / `data`, the same on every attempt. */
export function deliveryBody(e: DomainEvent): string {
  return JSON.stringify({
    type: e.type,
    timestamp: e.occurredAt.toISOString(),
    data: {
      id: e.id,
      sequence: e.seq,
      type: e.type,
      subjectId: e.subjectId,
      occurredAt: e.occurredAt.toISOString(),
      streetId: e.streetId ? toGlobalId('Street', e.streetId) : null,
      communityId: e.communityId ? toGlobalId('Community', e.communityId) : null,
      gridId: e.gridId ? toGlobalId('Grid', e.gridId) : null,
      payload: e.payload,
    },
  });
}

async function send(app: AppServices, webhook: Webhook, event: DomainEvent): Promise<Outcome> {
  const attemptedAt = app.clock.now();
  const started = performance.now();
  const done = (statusCode: number | null, error: string | null): Outcome => ({
    attemptedAt,
    statusCode,
    durationMs: Math.round(performance.now() - started),
    error: error && error.slice(0, 500),
  });
  const url = parseWebhookUrl(webhook.url);
  if (!(url instanceof URL)) return done(null, url.en);
  const refused = await checkWebhookTarget(url, app.config.webhookAllowPrivate);
  if (refused) return done(null, `refused: ${refused.en}`);
  const body = deliveryBody(event);
  const timestamp = Math.floor(attemptedAt.getTime() / 1000);
  const timeoutMs = app.config.webhookTimeoutMs;
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'GridGov-Webhooks/1',
        'webhook-id': event.id,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': signWebhook(webhook.secret, event.id, timestamp, body),
      },
      body,
      // A redirect could lead past the address check; it counts as a failure instead.
      redirect: 'manual',
      signal: abort.signal,
    });
    await res.body?.cancel().catch(() => undefined);
    return done(res.status, res.status >= 200 && res.status < 300 ? null : `HTTP ${res.status}`);
  } catch (e) {
    if (abort.signal.aborted) return done(null, `timeout after ${timeoutMs} ms`);
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    return done(null, cause?.code ?? cause?.message ?? (e as Error).message ?? 'request failed');
  } finally {
    clearTimeout(timer);
  }
}

/** Deletes finished deliveries (and, by cascade, their attempts) after the retention period. */
export async function pruneDeliveries(em: EntityManager, app: AppServices): Promise<number> {
  const before = new Date(app.clock.now().getTime() - DELIVERY_RETENTION_MS);
  const r = await em.execute<{ affectedRows?: number }>(
    `delete from webhook_delivery where status in ('DELIVERED', 'FAILED') and created_at < ?`,
    [before],
    'run',
  );
  return r.affectedRows ?? 0;
}
