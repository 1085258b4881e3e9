import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { fromGlobalId, fromOptionalGlobalId } from '../graphql/global-id';
import { MetricScopeInput } from '../modules/modules.inputs';
import type { RequestContext } from '../server/context';
import { metricSeries } from './metric-series.service';
import { ReportNarrative, ReportSettings } from './report.entities';
import { renderMarkdown } from './report.render';
import { communityReport, streetReport } from './report.service';
import { reportSettings, saveReportNarrative, updateReportSettings } from './report-settings.service';
import {
  CommunityReport,
  MetricSeries,
  ReportPeriodInput,
  ReportSettingsInput,
  SaveReportNarrativeInput,
  SeriesInterval,
  StreetReport,
} from './report.types';

@Resolver()
export class ReportResolver {
  @Query(() => CommunityReport, {
    description:
      'The work report (工作总结) of a community for a period: every figure from data, in the seed’s five sections. ' +
      'Also as `/reports/community/{id}.html` and `.docx`.',
  })
  communityReport(
    @Ctx() ctx: RequestContext,
    @Arg('communityId', () => ID, { description: 'The community.' }) communityId: string,
    @Arg('period', () => ReportPeriodInput, { description: 'The period (both days included).' })
    period: ReportPeriodInput,
  ): Promise<CommunityReport> {
    return communityReport(ctx, fromGlobalId(communityId, 'Community', 'communityId'), period);
  }

  @Query(() => StreetReport, {
    description: 'A street’s communities side by side with the report’s key figures.',
  })
  streetReport(
    @Ctx() ctx: RequestContext,
    @Arg('streetId', () => ID, { description: 'The street.' }) streetId: string,
    @Arg('period', () => ReportPeriodInput, { description: 'The period (both days included).' })
    period: ReportPeriodInput,
  ): Promise<StreetReport> {
    return streetReport(ctx, fromGlobalId(streetId, 'Street', 'streetId'), period);
  }

  @Query(() => [MetricSeries], {
    description:
      'Metrics of `metrics` as time series per calendar month or week (China time), for dashboards.',
  })
  metricSeries(
    @Ctx() ctx: RequestContext,
    @Arg('scope', () => MetricScopeInput, { description: 'Where.' }) scope: MetricScopeInput,
    @Arg('codes', () => [String], { description: 'Metric codes (1–20), see metricDefinitions.' })
    codes: string[],
    @Arg('from', () => Date, { description: 'Start (included).' }) from: Date,
    @Arg('to', () => Date, { description: 'End (excluded).' }) to: Date,
    @Arg('interval', () => SeriesInterval, { description: 'Bucket size.' }) interval: SeriesInterval,
  ): Promise<MetricSeries[]> {
    return metricSeries(
      ctx,
      {
        gridId: fromOptionalGlobalId(scope.gridId, 'Grid', 'scope.gridId'),
        communityId: fromOptionalGlobalId(scope.communityId, 'Community', 'scope.communityId'),
        streetId: fromOptionalGlobalId(scope.streetId, 'Street', 'scope.streetId'),
      },
      codes,
      from,
      to,
      interval,
    );
  }

  @Query(() => ReportSettings, { description: 'The thresholds of a community’s report findings.' })
  reportSettings(
    @Ctx() ctx: RequestContext,
    @Arg('communityId', () => ID, { description: 'The community.' }) communityId: string,
  ): Promise<ReportSettings> {
    return reportSettings(ctx, fromGlobalId(communityId, 'Community', 'communityId'));
  }

  @Mutation(() => ReportNarrative, {
    description: 'Save the community’s own text for one section of one period’s report (administrators).',
  })
  saveReportNarrative(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => SaveReportNarrativeInput) input: SaveReportNarrativeInput,
  ): Promise<ReportNarrative> {
    return saveReportNarrative(ctx, {
      ...input,
      communityId: fromGlobalId(input.communityId, 'Community', 'input.communityId'),
    });
  }

  @Mutation(() => ReportSettings, {
    description: 'Change the thresholds of a community’s report findings (administrators).',
  })
  updateReportSettings(
    @Ctx() ctx: RequestContext,
    @Arg('communityId', () => ID, { description: 'The community.' }) communityId: string,
    @Arg('input', () => ReportSettingsInput) input: ReportSettingsInput,
  ): Promise<ReportSettings> {
    return updateReportSettings(ctx, fromGlobalId(communityId, 'Community', 'communityId'), input);
  }
}

@Resolver(() => CommunityReport)
export class CommunityReportFieldResolver {
  @FieldResolver(() => String, {
    description: 'The whole report as Chinese Markdown, in the seed’s sections.',
  })
  markdown(@Root() report: CommunityReport): string {
    return renderMarkdown(report);
  }
}
