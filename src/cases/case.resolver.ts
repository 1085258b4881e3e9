import DataLoader from 'dataloader';
import {
  Arg,
  Args,
  Ctx,
  Field,
  Float,
  ID,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  FieldResolver,
  Root,
} from 'type-graphql';
import { batchedRows } from '../db/read-batch';
import { findPlain, rowMapper } from '../db/read-model';
import { covers } from '../auth/jurisdiction';
import { UserRole } from '../auth/roles';
import {
  ConnectionType,
  MAX_PAGE_SIZE,
  PageArgs,
  toPage,
  type ConnectionResult,
} from '../graphql/connection';
import { badInput } from '../graphql/errors';
import { fromGlobalId, fromOptionalGlobalId, parseGlobalId } from '../graphql/global-id';
import { byId } from '../graphql/loaders';
import { pgUuidArray } from '../modules/metric';
import { Household, Organization, Resident } from '../people';
import { loader, type RequestContext } from '../server/context';
import { StaffMember } from '../staff';
import { Building, Community, Grid, MicroGrid, Street } from '../territory';
import { CaseCategory } from './case-category.entity';
import { Case } from './case.entity';
import {
  CASE_STATE_LABELS,
  CaseAction,
  DEPARTMENT_LABELS,
  CaseState,
  RESPONSIBLE_LABELS,
} from './case.enums';
import { CaseEvent } from './case-event.entity';
import { CaseOverdue } from './case-overdue.entity';
import {
  AcceptCaseInput,
  ApproveExtensionInput,
  AssignCaseInput,
  CaseActionInput,
  CaseFeedbackInput,
  CaseFilter,
  CaseReasonInput,
  RateCaseInput,
  ReportCaseInput,
  RequestExtensionInput,
  ResolveCaseInput,
  ResponsibleInput,
  SendToJointMeetingInput,
} from './case.inputs';
import * as cases from './case.service';
import { caseMetrics, type CaseMetricsResult } from './case-metrics';
import { daysBetween, DUE_SOON_HOURS, isDueSoon, isOverdue } from './case-sla';
import { TRANSITIONS } from './case-state-machine';
import { JointMeeting } from './joint-meeting.entity';
import { sendToJointMeeting } from './joint-meeting.service';

@ObjectType({ description: 'A page of cases.' })
export class CaseConnection extends ConnectionType(Case, 'Case') {}

@ObjectType('CaseCategoryCount', { description: 'A count of cases in one category.' })
export class CaseCategoryCount {
  @Field(() => CaseCategory, { description: 'The category.' })
  category!: CaseCategory;

  @Field(() => Int, { description: 'Number of cases.' })
  count!: number;
}

@ObjectType('CaseMetrics', {
  description:
    'Closed-loop figures of a grid, community or street over [from, to). Rates are percentages with one decimal, null when there was nothing to divide by.',
})
export class CaseMetrics {
  @Field(() => Date, { description: 'Start of the period (inclusive).' })
  from!: Date;

  @Field(() => Date, { description: 'End of the period (exclusive).' })
  to!: Date;

  @Field(() => Int, { description: 'Grids counted (all grids of the node, retired ones included).' })
  gridCount!: number;

  @Field(() => Int, { description: 'cases.reported — cases reported in the period.' })
  reported!: number;

  @Field(() => Int, { description: 'cases.solved — cases resolved in the period and not reopened since.' })
  solved!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'cases.on_time_rate — % of solved cases resolved by their overall deadline.',
  })
  onTimeRate!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'cases.mean_hours_to_resolve — mean hours from report to resolution.',
  })
  meanHoursToResolve!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'cases.satisfaction_rate — % of ratings given in the period that are 4–5.',
  })
  satisfactionRate!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'cases.feedback_rate — % of solved cases whose result was told to the resident.',
  })
  feedbackRate!: number | null;

  @Field(() => Int, { description: 'cases.reopened — cases reopened in the period.' })
  reopened!: number;

  @Field(() => Int, {
    description: 'cases.escalated — cases escalated (community, street or joint meeting) in the period.',
  })
  escalated!: number;

  @Field(() => Int, { description: 'cases.supervised — cases a supervisor sent back (督办) in the period.' })
  supervised!: number;

  @Field(() => Int, {
    description:
      'cases.open_overdue — cases reported before `to`, still open and past a deadline at `to` (or now, if sooner).',
  })
  openOverdue!: number;

  @Field(() => [CaseCategoryCount], { description: 'Cases solved in the period, per category, most first.' })
  solvedByCategory!: CaseCategoryCount[];
}

