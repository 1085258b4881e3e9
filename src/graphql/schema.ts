import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import { buildSchema } from 'type-graphql';
import { applyPermissions, authenticated, mergeRules, type RuleMap } from '../auth/permissions';
import { coreFeatures } from '../features';
import { liveEvents } from '../integration/live-events';
import type { NodeFetcher } from './feature';
import { createNodeResolver } from './node.resolver';

export interface AppSchema {
  /** The schema clients see, with permissions applied. */
  schema: GraphQLSchema;
  /** Without the permission layer: used to print SDL and to check that every field has a rule. */
  bare: GraphQLSchema;
  rules: RuleMap;
}

export async function buildAppSchema(options: { debug?: boolean } = {}): Promise<AppSchema> {
  const features = coreFeatures;
  const fetchers: Record<string, NodeFetcher> = {};
  for (const f of features) {
    for (const [type, fetch] of Object.entries(f.nodes ?? {})) {
      if (fetchers[type]) throw new Error(`node(id) fetcher for ${type} declared twice`);
      fetchers[type] = fetch;
    }
  }
  const resolvers = [createNodeResolver(fetchers), ...features.flatMap((f) => f.resolvers)];
  const bare = await buildSchema({
    resolvers: resolvers as [Function, ...Function[]], // eslint-disable-line @typescript-eslint/no-unsafe-function-type
    scalarsMap: [{ type: Date, scalar: GraphQLDateTime }],
    validate: false,
    emitSchemaFile: false,
    pubSub: liveEvents,
  });
  const query = bare.getQueryType();
  if (query) query.description = 'Reads. Everything is limited to the jurisdiction of the viewer.';
  const mutation = bare.getMutationType();
  if (mutation) mutation.description = 'Changes. Each one writes its domain event in the same transaction.';
  const subscription = bare.getSubscriptionType();
  if (subscription) subscription.description = 'Live events over WebSocket (graphql-ws) at /graphql.';
  const rules = mergeRules([
    { rules: { Query: { node: authenticated } } },
    ...features.map((f) => ({ area: f.area, rules: f.permissions })),
  ]);
  return { schema: applyPermissions(bare, rules, options.debug ?? false), bare, rules };
}

/** The committed SDL: sorted so that it only changes when the API does. */
export function printAppSchema(schema: GraphQLSchema): string {
  return printSchema(lexicographicSortSchema(schema)) + '\n';
}
