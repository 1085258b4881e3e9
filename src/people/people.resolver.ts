import {
  Arg,
  Args,
  Ctx,
  FieldResolver,
  ID,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { ConnectionType, PageArgs, toPage, type ConnectionResult } from '../graphql/connection';
import { fromGlobalId, fromOptionalGlobalId } from '../graphql/global-id';
import { countBy } from '../graphql/loaders';
import type { RequestContext } from '../server/context';
import type { EntityClass } from '@mikro-orm/postgresql';
import { Building } from '../territory/building.entity';
import { BuildingUnit } from '../territory/building-unit.entity';
import { Community } from '../territory/community.entity';
import { Grid } from '../territory/grid.entity';
import { communityWhere, gridWhere } from '../territory/territory.service';
import { ageOn } from './dates';
import * as households from './household.service';
import { Household } from './household.entity';
import { maskIdNumber, maskPhone } from './masking';
import * as organizations from './organization.service';
import { Organization } from './organization.entity';
import { scopedById, scopedWhere, today } from './people.access';
import {
  CreateHouseholdInput,
  CreateOrganizationInput,
  CreateResidentInput,
  HouseholdFilter,
  OrganizationFilter,
  ResidentFilter,
  UpdateHouseholdInput,
  UpdateOrganizationInput,
  UpdateResidentInput,
} from './people.inputs';
import * as residents from './resident.service';
import { Resident } from './resident.entity';
import { ResidentTagKind } from './resident-tag.entity';
import { requireViewer } from '../auth/viewer';

@ObjectType({ description: 'A page of households.' })
export class HouseholdConnection extends ConnectionType(Household, 'Household') {}

@ObjectType({ description: 'A page of residents.' })
export class ResidentConnection extends ConnectionType(Resident, 'Resident') {}

@ObjectType({ description: 'A page of organizations.' })
export class OrganizationConnection extends ConnectionType(Organization, 'Organization') {}

/** Only the fields a client gave: omitted stays as it is, null clears. */
function given<T extends object>(input: T): Partial<T> {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as Partial<T>;
}

const optionalId = (id: string | null | undefined, type: string, field: string) =>
  id === null ? null : fromOptionalGlobalId(id, type, field);

/** Counts of a viewer's own rows: the jurisdiction narrows the grouped count. */
function scopedCount<T extends object>(ctx: RequestContext, entity: EntityClass<T>, column: string) {
  const where = scopedWhere<object>(requireViewer(ctx.viewer).jurisdiction) as Record<string, unknown>;
  return countBy(ctx, entity, column, where, JSON.stringify(where));
}

@Resolver()
export class PeopleResolver {
  @Query(() => HouseholdConnection, { description: 'Households of your jurisdiction.' })
  households(
    @Ctx() ctx: RequestContext,
    @Args() page: PageArgs,
    @Arg('filter', () => HouseholdFilter, { nullable: true }) filter?: HouseholdFilter | null,
  ): Promise<ConnectionResult<Household>> {
    return households.listHouseholds(
      ctx,
      {
        gridId: fromOptionalGlobalId(filter?.gridId, 'Grid', 'filter.gridId'),
        communityId: fromOptionalGlobalId(filter?.communityId, 'Community', 'filter.communityId'),
        buildingId: fromOptionalGlobalId(filter?.buildingId, 'Building', 'filter.buildingId'),
        unitId: fromOptionalGlobalId(filter?.unitId, 'BuildingUnit', 'filter.unitId'),
      },
      toPage(page),
    );
  }

  @Query(() => ResidentConnection, {
    description:
      'Residents of your jurisdiction. Filtering by a sensitive tag is FORBIDDEN unless you may see it.',
  })
  residents(
    @Ctx() ctx: RequestContext,
    @Args() page: PageArgs,
    @Arg('filter', () => ResidentFilter, { nullable: true }) filter?: ResidentFilter | null,
  ): Promise<ConnectionResult<Resident>> {
    return residents.listResidents(
      ctx,
      {
        gridId: fromOptionalGlobalId(filter?.gridId, 'Grid', 'filter.gridId'),
        communityId: fromOptionalGlobalId(filter?.communityId, 'Community', 'filter.communityId'),
        buildingId: fromOptionalGlobalId(filter?.buildingId, 'Building', 'filter.buildingId'),
        householdId: fromOptionalGlobalId(filter?.householdId, 'Household', 'filter.householdId'),
        tags: filter?.tags,
        needsSupport: filter?.needsSupport,
        ageMin: filter?.ageMin,
        ageMax: filter?.ageMax,
        residency: filter?.residency,
        namePrefix: filter?.namePrefix,
      },
      toPage(page),
    );
  }

  @Query(() => OrganizationConnection, {
    description:
      'Organizations of your jurisdiction. Community-level ones (departments, without a grid) are seen ' +
      'from the community up; grid staff see their own grid’s.',
  })
  organizations(
    @Ctx() ctx: RequestContext,
    @Args() page: PageArgs,
    @Arg('filter', () => OrganizationFilter, { nullable: true }) filter?: OrganizationFilter | null,
  ): Promise<ConnectionResult<Organization>> {
    return organizations.listOrganizations(
      ctx,
      {
        kind: filter?.kind,
        gridId: fromOptionalGlobalId(filter?.gridId, 'Grid', 'filter.gridId'),
        communityId: fromOptionalGlobalId(filter?.communityId, 'Community', 'filter.communityId'),
        nameContains: filter?.nameContains,
      },
      toPage(page),
    );
  }

  @Mutation(() => Household, { description: 'Register a household (administrators and grid staff).' })
  createHousehold(@Ctx() ctx: RequestContext, @Arg('input') input: CreateHouseholdInput): Promise<Household> {
    return households.createHousehold(ctx, {
      ...input,
      gridId: fromGlobalId(input.gridId, 'Grid', 'input.gridId'),
      buildingId: fromOptionalGlobalId(input.buildingId, 'Building', 'input.buildingId'),
      unitId: fromOptionalGlobalId(input.unitId, 'BuildingUnit', 'input.unitId'),
    });
  }

  @Mutation(() => Household, { description: 'Change a household (administrators and grid staff).' })
  updateHousehold(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID, { description: 'The household.' }) id: string,
    @Arg('input') input: UpdateHouseholdInput,
  ): Promise<Household> {
    return households.updateHousehold(ctx, fromGlobalId(id, 'Household'), {
      ...given(input),
      ...(input.buildingId !== undefined
        ? { buildingId: optionalId(input.buildingId, 'Building', 'input.buildingId') }
        : {}),
      ...(input.unitId !== undefined
        ? { unitId: optionalId(input.unitId, 'BuildingUnit', 'input.unitId') }
        : {}),
    });
  }

  @Mutation(() => Resident, {
    description: 'Register a resident in a household or a grid (administrators and grid staff).',
  })
  createResident(@Ctx() ctx: RequestContext, @Arg('input') input: CreateResidentInput): Promise<Resident> {
    return residents.createResident(ctx, {
      ...input,
      householdId: fromOptionalGlobalId(input.householdId, 'Household', 'input.householdId'),
      gridId: fromOptionalGlobalId(input.gridId, 'Grid', 'input.gridId'),
      buildingId: fromOptionalGlobalId(input.buildingId, 'Building', 'input.buildingId'),
      unitId: fromOptionalGlobalId(input.unitId, 'BuildingUnit', 'input.unitId'),
    });
  }

  @Mutation(() => Resident, { description: 'Change a resident (administrators and grid staff).' })
  updateResident(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID, { description: 'The resident.' }) id: string,
    @Arg('input') input: UpdateResidentInput,
  ): Promise<Resident> {
    return residents.updateResident(ctx, fromGlobalId(id, 'Resident'), {
      ...given(input),
      ...(input.householdId !== undefined
        ? { householdId: optionalId(input.householdId, 'Household', 'input.householdId') }
        : {}),
      ...(input.buildingId !== undefined
        ? { buildingId: optionalId(input.buildingId, 'Building', 'input.buildingId') }
        : {}),
      ...(input.unitId !== undefined
        ? { unitId: optionalId(input.unitId, 'BuildingUnit', 'input.unitId') }
        : {}),
    });
  }

  @Mutation(() => Resident, {
    description:
      'Replace the tags of a resident. Sensitive tags may be set only by administrators and grid chiefs; ' +
      'when anyone else sets tags, the sensitive tags already there stay as they are.',
  })
  setResidentTags(
    @Ctx() ctx: RequestContext,
    @Arg('residentId', () => ID, { description: 'The resident.' }) residentId: string,
    @Arg('tags', () => [ResidentTagKind], { description: 'The complete list of tags (may be empty).' })
    tags: ResidentTagKind[],
  ): Promise<Resident> {
    return residents.setResidentTags(ctx, fromGlobalId(residentId, 'Resident', 'residentId'), tags);
  }

  @Mutation(() => Organization, {
    description:
      'Register an organization in a grid (administrators and grid staff) or at community level (administrators).',
  })
  createOrganization(
    @Ctx() ctx: RequestContext,
    @Arg('input') input: CreateOrganizationInput,
  ): Promise<Organization> {
    return organizations.createOrganization(ctx, {
      ...input,
      gridId: fromOptionalGlobalId(input.gridId, 'Grid', 'input.gridId'),
      communityId: fromOptionalGlobalId(input.communityId, 'Community', 'input.communityId'),
    });
  }

  @Mutation(() => Organization, { description: 'Change an organization (administrators and grid staff).' })
  updateOrganization(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID, { description: 'The organization.' }) id: string,
    @Arg('input') input: UpdateOrganizationInput,
  ): Promise<Organization> {
    return organizations.updateOrganization(ctx, fromGlobalId(id, 'Organization'), given(input));
  }
}

