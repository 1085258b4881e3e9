import { isAdmin, requireViewer } from '../auth/viewer';
import { AppError, badInput, ErrorCode, forbidden } from '../graphql/errors';
import type { RequestContext } from '../server/context';

/** A checked move between two phases of an ordered list. */
export interface PhaseMove<P extends string> {
  from: P;
  to: P;
  /** Back to an earlier phase: an administrator's decision, with a reason. */
  reverted: boolean;
  /** Phases passed over by a forward move of more than one step, in order. */
  skipped: P[];
}

/** Where the rule looks for the target phase and the reason, to name them in errors. */
export interface PhaseMoveFields {
  phase: string;
  reason: string;
}

/**
 * The rule of phased work (e.g. old-community renovation 拆整改建清管, or a resident proposal from
 * deliberation to evaluation): a record moves forward, one step or skipping ahead; staying in place
 * is INVALID_TRANSITION; going back is for administrators only (FORBIDDEN for anyone else) and needs
 * a reason (BAD_USER_INPUT naming `fields.reason`), because it undoes work residents were told about.
 */
export function checkPhaseMove<P extends string>(
  ctx: RequestContext,
  phases: readonly P[],
  from: P,
  to: P,
  reason: string | null | undefined,
  fields: PhaseMoveFields,
): PhaseMove<P> {
  const a = phases.indexOf(from);
  const b = phases.indexOf(to);
  if (a < 0) throw new Error(`checkPhaseMove: current phase ${from} is not in the list`);
  if (b < 0) {
    throw badInput(fields.phase, {
      en: `${fields.phase}: not one of ${phases.join(', ')}`,
      zh: `${fields.phase}：不是允许的阶段`,
    });
  }
  if (a === b) {
    throw new AppError(
      ErrorCode.INVALID_TRANSITION,
      { en: `Already in phase ${to}`, zh: `已处于该阶段（${to}）` },
      { field: fields.phase },
    );
  }
  if (b < a) {
    if (!isAdmin(requireViewer(ctx.viewer))) {
      throw forbidden({
        en: `Only an administrator can move back from ${from} to ${to}`,
        zh: '只有管理员可以回退到之前的阶段',
      });
    }
    if (!reason?.trim()) {
      throw badInput(fields.reason, {
        en: `${fields.reason}: a reason is required to move back to an earlier phase`,
        zh: `${fields.reason}：回退阶段必须说明原因`,
      });
    }
    return { from, to, reverted: true, skipped: [] };
  }
  return { from, to, reverted: false, skipped: phases.slice(a + 1, b) };
}
