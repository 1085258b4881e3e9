import DataLoader from 'dataloader';
import { z } from 'zod';
import { Household, Resident } from '../../src/people';
import {
  badInput,
  calendarDate,
  conflict,
  flushOrConflict,
  listFiltered,
  loader,
  longText,
  notAfterToday,
  notFound,
  parseInput,
  pgUuidArray,
  sameGridRecord,
  text,
  todayOf,
  writableRecord,
  yuanAmount,
  yuanToFen,
  type ConnectionResult,
  type Message,
  type Page,
  type RequestContext,
} from '../../src/modules';
import {
  SelfGovernanceBallot,
  SelfGovernanceCategory,
  SelfGovernanceChoice,
  SelfGovernanceMatter,
  SelfGovernancePledge,
  SelfGovernanceReceipt,
  SelfGovernanceStage as Stage,
  SelfGovernanceVote,
} from './self-governance.entities';
import { selfGovernance } from './self-governance.module';
import { moveTo, NEXT_STAGES, requireStage } from './self-governance.stages';

const uuid = z.string().uuid();
const MAX_VOTE_DAYS = 90;

// ---------- reads ----------

export function listMatters(
  ctx: RequestContext,
  filter: { gridId?: string | null; stages?: Stage[] | null },
  page: Page,
): Promise<ConnectionResult<SelfGovernanceMatter>> {
  const { stages, ...equal } = filter;
  return listFiltered(
    ctx,
    SelfGovernanceMatter,
    equal,
    page,
    stages?.length ? { stage: { $in: stages } } : {},
  );
}

export async function listBallots(
  ctx: RequestContext,
  filter: { gridId?: string | null; matterId?: string | null },
  page: Page,
): Promise<ConnectionResult<SelfGovernanceBallot>> {
  const vote = filter.matterId
    ? await ctx.em.findOne(SelfGovernanceVote, { matterId: filter.matterId })
    : null;
  // A matter without a vote has no ballots: an id no row has.
  const voteId = filter.matterId ? (vote?.id ?? filter.matterId) : undefined;
  return listFiltered(ctx, SelfGovernanceBallot, { gridId: filter.gridId, voteId }, page);
}

export function listPledges(
  ctx: RequestContext,
  filter: { gridId?: string | null; matterId?: string | null },
  page: Page,
): Promise<ConnectionResult<SelfGovernancePledge>> {
  return listFiltered(ctx, SelfGovernancePledge, filter, page);
}

/** The vote of each matter, batched. */
export function voteLoader(ctx: RequestContext): DataLoader<string, SelfGovernanceVote | null> {
  return loader(
    ctx,
    'self-governance:vote',
    () =>
      new DataLoader<string, SelfGovernanceVote | null>(async (ids) => {
        const rows = await ctx.em.find(SelfGovernanceVote, { matterId: { $in: ids as string[] } });
        return ids.map((id) => rows.find((r) => r.matterId === id) ?? null);
      }),
  );
}

/** Pledged and received fen of each matter, one aggregate over a page of matters. */
export function fundsLoader(ctx: RequestContext): DataLoader<string, { pledged: number; received: number }> {
  return loader(
    ctx,
    'self-governance:funds',
    () =>
      new DataLoader<string, { pledged: number; received: number }>(async (ids) => {
        const rows = (await ctx.em.getConnection().execute(
          `select matter_id, sum(amount_fen) as pledged, sum(received_fen) as received
             from self_governance_pledge where matter_id = any(?::uuid[]) group by matter_id`,
          [pgUuidArray(ids as string[])],
        )) as { matter_id: string; pledged: unknown; received: unknown }[];
        const map = new Map(
          rows.map((r) => [r.matter_id, { pledged: Number(r.pledged), received: Number(r.received) }]),
        );
        return ids.map((id) => map.get(id) ?? { pledged: 0, received: 0 });
      }),
  );
}

/** Ballots cast per vote, batched (the count is public while the vote is open; the choices are not). */
export function ballotCountLoader(ctx: RequestContext): DataLoader<string, number> {
  return loader(
    ctx,
    'self-governance:ballots',
    () =>
      new DataLoader<string, number>(async (ids) => {
        const rows = (await ctx.em
          .getConnection()
          .execute(
            `select vote_id, count(*) as n from self_governance_ballot where vote_id = any(?::uuid[]) group by vote_id`,
            [pgUuidArray(ids as string[])],
          )) as { vote_id: string; n: unknown }[];
        const map = new Map(rows.map((r) => [r.vote_id, Number(r.n)]));
        return ids.map((id) => map.get(id) ?? 0);
      }),
  );
}

