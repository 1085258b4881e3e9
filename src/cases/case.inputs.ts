import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { Department } from '../staff';
import { CaseLevel, CaseScale, CaseSource, CaseState, FeedbackChannel, ResponsibleKind } from './case.enums';

@InputType({ description: 'A point in WGS84 longitude/latitude.' })
export class GeoPointInput {
  @Field(() => Float, { description: 'Longitude, −180..180.' })
  lng!: number;

  @Field(() => Float, { description: 'Latitude, −90..90.' })
  lat!: number;
}

@InputType({ description: 'A new case.' })
export class ReportCaseInput {
  @Field(() => ID, {
    nullable: true,
    description:
      'The grid. Omit it to route by `location` (or, for a grid account, to use your own grid); a point outside every grid goes to the community for triage.',
  })
  gridId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      'The community, for a case outside every grid when your jurisdiction spans several communities.',
  })
  communityId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Micro-grid of the grid, if known.' })
  microGridId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Building of the grid, if known.' })
  buildingId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Household concerned, if any.' })
  householdId?: string | null;

  @Field(() => ID, { description: 'Category (see `caseCategories`).' })
  categoryId!: string;

  @Field(() => CaseSource, { description: 'Where the case came from.' })
  source!: CaseSource;

  @Field(() => CaseScale, { nullable: true, description: 'Scale; default: the category’s default scale.' })
  scale?: CaseScale | null;

  @Field(() => String, { description: 'Short title, 1–100 characters.' })
  title!: string;

  @Field(() => String, { nullable: true, description: 'Description, up to 2000 characters.' })
  description?: string | null;

  @Field(() => ID, { nullable: true, description: 'The resident who reported it, if any.' })
  reporterResidentId?: string | null;

  @Field(() => GeoPointInput, { nullable: true, description: 'Where it is.' })
  location?: GeoPointInput | null;

  @Field(() => String, { nullable: true, description: 'Where it is, in words.' })
  address?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Name of the sending district system (with `externalId`).',
  })
  externalSystem?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The case’s id in that system; a second report with the same pair is CONFLICT.',
  })
  externalId?: string | null;
}

@InputType({ description: 'An action on a case at the version the client saw.' })
export class CaseActionInput {
  @Field(() => ID, { description: 'The case.' })
  id!: string;

  @Field(() => Int, { description: 'The case version you saw; a stale one is CONFLICT.' })
  version!: number;

  @Field(() => String, { nullable: true, description: 'Note for the timeline, up to 2000 characters.' })
  note?: string | null;
}

@InputType({ description: 'An action that needs a reason.' })
export class CaseReasonInput {
  @Field(() => ID, { description: 'The case.' })
  id!: string;

  @Field(() => Int, { description: 'The case version you saw; a stale one is CONFLICT.' })
  version!: number;

  @Field(() => String, { description: 'Why, 1–2000 characters.' })
  reason!: string;
}

@InputType({ description: 'Accept (受理) a case; for a case awaiting triage, name its grid.' })
export class AcceptCaseInput extends CaseActionInput {
  @Field(() => ID, {
    nullable: true,
    description: 'Grid to route the case to: required for a case without a grid, optional otherwise.',
  })
  gridId?: string | null;

  @Field(() => CaseScale, { nullable: true, description: 'Re-classify the scale.' })
  scale?: CaseScale | null;

  @Field(() => ID, { nullable: true, description: 'Re-classify the category.' })
  categoryId?: string | null;
}

@InputType({ description: 'The responsible party (责任主体) of a case.' })
export class ResponsibleInput {
  @Field(() => ResponsibleKind, {
    description: 'Kind of party (not JOINT_MEETING: use sendCaseToJointMeeting).',
  })
  kind!: ResponsibleKind;

  @Field(() => ID, {
    nullable: true,
    description: 'Staff member in charge: required for GRID, optional (a contact) otherwise.',
  })
  assigneeId?: string | null;

