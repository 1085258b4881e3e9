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
import { badInput } from '../graphql/errors';
import { fromGlobalId, fromOptionalGlobalId, parseGlobalId } from '../graphql/global-id';
import { byId, countBy } from '../graphql/loaders';
import { Household } from '../people/household.entity';
import { Organization } from '../people/organization.entity';
import { Resident } from '../people/resident.entity';
import type { RequestContext } from '../server/context';
import { StaffMember } from '../staff/staff-member.entity';
import { Building } from '../territory/building.entity';
import { Community } from '../territory/community.entity';
import { Grid } from '../territory/grid.entity';
import { MicroGrid } from '../territory/micro-grid.entity';
import { AidRecord } from './aid-record.entity';
import * as aid from './aid.service';
import { visible } from './party.common';
import {
  AddPartyMemberInput,
  AidRecordFilter,
  CreatePartyOrganizationInput,
  EndPartyMembershipInput,
  PartyActivityFilter,
  PartyMembershipFilter,
  PartyOrganizationFilter,
  PartyOrganizationMembersFilter,
  PartyPeriodInput,
  PartySummaryScope,
  RecordAidInput,
  RecordPartyActivityInput,
  UpdatePartyMembershipInput,
  UpdatePartyOrganizationInput,
} from './party.inputs';
import { beneficiaryHouseholds } from './party.loaders';
import { PartyActivity, PartyActivityHousehold } from './party-activity.entity';
import * as activities from './party-activity.service';
import { PartyMembership } from './party-membership.entity';
import * as memberships from './party-membership.service';
import { PartyOrganization, PartyOrganizationKind } from './party-organization.entity';
import * as organizations from './party-organization.service';
import { gridsByIds, partySummary } from './party-summary.service';
import { PartySummary } from './party-summary.types';

@ObjectType({ description: 'A page of party organizations.' })
export class PartyOrganizationConnection extends ConnectionType(PartyOrganization, 'PartyOrganization') {}

@ObjectType({ description: 'A page of party memberships.' })
export class PartyMembershipConnection extends ConnectionType(PartyMembership, 'PartyMembership') {}

@ObjectType({ description: 'A page of party activities.' })
export class PartyActivityConnection extends ConnectionType(PartyActivity, 'PartyActivity') {}

@ObjectType({ description: 'A page of aid records.' })
export class AidRecordConnection extends ConnectionType(AidRecord, 'AidRecord') {}

const ATTACHABLE = new Set(['Community', 'Grid', 'MicroGrid', 'Building']);

/** Drops omitted fields so that services see only what the client sent (null clears). */
function given<T extends object>(input: T): Partial<T> {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as Partial<T>;
}

const optId = (id: string | null | undefined, type: string, field: string) =>
  id === null ? null : fromOptionalGlobalId(id, type, field);

@Resolver()
export class PartyResolver {
  // ---------- queries ----------

  @Query(() => PartyOrganizationConnection, { description: 'Party organizations of your jurisdiction.' })
  partyOrganizations(
    @Ctx() ctx: RequestContext,
    @Args() page: PageArgs,
    @Arg('filter', () => PartyOrganizationFilter, { nullable: true }) filter?: PartyOrganizationFilter | null,
  ): Promise<ConnectionResult<PartyOrganization>> {
    return organizations.listPartyOrganizations(
      ctx,
      {
        communityId: fromOptionalGlobalId(filter?.communityId, 'Community', 'filter.communityId'),
        gridId: fromOptionalGlobalId(filter?.gridId, 'Grid', 'filter.gridId'),
        kind: filter?.kind,
        parentId: fromOptionalGlobalId(filter?.parentId, 'PartyOrganization', 'filter.parentId'),
        nameContains: filter?.nameContains,
      },
      toPage(page),
    );
  }