@ObjectType('CaseTransition', {
  description: 'One row of the case state machine: an action, from a state, to a state, by whom.',
})
export class CaseTransitionRule {
  @Field(() => CaseState, { description: 'State the action applies to.' })
  from!: CaseState;

  @Field(() => CaseAction, { description: 'The action (one mutation each).' })
  action!: CaseAction;

  @Field(() => CaseState, { description: 'State after the action.' })
  to!: CaseState;

  @Field(() => [UserRole], { description: 'Roles that may take it.' })
  roles!: UserRole[];

  @Field(() => Boolean, {
    description:
      'true: only a viewer at or above the level holding the case (grid, community, street) may take it; false: any of the roles whose jurisdiction covers the case.',
  })
  holderOnly!: boolean;
}

function responsibleOf(r: ResponsibleInput): cases.ResponsibleData {
  return {
    kind: r.kind,
    department: r.department,
    name: r.name,
    assigneeId: fromOptionalGlobalId(r.assigneeId, 'StaffMember', 'input.responsible.assigneeId'),
    organizationId: fromOptionalGlobalId(
      r.organizationId,
      'Organization',
      'input.responsible.organizationId',
    ),
  };
}

const caseId = (id: string) => fromGlobalId(id, 'Case', 'input.id');

@Resolver()
export class CaseResolver {
  @Query(() => CaseConnection, { description: 'Cases of your jurisdiction, newest first.' })
  cases(
    @Ctx() ctx: RequestContext,
    @Args() page: PageArgs,
    @Arg('filter', () => CaseFilter, { nullable: true }) filter?: CaseFilter | null,
  ): Promise<ConnectionResult<Case>> {
    const f = filter ?? {};
    return cases.listCases(
      ctx,
      {
        ...f,
        categoryId: fromOptionalGlobalId(f.categoryId, 'CaseCategory', 'filter.categoryId'),
        gridId: fromOptionalGlobalId(f.gridId, 'Grid', 'filter.gridId'),
        communityId: fromOptionalGlobalId(f.communityId, 'Community', 'filter.communityId'),
        assigneeId: fromOptionalGlobalId(f.assigneeId, 'StaffMember', 'filter.assigneeId'),
      },
      toPage(page),
    );
  }

  @Query(() => CaseConnection, {
    description:
      '台账: the open cases of a grid, or of the grids a grid chief leads today, oldest first; each case shows its `currentStep` and `daysOpen`.',
  })
  caseLedger(
    @Ctx() ctx: RequestContext,
    @Args() page: PageArgs,
    @Arg('gridId', () => ID, { nullable: true, description: 'The grid.' }) gridId?: string | null,
    @Arg('gridChiefId', () => ID, { nullable: true, description: 'A grid chief (StaffMember).' })
    gridChiefId?: string | null,
  ): Promise<ConnectionResult<Case>> {
    return cases.caseLedger(
      ctx,
      {
        gridId: fromOptionalGlobalId(gridId, 'Grid', 'gridId'),
        gridChiefId: fromOptionalGlobalId(gridChiefId, 'StaffMember', 'gridChiefId'),
      },
      toPage(page),
    );
  }

