import { Arg, Args, Ctx, FieldResolver, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Resident } from '../../src/people';
import { Building } from '../../src/territory';
import {
  byId,
  ConnectionType,
  fromGlobalId,
  fromOptionalGlobalId,
  listFiltered,
  PageArgs,
  toPage,
  type ConnectionResult,
  type RequestContext,
} from '../../src/modules';
import { CivilityReport } from './civility.entities';
import {
  AddCivilityReportFollowUpInput,
  CivilityReportFilter,
  CreateCivilityReportInput,
  ResolveCivilityReportInput,
} from './civility.inputs';
import * as service from './civility.service';

@ObjectType({ description: 'A page of uncivil-behaviour reports.' })
export class CivilityReportConnection extends ConnectionType(CivilityReport, 'CivilityReport') {}

@Resolver()
export class CivilityResolver {
  @Query(() => CivilityReportConnection, { description: 'Uncivil-behaviour reports of your jurisdiction.' })
  civilityReports(
    @Ctx() ctx: RequestContext,
    @Args() page: PageArgs,
    @Arg('filter', () => CivilityReportFilter, { nullable: true }) filter?: CivilityReportFilter | null,
  ): Promise<ConnectionResult<CivilityReport>> {
    const gridId = fromOptionalGlobalId(filter?.gridId, 'Grid', 'filter.gridId');
    return listFiltered(ctx, CivilityReport, { ...filter, gridId }, toPage(page));
  }

  @Mutation(() => CivilityReport, { description: 'Report uncivil behaviour seen on a grid.' })
  createCivilityReport(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => CreateCivilityReportInput) input: CreateCivilityReportInput,
  ): Promise<CivilityReport> {
    return service.createReport(ctx, {
      ...input,
      gridId: fromGlobalId(input.gridId, 'Grid', 'input.gridId'),
      buildingId: fromOptionalGlobalId(input.buildingId, 'Building', 'input.buildingId'),
      reporterId: fromOptionalGlobalId(input.reporterId, 'Resident', 'input.reporterId'),
    });
  }

  @Mutation(() => CivilityReport, { description: 'Add a follow-up (劝导、整改、复查) to an open report.' })
  addCivilityReportFollowUp(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => AddCivilityReportFollowUpInput) input: AddCivilityReportFollowUpInput,
  ): Promise<CivilityReport> {
    return service.addFollowUp(ctx, { ...input, id: fromGlobalId(input.id, 'CivilityReport', 'input.id') });
  }

  @Mutation(() => CivilityReport, { description: 'Close an open report with how it was resolved.' })
  resolveCivilityReport(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => ResolveCivilityReportInput) input: ResolveCivilityReportInput,
  ): Promise<CivilityReport> {
    return service.resolveReport(ctx, { ...input, id: fromGlobalId(input.id, 'CivilityReport', 'input.id') });
  }
}

@Resolver(() => CivilityReport)
export class CivilityReportFieldResolver {
  @FieldResolver(() => Building, { nullable: true, description: 'The building where it happened.' })
  async building(@Ctx() ctx: RequestContext, @Root() r: CivilityReport): Promise<Building | null> {
    return r.buildingId ? byId(ctx, Building).load(r.buildingId) : null;
  }

  @FieldResolver(() => Resident, { nullable: true, description: 'The resident who reported it.' })
  async reporter(@Ctx() ctx: RequestContext, @Root() r: CivilityReport): Promise<Resident | null> {
    return r.reporterId ? byId(ctx, Resident).load(r.reporterId) : null;
  }
}
