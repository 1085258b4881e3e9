import { GraphQLLocalDate } from 'graphql-scalars';
import {
  Arg,
  Args,
  Ctx,
  Field,
  FieldResolver,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { Case } from '../../src/cases';
import { Resident } from '../../src/people';
import {
  byId,
  ConnectionType,
  fromGlobalId,
  decodeIds,
  fromOptionalGlobalId,
  linkedCase,
  localDateOf,
  PageArgs,
  toPage,
  type ConnectionResult,
  type RequestContext,
} from '../../src/modules';
import { HeartBridgeConcern, HeartBridgeConcernStatus, HeartBridgeSentiment } from './heart-bridge.entities';
import {
  HeartBridgeConcernFilter,
  HeartBridgeSentimentFilter,
  RaiseHeartBridgeConcernInput,
  RecordHeartBridgeSentimentInput,
  ResolveHeartBridgeConcernInput,
  TurnHeartBridgeConcernIntoCaseInput,
} from './heart-bridge.inputs';
import * as service from './heart-bridge.service';

@ObjectType({ description: 'A page of concerns (三事).' })
export class HeartBridgeConcernConnection extends ConnectionType(HeartBridgeConcern, 'HeartBridgeConcern') {}

@ObjectType({ description: 'A page of the sentiment ledger.' })
export class HeartBridgeSentimentConnection extends ConnectionType(
  HeartBridgeSentiment,
  'HeartBridgeSentiment',
) {}

@ObjectType('HeartBridgeConcernCase', { description: 'A concern and the case it was turned into.' })
export class HeartBridgeConcernCase {
  @Field(() => HeartBridgeConcern, { description: 'The concern, now following the case.' })
  concern!: HeartBridgeConcern;

  @Field(() => Case, { description: 'The new case of the closed loop.' })
  case!: Case;
}

@Resolver()
export class HeartBridgeResolver {
  @Query(() => HeartBridgeConcernConnection, {
    description: 'The three-concerns ledger (三事台账) of your jurisdiction, newest first.',
  })
  heartBridgeConcerns(
    @Ctx() ctx: RequestContext,
    @Args() page: PageArgs,
    @Arg('filter', () => HeartBridgeConcernFilter, { nullable: true })
    filter?: HeartBridgeConcernFilter | null,
  ): Promise<ConnectionResult<HeartBridgeConcern>> {
    return service.listConcerns(
      ctx,
      decodeIds(filter, { gridId: 'Grid', residentId: 'Resident' }, 'filter'),
      toPage(page),
    );
  }

  @Query(() => HeartBridgeSentimentConnection, {
    description: 'The sentiment ledger (民情台账) of your jurisdiction, newest first.',
  })
  heartBridgeSentiments(
    @Ctx() ctx: RequestContext,
    @Args() page: PageArgs,
    @Arg('filter', () => HeartBridgeSentimentFilter, { nullable: true })
    filter?: HeartBridgeSentimentFilter | null,
  ): Promise<ConnectionResult<HeartBridgeSentiment>> {
    return service.listSentiments(ctx, decodeIds(filter, { gridId: 'Grid' }, 'filter'), toPage(page));
  }

  @Mutation(() => HeartBridgeConcern, { description: 'Register a concern a resident of the grid raised.' })
  raiseHeartBridgeConcern(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => RaiseHeartBridgeConcernInput) input: RaiseHeartBridgeConcernInput,
  ): Promise<HeartBridgeConcern> {
    return service.raiseConcern(ctx, {
      ...input,
      gridId: fromGlobalId(input.gridId, 'Grid', 'input.gridId'),
      residentId: fromGlobalId(input.residentId, 'Resident', 'input.residentId'),
    });
  }

  @Mutation(() => HeartBridgeConcern, {
    description: 'Resolve an open concern on the grid, with what was done (not for one turned into a case).',
  })
  resolveHeartBridgeConcern(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => ResolveHeartBridgeConcernInput) input: ResolveHeartBridgeConcernInput,
  ): Promise<HeartBridgeConcern> {
    return service.resolveConcern(ctx, {
      ...input,
      id: fromGlobalId(input.id, 'HeartBridgeConcern', 'input.id'),
    });
  }

  @Mutation(() => HeartBridgeConcernCase, {
    description:
      'Turn an open concern into a case of the closed loop; the concern is resolved when the case is, and open again if it is reopened.',
  })
  turnHeartBridgeConcernIntoCase(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => TurnHeartBridgeConcernIntoCaseInput) input: TurnHeartBridgeConcernIntoCaseInput,
  ): Promise<HeartBridgeConcernCase> {
    return service.turnIntoCase(ctx, {
      ...input,
      id: fromGlobalId(input.id, 'HeartBridgeConcern', 'input.id'),
      categoryId: fromGlobalId(input.categoryId, 'CaseCategory', 'input.categoryId'),
    });
  }

  @Mutation(() => HeartBridgeSentiment, { description: 'Write an entry in the sentiment ledger (民情台账).' })
  recordHeartBridgeSentiment(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => RecordHeartBridgeSentimentInput) input: RecordHeartBridgeSentimentInput,
  ): Promise<HeartBridgeSentiment> {
    return service.recordSentiment(ctx, {
      ...input,
      gridId: fromGlobalId(input.gridId, 'Grid', 'input.gridId'),
      residentId: fromOptionalGlobalId(input.residentId, 'Resident', 'input.residentId'),
    });
  }
}

@Resolver(() => HeartBridgeConcern)
export class HeartBridgeConcernFieldResolver {
  @FieldResolver(() => Resident, { description: 'The resident who raised it.' })
  async resident(@Ctx() ctx: RequestContext, @Root() c: HeartBridgeConcern): Promise<Resident> {
    return (await byId(ctx, Resident).load(c.residentId))!;
  }

  @FieldResolver(() => Case, {
    nullable: true,
    description: 'The case it was turned into, when it was and you may see it.',
  })
  case(@Ctx() ctx: RequestContext, @Root() c: HeartBridgeConcern): Promise<Case | null> {
    return linkedCase(ctx, c);
  }

  @FieldResolver(() => GraphQLLocalDate, {
    nullable: true,
    description: "Day it should be resolved by, under the grid's targets; null unless open.",
  })
  async dueOn(@Ctx() ctx: RequestContext, @Root() c: HeartBridgeConcern): Promise<string | null> {
    return c.status === HeartBridgeConcernStatus.OPEN ? service.concernDueOn(ctx, c) : null;
  }

  @FieldResolver(() => Boolean, { description: "Open beyond the grid's target." })
  async overdue(@Ctx() ctx: RequestContext, @Root() c: HeartBridgeConcern): Promise<boolean> {
    return (
      c.status === HeartBridgeConcernStatus.OPEN &&
      (await service.concernDueOn(ctx, c)) < localDateOf(ctx.app.clock.now())
    );
  }
}

@Resolver(() => HeartBridgeSentiment)
export class HeartBridgeSentimentFieldResolver {
  @FieldResolver(() => Resident, { nullable: true, description: 'The resident who voiced it, when one did.' })
  async resident(@Ctx() ctx: RequestContext, @Root() s: HeartBridgeSentiment): Promise<Resident | null> {
    return s.residentId ? byId(ctx, Resident).load(s.residentId) : null;
  }
}
