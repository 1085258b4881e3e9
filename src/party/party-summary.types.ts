import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { ScopeLevel } from '../auth/roles';
import { AidKind } from './aid-record.entity';
import { PartyActivityKind } from './party-activity.entity';
import { PartyMembershipKind } from './party-membership.entity';
import { PartyOrganizationKind } from './party-organization.entity';

@ObjectType({ description: 'Party organizations of one kind.' })
export class PartyOrganizationKindCount {
  @Field(() => PartyOrganizationKind, { description: 'Kind.' })
  kind!: PartyOrganizationKind;

  @Field(() => Int, { description: 'Organizations existing on the last day of the period.' })
  count!: number;
}

@ObjectType({ description: 'Party members of one kind.' })
export class PartyMembershipKindCount {
  @Field(() => PartyMembershipKind, { description: 'Kind.' })
  kind!: PartyMembershipKind;

  @Field(() => Int, { description: 'Members on the last day of the period.' })
  count!: number;
}

@ObjectType({ description: 'Party activities of one kind in a period.' })
export class PartyActivityKindCount {
  @Field(() => PartyActivityKind, { description: 'Kind.' })
  kind!: PartyActivityKind;

  @Field(() => Int, { description: 'Activities held.' })
  count!: number;

  @Field(() => Int, { description: 'Participating members, summed over the activities.' })
  participants!: number;

  @Field(() => Int, { description: 'People helped, summed over the activities.' })
  beneficiaries!: number;
}

@ObjectType({ description: 'Aid of one kind in a period.' })
export class AidKindCount {
  @Field(() => AidKind, { description: 'Kind.' })
  kind!: AidKind;

  @Field(() => Int, { description: 'Aid records.' })
  count!: number;

  @Field(() => Int, { description: 'People helped.' })
  peopleHelped!: number;

  @Field(() => Float, { description: 'Amount in yuan.' })
  amount!: number;
}

/** The summary as computed; `gridsWithoutPartyOrganization` is resolved from the ids. */
@ObjectType({
  description:
    'Party work and aid of a grid, community or street: organizations and members as of the last day, activities and aid within the period.',
})
export class PartySummary {
  @Field(() => ScopeLevel, { description: 'Level of the territory node summarized.' })
  level!: ScopeLevel;

  @Field(() => GraphQLLocalDate, { description: 'First day of the period.' })
  from!: string;

  @Field(() => GraphQLLocalDate, { description: 'Last day of the period.' })
  to!: string;

  @Field(() => [PartyOrganizationKindCount], { description: 'Organizations by kind (every kind listed).' })
  organizations!: PartyOrganizationKindCount[];

  @Field(() => Int, { description: 'Organizations in all.' })
  organizationCount!: number;

  @Field(() => [PartyMembershipKindCount], { description: 'Current members by kind (every kind listed).' })
  members!: PartyMembershipKindCount[];

  @Field(() => Int, { description: 'Current members in all.' })
  memberCount!: number;

  @Field(() => Int, { description: 'Current members with a public commitment (亮承诺).' })
  membersWithCommitment!: number;

  @Field(() => [PartyActivityKindCount], { description: 'Activities by kind (every kind listed).' })
  activities!: PartyActivityKindCount[];

  @Field(() => Int, { description: 'Activities in all.' })
  activityCount!: number;

  @Field(() => Int, { description: '“我是党员我帮你” services held.' })
  memberServiceCount!: number;

  @Field(() => Int, { description: 'People helped by member services.' })
  memberServiceBeneficiaries!: number;

  @Field(() => Int, { description: 'Distinct households named as helped by member services.' })
  memberServiceHouseholds!: number;

  @Field(() => [AidKindCount], { description: 'Aid by kind (every kind listed).' })
  aid!: AidKindCount[];

  @Field(() => Int, { description: 'Aid records in all.' })
  aidRecordCount!: number;

  @Field(() => Int, { description: 'Distinct households aided.' })
  aidHouseholds!: number;

  @Field(() => Int, { description: 'People helped by aid.' })
  aidPeopleHelped!: number;

  @Field(() => Float, { description: 'Aid amount in yuan.' })
  aidAmount!: number;

  gridsWithoutPartyOrganizationIds!: string[];
}
