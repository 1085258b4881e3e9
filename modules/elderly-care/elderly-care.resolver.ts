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
  asCalendarDate,
  byId,
  ConnectionType,
  fromGlobalId,
  decodeIds,
  fromOptionalGlobalId,
  localDateOf,
  PageArgs,
  toPage,
  type ConnectionResult,
  type RequestContext,
} from '../../src/modules';
import { ElderlyCarePairing, ElderlyCareProfile } from './elderly-care.entities';
import {
  CreateElderlyCarePairingInput,
  ElderlyCarePairingFilter,
  ElderlyCareProfileFilter,
  EndElderlyCarePairingInput,
  EndElderlyCareProfileInput,
  RegisterElderlyCareProfileInput,
  UpdateElderlyCareProfileInput,
} from './elderly-care.inputs';
import * as service from './elderly-care.service';

@ObjectType({ description: 'A page of elderly profiles.' })
export class ElderlyCareProfileConnection extends ConnectionType(ElderlyCareProfile, 'ElderlyCareProfile') {}

@ObjectType({ description: 'A page of helper pairings.' })
export class ElderlyCarePairingConnection extends ConnectionType(ElderlyCarePairing, 'ElderlyCarePairing') {}

@Resolver()
export class ElderlyCareResolver {
  @Query(() => ElderlyCareProfileConnection, { description: 'Elderly profiles of your jurisdiction.' })
  elderlyCareProfiles(
    @Ctx() ctx: RequestContext,
    @Args() page: PageArgs,
    @Arg('filter', () => ElderlyCareProfileFilter, { nullable: true })
    filter?: ElderlyCareProfileFilter | null,
  ): Promise<ConnectionResult<ElderlyCareProfile>> {
    return service.listProfiles(ctx, decodeIds(filter, { gridId: 'Grid' }, 'filter'), toPage(page));
  }

  @Query(() => ElderlyCarePairingConnection, { description: 'Helper pairings of your jurisdiction.' })
  elderlyCarePairings(
    @Ctx() ctx: RequestContext,
    @Args() page: PageArgs,
    @Arg('filter', () => ElderlyCarePairingFilter, { nullable: true })
    filter?: ElderlyCarePairingFilter | null,
  ): Promise<ConnectionResult<ElderlyCarePairing>> {
    return service.listPairings(
      ctx,
      decodeIds(filter, { gridId: 'Grid', profileId: 'ElderlyCareProfile' }, 'filter'),
      toPage(page),
    );
  }

  @Mutation(() => ElderlyCareProfile, {
    description: 'Register an elderly resident (or reopen their profile).',
  })
  registerElderlyCareProfile(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => RegisterElderlyCareProfileInput) input: RegisterElderlyCareProfileInput,
  ): Promise<ElderlyCareProfile> {
    return service.registerProfile(ctx, {
      residentId: fromGlobalId(input.residentId, 'Resident', 'input.residentId'),
      living: input.living,
      needsCare: input.needsCare ?? undefined,
      careNeeds: input.careNeeds,
      registeredOn: input.registeredOn,
    });
  }

  @Mutation(() => ElderlyCareProfile, { description: 'Change an elderly profile.' })
  updateElderlyCareProfile(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => UpdateElderlyCareProfileInput) input: UpdateElderlyCareProfileInput,
  ): Promise<ElderlyCareProfile> {
    return service.updateProfile(ctx, {
      ...input,
      id: fromGlobalId(input.id, 'ElderlyCareProfile', 'input.id'),
    });
  }

  @Mutation(() => ElderlyCareProfile, { description: 'Close an elderly profile; its pairings end too.' })
  endElderlyCareProfile(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => EndElderlyCareProfileInput) input: EndElderlyCareProfileInput,
  ): Promise<ElderlyCareProfile> {
    return service.endProfile(ctx, {
      ...input,
      id: fromGlobalId(input.id, 'ElderlyCareProfile', 'input.id'),
    });
  }

  @Mutation(() => ElderlyCarePairing, { description: 'Pair a helper with an elderly person (结对帮扶).' })
  createElderlyCarePairing(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => CreateElderlyCarePairingInput) input: CreateElderlyCarePairingInput,
  ): Promise<ElderlyCarePairing> {
    return service.createPairing(ctx, {
      ...input,
      profileId: fromGlobalId(input.profileId, 'ElderlyCareProfile', 'input.profileId'),
      helperResidentId: fromOptionalGlobalId(input.helperResidentId, 'Resident', 'input.helperResidentId'),
    });
  }

  @Mutation(() => ElderlyCarePairing, { description: 'End a helper pairing.' })
  endElderlyCarePairing(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => EndElderlyCarePairingInput) input: EndElderlyCarePairingInput,
  ): Promise<ElderlyCarePairing> {
    return service.endPairing(ctx, {
      ...input,
      id: fromGlobalId(input.id, 'ElderlyCarePairing', 'input.id'),
    });
  }
}