@Resolver(() => Household)
export class HouseholdFieldResolver {
  @FieldResolver(() => Grid, { nullable: true, description: 'The grid of this household.' })
  grid(@Ctx() ctx: RequestContext, @Root() h: Household): Promise<Grid | null> | null {
    return h.gridId ? scopedById(ctx, Grid, gridWhere).load(h.gridId) : null;
  }

  @FieldResolver(() => Building, { nullable: true, description: 'The building, if recorded.' })
  building(@Ctx() ctx: RequestContext, @Root() h: Household): Promise<Building | null> | null {
    return h.buildingId ? scopedById<Building>(ctx, Building, scopedWhere).load(h.buildingId) : null;
  }

  @FieldResolver(() => BuildingUnit, { nullable: true, description: 'The building unit, if recorded.' })
  unit(@Ctx() ctx: RequestContext, @Root() h: Household): Promise<BuildingUnit | null> | null {
    return h.unitId ? scopedById<BuildingUnit>(ctx, BuildingUnit, scopedWhere).load(h.unitId) : null;
  }

  @FieldResolver(() => ResidentConnection, {
    description: 'Members of this household (within your jurisdiction).',
  })
  residents(
    @Ctx() ctx: RequestContext,
    @Root() h: Household,
    @Args() page: PageArgs,
  ): Promise<ConnectionResult<Resident>> {
    return residents.residentsOfHousehold(ctx, h.id, toPage(page));
  }

