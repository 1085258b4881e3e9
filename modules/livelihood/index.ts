import { authenticated, defineGridModule, findReadable } from '../../src/modules';
import { LivelihoodProject, LivelihoodScopeItem } from './livelihood.entities';
import { livelihoodMetrics } from './livelihood.metrics';
import { livelihood } from './livelihood.module';
import {
  LivelihoodPhaseStep,
  LivelihoodProjectFieldResolver,
  LivelihoodResolver,
} from './livelihood.resolver';
import { seedLivelihood } from './livelihood.seed';

/** 惠民型网格 — old-community renovation projects through 拆整改建清管, with resident consultations. */
export default defineGridModule(livelihood, {
  entities: [LivelihoodProject],
  resolvers: [LivelihoodResolver, LivelihoodProjectFieldResolver],
  metrics: livelihoodMetrics,
  permissions: {
    Query: { livelihoodProjects: authenticated },
    Mutation: { createLivelihoodProject: authenticated, updateLivelihoodProject: authenticated },
    LivelihoodProject: authenticated,
    LivelihoodProjectConnection: authenticated,
    LivelihoodProjectEdge: authenticated,
    [LivelihoodScopeItem.name]: authenticated,
    [LivelihoodPhaseStep.name]: authenticated,
  },
  nodes: { LivelihoodProject: (ctx, id) => findReadable(ctx, LivelihoodProject, id) },
  seed: seedLivelihood,
});