  @Query(() => PartyMembershipConnection, { description: 'Party memberships of your jurisdiction.' })
  partyMemberships(
    @Ctx() ctx: RequestContext,
    @Args() page: PageArgs,
    @Arg('filter', () => PartyMembershipFilter, { nullable: true }) filter?: PartyMembershipFilter | null,
  ): Promise<ConnectionResult<PartyMembership>> {
    return memberships.listPartyMemberships(
      ctx,
      {
        communityId: fromOptionalGlobalId(filter?.communityId, 'Community', 'filter.communityId'),
        gridId: fromOptionalGlobalId(filter?.gridId, 'Grid', 'filter.gridId'),
        partyOrganizationId: fromOptionalGlobalId(
          filter?.partyOrganizationId,
          'PartyOrganization',
          'filter.partyOrganizationId',
        ),
        kind: filter?.kind,
        active: filter?.active,
        residentId: fromOptionalGlobalId(filter?.residentId, 'Resident', 'filter.residentId'),
        staffMemberId: fromOptionalGlobalId(filter?.staffMemberId, 'StaffMember', 'filter.staffMemberId'),
        nameContains: filter?.nameContains,
      },
      toPage(page),
    );
  }

  @Query(() => PartyActivityConnection, { description: 'Party activities of your jurisdiction.' })
  partyActivities(
    @Ctx() ctx: RequestContext,
    @Args() page: PageArgs,
    @Arg('filter', () => PartyActivityFilter, { nullable: true }) filter?: PartyActivityFilter | null,
  ): Promise<ConnectionResult<PartyActivity>> {
    return activities.listPartyActivities(
      ctx,
      {
        communityId: fromOptionalGlobalId(filter?.communityId, 'Community', 'filter.communityId'),
        gridId: fromOptionalGlobalId(filter?.gridId, 'Grid', 'filter.gridId'),
        partyOrganizationId: fromOptionalGlobalId(
          filter?.partyOrganizationId,
          'PartyOrganization',
          'filter.partyOrganizationId',
        ),
        kind: filter?.kind,
        from: filter?.from,
        to: filter?.to,
        titleContains: filter?.titleContains,
      },
      toPage(page),
    );
  }

  @Query(() => AidRecordConnection, { description: 'Aid records (扶贫帮困) of your jurisdiction.' })
  aidRecords(
    @Ctx() ctx: RequestContext,
    @Args() page: PageArgs,
    @Arg('filter', () => AidRecordFilter, { nullable: true }) filter?: AidRecordFilter | null,
  ): Promise<ConnectionResult<AidRecord>> {
    return aid.listAidRecords(
      ctx,
      {
        communityId: fromOptionalGlobalId(filter?.communityId, 'Community', 'filter.communityId'),
        gridId: fromOptionalGlobalId(filter?.gridId, 'Grid', 'filter.gridId'),
        householdId: fromOptionalGlobalId(filter?.householdId, 'Household', 'filter.householdId'),
        kind: filter?.kind,
        from: filter?.from,
        to: filter?.to,
      },
      toPage(page),
    );
  }

  @Query(() => PartySummary, {
    description:
      'Counts of party organizations, members, activities, member services and aid for a grid, community or street over a period.',
  })
  partySummary(
    @Ctx() ctx: RequestContext,
    @Arg('scope', () => PartySummaryScope, { description: 'The territory node.' }) scope: PartySummaryScope,
    @Arg('period', () => PartyPeriodInput, { description: 'The period (both ends included).' })
    period: PartyPeriodInput,
  ): Promise<PartySummary> {
    return partySummary(
      ctx,
      {
        gridId: fromOptionalGlobalId(scope.gridId, 'Grid', 'scope.gridId'),
        communityId: fromOptionalGlobalId(scope.communityId, 'Community', 'scope.communityId'),
        streetId: fromOptionalGlobalId(scope.streetId, 'Street', 'scope.streetId'),
      },
      { from: period.from, to: period.to },
    ) as Promise<PartySummary>;
  }

  // ---------- mutations ----------