  @Field(() => Department, { nullable: true, description: 'The department: required for DEPARTMENT.' })
  department?: Department | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The property company or owners’ committee (an Organization), when it is on record.',
  })
  organizationId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Name of a party that is not on record, up to 100 characters.',
  })
  name?: string | null;
}

@InputType({ description: 'Assign (分派) a case to a responsible party with a due time.' })
export class AssignCaseInput extends CaseActionInput {
  @Field(() => ResponsibleInput, { description: 'Who takes it on.' })
  responsible!: ResponsibleInput;

  @Field(() => Date, { description: 'Step deadline: in the future, at most a year ahead.' })
  dueAt!: Date;
}

@InputType({ description: 'Resolve (办结) a case.' })
export class ResolveCaseInput {
  @Field(() => ID, { description: 'The case.' })
  id!: string;

  @Field(() => Int, { description: 'The case version you saw; a stale one is CONFLICT.' })
  version!: number;

  @Field(() => String, { description: 'What was done, 1–2000 characters.' })
  resolution!: string;
}

@InputType({ description: 'The resident was told the result (结果反馈).' })
export class CaseFeedbackInput extends CaseActionInput {
  @Field(() => FeedbackChannel, { description: 'How they were told.' })
  channel!: FeedbackChannel;

  @Field(() => Date, {
    nullable: true,
    description: 'When they were told (default: now); not in the future nor before the resolution.',
  })
  at?: Date | null;
}

@InputType({ description: 'The resident’s rating, entered by staff.' })
export class RateCaseInput {
  @Field(() => ID, { description: 'The case.' })
  id!: string;

  @Field(() => Int, { description: 'The case version you saw; a stale one is CONFLICT.' })
  version!: number;

  @Field(() => Int, { description: 'Satisfaction 1 (very dissatisfied) to 5 (very satisfied).' })
  rating!: number;

  @Field(() => String, { nullable: true, description: 'The resident’s comment, up to 2000 characters.' })
  comment?: string | null;
}

@InputType({ description: 'Send a case to a joint meeting (联席会议).' })
export class SendToJointMeetingInput extends CaseActionInput {
  @Field(() => ID, { description: 'A scheduled meeting of the case’s community or street.' })
  meetingId!: string;
}

@InputType({ description: 'Ask for more time (申请延时).' })
export class RequestExtensionInput extends CaseReasonInput {
  @Field(() => Date, { description: 'The step deadline asked for: later than the current one.' })
  dueAt!: Date;
}

@InputType({ description: 'Approve an extension.' })
export class ApproveExtensionInput extends CaseActionInput {
  @Field(() => Date, { nullable: true, description: 'Grant another deadline than the one asked for.' })
  dueAt?: Date | null;
}

@InputType({ description: 'Schedule a joint meeting (联席会议).' })
export class ScheduleJointMeetingInput {
  @Field(() => ID, { description: 'The community or street convening it.' })
  convenerId!: string;

  @Field(() => String, { description: 'Title, 1–200 characters.' })
  title!: string;

  @Field(() => Date, { description: 'When: not in the past, at most a year ahead.' })
  scheduledAt!: Date;

  @Field(() => String, { nullable: true, description: 'Where.' })
  location?: string | null;

  @Field(() => [Department], { description: 'Departments attending (at least one).' })
  departments!: Department[];

  @Field(() => [String], { nullable: true, description: 'Other attending units, up to 20.' })
  attendees?: string[] | null;
}

@InputType({ description: 'A joint meeting’s decision on one case: who takes it on, by when.' })
export class JointMeetingDecisionInput {
  @Field(() => ID, { description: 'The meeting.' })
  meetingId!: string;

  @Field(() => ID, { description: 'The case on its agenda.' })
  caseId!: string;

  @Field(() => Int, { description: 'The case version you saw; a stale one is CONFLICT.' })
  version!: number;