/** Receipts of each pledge, oldest first, batched. */
export function receiptsLoader(ctx: RequestContext): DataLoader<string, SelfGovernanceReceipt[]> {
  return loader(
    ctx,
    'self-governance:receipts',
    () =>
      new DataLoader<string, SelfGovernanceReceipt[]>(async (ids) => {
        const rows = await ctx.em.find(
          SelfGovernanceReceipt,
          { pledgeId: { $in: ids as string[] } },
          { orderBy: { receivedAt: 'asc', id: 'asc' } },
        );
        return ids.map((id) => rows.filter((r) => r.pledgeId === id));
      }),
  );
}

/** Households of the grid: who may vote (one household, one vote). */
export const householdsOf = (ctx: RequestContext, gridId: string): Promise<number> =>
  ctx.em.count(Household, { gridId });

// ---------- proposal and stages ----------

type Enabled = Awaited<ReturnType<typeof selfGovernance.requireEnabled>>;

function stageChanged(
  ctx: RequestContext,
  matter: SelfGovernanceMatter,
  from: Stage,
  placement: Enabled['placement'],
) {
  selfGovernance.event(
    ctx,
    'matter.stage_changed',
    { type: 'SelfGovernanceMatter', id: matter.id },
    placement,
    {
      from,
      to: matter.stage,
    },
  );
}

/** Loads the matter for a write (jurisdiction, enablement) and moves it, recording the event. */
async function advance(
  ctx: RequestContext,
  id: string,
  to: Stage,
  check?: (matter: SelfGovernanceMatter, target: Enabled) => Promise<Message | undefined>,
): Promise<{ matter: SelfGovernanceMatter; target: Enabled }> {
  const { record: matter, ...target } = await writableRecord(ctx, selfGovernance, SelfGovernanceMatter, id);
  const from = matter.stage;
  const why = NEXT_STAGES[matter.stage].includes(to) ? await check?.(matter, target) : undefined;
  moveTo(matter, to, why);
  stageChanged(ctx, matter, from, target.placement);
  return { matter, target };
}

const proposeInput = z.object({
  proposerResidentId: uuid,
  title: text(200),
  description: longText(5000).pipe(z.string().trim().min(1)),
  category: z.nativeEnum(SelfGovernanceCategory).nullish(),
});

/** 民事民提: a resident of the grid proposes a matter; it belongs to their grid. */
export async function propose(
  ctx: RequestContext,
  input: z.input<typeof proposeInput>,
): Promise<SelfGovernanceMatter> {
  const data = parseInput(proposeInput, input);
  const resident = await ctx.em.findOne(Resident, { id: data.proposerResidentId });
  if (!resident) throw notFound('Resident');
  if (!resident.gridId) {
    throw badInput('input.proposerResidentId', {
      en: 'input.proposerResidentId: the resident is not on a grid',
      zh: 'input.proposerResidentId：该居民未划入网格',
    });
  }
  const { placement } = await selfGovernance.requireEnabled(ctx, resident.gridId);
  const matter = ctx.em.create(SelfGovernanceMatter, {
    ...placement,
    title: data.title,
    description: data.description,
    category: data.category ?? SelfGovernanceCategory.OTHER,
    stage: Stage.PROPOSED,
    proposerResidentId: resident.id,
    proposerHouseholdId: resident.householdId ?? null,
    proposedAt: ctx.app.clock.now(),
  });
  selfGovernance.event(ctx, 'matter.proposed', { type: 'SelfGovernanceMatter', id: matter.id }, placement, {
    category: matter.category,
  });
  await ctx.em.flush();
  return matter;
}

/** PROPOSED → DISCUSSING. */
export async function startDiscussion(ctx: RequestContext, id: string): Promise<SelfGovernanceMatter> {
  const { matter } = await advance(ctx, parseInput(uuid, id, 'input.id'), Stage.DISCUSSING);
  matter.discussionStartedAt = ctx.app.clock.now();
  await ctx.em.flush();
  return matter;
}

