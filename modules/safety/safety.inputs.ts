import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, ID, InputType } from 'type-graphql';
import { CaseScale, FeedbackChannel } from '../../src/cases';
import {
  SafetyDisputeStatus,
  SafetyDisputeType,
  SafetyHazardStatus,
  SafetyHazardType,
  SafetyResponsibleParty,
} from './safety.entities';

@InputType({ description: 'Filter for hazards.' })
export class SafetyHazardFilter {
  @Field(() => ID, { nullable: true, description: 'Only hazards of this grid.' })
  gridId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only hazards of this micro-grid.' })
  microGridId?: string | null;

  @Field(() => SafetyHazardStatus, { nullable: true, description: 'Only in this status.' })
  status?: SafetyHazardStatus | null;

  @Field(() => SafetyHazardType, { nullable: true, description: 'Only this kind.' })
  hazardType?: SafetyHazardType | null;
}

@InputType({ description: 'Filter for the dispute ledger.' })
export class SafetyDisputeFilter {
  @Field(() => ID, { nullable: true, description: 'Only disputes of this grid.' })
  gridId?: string | null;

  @Field(() => SafetyDisputeStatus, { nullable: true, description: 'Only in this status.' })
  status?: SafetyDisputeStatus | null;

  @Field(() => SafetyResponsibleParty, { nullable: true, description: 'Only routed to this party.' })
  routedTo?: SafetyResponsibleParty | null;
}

@InputType({ description: 'A hazard found on a patrol, reported as a case.' })
export class ReportSafetyHazardInput {
  @Field(() => ID, { description: 'The patrol it was found on (a SafetyPatrolActivity).' })
  patrolId!: string;

  @Field(() => SafetyHazardType, { description: 'Kind of hazard.' })
  hazardType!: SafetyHazardType;

  @Field(() => String, { description: 'Short title (≤ 100 characters); also the case’s title.' })
  title!: string;

  @Field(() => String, { nullable: true, description: 'What was found (≤ 1000 characters).' })
  description?: string | null;

  @Field(() => String, { nullable: true, description: 'Where exactly (≤ 200 characters).' })
  location?: string | null;

  @Field(() => ID, { nullable: true, description: 'The building, of the same grid.' })
  buildingId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: "Case category; default: the grid's `hazardCategoryCode` setting (安全隐患).",
  })
  categoryId?: string | null;

  @Field(() => CaseScale, { nullable: true, description: 'Scale of the case; default: the category’s.' })
  scale?: CaseScale | null;
}

@InputType({ description: 'A dispute a resident brings, routed to the responsible party.' })
export class TakeSafetyDisputeInput {
  @Field(() => ID, { description: 'The grid (the safety module must be enabled there).' })
  gridId!: string;

  @Field(() => ID, { description: 'The resident bringing it, of the same grid.' })
  residentId!: string;

  @Field(() => SafetyDisputeType, { description: 'Kind of dispute.' })
  disputeType!: SafetyDisputeType;

  @Field(() => String, { description: 'What it is about (≤ 1000 characters).' })
  summary!: string;

  @Field(() => SafetyResponsibleParty, { description: 'Who it is routed to.' })
  routedTo!: SafetyResponsibleParty;

  @Field(() => ID, {
    nullable: true,
    description: 'The owners’ committee or property company, an organization of that kind in the community.',
  })
  organizationId?: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'When it was taken in; default today.' })
  receivedOn?: string | null;
}

@InputType({ description: 'The responsible party settled a dispute.' })
export class ResolveSafetyDisputeInput {
  @Field(() => ID, { description: 'The dispute (routed).' })
  id!: string;

  @Field(() => String, { description: 'How it was settled (≤ 2000 characters).' })
  outcome!: string;
}

@InputType({ description: 'The resident was told the result of a dispute.' })
export class GiveSafetyDisputeFeedbackInput {
  @Field(() => ID, { description: 'The dispute (settled).' })
  id!: string;

  @Field(() => FeedbackChannel, { description: 'How they were told.' })
  channel!: FeedbackChannel;

  @Field(() => Date, {
    nullable: true,
    description: 'When they were told (default: now); not in the future nor before it was settled.',
  })
  at?: Date | null;

  @Field(() => String, { nullable: true, description: 'What they were told, or said (≤ 1000 characters).' })
  note?: string | null;
}
