import { authenticated, defineGridModule, findReadable } from '../../src/modules';
import { SafetyDispute, SafetyHazard } from './safety.entities';
import { safetyMetrics } from './safety.metrics';
import { safety } from './safety.module';
import { SafetyDisputeFieldResolver, SafetyHazardFieldResolver, SafetyResolver } from './safety.resolver';
import { seedSafety } from './safety.seed';
import { followCase } from './safety.service';

/** 平安型网格 — micro-grid patrols, hazards handled as cases, disputes routed with feedback. */
export default defineGridModule(safety, {
  entities: [SafetyHazard, SafetyDispute],
  resolvers: [SafetyResolver, SafetyHazardFieldResolver, SafetyDisputeFieldResolver],
  metrics: safetyMetrics,
  permissions: {
    Query: { safetyHazards: authenticated, safetyDisputes: authenticated },
    Mutation: {
      reportSafetyHazard: authenticated,
      takeSafetyDispute: authenticated,
      resolveSafetyDispute: authenticated,
      giveSafetyDisputeFeedback: authenticated,
    },
    SafetyHazard: authenticated,
    SafetyHazardConnection: authenticated,
    SafetyHazardEdge: authenticated,
    SafetyHazardCase: authenticated,
    SafetyDispute: authenticated,
    SafetyDisputeConnection: authenticated,
    SafetyDisputeEdge: authenticated,
  },
  nodes: {
    SafetyHazard: (ctx, id) => findReadable(ctx, SafetyHazard, id),
    SafetyDispute: (ctx, id) => findReadable(ctx, SafetyDispute, id),
  },
  hooks: { onLinkedCaseChanged: followCase },
  seed: seedSafety,
});