  @Query(() => CaseMetrics, {
    description: 'Closed-loop figures of a grid, community or street you cover, over [from, to).',
  })
  async caseMetrics(
    @Ctx() ctx: RequestContext,
    @Arg('scope', () => ID, { description: 'A Grid, Community or Street id.' }) scope: string,
    @Arg('from', () => Date, { description: 'Start (inclusive).' }) from: Date,
    @Arg('to', () => Date, { description: 'End (exclusive).' }) to: Date,
  ): Promise<CaseMetrics> {
    const node = parseGlobalId(scope);
    if (!node) throw badInput('scope', { en: 'scope is not a valid id', zh: 'scope 不是有效的编号' });
    const r: CaseMetricsResult = await caseMetrics(ctx, node, { from, to });
    const categories = await byId(ctx, CaseCategory).loadMany(r.solvedByCategory.map((s) => s.categoryId));
    return {
      from: r.period.from,
      to: r.period.to,
      gridCount: r.scope.gridIds.length,
      reported: r.reported ?? 0,
      solved: r.solved ?? 0,
      onTimeRate: r.onTimeRate,
      meanHoursToResolve: r.meanHoursToResolve,
      satisfactionRate: r.satisfactionRate,
      feedbackRate: r.feedbackRate,
      reopened: r.reopened ?? 0,
      escalated: r.escalated ?? 0,
      supervised: r.supervised ?? 0,
      openOverdue: r.openOverdue ?? 0,
      solvedByCategory: r.solvedByCategory.map((s, i) => ({
        category: categories[i] as CaseCategory,
        count: s.count,
      })),
    };
  }

  @Query(() => [CaseTransitionRule], {
    description:
      'The case state machine: every allowed (state, action) pair, for clients to draw or check against.',
  })
  caseTransitions(): CaseTransitionRule[] {
    return TRANSITIONS.map((t) => ({
      from: t.from,
      action: t.action,
      to: t.to,
      roles: [...t.roles],
      holderOnly: t.authority === 'HOLDER',
    }));
  }

  @Mutation(() => Case, {
    description:
      'Report a case (上报). Without a grid it is routed by `location` to the grid containing the point; outside every grid it waits for the community’s triage.',
  })
  reportCase(@Ctx() ctx: RequestContext, @Arg('input') input: ReportCaseInput): Promise<Case> {
    return cases.reportCase(ctx, {
      ...input,
      gridId: fromOptionalGlobalId(input.gridId, 'Grid', 'input.gridId'),
      communityId: fromOptionalGlobalId(input.communityId, 'Community', 'input.communityId'),
      microGridId: fromOptionalGlobalId(input.microGridId, 'MicroGrid', 'input.microGridId'),
      buildingId: fromOptionalGlobalId(input.buildingId, 'Building', 'input.buildingId'),
      householdId: fromOptionalGlobalId(input.householdId, 'Household', 'input.householdId'),
      categoryId: fromGlobalId(input.categoryId, 'CaseCategory', 'input.categoryId'),
      reporterResidentId: fromOptionalGlobalId(
        input.reporterResidentId,
        'Resident',
        'input.reporterResidentId',
      ),
      location: input.location ? { lng: input.location.lng, lat: input.location.lat } : null,
    });
  }

  @Mutation(() => Case, {
    description: 'Accept (受理) a case; a case awaiting triage is routed to the grid named.',
  })
  acceptCase(@Ctx() ctx: RequestContext, @Arg('input') input: AcceptCaseInput): Promise<Case> {
    return cases.acceptCase(ctx, {
      ...input,
      id: caseId(input.id),
      gridId: fromOptionalGlobalId(input.gridId, 'Grid', 'input.gridId'),
      categoryId: fromOptionalGlobalId(input.categoryId, 'CaseCategory', 'input.categoryId'),
    });
  }

  @Mutation(() => Case, { description: 'Assign (分派) a case to a responsible party with a step deadline.' })
  assignCase(@Ctx() ctx: RequestContext, @Arg('input') input: AssignCaseInput): Promise<Case> {
    return cases.assignCase(ctx, {
      ...input,
      id: caseId(input.id),
      responsible: responsibleOf(input.responsible),
    });
  }