const openVoteInput = z.object({
  matterId: uuid,
  question: text(500).nullish(),
  closesAt: z.date().nullish(),
});

/** DISCUSSING → VOTING: opens the households' vote with the grid's current quorum and majority. */
export async function openVote(
  ctx: RequestContext,
  input: z.input<typeof openVoteInput>,
): Promise<SelfGovernanceVote> {
  const data = parseInput(openVoteInput, input);
  const now = ctx.app.clock.now();
  const { matter, target } = await advance(ctx, data.matterId, Stage.VOTING);
  const { settings } = target;
  const closesAt = data.closesAt ?? new Date(now.getTime() + settings.voteDays * 86_400_000);
  if (closesAt <= now || closesAt.getTime() > now.getTime() + MAX_VOTE_DAYS * 86_400_000) {
    throw badInput('input.closesAt', {
      en: `input.closesAt: must lie in the next ${MAX_VOTE_DAYS} days`,
      zh: `input.closesAt：应在今后 ${MAX_VOTE_DAYS} 天之内`,
    });
  }
  const vote = ctx.em.create(SelfGovernanceVote, {
    ...target.placement,
    matterId: matter.id,
    question: data.question ?? matter.title,
    openedAt: now,
    closesAt,
    quorumPercent: settings.quorumPercent,
    majorityPercent: settings.majorityPercent,
  });
  selfGovernance.event(ctx, 'vote.opened', { type: 'SelfGovernanceVote', id: vote.id }, target.placement, {
    matterId: matter.id,
    closesAt: closesAt.toISOString(),
  });
  await flushOrConflict(ctx, { en: 'The matter already has a vote', zh: '该事项已发起表决' });
  return vote;
}

const ballotInput = z.object({
  matterId: uuid,
  householdId: uuid,
  residentId: uuid.nullish(),
  choice: z.nativeEnum(SelfGovernanceChoice),
});

const VOTE_ONCE = { en: 'This household has already voted', zh: '该户已投票，不能重复投票' };

/** One household's ballot, while the vote is open; households of the matter's grid only, once. */
export async function castBallot(
  ctx: RequestContext,
  input: z.input<typeof ballotInput>,
): Promise<SelfGovernanceBallot> {
  const data = parseInput(ballotInput, input);
  const {
    record: matter,
    grid,
    placement,
  } = await writableRecord(ctx, selfGovernance, SelfGovernanceMatter, data.matterId);
  const what = { en: 'vote', zh: '投票' };
  requireStage(matter, [Stage.VOTING], what);
  const vote = await ctx.em.findOneOrFail(SelfGovernanceVote, { matterId: matter.id });
  const now = ctx.app.clock.now();
  if (vote.closedAt || now >= vote.closesAt) {
    requireStage(matter, [Stage.VOTING], what, { en: 'voting has ended', zh: '投票已截止' });
  }
  await sameGridRecord(ctx, Household, data.householdId, grid.id, 'input.householdId');
  if (data.residentId) {
    await sameGridRecord(ctx, Resident, data.residentId, grid.id, 'input.residentId', {
      householdId: data.householdId,
    });
  }
  if (await ctx.em.count(SelfGovernanceBallot, { voteId: vote.id, householdId: data.householdId })) {
    throw conflict(VOTE_ONCE);
  }
  const ballot = ctx.em.create(SelfGovernanceBallot, {
    ...placement,
    voteId: vote.id,
    householdId: data.householdId,
    residentId: data.residentId ?? null,
    choice: data.choice,
    castAt: now,
  });
  // The choice stays out of the event while the vote is open.
  selfGovernance.event(ctx, 'ballot.cast', { type: 'SelfGovernanceBallot', id: ballot.id }, placement, {
    voteId: vote.id,
  });
  // Two ballots of one household at the same time: the unique key keeps one, the other is CONFLICT.
  await flushOrConflict(ctx, VOTE_ONCE);
  return ballot;
}

/**
 * VOTING → APPROVED | REJECTED: counts the ballots against the grid's households now. Allowed once
 * the closing time has passed, or earlier when every household has voted.
 */