  @Field(() => ResponsibleInput, { description: 'Who takes it on (usually a DEPARTMENT).' })
  responsible!: ResponsibleInput;

  @Field(() => Date, { description: 'By when: in the future, at most a year ahead.' })
  dueAt!: Date;

  @Field(() => String, { description: 'The decision, 1–2000 characters.' })
  decision!: string;
}

@InputType({ description: 'Filter for cases; all given conditions must hold.' })
export class CaseFilter {
  @Field(() => [CaseState], { nullable: true, description: 'Any of these states.' })
  states?: CaseState[] | null;

  @Field(() => ID, { nullable: true, description: 'Only this category.' })
  categoryId?: string | null;

  @Field(() => CaseScale, { nullable: true, description: 'Only this scale.' })
  scale?: CaseScale | null;

  @Field(() => CaseSource, { nullable: true, description: 'Only this source.' })
  source?: CaseSource | null;

  @Field(() => CaseLevel, { nullable: true, description: 'Only cases held at this level.' })
  level?: CaseLevel | null;

  @Field(() => ID, { nullable: true, description: 'Only this grid.' })
  gridId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only this community.' })
  communityId?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'true: only cases without a grid, waiting for triage.',
  })
  awaitingTriage?: boolean | null;

  @Field(() => ResponsibleKind, { nullable: true, description: 'Only this kind of responsible party.' })
  responsibleKind?: ResponsibleKind | null;

  @Field(() => Department, { nullable: true, description: 'Only cases with this responsible department.' })
  department?: Department | null;

  @Field(() => ID, { nullable: true, description: 'Only cases assigned to this staff member.' })
  assigneeId?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'true: open and past a deadline (step or overall); false: the others.',
  })
  overdue?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'true: open, not overdue, next deadline within 24 hours.',
  })
  dueSoon?: boolean | null;

  @Field(() => Date, { nullable: true, description: 'Reported at or after this time.' })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Reported before this time.' })
  to?: Date | null;

  @Field(() => String, { nullable: true, description: 'Title or description contains this text.' })
  text?: string | null;
}

@InputType({ description: 'Filter for joint meetings.' })
export class JointMeetingFilter {
  @Field(() => ID, { nullable: true, description: 'Only meetings of this community.' })
  communityId?: string | null;

  @Field(() => Date, { nullable: true, description: 'Scheduled at or after this time.' })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Scheduled before this time.' })
  to?: Date | null;
}

@InputType({ description: 'A new case category.' })
export class CreateCaseCategoryInput {
  @Field(() => String, { description: 'Unique code: letters, digits, "-", "_" or ".".' })
  code!: string;

  @Field(() => String, { description: 'Chinese name.' })
  nameZh!: string;

  @Field(() => String, { description: 'English name.' })
  nameEn!: string;

  @Field(() => CaseScale, { description: 'Default scale of new cases.' })
  defaultScale!: CaseScale;

  @Field(() => Int, { description: 'SLA hours, 1–8760.' })
  slaHours!: number;

  @Field(() => Boolean, { nullable: true, description: 'Small cases due the same day (default true).' })
  sameDay?: boolean | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Street the category belongs to; platform administrators may omit it for a shared category.',
  })
  streetId?: string | null;
}

@InputType({ description: 'Changes to a category; omitted fields stay as they are.' })
export class UpdateCaseCategoryInput {
  @Field(() => String, { nullable: true, description: 'Chinese name.' })
  nameZh?: string | null;

  @Field(() => String, { nullable: true, description: 'English name.' })
  nameEn?: string | null;

  @Field(() => CaseScale, { nullable: true, description: 'Default scale.' })
  defaultScale?: CaseScale | null;

  @Field(() => Int, { nullable: true, description: 'SLA hours, 1–8760 (applies to new cases).' })
  slaHours?: number | null;

  @Field(() => Boolean, { nullable: true, description: 'Small cases due the same day.' })
  sameDay?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether new cases may use it.' })
  active?: boolean | null;
}
