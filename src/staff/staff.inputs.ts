import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, Float, ID, InputType } from 'type-graphql';
import { Gender } from '../people/resident.entity';
import { Department, SentimentCategory, StaffRole } from './staff.enums';
import { StaffScopeInput } from './staff.types';

@InputType({ description: 'Filter for staff members.' })
export class StaffMemberFilter {
  @Field(() => ID, {
    nullable: true,
    description: 'Only people belonging to or holding a post in this community.',
  })
  communityId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Only people belonging to or holding a post on this grid.',
  })
  gridId?: string | null;

  @Field(() => StaffRole, { nullable: true, description: 'Only people holding a post in this role.' })
  role?: StaffRole | null;

  @Field(() => GraphQLLocalDate, {
    nullable: true,
    description: 'Only people whose post (matching the other filters) is active on this day.',
  })
  activeOn?: string | null;

  @Field(() => String, { nullable: true, description: 'Name contains this text.' })
  nameContains?: string | null;
}

@InputType({ description: 'A new staff member.' })
export class CreateStaffMemberInput {
  @Field(() => ID, {
    nullable: true,
    description: 'The community the person belongs to (may be left out when gridId is given).',
  })
  communityId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The grid the person belongs to, if any.' })
  gridId?: string | null;

  @Field(() => String, { description: 'Name.' })
  name!: string;

  @Field(() => Gender, { nullable: true, description: 'Gender.' })
  gender?: Gender | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Birth date (for the roster’s age bands).' })
  birthDate?: string | null;

  @Field(() => String, { nullable: true, description: 'Mobile or landline number.' })
  phone?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether the person is a party member (default no).' })
  partyMember?: boolean | null;

  @Field(() => ID, { nullable: true, description: 'The person’s resident record, when they live here.' })
  residentId?: string | null;
}

@InputType({ description: 'Changes to a staff member; omitted fields stay as they are, null clears.' })
export class UpdateStaffMemberInput {
  @Field(() => ID, {
    nullable: true,
    description: 'Move the person to another grid of their community; null: the community itself.',
  })
  gridId?: string | null;

  @Field(() => String, { nullable: true, description: 'Name.' })
  name?: string | null;

  @Field(() => Gender, { nullable: true, description: 'Gender.' })
  gender?: Gender | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Birth date.' })
  birthDate?: string | null;

  @Field(() => String, { nullable: true, description: 'Mobile or landline number.' })
  phone?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether the person is a party member.' })
  partyMember?: boolean | null;

  @Field(() => ID, { nullable: true, description: 'The person’s resident record.' })
  residentId?: string | null;
}

@InputType({ description: 'Puts a staff member on a post in a role.' })
export class AssignStaffInput {
  @Field(() => ID, { description: 'The staff member.' })
  staffMemberId!: string;

  @Field(() => StaffRole, { description: 'The role.' })
  role!: StaffRole;

  @Field(() => ID, {
    description:
      'The post: a Community (supervisor), a Grid (grid chief, assistant, co-manager, grid worker, liaison), a MicroGrid (micro-grid chief) or a Building (building head).',
  })
  postId!: string;

  @Field(() => Department, {
    nullable: true,
    description: 'Required for a co-manager; not allowed for others.',
  })
  department?: Department | null;

  @Field(() => ID, {
    nullable: true,
    description:
      'The unit the person comes from: required for a liaison, optional for a grid-chief assistant, not allowed for others.',
  })
  organizationId?: string | null;

  @Field(() => GraphQLLocalDate, { description: 'First day in the post.' })
  startDate!: string;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Last day in the post, if already known.' })
  endDate?: string | null;
}

@InputType({ description: 'Filter for trainings.' })
export class TrainingFilter {
  @Field(() => ID, {
    nullable: true,
    description: 'Only trainings of this community (its own and its grids’).',
  })
  communityId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only trainings held by this grid.' })
  gridId?: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Held on or after this day.' })
  from?: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Held on or before this day.' })
  to?: string | null;

  @Field(() => String, { nullable: true, description: 'Title contains this text.' })
  titleContains?: string | null;
}

@InputType({ description: 'A new training session.' })
export class CreateTrainingInput {
  @Field(() => StaffScopeInput, { description: 'Who holds it: a community or one grid.' })
  heldBy!: StaffScopeInput;

  @Field(() => String, { description: 'Title.' })
  title!: string;

  @Field(() => GraphQLLocalDate, { description: 'Day it is held.' })
  date!: string;

  @Field(() => Float, { description: 'Length in hours (more than 0, at most 24).' })
  hours!: number;

  @Field(() => String, { nullable: true, description: 'Where it is held.' })
  location?: string | null;

  @Field(() => String, { nullable: true, description: 'What it covers.' })
  description?: string | null;
}

@InputType({ description: 'Filter for sentiment-log entries.' })
export class SentimentLogFilter {
  @Field(() => ID, { nullable: true, description: 'Only entries of this community.' })
  communityId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only entries of this grid.' })
  gridId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only entries by this staff member.' })
  staffMemberId?: string | null;

  @Field(() => SentimentCategory, { nullable: true, description: 'Only entries of this category.' })
  category?: SentimentCategory | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'On or after this day.' })
  from?: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'On or before this day.' })
  to?: string | null;
}

@InputType({ description: 'A new sentiment-log entry (民情日志).' })
export class CreateSentimentLogInput {
  @Field(() => ID, {
    nullable: true,
    description: 'The author. Grid staff leave it out (it is themselves); administrators must give it.',
  })
  staffMemberId?: string | null;

  @Field(() => ID, {
    description: 'The grid the entry is about; the author must hold a post there that day.',
  })
  gridId!: string;

  @Field(() => GraphQLLocalDate, { description: 'Day of the visit or observation (not in the future).' })
  date!: string;

  @Field(() => ID, { nullable: true, description: 'The household visited, if any (of the same grid).' })
  householdId?: string | null;

  @Field(() => SentimentCategory, { description: 'What the entry is about.' })
  category!: SentimentCategory;

  @Field(() => String, { description: 'What was seen or heard (up to 2000 characters).' })
  content!: string;

  @Field(() => String, {
    nullable: true,
    description: 'What was done or is to be done (up to 1000 characters).',
  })
  followUp?: string | null;
}

@InputType({ description: 'Filter for log books.' })
export class LogBookFilter {
  @Field(() => ID, { nullable: true, description: 'Only books of this community.' })
  communityId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only books of this grid.' })
  gridId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only books issued to this staff member.' })
  staffMemberId?: string | null;
}

@InputType({ description: 'A log book to issue.' })
export class IssueLogBookInput {
  @Field(() => ID, { description: 'The staff member receiving it.' })
  staffMemberId!: string;

  @Field(() => String, { description: 'Number printed on the book, unique within the community.' })
  number!: string;

  @Field(() => Date, { nullable: true, description: 'When it was issued (default: now).' })
  issuedAt?: Date | null;
}

@InputType({ description: 'Which grids and days to count sentiment logs and log books for.' })
export class SentimentLogCountFilter {
  @Field(() => ID, { nullable: true, description: 'Only grids of this community.' })
  communityId?: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'From this day on.' })
  from?: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Up to this day.' })
  to?: string | null;
}
