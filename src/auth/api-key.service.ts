import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { toGlobalId } from '../graphql/global-id';
import { paginate, type ConnectionResult, type Page } from '../graphql/connection';
import { badInput, notFound } from '../graphql/errors';
import { parseInput, text } from '../graphql/validate';
import type { RequestContext } from '../server/context';
import { Community } from '../territory/community.entity';
import { Grid } from '../territory/grid.entity';
import { Street } from '../territory/street.entity';
import { ApiKey } from './api-key.entity';
import { AuditAction } from './audit.entity';
import { audit } from './audit.service';
import { assertCovers, jurisdictionWhere, type Jurisdiction, type Placement } from './jurisdiction';
import { API_SCOPES } from './permissions';
import { ScopeLevel } from './roles';
import { requireAdmin, type Viewer } from './viewer';

const KEY_PREFIX = 'ggk_';

export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** Keys look like `ggk_<12-char public prefix>_<43-char secret>`. */
export function isApiKeyFormat(token: string): boolean {
  return /^ggk_[A-Za-z0-9]{12}_[A-Za-z0-9_-]{43}$/.test(token);
}

const createInput = z.object({
  name: text(100),
  scopes: z.array(z.enum(API_SCOPES)).min(1).max(API_SCOPES.length),
  streetId: z.string().uuid().optional(),
  communityId: z.string().uuid().optional(),
  gridId: z.string().uuid().optional(),
  expiresAt: z.date().nullish(),
});

/** Creates a key bound to a territory node inside the admin's own jurisdiction; the key is shown once. */
export async function createApiKey(
  ctx: RequestContext,
  input: z.input<typeof createInput>,
): Promise<{ key: string; apiKey: ApiKey }> {
  const v = requireAdmin(ctx.viewer);
  const data = parseInput(createInput, input);
  const nodes = [data.streetId, data.communityId, data.gridId].filter(Boolean);
  if (nodes.length > 1) {
    throw badInput('input.gridId', {
      en: 'Give one of streetId, communityId or gridId',
      zh: 'streetId、communityId、gridId 只能给出一个',
    });
  }
  if (data.expiresAt && data.expiresAt <= ctx.app.clock.now()) {
    throw badInput('input.expiresAt', {
      en: 'expiresAt must be in the future',
      zh: '过期时间必须晚于当前时间',
    });
  }
  const placement = await placementOf(ctx.em, data);
  if (!placement && nodes.length)
    throw notFound(data.gridId ? 'Grid' : data.communityId ? 'Community' : 'Street');
  const level = data.gridId
    ? ScopeLevel.GRID
    : data.communityId
      ? ScopeLevel.COMMUNITY
      : data.streetId
        ? ScopeLevel.STREET
        : ScopeLevel.PLATFORM;
  if (level === ScopeLevel.PLATFORM) {
    if (v.jurisdiction.level !== ScopeLevel.PLATFORM) {
      throw badInput('input.streetId', {
        en: 'Bind the key to a territory node inside your jurisdiction',
        zh: '请将密钥绑定到您管辖范围内的区域',
      });
    }
  } else {
    assertCovers(v.jurisdiction, placement!);
  }
  const prefix = randomBytes(9).toString('base64url').replace(/[-_]/g, 'x').slice(0, 12);
  const key = `${KEY_PREFIX}${prefix}_${randomBytes(32).toString('base64url')}`;
  const apiKey = ctx.em.create(ApiKey, {
    name: data.name,
    prefix,
    secretHash: hashKey(key),
    scopes: [...new Set(data.scopes)].sort(),
    scopeLevel: level,
    streetId: placement?.streetId ?? null,
    communityId: placement?.communityId ?? null,
    gridId: placement?.gridId ?? null,
    createdById: v.id,
    expiresAt: data.expiresAt ?? null,
  });
  audit(ctx, {
    action: AuditAction.API_KEY_CREATED,
    subjectId: toGlobalId('ApiKey', apiKey.id),
    fields: apiKey.scopes,
    placement: placement ?? undefined,
  });
  await ctx.em.flush();
  return { key, apiKey };
}

