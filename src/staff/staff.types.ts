import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, Float, InputType, Int, ObjectType, ID } from 'type-graphql';
import { StaffRole } from './staff.enums';

@ObjectType('StaffRoleCount', { description: 'How many people serve in one role.' })
export class StaffRoleCount {
  @Field(() => StaffRole, { description: 'The role.' })
  role!: StaffRole;

  @Field(() => Int, { description: 'Distinct people in the role.' })
  count!: number;
}

@ObjectType('AgeBandCount', {
  description: 'People in one age band. Ages are full years on the roster date; bounds are inclusive.',
})
export class AgeBandCount {
  @Field(() => String, { description: 'Label, e.g. "<35", "35–50", ">50".' })
  label!: string;

  @Field(() => Int, { nullable: true, description: 'Youngest age in the band; null for the first band.' })
  minAge!: number | null;

  @Field(() => Int, { nullable: true, description: 'Oldest age in the band; null for the last band.' })
  maxAge!: number | null;

  @Field(() => Int, { description: 'People in the band.' })
  count!: number;
}

/** The roster (花名册) figures of a grid or community on a day. */
@ObjectType('Roster', {
  description: '花名册 — who serves in a grid or community on a day: people, roles and age bands.',
})
export class Roster {
  @Field(() => GraphQLLocalDate, { description: 'The day the roster describes.' })
  date!: string;

  @Field(() => Int, { description: 'Distinct people serving in any counted role.' })
  total!: number;

  @Field(() => [StaffRoleCount], {
    description: 'People per role, for every role (zero included); someone in two roles counts in both.',
  })
  byRole!: StaffRoleCount[];

  @Field(() => [AgeBandCount], { description: 'People per age band, in band order.' })
  ageBands!: AgeBandCount[];

  @Field(() => Int, { description: 'People whose birth date is not recorded (in no band).' })
  unknownAge!: number;
}

/** Training rate (培训率) of a grid or community over a period. */
@ObjectType('TrainingRate', {
  description:
    '培训率 — of the staff in the given roles serving during the period, the share who attended at least one training in it.',
})
export class TrainingRate {
  @Field(() => GraphQLLocalDate, { description: 'First day of the period.' })
  from!: string;

  @Field(() => GraphQLLocalDate, { description: 'Last day of the period.' })
  to!: string;

  @Field(() => [StaffRole], { description: 'Roles counted.' })
  roles!: StaffRole[];

  @Field(() => Int, { description: 'Distinct people in those roles serving at any time in the period.' })
  activeStaff!: number;

  @Field(() => Int, { description: 'Of those, the people who attended at least one training in the period.' })
  trainedStaff!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'trainedStaff / activeStaff, between 0 and 1; null when nobody was serving.',
  })
  rate!: number | null;
}

@InputType('StaffScopeInput', { description: 'A grid or a community: give exactly one of the two ids.' })
export class StaffScopeInput {
  @Field(() => ID, { nullable: true, description: 'A grid.' })
  gridId?: string | null;

  @Field(() => ID, { nullable: true, description: 'A community.' })
  communityId?: string | null;
}

@InputType('DatePeriodInput', { description: 'A span of calendar days, both ends included.' })
export class DatePeriodInput {
  @Field(() => GraphQLLocalDate, { description: 'First day.' })
  from!: string;

  @Field(() => GraphQLLocalDate, { description: 'Last day.' })
  to!: string;
}
