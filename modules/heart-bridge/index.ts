import { authenticated, defineGridModule, findReadable } from '../../src/modules';
import { HeartBridgeConcern, HeartBridgeSentiment } from './heart-bridge.entities';
import { heartBridgeMetrics } from './heart-bridge.metrics';
import { heartBridge } from './heart-bridge.module';
import {
  HeartBridgeConcernFieldResolver,
  HeartBridgeResolver,
  HeartBridgeSentimentFieldResolver,
} from './heart-bridge.resolver';
import { seedHeartBridge } from './heart-bridge.seed';
import { followCase } from './heart-bridge.service';

/** 连心桥型网格 — the three-concerns ledger, policy briefings and the sentiment ledger. */
export default defineGridModule(heartBridge, {
  entities: [HeartBridgeConcern, HeartBridgeSentiment],
  resolvers: [HeartBridgeResolver, HeartBridgeConcernFieldResolver, HeartBridgeSentimentFieldResolver],
  metrics: heartBridgeMetrics,
  permissions: {
    Query: { heartBridgeConcerns: authenticated, heartBridgeSentiments: authenticated },
    Mutation: {
      raiseHeartBridgeConcern: authenticated,
      resolveHeartBridgeConcern: authenticated,
      turnHeartBridgeConcernIntoCase: authenticated,
      recordHeartBridgeSentiment: authenticated,
    },
    HeartBridgeConcern: authenticated,
    HeartBridgeConcernConnection: authenticated,
    HeartBridgeConcernEdge: authenticated,
    HeartBridgeConcernCase: authenticated,
    HeartBridgeSentiment: authenticated,
    HeartBridgeSentimentConnection: authenticated,
    HeartBridgeSentimentEdge: authenticated,
  },
  nodes: {
    HeartBridgeConcern: (ctx, id) => findReadable(ctx, HeartBridgeConcern, id),
    HeartBridgeSentiment: (ctx, id) => findReadable(ctx, HeartBridgeSentiment, id),
  },
  hooks: { onLinkedCaseChanged: followCase },
  seed: seedHeartBridge,
});
