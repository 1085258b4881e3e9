import { Entity, Enum, Index, ManyToOne, Property, type Opt } from '@mikro-orm/postgresql';
import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { FeedbackChannel } from '../../src/cases';
import { LocalDateType, ModuleRecord, Node } from '../../src/modules';

export enum SafetyHazardType {
  FIRE = 'FIRE',
  ELECTRICAL = 'ELECTRICAL',
  GAS = 'GAS',
  STRUCTURAL = 'STRUCTURAL',
  TRAFFIC = 'TRAFFIC',
  PUBLIC_ORDER = 'PUBLIC_ORDER',
  OTHER = 'OTHER',
}
registerEnumType(SafetyHazardType, {
  name: 'SafetyHazardType',
  description: 'Kind of safety hazard found on patrol.',
  valuesConfig: {
    FIRE: { description: '消防隐患 fire (blocked exits, missing extinguishers, clutter in stairwells)' },
    ELECTRICAL: { description: '用电隐患 electrical (e-bikes charged indoors, loose wiring)' },
    GAS: { description: '燃气隐患 gas (ageing hoses, leaks)' },
    STRUCTURAL: { description: '建筑设施隐患 buildings and facilities (falling objects, broken railings)' },
    TRAFFIC: { description: '交通隐患 traffic (blocked fire lanes, dangerous parking)' },
    PUBLIC_ORDER: { description: '治安隐患 public order (broken access control, suspicious activity)' },
    OTHER: { description: '其他 other' },
  },
});

export enum SafetyHazardStatus {
  OPEN = 'OPEN',
  RESOLVED = 'RESOLVED',
  DISMISSED = 'DISMISSED',
}
registerEnumType(SafetyHazardStatus, {
  name: 'SafetyHazardStatus',
  description: 'Where a hazard stands; it follows its case.',
  valuesConfig: {
    OPEN: { description: '整改中 its case is open' },
    RESOLVED: { description: '已整改 its case was resolved' },
    DISMISSED: { description: '不予受理 its case was rejected (see resolution for why)' },
  },
});

export enum SafetyDisputeType {
  NEIGHBOUR = 'NEIGHBOUR',
  PROPERTY_SERVICE = 'PROPERTY_SERVICE',
  PARKING = 'PARKING',
  NOISE = 'NOISE',
  FAMILY = 'FAMILY',
  OTHER = 'OTHER',
}
registerEnumType(SafetyDisputeType, {
  name: 'SafetyDisputeType',
  description: 'Kind of dispute taken in.',
  valuesConfig: {
    NEIGHBOUR: { description: '邻里纠纷 between neighbours (leaks, shared spaces)' },
    PROPERTY_SERVICE: { description: '物业纠纷 with the property company' },
    PARKING: { description: '停车纠纷 parking' },
    NOISE: { description: '噪音纠纷 noise' },
    FAMILY: { description: '家庭纠纷 family' },
    OTHER: { description: '其他 other' },
  },
});

export enum SafetyResponsibleParty {
  COMMUNITY_GRID = 'COMMUNITY_GRID',
  RESIDENTIAL_BRANCH = 'RESIDENTIAL_BRANCH',
  OWNERS_COMMITTEE = 'OWNERS_COMMITTEE',
  PROPERTY_COMPANY = 'PROPERTY_COMPANY',
}
registerEnumType(SafetyResponsibleParty, {
  name: 'SafetyResponsibleParty',
  description: 'Who a dispute is routed to (责任主体).',
  valuesConfig: {
    COMMUNITY_GRID: { description: '社区网格 the community’s grid staff' },
    RESIDENTIAL_BRANCH: { description: '小区党支部 the residential party branch' },
    OWNERS_COMMITTEE: { description: '业委会 the owners’ committee' },
    PROPERTY_COMPANY: { description: '物业公司 the property company' },
  },
});

export enum SafetyDisputeStatus {
  ROUTED = 'ROUTED',
  RESOLVED = 'RESOLVED',
  FEEDBACK_GIVEN = 'FEEDBACK_GIVEN',
}
registerEnumType(SafetyDisputeStatus, {
  name: 'SafetyDisputeStatus',
  description: 'Where a dispute stands.',
  valuesConfig: {
    ROUTED: { description: '已分流 taken in and routed to the responsible party' },
    RESOLVED: { description: '已办结 the responsible party settled it' },
    FEEDBACK_GIVEN: { description: '已反馈 the resident was told the result' },
  },
});

/**
 * 隐患: a safety hazard a micro-grid chief found on patrol. It is reported as a case of the closed
 * loop (source PATROL) and follows it: resolved with it, open again if it is reopened.
 */
@ObjectType('SafetyHazard', {
  implements: Node,
  description: '隐患 — a safety hazard found on patrol, followed through its case.',
})
@Entity({ tableName: 'safety_hazard' })
@Index({ properties: ['gridId', 'foundAt'] })
@Index({ properties: ['gridId', 'status'] })
@Index({ properties: ['gridId', 'resolvedAt'] })
export class SafetyHazard extends ModuleRecord {
  /** The patrol (activity `safety.patrol`) it was found on. */
  @ManyToOne({ entity: 'Activity', mapToPk: true, fieldName: 'patrol_id', index: true })
  patrolId!: string;

