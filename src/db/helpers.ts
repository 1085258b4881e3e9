import { UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { conflict, type Message } from '../graphql/errors';
import type { RequestContext } from '../server/context';

/**
 * Flushes the request's unit of work (one transaction: the change and its events). A duplicate key
 * becomes CONFLICT with the caller's message, never naming the record it clashed with: that could
 * tell a viewer about data outside their jurisdiction.
 */
export async function flushOrConflict(ctx: RequestContext, what: Message): Promise<void> {
  try {
    await ctx.em.flush();
  } catch (e) {
    if (e instanceof UniqueConstraintViolationException) {
      ctx.em.clear();
      throw conflict(what);
    }
    throw e;
  }
}

/** Escapes LIKE wildcards in user text. */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => '\\' + c);
}
