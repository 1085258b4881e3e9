import { Entity, Enum, Index, ManyToOne, Property, Unique, type Opt } from '@mikro-orm/postgresql';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Node, ScopedEntity } from '../db/base.entity';
import { Department } from '../staff';
import { CaseLevel, CaseScale, CaseSource, CaseState, FeedbackChannel, ResponsibleKind } from './case.enums';

/**
 * 案件: a resident's problem or a hazard found on patrol, followed from the report to the
 * resident's rating. The grid is null only while a case waits for the community to triage it.
 * `version` guards every change: an action must name the version its client saw.
 */
@ObjectType('Case', {
  implements: Node,
  description: '案件 — a problem followed through the closed loop from report to the resident’s rating.',
})
@Entity({ tableName: 'case_record' })
@Unique({ properties: ['externalSystem', 'externalId'] })
@Index({ properties: ['gridId', 'state'] })
@Index({ properties: ['communityId', 'state'] })
@Index({ properties: ['state', 'dueAt'] })
@Index({ properties: ['state', 'overallDueAt'] })
@Index({ properties: ['gridId', 'reportedAt'] })
@Index({ properties: ['gridId', 'resolvedAt'] })
@Index({ properties: ['gridId', 'ratedAt'] })
// The case lists page on the id, newest first: a grid's or community's page is one index range.
@Index({ properties: ['gridId', 'id'] })
@Index({ properties: ['communityId', 'id'] })
export class Case extends ScopedEntity {
  @ManyToOne({ entity: 'MicroGrid', mapToPk: true, fieldName: 'micro_grid_id', nullable: true })
  microGridId?: string | null;

  @ManyToOne({ entity: 'Building', mapToPk: true, fieldName: 'building_id', nullable: true })
  buildingId?: string | null;

  @ManyToOne({ entity: 'Household', mapToPk: true, fieldName: 'household_id', nullable: true, index: true })
  householdId?: string | null;

  /** Only ever exposed through the people feature's masked Resident type. */
  @ManyToOne({
    entity: 'Resident',
    mapToPk: true,
    fieldName: 'reporter_resident_id',
    nullable: true,
    index: true,
  })
  reporterResidentId?: string | null;

  @ManyToOne({ entity: 'CaseCategory', mapToPk: true, fieldName: 'category_id', index: true })
  categoryId!: string;

  @Field(() => CaseSource, { description: 'Where the case came from.' })
  @Enum({ items: () => CaseSource, nativeEnumName: 'case_source' })
  source!: CaseSource;

  @Field(() => CaseScale, { description: 'Small matter (grid) or major one (joint meeting).' })
  @Enum({ items: () => CaseScale, nativeEnumName: 'case_scale' })
  scale!: CaseScale;

  @Field(() => String, { description: 'Short title, e.g. "3号楼楼顶漏水".' })
  @Property({ type: 'string', length: 100 })
  title!: string;

  @Field(() => String, { nullable: true, description: 'What is wrong, in the reporter’s words.' })
  @Property({ type: 'text', nullable: true })
  description?: string | null;

  @Field(() => CaseState, { description: 'Current state.' })
  @Enum({ items: () => CaseState, nativeEnumName: 'case_state' })
  state!: CaseState;

  @Field(() => CaseLevel, { description: 'The level that holds the case now: grid, community or street.' })
  @Enum({ items: () => CaseLevel, nativeEnumName: 'case_level' })
  level!: CaseLevel;

  @Field(() => ResponsibleKind, {
    nullable: true,
    description: 'Responsible party (责任主体), once assigned.',
  })
  @Enum({ items: () => ResponsibleKind, nativeEnumName: 'responsible_kind', nullable: true })
  responsibleKind?: ResponsibleKind | null;

  @Field(() => Department, {
    nullable: true,
    description: 'The department, when a department is responsible.',
  })
  @Enum({ items: () => Department, nativeEnumName: 'department', nullable: true })
  department?: Department | null;

