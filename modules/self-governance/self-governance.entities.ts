import { Entity, Enum, Index, ManyToOne, Property, Unique, type Opt } from '@mikro-orm/postgresql';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLLocalDate } from 'graphql-scalars';
import { LocalDateType, ModuleRecord, Node } from '../../src/modules';

/** Where a residents' matter stands, from proposal to evaluation. */
export enum SelfGovernanceStage {
  PROPOSED = 'PROPOSED',
  DISCUSSING = 'DISCUSSING',
  VOTING = 'VOTING',
  REJECTED = 'REJECTED',
  APPROVED = 'APPROVED',
  FUNDING = 'FUNDING',
  IN_EXECUTION = 'IN_EXECUTION',
  COMPLETED = 'COMPLETED',
  EVALUATED = 'EVALUATED',
}
registerEnumType(SelfGovernanceStage, {
  name: 'SelfGovernanceStage',
  description:
    "Stage of a residents' matter: PROPOSED → DISCUSSING → VOTING → (REJECTED | APPROVED) → FUNDING → IN_EXECUTION → COMPLETED → EVALUATED.",
  valuesConfig: {
    PROPOSED: { description: '民事民提 proposed by a resident' },
    DISCUSSING: { description: '民事民议 under discussion' },
    VOTING: { description: '民事民决 the households are voting' },
    REJECTED: { description: '未通过 rejected by the vote (or no quorum)' },
    APPROVED: { description: '已通过 approved by the vote' },
    FUNDING: { description: '民事民筹 raising funds' },
    IN_EXECUTION: { description: '民事民办 being carried out' },
    COMPLETED: { description: '已完成 completed' },
    EVALUATED: { description: '已评价 evaluated by the residents' },
  },
});

export enum SelfGovernanceCategory {
  ENVIRONMENT = 'ENVIRONMENT',
  FACILITY = 'FACILITY',
  SAFETY = 'SAFETY',
  PARKING = 'PARKING',
  NEIGHBOURHOOD = 'NEIGHBOURHOOD',
  OTHER = 'OTHER',
}
registerEnumType(SelfGovernanceCategory, {
  name: 'SelfGovernanceCategory',
  description: "What a residents' matter is about.",
  valuesConfig: {
    ENVIRONMENT: { description: '环境卫生 environment' },
    FACILITY: { description: '设施改善 facilities' },
    SAFETY: { description: '平安建设 safety' },
    PARKING: { description: '停车管理 parking' },
    NEIGHBOURHOOD: { description: '邻里公约 neighbourhood rules' },
    OTHER: { description: '其他 other' },
  },
});

export enum SelfGovernanceChoice {
  FOR = 'FOR',
  AGAINST = 'AGAINST',
  ABSTAIN = 'ABSTAIN',
}
registerEnumType(SelfGovernanceChoice, {
  name: 'SelfGovernanceChoice',
  description: "A household's ballot.",
  valuesConfig: {
    FOR: { description: '赞成 for' },
    AGAINST: { description: '反对 against' },
    ABSTAIN: { description: '弃权 abstain (counts as cast)' },
  },
});

/** 居民自治事项: a matter residents of a grid propose, discuss, decide, fund, carry out and evaluate. */
@ObjectType('SelfGovernanceMatter', {
  implements: Node,
  description: "居民自治事项 — a residents' matter from proposal (民事民提) to evaluation.",
})
@Entity({ tableName: 'self_governance_matter' })
@Index({ properties: ['gridId', 'stage'] })
@Index({ properties: ['gridId', 'proposedAt'] })
@Index({ properties: ['gridId', 'completedAt'] })
export class SelfGovernanceMatter extends ModuleRecord {
  @Field(() => String, { description: 'Title, e.g. "楼道加装感应灯".' })
  @Property({ type: 'string', length: 200 })
  title!: string;

  @Field(() => String, { description: 'What is proposed and why.' })
  @Property({ type: 'text' })
  description!: string;

