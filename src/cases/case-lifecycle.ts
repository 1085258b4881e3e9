import { toGlobalId } from '../graphql/global-id';
import type { Department } from '../staff';
import type { Case } from './case.entity';
import { CaseAction, CaseLevel, CaseScale, CaseState, FeedbackChannel, ResponsibleKind } from './case.enums';
import type { Transition } from './case-state-machine';
import { freshStepDeadline, type SlaPolicy } from './case-sla';

/**
 * What a case changes by one transition, once the service has validated everything. Pure: the
 * services and the demo seed share it, so seeded histories follow the same rules as live ones.
 */
export interface Responsible {
  kind: ResponsibleKind;
  department?: Department | null;
  organizationId?: string | null;
  assigneeId?: string | null;
  name?: string | null;
}

export interface ActionInput {
  /** Accept: re-route or triage to this grid. */
  gridId?: string | null;
  scale?: CaseScale | null;
  categoryId?: string | null;
  responsible?: Responsible;
  /** Assign, decide, approve extension (override), request extension: the new step deadline. */
  dueAt?: Date | null;
  resolution?: string;
  reason?: string;
  feedback?: { channel: FeedbackChannel; at: Date; note?: string | null };
  rating?: { rating: number; comment?: string | null };
  meeting?: { id: string; level: CaseLevel; dueAt: Date };
}

const NEXT_LEVEL: Record<CaseLevel, CaseLevel> = {
  GRID: CaseLevel.COMMUNITY,
  COMMUNITY: CaseLevel.STREET,
  STREET: CaseLevel.STREET,
};

function newStep(c: Case, dueAt: Date, now: Date): void {
  c.stepNo += 1;
  c.stepStartedAt = now;
  c.dueAt = dueAt;
}

function clearResponsible(c: Case): void {
  c.responsibleKind = null;
  c.department = null;
  c.responsibleOrganizationId = null;
  c.responsibleName = null;
  c.assigneeId = null;
}

function setResponsible(c: Case, r: Responsible): void {
  c.responsibleKind = r.kind;
  c.department = r.department ?? null;
  c.responsibleOrganizationId = r.organizationId ?? null;
  c.responsibleName = r.name ?? null;
  c.assigneeId = r.assigneeId ?? null;
}

function responsibleData(r: Responsible): Record<string, unknown> {
  return {
    responsibleKind: r.kind,
    ...(r.department ? { department: r.department } : {}),
    ...(r.organizationId ? { organizationId: toGlobalId('Organization', r.organizationId) } : {}),
    ...(r.assigneeId ? { assigneeId: toGlobalId('StaffMember', r.assigneeId) } : {}),
  };
}

/**
 * Applies a transition to the case and returns the step's details for the timeline and the
 * domain event (ids and values only, never free text).
 */
