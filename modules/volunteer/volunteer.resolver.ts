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
import { Household, Resident } from '../../src/people';
import {
  byId,
  ConnectionType,
  countBy,
  fromGlobalId,
  decodeIds,
  fromOptionalGlobalId,
  PageArgs,
  toPage,
  type ConnectionResult,
  type RequestContext,
} from '../../src/modules';
import { VolunteerMember, VolunteerPairing, VolunteerTeam } from './volunteer.entities';
import {
  CreateVolunteerPairingInput,
  CreateVolunteerTeamInput,
  EndVolunteerMembershipInput,
  EndVolunteerPairingInput,
  RegisterVolunteerInput,
  VolunteerMemberFilter,
  VolunteerPairingFilter,
  VolunteerTeamFilter,
} from './volunteer.inputs';
import * as service from './volunteer.service';

@ObjectType({ description: 'A page of volunteer teams.' })
export class VolunteerTeamConnection extends ConnectionType(VolunteerTeam, 'VolunteerTeam') {}

@ObjectType({ description: 'A page of volunteers.' })
export class VolunteerMemberConnection extends ConnectionType(VolunteerMember, 'VolunteerMember') {}

@ObjectType({ description: 'A page of volunteer pairings.' })
export class VolunteerPairingConnection extends ConnectionType(VolunteerPairing, 'VolunteerPairing') {}

@Resolver()
export class VolunteerResolver {
  @Query(() => VolunteerTeamConnection, { description: 'Volunteer teams of your jurisdiction.' })
  volunteerTeams(
    @Ctx() ctx: RequestContext,
    @Args() page: PageArgs,
    @Arg('filter', () => VolunteerTeamFilter, { nullable: true }) filter?: VolunteerTeamFilter | null,
  ): Promise<ConnectionResult<VolunteerTeam>> {
    return service.listTeams(ctx, decodeIds(filter, { gridId: 'Grid' }, 'filter'), toPage(page));
  }

  @Query(() => VolunteerMemberConnection, { description: 'Volunteers of your jurisdiction.' })
  volunteerMembers(
    @Ctx() ctx: RequestContext,
    @Args() page: PageArgs,
    @Arg('filter', () => VolunteerMemberFilter, { nullable: true }) filter?: VolunteerMemberFilter | null,
  ): Promise<ConnectionResult<VolunteerMember>> {
    return service.listMembers(
      ctx,
      decodeIds(filter, { gridId: 'Grid', teamId: 'VolunteerTeam' }, 'filter'),
      toPage(page),
    );
  }

  @Query(() => VolunteerPairingConnection, {
    description: 'Volunteer–household pairings of your jurisdiction.',
  })
  volunteerPairings(
    @Ctx() ctx: RequestContext,
    @Args() page: PageArgs,
    @Arg('filter', () => VolunteerPairingFilter, { nullable: true }) filter?: VolunteerPairingFilter | null,
  ): Promise<ConnectionResult<VolunteerPairing>> {
    return service.listPairings(
      ctx,
      decodeIds(filter, { gridId: 'Grid', memberId: 'VolunteerMember', householdId: 'Household' }, 'filter'),
      toPage(page),
    );
  }

  @Mutation(() => VolunteerTeam, { description: 'Create a volunteer team on a grid.' })
  createVolunteerTeam(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => CreateVolunteerTeamInput) input: CreateVolunteerTeamInput,
  ): Promise<VolunteerTeam> {
    return service.createTeam(ctx, { ...input, gridId: fromGlobalId(input.gridId, 'Grid', 'input.gridId') });
  }

  @Mutation(() => VolunteerMember, { description: 'Register a volunteer on a grid.' })
  registerVolunteer(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => RegisterVolunteerInput) input: RegisterVolunteerInput,
  ): Promise<VolunteerMember> {
    return service.registerVolunteer(ctx, {
      gridId: fromGlobalId(input.gridId, 'Grid', 'input.gridId'),
      teamId: fromOptionalGlobalId(input.teamId, 'VolunteerTeam', 'input.teamId'),
      residentId: fromOptionalGlobalId(input.residentId, 'Resident', 'input.residentId'),
      name: input.name,
      skills: input.skills ?? undefined,
      joinedOn: input.joinedOn,
    });
  }

  @Mutation(() => VolunteerMember, { description: 'Record that a volunteer stopped volunteering.' })
  endVolunteerMembership(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => EndVolunteerMembershipInput) input: EndVolunteerMembershipInput,
  ): Promise<VolunteerMember> {
    return service.endMembership(ctx, {
      memberId: fromGlobalId(input.memberId, 'VolunteerMember', 'input.memberId'),
      leftOn: input.leftOn,
    });
  }

  @Mutation(() => VolunteerPairing, {
    description: 'Pair a volunteer with a household of the grid (结对子).',
  })
  createVolunteerPairing(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => CreateVolunteerPairingInput) input: CreateVolunteerPairingInput,
  ): Promise<VolunteerPairing> {
    return service.createPairing(ctx, {
      memberId: fromGlobalId(input.memberId, 'VolunteerMember', 'input.memberId'),
      householdId: fromGlobalId(input.householdId, 'Household', 'input.householdId'),
      startedOn: input.startedOn,
      note: input.note,
    });
  }

  @Mutation(() => VolunteerPairing, { description: 'End a volunteer pairing.' })
  endVolunteerPairing(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => EndVolunteerPairingInput) input: EndVolunteerPairingInput,
  ): Promise<VolunteerPairing> {
    return service.endPairing(ctx, {
      pairingId: fromGlobalId(input.pairingId, 'VolunteerPairing', 'input.pairingId'),
      endedOn: input.endedOn,
      reason: input.reason,
    });
  }
}

@Resolver(() => VolunteerTeam)
export class VolunteerTeamFieldResolver {
  @FieldResolver(() => Int, { description: 'Volunteers of the team who have not left.' })
  memberCount(@Ctx() ctx: RequestContext, @Root() team: VolunteerTeam): Promise<number> {
    return countBy(ctx, VolunteerMember, 'teamId', { leftOn: null }, 'active').load(team.id);
  }
}

@Resolver(() => VolunteerMember)
export class VolunteerMemberFieldResolver {
  @FieldResolver(() => VolunteerTeam, { nullable: true, description: 'Their team.' })
  async team(@Ctx() ctx: RequestContext, @Root() m: VolunteerMember): Promise<VolunteerTeam | null> {
    return m.teamId ? byId(ctx, VolunteerTeam).load(m.teamId) : null;
  }

  @FieldResolver(() => Resident, {
    nullable: true,
    description: 'The resident record, when they live on the grid.',
  })
  async resident(@Ctx() ctx: RequestContext, @Root() m: VolunteerMember): Promise<Resident | null> {
    return m.residentId ? byId(ctx, Resident).load(m.residentId) : null;
  }
}

@Resolver(() => VolunteerPairing)
export class VolunteerPairingFieldResolver {
  @FieldResolver(() => VolunteerMember, { description: 'The volunteer.' })
  async member(@Ctx() ctx: RequestContext, @Root() p: VolunteerPairing): Promise<VolunteerMember> {
    return (await byId(ctx, VolunteerMember).load(p.memberId))!;
  }

  @FieldResolver(() => Household, { description: 'The household.' })
  async household(@Ctx() ctx: RequestContext, @Root() p: VolunteerPairing): Promise<Household> {
    return (await byId(ctx, Household).load(p.householdId))!;
  }
}
