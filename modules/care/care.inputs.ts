import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, ID, InputType, Int } from 'type-graphql';
import { CareReason } from './care.entities';

@InputType({ description: 'Filter for care targets.' })
export class CareTargetFilter {
  @Field(() => ID, { nullable: true, description: 'Only targets of this grid.' })
  gridId?: string | null;

  @Field(() => CareReason, {
    nullable: true,
    description: 'Only targets with this reason; sensitive reasons only for administrators and grid chiefs.',
  })
  reason?: CareReason | null;

  @Field(() => ID, { nullable: true, description: 'Only targets looked after by this care team.' })
  teamId?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Include targets who left the register (default: no).',
  })
  includeEnded?: boolean | null;
}

@InputType({ description: 'Filter for care teams.' })
export class CareTeamFilter {
  @Field(() => ID, { nullable: true, description: 'Only teams of this grid.' })
  gridId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Include disbanded teams (default: no).' })
  includeDisbanded?: boolean | null;
}

@InputType({ description: 'Put a resident of the grid on the care register.' })
export class RegisterCareTargetInput {
  @Field(() => ID, { description: 'The resident; the target belongs to their grid.' })
  residentId!: string;

  @Field(() => [CareReason], {
    description:
      'Why they need care (at least one); sensitive reasons only by administrators and grid chiefs.',
  })
  reasons!: CareReason[];

  @Field(() => String, {
    nullable: true,
    description: 'Why, in words (sensitive: administrators and grid chiefs only).',
  })
  reasonNote?: string | null;

  @Field(() => ID, { nullable: true, description: 'The care team looking after them (active, same grid).' })
  teamId?: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Registration date; default: today.' })
  registeredOn?: string | null;
}

@InputType({ description: 'Changes to a care target; omitted fields stay as they are.' })
export class UpdateCareTargetInput {
  @Field(() => ID, { description: 'The target.' })
  id!: string;

  @Field(() => [CareReason], {
    nullable: true,
    description:
      'The reasons, replacing the current ones. Sensitive reasons only by administrators and grid chiefs; when others change the list, sensitive reasons already there stay.',
  })
  reasons?: CareReason[] | null;

  @Field(() => String, {
    nullable: true,
    description: 'Why, in words; null clears (administrators and grid chiefs only).',
  })
  reasonNote?: string | null;

  @Field(() => ID, { nullable: true, description: 'The care team (active, same grid); null clears.' })
  teamId?: string | null;
}

@InputType({ description: 'Take a target off the care register.' })
export class EndCareTargetInput {
  @Field(() => ID, { description: 'The target.' })
  id!: string;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Date; default: today.' })
  endedOn?: string | null;

  @Field(() => String, { description: 'Why (moved away, no longer needs care, passed away...).' })
  reason!: string;
}

@InputType({ description: 'A new care volunteer team.' })
export class CreateCareTeamInput {
  @Field(() => ID, { description: 'The grid.' })
  gridId!: string;

  @Field(() => String, { description: 'Name, unique on the grid.' })
  name!: string;

  @Field(() => String, { nullable: true, description: "Leader's name; default: the leader resident's name." })
  leaderName?: string | null;

  @Field(() => ID, { nullable: true, description: 'The leader, when they live on the same grid.' })
  leaderResidentId?: string | null;

  @Field(() => Int, { nullable: true, description: 'Members (1–500; default 1).' })
  memberCount?: number | null;

  @Field(() => String, { nullable: true, description: 'What the team does.' })
  description?: string | null;
}

@InputType({ description: 'Disband a care team; the targets it looked after are left without a team.' })
export class DisbandCareTeamInput {
  @Field(() => ID, { description: 'The team.' })
  id!: string;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Date; default: today.' })
  disbandedOn?: string | null;
}
