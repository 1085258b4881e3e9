import { invalidTransition, sameGridRecord, type Message, type RequestContext } from '../../src/modules';
import { SelfGovernanceMatter, SelfGovernanceStage as Stage } from './self-governance.entities';

/** The moves a matter may make; everything else is INVALID_TRANSITION. */
export const NEXT_STAGES: Record<Stage, readonly Stage[]> = {
  PROPOSED: [Stage.DISCUSSING],
  DISCUSSING: [Stage.VOTING],
  VOTING: [Stage.APPROVED, Stage.REJECTED],
  REJECTED: [],
  APPROVED: [Stage.FUNDING],
  FUNDING: [Stage.IN_EXECUTION],
  IN_EXECUTION: [Stage.COMPLETED],
  COMPLETED: [Stage.EVALUATED],
  EVALUATED: [],
};

const STAGE_ZH: Record<Stage, string> = {
  PROPOSED: '已提出',
  DISCUSSING: '议事中',
  VOTING: '表决中',
  REJECTED: '未通过',
  APPROVED: '已通过',
  FUNDING: '筹资中',
  IN_EXECUTION: '实施中',
  COMPLETED: '已完成',
  EVALUATED: '已评价',
};

function refused(matter: SelfGovernanceMatter, what: Message, why?: Message) {
  return invalidTransition(
    {
      en: `Cannot ${what.en}: the matter is ${matter.stage}${why ? ` (${why.en})` : ''}`,
      zh: `事项当前为「${STAGE_ZH[matter.stage]}」，不能${what.zh}${why ? `：${why.zh}` : ''}`,
    },
    { stage: matter.stage, allowedStages: [...NEXT_STAGES[matter.stage]] },
  );
}

/** Moves the matter to `to`, or INVALID_TRANSITION naming its stage and the allowed moves. */
export function moveTo(matter: SelfGovernanceMatter, to: Stage, why?: Message): void {
  if (!NEXT_STAGES[matter.stage].includes(to) || why) {
    throw refused(matter, { en: `move it to ${to}`, zh: `转为「${STAGE_ZH[to]}」` }, why);
  }
  matter.stage = to;
}

/** Refuses an action outside the stages it belongs to (a ballot outside VOTING...). */
export function requireStage(
  matter: SelfGovernanceMatter,
  stages: readonly Stage[],
  what: Message,
  why?: Message,
): void {
  if (!stages.includes(matter.stage) || why) throw refused(matter, what, why);
}

/**
 * The matter an activity refers to: on the activity's grid (else BAD_USER_INPUT naming the field),
 * in one of `stages` (else INVALID_TRANSITION).
 */
export async function matterForActivity(
  ctx: RequestContext,
  gridId: string,
  id: string,
  stages: readonly Stage[],
  what: Message,
): Promise<SelfGovernanceMatter> {
  const matter = await sameGridRecord(ctx, SelfGovernanceMatter, id, gridId, 'input.details.matterId');
  requireStage(matter, stages, what);
  return matter;
}
