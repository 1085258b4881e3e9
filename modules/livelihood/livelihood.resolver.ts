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
import { LivelihoodPhase, LivelihoodProject } from './livelihood.entities';
import {
  CreateLivelihoodProjectInput,
  LivelihoodProjectFilter,
  LivelihoodScopeItemInput,
  UpdateLivelihoodProjectInput,
} from './livelihood.inputs';
import * as service from './livelihood.service';

@ObjectType({ description: 'A page of renovation projects.' })
export class LivelihoodProjectConnection extends ConnectionType(LivelihoodProject, 'LivelihoodProject') {}

@ObjectType('LivelihoodPhaseStep', { description: 'One phase change of a renovation project.' })
export class LivelihoodPhaseStep {
  @Field(() => LivelihoodPhase, { description: 'The phase it entered.' })
  phase!: LivelihoodPhase;

  @Field(() => Date, { description: 'When.' })
  at!: Date;

  @Field(() => String, { description: 'What was done or decided.' })
  note!: string;

  @Field(() => String, { nullable: true, description: 'Why it went back, for a revert.' })
  reason?: string | null;

  @Field(() => Boolean, { description: 'Whether it went back to an earlier phase.' })
  reverted!: boolean;
}

const scope = (items: LivelihoodScopeItemInput[]) =>
  items.map((i) => ({ item: i.item, quantity: i.quantity, note: i.note }));
const buildings = (ids: string[] | null | undefined) =>
  ids?.map((id, i) => fromGlobalId(id, 'Building', `input.buildingIds.${i}`));

@Resolver()
export class LivelihoodResolver {
  @Query(() => LivelihoodProjectConnection, { description: 'Renovation projects of your jurisdiction.' })
  livelihoodProjects(
    @Ctx() ctx: RequestContext,
    @Args() page: PageArgs,
    @Arg('filter', () => LivelihoodProjectFilter, { nullable: true }) filter?: LivelihoodProjectFilter | null,
  ): Promise<ConnectionResult<LivelihoodProject>> {
    const gridId = fromOptionalGlobalId(filter?.gridId, 'Grid', 'filter.gridId');
    return listFiltered(ctx, LivelihoodProject, { ...filter, gridId }, toPage(page));
  }

  @Mutation(() => LivelihoodProject, {
    description:
      'Register a renovation project; move it through its phases with recordLivelihoodPhaseChange and consult residents with recordLivelihoodConsultation.',
  })
  createLivelihoodProject(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => CreateLivelihoodProjectInput) input: CreateLivelihoodProjectInput,
  ): Promise<LivelihoodProject> {
    return service.createProject(ctx, {
      gridId: fromGlobalId(input.gridId, 'Grid', 'input.gridId'),
      name: input.name,
      summary: input.summary,
      scope: scope(input.scope),
      buildingIds: buildings(input.buildingIds),
      phase: input.phase,
      startedOn: input.startedOn,
    });
  }

  @Mutation(() => LivelihoodProject, {
    description: "Edit a renovation project's name, summary, scope or buildings.",
  })
  updateLivelihoodProject(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => UpdateLivelihoodProjectInput) input: UpdateLivelihoodProjectInput,
  ): Promise<LivelihoodProject> {
    return service.updateProject(ctx, {
      id: fromGlobalId(input.id, 'LivelihoodProject', 'input.id'),
      name: input.name,
      summary: input.summary,
      scope: input.scope ? scope(input.scope) : input.scope,
      buildingIds: buildings(input.buildingIds),
    });
  }
}

@Resolver(() => LivelihoodProject)
export class LivelihoodProjectFieldResolver {
  @FieldResolver(() => [Building], {
    description: 'Buildings it covers; empty when it covers the whole compound.',
  })
  async buildings(@Ctx() ctx: RequestContext, @Root() p: LivelihoodProject): Promise<Building[]> {
    const rows = await byId(ctx, Building).loadMany(p.buildingIds);
    return rows.filter((b): b is Building => !!b && !(b instanceof Error));
  }

  @FieldResolver(() => [LivelihoodPhaseStep], { description: 'Its phase changes, oldest first.' })
  phaseHistory(@Ctx() ctx: RequestContext, @Root() p: LivelihoodProject): Promise<LivelihoodPhaseStep[]> {
    return service.phaseHistory(ctx, p);
  }
}
