import { Arg, Args, Ctx, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { ConnectionType, PageArgs, toPage, type ConnectionResult } from '../graphql/connection';
import { fromGlobalId, fromOptionalGlobalId } from '../graphql/global-id';
import { byId } from '../graphql/loaders';
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
  UpdateGridInput,
} from './territory.inputs';
import * as territory from './territory.service';

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
    @Arg('filter', () => CommunityFilter, { nullable: true }) filter?: CommunityFilter | null,
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
    @Arg('filter', () => GridFilter, { nullable: true }) filter?: GridFilter | null,
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
  createStreet(@Ctx() ctx: RequestContext, @Arg('input') input: CreateStreetInput): Promise<Street> {
    return territory.createStreet(ctx, input);
  }

  @Mutation(() => Community, { description: 'Create a community (street administrators and above).' })
  createCommunity(@Ctx() ctx: RequestContext, @Arg('input') input: CreateCommunityInput): Promise<Community> {
    return territory.createCommunity(ctx, {
      ...input,
      streetId: fromGlobalId(input.streetId, 'Street', 'input.streetId'),
    });
  }

  @Mutation(() => Grid, { description: 'Create a grid (community administrators and above).' })
  createGrid(@Ctx() ctx: RequestContext, @Arg('input') input: CreateGridInput): Promise<Grid> {
    return territory.createGrid(ctx, {
      ...input,
      communityId: fromGlobalId(input.communityId, 'Community', 'input.communityId'),
    });
  }

  @Mutation(() => Grid, { description: 'Change a grid (community administrators and above).' })
  updateGrid(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID, { description: 'The grid.' }) id: string,
    @Arg('input') input: UpdateGridInput,
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
    return territory.listCommunities(ctx, { streetId: street.id }, toPage(page));
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
    @Arg('filter', () => GridFilter, { nullable: true }) filter?: GridFilter | null,
  ): Promise<ConnectionResult<Grid>> {
    return territory.listGrids(
      ctx,
      {
        communityId: c.id,
        status: filter?.status,
        theme: filter?.theme,
        nameContains: filter?.nameContains ?? undefined,
      },
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
}