async function placementOf(
  em: EntityManager,
  d: { streetId?: string; communityId?: string; gridId?: string },
): Promise<Placement | null> {
  if (d.gridId) {
    const g = await em.findOne(Grid, d.gridId);
    return g && { streetId: g.streetId, communityId: g.communityId, gridId: g.id };
  }
  if (d.communityId) {
    const c = await em.findOne(Community, d.communityId);
    return c && { streetId: c.streetId, communityId: c.id };
  }
  if (d.streetId) {
    const s = await em.findOne(Street, d.streetId);
    return s && { streetId: s.id };
  }
  return null;
}

const KEY_SCOPE = { street: 'streetId', community: 'communityId', grid: 'gridId' } as const;

export async function listApiKeys(ctx: RequestContext, page: Page): Promise<ConnectionResult<ApiKey>> {
  const v = requireAdmin(ctx.viewer);
  return paginate(ctx.em, ApiKey, jurisdictionWhere(v.jurisdiction, KEY_SCOPE) as never, page);
}

export async function revokeApiKey(ctx: RequestContext, id: string): Promise<ApiKey> {
  const v = requireAdmin(ctx.viewer);
  const key = await ctx.em.findOne(ApiKey, {
    $and: [{ id }, jurisdictionWhere(v.jurisdiction, KEY_SCOPE)],
  } as never);
  if (!key) throw notFound('ApiKey');
  if (!key.revokedAt) {
    key.revokedAt = ctx.app.clock.now();
    audit(ctx, { action: AuditAction.API_KEY_REVOKED, subjectId: toGlobalId('ApiKey', key.id) });
    await ctx.em.flush();
    forgetKey(key.prefix);
  }
  return key;
}

// Validated keys are remembered briefly so a busy integration does not cost a lookup per request.
// Revocation clears this process's entry at once; other processes notice within CACHE_MS.
const CACHE_MS = 10_000;
const cache = new Map<string, { viewer: Viewer; hash: string; until: number; expiresAt: number | null }>();
const lastTouched = new Map<string, number>();

function forgetKey(prefix: string): void {
  cache.delete(prefix);
}

/** The viewer an API key stands for, or null when it is unknown, revoked or expired. */
export async function authenticateApiKey(
  em: EntityManager,
  token: string,
  now: Date,
): Promise<Viewer | null> {
  if (!isApiKeyFormat(token)) return null;
  const prefix = token.slice(KEY_PREFIX.length, KEY_PREFIX.length + 12);
  const hash = hashKey(token);
  const t = now.getTime();
  const hit = cache.get(prefix);
  if (hit && hit.until > t && (hit.expiresAt === null || hit.expiresAt > t)) {
    return safeEqual(hit.hash, hash) ? hit.viewer : null;
  }
  const key = await em.findOne(ApiKey, { prefix });
  if (!key || key.revokedAt || (key.expiresAt && key.expiresAt.getTime() <= t)) return null;
  if (!safeEqual(key.secretHash, hash)) return null;
  const jurisdiction: Jurisdiction = {
    level: key.scopeLevel,
    ...(key.streetId ? { streetId: key.streetId } : {}),
    ...(key.communityId ? { communityId: key.communityId } : {}),
    ...(key.gridId ? { gridId: key.gridId } : {}),
  };
  const viewer: Viewer = {
    kind: 'apiKey',
    id: key.id,
    username: `key:${key.prefix}`,
    jurisdiction,
    scopes: key.scopes,
  };
  cache.set(prefix, { viewer, hash, until: t + CACHE_MS, expiresAt: key.expiresAt?.getTime() ?? null });
  if ((lastTouched.get(prefix) ?? 0) < t - 60_000) {
    lastTouched.set(prefix, t);
    await em.nativeUpdate(ApiKey, { id: key.id }, { lastUsedAt: now });
  }
  return viewer;
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