  @Mutation(() => PartyOrganization, {
    description: 'Create a party organization on a territory node (administrators).',
  })
  createPartyOrganization(
    @Ctx() ctx: RequestContext,
    @Arg('input') input: CreatePartyOrganizationInput,
  ): Promise<PartyOrganization> {
    const at = parseGlobalId(input.attachedToId);
    if (!at || !ATTACHABLE.has(at.type)) {
      throw badInput('input.attachedToId', {
        en: 'input.attachedToId is not a valid Community, Grid, MicroGrid or Building id',
        zh: 'input.attachedToId 不是有效的社区、网格、微网格或楼栋编号',
      });
    }
    return organizations.createPartyOrganization(ctx, {
      name: input.name,
      kind: input.kind,
      attachedTo: { type: at.type as organizations.AttachmentType, id: at.id },
      parentId: optId(input.parentId, 'PartyOrganization', 'input.parentId'),
      secretaryStaffMemberId: optId(
        input.secretaryStaffMemberId,
        'StaffMember',
        'input.secretaryStaffMemberId',
      ),
      secretaryResidentId: optId(input.secretaryResidentId, 'Resident', 'input.secretaryResidentId'),
      secretaryName: input.secretaryName,
      foundedOn: input.foundedOn,
    });
  }

  @Mutation(() => PartyOrganization, { description: 'Change a party organization (administrators).' })
  updatePartyOrganization(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID, { description: 'The organization.' }) id: string,
    @Arg('input') input: UpdatePartyOrganizationInput,
  ): Promise<PartyOrganization> {
    return organizations.updatePartyOrganization(
      ctx,
      fromGlobalId(id, 'PartyOrganization'),
      given({
        name: input.name ?? undefined,
        parentId: optId(input.parentId, 'PartyOrganization', 'input.parentId'),
        secretaryStaffMemberId: optId(
          input.secretaryStaffMemberId,
          'StaffMember',
          'input.secretaryStaffMemberId',
        ),
        secretaryResidentId: optId(input.secretaryResidentId, 'Resident', 'input.secretaryResidentId'),
        secretaryName: input.secretaryName,
        foundedOn: input.foundedOn,
      }),
    );
  }

  @Mutation(() => PartyMembership, { description: 'Add a member to a party organization (administrators).' })
  addPartyMember(
    @Ctx() ctx: RequestContext,
    @Arg('input') input: AddPartyMemberInput,
  ): Promise<PartyMembership> {
    return memberships.addPartyMember(ctx, {
      ...input,
      partyOrganizationId: fromGlobalId(
        input.partyOrganizationId,
        'PartyOrganization',
        'input.partyOrganizationId',
      ),
      residentId: optId(input.residentId, 'Resident', 'input.residentId'),
      staffMemberId: optId(input.staffMemberId, 'StaffMember', 'input.staffMemberId'),
      workUnitOrganizationId: optId(
        input.workUnitOrganizationId,
        'Organization',
        'input.workUnitOrganizationId',
      ),
    });
  }

  @Mutation(() => PartyMembership, {
    description: 'Change a current membership: kind, work unit, commitment, post (administrators).',
  })
  updatePartyMembership(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID, { description: 'The membership.' }) id: string,
    @Arg('input') input: UpdatePartyMembershipInput,
  ): Promise<PartyMembership> {
    return memberships.updatePartyMembership(
      ctx,
      fromGlobalId(id, 'PartyMembership'),
      given({
        kind: input.kind ?? undefined,
        workUnitOrganizationId: optId(
          input.workUnitOrganizationId,
          'Organization',
          'input.workUnitOrganizationId',
        ),
        workUnitName: input.workUnitName,
        commitment: input.commitment,
        post: input.post,
      }),
    );
  }

  @Mutation(() => PartyMembership, {
    description: 'End a membership (moved away, transferred, died); the record is kept (administrators).',
  })
  endPartyMembership(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID, { description: 'The membership.' }) id: string,
    @Arg('input') input: EndPartyMembershipInput,
  ): Promise<PartyMembership> {
    return memberships.endPartyMembership(ctx, fromGlobalId(id, 'PartyMembership'), input);
  }

  @Mutation(() => PartyActivity, {
    description: 'Record a party activity (administrators, and grid staff for activities in their grid).',
  })
  recordPartyActivity(
    @Ctx() ctx: RequestContext,
    @Arg('input') input: RecordPartyActivityInput,
  ): Promise<PartyActivity> {
    return activities.recordPartyActivity(ctx, {
      ...input,
      partyOrganizationId: fromGlobalId(
        input.partyOrganizationId,
        'PartyOrganization',
        'input.partyOrganizationId',
      ),
      gridId: optId(input.gridId, 'Grid', 'input.gridId'),
      beneficiaryHouseholdIds: input.beneficiaryHouseholdIds?.map((h, i) =>
        fromGlobalId(h, 'Household', `input.beneficiaryHouseholdIds.${i}`),
      ),
    });
  }

  @Mutation(() => AidRecord, {
    description:
      'Record aid given to a household (administrators, and grid staff for households of their grid).',
  })
  recordAid(@Ctx() ctx: RequestContext, @Arg('input') input: RecordAidInput): Promise<AidRecord> {
    return aid.recordAid(ctx, {
      ...input,
      householdId: fromGlobalId(input.householdId, 'Household', 'input.householdId'),
      givenByOrganizationId: optId(
        input.givenByOrganizationId,
        'Organization',
        'input.givenByOrganizationId',
      ),
      givenByPartyOrganizationId: optId(
        input.givenByPartyOrganizationId,
        'PartyOrganization',
        'input.givenByPartyOrganizationId',
      ),
    });
  }
}

