import { recordEvent } from '../integration/event.service';
import type { RequestContext } from '../server/context';
import type { ModuleIdentity } from './define';

/** A module's domain event: its type is always `<module id>.<name>`, so feeds can filter by module. */
export function moduleEvent(
  ctx: RequestContext,
  module: Pick<ModuleIdentity, 'id'>,
  name: string,
  subject: { type: string; id: string },
  placement: { streetId: string; communityId: string; gridId: string },
  payload: Record<string, unknown> = {},
): void {
  recordEvent(ctx, `${module.id}.${name}`, subject, placement, payload);
}