  @Mutation(() => Case, { description: 'Start handling (开始办理) an assigned or reopened case.' })
  startCase(@Ctx() ctx: RequestContext, @Arg('input') input: CaseActionInput): Promise<Case> {
    return cases.simpleAction(ctx, CaseAction.START, { ...input, id: caseId(input.id) });
  }

  @Mutation(() => Case, { description: 'Resolve (办结) a case with what was done.' })
  resolveCase(@Ctx() ctx: RequestContext, @Arg('input') input: ResolveCaseInput): Promise<Case> {
    return cases.resolveCase(ctx, { ...input, id: caseId(input.id) });
  }

  @Mutation(() => Case, { description: 'Record that the resident was told the result (结果反馈).' })
  giveCaseFeedback(@Ctx() ctx: RequestContext, @Arg('input') input: CaseFeedbackInput): Promise<Case> {
    return cases.giveFeedback(ctx, { ...input, id: caseId(input.id) });
  }

  @Mutation(() => Case, {
    description:
      'Record the resident’s rating (1–5); it closes the case. A case closed by the timeout may be rated once later.',
  })
  rateCase(@Ctx() ctx: RequestContext, @Arg('input') input: RateCaseInput): Promise<Case> {
    return cases.rateCase(ctx, { ...input, id: caseId(input.id) });
  }

  @Mutation(() => Case, { description: 'Close a case without a rating (the resident could not be reached).' })
  closeCase(@Ctx() ctx: RequestContext, @Arg('input') input: CaseActionInput): Promise<Case> {
    return cases.simpleAction(ctx, CaseAction.CLOSE, { ...input, id: caseId(input.id) });
  }

  @Mutation(() => Case, {
    description: 'Reopen (重办) a case the resident is not satisfied with; the step clock restarts.',
  })
  reopenCase(@Ctx() ctx: RequestContext, @Arg('input') input: CaseReasonInput): Promise<Case> {
    return cases.reasonAction(ctx, CaseAction.REOPEN, { ...input, id: caseId(input.id) });
  }

  @Mutation(() => Case, { description: 'Reject (不予受理) an invalid case, with the reason.' })
  rejectCase(@Ctx() ctx: RequestContext, @Arg('input') input: CaseReasonInput): Promise<Case> {
    return cases.reasonAction(ctx, CaseAction.REJECT, { ...input, id: caseId(input.id) });
  }

  @Mutation(() => Case, {
    description:
      'Escalate (上报) a case one level up: grid → community → street. The step deadline restarts.',
  })
  escalateCase(@Ctx() ctx: RequestContext, @Arg('input') input: CaseActionInput): Promise<Case> {
    return cases.simpleAction(ctx, CaseAction.ESCALATE, { ...input, id: caseId(input.id) });
  }

  @Mutation(() => Case, {
    description:
      'Put a case on a joint meeting’s agenda (提交联席会议); the step is due at the end of the meeting day.',
  })
  sendCaseToJointMeeting(
    @Ctx() ctx: RequestContext,
    @Arg('input') input: SendToJointMeetingInput,
  ): Promise<Case> {
    return sendToJointMeeting(ctx, {
      ...input,
      id: caseId(input.id),
      meetingId: fromGlobalId(input.meetingId, 'JointMeeting', 'input.meetingId'),
    });
  }

  @Mutation(() => Case, { description: 'Ask for a later step deadline (申请延时).' })
  requestCaseExtension(
    @Ctx() ctx: RequestContext,
    @Arg('input') input: RequestExtensionInput,
  ): Promise<Case> {
    return cases.requestExtension(ctx, { ...input, id: caseId(input.id) });
  }

  @Mutation(() => Case, { description: 'Approve an extension: the step deadline moves (a new step begins).' })
  approveCaseExtension(
    @Ctx() ctx: RequestContext,
    @Arg('input') input: ApproveExtensionInput,
  ): Promise<Case> {
    return cases.approveExtension(ctx, { ...input, id: caseId(input.id) });
  }

  @Mutation(() => Case, { description: 'Deny an extension: the deadline stays.' })
  denyCaseExtension(@Ctx() ctx: RequestContext, @Arg('input') input: CaseActionInput): Promise<Case> {
    return cases.simpleAction(ctx, CaseAction.DENY_EXTENSION, { ...input, id: caseId(input.id) });
  }