  @Field(() => SelfGovernanceCategory, { description: 'What it is about.' })
  @Enum({ items: () => SelfGovernanceCategory, nativeEnumName: 'self_governance_category' })
  category!: SelfGovernanceCategory;

  @ManyToOne({ entity: 'Resident', mapToPk: true, fieldName: 'proposer_resident_id', index: true })
  proposerResidentId!: string;

  @ManyToOne({ entity: 'Household', mapToPk: true, fieldName: 'proposer_household_id', nullable: true })
  proposerHouseholdId?: string | null;

  @Field(() => SelfGovernanceStage, { description: 'Where it stands.' })
  @Enum({ items: () => SelfGovernanceStage, nativeEnumName: 'self_governance_stage' })
  stage!: SelfGovernanceStage;

  @Field(() => Date, { description: 'When it was proposed.' })
  @Property({ type: 'datetime' })
  proposedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When discussion started.' })
  @Property({ type: 'datetime', nullable: true })
  discussionStartedAt?: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the vote closed and decided it.' })
  @Property({ type: 'datetime', nullable: true })
  decidedAt?: Date | null;

  /** Funding goal in fen; null when no goal was set. */
  @Property({ type: 'integer', nullable: true })
  fundingGoalFen?: number | null;

  @Field(() => Date, { nullable: true, description: 'When fund-raising started.' })
  @Property({ type: 'datetime', nullable: true })
  fundingStartedAt?: Date | null;

  @Field(() => Date, { nullable: true, description: 'When work started.' })
  @Property({ type: 'datetime', nullable: true })
  executionStartedAt?: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it was completed.' })
  @Property({ type: 'datetime', nullable: true })
  completedAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'What was done, recorded on completion.' })
  @Property({ type: 'string', length: 1000, nullable: true })
  resultNote?: string | null;

  @Field(() => Int, { nullable: true, description: "Residents' evaluation, 1 (poor) to 5 (excellent)." })
  @Property({ type: 'smallint', nullable: true })
  evaluationScore?: number | null;

  @Field(() => String, { nullable: true, description: 'What the residents said in the evaluation.' })
  @Property({ type: 'string', length: 1000, nullable: true })
  evaluationNote?: string | null;

  @Field(() => Date, { nullable: true, description: 'When it was evaluated.' })
  @Property({ type: 'datetime', nullable: true })
  evaluatedAt?: Date | null;

  /** Two stage changes at once: the second is refused (CONFLICT), never lost. */
  @Property({ type: 'integer', version: true })
  version: Opt<number> = 1;
}

/** 民事民决: the vote on a matter, one household one vote. */
@ObjectType('SelfGovernanceVote', {
  implements: Node,
  description: "民事民决 — the households' vote on a matter. Counts per choice are shown once it has closed.",
})
@Entity({ tableName: 'self_governance_vote' })
@Unique({ properties: ['matterId'] })
@Index({ properties: ['gridId', 'closedAt'] })
export class SelfGovernanceVote extends ModuleRecord {
  @ManyToOne({ entity: 'SelfGovernanceMatter', mapToPk: true, fieldName: 'matter_id' })
  matterId!: string;

  @Field(() => String, { description: 'The question put to the households.' })
  @Property({ type: 'string', length: 500 })
  question!: string;

  @Field(() => Date, { description: 'When voting opened.' })
  @Property({ type: 'datetime' })
  openedAt!: Date;

  @Field(() => Date, { description: 'Voting ends at this time.' })
  @Property({ type: 'datetime' })
  closesAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When it was closed and counted; null while open.' })
  @Property({ type: 'datetime', nullable: true })
  closedAt?: Date | null;

  @Field(() => Int, {
    description: 'Quorum of the vote, percent of households (the setting when it opened).',
  })
  @Property({ type: 'smallint' })
  quorumPercent!: number;

  @Field(() => Int, {
    description: 'Majority of the vote, percent of votes cast (the setting when it opened).',
  })
  @Property({ type: 'smallint' })
  majorityPercent!: number;