  @FieldResolver(() => Int, { description: 'Number of members (within your jurisdiction).' })
  memberCount(@Ctx() ctx: RequestContext, @Root() h: Household): Promise<number> {
    return scopedCount(ctx, Resident, 'householdId').load(h.id);
  }
}

@Resolver(() => Resident)
export class ResidentFieldResolver {
  @FieldResolver(() => Int, {
    nullable: true,
    description: 'Age in full years today (China time); null without a birth date.',
  })
  age(@Ctx() ctx: RequestContext, @Root() r: Resident): number | null {
    return r.birthDate ? ageOn(r.birthDate, today(ctx)) : null;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      'Resident ID number, always masked: first 3 and last 4 characters, e.g. "110***********1234".',
  })
  idNumber(@Root() r: Resident): string | null {
    return maskIdNumber(r.idNumber);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Phone, always masked: first 3 and last 4 characters, e.g. "138****5678".',
  })
  phone(@Root() r: Resident): string | null {
    return maskPhone(r.phone);
  }

  @FieldResolver(() => [ResidentTagKind], {
    description:
      'Tags. Sensitive tags (DISABLED, LOW_INCOME, SPECIAL_HARDSHIP) are listed only for administrators ' +
      'and grid chiefs; for everyone else they are left out and `needsSupport` tells that there are some.',
  })
  tags(@Ctx() ctx: RequestContext, @Root() r: Resident): Promise<ResidentTagKind[]> {
    return residents.visibleTags(ctx, r);
  }

  @FieldResolver(() => Boolean, {
    description:
      'Whether the resident carries at least one sensitive tag (DISABLED, LOW_INCOME, SPECIAL_HARDSHIP), ' +
      'for every viewer: the marker that support is needed, without saying which.',
  })
  needsSupport(@Ctx() ctx: RequestContext, @Root() r: Resident): Promise<boolean> {
    return residents.needsSupport(ctx, r);
  }

  @FieldResolver(() => Household, { nullable: true, description: 'The household, if any.' })
  household(@Ctx() ctx: RequestContext, @Root() r: Resident): Promise<Household | null> | null {
    return r.householdId ? scopedById<Household>(ctx, Household, scopedWhere).load(r.householdId) : null;
  }

  @FieldResolver(() => Building, { nullable: true, description: 'The building, if recorded.' })
  building(@Ctx() ctx: RequestContext, @Root() r: Resident): Promise<Building | null> | null {
    return r.buildingId ? scopedById<Building>(ctx, Building, scopedWhere).load(r.buildingId) : null;
  }

  @FieldResolver(() => BuildingUnit, { nullable: true, description: 'The building unit, if recorded.' })
  unit(@Ctx() ctx: RequestContext, @Root() r: Resident): Promise<BuildingUnit | null> | null {
    return r.unitId ? scopedById<BuildingUnit>(ctx, BuildingUnit, scopedWhere).load(r.unitId) : null;
  }

  @FieldResolver(() => Grid, { nullable: true, description: 'The grid.' })
  grid(@Ctx() ctx: RequestContext, @Root() r: Resident): Promise<Grid | null> | null {
    return r.gridId ? scopedById(ctx, Grid, gridWhere).load(r.gridId) : null;
  }
}

