import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'Filter for volunteer teams.' })
export class VolunteerTeamFilter {
  @Field(() => ID, { nullable: true, description: 'Only teams of this grid.' })
  gridId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Only active teams.' })
  activeOnly?: boolean | null;
}

@InputType({ description: 'Filter for volunteers.' })
export class VolunteerMemberFilter {
  @Field(() => ID, { nullable: true, description: 'Only volunteers of this grid.' })
  gridId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only members of this team.' })
  teamId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Only volunteers who have not left.' })
  activeOnly?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Name contains this text.' })
  nameContains?: string | null;
}

@InputType({ description: 'Filter for volunteer pairings.' })
export class VolunteerPairingFilter {
  @Field(() => ID, { nullable: true, description: 'Only pairings of this grid.' })
  gridId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only pairings of this volunteer.' })
  memberId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only pairings with this household.' })
  householdId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Only pairings that have not ended.' })
  activeOnly?: boolean | null;
}

@InputType({ description: 'A new volunteer team.' })
export class CreateVolunteerTeamInput {
  @Field(() => ID, { description: 'The grid (the volunteer module must be enabled there).' })
  gridId!: string;

  @Field(() => String, { description: 'Name, unique on the grid.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'What the team does.' })
  description?: string | null;
}

@InputType({ description: 'A new volunteer: a resident of the grid, or anyone by name.' })
export class RegisterVolunteerInput {
  @Field(() => ID, { description: 'The grid.' })
  gridId!: string;

  @Field(() => ID, { nullable: true, description: 'Their team on the grid.' })
  teamId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The resident, when the volunteer lives on the grid.' })
  residentId?: string | null;

  @Field(() => String, { nullable: true, description: "Name; default: the resident's name." })
  name?: string | null;

  @Field(() => [String], { nullable: true, description: 'Skills offered.' })
  skills?: string[] | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'When they joined; default: today.' })
  joinedOn?: string | null;
}

@InputType({ description: 'A volunteer stops volunteering.' })
export class EndVolunteerMembershipInput {
  @Field(() => ID, { description: 'The volunteer.' })
  memberId!: string;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Last day; default: today.' })
  leftOn?: string | null;
}

@InputType({ description: 'A new pairing of a volunteer with a household (结对子).' })
export class CreateVolunteerPairingInput {
  @Field(() => ID, { description: 'The volunteer.' })
  memberId!: string;

  @Field(() => ID, { description: 'The household (on the same grid).' })
  householdId!: string;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Start; default: today.' })
  startedOn?: string | null;

  @Field(() => String, { nullable: true, description: 'What the volunteer helps with.' })
  note?: string | null;
}

@InputType({ description: 'End a pairing.' })
export class EndVolunteerPairingInput {
  @Field(() => ID, { description: 'The pairing.' })
  pairingId!: string;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'End; default: today.' })
  endedOn?: string | null;

  @Field(() => String, { nullable: true, description: 'Why it ended.' })
  reason?: string | null;
}
