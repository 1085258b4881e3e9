import { Arg, Args, Ctx, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { ConnectionType, PageArgs, toPage, type ConnectionResult } from '../graphql/connection';
import { fromGlobalId, fromOptionalGlobalId } from '../graphql/global-id';
import { byId } from '../graphql/loaders';
import { requireViewer } from '../auth/viewer';
import type { RequestContext } from '../server/context';
import { Community } from './community.entity';
import { Grid } from './grid.entity';
import { Street } from './street.entity';
import {
  CommunityFilter,
  CreateCommunityInput,
  CreateGridInput,
  CreateStreetInput,
  GridFilter,
  UpdateCommunityInput,
  UpdateGridInput,
  UpdateStreetInput,
} from './territory.inputs';
import * as territory from './territory.service';
import { Building } from './building.entity';
import { BuildingConnection, MicroGridConnection } from './building.resolver';
import { buildingsOf, microGridsOf } from './building.service';
import { GridLineageKind } from './grid-lineage.entity';
import { MicroGrid } from './micro-grid.entity';
import { lineageEdges, visibleGrids } from './territory.loaders';

@ObjectType({ description: 'A page of streets.' })
export class StreetConnection extends ConnectionType(Street, 'Street') {}

@ObjectType({ description: 'A page of communities.' })
export class CommunityConnection extends ConnectionType(Community, 'Community') {}

@ObjectType({ description: 'A page of grids.' })
export class GridConnection extends ConnectionType(Grid, 'Grid') {}

@Resolver()
export class TerritoryResolver {
  @Query(() => StreetConnection, { description: 'Streets of your jurisdiction.' })
  streets(@Ctx() ctx: RequestContext, @Args() page: PageArgs): Promise<ConnectionResult<Street>> {
    return territory.listStreets(ctx, toPage(page));
  }

  @Query(() => CommunityConnection, { description: 'Communities of your jurisdiction.' })
  communities(
    @Ctx() ctx: RequestContext,
    @Args() page: PageArgs,
    @Arg('filter', () => CommunityFilter, { nullable: true, description: 'Narrows the list.' })
    filter?: CommunityFilter | null,
  ): Promise<ConnectionResult<Community>> {
    return territory.listCommunities(
      ctx,
      {
        streetId: fromOptionalGlobalId(filter?.streetId, 'Street', 'filter.streetId'),
        nameContains: filter?.nameContains ?? undefined,
      },
      toPage(page),
    );
  }

  @Query(() => GridConnection, { description: 'Grids of your jurisdiction.' })
  grids(
    @Ctx() ctx: RequestContext,
    @Args() page: PageArgs,
    @Arg('filter', () => GridFilter, { nullable: true, description: 'Narrows the list.' })
    filter?: GridFilter | null,
  ): Promise<ConnectionResult<Grid>> {
    return territory.listGrids(
      ctx,
      {
        communityId: fromOptionalGlobalId(filter?.communityId, 'Community', 'filter.communityId'),
        streetId: fromOptionalGlobalId(filter?.streetId, 'Street', 'filter.streetId'),
        status: filter?.status,
        theme: filter?.theme,
        nameContains: filter?.nameContains ?? undefined,
      },
      toPage(page),
    );
  }

  @Mutation(() => Street, { description: 'Create a street (platform administrators).' })
  createStreet(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => CreateStreetInput, { description: 'What to create.' }) input: CreateStreetInput,
  ): Promise<Street> {
    return territory.createStreet(ctx, input);
  }

  @Mutation(() => Street, {
    description: 'Rename a street (its administrators and platform administrators).',
  })
  updateStreet(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID, { description: 'The street.' }) id: string,
    @Arg('input', () => UpdateStreetInput, { description: 'What to change.' }) input: UpdateStreetInput,
  ): Promise<Street> {
    return territory.updateStreet(ctx, fromGlobalId(id, 'Street'), { name: input.name ?? undefined });
  }

  @Mutation(() => Community, { description: 'Create a community (street administrators and above).' })
  createCommunity(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => CreateCommunityInput, { description: 'What to create.' }) input: CreateCommunityInput,
  ): Promise<Community> {
    return territory.createCommunity(ctx, {
      ...input,
      streetId: fromGlobalId(input.streetId, 'Street', 'input.streetId'),
    });
  }

  @Mutation(() => Community, { description: 'Rename a community (community administrators and above).' })
  updateCommunity(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID, { description: 'The community.' }) id: string,
    @Arg('input', () => UpdateCommunityInput, { description: 'What to change.' }) input: UpdateCommunityInput,
  ): Promise<Community> {
    return territory.updateCommunity(ctx, fromGlobalId(id, 'Community'), { name: input.name ?? undefined });
  }

  @Mutation(() => Grid, { description: 'Create a grid (community administrators and above).' })
  createGrid(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => CreateGridInput, { description: 'What to create.' }) input: CreateGridInput,
  ): Promise<Grid> {
    return territory.createGrid(ctx, {
      ...input,
      communityId: fromGlobalId(input.communityId, 'Community', 'input.communityId'),
    });
  }

  @Mutation(() => Grid, { description: 'Change a grid (community administrators and above).' })
  updateGrid(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID, { description: 'The grid.' }) id: string,
    @Arg('input', () => UpdateGridInput, { description: 'What to change.' }) input: UpdateGridInput,
  ): Promise<Grid> {
    const patch = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
    return territory.updateGrid(ctx, fromGlobalId(id, 'Grid'), patch);
  }
}