@Resolver(() => Organization)
export class OrganizationFieldResolver {
  @FieldResolver(() => String, {
    nullable: true,
    description: 'Contact phone, always masked: first 3 and last 4 characters.',
  })
  contactPhone(@Root() o: Organization): string | null {
    return maskPhone(o.contactPhone);
  }

  @FieldResolver(() => Grid, {
    nullable: true,
    description: 'The grid; null for community-level organizations.',
  })
  grid(@Ctx() ctx: RequestContext, @Root() o: Organization): Promise<Grid | null> | null {
    return o.gridId ? scopedById(ctx, Grid, gridWhere).load(o.gridId) : null;
  }

  @FieldResolver(() => Community, { nullable: true, description: 'The community.' })
  community(@Ctx() ctx: RequestContext, @Root() o: Organization): Promise<Community | null> {
    return scopedById(ctx, Community, communityWhere).load(o.communityId);
  }
}

@Resolver(() => Building)
export class BuildingPeopleResolver {
  @FieldResolver(() => HouseholdConnection, {
    description: 'Households in this building (within your jurisdiction).',
  })
  households(
    @Ctx() ctx: RequestContext,
    @Root() b: Building,
    @Args() page: PageArgs,
  ): Promise<ConnectionResult<Household>> {
    return households.householdsOfBuilding(ctx, b.id, toPage(page));
  }

  @FieldResolver(() => Int, { description: 'Residents living in this building (within your jurisdiction).' })
  residentCount(@Ctx() ctx: RequestContext, @Root() b: Building): Promise<number> {
    return scopedCount(ctx, Resident, 'buildingId').load(b.id);
  }
}

@Resolver(() => Grid)
export class GridPeopleResolver {
  @FieldResolver(() => Int, { description: 'Households of this grid (within your jurisdiction).' })
  householdCount(@Ctx() ctx: RequestContext, @Root() g: Grid): Promise<number> {
    return scopedCount(ctx, Household, 'gridId').load(g.id);
  }

  @FieldResolver(() => Int, { description: 'Residents of this grid (within your jurisdiction).' })
  residentCount(@Ctx() ctx: RequestContext, @Root() g: Grid): Promise<number> {
    return scopedCount(ctx, Resident, 'gridId').load(g.id);
  }
}
