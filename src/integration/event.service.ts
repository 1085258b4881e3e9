import { sql, type FilterQuery } from '@mikro-orm/postgresql';
import { jurisdictionWhere, SCOPED_COLUMNS, type Placement } from '../auth/jurisdiction';
import { requireAdmin } from '../auth/viewer';
import { badInput } from '../graphql/errors';
import { toGlobalId } from '../graphql/global-id';
import type { RequestContext } from '../server/context';
import { DomainEvent } from './event.entity';

/**
 * Queues an event on the request's unit of work. It is written by the same flush, and so in the
 * same transaction, as the change it describes.
 */
export function recordEvent(
  ctx: RequestContext,
  type: string,
  subject: { type: string; id: string },
  placement: Placement,
  payload: Record<string, unknown> = {},
): DomainEvent {
  const event = ctx.em.create(DomainEvent, {
    type,
    subjectId: toGlobalId(subject.type, subject.id),
    payload,
    occurredAt: new Date(),
    actorId: ctx.viewer.id ?? null,
    requestId: ctx.requestId,
    streetId: placement.streetId ?? null,
    communityId: placement.communityId ?? null,
    gridId: placement.gridId ?? null,
  });
  ctx.em.persist(event);
  return event;
}

export interface EventPage {
  events: DomainEvent[];
  hasNextPage: boolean;
}

/** The ordered feed inside the viewer's jurisdiction, after a sequence number. */
export async function listEvents(
  ctx: RequestContext,
  args: { after?: string | null; types?: string[] | null; first: number },
): Promise<EventPage> {
  const viewer = requireAdmin(ctx.viewer);
  if (args.after != null && !/^\d{1,18}$/.test(args.after)) {
    throw badInput('after', { en: 'after must be an event sequence number', zh: 'after 必须是事件序号' });
  }
  const where: FilterQuery<DomainEvent> = {
    [sql`(txid < pg_snapshot_xmin(pg_current_snapshot()))`]: true,
    ...jurisdictionWhere(viewer.jurisdiction, SCOPED_COLUMNS),
    ...(args.after != null ? { seq: { $gt: args.after } } : {}),
    ...(args.types?.length ? { type: { $in: args.types } } : {}),
  };
  const rows = await ctx.em.find(DomainEvent, where, { orderBy: { seq: 'asc' }, limit: args.first + 1 });
  return { events: rows.slice(0, args.first), hasNextPage: rows.length > args.first };
}