@Resolver(() => PartyOrganization)
export class PartyOrganizationFieldResolver {
  @FieldResolver(() => Community, { description: 'The community it belongs to.' })
  async community(@Ctx() ctx: RequestContext, @Root() o: PartyOrganization): Promise<Community> {
    return (await byId(ctx, Community).load(o.communityId))!;
  }

  @FieldResolver(() => Grid, {
    nullable: true,
    description: 'The grid it sits in (null for a community committee).',
  })
  async grid(@Ctx() ctx: RequestContext, @Root() o: PartyOrganization): Promise<Grid | null> {
    return o.gridId ? byId(ctx, Grid).load(o.gridId) : null;
  }

  @FieldResolver(() => MicroGrid, {
    nullable: true,
    description: 'The micro-grid it is attached to, if any.',
  })
  async microGrid(@Ctx() ctx: RequestContext, @Root() o: PartyOrganization): Promise<MicroGrid | null> {
    return o.microGridId ? byId(ctx, MicroGrid).load(o.microGridId) : null;
  }

  @FieldResolver(() => Building, {
    nullable: true,
    description: 'The building it is attached to (building groups).',
  })
  async building(@Ctx() ctx: RequestContext, @Root() o: PartyOrganization): Promise<Building | null> {
    return o.buildingId ? byId(ctx, Building).load(o.buildingId) : null;
  }

  @FieldResolver(() => PartyOrganization, {
    nullable: true,
    description: 'The organization above it; null when there is none or it is outside your jurisdiction.',
  })
  async parent(@Ctx() ctx: RequestContext, @Root() o: PartyOrganization): Promise<PartyOrganization | null> {
    return o.parentId ? visible(ctx, await byId(ctx, PartyOrganization).load(o.parentId)) : null;
  }

  @FieldResolver(() => PartyOrganizationConnection, {
    description: 'Organizations directly under it (within your jurisdiction).',
  })
  children(
    @Ctx() ctx: RequestContext,
    @Root() o: PartyOrganization,
    @Args() page: PageArgs,
  ): Promise<ConnectionResult<PartyOrganization>> {
    return organizations.listPartyOrganizations(ctx, { parentId: o.id }, toPage(page));
  }

  @FieldResolver(() => PartyMembershipConnection, { description: 'Its members.' })
  members(
    @Ctx() ctx: RequestContext,
    @Root() o: PartyOrganization,
    @Args() page: PageArgs,
    @Arg('filter', () => PartyOrganizationMembersFilter, { nullable: true })
    filter?: PartyOrganizationMembersFilter | null,
  ): Promise<ConnectionResult<PartyMembership>> {
    return memberships.listPartyMemberships(
      ctx,
      { partyOrganizationId: o.id, kind: filter?.kind, active: filter?.active },
      toPage(page),
    );
  }

