import { Arg, Args, Ctx, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { ConnectionType, PageArgs, toPage, type ConnectionResult } from '../graphql/connection';
import { fromGlobalId, fromOptionalGlobalId } from '../graphql/global-id';
import { byId } from '../graphql/loaders';
import type { RequestContext } from '../server/context';
import { Building } from './building.entity';
import { BuildingUnit } from './building-unit.entity';
import * as buildings from './building.service';
import { Grid } from './grid.entity';
import { MicroGrid } from './micro-grid.entity';
import {
  BuildingFilter,
  BuildingUnitFilter,
  CreateBuildingInput,
  CreateBuildingUnitInput,
  CreateMicroGridInput,
  MicroGridFilter,
  UpdateBuildingInput,
  UpdateBuildingUnitInput,
  UpdateMicroGridInput,
} from './territory.inputs';

@ObjectType({ description: 'A page of micro-grids.' })
export class MicroGridConnection extends ConnectionType(MicroGrid, 'MicroGrid') {}

@ObjectType({ description: 'A page of buildings.' })
export class BuildingConnection extends ConnectionType(Building, 'Building') {}

@ObjectType({ description: 'A page of building units.' })
export class BuildingUnitConnection extends ConnectionType(BuildingUnit, 'BuildingUnit') {}

/** Only the fields a client sent: undefined means "leave as is", null means "clear". */
function given<T extends object>(input: T): Partial<T> {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as Partial<T>;
}

@Resolver()
export class BuildingResolver {
  @Query(() => MicroGridConnection, { description: 'Micro-grids of your jurisdiction.' })
  microGrids(
    @Ctx() ctx: RequestContext,
    @Args() page: PageArgs,
    @Arg('filter', () => MicroGridFilter, { nullable: true, description: 'Narrows the list.' })
    filter?: MicroGridFilter | null,
  ): Promise<ConnectionResult<MicroGrid>> {
    return buildings.listMicroGrids(
      ctx,
      {
        gridId: fromOptionalGlobalId(filter?.gridId, 'Grid', 'filter.gridId'),
        communityId: fromOptionalGlobalId(filter?.communityId, 'Community', 'filter.communityId'),
        nameContains: filter?.nameContains,
      },
      toPage(page),
    );
  }

  @Query(() => BuildingConnection, { description: 'Buildings of your jurisdiction.' })
  buildings(
    @Ctx() ctx: RequestContext,
    @Args() page: PageArgs,
    @Arg('filter', () => BuildingFilter, { nullable: true, description: 'Narrows the list.' })
    filter?: BuildingFilter | null,
  ): Promise<ConnectionResult<Building>> {
    return buildings.listBuildings(
      ctx,
      {
        gridId: fromOptionalGlobalId(filter?.gridId, 'Grid', 'filter.gridId'),
        microGridId: fromOptionalGlobalId(filter?.microGridId, 'MicroGrid', 'filter.microGridId'),
        communityId: fromOptionalGlobalId(filter?.communityId, 'Community', 'filter.communityId'),
        nameContains: filter?.nameContains,
        residential: filter?.residential,
      },
      toPage(page),
    );
  }

  @Query(() => BuildingUnitConnection, { description: 'Building units of your jurisdiction.' })
  buildingUnits(
    @Ctx() ctx: RequestContext,
    @Args() page: PageArgs,
    @Arg('filter', () => BuildingUnitFilter, { nullable: true, description: 'Narrows the list.' })
    filter?: BuildingUnitFilter | null,
  ): Promise<ConnectionResult<BuildingUnit>> {
    return buildings.listBuildingUnits(
      ctx,
      {
        buildingId: fromOptionalGlobalId(filter?.buildingId, 'Building', 'filter.buildingId'),
        gridId: fromOptionalGlobalId(filter?.gridId, 'Grid', 'filter.gridId'),
      },
      toPage(page),
    );
  }

  @Mutation(() => MicroGrid, { description: 'Create a micro-grid in a grid in use (administrators).' })
  createMicroGrid(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => CreateMicroGridInput, { description: 'What to create.' }) input: CreateMicroGridInput,
  ): Promise<MicroGrid> {
    return buildings.createMicroGrid(ctx, {
      ...input,
      gridId: fromGlobalId(input.gridId, 'Grid', 'input.gridId'),
    });
  }

  @Mutation(() => MicroGrid, { description: 'Change a micro-grid’s code or name (administrators).' })
  updateMicroGrid(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID, { description: 'The micro-grid.' }) id: string,
    @Arg('input', () => UpdateMicroGridInput, { description: 'What to change.' }) input: UpdateMicroGridInput,
  ): Promise<MicroGrid> {
    return buildings.updateMicroGrid(ctx, fromGlobalId(id, 'MicroGrid'), given(input) as never);
  }

  @Mutation(() => Building, {
    description: 'Create a building in a grid in use, optionally in one of its micro-grids (administrators).',
  })
  createBuilding(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => CreateBuildingInput, { description: 'What to create.' }) input: CreateBuildingInput,
  ): Promise<Building> {
    return buildings.createBuilding(ctx, {
      ...input,
      gridId: fromGlobalId(input.gridId, 'Grid', 'input.gridId'),
      microGridId: fromOptionalGlobalId(input.microGridId, 'MicroGrid', 'input.microGridId'),
    });
  }

  @Mutation(() => Building, {
    description: 'Change a building, or move it to another micro-grid of its grid (administrators).',
  })
  updateBuilding(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID, { description: 'The building.' }) id: string,
    @Arg('input', () => UpdateBuildingInput, { description: 'What to change.' }) input: UpdateBuildingInput,
  ): Promise<Building> {
    const patch = given(input);
    if (patch.microGridId)
      patch.microGridId = fromGlobalId(patch.microGridId, 'MicroGrid', 'input.microGridId');
    return buildings.updateBuilding(ctx, fromGlobalId(id, 'Building'), patch);
  }

  @Mutation(() => BuildingUnit, { description: 'Create a unit (entrance) of a building (administrators).' })
  createBuildingUnit(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => CreateBuildingUnitInput, { description: 'What to create.' })
    input: CreateBuildingUnitInput,
  ): Promise<BuildingUnit> {
    return buildings.createBuildingUnit(ctx, {
      ...input,
      buildingId: fromGlobalId(input.buildingId, 'Building', 'input.buildingId'),
    });
  }

  @Mutation(() => BuildingUnit, { description: 'Rename a building unit (administrators).' })
  updateBuildingUnit(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID, { description: 'The unit.' }) id: string,
    @Arg('input', () => UpdateBuildingUnitInput, { description: 'What to change.' })
    input: UpdateBuildingUnitInput,
  ): Promise<BuildingUnit> {
    return buildings.updateBuildingUnit(ctx, fromGlobalId(id, 'BuildingUnit'), given(input) as never);
  }
}

