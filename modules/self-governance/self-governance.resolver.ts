import {
  Arg,
  Args,
  Ctx,
  FieldResolver,
  Float,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { Household, Resident } from '../../src/people';
import {
  byId,
  ConnectionType,
  decodeIds,
  fenToYuan,
  PageArgs,
  percent,
  toPage,
  type ConnectionResult,
  type RequestContext,
} from '../../src/modules';
import {
  SelfGovernanceBallot,
  SelfGovernanceChoice,
  SelfGovernanceMatter,
  SelfGovernancePledge,
  SelfGovernanceReceipt,
  SelfGovernanceStage,
  SelfGovernanceVote,
} from './self-governance.entities';
import {
  CastSelfGovernanceBallotInput,
  CompleteSelfGovernanceMatterInput,
  EvaluateSelfGovernanceMatterInput,
  OpenSelfGovernanceVoteInput,
  PledgeSelfGovernanceFundsInput,
  ProposeSelfGovernanceMatterInput,
  ReceiveSelfGovernanceFundsInput,
  SelfGovernanceMatterFilter,
  SelfGovernanceMatterRefInput,
  SelfGovernanceRecordFilter,
  StartSelfGovernanceFundingInput,
} from './self-governance.inputs';
import * as service from './self-governance.service';
import { NEXT_STAGES } from './self-governance.stages';

@ObjectType({ description: "A page of residents' matters." })
export class SelfGovernanceMatterConnection extends ConnectionType(
  SelfGovernanceMatter,
  'SelfGovernanceMatter',
) {}

@ObjectType({ description: 'A page of ballots.' })
export class SelfGovernanceBallotConnection extends ConnectionType(
  SelfGovernanceBallot,
  'SelfGovernanceBallot',
) {}

@ObjectType({ description: 'A page of pledges.' })
export class SelfGovernancePledgeConnection extends ConnectionType(
  SelfGovernancePledge,
  'SelfGovernancePledge',
) {}

const MATTER_ID = { matterId: 'SelfGovernanceMatter' } as const;
const RECORD_FILTER_IDS = { gridId: 'Grid', matterId: 'SelfGovernanceMatter' } as const;
const matterId = (input: { matterId: string }) => decodeIds(input, MATTER_ID).matterId;

@Resolver()
export class SelfGovernanceResolver {
  @Query(() => SelfGovernanceMatterConnection, { description: "Residents' matters of your jurisdiction." })
  selfGovernanceMatters(
    @Ctx() ctx: RequestContext,
    @Args() page: PageArgs,
    @Arg('filter', () => SelfGovernanceMatterFilter, { nullable: true })
    filter?: SelfGovernanceMatterFilter | null,
  ): Promise<ConnectionResult<SelfGovernanceMatter>> {
    return service.listMatters(ctx, decodeIds(filter, { gridId: 'Grid' }, 'filter'), toPage(page));
  }

  @Query(() => SelfGovernanceBallotConnection, { description: 'Ballots of your jurisdiction.' })
  selfGovernanceBallots(
    @Ctx() ctx: RequestContext,
    @Args() page: PageArgs,
    @Arg('filter', () => SelfGovernanceRecordFilter, { nullable: true })
    filter?: SelfGovernanceRecordFilter | null,
  ): Promise<ConnectionResult<SelfGovernanceBallot>> {
    return service.listBallots(ctx, decodeIds(filter, RECORD_FILTER_IDS, 'filter'), toPage(page));
  }

  @Query(() => SelfGovernancePledgeConnection, { description: 'Funding pledges of your jurisdiction.' })
  selfGovernancePledges(
    @Ctx() ctx: RequestContext,
    @Args() page: PageArgs,
    @Arg('filter', () => SelfGovernanceRecordFilter, { nullable: true })
    filter?: SelfGovernanceRecordFilter | null,
  ): Promise<ConnectionResult<SelfGovernancePledge>> {
    return service.listPledges(ctx, decodeIds(filter, RECORD_FILTER_IDS, 'filter'), toPage(page));
  }

  @Mutation(() => SelfGovernanceMatter, { description: '民事民提: a resident proposes a matter (PROPOSED).' })
  proposeSelfGovernanceMatter(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => ProposeSelfGovernanceMatterInput) input: ProposeSelfGovernanceMatterInput,
  ): Promise<SelfGovernanceMatter> {
    return service.propose(ctx, decodeIds(input, { proposerResidentId: 'Resident' }));
  }

  @Mutation(() => SelfGovernanceMatter, {
    description: '民事民议: start discussing a matter (PROPOSED → DISCUSSING).',
  })
  startSelfGovernanceDiscussion(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => SelfGovernanceMatterRefInput) input: SelfGovernanceMatterRefInput,
  ): Promise<SelfGovernanceMatter> {
    return service.startDiscussion(ctx, matterId(input));
  }

  @Mutation(() => SelfGovernanceVote, {
    description: "民事民决: open the households' vote (DISCUSSING → VOTING).",
  })
  openSelfGovernanceVote(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => OpenSelfGovernanceVoteInput) input: OpenSelfGovernanceVoteInput,
  ): Promise<SelfGovernanceVote> {
    return service.openVote(ctx, decodeIds(input, MATTER_ID));
  }

  @Mutation(() => SelfGovernanceBallot, {
    description: "Record a household's ballot while the vote is open.",
  })
  castSelfGovernanceBallot(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => CastSelfGovernanceBallotInput) input: CastSelfGovernanceBallotInput,
  ): Promise<SelfGovernanceBallot> {
    return service.castBallot(
      ctx,
      decodeIds(input, { ...MATTER_ID, householdId: 'Household', residentId: 'Resident' }),
    );
  }

  @Mutation(() => SelfGovernanceVote, {
    description:
      'Close and count the vote (VOTING → APPROVED or REJECTED): after its closing time, or earlier once every household voted.',
  })
  closeSelfGovernanceVote(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => SelfGovernanceMatterRefInput) input: SelfGovernanceMatterRefInput,
  ): Promise<SelfGovernanceVote> {
    return service.closeVote(ctx, matterId(input));
  }

  @Mutation(() => SelfGovernanceMatter, {
    description: '民事民筹: start raising funds (APPROVED → FUNDING).',
  })
  startSelfGovernanceFunding(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => StartSelfGovernanceFundingInput) input: StartSelfGovernanceFundingInput,
  ): Promise<SelfGovernanceMatter> {
    return service.startFunding(ctx, decodeIds(input, MATTER_ID));
  }

  @Mutation(() => SelfGovernancePledge, {
    description: 'Pledge funds towards a matter that is raising funds.',
  })
  pledgeSelfGovernanceFunds(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => PledgeSelfGovernanceFundsInput) input: PledgeSelfGovernanceFundsInput,
  ): Promise<SelfGovernancePledge> {
    return service.pledge(ctx, decodeIds(input, { ...MATTER_ID, householdId: 'Household' }));
  }

  @Mutation(() => SelfGovernanceReceipt, { description: 'Record money received on a pledge.' })
  receiveSelfGovernanceFunds(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => ReceiveSelfGovernanceFundsInput) input: ReceiveSelfGovernanceFundsInput,
  ): Promise<SelfGovernanceReceipt> {
    return service.receive(ctx, decodeIds(input, { pledgeId: 'SelfGovernancePledge' }));
  }

  @Mutation(() => SelfGovernanceMatter, {
    description: '民事民办: start the work (FUNDING → IN_EXECUTION), once the funds received reach the goal.',
  })
  startSelfGovernanceExecution(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => SelfGovernanceMatterRefInput) input: SelfGovernanceMatterRefInput,
  ): Promise<SelfGovernanceMatter> {
    return service.startExecution(ctx, matterId(input));
  }

  @Mutation(() => SelfGovernanceMatter, { description: 'Mark the work done (IN_EXECUTION → COMPLETED).' })
  completeSelfGovernanceMatter(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => CompleteSelfGovernanceMatterInput) input: CompleteSelfGovernanceMatterInput,
  ): Promise<SelfGovernanceMatter> {
    return service.complete(ctx, decodeIds(input, MATTER_ID));
  }

  @Mutation(() => SelfGovernanceMatter, {
    description: "Record the residents' evaluation (COMPLETED → EVALUATED).",
  })
  evaluateSelfGovernanceMatter(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => EvaluateSelfGovernanceMatterInput) input: EvaluateSelfGovernanceMatterInput,
  ): Promise<SelfGovernanceMatter> {
    return service.evaluate(ctx, decodeIds(input, MATTER_ID));
  }
}

