import type { FilterQuery } from '@mikro-orm/postgresql';
import { z } from 'zod';
import {
  covers,
  jurisdictionWhere,
  SCOPED_COLUMNS,
  type Jurisdiction,
  type Placement,
} from '../auth/jurisdiction';
import { requireAdmin, requireViewer, type AuthenticatedViewer, type Viewer } from '../auth/viewer';
import { paginate, type ConnectionResult, type Page } from '../graphql/connection';
import { badInput, forbidden, notFound } from '../graphql/errors';
import { longText, parseInput } from '../graphql/validate';
import type { RequestContext } from '../server/context';
import { DomainEvent } from './event.entity';
import { recordEvent } from './event.service';
import { matchesTypes, typePatterns } from './event-types';
import { Webhook, WebhookAttempt, WebhookDelivery, WebhookDeliveryStatus } from './webhook.entity';
import { RETRY_WINDOW_MS } from './webhook.relay';
import { newWebhookSecret } from './webhook.signature';
import { checkWebhookTarget, parseWebhookUrl } from './webhook.url-guard';

/**
 * Administrators manage the webhooks of their jurisdiction; integration keys need `webhooks:manage`
 * (checked by the permission layer too).
 */
export function requireWebhookManager(v: Viewer): AuthenticatedViewer {
  const viewer = requireViewer(v);
  if (viewer.kind !== 'apiKey') return requireAdmin(viewer);
  if (!viewer.scopes?.includes('webhooks:manage')) {
    throw forbidden({
      en: 'This API key lacks the webhooks:manage scope',
      zh: '该 API 密钥没有 webhooks:manage 权限',
    });
  }
  return viewer;
}

const urlField = z.string().trim().min(1).max(2000);

const createInput = z.object({
  url: urlField,
  eventTypes: typePatterns,
  description: longText(500).nullish(),
});

const updateInput = z.object({
  url: urlField.optional(),
  eventTypes: typePatterns.optional(),
  description: longText(500).nullish(),
  active: z.boolean().optional(),
});

async function validUrl(ctx: RequestContext, raw: string): Promise<string> {
  const url = parseWebhookUrl(raw);
  if (!(url instanceof URL)) throw badInput('input.url', url);
  const refused = await checkWebhookTarget(url, ctx.app.config.webhookAllowPrivate);
  if (refused) throw badInput('input.url', refused);
  return url.toString();
}

function placementOf(w: Webhook): Placement {
  return { streetId: w.streetId, communityId: w.communityId, gridId: w.gridId };
}

export function jurisdictionOf(
  w: Pick<Webhook, 'scopeLevel' | 'streetId' | 'communityId' | 'gridId'>,
): Jurisdiction {
  return {
    level: w.scopeLevel,
    ...(w.streetId ? { streetId: w.streetId } : {}),
    ...(w.communityId ? { communityId: w.communityId } : {}),
    ...(w.gridId ? { gridId: w.gridId } : {}),
  };
}

function webhookWhere(v: AuthenticatedViewer): FilterQuery<Webhook> {
  return {
    $and: [jurisdictionWhere(v.jurisdiction, SCOPED_COLUMNS), { deletedAt: null }],
  } as FilterQuery<Webhook>;
}

/**
 * Creates a webhook bound to the creator's own jurisdiction. The signing secret is returned here
 * only. It receives events from now on: the relay starts at the current end of the visible feed.
 */
export async function createWebhook(
  ctx: RequestContext,
  input: { url: string; eventTypes: string[]; description?: string | null },
): Promise<{ webhook: Webhook; secret: string }> {
  const v = requireWebhookManager(ctx.viewer);
  const data = parseInput(createInput, input);
  const url = await validUrl(ctx, data.url);
  const { start } = await ctx.em.execute<{ start: string }>(
    'select coalesce(max(seq), 0)::text as start from event',
    [],
    'get',
  );
  const secret = newWebhookSecret();
  const j = v.jurisdiction;
  const webhook = ctx.em.create(Webhook, {
    url,
    eventTypes: [...new Set(data.eventTypes)],
    description: data.description ?? null,
    secret,
    scopeLevel: j.level,
    streetId: j.streetId ?? null,
    communityId: j.communityId ?? null,
    gridId: j.gridId ?? null,
    createdById: v.id,
    createdBy: v.username ?? v.id,
    // Events commit in sequence order (EventCommitOrder migration): start after the last one written.
    lastSeq: start,
  });
  recordEvent(ctx, 'webhook.created', { type: 'Webhook', id: webhook.id }, placementOf(webhook), {
    eventTypes: webhook.eventTypes,
  });
  await ctx.em.flush();
  return { webhook, secret };
}

