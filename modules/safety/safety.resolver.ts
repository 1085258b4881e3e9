import { GraphQLLocalDate } from 'graphql-scalars';
import {
  Arg,
  Args,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { Case } from '../../src/cases';
import { Organization, Resident } from '../../src/people';
import { Building, MicroGrid } from '../../src/territory';
import {
  byId,
  ConnectionType,
  fromGlobalId,
  decodeIds,
  fromOptionalGlobalId,
  linkedCase,
  localDateOf,
  PageArgs,
  toGlobalId,
  toPage,
  type ConnectionResult,
  type RequestContext,
} from '../../src/modules';
import { SafetyDispute, SafetyDisputeStatus, SafetyHazard } from './safety.entities';
import {
  GiveSafetyDisputeFeedbackInput,
  ReportSafetyHazardInput,
  ResolveSafetyDisputeInput,
  SafetyDisputeFilter,
  SafetyHazardFilter,
  TakeSafetyDisputeInput,
} from './safety.inputs';
import * as service from './safety.service';

@ObjectType({ description: 'A page of hazards.' })
export class SafetyHazardConnection extends ConnectionType(SafetyHazard, 'SafetyHazard') {}

@ObjectType({ description: 'A page of the dispute ledger.' })
export class SafetyDisputeConnection extends ConnectionType(SafetyDispute, 'SafetyDispute') {}

@ObjectType('SafetyHazardCase', { description: 'A hazard and the case it was reported as.' })
export class SafetyHazardCase {
  @Field(() => SafetyHazard, { description: 'The hazard, now following the case.' })
  hazard!: SafetyHazard;

  @Field(() => Case, { description: 'The new case of the closed loop (source PATROL).' })
  case!: Case;
}

@Resolver()
export class SafetyResolver {
  @Query(() => SafetyHazardConnection, {
    description: 'Hazards found on patrol in your jurisdiction, newest first.',
  })
  safetyHazards(
    @Ctx() ctx: RequestContext,
    @Args() page: PageArgs,
    @Arg('filter', () => SafetyHazardFilter, { nullable: true }) filter?: SafetyHazardFilter | null,
  ): Promise<ConnectionResult<SafetyHazard>> {
    return service.listHazards(
      ctx,
      decodeIds(filter, { gridId: 'Grid', microGridId: 'MicroGrid' }, 'filter'),
      toPage(page),
    );
  }

  @Query(() => SafetyDisputeConnection, {
    description: 'The dispute ledger (纠纷台账) of your jurisdiction, newest first.',
  })
  safetyDisputes(
    @Ctx() ctx: RequestContext,
    @Args() page: PageArgs,
    @Arg('filter', () => SafetyDisputeFilter, { nullable: true }) filter?: SafetyDisputeFilter | null,
  ): Promise<ConnectionResult<SafetyDispute>> {
    return service.listDisputes(ctx, decodeIds(filter, { gridId: 'Grid' }, 'filter'), toPage(page));
  }

  @Mutation(() => SafetyHazardCase, {
    description:
      'Report a hazard found on a patrol: it becomes a case of the closed loop (source PATROL) and is resolved when the case is.',
  })
  reportSafetyHazard(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => ReportSafetyHazardInput) input: ReportSafetyHazardInput,
  ): Promise<SafetyHazardCase> {
    return service.reportHazard(ctx, {
      ...input,
      patrolId: fromGlobalId(input.patrolId, 'Activity', 'input.patrolId'),
      buildingId: fromOptionalGlobalId(input.buildingId, 'Building', 'input.buildingId'),
      categoryId: fromOptionalGlobalId(input.categoryId, 'CaseCategory', 'input.categoryId'),
    });
  }

  @Mutation(() => SafetyDispute, {
    description: 'Take in a dispute a resident of the grid brings and route it to the responsible party.',
  })
  takeSafetyDispute(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => TakeSafetyDisputeInput) input: TakeSafetyDisputeInput,
  ): Promise<SafetyDispute> {
    return service.takeDispute(ctx, {
      ...input,
      gridId: fromGlobalId(input.gridId, 'Grid', 'input.gridId'),
      residentId: fromGlobalId(input.residentId, 'Resident', 'input.residentId'),
      organizationId: fromOptionalGlobalId(input.organizationId, 'Organization', 'input.organizationId'),
    });
  }

  @Mutation(() => SafetyDispute, { description: 'Record how the responsible party settled a dispute.' })
  resolveSafetyDispute(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => ResolveSafetyDisputeInput) input: ResolveSafetyDisputeInput,
  ): Promise<SafetyDispute> {
    return service.resolveDispute(ctx, { ...input, id: fromGlobalId(input.id, 'SafetyDispute', 'input.id') });
  }

  @Mutation(() => SafetyDispute, {
    description: 'Record that the resident was told the result (channel, time).',
  })
  giveSafetyDisputeFeedback(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => GiveSafetyDisputeFeedbackInput) input: GiveSafetyDisputeFeedbackInput,
  ): Promise<SafetyDispute> {
    return service.giveFeedback(ctx, { ...input, id: fromGlobalId(input.id, 'SafetyDispute', 'input.id') });
  }
}

