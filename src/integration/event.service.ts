import type { FilterQuery } from '@mikro-orm/postgresql';
import { jurisdictionWhere, SCOPED_COLUMNS, type Placement } from '../auth/jurisdiction';
import { requireAdmin, requireViewer, type AuthenticatedViewer, type Viewer } from '../auth/viewer';
import { badInput, forbidden } from '../graphql/errors';
import { toGlobalId } from '../graphql/global-id';
import { parseInput } from '../graphql/validate';
import type { RequestContext } from '../server/context';
import { DomainEvent } from './event.entity';
import { typeCondition, typePatterns } from './event-types';

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

/**
 * Who may read the whole event stream of a jurisdiction: administrators, and integration keys
 * holding `events:read` (the permission layer checks the scope too; this keeps the service safe on
 * its own).
 */
export function requireEventReader(v: Viewer): AuthenticatedViewer {
  const viewer = requireViewer(v);
  if (viewer.kind !== 'apiKey') return requireAdmin(viewer);
  if (!viewer.scopes?.includes('events:read')) {
    throw forbidden({
      en: 'This API key lacks the events:read scope',
      zh: '该 API 密钥没有 events:read 权限',
    });
  }
  return viewer;
}

export interface EventPage {
  events: DomainEvent[];
  hasNextPage: boolean;
}

/**
 * The ordered feed inside the viewer's jurisdiction, after the event whose sequence is `after`.
 *
 * Events commit in sequence order (see the EventCommitOrder migration), so a reader that continues
 * with `after` = the last sequence it received can never skip an event that commits late.
 */
export async function listEvents(
  ctx: RequestContext,
  args: { after?: string | null; types?: string[] | null; first: number },
): Promise<EventPage> {
  const viewer = requireEventReader(ctx.viewer);
  if (args.after != null && !/^\d{1,18}$/.test(args.after)) {
    throw badInput('after', { en: 'after must be an event sequence number', zh: 'after 必须是事件序号' });
  }
  const types = args.types?.length ? parseInput(typePatterns, args.types, 'types') : undefined;
  const byType = types && typeCondition(types);
  const where: FilterQuery<DomainEvent> = {
    ...(args.after != null ? { seq: { $gt: args.after } } : {}),
    ...jurisdictionWhere(viewer.jurisdiction, SCOPED_COLUMNS),
    ...(byType ? { $and: [byType] } : {}),
  };
  const rows = await ctx.em.find(DomainEvent, where, {
    orderBy: { seq: 'asc' },
    limit: args.first + 1,
  });
  return { events: rows.slice(0, args.first), hasNextPage: rows.length > args.first };
}