  @FieldResolver(() => Int, { description: 'Number of current members.' })
  memberCount(@Ctx() ctx: RequestContext, @Root() o: PartyOrganization): Promise<number> {
    return countBy(ctx, PartyMembership, 'partyOrganizationId', { leftOn: null }, 'active').load(o.id);
  }

  @FieldResolver(() => StaffMember, {
    nullable: true,
    description: 'The secretary as a staff member; null when none or outside your jurisdiction.',
  })
  async secretaryStaffMember(
    @Ctx() ctx: RequestContext,
    @Root() o: PartyOrganization,
  ): Promise<StaffMember | null> {
    return o.secretaryStaffMemberId
      ? visible(ctx, await byId(ctx, StaffMember).load(o.secretaryStaffMemberId))
      : null;
  }

  @FieldResolver(() => Resident, {
    nullable: true,
    description: 'The secretary as a resident; null when none or outside your jurisdiction.',
  })
  async secretaryResident(
    @Ctx() ctx: RequestContext,
    @Root() o: PartyOrganization,
  ): Promise<Resident | null> {
    return o.secretaryResidentId ? visible(ctx, await byId(ctx, Resident).load(o.secretaryResidentId)) : null;
  }
}

@Resolver(() => PartyMembership)
export class PartyMembershipFieldResolver {
  @FieldResolver(() => PartyOrganization, { description: 'The organization.' })
  async partyOrganization(
    @Ctx() ctx: RequestContext,
    @Root() m: PartyMembership,
  ): Promise<PartyOrganization> {
    return (await byId(ctx, PartyOrganization).load(m.partyOrganizationId))!;
  }

  @FieldResolver(() => Resident, {
    nullable: true,
    description: 'The member as a resident; null when not linked or outside your jurisdiction.',
  })
  async resident(@Ctx() ctx: RequestContext, @Root() m: PartyMembership): Promise<Resident | null> {
    return m.residentId ? visible(ctx, await byId(ctx, Resident).load(m.residentId)) : null;
  }

  @FieldResolver(() => StaffMember, {
    nullable: true,
    description: 'The member as a staff member; null when not linked or outside your jurisdiction.',
  })
  async staffMember(@Ctx() ctx: RequestContext, @Root() m: PartyMembership): Promise<StaffMember | null> {
    return m.staffMemberId ? visible(ctx, await byId(ctx, StaffMember).load(m.staffMemberId)) : null;
  }

  @FieldResolver(() => Organization, {
    nullable: true,
    description: 'The work unit as an organization; null when not linked or outside your jurisdiction.',
  })
  async workUnitOrganization(
    @Ctx() ctx: RequestContext,
    @Root() m: PartyMembership,
  ): Promise<Organization | null> {
    return m.workUnitOrganizationId
      ? visible(ctx, await byId(ctx, Organization).load(m.workUnitOrganizationId))
      : null;
  }
}

@Resolver(() => PartyActivity)
export class PartyActivityFieldResolver {
  @FieldResolver(() => PartyOrganization, {
    nullable: true,
    description:
      'The organization that held it; null when outside your jurisdiction (a committee, for grid staff).',
  })
  async partyOrganization(
    @Ctx() ctx: RequestContext,
    @Root() a: PartyActivity,
  ): Promise<PartyOrganization | null> {
    return visible(ctx, await byId(ctx, PartyOrganization).load(a.partyOrganizationId));
  }

  @FieldResolver(() => Community, { description: 'The community.' })
  async community(@Ctx() ctx: RequestContext, @Root() a: PartyActivity): Promise<Community> {
    return (await byId(ctx, Community).load(a.communityId))!;
  }

  @FieldResolver(() => Grid, { nullable: true, description: 'The grid it took place in, if recorded.' })
  async grid(@Ctx() ctx: RequestContext, @Root() a: PartyActivity): Promise<Grid | null> {
    return a.gridId ? byId(ctx, Grid).load(a.gridId) : null;
  }