export async function getWebhook(ctx: RequestContext, id: string): Promise<Webhook> {
  const v = requireWebhookManager(ctx.viewer);
  const w = await ctx.em.findOne(Webhook, { $and: [{ id }, webhookWhere(v)] } as FilterQuery<Webhook>);
  if (!w) throw notFound('Webhook');
  return w;
}

export async function listWebhooks(ctx: RequestContext, page: Page): Promise<ConnectionResult<Webhook>> {
  const v = requireWebhookManager(ctx.viewer);
  return paginate(ctx.em, Webhook, webhookWhere(v), page);
}

export async function updateWebhook(
  ctx: RequestContext,
  id: string,
  patch: { url?: string; eventTypes?: string[]; description?: string | null; active?: boolean },
): Promise<Webhook> {
  const data = parseInput(updateInput, patch);
  const w = await getWebhook(ctx, id);
  const changed: Record<string, unknown> = {};
  if (data.url !== undefined) {
    w.url = await validUrl(ctx, data.url);
    changed.url = true;
  }
  if (data.eventTypes !== undefined) changed.eventTypes = w.eventTypes = [...new Set(data.eventTypes)];
  if (data.description !== undefined) w.description = data.description ?? null;
  if (data.active !== undefined) changed.active = w.active = data.active;
  recordEvent(ctx, 'webhook.updated', { type: 'Webhook', id: w.id }, placementOf(w), { changed });
  await ctx.em.flush();
  return w;
}

/** Stops all deliveries and hides the webhook; its delivery log is kept with it. */
export async function deleteWebhook(ctx: RequestContext, id: string): Promise<Webhook> {
  const w = await getWebhook(ctx, id);
  w.active = false;
  w.deletedAt = ctx.app.clock.now();
  recordEvent(ctx, 'webhook.deleted', { type: 'Webhook', id: w.id }, placementOf(w));
  await ctx.em.flush();
  return w;
}

const deliveryFilter = z.object({
  status: z.nativeEnum(WebhookDeliveryStatus).nullish(),
  eventId: z.string().uuid().nullish(),
});

/** A webhook's deliveries, newest first, each with its attempts. */
export async function listDeliveries(
  ctx: RequestContext,
  webhookId: string,
  filter: { status?: WebhookDeliveryStatus | null; eventId?: string | null },
  page: Page,
): Promise<ConnectionResult<WebhookDelivery>> {
  const w = await getWebhook(ctx, webhookId);
  const f = parseInput(deliveryFilter, filter, 'filter');
  const where: FilterQuery<WebhookDelivery> = {
    webhookId: w.id,
    ...(f.status ? { status: f.status } : {}),
    ...(f.eventId ? { eventId: f.eventId } : {}),
  };
  return paginate(ctx.em, WebhookDelivery, where, page, { key: 'seq', order: 'desc' });
}

/** Attempts of several deliveries in one query, oldest first (for the `attempts` field). */
export async function attemptsOf(
  ctx: RequestContext,
  deliverySeqs: readonly string[],
): Promise<WebhookAttempt[][]> {
  const rows = await ctx.em.find(
    WebhookAttempt,
    { deliverySeq: { $in: [...deliverySeqs] } },
    { orderBy: { seq: 'asc' } },
  );
  const by = new Map<string, WebhookAttempt[]>();
  for (const r of rows) by.set(r.deliverySeq, [...(by.get(r.deliverySeq) ?? []), r]);
  return deliverySeqs.map((s) => by.get(s) ?? []);
}

/**
 * Queues an event again for a webhook (after the receiver lost it, or after a delivery failed).
 * It is sent with the same `webhook-id`, so a receiver that already has it can drop it.
 */
export async function redeliverEvent(
  ctx: RequestContext,
  webhookId: string,
  eventId: string,
): Promise<WebhookDelivery> {
  const w = await getWebhook(ctx, webhookId);
  if (!z.string().uuid().safeParse(eventId).success) {
    throw badInput('eventId', {
      en: 'eventId must be an event id (uuid)',
      zh: 'eventId 必须是事件编号（uuid）',
    });
  }
  const event = await ctx.em.findOne(DomainEvent, { id: eventId });
  if (!event || !covers(jurisdictionOf(w), event)) throw notFound('Event');
  if (!matchesTypes(event.type, w.eventTypes)) {
    throw badInput('eventId', {
      en: `The webhook does not subscribe to ${event.type}`,
      zh: `该 Webhook 未订阅 ${event.type} 事件`,
    });
  }
  const now = ctx.app.clock.now();
  const delivery = ctx.em.create(WebhookDelivery, {
    webhookId: w.id,
    eventSeq: event.seq,
    eventId: event.id,
    eventType: event.type,
    subjectId: event.subjectId,
    redelivery: true,
    createdAt: now,
    nextAttemptAt: now,
    retryUntil: new Date(now.getTime() + RETRY_WINDOW_MS),
  });
  await ctx.em.flush();
  return delivery;
}
