import { UserRole } from '../auth/roles';
import { AppError, ErrorCode, type Message } from '../graphql/errors';
import { CASE_ACTION_LABELS, CASE_STATE_LABELS, CaseAction, CaseLevel, CaseState } from './case.enums';

/**
 * The one transition table of the closed loop: (state, action) → next state, with the roles that
 * may take the step. Every action mutation goes through `transitionFor`; nothing else moves a case.
 *
 * Authority:
 * - HOLDER: the viewer's level must be at or above the level that holds the case, so a grid worker
 *   cannot act on a case the community has taken over (admins may act for the levels below them);
 * - ANY: any listed role whose jurisdiction covers the case (the grid tells the resident the result
 *   and records the rating, whoever handled the case).
 */
export type Authority = 'HOLDER' | 'ANY';

export interface Transition {
  from: CaseState;
  action: CaseAction;
  to: CaseState;
  roles: readonly UserRole[];
  authority: Authority;
  guard?: Guard;
}

/** A condition on the case beyond its state; when false the action is not allowed (INVALID_TRANSITION). */
export interface Guard {
  test(c: CaseFacts): boolean;
  reason: Message;
}

/** What guards look at. */
export interface CaseFacts {
  state: CaseState;
  level: CaseLevel;
  gridId?: string | null;
  rating?: number | null;
  responsibleKind?: string | null;
}

const GRID_STAFF = [UserRole.GRID_WORKER, UserRole.GRID_CHIEF] as const;
const ADMINS = [UserRole.COMMUNITY_ADMIN, UserRole.STREET_ADMIN, UserRole.PLATFORM_ADMIN] as const;
const STAFF: readonly UserRole[] = [...GRID_STAFF, ...ADMINS];
/** Extensions and returns are approved by the grid chief or above, never by the grid worker asking. */
const APPROVERS: readonly UserRole[] = [UserRole.GRID_CHIEF, ...ADMINS];

const canEscalate: Guard = {
  test: (c) => c.level !== CaseLevel.STREET && !!c.gridId,
  reason: {
    en: 'the case is already at the street, or has no grid yet (triage it first)',
    zh: '案件已在街道层级，或尚未分配网格（请先受理分流）',
  },
};
const unrated: Guard = {
  test: (c) => c.rating == null,
  reason: { en: 'the case is already rated', zh: '案件已评价' },
};
const hasResponsible: Guard = {
  test: (c) => !!c.responsibleKind && c.responsibleKind !== 'JOINT_MEETING',
  reason: { en: 'the case has no responsible party; assign it', zh: '案件没有责任主体，请先分派' },
};

const t = (
  from: CaseState,
  action: CaseAction,
  to: CaseState,
  roles: readonly UserRole[],
  authority: Authority = 'HOLDER',
  guard?: Guard,
): Transition => ({ from, action, to, roles, authority, guard });

const S = CaseState;
const A = CaseAction;

