import { covers } from '../auth/jurisdiction';
import { requireViewer, type AuthenticatedViewer, type Viewer } from '../auth/viewer';
import { AppError, ErrorCode, forbidden } from '../graphql/errors';
import { parseGlobalId } from '../graphql/global-id';
import { parseInput } from '../graphql/validate';
import type { RequestContext } from '../server/context';
import { territoryService } from '../territory';
import type { DomainEvent } from './event.entity';
import { requireEventReader } from './event.service';
import { matchesTypes, typePatterns } from './event-types';
import type { EventStream } from './live-events';

/** A subscription's context: a request context plus the application's live event stream. */
export interface LiveContext extends RequestContext {
  live?: EventStream;
}

function streamOf(ctx: LiveContext): EventStream {
  if (!ctx.live) {
    throw new AppError(ErrorCode.BAD_USER_INPUT, {
      en: 'Subscriptions are served over WebSocket (graphql-ws) at /graphql',
      zh: '订阅请通过 WebSocket（graphql-ws 协议）连接 /graphql',
    });
  }
  return ctx.live;
}

/** Anyone signed in may follow their own grids live; integration keys need `events:read`. */
function requireLiveViewer(v: Viewer): AuthenticatedViewer {
  const viewer = requireViewer(v);
  if (viewer.kind === 'apiKey' && !viewer.scopes?.includes('events:read')) {
    throw forbidden({
      en: 'This API key lacks the events:read scope',
      zh: '该 API 密钥没有 events:read 权限',
    });
  }
  return viewer;
}

/** Every event of the viewer's jurisdiction whose type matches, as it commits (like the feed). */
export function subscribeEvents(ctx: LiveContext, types?: string[] | null): AsyncIterable<DomainEvent> {
  const v = requireEventReader(ctx.viewer);
  const patterns = types?.length ? parseInput(typePatterns, types, 'types') : ['*'];
  return streamOf(ctx).listen((e) => matchesTypes(e.type, patterns) && covers(v.jurisdiction, e));
}

/** Case events (`case.*`) of one grid the viewer may see. */
export async function subscribeGridCases(
  ctx: LiveContext,
  gridId: string,
): Promise<AsyncIterable<DomainEvent>> {
  const v = requireLiveViewer(ctx.viewer);
  const stream = streamOf(ctx);
  const grid = await territoryService.getGrid(ctx, gridId);
  return stream.listen(
    (e) => e.gridId === grid.id && e.type.startsWith('case.') && covers(v.jurisdiction, e),
  );
}

/**
 * Activity events of one grid the viewer may see: every event about an Activity record (modules
 * name them `<module>.<kind>.recorded`), and any `activity.*` event.
 */
export async function subscribeGridActivities(
  ctx: LiveContext,
  gridId: string,
): Promise<AsyncIterable<DomainEvent>> {
  const v = requireLiveViewer(ctx.viewer);
  const stream = streamOf(ctx);
  const grid = await territoryService.getGrid(ctx, gridId);
  return stream.listen(
    (e) =>
      e.gridId === grid.id &&
      (e.type.startsWith('activity.') || parseGlobalId(e.subjectId)?.type === 'Activity') &&
      covers(v.jurisdiction, e),
  );
}
