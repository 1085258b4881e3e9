import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { AidKind } from './aid-record.entity';
import { PartyActivityKind } from './party-activity.entity';
import { PartyMembershipKind } from './party-membership.entity';
import { PartyOrganizationKind } from './party-organization.entity';

// ---------- filters ----------

@InputType({ description: 'Filter for party organizations.' })
export class PartyOrganizationFilter {
  @Field(() => ID, { nullable: true, description: 'Only organizations of this community.' })
  communityId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Only organizations in this grid (incl. its micro-grids and buildings).',
  })
  gridId?: string | null;

  @Field(() => PartyOrganizationKind, { nullable: true, description: 'Only organizations of this kind.' })
  kind?: PartyOrganizationKind | null;

  @Field(() => ID, { nullable: true, description: 'Only organizations directly under this one.' })
  parentId?: string | null;

  @Field(() => String, { nullable: true, description: 'Name contains this text.' })
  nameContains?: string | null;
}

@InputType({ description: 'Filter for party memberships.' })
export class PartyMembershipFilter {
  @Field(() => ID, { nullable: true, description: 'Only memberships in organizations of this community.' })
  communityId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only memberships in organizations of this grid.' })
  gridId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only members of this organization.' })
  partyOrganizationId?: string | null;

  @Field(() => PartyMembershipKind, { nullable: true, description: 'Only memberships of this kind.' })
  kind?: PartyMembershipKind | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'true: current members only; false: ended only; omitted: all.',
  })
  active?: boolean | null;

  @Field(() => ID, { nullable: true, description: 'Only memberships of this resident.' })
  residentId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only memberships of this staff member.' })
  staffMemberId?: string | null;

  @Field(() => String, { nullable: true, description: 'Member name contains this text.' })
  nameContains?: string | null;
}

@InputType({ description: 'Filter for the members of one party organization.' })
export class PartyOrganizationMembersFilter {
  @Field(() => PartyMembershipKind, { nullable: true, description: 'Only memberships of this kind.' })
  kind?: PartyMembershipKind | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'true: current members only; false: ended only; omitted: all.',
  })
  active?: boolean | null;
}

@InputType({ description: 'Filter for party activities; dates are inclusive.' })
export class PartyActivityFilter {
  @Field(() => ID, { nullable: true, description: 'Only activities of this community.' })
  communityId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only activities that took place in this grid.' })
  gridId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only activities of this organization.' })
  partyOrganizationId?: string | null;

  @Field(() => PartyActivityKind, { nullable: true, description: 'Only activities of this kind.' })
  kind?: PartyActivityKind | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Held on or after this day.' })
  from?: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Held on or before this day.' })
  to?: string | null;

  @Field(() => String, { nullable: true, description: 'Title contains this text.' })
  titleContains?: string | null;
}

@InputType({ description: 'Filter for aid records; dates are inclusive.' })
export class AidRecordFilter {
  @Field(() => ID, { nullable: true, description: 'Only aid given in this community.' })
  communityId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only aid given in this grid.' })
  gridId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only aid to this household.' })
  householdId?: string | null;

  @Field(() => AidKind, { nullable: true, description: 'Only aid of this kind.' })
  kind?: AidKind | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Given on or after this day.' })
  from?: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Given on or before this day.' })
  to?: string | null;
}

@InputType({ description: 'The territory node a party summary covers: exactly one of the ids.' })
export class PartySummaryScope {
  @Field(() => ID, { nullable: true, description: 'A grid.' })
  gridId?: string | null;

  @Field(() => ID, { nullable: true, description: 'A community (its committee and every grid).' })
  communityId?: string | null;

  @Field(() => ID, { nullable: true, description: 'A street (every community of it).' })
  streetId?: string | null;
}

@InputType({ description: 'A period of calendar days, both ends included.' })
export class PartyPeriodInput {
  @Field(() => GraphQLLocalDate, { description: 'First day.' })
  from!: string;

  @Field(() => GraphQLLocalDate, { description: 'Last day.' })
  to!: string;
}

// ---------- mutations ----------

@InputType({ description: 'A new party organization.' })
export class CreatePartyOrganizationInput {
  @Field(() => String, { description: 'Name, unique within the community.' })
  name!: string;

  @Field(() => PartyOrganizationKind, { description: 'Kind; it decides what it may be attached to.' })
  kind!: PartyOrganizationKind;

  @Field(() => ID, {
    description:
      'The territory node it is attached to: a Community (committee), a Grid (grid branch, residential branch, party group), a MicroGrid (residential branch, party group) or a Building (building group).',
  })
  attachedToId!: string;

  @Field(() => ID, {
    nullable: true,
    description:
      'Parent organization in the same community: a branch sits under the committee, a group under a branch.',
  })
  parentId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The secretary, when a staff member.' })
  secretaryStaffMemberId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The secretary, when a resident.' })
  secretaryResidentId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Secretary’s name (taken from the person when omitted).',
  })
  secretaryName?: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'When it was founded (not in the future).' })
  foundedOn?: string | null;
}