export const TRANSITIONS: readonly Transition[] = [
  t(S.REPORTED, A.ACCEPT, S.ACCEPTED, STAFF),
  t(S.REPORTED, A.REJECT, S.REJECTED, STAFF),
  t(S.REPORTED, A.ESCALATE, S.ESCALATED, STAFF, 'HOLDER', canEscalate),

  t(S.ACCEPTED, A.ASSIGN, S.ASSIGNED, STAFF),
  t(S.ACCEPTED, A.ESCALATE, S.ESCALATED, STAFF, 'HOLDER', canEscalate),
  t(S.ACCEPTED, A.SEND_TO_JOINT_MEETING, S.JOINT_MEETING, ADMINS),
  t(S.ACCEPTED, A.REJECT, S.REJECTED, STAFF),

  t(S.ASSIGNED, A.ASSIGN, S.ASSIGNED, STAFF),
  t(S.ASSIGNED, A.START, S.IN_PROGRESS, STAFF),
  t(S.ASSIGNED, A.RESOLVE, S.RESOLVED, STAFF),
  t(S.ASSIGNED, A.REQUEST_RETURN, S.RETURN_REQUESTED, STAFF),
  t(S.ASSIGNED, A.ESCALATE, S.ESCALATED, STAFF, 'HOLDER', canEscalate),
  t(S.ASSIGNED, A.SUPERVISE, S.ASSIGNED, ADMINS),

  t(S.IN_PROGRESS, A.RESOLVE, S.RESOLVED, STAFF),
  t(S.IN_PROGRESS, A.REQUEST_EXTENSION, S.EXTENSION_REQUESTED, STAFF),
  t(S.IN_PROGRESS, A.REQUEST_RETURN, S.RETURN_REQUESTED, STAFF),
  t(S.IN_PROGRESS, A.ESCALATE, S.ESCALATED, STAFF, 'HOLDER', canEscalate),
  t(S.IN_PROGRESS, A.SUPERVISE, S.IN_PROGRESS, ADMINS),

  t(S.EXTENSION_REQUESTED, A.APPROVE_EXTENSION, S.IN_PROGRESS, APPROVERS),
  t(S.EXTENSION_REQUESTED, A.DENY_EXTENSION, S.IN_PROGRESS, APPROVERS),
  t(S.EXTENSION_REQUESTED, A.RESOLVE, S.RESOLVED, STAFF),

  t(S.RETURN_REQUESTED, A.APPROVE_RETURN, S.ACCEPTED, APPROVERS),
  t(S.RETURN_REQUESTED, A.DENY_RETURN, S.IN_PROGRESS, APPROVERS),

  t(S.ESCALATED, A.ACCEPT, S.ACCEPTED, STAFF),
  t(S.ESCALATED, A.ESCALATE, S.ESCALATED, STAFF, 'HOLDER', canEscalate),
  t(S.ESCALATED, A.SEND_TO_JOINT_MEETING, S.JOINT_MEETING, ADMINS),
  t(S.ESCALATED, A.REJECT, S.REJECTED, STAFF),

  t(S.JOINT_MEETING, A.DECIDE, S.ASSIGNED, ADMINS),
  t(S.JOINT_MEETING, A.SEND_TO_JOINT_MEETING, S.JOINT_MEETING, ADMINS),

  t(S.RESOLVED, A.GIVE_FEEDBACK, S.FEEDBACK_GIVEN, STAFF, 'ANY'),
  t(S.RESOLVED, A.SUPERVISE, S.IN_PROGRESS, ADMINS),

  t(S.FEEDBACK_GIVEN, A.RATE, S.CLOSED, STAFF, 'ANY'),
  t(S.FEEDBACK_GIVEN, A.CLOSE, S.CLOSED, STAFF, 'ANY'),
  t(S.FEEDBACK_GIVEN, A.REOPEN, S.REOPENED, STAFF, 'ANY'),

  // A resident may still rate a case closed by the rating timeout, once.
  t(S.CLOSED, A.RATE, S.CLOSED, STAFF, 'ANY', unrated),
  t(S.CLOSED, A.REOPEN, S.REOPENED, STAFF, 'ANY'),

  t(S.REOPENED, A.ASSIGN, S.ASSIGNED, STAFF),
  t(S.REOPENED, A.START, S.IN_PROGRESS, STAFF, 'HOLDER', hasResponsible),
  t(S.REOPENED, A.ESCALATE, S.ESCALATED, STAFF, 'HOLDER', canEscalate),
  t(S.REOPENED, A.SEND_TO_JOINT_MEETING, S.JOINT_MEETING, ADMINS),
];

/** Who may report a case (the creation, outside the table: there is no state before it). */
export const REPORTERS: readonly UserRole[] = STAFF;

/** Actions allowed from the case's state (guards applied), in table order, whoever asks. */
export function allowedActions(c: CaseFacts): CaseAction[] {
  return TRANSITIONS.filter((tr) => tr.from === c.state && (!tr.guard || tr.guard.test(c))).map(
    (tr) => tr.action,
  );
}

/** The transition for `action` from the case's state, or INVALID_TRANSITION naming state and allowed actions. */
export function transitionFor(c: CaseFacts, action: CaseAction): Transition {
  const rule = TRANSITIONS.find((tr) => tr.from === c.state && tr.action === action);
  const allowed = allowedActions(c);
  if (!rule || (rule.guard && !rule.guard.test(c))) {
    const state = CASE_STATE_LABELS[c.state];
    const act = CASE_ACTION_LABELS[action];
    const why = rule?.guard && !rule.guard.test(c) ? rule.guard.reason : null;
    throw new AppError(
      ErrorCode.INVALID_TRANSITION,
      {
        en: `Cannot ${act.en} a case that is ${state.en}${why ? `: ${why.en}` : ''}. Allowed: ${allowed.join(', ') || 'none'}`,
        zh: `案件当前状态为「${state.zh}」，不能${act.zh}${why ? `：${why.zh}` : ''}`,
      },
      { state: c.state, action, allowedActions: allowed },
    );
  }
  return rule;
}

/** The ladder of a viewer's scope level against the case levels. */
export const VIEWER_LEVEL_RANK: Record<string, number> = { GRID: 0, COMMUNITY: 1, STREET: 2, PLATFORM: 3 };