export async function closeVote(ctx: RequestContext, matterId: string): Promise<SelfGovernanceVote> {
  const id = parseInput(uuid, matterId, 'input.matterId');
  const {
    record: matter,
    grid,
    placement,
  } = await writableRecord(ctx, selfGovernance, SelfGovernanceMatter, id);
  requireStage(matter, [Stage.VOTING], { en: 'close the vote', zh: '结束表决' });
  const vote = await ctx.em.findOneOrFail(SelfGovernanceVote, { matterId: matter.id });
  const rows = (await ctx.em
    .getConnection()
    .execute(`select choice, count(*) as n from self_governance_ballot where vote_id = ? group by choice`, [
      vote.id,
    ])) as { choice: SelfGovernanceChoice; n: unknown }[];
  const n = (c: SelfGovernanceChoice) => Number(rows.find((r) => r.choice === c)?.n ?? 0);
  const [forVotes, againstVotes, abstainVotes] = [
    n(SelfGovernanceChoice.FOR),
    n(SelfGovernanceChoice.AGAINST),
    n(SelfGovernanceChoice.ABSTAIN),
  ];
  const cast = forVotes + againstVotes + abstainVotes;
  const eligible = await householdsOf(ctx, grid.id);
  const now = ctx.app.clock.now();
  if (now < vote.closesAt && cast < eligible) {
    requireStage(
      matter,
      [Stage.VOTING],
      { en: 'close the vote', zh: '结束表决' },
      {
        en: `voting is open until ${vote.closesAt.toISOString()} and not every household has voted`,
        zh: '投票尚未截止，且仍有住户未投票',
      },
    );
  }
  const quorumMet = eligible > 0 && cast * 100 >= vote.quorumPercent * eligible;
  const approved = quorumMet && forVotes * 100 > vote.majorityPercent * cast;
  Object.assign(vote, {
    closedAt: now,
    eligibleAtClose: eligible,
    forVotes,
    againstVotes,
    abstainVotes,
    approved,
  });
  moveTo(matter, approved ? Stage.APPROVED : Stage.REJECTED);
  matter.decidedAt = now;
  selfGovernance.event(ctx, 'vote.closed', { type: 'SelfGovernanceVote', id: vote.id }, placement, {
    matterId: matter.id,
    eligible,
    forVotes,
    againstVotes,
    abstainVotes,
    quorumMet,
    approved,
  });
  stageChanged(ctx, matter, Stage.VOTING, placement);
  await ctx.em.flush();
  return vote;
}

// ---------- funding ----------

const fundingInput = z.object({ matterId: uuid, goalYuan: yuanAmount({ allowZero: true }).nullish() });

/** APPROVED → FUNDING, with an optional goal (民事民筹). */
export async function startFunding(
  ctx: RequestContext,
  input: z.input<typeof fundingInput>,
): Promise<SelfGovernanceMatter> {
  const data = parseInput(fundingInput, input);
  const { matter } = await advance(ctx, data.matterId, Stage.FUNDING);
  matter.fundingGoalFen = data.goalYuan == null ? null : yuanToFen(data.goalYuan);
  matter.fundingStartedAt = ctx.app.clock.now();
  await ctx.em.flush();
  return matter;
}

const pledgeInput = z.object({
  matterId: uuid,
  householdId: uuid.nullish(),
  pledgerName: text(100).nullish(),
  amountYuan: yuanAmount(),
  pledgedOn: calendarDate.nullish(),
  note: z.string().trim().max(500).nullish(),
});

/** A pledge while the matter is raising funds: by a household of the grid, or anyone named. */
export async function pledge(
  ctx: RequestContext,
  input: z.input<typeof pledgeInput>,
): Promise<SelfGovernancePledge> {
  const data = parseInput(pledgeInput, input);
  const {
    record: matter,
    grid,
    placement,
  } = await writableRecord(ctx, selfGovernance, SelfGovernanceMatter, data.matterId);
  requireStage(matter, [Stage.FUNDING], { en: 'pledge funds', zh: '认筹' });
  const household = data.householdId
    ? await sameGridRecord(ctx, Household, data.householdId, grid.id, 'input.householdId')
    : null;
  const pledgerName = data.pledgerName ?? (household ? household.address : null);
  if (!pledgerName) {
    throw badInput('input.pledgerName', {
      en: 'input.pledgerName: a name or a household is needed',
      zh: 'input.pledgerName：请填写认筹人或选择住户',
    });
  }
  const pledgedOn = data.pledgedOn ?? todayOf(ctx);
  notAfterToday(ctx, 'input.pledgedOn', pledgedOn);
  const row = ctx.em.create(SelfGovernancePledge, {
    ...placement,
    matterId: matter.id,
    householdId: household?.id ?? null,
    pledgerName,
    amountFen: yuanToFen(data.amountYuan),
    pledgedOn,
    note: data.note ?? null,
  });
  selfGovernance.event(ctx, 'pledge.made', { type: 'SelfGovernancePledge', id: row.id }, placement, {
    matterId: matter.id,
    amountFen: row.amountFen,
  });
  await ctx.em.flush();
  return row;
}