  @Mutation(() => Case, { description: 'Ask to hand a case back (退办): it is not the handler’s to solve.' })
  requestCaseReturn(@Ctx() ctx: RequestContext, @Arg('input') input: CaseReasonInput): Promise<Case> {
    return cases.reasonAction(ctx, CaseAction.REQUEST_RETURN, { ...input, id: caseId(input.id) });
  }

  @Mutation(() => Case, {
    description: 'Approve a return: the case goes back to ACCEPTED to be assigned again.',
  })
  approveCaseReturn(@Ctx() ctx: RequestContext, @Arg('input') input: CaseActionInput): Promise<Case> {
    return cases.simpleAction(ctx, CaseAction.APPROVE_RETURN, { ...input, id: caseId(input.id) });
  }

  @Mutation(() => Case, { description: 'Deny a return: the handler carries on.' })
  denyCaseReturn(@Ctx() ctx: RequestContext, @Arg('input') input: CaseActionInput): Promise<Case> {
    return cases.simpleAction(ctx, CaseAction.DENY_RETURN, { ...input, id: caseId(input.id) });
  }

  @Mutation(() => Case, {
    description:
      'Supervise (督办): send the case back with a note; counted against the grid. A resolved case returns to IN_PROGRESS.',
  })
  superviseCase(@Ctx() ctx: RequestContext, @Arg('input') input: CaseReasonInput): Promise<Case> {
    return cases.reasonAction(ctx, CaseAction.SUPERVISE, { ...input, id: caseId(input.id) });
  }
}

/** Timelines of many cases in one query. */
function timelines(ctx: RequestContext): DataLoader<string, CaseEvent[]> {
  return loader(
    ctx,
    'cases:timeline',
    () =>
      new DataLoader<string, CaseEvent[]>(async (ids) => {
        const rows = await findPlain(
          ctx.em,
          CaseEvent,
          { caseId: { $in: [...ids] } },
          { orderBy: { caseId: 'asc', version: 'asc' } },
        );
        return groupBy(ids, rows);
      }),
  );
}

/**
 * The last `n` steps of many cases in one windowed query (not one per case), so a page of cases
 * with their recent steps costs the same number of statements whatever its size.
 */
function lastSteps(ctx: RequestContext, n: number): DataLoader<string, CaseEvent[]> {
  return loader(
    ctx,
    `cases:lastSteps:${n}`,
    () =>
      new DataLoader<string, CaseEvent[]>(async (ids) => {
        const rows = await batchedRows(
          ctx.em,
          `select e.* from (
             select ce.*, row_number() over (partition by ce.case_id order by ce.version desc) as rn
             from case_event ce where ce.case_id = any(?::uuid[])
           ) e where e.rn <= ? order by e.case_id, e.version`,
          [pgUuidArray(ids), n],
        );
        const steps = rows.map(rowMapper(ctx.em, CaseEvent)).sort((a, b) => a.version - b.version);
        return groupBy(ids, steps);
      }),
  );
}

function groupBy<T extends { caseId: string }>(ids: readonly string[], rows: T[]): T[][] {
  const map = new Map<string, T[]>();
  for (const r of rows) map.set(r.caseId, [...(map.get(r.caseId) ?? []), r]);
  return ids.map((id) => map.get(id) ?? []);
}

function overdueRecords(ctx: RequestContext): DataLoader<string, CaseOverdue[]> {
  return loader(
    ctx,
    'cases:overdue',
    () =>
      new DataLoader<string, CaseOverdue[]>(async (ids) => {
        const rows = await findPlain(
          ctx.em,
          CaseOverdue,
          { caseId: { $in: [...ids] } },
          { orderBy: { detectedAt: 'asc', id: 'asc' } },
        );
        return groupBy(ids, rows);
      }),
  );
}

