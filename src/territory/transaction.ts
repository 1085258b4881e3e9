import { UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { conflict, type Message } from '../graphql/errors';
import type { RequestContext } from '../server/context';

/**
 * Runs `work` in one transaction on the request's own EntityManager, so that row locks taken while
 * checking (a grid must still be in use) hold until the change and its events are committed. The
 * unit of work is flushed at commit; a duplicate key becomes CONFLICT with `duplicate` as message.
 */
export async function inTransaction<T>(
  ctx: RequestContext,
  duplicate: Message,
  work: () => Promise<T>,
): Promise<T> {
  await ctx.em.begin();
  try {
    const result = await work();
    await ctx.em.commit();
    return result;
  } catch (e) {
    await ctx.em.rollback();
    // Nothing of a refused change may linger in the identity map for later fields to read.
    ctx.em.clear();
    if (e instanceof UniqueConstraintViolationException) throw conflict(duplicate);
    throw e;
  }
}
