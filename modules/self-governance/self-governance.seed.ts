import type { EntityManager } from '@mikro-orm/postgresql';
import { Household, Resident } from '../../src/people';
import { daysAgo, demoGrid, localDateOf, seedActivity, seedEnable, type ModuleSeed } from '../../src/modules';
import type { Grid } from '../../src/territory';
import {
  SelfGovernanceBallot,
  SelfGovernanceCategory as Category,
  SelfGovernanceChoice as Choice,
  SelfGovernanceMatter,
  SelfGovernancePledge,
  SelfGovernanceReceipt,
  SelfGovernanceStage as Stage,
  SelfGovernanceVote,
} from './self-governance.entities';
import { selfGovernance } from './self-governance.module';

type Place = { streetId: string; communityId: string; gridId: string };

interface MatterPlan {
  title: string;
  description: string;
  category: Category;
  stage: Stage;
  /** Days ago it was proposed; each later step a few days after the one before. */
  proposed: number;
  /** Share of households voting and share of those for. */
  turnout?: number;
  support?: number;
  goalFen?: number;
  score?: number;
}

const PLANS: MatterPlan[] = [
  {
    title: '楼道加装声控照明灯',
    description: '3号楼至6号楼楼道夜间无照明，老人上下楼不便，建议加装声控灯，费用由居民和物业共同承担。',
    category: Category.FACILITY,
    stage: Stage.EVALUATED,
    proposed: 200,
    turnout: 0.72,
    support: 0.85,
    goalFen: 300_000,
    score: 5,
  },
  {
    title: '小区停车位重新划线',
    description: '现有停车线模糊，乱停车堵塞消防通道，建议重新施划车位并设置消防通道标识。',
    category: Category.PARKING,
    stage: Stage.IN_EXECUTION,
    proposed: 90,
    turnout: 0.64,
    support: 0.7,
    goalFen: 120_000,
  },
  {
    title: '楼顶防水层维修',
    description: '顶楼住户反映雨季渗漏，建议使用维修基金外的自筹资金先行维修。',
    category: Category.FACILITY,
    stage: Stage.FUNDING,
    proposed: 60,
    turnout: 0.6,
    support: 0.8,
    goalFen: 800_000,
  },
  {
    title: '清理废旧自行车',
    description: '车棚内大量无主废旧自行车，建议公示后统一清理。',
    category: Category.ENVIRONMENT,
    stage: Stage.REJECTED,
    proposed: 120,
    turnout: 0.3,
    support: 0.9,
  },
  {
    title: '增设智能快递柜',
    description: '快递堆放在单元门口易丢失，建议在南门增设智能快递柜。',
    category: Category.FACILITY,
    stage: Stage.VOTING,
    proposed: 12,
    turnout: 0.35,
    support: 0.6,
  },
  {
    title: '制定文明养犬公约',
    description: '部分居民遛狗不牵绳、不清理粪便，建议共同制定文明养犬公约。',
    category: Category.NEIGHBOURHOOD,
    stage: Stage.DISCUSSING,
    proposed: 8,
  },
  {
    title: '中心花园增设健身器材',
    description: '中心花园空地较多，建议增设适合老人和儿童的健身器材。',
    category: Category.FACILITY,
    stage: Stage.PROPOSED,
    proposed: 2,
  },
];

const ORDER = Object.values(Stage);
const reached = (plan: MatterPlan, stage: Stage) =>
  plan.stage === stage ||
  (plan.stage !== Stage.REJECTED &&
    ORDER.indexOf(plan.stage) > ORDER.indexOf(stage) &&
    stage !== Stage.REJECTED);