@Resolver(() => SafetyHazard)
export class SafetyHazardFieldResolver {
  @FieldResolver(() => MicroGrid, { description: 'The micro-grid it was found in.' })
  async microGrid(@Ctx() ctx: RequestContext, @Root() h: SafetyHazard): Promise<MicroGrid> {
    return (await byId(ctx, MicroGrid).load(h.microGridId))!;
  }

  @FieldResolver(() => Building, { nullable: true, description: 'The building, when given.' })
  async building(@Ctx() ctx: RequestContext, @Root() h: SafetyHazard): Promise<Building | null> {
    return h.buildingId ? byId(ctx, Building).load(h.buildingId) : null;
  }

  @FieldResolver(() => ID, {
    description: 'Global id of the patrol it was found on (a SafetyPatrolActivity; see `node`).',
  })
  patrolId(@Root() h: SafetyHazard): string {
    return toGlobalId('Activity', h.patrolId);
  }

  @FieldResolver(() => Case, {
    nullable: true,
    description: 'The case it was reported as, if you may see it.',
  })
  case(@Ctx() ctx: RequestContext, @Root() h: SafetyHazard): Promise<Case | null> {
    return linkedCase(ctx, h);
  }
}

@Resolver(() => SafetyDispute)
export class SafetyDisputeFieldResolver {
  @FieldResolver(() => Resident, { description: 'The resident who brought it.' })
  async resident(@Ctx() ctx: RequestContext, @Root() d: SafetyDispute): Promise<Resident> {
    return (await byId(ctx, Resident).load(d.residentId))!;
  }

  @FieldResolver(() => Organization, {
    nullable: true,
    description: 'The owners’ committee or property company it was routed to, when named.',
  })
  async organization(@Ctx() ctx: RequestContext, @Root() d: SafetyDispute): Promise<Organization | null> {
    return d.organizationId ? byId(ctx, Organization).load(d.organizationId) : null;
  }

  @FieldResolver(() => GraphQLLocalDate, {
    nullable: true,
    description: "Day the resident should be told the result by, under the grid's target; null once told.",
  })
  async feedbackDueOn(@Ctx() ctx: RequestContext, @Root() d: SafetyDispute): Promise<string | null> {
    return d.status === SafetyDisputeStatus.FEEDBACK_GIVEN ? null : service.feedbackDueOn(ctx, d);
  }

  @FieldResolver(() => Boolean, { description: "Not yet told to the resident beyond the grid's target." })
  async feedbackOverdue(@Ctx() ctx: RequestContext, @Root() d: SafetyDispute): Promise<boolean> {
    return (
      d.status !== SafetyDisputeStatus.FEEDBACK_GIVEN &&
      (await service.feedbackDueOn(ctx, d)) < localDateOf(ctx.app.clock.now())
    );
  }
}
