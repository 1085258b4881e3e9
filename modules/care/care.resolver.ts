import { GraphQLLocalDate } from 'graphql-scalars';
import {
  Arg,
  Args,
  Ctx,
  FieldResolver,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { Resident } from '../../src/people';
import {
  byId,
  ConnectionType,
  countBy,
  decodeIds,
  PageArgs,
  todayOf,
  toPage,
  type ConnectionResult,
  type RequestContext,
} from '../../src/modules';
import { CareReason, CareTarget, CareTeam } from './care.entities';
import {
  CareTargetFilter,
  CareTeamFilter,
  CreateCareTeamInput,
  DisbandCareTeamInput,
  EndCareTargetInput,
  RegisterCareTargetInput,
  UpdateCareTargetInput,
} from './care.inputs';
import * as service from './care.service';

@ObjectType({ description: 'A page of care targets.' })
export class CareTargetConnection extends ConnectionType(CareTarget, 'CareTarget') {}

@ObjectType({ description: 'A page of care teams.' })
export class CareTeamConnection extends ConnectionType(CareTeam, 'CareTeam') {}

@Resolver()
export class CareResolver {
  @Query(() => CareTargetConnection, { description: 'The care register (关爱对象) of your jurisdiction.' })
  careTargets(
    @Ctx() ctx: RequestContext,
    @Args() page: PageArgs,
    @Arg('filter', () => CareTargetFilter, { nullable: true }) filter?: CareTargetFilter | null,
  ): Promise<ConnectionResult<CareTarget>> {
    const where = decodeIds(filter, { gridId: 'Grid', teamId: 'CareTeam' }, 'filter');
    return service.listTargets(ctx, where, toPage(page));
  }

  @Query(() => CareTeamConnection, { description: 'Care volunteer teams of your jurisdiction.' })
  careTeams(
    @Ctx() ctx: RequestContext,
    @Args() page: PageArgs,
    @Arg('filter', () => CareTeamFilter, { nullable: true }) filter?: CareTeamFilter | null,
  ): Promise<ConnectionResult<CareTeam>> {
    return service.listTeams(ctx, decodeIds(filter, { gridId: 'Grid' }, 'filter'), toPage(page));
  }

  @Mutation(() => CareTarget, { description: 'Put a resident on the care register (or back on it).' })
  registerCareTarget(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => RegisterCareTargetInput) input: RegisterCareTargetInput,
  ): Promise<CareTarget> {
    return service.registerTarget(ctx, decodeIds(input, { residentId: 'Resident', teamId: 'CareTeam' }));
  }

  @Mutation(() => CareTarget, { description: 'Change a care target.' })
  updateCareTarget(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => UpdateCareTargetInput) input: UpdateCareTargetInput,
  ): Promise<CareTarget> {
    return service.updateTarget(ctx, decodeIds(input, { id: 'CareTarget', teamId: 'CareTeam' }));
  }

  @Mutation(() => CareTarget, { description: 'Take a target off the care register.' })
  endCareTarget(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => EndCareTargetInput) input: EndCareTargetInput,
  ): Promise<CareTarget> {
    return service.endTarget(ctx, decodeIds(input, { id: 'CareTarget' }));
  }

  @Mutation(() => CareTeam, { description: 'Set up a care volunteer team on a grid.' })
  createCareTeam(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => CreateCareTeamInput) input: CreateCareTeamInput,
  ): Promise<CareTeam> {
    return service.createTeam(ctx, decodeIds(input, { gridId: 'Grid', leaderResidentId: 'Resident' }));
  }

  @Mutation(() => CareTeam, { description: 'Disband a care team; its targets are left without a team.' })
  disbandCareTeam(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => DisbandCareTeamInput) input: DisbandCareTeamInput,
  ): Promise<CareTeam> {
    return service.disbandTeam(ctx, decodeIds(input, { id: 'CareTeam' }));
  }
}

@Resolver(() => CareTarget)
export class CareTargetFieldResolver {
  @FieldResolver(() => Resident, { description: 'The resident.' })
  async resident(@Ctx() ctx: RequestContext, @Root() t: CareTarget): Promise<Resident> {
    return (await byId(ctx, Resident).load(t.residentId))!;
  }

  @FieldResolver(() => [CareReason], {
    description: 'Why they need care: sensitive reasons only for administrators and grid chiefs.',
  })
  reasons(@Ctx() ctx: RequestContext, @Root() t: CareTarget): CareReason[] {
    return service.visibleReasons(ctx, t);
  }

  @FieldResolver(() => Boolean, {
    description: 'True when the target has a sensitive reason this viewer may not see (it needs support).',
  })
  reasonsWithheld(@Ctx() ctx: RequestContext, @Root() t: CareTarget): boolean {
    return service.reasonsWithheld(ctx, t);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Why, in words; null for viewers other than administrators and grid chiefs.',
  })
  reasonNote(@Ctx() ctx: RequestContext, @Root() t: CareTarget): string | null {
    return service.canSeeSensitiveReasons(ctx) ? (t.reasonNote ?? null) : null;
  }

  @FieldResolver(() => CareTeam, { nullable: true, description: 'The care team looking after them.' })
  team(@Ctx() ctx: RequestContext, @Root() t: CareTarget): Promise<CareTeam | null> | null {
    return t.teamId ? byId(ctx, CareTeam).load(t.teamId) : null;
  }

  @FieldResolver(() => Date, {
    nullable: true,
    description: 'When they were last reached by a door-knock visit or a care call.',
  })
  lastContactAt(@Ctx() ctx: RequestContext, @Root() t: CareTarget): Promise<Date | null> {
    return service.lastContactAt(ctx, t);
  }

  @FieldResolver(() => GraphQLLocalDate, {
    nullable: true,
    description: "Next contact due by, under the grid's interval; null when off the register.",
  })
  async contactDueOn(@Ctx() ctx: RequestContext, @Root() t: CareTarget): Promise<string | null> {
    return t.endedOn ? null : service.dueOn(ctx, t);
  }

  @FieldResolver(() => Boolean, {
    description: "On the register and not reached within the grid's interval.",
  })
  async contactOverdue(@Ctx() ctx: RequestContext, @Root() t: CareTarget): Promise<boolean> {
    return !t.endedOn && (await service.dueOn(ctx, t)) < todayOf(ctx);
  }
}

@Resolver(() => CareTeam)
export class CareTeamFieldResolver {
  @FieldResolver(() => Resident, { nullable: true, description: 'The leader, when they live on the grid.' })
  leaderResident(@Ctx() ctx: RequestContext, @Root() t: CareTeam): Promise<Resident | null> | null {
    return t.leaderResidentId ? byId(ctx, Resident).load(t.leaderResidentId) : null;
  }

  @FieldResolver(() => Int, { description: 'Targets on the register the team looks after.' })
  targetCount(@Ctx() ctx: RequestContext, @Root() t: CareTeam): Promise<number> {
    return countBy(ctx, CareTarget, 'teamId', { endedOn: null }, 'active').load(t.id);
  }
}
