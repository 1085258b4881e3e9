import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { Config } from '../config';
import type { TokenService } from '../auth/token.service';
import type { LoginLimiter } from '../auth/login-limiter';
import type { Viewer } from '../auth/viewer';

/** Where "now" comes from: the system clock in production, a controllable one in tests (SLA clocks). */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** Process-wide singletons that request handling needs. */
export interface AppServices {
  config: Config;
  tokens: TokenService;
  log: Logger;
  clock: Clock;
  loginLimiter: LoginLimiter;
}

/**
 * Everything one GraphQL request carries. Services take it first: it holds the viewer (and so
 * the jurisdiction) and the request's own EntityManager, so no code path can reach data without them.
 */
export interface RequestContext {
  requestId: string;
  /** Client address (behind a proxy: set TRUST_PROXY so this is the real client). */
  ip: string;
  em: EntityManager;
  viewer: Viewer;
  locale: 'zh' | 'en';
  app: AppServices;
  log: Logger;
  /** Per-request memo for DataLoaders, keyed by a name each loader picks. */
  loaders: Map<string, unknown>;
}

/** Returns the request's loader called `key`, creating it on first use. */
export function loader<T>(ctx: RequestContext, key: string, create: () => T): T {
  // The benchmark's ablation: a loader per call batches nothing, as if there were none.
  if (ctx.app.config.benchAblation === 'no-dataloader') return create();
  let l = ctx.loaders.get(key) as T | undefined;
  if (!l) {
    l = create();
    ctx.loaders.set(key, l);
  }
  return l;
}

export function pickLocale(acceptLanguage: string | undefined): 'zh' | 'en' {
  if (!acceptLanguage) return 'zh';
  const first = acceptLanguage.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh';
}