@Resolver(() => SelfGovernanceMatter)
export class SelfGovernanceMatterFieldResolver {
  @FieldResolver(() => Resident, { description: 'The resident who proposed it.' })
  async proposer(@Ctx() ctx: RequestContext, @Root() m: SelfGovernanceMatter): Promise<Resident> {
    return (await byId(ctx, Resident).load(m.proposerResidentId))!;
  }

  @FieldResolver(() => Household, { nullable: true, description: "The proposer's household." })
  proposerHousehold(
    @Ctx() ctx: RequestContext,
    @Root() m: SelfGovernanceMatter,
  ): Promise<Household | null> | null {
    return m.proposerHouseholdId ? byId(ctx, Household).load(m.proposerHouseholdId) : null;
  }

  @FieldResolver(() => [SelfGovernanceStage], { description: 'The stages it may move to next.' })
  nextStages(@Root() m: SelfGovernanceMatter): SelfGovernanceStage[] {
    return [...NEXT_STAGES[m.stage]];
  }

  @FieldResolver(() => SelfGovernanceVote, { nullable: true, description: 'The vote, once opened.' })
  vote(@Ctx() ctx: RequestContext, @Root() m: SelfGovernanceMatter): Promise<SelfGovernanceVote | null> {
    return service.voteLoader(ctx).load(m.id);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Funding goal in yuan ("3000.00"); null without one.',
  })
  fundingGoalYuan(@Root() m: SelfGovernanceMatter): string | null {
    return m.fundingGoalFen == null ? null : fenToYuan(m.fundingGoalFen);
  }

  @FieldResolver(() => String, { description: 'Total pledged, in yuan.' })
  async pledgedYuan(@Ctx() ctx: RequestContext, @Root() m: SelfGovernanceMatter): Promise<string> {
    return fenToYuan((await service.fundsLoader(ctx).load(m.id)).pledged);
  }

  @FieldResolver(() => String, { description: 'Total received, in yuan.' })
  async receivedYuan(@Ctx() ctx: RequestContext, @Root() m: SelfGovernanceMatter): Promise<string> {
    return fenToYuan((await service.fundsLoader(ctx).load(m.id)).received);
  }
}

