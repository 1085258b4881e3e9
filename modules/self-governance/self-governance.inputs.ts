import { Field, ID, InputType, Int } from 'type-graphql';
import {
  SelfGovernanceCategory,
  SelfGovernanceChoice,
  SelfGovernanceStage,
} from './self-governance.entities';

@InputType({ description: "Filter for residents' matters." })
export class SelfGovernanceMatterFilter {
  @Field(() => ID, { nullable: true, description: 'Only matters of this grid.' })
  gridId?: string | null;

  @Field(() => [SelfGovernanceStage], { nullable: true, description: 'Only matters in these stages.' })
  stages?: SelfGovernanceStage[] | null;
}

@InputType({ description: 'Filter for ballots and pledges.' })
export class SelfGovernanceRecordFilter {
  @Field(() => ID, { nullable: true, description: 'Only those of this grid.' })
  gridId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only those of this matter.' })
  matterId?: string | null;
}

@InputType({ description: '民事民提: a resident of the grid proposes a matter.' })
export class ProposeSelfGovernanceMatterInput {
  @Field(() => ID, { description: 'The proposing resident; the matter belongs to their grid.' })
  proposerResidentId!: string;

  @Field(() => String, { description: 'Title (up to 200 characters).' })
  title!: string;

  @Field(() => String, { description: 'What is proposed and why (up to 5000 characters).' })
  description!: string;

  @Field(() => SelfGovernanceCategory, { nullable: true, description: 'What it is about; default OTHER.' })
  category?: SelfGovernanceCategory | null;
}

@InputType({ description: 'A matter to move on.' })
export class SelfGovernanceMatterRefInput {
  @Field(() => ID, { description: 'The matter.' })
  matterId!: string;
}

@InputType({ description: "民事民决: open the households' vote on a matter under discussion." })
export class OpenSelfGovernanceVoteInput {
  @Field(() => ID, { description: 'The matter (DISCUSSING).' })
  matterId!: string;

  @Field(() => String, { nullable: true, description: "The question; default: the matter's title." })
  question?: string | null;

  @Field(() => Date, {
    nullable: true,
    description: "When voting ends (within 90 days); default: after the grid's `voteDays`.",
  })
  closesAt?: Date | null;
}

@InputType({ description: "A household's ballot." })
export class CastSelfGovernanceBallotInput {
  @Field(() => ID, { description: 'The matter being voted on.' })
  matterId!: string;

  @Field(() => ID, { description: "The household (of the matter's grid): one household, one vote." })
  householdId!: string;

  @Field(() => ID, { nullable: true, description: 'The member of the household who voted.' })
  residentId?: string | null;

  @Field(() => SelfGovernanceChoice, { description: 'The choice.' })
  choice!: SelfGovernanceChoice;
}

@InputType({ description: '民事民筹: start raising funds for an approved matter.' })
export class StartSelfGovernanceFundingInput {
  @Field(() => ID, { description: 'The matter (APPROVED).' })
  matterId!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Funding goal in yuan, e.g. "3000.00"; the work starts only once this much was received.',
  })
  goalYuan?: string | null;
}

@InputType({ description: 'A pledge towards a matter that is raising funds.' })
export class PledgeSelfGovernanceFundsInput {
  @Field(() => ID, { description: 'The matter (FUNDING).' })
  matterId!: string;

  @Field(() => ID, { nullable: true, description: "The pledging household (of the matter's grid)." })
  householdId?: string | null;

  @Field(() => String, { nullable: true, description: "Who pledged; default: the household's address." })
  pledgerName?: string | null;

  @Field(() => String, { description: 'Amount in yuan with at most two decimals, e.g. "200.50".' })
  amountYuan!: string;

  @Field(() => String, { nullable: true, description: 'Date pledged (YYYY-MM-DD); default: today.' })
  pledgedOn?: string | null;

  @Field(() => String, { nullable: true, description: 'Notes.' })
  note?: string | null;
}

@InputType({ description: 'Money received on a pledge.' })
export class ReceiveSelfGovernanceFundsInput {
  @Field(() => ID, { description: 'The pledge.' })
  pledgeId!: string;

  @Field(() => String, { description: 'Amount in yuan, at most what is still outstanding on the pledge.' })
  amountYuan!: string;
}

@InputType({ description: 'Mark a matter being carried out as completed.' })
export class CompleteSelfGovernanceMatterInput {
  @Field(() => ID, { description: 'The matter (IN_EXECUTION).' })
  matterId!: string;

  @Field(() => String, { nullable: true, description: 'What was done.' })
  resultNote?: string | null;
}

@InputType({ description: "The residents' evaluation of a completed matter." })
export class EvaluateSelfGovernanceMatterInput {
  @Field(() => ID, { description: 'The matter (COMPLETED).' })
  matterId!: string;

  @Field(() => Int, { description: 'Score from 1 (poor) to 5 (excellent).' })
  score!: number;

  @Field(() => String, { nullable: true, description: 'What the residents said.' })
  note?: string | null;
}