const receiveInput = z.object({ pledgeId: uuid, amountYuan: yuanAmount() });

/**
 * Money received on a pledge, while funding or during the work; the total received may not exceed
 * the pledge. Two receipts at once on one pledge: the pledge's version refuses the second (CONFLICT).
 */
export async function receive(
  ctx: RequestContext,
  input: z.input<typeof receiveInput>,
): Promise<SelfGovernanceReceipt> {
  const data = parseInput(receiveInput, input);
  const { record: row, placement } = await writableRecord(
    ctx,
    selfGovernance,
    SelfGovernancePledge,
    data.pledgeId,
  );
  const matter = await ctx.em.findOneOrFail(SelfGovernanceMatter, { id: row.matterId });
  requireStage(matter, [Stage.FUNDING, Stage.IN_EXECUTION], { en: 'receive funds', zh: '登记到账' });
  const amountFen = yuanToFen(data.amountYuan);
  if (row.receivedFen + amountFen > row.amountFen) {
    throw badInput('input.amountYuan', {
      en: 'input.amountYuan: more than the rest of the pledge',
      zh: 'input.amountYuan：超过认筹金额的未到账部分',
    });
  }
  row.receivedFen += amountFen;
  const receipt = ctx.em.create(SelfGovernanceReceipt, {
    ...placement,
    pledgeId: row.id,
    amountFen: yuanToFen(data.amountYuan),
    receivedAt: ctx.app.clock.now(),
  });
  selfGovernance.event(ctx, 'funds.received', { type: 'SelfGovernanceReceipt', id: receipt.id }, placement, {
    matterId: matter.id,
    pledgeId: row.id,
    amountFen: receipt.amountFen,
  });
  await ctx.em.flush();
  return receipt;
}

// ---------- execution and evaluation ----------

/** FUNDING → IN_EXECUTION, once the money received reaches the goal (if one was set). */
export async function startExecution(ctx: RequestContext, id: string): Promise<SelfGovernanceMatter> {
  const { matter } = await advance(
    ctx,
    parseInput(uuid, id, 'input.matterId'),
    Stage.IN_EXECUTION,
    async (m) => {
      if (!m.fundingGoalFen) return undefined;
      const { received } = await fundsLoader(ctx).load(m.id);
      return received < m.fundingGoalFen
        ? { en: 'the funds received have not reached the goal', zh: '到账资金未达到筹资目标' }
        : undefined;
    },
  );
  matter.executionStartedAt = ctx.app.clock.now();
  await ctx.em.flush();
  return matter;
}

const completeInput = z.object({ matterId: uuid, resultNote: z.string().trim().max(1000).nullish() });

/** IN_EXECUTION → COMPLETED. */
export async function complete(
  ctx: RequestContext,
  input: z.input<typeof completeInput>,
): Promise<SelfGovernanceMatter> {
  const data = parseInput(completeInput, input);
  const { matter } = await advance(ctx, data.matterId, Stage.COMPLETED);
  matter.completedAt = ctx.app.clock.now();
  matter.resultNote = data.resultNote ?? null;
  await ctx.em.flush();
  return matter;
}

const evaluateInput = z.object({
  matterId: uuid,
  score: z.number().int().min(1).max(5),
  note: z.string().trim().max(1000).nullish(),
});

/** COMPLETED → EVALUATED: the residents' score (1–5) and what they said. */
export async function evaluate(
  ctx: RequestContext,
  input: z.input<typeof evaluateInput>,
): Promise<SelfGovernanceMatter> {
  const data = parseInput(evaluateInput, input);
  const { matter } = await advance(ctx, data.matterId, Stage.EVALUATED);
  matter.evaluationScore = data.score;
  matter.evaluationNote = data.note ?? null;
  matter.evaluatedAt = ctx.app.clock.now();
  await ctx.em.flush();
  return matter;
}