function seedMatter(
  em: EntityManager,
  grid: Grid,
  place: Place,
  plan: MatterPlan,
  households: Household[],
  proposer: Resident,
) {
  const at = (step: number) => daysAgo(plan.proposed - step * 4, 2);
  const matter = em.create(SelfGovernanceMatter, {
    ...place,
    title: plan.title,
    description: plan.description,
    category: plan.category,
    stage: plan.stage,
    proposerResidentId: proposer.id,
    proposerHouseholdId: proposer.householdId ?? null,
    proposedAt: at(0),
  });
  if (plan.stage === Stage.PROPOSED) return;
  matter.discussionStartedAt = at(1);
  seedActivity(em, selfGovernance, 'discussion', grid, {
    occurredAt: at(1),
    title: '居民议事会',
    details: {
      matterId: matter.id,
      format: 'MEETING',
      attendees: 15 + (plan.proposed % 11),
      summary: '与会居民逐条讨论方案，汇总意见后提交表决',
    },
  });
  if (plan.stage === Stage.DISCUSSING) return;

  const closed = plan.stage !== Stage.VOTING;
  const vote = em.create(SelfGovernanceVote, {
    ...place,
    matterId: matter.id,
    question: `是否同意：${plan.title}`,
    openedAt: at(2),
    closesAt: closed ? at(3) : daysAgo(-5),
    quorumPercent: 50,
    majorityPercent: 50,
  });
  const voters = households.slice(0, Math.round(households.length * (plan.turnout ?? 0)));
  const forCount = Math.round(voters.length * (plan.support ?? 0));
  const choices = voters.map((_, i) =>
    i < forCount ? Choice.FOR : i % 3 === 0 ? Choice.ABSTAIN : Choice.AGAINST,
  );
  voters.forEach((h, i) =>
    em.create(SelfGovernanceBallot, {
      ...place,
      voteId: vote.id,
      householdId: h.id,
      choice: choices[i]!,
      castAt: at(2),
    }),
  );
  if (!closed) return;
  const count = (c: Choice) => choices.filter((x) => x === c).length;
  const quorumMet = voters.length * 100 >= 50 * households.length;
  Object.assign(vote, {
    closedAt: at(3),
    eligibleAtClose: households.length,
    forVotes: count(Choice.FOR),
    againstVotes: count(Choice.AGAINST),
    abstainVotes: count(Choice.ABSTAIN),
    approved: quorumMet && count(Choice.FOR) * 100 > 50 * voters.length,
  });
  matter.decidedAt = at(3);
  if (plan.stage === Stage.REJECTED) return;

  matter.fundingStartedAt = at(4);
  matter.fundingGoalFen = plan.goalFen ?? null;
  const pledgers = households.slice(0, 12);
  const goal = plan.goalFen ?? 0;
  const funded = reached(plan, Stage.IN_EXECUTION);
  pledgers.forEach((h, i) => {
    const amountFen = i === 0 ? goal - Math.floor(goal / 20) * 11 : Math.floor(goal / 20);
    const receivedFen = funded || i % 2 === 0 ? amountFen : 0;
    const row = em.create(SelfGovernancePledge, {
      ...place,
      matterId: matter.id,
      householdId: i === 0 ? null : h.id,
      pledgerName: i === 0 ? '物业服务中心' : h.address,
      amountFen,
      receivedFen,
      pledgedOn: localDateOf(at(4)),
    });
    if (receivedFen)
      em.create(SelfGovernanceReceipt, {
        ...place,
        pledgeId: row.id,
        amountFen: receivedFen,
        receivedAt: at(5),
      });
  });
  if (!funded) return;

  matter.executionStartedAt = at(6);
  for (const [i, work] of ['采购材料并公示账目', '居民志愿者协助施工', '完成主体施工'].entries()) {
    if (plan.stage === Stage.IN_EXECUTION && i === 2) break;
    seedActivity(em, selfGovernance, 'step', grid, {
      occurredAt: at(7 + i),
      title: '民事民办',
      details: { matterId: matter.id, work, residents: 4 + i, progressPercent: 30 * (i + 1) },
    });
  }
  if (plan.stage === Stage.IN_EXECUTION) return;
  matter.completedAt = at(10);
  matter.resultNote = '已完工并经居民代表验收';
  if (plan.stage !== Stage.EVALUATED) return;
  matter.evaluatedAt = at(12);
  matter.evaluationScore = plan.score ?? 5;
  matter.evaluationNote = '居民普遍满意，夜间出行安全多了';
}

/**
 * Residents' self-governance on the volunteer grid (a second module there): a matter in every stage,
 * with closed votes (one approved and carried out to evaluation, one short of the quorum) and one
 * still open.
 */
export const seedSelfGovernance: ModuleSeed = async (em, t) => {
  const grid = demoGrid(t, 'volunteer');
  const place = { streetId: grid.streetId, communityId: grid.communityId, gridId: grid.id };
  seedEnable(em, selfGovernance, grid, daysAgo(300));
  const households = await em.find(Household, { gridId: grid.id }, { orderBy: { id: 'asc' } });
  const residents = (await em.find(Resident, { gridId: grid.id }, { orderBy: { id: 'asc' } })).filter(
    (r) => r.householdId,
  );
  PLANS.forEach((plan, i) =>
    seedMatter(em, grid, place, plan, households, residents[(i * 7) % residents.length]!),
  );
};
