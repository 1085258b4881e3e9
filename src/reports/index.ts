import { admin, authenticated } from '../auth/permissions';
import type { Feature } from '../graphql/feature';
import { ReportNarrative, ReportSettings } from './report.entities';
import { CommunityReportFieldResolver, ReportResolver } from './report.resolver';

export { ReportNarrative, ReportSection, ReportSettings } from './report.entities';
export { communityReport, streetReport } from './report.service';
export { metricSeries } from './metric-series.service';
export { renderMarkdown, renderHtml } from './report.render';
export { renderDocx } from './report.docx';
export { registerReportRoutes } from './report.routes';

/** The community work report, the street comparison and metric series (API-key area `metrics`). */
export const reportsFeature: Feature = {
  name: 'reports',
  area: 'metrics',
  entities: [ReportNarrative, ReportSettings],
  resolvers: [ReportResolver, CommunityReportFieldResolver],
  permissions: {
    Query: {
      communityReport: authenticated,
      streetReport: authenticated,
      metricSeries: authenticated,
      reportSettings: authenticated,
    },
    Mutation: { saveReportNarrative: admin, updateReportSettings: admin },
    CommunityReport: authenticated,
    ReportTerritory: authenticated,
    ReportBasics: authenticated,
    ReportRoleCount: authenticated,
    ReportGrid: authenticated,
    ReportProgress: authenticated,
    ReportDepartmentCount: authenticated,
    ReportCategoryCount: authenticated,
    ReportModuleSection: authenticated,
    ReportProblems: authenticated,
    ReportFinding: authenticated,
    ReportNarrative: authenticated,
    ReportSettings: authenticated,
    MonthlyCases: authenticated,
    StreetReport: authenticated,
    StreetReportRow: authenticated,
    MetricSeries: authenticated,
    MetricPoint: authenticated,
  },
};