@Resolver(() => ElderlyCareProfile)
export class ElderlyCareProfileFieldResolver {
  @FieldResolver(() => Resident, { description: 'The resident.' })
  async resident(@Ctx() ctx: RequestContext, @Root() p: ElderlyCareProfile): Promise<Resident> {
    return (await byId(ctx, Resident).load(p.residentId))!;
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description: 'Age today; null when the birth date is not known.',
  })
  async age(@Ctx() ctx: RequestContext, @Root() p: ElderlyCareProfile): Promise<number | null> {
    const r = await byId(ctx, Resident).load(p.residentId);
    return r?.birthDate ? service.ageOn(asCalendarDate(r.birthDate), localDateOf(ctx.app.clock.now())) : null;
  }

  @FieldResolver(() => Date, { nullable: true, description: 'When they were last visited at home.' })
  lastVisitAt(@Ctx() ctx: RequestContext, @Root() p: ElderlyCareProfile): Promise<Date | null> {
    return service.lastVisitLoader(ctx).load(p.id);
  }

  @FieldResolver(() => GraphQLLocalDate, {
    nullable: true,
    description: "Next visit due by, under the grid's visit interval; null for closed profiles.",
  })
  async visitDueOn(@Ctx() ctx: RequestContext, @Root() p: ElderlyCareProfile): Promise<string | null> {
    return p.endedOn ? null : service.visitDueOn(ctx, p);
  }

  @FieldResolver(() => Boolean, { description: "Active and not visited within the grid's visit interval." })
  async visitOverdue(@Ctx() ctx: RequestContext, @Root() p: ElderlyCareProfile): Promise<boolean> {
    return !p.endedOn && (await service.visitDueOn(ctx, p)) < localDateOf(ctx.app.clock.now());
  }

  @FieldResolver(() => [ElderlyCarePairing], { description: 'Active helper pairings.' })
  pairings(@Ctx() ctx: RequestContext, @Root() p: ElderlyCareProfile): Promise<ElderlyCarePairing[]> {
    return service.activePairingsLoader(ctx).load(p.id);
  }
}

@Resolver(() => ElderlyCarePairing)
export class ElderlyCarePairingFieldResolver {
  @FieldResolver(() => ElderlyCareProfile, { description: 'The elderly person.' })
  async profile(@Ctx() ctx: RequestContext, @Root() p: ElderlyCarePairing): Promise<ElderlyCareProfile> {
    return (await byId(ctx, ElderlyCareProfile).load(p.profileId))!;
  }

  @FieldResolver(() => Resident, { nullable: true, description: 'The helper, when they live on the grid.' })
  async helperResident(@Ctx() ctx: RequestContext, @Root() p: ElderlyCarePairing): Promise<Resident | null> {
    return p.helperResidentId ? byId(ctx, Resident).load(p.helperResidentId) : null;
  }
}