  /** A property company or owners' committee. */
  @ManyToOne({
    entity: 'Organization',
    mapToPk: true,
    fieldName: 'responsible_organization_id',
    nullable: true,
  })
  responsibleOrganizationId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Name of the responsible party when it is not a record here, e.g. "幸福小区党支部".',
  })
  @Property({ type: 'string', length: 100, nullable: true })
  responsibleName?: string | null;

  @ManyToOne({ entity: 'StaffMember', mapToPk: true, fieldName: 'assignee_id', nullable: true, index: true })
  assigneeId?: string | null;

  @ManyToOne({
    entity: 'JointMeeting',
    mapToPk: true,
    fieldName: 'joint_meeting_id',
    nullable: true,
    index: true,
  })
  jointMeetingId?: string | null;

  @Field(() => Date, { description: 'When the case was reported.' })
  @Property({ type: 'datetime' })
  reportedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When it was last accepted (受理).' })
  @Property({ type: 'datetime', nullable: true })
  acceptedAt?: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it was last assigned (分派).' })
  @Property({ type: 'datetime', nullable: true })
  assignedAt?: Date | null;

  @Field(() => Date, { nullable: true, description: 'When handling last started.' })
  @Property({ type: 'datetime', nullable: true })
  startedAt?: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it was resolved (办结); cleared by a reopen.' })
  @Property({ type: 'datetime', nullable: true })
  resolvedAt?: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it was closed.' })
  @Property({ type: 'datetime', nullable: true })
  closedAt?: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it was rejected.' })
  @Property({ type: 'datetime', nullable: true })
  rejectedAt?: Date | null;

  /** Numbers the deadlines: every reset of the step deadline starts a new step. */
  @Field(() => Int, {
    description: 'Number of the current SLA step; each reset of the step deadline adds one.',
  })
  @Property({ type: 'integer', default: 1 })
  stepNo: Opt<number> = 1;

  @Field(() => Date, { description: 'When the current SLA step began.' })
  @Property({ type: 'datetime' })
  stepStartedAt!: Date;

  @Field(() => Date, {
    description: 'Step deadline: reset by an assignment, an escalation, an approved extension or a reopen.',
  })
  @Property({ type: 'datetime' })
  dueAt!: Date;

  @Field(() => Date, { description: 'Overall deadline, set at the report; it never resets.' })
  @Property({ type: 'datetime' })
  overallDueAt!: Date;

  @Field(() => Date, {
    nullable: true,
    description: 'The new step deadline asked for by a pending extension request.',
  })
  @Property({ type: 'datetime', nullable: true })
  requestedDueAt?: Date | null;

  @Field(() => Float, { nullable: true, description: 'Longitude (WGS84) of the reported place.' })
  @Property({ type: 'double', nullable: true })
  lng?: number | null;

  @Field(() => Float, { nullable: true, description: 'Latitude (WGS84) of the reported place.' })
  @Property({ type: 'double', nullable: true })
  lat?: number | null;

  @Field(() => String, { nullable: true, description: 'Where it is, in words, e.g. "东湖路103号楼下".' })
  @Property({ type: 'string', length: 300, nullable: true })
  address?: string | null;

  @Field(() => String, { nullable: true, description: 'What was done (办结结果).' })
  @Property({ type: 'text', nullable: true })
  resolution?: string | null;

  @Field(() => String, { nullable: true, description: 'Why the case was rejected.' })
  @Property({ type: 'text', nullable: true })
  rejectReason?: string | null;

  @Field(() => FeedbackChannel, { nullable: true, description: 'How the resident was told the result.' })
  @Enum({ items: () => FeedbackChannel, nativeEnumName: 'feedback_channel', nullable: true })
  feedbackChannel?: FeedbackChannel | null;

  @Field(() => Date, { nullable: true, description: 'When the resident was told the result.' })
  @Property({ type: 'datetime', nullable: true })
  feedbackAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'What the resident was told or said.' })
  @Property({ type: 'text', nullable: true })
  feedbackNote?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Satisfaction 1–5 (4–5 count as satisfied); cleared by a reopen.',
  })
  @Property({ type: 'smallint', nullable: true })
  rating?: number | null;

  @Field(() => String, { nullable: true, description: 'The resident’s comment with the rating.' })
  @Property({ type: 'text', nullable: true })
  ratingComment?: string | null;

  @Field(() => Date, { nullable: true, description: 'When the rating was recorded.' })
  @Property({ type: 'datetime', nullable: true })
  ratedAt?: Date | null;

  @Field(() => Int, {
    description: 'Times the case was escalated (grid → community → street or to a joint meeting).',
  })
  @Property({ type: 'integer', default: 0 })
  escalationCount: Opt<number> = 0;

  @Field(() => Int, {
    description: 'Times a supervisor sent the case back (督办), counted against the grid.',
  })
  @Property({ type: 'integer', default: 0 })
  supervisionCount: Opt<number> = 0;

  @Field(() => Int, { description: 'Times an extension was approved.' })
  @Property({ type: 'integer', default: 0 })
  extensionCount: Opt<number> = 0;

  @Field(() => Int, { description: 'Times the case was reopened.' })
  @Property({ type: 'integer', default: 0 })
  reopenCount: Opt<number> = 0;

  /** User or API key that reported the case. */
  @Property({ type: 'uuid', nullable: true })
  reportedById?: string | null;

  @Field(() => String, { nullable: true, description: 'Name of the district system that sent the case.' })
  @Property({ type: 'string', length: 64, nullable: true })
  externalSystem?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The case’s id in that system (e.g. the 12345 ticket number).',
  })
  @Property({ type: 'string', length: 128, nullable: true })
  externalId?: string | null;

  @Field(() => Int, { description: 'Optimistic-lock version: pass it back with every action.' })
  @Property({ type: 'integer', version: true })
  version!: Opt<number>;
}