@Resolver(() => Street)
export class StreetFieldResolver {
  @FieldResolver(() => CommunityConnection, {
    description: 'Communities of this street (within your jurisdiction).',
  })
  communities(
    @Ctx() ctx: RequestContext,
    @Root() street: Street,
    @Args() page: PageArgs,
  ): Promise<ConnectionResult<Community>> {
    return territory.communitiesOf(ctx, street.id, toPage(page));
  }
}

@Resolver(() => Community)
export class CommunityFieldResolver {
  @FieldResolver(() => Street, { description: 'The street of this community.' })
  async street(@Ctx() ctx: RequestContext, @Root() c: Community): Promise<Street> {
    return (await byId(ctx, Street).load(c.streetId))!;
  }

  @FieldResolver(() => GridConnection, { description: 'Grids of this community (within your jurisdiction).' })
  grids(
    @Ctx() ctx: RequestContext,
    @Root() c: Community,
    @Args() page: PageArgs,
    @Arg('filter', () => GridFilter, { nullable: true, description: 'Narrows the list.' })
    filter?: GridFilter | null,
  ): Promise<ConnectionResult<Grid>> {
    return territory.gridsOf(
      ctx,
      c.id,
      { status: filter?.status, theme: filter?.theme, nameContains: filter?.nameContains },
      toPage(page),
    );
  }
}

@Resolver(() => Grid)
export class GridFieldResolver {
  @FieldResolver(() => Community, { description: 'The community of this grid.' })
  async community(@Ctx() ctx: RequestContext, @Root() g: Grid): Promise<Community> {
    return (await byId(ctx, Community).load(g.communityId))!;
  }

  @FieldResolver(() => Street, { description: 'The street of this grid.' })
  async street(@Ctx() ctx: RequestContext, @Root() g: Grid): Promise<Street> {
    return (await byId(ctx, Street).load(g.streetId))!;
  }

  @FieldResolver(() => MicroGridConnection, { description: 'Micro-grids of this grid.' })
  microGrids(
    @Ctx() ctx: RequestContext,
    @Root() g: Grid,
    @Args() page: PageArgs,
  ): Promise<ConnectionResult<MicroGrid>> {
    return microGridsOf(ctx, g.id, toPage(page));
  }

  @FieldResolver(() => BuildingConnection, { description: 'Buildings of this grid.' })
  buildings(
    @Ctx() ctx: RequestContext,
    @Root() g: Grid,
    @Args() page: PageArgs,
  ): Promise<ConnectionResult<Building>> {
    return buildingsOf(ctx, 'gridId', g.id, toPage(page));
  }

  @FieldResolver(() => [Grid], {
    description:
      'Grids this grid was split from or merged from (re-gridding lineage), within your jurisdiction; empty for an original grid.',
  })
  async predecessors(@Ctx() ctx: RequestContext, @Root() g: Grid): Promise<Grid[]> {
    const edges = await lineageEdges(ctx, 'successorId').load(g.id);
    return this.visible(
      ctx,
      edges.map((e) => e.predecessorId),
    );
  }

  @FieldResolver(() => [Grid], {
    description: 'Grids that took over this retired grid (re-gridding lineage), within your jurisdiction.',
  })
  async successors(@Ctx() ctx: RequestContext, @Root() g: Grid): Promise<Grid[]> {
    const edges = await lineageEdges(ctx, 'predecessorId').load(g.id);
    return this.visible(
      ctx,
      edges.map((e) => e.successorId),
    );
  }

  @FieldResolver(() => GridLineageKind, {
    nullable: true,
    description: 'Whether a split or a merge retired this grid; null while it is in use.',
  })
  async retiredBy(@Ctx() ctx: RequestContext, @Root() g: Grid): Promise<GridLineageKind | null> {
    const edges = await lineageEdges(ctx, 'predecessorId').load(g.id);
    return edges[0]?.kind ?? null;
  }

  private async visible(ctx: RequestContext, ids: string[]): Promise<Grid[]> {
    const v = requireViewer(ctx.viewer);
    const grids = await visibleGrids(ctx, territory.gridWhere(v.jurisdiction)).loadMany(ids);
    return grids.filter((x): x is Grid => !!x && !(x instanceof Error));
  }
}
