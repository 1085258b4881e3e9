import { authenticated, defineGridModule, findReadable } from '../../src/modules';
import { LegalAdviser, LegalMediation, LegalParty } from './legal.entities';
import { legalMetrics } from './legal.metrics';
import { legal } from './legal.module';
import { LegalMediationFieldResolver, LegalResolver } from './legal.resolver';
import { seedLegal } from './legal.seed';

/** 法治型网格 — legal advisers, lectures, Q&A, anti-fraud app help and mediations. */
export default defineGridModule(legal, {
  entities: [LegalAdviser, LegalMediation],
  resolvers: [LegalResolver, LegalMediationFieldResolver],
  metrics: legalMetrics,
  permissions: {
    Query: { legalAdvisers: authenticated, legalMediations: authenticated },
    Mutation: {
      addLegalAdviser: authenticated,
      setLegalAdviserActive: authenticated,
      openLegalMediation: authenticated,
      withdrawLegalMediation: authenticated,
    },
    LegalAdviser: authenticated,
    LegalAdviserConnection: authenticated,
    LegalAdviserEdge: authenticated,
    LegalMediation: authenticated,
    LegalMediationConnection: authenticated,
    LegalMediationEdge: authenticated,
    [LegalParty.name]: authenticated,
  },
  nodes: {
    LegalAdviser: (ctx, id) => findReadable(ctx, LegalAdviser, id),
    LegalMediation: (ctx, id) => findReadable(ctx, LegalMediation, id),
  },
  seed: seedLegal,
});