@InputType({
  description:
    'Changes to a party organization; omitted fields stay as they are, null clears. Giving any secretary field replaces the secretary as a whole.',
})
export class UpdatePartyOrganizationInput {
  @Field(() => String, { nullable: true, description: 'New name.' })
  name?: string | null;

  @Field(() => ID, { nullable: true, description: 'New parent organization (null: none).' })
  parentId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The secretary, when a staff member.' })
  secretaryStaffMemberId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The secretary, when a resident.' })
  secretaryResidentId?: string | null;

  @Field(() => String, { nullable: true, description: 'Secretary’s name.' })
  secretaryName?: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'When it was founded.' })
  foundedOn?: string | null;
}

@InputType({ description: 'A party member joining (or registering with) an organization.' })
export class AddPartyMemberInput {
  @Field(() => ID, { description: 'The organization.' })
  partyOrganizationId!: string;

  @Field(() => PartyMembershipKind, { description: 'Kind of membership.' })
  kind!: PartyMembershipKind;

  @Field(() => ID, {
    nullable: true,
    description: 'The member as a resident; must live in the organization’s grid (or community).',
  })
  residentId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The member as a staff member of the same community.' })
  staffMemberId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Name (taken from the person when omitted; required without one).',
  })
  memberName?: string | null;

  @Field(() => ID, { nullable: true, description: 'Work unit as an organization of your jurisdiction.' })
  workUnitOrganizationId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Work unit by name; in-service members need a work unit.',
  })
  workUnitName?: string | null;

  @Field(() => GraphQLLocalDate, { description: 'When the member joined or registered (not in the future).' })
  joinedOn!: string;

  @Field(() => String, { nullable: true, description: 'Public commitment (亮承诺).' })
  commitment?: string | null;

  @Field(() => String, { nullable: true, description: 'Post (设岗定责).' })
  post?: string | null;
}

@InputType({ description: 'Changes to a current membership; omitted fields stay as they are, null clears.' })
export class UpdatePartyMembershipInput {
  @Field(() => PartyMembershipKind, { nullable: true, description: 'New kind (e.g. a member retiring).' })
  kind?: PartyMembershipKind | null;

  @Field(() => ID, { nullable: true, description: 'Work unit as an organization.' })
  workUnitOrganizationId?: string | null;

  @Field(() => String, { nullable: true, description: 'Work unit by name.' })
  workUnitName?: string | null;

  @Field(() => String, { nullable: true, description: 'Public commitment (亮承诺).' })
  commitment?: string | null;

  @Field(() => String, { nullable: true, description: 'Post (设岗定责).' })
  post?: string | null;
}

@InputType({ description: 'The end of a membership.' })
export class EndPartyMembershipInput {
  @Field(() => GraphQLLocalDate, { description: 'Last day (not before joining, not in the future).' })
  leftOn!: string;

  @Field(() => String, { nullable: true, description: 'Why, e.g. "转出至外区".' })
  reason?: string | null;
}

@InputType({ description: 'A party activity that took place.' })
export class RecordPartyActivityInput {
  @Field(() => ID, { description: 'The organization that held it.' })
  partyOrganizationId!: string;

  @Field(() => ID, {
    nullable: true,
    description:
      'The grid it took place in; implied for organizations of a grid, optional for the committee.',
  })
  gridId?: string | null;

  @Field(() => PartyActivityKind, { description: 'Kind.' })
  kind!: PartyActivityKind;

  @Field(() => String, { description: 'Title.' })
  title!: string;

  @Field(() => String, { nullable: true, description: 'What was done.' })
  description?: string | null;

  @Field(() => GraphQLLocalDate, { description: 'The day (not in the future).' })
  heldOn!: string;

  @Field(() => Int, { description: 'Party members who took part (≥ 0).' })
  participants!: number;

  @Field(() => Int, {
    description:
      'People helped (≥ 0; ≥ 1 for a member service; at least the number of beneficiary households).',
  })
  beneficiaries!: number;

  @Field(() => [ID], {
    nullable: true,
    description: 'Households helped (at most 100), in the grid (or community) of the activity.',
  })
  beneficiaryHouseholdIds?: string[] | null;
}

@InputType({ description: 'Aid given to a household (扶贫帮困).' })
export class RecordAidInput {
  @Field(() => ID, { description: 'The household.' })
  householdId!: string;

  @Field(() => GraphQLLocalDate, { description: 'The day (not in the future).' })
  givenOn!: string;

  @Field(() => AidKind, { description: 'Kind.' })
  kind!: AidKind;

  @Field(() => String, { description: 'What was given or done.' })
  description!: string;

  @Field(() => Float, {
    nullable: true,
    description: 'Amount in yuan, ≥ 0, two decimals; required for cash.',
  })
  amount?: number | null;

  @Field(() => Int, { description: 'People of the household helped (≥ 1).' })
  peopleHelped!: number;

  @Field(() => ID, { nullable: true, description: 'Giver: an organization of the same community.' })
  givenByOrganizationId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Giver: a party organization of the same community.' })
  givenByPartyOrganizationId?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Giver as shown on the ledger; taken from the organization when omitted, required without one.',
  })
  givenBy?: string | null;
}