  /** Households of the grid when the vote closed. */
  @Property({ type: 'integer', nullable: true })
  eligibleAtClose?: number | null;

  @Property({ type: 'integer', nullable: true })
  forVotes?: number | null;

  @Property({ type: 'integer', nullable: true })
  againstVotes?: number | null;

  @Property({ type: 'integer', nullable: true })
  abstainVotes?: number | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether it passed; null while open.' })
  @Property({ type: 'boolean', nullable: true })
  approved?: boolean | null;

  @Property({ type: 'integer', version: true })
  version: Opt<number> = 1;
}

/** A household's ballot; the unique key makes "one household, one vote" hold under concurrency. */
@ObjectType('SelfGovernanceBallot', {
  implements: Node,
  description: "A household's ballot. The choice is shown once the vote has closed.",
})
@Entity({ tableName: 'self_governance_ballot' })
@Unique({ properties: ['voteId', 'householdId'] })
export class SelfGovernanceBallot extends ModuleRecord {
  @ManyToOne({ entity: 'SelfGovernanceVote', mapToPk: true, fieldName: 'vote_id' })
  voteId!: string;

  @ManyToOne({ entity: 'Household', mapToPk: true, fieldName: 'household_id', index: true })
  householdId!: string;

  /** The member of the household who cast it, when recorded. */
  @ManyToOne({ entity: 'Resident', mapToPk: true, fieldName: 'resident_id', nullable: true })
  residentId?: string | null;

  @Enum({ items: () => SelfGovernanceChoice, nativeEnumName: 'self_governance_choice' })
  choice!: SelfGovernanceChoice;

  @Field(() => Date, { description: 'When it was cast.' })
  @Property({ type: 'datetime' })
  castAt!: Date;
}

/** 民事民筹: a pledge of money towards a matter. Amounts are whole fen. */
@ObjectType('SelfGovernancePledge', {
  implements: Node,
  description: '民事民筹 — a pledge towards a matter, and what of it was received.',
})
@Entity({ tableName: 'self_governance_pledge' })
export class SelfGovernancePledge extends ModuleRecord {
  @ManyToOne({ entity: 'SelfGovernanceMatter', mapToPk: true, fieldName: 'matter_id', index: true })
  matterId!: string;

  /** The pledging household, when a household of the grid pledged. */
  @ManyToOne({ entity: 'Household', mapToPk: true, fieldName: 'household_id', nullable: true, index: true })
  householdId?: string | null;

  @Field(() => String, { description: 'Who pledged (a household, the property company, a unit...).' })
  @Property({ type: 'string', length: 100 })
  pledgerName!: string;

  @Property({ type: 'integer' })
  amountFen!: number;

  /** Sum of the receipts, kept with the version so that two receipts at once cannot both pass the check. */
  @Property({ type: 'integer', default: 0 })
  receivedFen: Opt<number> = 0;

  @Field(() => GraphQLLocalDate, { description: 'When it was pledged.' })
  @Property({ type: LocalDateType })
  pledgedOn!: string;

  @Field(() => String, { nullable: true, description: 'Notes.' })
  @Property({ type: 'string', length: 500, nullable: true })
  note?: string | null;

  @Property({ type: 'integer', version: true })
  version: Opt<number> = 1;
}

/** Money received on a pledge: dated, so "funds raised" can be counted per period. */
@ObjectType('SelfGovernanceReceipt', { implements: Node, description: 'Money received on a pledge.' })
@Entity({ tableName: 'self_governance_receipt' })
@Index({ properties: ['gridId', 'receivedAt'] })
export class SelfGovernanceReceipt extends ModuleRecord {
  @ManyToOne({ entity: 'SelfGovernancePledge', mapToPk: true, fieldName: 'pledge_id', index: true })
  pledgeId!: string;

  @Property({ type: 'integer' })
  amountFen!: number;

  @Field(() => Date, { description: 'When it was received.' })
  @Property({ type: 'datetime' })
  receivedAt!: Date;
}
