import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { Node } from '../db/base.entity';
import type { RequestContext } from '../server/context';
import { notFound } from './errors';
import type { NodeFetcher } from './feature';
import { parseGlobalId } from './global-id';
import { requireViewer } from '../auth/viewer';

/** `node(id)`: one entry point for every type; each type's fetcher applies its jurisdiction rule. */
export function createNodeResolver(fetchers: Record<string, NodeFetcher>) {
  @Resolver()
  class NodeResolver {
    @Query(() => Node, { nullable: true, description: 'Fetch any object by its global id.' })
    async node(
      @Ctx() ctx: RequestContext,
      @Arg('id', () => ID, { description: 'Global id.' }) id: string,
    ): Promise<object> {
      requireViewer(ctx.viewer);
      const parsed = parseGlobalId(id);
      const fetch = parsed && fetchers[parsed.type];
      if (!parsed || !fetch) throw notFound('Node');
      return fetch(ctx, parsed.id);
    }
  }
  return NodeResolver;
}
