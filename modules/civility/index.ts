import { authenticated, defineGridModule, findReadable } from '../../src/modules';
import { CivilityReport, CivilityReportFollowUp } from './civility.entities';
import { civilityMetrics } from './civility.metrics';
import { civility } from './civility.module';
import { CivilityReportFieldResolver, CivilityResolver } from './civility.resolver';
import { seedCivility } from './civility.seed';

/** 文明型网格 — civility campaigns, scored environment inspections and uncivil-behaviour reports. */
export default defineGridModule(civility, {
  entities: [CivilityReport],
  resolvers: [CivilityResolver, CivilityReportFieldResolver],
  metrics: civilityMetrics,
  permissions: {
    Query: { civilityReports: authenticated },
    Mutation: {
      createCivilityReport: authenticated,
      addCivilityReportFollowUp: authenticated,
      resolveCivilityReport: authenticated,
    },
    CivilityReport: authenticated,
    CivilityReportConnection: authenticated,
    CivilityReportEdge: authenticated,
    [CivilityReportFollowUp.name]: authenticated,
  },
  nodes: { CivilityReport: (ctx, id) => findReadable(ctx, CivilityReport, id) },
  seed: seedCivility,
});