  @ManyToOne({ entity: 'MicroGrid', mapToPk: true, fieldName: 'micro_grid_id', index: true })
  microGridId!: string;

  @ManyToOne({ entity: 'Building', mapToPk: true, fieldName: 'building_id', nullable: true })
  buildingId?: string | null;

  @Field(() => SafetyHazardType, { description: 'Kind of hazard.' })
  @Enum({ items: () => SafetyHazardType, nativeEnumName: 'safety_hazard_type' })
  hazardType!: SafetyHazardType;

  @Field(() => String, { description: 'Short title, e.g. "3号楼楼道堆放电动车".' })
  @Property({ type: 'string', length: 100 })
  title!: string;

  @Field(() => String, { nullable: true, description: 'What was found.' })
  @Property({ type: 'string', length: 1000, nullable: true })
  description?: string | null;

  @Field(() => String, { nullable: true, description: 'Where exactly, e.g. "2单元一楼楼梯间".' })
  @Property({ type: 'string', length: 200, nullable: true })
  location?: string | null;

  @Field(() => Date, { description: 'When it was found (the patrol’s time).' })
  @Property({ type: 'datetime' })
  foundAt!: Date;

  @Field(() => SafetyHazardStatus, { description: 'Where it stands.' })
  @Enum({ items: () => SafetyHazardStatus, nativeEnumName: 'safety_hazard_status' })
  status: Opt<SafetyHazardStatus> = SafetyHazardStatus.OPEN;

  @Field(() => String, {
    nullable: true,
    description: 'What was done (from its case), or why the case was rejected.',
  })
  @Property({ type: 'string', length: 2000, nullable: true })
  resolution?: string | null;

  @Field(() => Date, { nullable: true, description: 'When it was resolved; null unless resolved.' })
  @Property({ type: 'datetime', nullable: true })
  resolvedAt?: Date | null;
}

/**
 * 纠纷台账: a dispute a resident brought, routed to the party responsible for it, settled, and the
 * result told to the resident.
 */
@ObjectType('SafetyDispute', {
  implements: Node,
  description:
    '纠纷台账 — a dispute taken in, routed to the responsible party, with feedback to the resident.',
})
@Entity({ tableName: 'safety_dispute' })
@Index({ properties: ['gridId', 'receivedOn'] })
@Index({ properties: ['gridId', 'status'] })
export class SafetyDispute extends ModuleRecord {
  /** The resident who brought it, of the same grid (exposed through the masked Resident type). */
  @ManyToOne({ entity: 'Resident', mapToPk: true, fieldName: 'resident_id', index: true })
  residentId!: string;

  @Field(() => SafetyDisputeType, { description: 'Kind of dispute.' })
  @Enum({ items: () => SafetyDisputeType, nativeEnumName: 'safety_dispute_type' })
  disputeType!: SafetyDisputeType;

  @Field(() => String, { description: 'What it is about.' })
  @Property({ type: 'string', length: 1000 })
  summary!: string;

  @Field(() => GraphQLLocalDate, { description: 'When it was taken in.' })
  @Property({ type: LocalDateType })
  receivedOn!: string;

  @Field(() => SafetyResponsibleParty, { description: 'Who it was routed to.' })
  @Enum({ items: () => SafetyResponsibleParty, nativeEnumName: 'safety_responsible_party' })
  routedTo!: SafetyResponsibleParty;

  /** The owners' committee or property company, when named. */
  @ManyToOne({ entity: 'Organization', mapToPk: true, fieldName: 'organization_id', nullable: true })
  organizationId?: string | null;

  @Field(() => SafetyDisputeStatus, { description: 'Where it stands.' })
  @Enum({ items: () => SafetyDisputeStatus, nativeEnumName: 'safety_dispute_status' })
  status: Opt<SafetyDisputeStatus> = SafetyDisputeStatus.ROUTED;

  @Field(() => String, { nullable: true, description: 'How the responsible party settled it.' })
  @Property({ type: 'string', length: 2000, nullable: true })
  outcome?: string | null;

  @Field(() => Date, { nullable: true, description: 'When it was settled.' })
  @Property({ type: 'datetime', nullable: true })
  resolvedAt?: Date | null;

  @Field(() => FeedbackChannel, { nullable: true, description: 'How the resident was told the result.' })
  @Enum({ items: () => FeedbackChannel, nativeEnumName: 'feedback_channel', nullable: true })
  feedbackChannel?: FeedbackChannel | null;

  @Field(() => Date, { nullable: true, description: 'When the resident was told the result.' })
  @Property({ type: 'datetime', nullable: true })
  feedbackAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'What the resident was told, or said.' })
  @Property({ type: 'string', length: 1000, nullable: true })
  feedbackNote?: string | null;

  /** The user or API key that took it in; null for seeded history. */
  @Property({ type: 'uuid', nullable: true })
  recordedById?: string | null;
}