/** A related record shown on a case only when the viewer may see it, or it belongs to the case's own community. */
function visibleOn<T extends { streetId: string; communityId: string; gridId?: string | null }>(
  ctx: RequestContext,
  c: Case,
  row: T | null,
): T | null {
  if (!row || !ctx.viewer.jurisdiction) return null;
  if (covers(ctx.viewer.jurisdiction, row)) return row;
  return row.communityId === c.communityId && (row.gridId == null || row.gridId === c.gridId) ? row : null;
}

@Resolver(() => Case)
export class CaseFieldResolver {
  @FieldResolver(() => Grid, {
    nullable: true,
    description: 'The grid; null while the case waits for triage.',
  })
  async grid(@Ctx() ctx: RequestContext, @Root() c: Case): Promise<Grid | null> {
    return c.gridId ? byId(ctx, Grid).load(c.gridId) : null;
  }

  @FieldResolver(() => Community, { description: 'The community.' })
  async community(@Ctx() ctx: RequestContext, @Root() c: Case): Promise<Community> {
    return (await byId(ctx, Community).load(c.communityId))!;
  }

  @FieldResolver(() => Street, { description: 'The street.' })
  async street(@Ctx() ctx: RequestContext, @Root() c: Case): Promise<Street> {
    return (await byId(ctx, Street).load(c.streetId))!;
  }

  @FieldResolver(() => MicroGrid, { nullable: true, description: 'The micro-grid, if known.' })
  async microGrid(@Ctx() ctx: RequestContext, @Root() c: Case): Promise<MicroGrid | null> {
    return c.microGridId ? byId(ctx, MicroGrid).load(c.microGridId) : null;
  }

  @FieldResolver(() => Building, { nullable: true, description: 'The building, if known.' })
  async building(@Ctx() ctx: RequestContext, @Root() c: Case): Promise<Building | null> {
    return c.buildingId ? byId(ctx, Building).load(c.buildingId) : null;
  }

  @FieldResolver(() => Household, {
    nullable: true,
    description: 'The household concerned, if any and within your jurisdiction.',
  })
  async household(@Ctx() ctx: RequestContext, @Root() c: Case): Promise<Household | null> {
    return c.householdId ? visibleOn(ctx, c, await byId(ctx, Household).load(c.householdId)) : null;
  }

  @FieldResolver(() => CaseCategory, { description: 'The category.' })
  async category(@Ctx() ctx: RequestContext, @Root() c: Case): Promise<CaseCategory> {
    return (await byId(ctx, CaseCategory).load(c.categoryId))!;
  }

  @FieldResolver(() => Resident, {
    nullable: true,
    description:
      'The resident who reported it, with personal data masked; null if none or outside your jurisdiction.',
  })
  async reporter(@Ctx() ctx: RequestContext, @Root() c: Case): Promise<Resident | null> {
    if (!c.reporterResidentId || !ctx.viewer.jurisdiction) return null;
    const r = await byId(ctx, Resident).load(c.reporterResidentId);
    return r && covers(ctx.viewer.jurisdiction, r) ? r : null;
  }

  @FieldResolver(() => StaffMember, { nullable: true, description: 'The staff member in charge, if any.' })
  async assignee(@Ctx() ctx: RequestContext, @Root() c: Case): Promise<StaffMember | null> {
    return c.assigneeId ? visibleOn(ctx, c, await byId(ctx, StaffMember).load(c.assigneeId)) : null;
  }

  @FieldResolver(() => Organization, {
    nullable: true,
    description: 'The responsible property company, owners’ committee or department, when it is on record.',
  })
  async responsibleOrganization(@Ctx() ctx: RequestContext, @Root() c: Case): Promise<Organization | null> {
    return c.responsibleOrganizationId
      ? visibleOn(ctx, c, await byId(ctx, Organization).load(c.responsibleOrganizationId))
      : null;
  }

  @FieldResolver(() => JointMeeting, {
    nullable: true,
    description: 'The joint meeting the case was last sent to.',
  })
  async jointMeeting(@Ctx() ctx: RequestContext, @Root() c: Case): Promise<JointMeeting | null> {
    return c.jointMeetingId ? byId(ctx, JointMeeting).load(c.jointMeetingId) : null;
  }

