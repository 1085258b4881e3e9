import type { EntityManager } from '@mikro-orm/postgresql';
import type { AppServices } from '../server/context';
import { authenticateApiKey, isApiKeyFormat } from './api-key.service';
import { User } from './user.entity';
import { ANONYMOUS, type Viewer } from './viewer';

// A signed token is checked against its account (still active, same token version) at most this
// often per account and process, so disabling an account or changing a password takes effect fast
// without a database read on every request.
const ACCOUNT_CHECK_MS = 5_000;
const accounts = new Map<string, { active: boolean; version: number; until: number }>();

/** Forgets what this process knows about an account (after its password or status changed). */
export function forgetAccount(userId: string): void {
  accounts.delete(userId);
}

/**
 * The viewer behind a request's credentials: `Authorization: Bearer <token or API key>` or
 * `X-Api-Key`. Anything missing, malformed, expired, revoked or outdated is the anonymous viewer.
 */
export async function authenticate(
  em: EntityManager,
  app: AppServices,
  headers: { authorization?: string; 'x-api-key'?: string | string[] },
): Promise<Viewer> {
  const apiKeyHeader = headers['x-api-key'];
  if (typeof apiKeyHeader === 'string' && apiKeyHeader) {
    return (await authenticateApiKey(em, apiKeyHeader.trim(), app.clock.now())) ?? ANONYMOUS;
  }
  const match = headers.authorization ? /^Bearer\s+(.+)$/i.exec(headers.authorization) : null;
  if (!match) return ANONYMOUS;
  const token = match[1]!.trim();
  if (isApiKeyFormat(token)) return (await authenticateApiKey(em, token, app.clock.now())) ?? ANONYMOUS;
  const claims = await app.tokens.verify(token);
  if (!claims) return ANONYMOUS;
  const now = Date.now();
  let account = accounts.get(claims.id!);
  if (!account || account.until <= now) {
    const user = await em.findOne(User, { id: claims.id! }, { fields: ['active', 'tokenVersion'] });
    account = { active: !!user?.active, version: user?.tokenVersion ?? -1, until: now + ACCOUNT_CHECK_MS };
    accounts.set(claims.id!, account);
  }
  if (!account.active || account.version !== claims.tokenVersion) return ANONYMOUS;
  const { tokenVersion: _v, ...viewer } = claims;
  return viewer;
}