export function applyTransition(
  c: Case,
  rule: Transition,
  input: ActionInput,
  now: Date,
  category: SlaPolicy,
): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  switch (rule.action) {
    case CaseAction.ACCEPT:
      c.acceptedAt = now;
      if (input.gridId && input.gridId !== c.gridId) {
        if (c.gridId) data.fromGridId = toGlobalId('Grid', c.gridId);
        c.gridId = input.gridId;
        c.microGridId = null;
        c.buildingId = null;
        c.householdId = null;
        data.gridId = toGlobalId('Grid', input.gridId);
      }
      if (input.scale && input.scale !== c.scale) c.scale = data.scale = input.scale;
      if (input.categoryId && input.categoryId !== c.categoryId) {
        c.categoryId = input.categoryId;
        data.categoryId = toGlobalId('CaseCategory', input.categoryId);
      }
      break;
    case CaseAction.REJECT:
      c.rejectedAt = now;
      c.rejectReason = input.reason ?? null;
      break;
    case CaseAction.ESCALATE:
      data.fromLevel = c.level;
      c.level = NEXT_LEVEL[c.level];
      data.toLevel = c.level;
      c.escalationCount += 1;
      clearResponsible(c);
      c.jointMeetingId = null;
      newStep(c, freshStepDeadline(now, category), now);
      break;
    case CaseAction.SEND_TO_JOINT_MEETING:
      data.meetingId = toGlobalId('JointMeeting', input.meeting!.id);
      data.fromLevel = c.level;
      c.level = input.meeting!.level;
      data.toLevel = c.level;
      clearResponsible(c);
      c.responsibleKind = ResponsibleKind.JOINT_MEETING;
      c.jointMeetingId = input.meeting!.id;
      c.escalationCount += 1;
      newStep(c, input.meeting!.dueAt, now);
      break;
    case CaseAction.ASSIGN:
    case CaseAction.DECIDE:
      setResponsible(c, input.responsible!);
      Object.assign(data, responsibleData(input.responsible!));
      // Handing a case to grid staff puts it back with the grid, wherever it was triaged.
      if (input.responsible!.kind === ResponsibleKind.GRID && c.level !== CaseLevel.GRID) {
        data.fromLevel = c.level;
        c.level = CaseLevel.GRID;
        data.toLevel = c.level;
      }
      if (rule.action === CaseAction.DECIDE) data.meetingId = toGlobalId('JointMeeting', c.jointMeetingId!);
      c.assignedAt = now;
      c.startedAt = null;
      newStep(c, input.dueAt!, now);
      break;
    case CaseAction.START:
      c.startedAt = now;
      break;
    case CaseAction.RESOLVE:
      c.resolvedAt = now;
      c.resolution = input.resolution ?? null;
      c.requestedDueAt = null;
      data.onTime = now.getTime() <= c.overallDueAt.getTime();
      break;
    case CaseAction.GIVE_FEEDBACK:
      c.feedbackChannel = input.feedback!.channel;
      c.feedbackAt = input.feedback!.at;
      c.feedbackNote = input.feedback!.note ?? null;
      data.channel = c.feedbackChannel;
      data.feedbackAt = c.feedbackAt.toISOString();
      break;
    case CaseAction.RATE:
      c.rating = input.rating!.rating;
      c.ratingComment = input.rating!.comment ?? null;
      c.ratedAt = now;
      if (rule.from !== CaseState.CLOSED) c.closedAt = now;
      data.rating = c.rating;
      break;
    case CaseAction.CLOSE:
      c.closedAt = now;
      break;
    case CaseAction.REOPEN:
      c.reopenCount += 1;
      c.resolvedAt = null;
      c.resolution = null;
      c.closedAt = null;
      c.feedbackAt = null;
      c.feedbackChannel = null;
      c.feedbackNote = null;
      c.rating = null;
      c.ratingComment = null;
      c.ratedAt = null;
      c.startedAt = null;
      newStep(c, freshStepDeadline(now, category), now);
      break;
    case CaseAction.REQUEST_EXTENSION:
      c.requestedDueAt = input.dueAt!;
      data.requestedDueAt = input.dueAt!.toISOString();
      break;
    case CaseAction.APPROVE_EXTENSION:
      data.previousDueAt = c.dueAt.toISOString();
      newStep(c, input.dueAt ?? c.requestedDueAt!, now);
      c.extensionCount += 1;
      c.requestedDueAt = null;
      break;
    case CaseAction.DENY_EXTENSION:
      c.requestedDueAt = null;
      break;
    case CaseAction.REQUEST_RETURN:
    case CaseAction.DENY_RETURN:
      break;
    case CaseAction.APPROVE_RETURN:
      if (c.responsibleKind) data.returnedBy = c.responsibleKind;
      clearResponsible(c);
      c.startedAt = null;
      break;
    case CaseAction.SUPERVISE:
      c.supervisionCount += 1;
      if (rule.from === CaseState.RESOLVED) {
        c.resolvedAt = null;
        c.resolution = null;
        data.sentBack = true;
      }
      break;
    case CaseAction.REPORT:
      throw new Error('a report creates a case; it is not a transition');
  }
  c.state = rule.to;
  data.stepNo = c.stepNo;
  data.dueAt = c.dueAt.toISOString();
  return data;
}