@Resolver(() => MicroGrid)
export class MicroGridFieldResolver {
  @FieldResolver(() => Grid, { description: 'The grid this micro-grid is part of.' })
  async grid(@Ctx() ctx: RequestContext, @Root() m: MicroGrid): Promise<Grid> {
    return (await byId(ctx, Grid).load(m.gridId!))!;
  }

  @FieldResolver(() => BuildingConnection, { description: 'Buildings of this micro-grid.' })
  buildings(
    @Ctx() ctx: RequestContext,
    @Root() m: MicroGrid,
    @Args() page: PageArgs,
  ): Promise<ConnectionResult<Building>> {
    return buildings.buildingsOf(ctx, 'microGridId', m.id, toPage(page));
  }
}

@Resolver(() => Building)
export class BuildingFieldResolver {
  @FieldResolver(() => Grid, { description: 'The grid the building is in.' })
  async grid(@Ctx() ctx: RequestContext, @Root() b: Building): Promise<Grid> {
    return (await byId(ctx, Grid).load(b.gridId!))!;
  }

  @FieldResolver(() => MicroGrid, {
    nullable: true,
    description: 'The micro-grid the building belongs to, if any.',
  })
  async microGrid(@Ctx() ctx: RequestContext, @Root() b: Building): Promise<MicroGrid | null> {
    return b.microGridId ? byId(ctx, MicroGrid).load(b.microGridId) : null;
  }

  @FieldResolver(() => BuildingUnitConnection, { description: 'Units (entrances) of this building.' })
  units(
    @Ctx() ctx: RequestContext,
    @Root() b: Building,
    @Args() page: PageArgs,
  ): Promise<ConnectionResult<BuildingUnit>> {
    return buildings.unitsOf(ctx, b.id, toPage(page));
  }
}

@Resolver(() => BuildingUnit)
export class BuildingUnitFieldResolver {
  @FieldResolver(() => Building, { description: 'The building of this unit.' })
  async building(@Ctx() ctx: RequestContext, @Root() u: BuildingUnit): Promise<Building> {
    return (await byId(ctx, Building).load(u.buildingId))!;
  }

  @FieldResolver(() => Grid, { description: 'The grid the unit is in.' })
  async grid(@Ctx() ctx: RequestContext, @Root() u: BuildingUnit): Promise<Grid> {
    return (await byId(ctx, Grid).load(u.gridId!))!;
  }
}