/** Counts per choice are shown once the vote has closed, so that running totals sway no one. */
const closedCount = (v: SelfGovernanceVote, n: number | null | undefined) => (v.closedAt ? (n ?? 0) : null);

@Resolver(() => SelfGovernanceVote)
export class SelfGovernanceVoteFieldResolver {
  @FieldResolver(() => SelfGovernanceMatter, { description: 'The matter voted on.' })
  async matter(@Ctx() ctx: RequestContext, @Root() v: SelfGovernanceVote): Promise<SelfGovernanceMatter> {
    return (await byId(ctx, SelfGovernanceMatter).load(v.matterId))!;
  }

  @FieldResolver(() => Boolean, { description: 'Whether ballots are accepted now.' })
  open(@Ctx() ctx: RequestContext, @Root() v: SelfGovernanceVote): boolean {
    return !v.closedAt && ctx.app.clock.now() < v.closesAt;
  }

  @FieldResolver(() => Int, { description: 'Ballots cast so far.' })
  ballotsCast(@Ctx() ctx: RequestContext, @Root() v: SelfGovernanceVote): Promise<number> {
    return service.ballotCountLoader(ctx).load(v.id);
  }

  @FieldResolver(() => Int, {
    description: "Households that may vote: the grid's households now, or when the vote closed.",
  })
  eligibleHouseholds(@Ctx() ctx: RequestContext, @Root() v: SelfGovernanceVote): Promise<number> | number {
    return v.eligibleAtClose ?? service.householdsOf(ctx, v.gridId);
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Votes for; null until closed.' })
  forVotes(@Root() v: SelfGovernanceVote): number | null {
    return closedCount(v, v.forVotes);
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Votes against; null until closed.' })
  againstVotes(@Root() v: SelfGovernanceVote): number | null {
    return closedCount(v, v.againstVotes);
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Abstentions; null until closed.' })
  abstainVotes(@Root() v: SelfGovernanceVote): number | null {
    return closedCount(v, v.abstainVotes);
  }

  @FieldResolver(() => Float, {
    nullable: true,
    description: 'Percent of eligible households that voted (one decimal); null until closed.',
  })
  turnoutPercent(@Root() v: SelfGovernanceVote): number | null {
    if (!v.closedAt) return null;
    return percent((v.forVotes ?? 0) + (v.againstVotes ?? 0) + (v.abstainVotes ?? 0), v.eligibleAtClose ?? 0);
  }

  @FieldResolver(() => Boolean, {
    nullable: true,
    description: 'Whether the quorum was reached; null until closed.',
  })
  quorumMet(@Root() v: SelfGovernanceVote): boolean | null {
    if (!v.closedAt) return null;
    const cast = (v.forVotes ?? 0) + (v.againstVotes ?? 0) + (v.abstainVotes ?? 0);
    return (v.eligibleAtClose ?? 0) > 0 && cast * 100 >= v.quorumPercent * v.eligibleAtClose!;
  }
}

@Resolver(() => SelfGovernanceBallot)
export class SelfGovernanceBallotFieldResolver {
  @FieldResolver(() => SelfGovernanceVote, { description: 'The vote.' })
  async vote(@Ctx() ctx: RequestContext, @Root() b: SelfGovernanceBallot): Promise<SelfGovernanceVote> {
    return (await byId(ctx, SelfGovernanceVote).load(b.voteId))!;
  }

  @FieldResolver(() => Household, { description: 'The household that voted.' })
  async household(@Ctx() ctx: RequestContext, @Root() b: SelfGovernanceBallot): Promise<Household> {
    return (await byId(ctx, Household).load(b.householdId))!;
  }

  @FieldResolver(() => Resident, { nullable: true, description: 'The member who cast it, when recorded.' })
  resident(@Ctx() ctx: RequestContext, @Root() b: SelfGovernanceBallot): Promise<Resident | null> | null {
    return b.residentId ? byId(ctx, Resident).load(b.residentId) : null;
  }

  @FieldResolver(() => SelfGovernanceChoice, {
    nullable: true,
    description: 'The choice; null until the vote closed.',
  })
  async choice(
    @Ctx() ctx: RequestContext,
    @Root() b: SelfGovernanceBallot,
  ): Promise<SelfGovernanceChoice | null> {
    const vote = await byId(ctx, SelfGovernanceVote).load(b.voteId);
    return vote?.closedAt ? b.choice : null;
  }
}

@Resolver(() => SelfGovernancePledge)
export class SelfGovernancePledgeFieldResolver {
  @FieldResolver(() => SelfGovernanceMatter, { description: 'The matter.' })
  async matter(@Ctx() ctx: RequestContext, @Root() p: SelfGovernancePledge): Promise<SelfGovernanceMatter> {
    return (await byId(ctx, SelfGovernanceMatter).load(p.matterId))!;
  }

  @FieldResolver(() => Household, {
    nullable: true,
    description: 'The pledging household, if one of the grid.',
  })
  household(@Ctx() ctx: RequestContext, @Root() p: SelfGovernancePledge): Promise<Household | null> | null {
    return p.householdId ? byId(ctx, Household).load(p.householdId) : null;
  }

  @FieldResolver(() => String, { description: 'Amount pledged, in yuan ("200.00").' })
  amountYuan(@Root() p: SelfGovernancePledge): string {
    return fenToYuan(p.amountFen);
  }

  @FieldResolver(() => String, { description: 'Amount received so far, in yuan.' })
  receivedYuan(@Root() p: SelfGovernancePledge): string {
    return fenToYuan(p.receivedFen);
  }

  @FieldResolver(() => [SelfGovernanceReceipt], { description: 'Money received, oldest first.' })
  receipts(@Ctx() ctx: RequestContext, @Root() p: SelfGovernancePledge): Promise<SelfGovernanceReceipt[]> {
    return service.receiptsLoader(ctx).load(p.id);
  }
}

@Resolver(() => SelfGovernanceReceipt)
export class SelfGovernanceReceiptFieldResolver {
  @FieldResolver(() => String, { description: 'Amount received, in yuan.' })
  amountYuan(@Root() r: SelfGovernanceReceipt): string {
    return fenToYuan(r.amountFen);
  }

  @FieldResolver(() => SelfGovernancePledge, { description: 'The pledge.' })
  async pledge(@Ctx() ctx: RequestContext, @Root() r: SelfGovernanceReceipt): Promise<SelfGovernancePledge> {
    return (await byId(ctx, SelfGovernancePledge).load(r.pledgeId))!;
  }
}