  @FieldResolver(() => [CaseEvent], {
    description:
      'Every step so far, oldest first (版本 1 is the report); with `last`, only the latest steps.',
  })
  timeline(
    @Ctx() ctx: RequestContext,
    @Root() c: Case,
    @Arg('last', () => Int, {
      nullable: true,
      description: `Only the last N steps (1–${MAX_PAGE_SIZE}), still oldest first: what a case list shows.`,
    })
    last?: number | null,
  ): Promise<CaseEvent[]> {
    if (last == null) return timelines(ctx).load(c.id);
    if (!Number.isInteger(last) || last < 1 || last > MAX_PAGE_SIZE) {
      throw badInput('last', {
        en: `last must be between 1 and ${MAX_PAGE_SIZE}`,
        zh: `last 必须在 1 到 ${MAX_PAGE_SIZE} 之间`,
      });
    }
    return lastSteps(ctx, last).load(c.id);
  }

  @FieldResolver(() => [CaseOverdue], {
    description: 'Deadlines that ran out, as the SLA sweeper recorded them.',
  })
  overdueRecords(@Ctx() ctx: RequestContext, @Root() c: Case): Promise<CaseOverdue[]> {
    return overdueRecords(ctx).load(c.id);
  }

  @FieldResolver(() => Boolean, { description: 'Open and past its step deadline or its overall deadline.' })
  overdue(@Ctx() ctx: RequestContext, @Root() c: Case): boolean {
    return isOverdue(c, ctx.app.clock.now());
  }

  @FieldResolver(() => Boolean, {
    description: 'Open, not overdue, and the next deadline falls within `withinHours`.',
  })
  dueSoon(
    @Ctx() ctx: RequestContext,
    @Root() c: Case,
    @Arg('withinHours', () => Int, {
      defaultValue: DUE_SOON_HOURS,
      description: `Hours ahead to look (1–720, default ${DUE_SOON_HOURS}).`,
    })
    withinHours: number,
  ): boolean {
    if (!Number.isInteger(withinHours) || withinHours < 1 || withinHours > 720) {
      throw badInput('withinHours', {
        en: 'withinHours must be between 1 and 720',
        zh: 'withinHours 须在 1 到 720 之间',
      });
    }
    return isDueSoon(c, ctx.app.clock.now(), withinHours);
  }

  @FieldResolver(() => Int, {
    description: 'Whole days from the report to the end (resolution, rejection) or to now.',
  })
  daysOpen(@Ctx() ctx: RequestContext, @Root() c: Case): number {
    return daysBetween(c.reportedAt, c.resolvedAt ?? c.rejectedAt ?? c.closedAt ?? ctx.app.clock.now());
  }

  @FieldResolver(() => String, {
    description: 'The current step in words, in the request’s language, e.g. "办理中（物业公司）".',
  })
  currentStep(@Ctx() ctx: RequestContext, @Root() c: Case): string {
    const lang = ctx.locale;
    const state = CASE_STATE_LABELS[c.state][lang];
    const who = c.responsibleKind ? RESPONSIBLE_LABELS[c.responsibleKind][lang] : null;
    const holder = c.responsibleName ?? (c.department ? DEPARTMENT_LABELS[c.department][lang] : who);
    const level = {
      GRID: { zh: '网格', en: 'grid' },
      COMMUNITY: { zh: '社区', en: 'community' },
      STREET: { zh: '街道', en: 'street' },
    }[c.level][lang];
    const party = holder ?? level;
    return lang === 'zh' ? `${state}（${party}）` : `${state[0]!.toUpperCase()}${state.slice(1)} (${party})`;
  }

  @FieldResolver(() => [CaseAction], {
    description: 'Actions you may take on the case now (its state, your role and level).',
  })
  availableActions(@Ctx() ctx: RequestContext, @Root() c: Case): CaseAction[] {
    return cases.availableActionsFor(ctx, c);
  }
}