  @FieldResolver(() => [Household], { description: 'Households it helped (within your jurisdiction).' })
  beneficiaryHouseholds(@Ctx() ctx: RequestContext, @Root() a: PartyActivity): Promise<Household[]> {
    return beneficiaryHouseholds(ctx).load(a.id);
  }

  @FieldResolver(() => Int, { description: 'Number of households named as helped.' })
  beneficiaryHouseholdCount(@Ctx() ctx: RequestContext, @Root() a: PartyActivity): Promise<number> {
    return countBy(ctx, PartyActivityHousehold, 'activityId').load(a.id);
  }
}

@Resolver(() => AidRecord)
export class AidRecordFieldResolver {
  @FieldResolver(() => Household, {
    nullable: true,
    description: 'The household; null when it has since moved outside your jurisdiction.',
  })
  async household(@Ctx() ctx: RequestContext, @Root() r: AidRecord): Promise<Household | null> {
    return visible(ctx, await byId(ctx, Household).load(r.householdId));
  }

  @FieldResolver(() => Community, { description: 'The community.' })
  async community(@Ctx() ctx: RequestContext, @Root() r: AidRecord): Promise<Community> {
    return (await byId(ctx, Community).load(r.communityId))!;
  }

  @FieldResolver(() => Grid, {
    nullable: true,
    description: 'The grid of the household when the aid was given.',
  })
  async grid(@Ctx() ctx: RequestContext, @Root() r: AidRecord): Promise<Grid | null> {
    return r.gridId ? byId(ctx, Grid).load(r.gridId) : null;
  }

  @FieldResolver(() => Organization, {
    nullable: true,
    description: 'The giving organization; null when none or outside your jurisdiction.',
  })
  async givenByOrganization(@Ctx() ctx: RequestContext, @Root() r: AidRecord): Promise<Organization | null> {
    return r.givenByOrganizationId
      ? visible(ctx, await byId(ctx, Organization).load(r.givenByOrganizationId))
      : null;
  }

  @FieldResolver(() => PartyOrganization, {
    nullable: true,
    description: 'The giving party organization; null when none or outside your jurisdiction.',
  })
  async givenByPartyOrganization(
    @Ctx() ctx: RequestContext,
    @Root() r: AidRecord,
  ): Promise<PartyOrganization | null> {
    return r.givenByPartyOrganizationId
      ? visible(ctx, await byId(ctx, PartyOrganization).load(r.givenByPartyOrganizationId))
      : null;
  }
}

@Resolver(() => PartySummary)
export class PartySummaryFieldResolver {
  @FieldResolver(() => [Grid], {
    description: 'Active grids in the scope without any party organization on the last day of the period.',
  })
  gridsWithoutPartyOrganization(@Ctx() ctx: RequestContext, @Root() s: PartySummary): Promise<Grid[]> {
    return gridsByIds(ctx.em, s.gridsWithoutPartyOrganizationIds);
  }
}

@Resolver(() => Grid)
export class GridPartyFieldResolver {
  @FieldResolver(() => PartyOrganizationConnection, {
    description: 'Party organizations in this grid (branch, residential branches, groups).',
  })
  partyOrganizations(
    @Ctx() ctx: RequestContext,
    @Root() g: Grid,
    @Args() page: PageArgs,
    @Arg('kind', () => PartyOrganizationKind, {
      nullable: true,
      description: 'Only organizations of this kind.',
    })
    kind?: PartyOrganizationKind | null,
  ): Promise<ConnectionResult<PartyOrganization>> {
    return organizations.listPartyOrganizations(ctx, { gridId: g.id, kind }, toPage(page));
  }
}

@Resolver(() => Household)
export class HouseholdAidFieldResolver {
  @FieldResolver(() => [AidRecord], {
    description: 'Aid given to this household (newest first), as recorded in your jurisdiction.',
  })
  aidRecords(@Ctx() ctx: RequestContext, @Root() h: Household): Promise<AidRecord[]> {
    return aid.aidRecordsByHousehold(ctx).load(h.id);
  }
}
