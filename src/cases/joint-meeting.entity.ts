import { ArrayType, Entity, Enum, Index, ManyToOne, Property, Unique, type Opt } from '@mikro-orm/postgresql';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity, Node, ScopedEntity } from '../db/base.entity';
import { Department } from '../staff';
import { CaseLevel, JointMeetingStatus, ResponsibleKind } from './case.enums';

/** 联席会议: departments meet at a community or street to take on major cases. */
@ObjectType('JointMeeting', {
  implements: Node,
  description:
    '联席会议 — a meeting of departments at a community or street that decides who takes on major cases.',
})
@Entity()
@Index({ properties: ['communityId', 'scheduledAt'] })
@Index({ properties: ['streetId', 'scheduledAt'] })
export class JointMeeting extends BaseEntity {
  @ManyToOne({ entity: 'Street', mapToPk: true, fieldName: 'street_id' })
  streetId!: string;

  /** Null for a street meeting. */
  @ManyToOne({ entity: 'Community', mapToPk: true, fieldName: 'community_id', nullable: true })
  communityId?: string | null;

  @Field(() => CaseLevel, { description: 'COMMUNITY or STREET: who convenes it.' })
  @Enum({ items: () => CaseLevel, nativeEnumName: 'case_level' })
  level!: CaseLevel;

  @Field(() => String, { description: 'Title, e.g. "2026年第3次社区联席会议".' })
  @Property({ type: 'string', length: 200 })
  title!: string;

  @Field(() => Date, { description: 'When it is (or was) held.' })
  @Property({ type: 'datetime' })
  scheduledAt!: Date;

  @Field(() => String, { nullable: true, description: 'Where it is held.' })
  @Property({ type: 'string', length: 200, nullable: true })
  location?: string | null;

  @Field(() => [Department], { description: 'Departments attending.' })
  @Property({ type: ArrayType })
  departments!: Department[];

  @Field(() => [String], { description: 'Other attending units, e.g. "物业公司", "业委会".' })
  @Property({ type: ArrayType })
  attendees: Opt<string[]> = [];

  @Field(() => JointMeetingStatus, { description: 'Scheduled, or held once a decision is recorded.' })
  @Enum({ items: () => JointMeetingStatus, nativeEnumName: 'joint_meeting_status' })
  status: Opt<JointMeetingStatus> = JointMeetingStatus.SCHEDULED;

  @Field(() => Date, { nullable: true, description: 'When the first decision was recorded.' })
  @Property({ type: 'datetime', nullable: true })
  heldAt?: Date | null;

  @Property({ type: 'uuid', nullable: true })
  createdById?: string | null;
}

/**
 * A case on a meeting's agenda, and the meeting's decision on it. Carries the case's placement so
 * that what a viewer sees of a meeting is limited by their jurisdiction in one indexed filter.
 */
@ObjectType('JointMeetingItem', {
  description: 'A case on a joint meeting’s agenda and the decision taken on it.',
})
@Entity()
@Unique({ properties: ['meetingId', 'caseId'] })
export class JointMeetingItem extends ScopedEntity {
  @ManyToOne({ entity: 'JointMeeting', mapToPk: true, fieldName: 'meeting_id', deleteRule: 'cascade' })
  meetingId!: string;

  @ManyToOne({ entity: 'Case', mapToPk: true, fieldName: 'case_id', index: true })
  caseId!: string;

  @Field(() => Date, { description: 'When the case was put on the agenda.' })
  @Property({ type: 'datetime' })
  addedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When the decision was recorded; null while pending.' })
  @Property({ type: 'datetime', nullable: true })
  decidedAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'The decision, in words.' })
  @Property({ type: 'text', nullable: true })
  decision?: string | null;

  @Field(() => ResponsibleKind, { nullable: true, description: 'Who takes the case on.' })
  @Enum({ items: () => ResponsibleKind, nativeEnumName: 'responsible_kind', nullable: true })
  responsibleKind?: ResponsibleKind | null;

  @Field(() => Department, { nullable: true, description: 'The department that takes it on.' })
  @Enum({ items: () => Department, nativeEnumName: 'department', nullable: true })
  department?: Department | null;

  @ManyToOne({ entity: 'Organization', mapToPk: true, fieldName: 'organization_id', nullable: true })
  organizationId?: string | null;

  @ManyToOne({ entity: 'StaffMember', mapToPk: true, fieldName: 'assignee_id', nullable: true })
  assigneeId?: string | null;

  @Field(() => Date, { nullable: true, description: 'By when.' })
  @Property({ type: 'datetime', nullable: true })
  dueAt?: Date | null;
}
