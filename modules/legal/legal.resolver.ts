import { GraphQLLocalDate } from 'graphql-scalars';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import {
  byId,
  ConnectionType,
  fromGlobalId,
  decodeIds,
  fromOptionalGlobalId,
  localDateOf,
  PageArgs,
  toGlobalId,
  toPage,
  type ConnectionResult,
  type RequestContext,
} from '../../src/modules';
import { LegalAdviser, LegalMediation, LegalMediationStatus } from './legal.entities';
import {
  AddLegalAdviserInput,
  LegalAdviserFilter,
  LegalMediationFilter,
  OpenLegalMediationInput,
  WithdrawLegalMediationInput,
} from './legal.inputs';
import * as service from './legal.service';

@ObjectType({ description: 'A page of legal advisers.' })
export class LegalAdviserConnection extends ConnectionType(LegalAdviser, 'LegalAdviser') {}

@ObjectType({ description: 'A page of mediations.' })
export class LegalMediationConnection extends ConnectionType(LegalMediation, 'LegalMediation') {}

@Resolver()
export class LegalResolver {
  @Query(() => LegalAdviserConnection, { description: 'Legal advisers of your jurisdiction.' })
  legalAdvisers(
    @Ctx() ctx: RequestContext,
    @Args() page: PageArgs,
    @Arg('filter', () => LegalAdviserFilter, { nullable: true }) filter?: LegalAdviserFilter | null,
  ): Promise<ConnectionResult<LegalAdviser>> {
    return service.listAdvisers(ctx, decodeIds(filter, { gridId: 'Grid' }, 'filter'), toPage(page));
  }

  @Query(() => LegalMediationConnection, { description: 'Mediations of your jurisdiction.' })
  legalMediations(
    @Ctx() ctx: RequestContext,
    @Args() page: PageArgs,
    @Arg('filter', () => LegalMediationFilter, { nullable: true }) filter?: LegalMediationFilter | null,
  ): Promise<ConnectionResult<LegalMediation>> {
    return service.listMediations(ctx, decodeIds(filter, { gridId: 'Grid' }, 'filter'), toPage(page));
  }

  @Mutation(() => LegalAdviser, { description: 'Add a legal adviser to a grid.' })
  addLegalAdviser(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => AddLegalAdviserInput) input: AddLegalAdviserInput,
  ): Promise<LegalAdviser> {
    return service.addAdviser(ctx, { ...input, gridId: fromGlobalId(input.gridId, 'Grid', 'input.gridId') });
  }

  @Mutation(() => LegalAdviser, { description: 'Mark a legal adviser as serving the grid or not.' })
  setLegalAdviserActive(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID, { description: 'The adviser.' }) id: string,
    @Arg('active', () => Boolean, { description: 'Whether they serve the grid.' }) active: boolean,
  ): Promise<LegalAdviser> {
    return service.setAdviserActive(ctx, fromGlobalId(id, 'LegalAdviser'), active);
  }

  @Mutation(() => LegalMediation, {
    description: 'Take a dispute on for mediation; record its sessions with recordLegalMediationSession.',
  })
  openLegalMediation(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => OpenLegalMediationInput) input: OpenLegalMediationInput,
  ): Promise<LegalMediation> {
    return service.openMediation(ctx, {
      gridId: fromGlobalId(input.gridId, 'Grid', 'input.gridId'),
      disputeType: input.disputeType,
      summary: input.summary,
      parties: input.parties.map((p) => ({ name: p.name, role: p.role })),
      mediatorId: fromOptionalGlobalId(input.mediatorId, 'LegalAdviser', 'input.mediatorId'),
      caseId: fromOptionalGlobalId(input.caseId, 'Case', 'input.caseId'),
      openedOn: input.openedOn,
    });
  }

  @Mutation(() => LegalMediation, { description: 'The parties withdraw a mediation in progress.' })
  withdrawLegalMediation(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => WithdrawLegalMediationInput) input: WithdrawLegalMediationInput,
  ): Promise<LegalMediation> {
    return service.withdrawMediation(ctx, {
      ...input,
      id: fromGlobalId(input.id, 'LegalMediation', 'input.id'),
    });
  }
}

@Resolver(() => LegalMediation)
export class LegalMediationFieldResolver {
  @FieldResolver(() => LegalAdviser, { nullable: true, description: 'The mediator.' })
  async mediator(@Ctx() ctx: RequestContext, @Root() m: LegalMediation): Promise<LegalAdviser | null> {
    return m.mediatorId ? byId(ctx, LegalAdviser).load(m.mediatorId) : null;
  }

  @FieldResolver(() => ID, {
    nullable: true,
    description: 'Global id of the case it came in as (see `node`).',
  })
  caseId(@Root() m: LegalMediation): string | null {
    return m.caseId ? toGlobalId('Case', m.caseId) : null;
  }

  @FieldResolver(() => GraphQLLocalDate, {
    nullable: true,
    description: "Day it should end by, under the grid's mediation target; null once ended.",
  })
  async dueOn(@Ctx() ctx: RequestContext, @Root() m: LegalMediation): Promise<string | null> {
    return m.status === LegalMediationStatus.IN_PROGRESS ? service.mediationDueOn(ctx, m) : null;
  }

  @FieldResolver(() => Boolean, { description: "In progress beyond the grid's mediation target." })
  async overdue(@Ctx() ctx: RequestContext, @Root() m: LegalMediation): Promise<boolean> {
    return (
      m.status === LegalMediationStatus.IN_PROGRESS &&
      (await service.mediationDueOn(ctx, m)) < localDateOf(ctx.app.clock.now())
    );
  }
}
