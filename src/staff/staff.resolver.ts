import DataLoader from 'dataloader';
import { GraphQLLocalDate } from 'graphql-scalars';
import {
  Arg,
  Args,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
  createUnionType,
} from 'type-graphql';
import { ViewerInfo } from '../auth/auth.resolver';
import { covers, type Jurisdiction } from '../auth/jurisdiction';
import { User } from '../auth/user.entity';
import { ScopeLevel } from '../auth/roles';
import { requireViewer } from '../auth/viewer';
import { ConnectionType, PageArgs, toPage, type ConnectionResult } from '../graphql/connection';
import { fromGlobalId, fromOptionalGlobalId } from '../graphql/global-id';
import { byId } from '../graphql/loaders';
import { Household } from '../people/household.entity';
import { Organization } from '../people/organization.entity';
import { Resident } from '../people/resident.entity';
import { loader, type RequestContext } from '../server/context';
import { Building } from '../territory/building.entity';
import { Community } from '../territory/community.entity';
import { Grid } from '../territory/grid.entity';
import { MicroGrid } from '../territory/micro-grid.entity';
import { rosters, roster, trainingRate } from './roster.service';
import { LogBook, SentimentLog } from './sentiment-log.entity';
import * as logs from './sentiment-log.service';
import { StaffAssignment } from './staff-assignment.entity';
import { StaffMember } from './staff-member.entity';
import { PostLevel, StaffRole } from './staff.enums';
import {
  AssignStaffInput,
  CreateSentimentLogInput,
  CreateStaffMemberInput,
  CreateTrainingInput,
  IssueLogBookInput,
  LogBookFilter,
  SentimentLogCountFilter,
  SentimentLogFilter,
  StaffMemberFilter,
  TrainingFilter,
  UpdateStaffMemberInput,
} from './staff.inputs';
import { pairCounts, windowedPages } from './staff.loaders';
import { jurisdictionSql, localDate, maskedPhone, today } from './staff.scope';
import * as staff from './staff.service';
import { DatePeriodInput, Roster, StaffScopeInput, TrainingRate } from './staff.types';
import { parseInput } from '../graphql/validate';
import { Training } from './training.entity';
import * as trainings from './training.service';

@ObjectType({ description: 'A page of staff members.' })
export class StaffMemberConnection extends ConnectionType(StaffMember, 'StaffMember') {}

@ObjectType({ description: 'A page of staff assignments.' })
export class StaffAssignmentConnection extends ConnectionType(StaffAssignment, 'StaffAssignment') {}

@ObjectType({ description: 'A page of trainings.' })
export class TrainingConnection extends ConnectionType(Training, 'Training') {}

@ObjectType({ description: 'A page of sentiment-log entries.' })
export class SentimentLogConnection extends ConnectionType(SentimentLog, 'SentimentLog') {}

@ObjectType({ description: 'A page of log books.' })
export class LogBookConnection extends ConnectionType(LogBook, 'LogBook') {}

export const StaffPost = createUnionType({
  name: 'StaffPost',
  description: 'Where a post sits: a community, grid, micro-grid or building.',
  types: () => [Community, Grid, MicroGrid, Building] as const,
  resolveType: (value: object) => value.constructor.name,
});

@ObjectType('GridStaffLogCount', { description: 'Sentiment logs and log books of one grid over a period.' })
export class GridStaffLogCount {
  @Field(() => Grid, { description: 'The grid.' })
  grid!: Grid;

  @Field(() => Int, { description: 'Sentiment-log entries written in the period.' })
  sentimentLogs!: number;

  @Field(() => Int, { description: 'Distinct staff members who wrote them.' })
  authors!: number;

  @Field(() => Int, { description: 'Log books issued in the period.' })
  logBooks!: number;
}

function scopeIds(scope: StaffScopeInput | null | undefined): staff.ScopeIds {
  return {
    gridId: fromOptionalGlobalId(scope?.gridId, 'Grid', 'scope.gridId'),
    communityId: fromOptionalGlobalId(scope?.communityId, 'Community', 'scope.communityId'),
  };
}

/** Drops omitted fields so that services can tell "leave as is" (absent) from "clear" (null). */
function given<T extends object>(input: T): Partial<T> {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as Partial<T>;
}

@Resolver()
export class StaffResolver {
  @Query(() => StaffMemberConnection, { description: 'Staff members of your jurisdiction.' })
  staffMembers(
    @Ctx() ctx: RequestContext,
    @Args() page: PageArgs,
    @Arg('filter', () => StaffMemberFilter, {
      nullable: true,
      description: 'Filters; all given ones must match.',
    })
    filter?: StaffMemberFilter | null,
  ): Promise<ConnectionResult<StaffMember>> {
    return staff.listStaffMembers(
      ctx,
      {
        communityId: fromOptionalGlobalId(filter?.communityId, 'Community', 'filter.communityId'),
        gridId: fromOptionalGlobalId(filter?.gridId, 'Grid', 'filter.gridId'),
        role: filter?.role ?? undefined,
        activeOn: filter?.activeOn ?? undefined,
        nameContains: filter?.nameContains ?? undefined,
      },
      toPage(page),
    );
  }

  @Query(() => Roster, {
    description:
      '花名册 — people serving in a grid or community on a day (default today): total, per role and per age band.',
  })
  roster(
    @Ctx() ctx: RequestContext,
    @Arg('scope', () => StaffScopeInput, { description: 'The grid or community.' }) scope: StaffScopeInput,
    @Arg('date', () => GraphQLLocalDate, { nullable: true, description: 'The day (default: today).' })
    date?: string | null,
    @Arg('ageBands', () => [Int], {
      defaultValue: [35, 50],
      description: 'Age-band boundaries, strictly increasing; [35, 50] gives "<35", "35–50", ">50".',
    })
    ageBands?: number[],
    @Arg('roles', () => [StaffRole], {
      nullable: true,
      description: 'Count only these roles (default: all).',
    })
    roles?: StaffRole[] | null,
  ): Promise<Roster> {
    return roster(ctx, scopeIds(scope), { date, ageBands, roles });
  }

  @Query(() => TrainingRate, {
    description: '培训率 — share of active staff in the roles who attended a training in the period.',
  })
  trainingRate(
    @Ctx() ctx: RequestContext,
    @Arg('scope', () => StaffScopeInput, { description: 'The grid or community.' }) scope: StaffScopeInput,
    @Arg('period', () => DatePeriodInput, { description: 'The days counted, both ends included.' })
    period: DatePeriodInput,
    @Arg('roles', () => [StaffRole], { defaultValue: [StaffRole.GRID_WORKER], description: 'Roles counted.' })
    roles?: StaffRole[],
  ): Promise<TrainingRate> {
    return trainingRate(ctx, scopeIds(scope), period, roles);
  }

  @Query(() => TrainingConnection, { description: 'Trainings held inside your jurisdiction.' })
  trainings(
    @Ctx() ctx: RequestContext,
    @Args() page: PageArgs,
    @Arg('filter', () => TrainingFilter, {
      nullable: true,
      description: 'Filters; all given ones must match.',
    })
    filter?: TrainingFilter | null,
  ): Promise<ConnectionResult<Training>> {
    return trainings.listTrainings(
      ctx,
      {
        communityId: fromOptionalGlobalId(filter?.communityId, 'Community', 'filter.communityId'),
        gridId: fromOptionalGlobalId(filter?.gridId, 'Grid', 'filter.gridId'),
        from: filter?.from ?? undefined,
        to: filter?.to ?? undefined,
        titleContains: filter?.titleContains ?? undefined,
      },
      toPage(page),
    );
  }

  @Query(() => SentimentLogConnection, {
    description: 'Sentiment-log entries (民情日志) of your jurisdiction.',
  })
  sentimentLogs(
    @Ctx() ctx: RequestContext,
    @Args() page: PageArgs,
    @Arg('filter', () => SentimentLogFilter, {
      nullable: true,
      description: 'Filters; all given ones must match.',
    })
    filter?: SentimentLogFilter | null,
  ): Promise<ConnectionResult<SentimentLog>> {
    return logs.listSentimentLogs(
      ctx,
      {
        communityId: fromOptionalGlobalId(filter?.communityId, 'Community', 'filter.communityId'),
        gridId: fromOptionalGlobalId(filter?.gridId, 'Grid', 'filter.gridId'),
        staffMemberId: fromOptionalGlobalId(filter?.staffMemberId, 'StaffMember', 'filter.staffMemberId'),
        category: filter?.category ?? undefined,
        from: filter?.from ?? undefined,
        to: filter?.to ?? undefined,
      },
      toPage(page),
    );
  }

  @Query(() => LogBookConnection, { description: 'Log books issued inside your jurisdiction.' })
  logBooks(
    @Ctx() ctx: RequestContext,
    @Args() page: PageArgs,
    @Arg('filter', () => LogBookFilter, {
      nullable: true,
      description: 'Filters; all given ones must match.',
    })
    filter?: LogBookFilter | null,
  ): Promise<ConnectionResult<LogBook>> {
    return logs.listLogBooks(
      ctx,
      {
        communityId: fromOptionalGlobalId(filter?.communityId, 'Community', 'filter.communityId'),
        gridId: fromOptionalGlobalId(filter?.gridId, 'Grid', 'filter.gridId'),
        staffMemberId: fromOptionalGlobalId(filter?.staffMemberId, 'StaffMember', 'filter.staffMemberId'),
      },
      toPage(page),
    );
  }

  @Query(() => [GridStaffLogCount], {
    description: 'Per grid of your jurisdiction: sentiment-log entries, their authors and log books issued.',
  })
  async sentimentLogCounts(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => SentimentLogCountFilter, {
      nullable: true,
      description: 'Which grids and days (default: all grids, all days).',
    })
    filter?: SentimentLogCountFilter | null,
  ): Promise<GridStaffLogCount[]> {
    const counts = await logs.sentimentLogCounts(ctx, {
      communityId: fromOptionalGlobalId(filter?.communityId, 'Community', 'filter.communityId'),
      from: filter?.from ?? undefined,
      to: filter?.to ?? undefined,
    });
    const grids = await Promise.all(counts.map((c) => byId(ctx, Grid).load(c.gridId)));
    return counts.map((c, i) => Object.assign(new GridStaffLogCount(), { ...c, grid: grids[i]! }));
  }

  @Mutation(() => StaffMember, { description: 'Add a staff member (administrators).' })
  createStaffMember(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => CreateStaffMemberInput, { description: 'The new staff member.' })
    input: CreateStaffMemberInput,
  ): Promise<StaffMember> {
    return staff.createStaffMember(ctx, {
      ...input,
      communityId: fromOptionalGlobalId(input.communityId, 'Community', 'input.communityId'),
      gridId: fromOptionalGlobalId(input.gridId, 'Grid', 'input.gridId'),
      residentId: fromOptionalGlobalId(input.residentId, 'Resident', 'input.residentId'),
    });
  }

  @Mutation(() => StaffMember, {
    description: 'Change a staff member (administrators of where they belong).',
  })
  updateStaffMember(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID, { description: 'The staff member.' }) id: string,
    @Arg('input', () => UpdateStaffMemberInput, { description: 'The changes.' })
    input: UpdateStaffMemberInput,
  ): Promise<StaffMember> {
    const patch = given(input);
    return staff.updateStaffMember(ctx, fromGlobalId(id, 'StaffMember'), {
      ...patch,
      ...(patch.gridId !== undefined
        ? { gridId: patch.gridId === null ? null : fromGlobalId(patch.gridId, 'Grid', 'input.gridId') }
        : {}),
      ...(patch.residentId !== undefined
        ? {
            residentId:
              patch.residentId === null
                ? null
                : fromGlobalId(patch.residentId, 'Resident', 'input.residentId'),
          }
        : {}),
    } as staff.StaffMemberPatch);
  }

  @Mutation(() => StaffAssignment, {
    description: 'Put a staff member on a post in a role (administrators).',
  })
  assignStaff(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => AssignStaffInput, { description: 'The assignment.' }) input: AssignStaffInput,
  ): Promise<StaffAssignment> {
    return staff.assignStaff(ctx, {
      ...input,
      staffMemberId: fromGlobalId(input.staffMemberId, 'StaffMember', 'input.staffMemberId'),
      organizationId: fromOptionalGlobalId(input.organizationId, 'Organization', 'input.organizationId'),
    });
  }

  @Mutation(() => StaffAssignment, { description: 'End a current assignment (administrators).' })
  endAssignment(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID, { description: 'The assignment.' }) id: string,
    @Arg('endDate', () => GraphQLLocalDate, {
      nullable: true,
      description: 'Last day in the post (default: today).',
    })
    endDate?: string | null,
  ): Promise<StaffAssignment> {
    return staff.endAssignment(ctx, fromGlobalId(id, 'StaffAssignment'), { endDate: endDate ?? undefined });
  }

  @Mutation(() => Training, {
    description: 'Record a training held by a community or grid (administrators).',
  })
  createTraining(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => CreateTrainingInput, { description: 'The training.' }) input: CreateTrainingInput,
  ): Promise<Training> {
    return trainings.createTraining(ctx, {
      ...input,
      heldBy: {
        gridId: fromOptionalGlobalId(input.heldBy.gridId, 'Grid', 'input.heldBy.gridId'),
        communityId: fromOptionalGlobalId(input.heldBy.communityId, 'Community', 'input.heldBy.communityId'),
      },
    });
  }

  @Mutation(() => Training, {
    description: 'Record who attended a training (administrators); people already recorded are kept once.',
  })
  recordAttendance(
    @Ctx() ctx: RequestContext,
    @Arg('trainingId', () => ID, { description: 'The training.' }) trainingId: string,
    @Arg('staffMemberIds', () => [ID], { description: 'The staff members who attended (1–200).' })
    staffMemberIds: string[],
  ): Promise<Training> {
    return trainings.recordAttendance(
      ctx,
      fromGlobalId(trainingId, 'Training', 'trainingId'),
      staffMemberIds.map((id, i) => fromGlobalId(id, 'StaffMember', `staffMemberIds.${i}`)),
    );
  }

  @Mutation(() => SentimentLog, {
    description: 'Write a sentiment-log entry: grid staff their own, administrators for their staff.',
  })
  createSentimentLog(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => CreateSentimentLogInput, { description: 'The entry.' })
    input: CreateSentimentLogInput,
  ): Promise<SentimentLog> {
    return logs.createSentimentLog(ctx, {
      ...input,
      staffMemberId: fromOptionalGlobalId(input.staffMemberId, 'StaffMember', 'input.staffMemberId'),
      gridId: fromGlobalId(input.gridId, 'Grid', 'input.gridId'),
      householdId: fromOptionalGlobalId(input.householdId, 'Household', 'input.householdId'),
    });
  }

  @Mutation(() => LogBook, { description: 'Issue a numbered log book to a staff member (administrators).' })
  issueLogBook(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => IssueLogBookInput, { description: 'The log book.' }) input: IssueLogBookInput,
  ): Promise<LogBook> {
    return logs.issueLogBook(ctx, {
      ...input,
      staffMemberId: fromGlobalId(input.staffMemberId, 'StaffMember', 'input.staffMemberId'),
    });
  }
}

/** Whether a community is one the viewer sees (their own, or one of their street's). */
function seesCommunity(j: Jurisdiction, c: { id: string; streetId: string }): boolean {
  switch (j.level) {
    case ScopeLevel.PLATFORM:
      return true;
    case ScopeLevel.STREET:
      return c.streetId === j.streetId;
    default:
      return c.id === j.communityId;
  }
}

async function visibleCommunity(ctx: RequestContext, id: string): Promise<Community | null> {
  const v = requireViewer(ctx.viewer);
  const c = await byId(ctx, Community).load(id);
  return c && seesCommunity(v.jurisdiction, c) ? c : null;
}

async function visibleGrid(ctx: RequestContext, id: string | null | undefined): Promise<Grid | null> {
  if (!id) return null;
  const v = requireViewer(ctx.viewer);
  const g = await byId(ctx, Grid).load(id);
  return g && covers(v.jurisdiction, { streetId: g.streetId, communityId: g.communityId, gridId: g.id })
    ? g
    : null;
}

@Resolver(() => ViewerInfo)
export class ViewerStaffFieldResolver {
  @FieldResolver(() => StaffMember, {
    nullable: true,
    description:
      'Your own staff record, when your account belongs to grid staff (e.g. for writing sentiment logs).',
  })
  async staffMember(@Ctx() ctx: RequestContext, @Root() v: ViewerInfo): Promise<StaffMember | null> {
    if (!v.userId) return null;
    const user = await byId(ctx, User).load(v.userId);
    return user?.staffMemberId ? byId(ctx, StaffMember).load(user.staffMemberId) : null;
  }
}

@Resolver(() => StaffMember)
export class StaffMemberFieldResolver {
  @FieldResolver(() => Int, {
    nullable: true,
    description: 'Age in full years today; null when not recorded.',
  })
  age(@Ctx() ctx: RequestContext, @Root() m: StaffMember): number | null {
    return staff.staffAge(ctx, m);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Phone; masked (138****5678) unless you administer the place the person belongs to.',
  })
  phone(@Ctx() ctx: RequestContext, @Root() m: StaffMember): string | null {
    return maskedPhone(ctx.viewer, m.phone, m);
  }

  @FieldResolver(() => Community, {
    nullable: true,
    description: 'The community the person belongs to; null when outside your jurisdiction.',
  })
  community(@Ctx() ctx: RequestContext, @Root() m: StaffMember): Promise<Community | null> {
    return visibleCommunity(ctx, m.communityId);
  }

  @FieldResolver(() => Grid, {
    nullable: true,
    description: 'The grid the person belongs to, if any; null when outside your jurisdiction.',
  })
  grid(@Ctx() ctx: RequestContext, @Root() m: StaffMember): Promise<Grid | null> {
    return visibleGrid(ctx, m.gridId);
  }

  @FieldResolver(() => Resident, {
    nullable: true,
    description: 'The person’s resident record, if any; null when outside your jurisdiction.',
  })
  async resident(@Ctx() ctx: RequestContext, @Root() m: StaffMember): Promise<Resident | null> {
    if (!m.residentId) return null;
    const v = requireViewer(ctx.viewer);
    const r = await byId(ctx, Resident).load(m.residentId);
    return r && covers(v.jurisdiction, r) ? r : null;
  }

  @FieldResolver(() => StaffAssignmentConnection, {
    description: 'The person’s posts inside your jurisdiction, current and past.',
  })
  assignments(
    @Ctx() ctx: RequestContext,
    @Root() m: StaffMember,
    @Args() page: PageArgs,
    @Arg('activeOn', () => GraphQLLocalDate, {
      nullable: true,
      description: 'Only posts active on this day.',
    })
    activeOn?: string | null,
  ): Promise<ConnectionResult<StaffAssignment>> {
    const v = requireViewer(ctx.viewer);
    const day = activeOn == null ? null : parseInput(localDate, activeOn, 'activeOn');
    const j = jurisdictionSql(v.jurisdiction, 'a');
    return windowedPages(
      ctx,
      `staffAssignments:${day ?? ''}`,
      StaffAssignment,
      (parents) => ({
        sql: `select a.staff_member_id as parent_id, a.id from staff_assignment a
              where a.staff_member_id in (?) and ${j.sql}
              ${day ? 'and a.start_date <= ?::date and (a.end_date is null or a.end_date >= ?::date)' : ''}`,
        params: [[...parents], ...j.params, ...(day ? [day, day] : [])],
      }),
      toPage(page),
    ).load(m.id);
  }
}

@Resolver(() => StaffAssignment)
export class StaffAssignmentFieldResolver {
  @FieldResolver(() => StaffMember, { description: 'Who holds the post.' })
  async staffMember(@Ctx() ctx: RequestContext, @Root() a: StaffAssignment): Promise<StaffMember> {
    return (await byId(ctx, StaffMember).load(a.staffMemberId))!;
  }

  @FieldResolver(() => StaffPost, { description: 'The community, grid, micro-grid or building of the post.' })
  async post(@Ctx() ctx: RequestContext, @Root() a: StaffAssignment): Promise<typeof StaffPost> {
    switch (a.postLevel) {
      case PostLevel.BUILDING:
        return (await byId(ctx, Building).load(a.buildingId!))!;
      case PostLevel.MICRO_GRID:
        return (await byId(ctx, MicroGrid).load(a.microGridId!))!;
      case PostLevel.GRID:
        return (await byId(ctx, Grid).load(a.gridId!))!;
      default:
        return (await byId(ctx, Community).load(a.communityId))!;
    }
  }

  @FieldResolver(() => Community, { description: 'The community of the post.' })
  async community(@Ctx() ctx: RequestContext, @Root() a: StaffAssignment): Promise<Community> {
    return (await byId(ctx, Community).load(a.communityId))!;
  }

  @FieldResolver(() => Grid, {
    nullable: true,
    description: 'The grid of the post; null for a community post.',
  })
  async grid(@Ctx() ctx: RequestContext, @Root() a: StaffAssignment): Promise<Grid | null> {
    return a.gridId ? await byId(ctx, Grid).load(a.gridId) : null;
  }

  @FieldResolver(() => Organization, {
    nullable: true,
    description:
      'The unit a liaison or grid-chief assistant comes from; null when none or outside your jurisdiction.',
  })
  async organization(@Ctx() ctx: RequestContext, @Root() a: StaffAssignment): Promise<Organization | null> {
    if (!a.organizationId) return null;
    const v = requireViewer(ctx.viewer);
    const o = await byId(ctx, Organization).load(a.organizationId);
    return o && covers(v.jurisdiction, o) ? o : null;
  }

  @FieldResolver(() => Boolean, { description: 'Whether the post is held today.' })
  active(@Ctx() ctx: RequestContext, @Root() a: StaffAssignment): boolean {
    return a.activeOn(today(ctx));
  }
}

@Resolver(() => Grid)
export class GridStaffFieldResolver {
  @FieldResolver(() => StaffMemberConnection, {
    description:
      'People holding a post on this grid on a day (default today), micro-grids and buildings included.',
  })
  staff(
    @Ctx() ctx: RequestContext,
    @Root() g: Grid,
    @Args() page: PageArgs,
    @Arg('activeOn', () => GraphQLLocalDate, { nullable: true, description: 'The day (default: today).' })
    activeOn?: string | null,
    @Arg('role', () => StaffRole, { nullable: true, description: 'Only this role.' }) role?: StaffRole | null,
  ): Promise<ConnectionResult<StaffMember>> {
    const v = requireViewer(ctx.viewer);
    const day = activeOn == null ? today(ctx) : parseInput(localDate, activeOn, 'activeOn');
    const j = jurisdictionSql(v.jurisdiction, 'a');
    return windowedPages(
      ctx,
      `gridStaff:${day}:${role ?? ''}`,
      StaffMember,
      (parents) => ({
        sql: `select distinct a.grid_id as parent_id, a.staff_member_id as id from staff_assignment a
              where a.grid_id in (?) and ${j.sql} and a.start_date <= ?::date
                and (a.end_date is null or a.end_date >= ?::date) ${role ? 'and a.role = ?' : ''}`,
        params: [[...parents], ...j.params, day, day, ...(role ? [role] : [])],
      }),
      toPage(page),
    ).load(g.id);
  }

  @FieldResolver(() => Roster, { description: 'The roster (花名册) of this grid on a day (default today).' })
  roster(
    @Ctx() ctx: RequestContext,
    @Root() g: Grid,
    @Arg('date', () => GraphQLLocalDate, { nullable: true, description: 'The day (default: today).' })
    date?: string | null,
    @Arg('ageBands', () => [Int], {
      defaultValue: [35, 50],
      description: 'Age-band boundaries, strictly increasing.',
    })
    ageBands?: number[],
    @Arg('roles', () => [StaffRole], {
      nullable: true,
      description: 'Count only these roles (default: all).',
    })
    roles?: StaffRole[] | null,
  ): Promise<Roster> {
    const options = { date, ageBands, roles };
    return loader(
      ctx,
      `gridRoster:${JSON.stringify(options)}`,
      () =>
        new DataLoader<string, Roster>(async (ids) => {
          const map = await rosters(ctx, 'GRID', ids, options);
          return ids.map((id) => map.get(id)!);
        }),
    ).load(g.id);
  }
}

@Resolver(() => Training)
export class TrainingFieldResolver {
  @FieldResolver(() => StaffMemberConnection, { description: 'Who attended.' })
  attendees(
    @Ctx() ctx: RequestContext,
    @Root() t: Training,
    @Args() page: PageArgs,
  ): Promise<ConnectionResult<StaffMember>> {
    return windowedPages(ctx, 'trainingAttendees', StaffMember, trainings.attendeePairs, toPage(page)).load(
      t.id,
    );
  }

  @FieldResolver(() => Int, { description: 'Number of attendees.' })
  attendeeCount(@Ctx() ctx: RequestContext, @Root() t: Training): Promise<number> {
    return pairCounts(ctx, 'trainingAttendees', trainings.attendeePairs).load(t.id);
  }

  @FieldResolver(() => Community, { description: 'The community that held it, or whose grid did.' })
  async community(@Ctx() ctx: RequestContext, @Root() t: Training): Promise<Community> {
    return (await byId(ctx, Community).load(t.communityId))!;
  }

  @FieldResolver(() => Grid, {
    nullable: true,
    description: 'The grid that held it; null for a community training.',
  })
  async grid(@Ctx() ctx: RequestContext, @Root() t: Training): Promise<Grid | null> {
    return t.gridId ? await byId(ctx, Grid).load(t.gridId) : null;
  }
}

@Resolver(() => SentimentLog)
export class SentimentLogFieldResolver {
  @FieldResolver(() => StaffMember, { description: 'Who wrote it.' })
  async staffMember(@Ctx() ctx: RequestContext, @Root() l: SentimentLog): Promise<StaffMember> {
    return (await byId(ctx, StaffMember).load(l.staffMemberId))!;
  }

  @FieldResolver(() => Grid, { description: 'The grid it is about.' })
  async grid(@Ctx() ctx: RequestContext, @Root() l: SentimentLog): Promise<Grid> {
    return (await byId(ctx, Grid).load(l.gridId!))!;
  }

  @FieldResolver(() => Household, { nullable: true, description: 'The household visited, if any.' })
  async household(@Ctx() ctx: RequestContext, @Root() l: SentimentLog): Promise<Household | null> {
    if (!l.householdId) return null;
    const v = requireViewer(ctx.viewer);
    const h = await byId(ctx, Household).load(l.householdId);
    return h && covers(v.jurisdiction, h) ? h : null;
  }
}

@Resolver(() => LogBook)
export class LogBookFieldResolver {
  @FieldResolver(() => StaffMember, { description: 'Who it was issued to.' })
  async staffMember(@Ctx() ctx: RequestContext, @Root() b: LogBook): Promise<StaffMember> {
    return (await byId(ctx, StaffMember).load(b.staffMemberId))!;
  }

  @FieldResolver(() => Community, { description: 'The community it belongs to.' })
  async community(@Ctx() ctx: RequestContext, @Root() b: LogBook): Promise<Community> {
    return (await byId(ctx, Community).load(b.communityId))!;
  }

  @FieldResolver(() => Grid, { nullable: true, description: 'The grid it belongs to, if any.' })
  async grid(@Ctx() ctx: RequestContext, @Root() b: LogBook): Promise<Grid | null> {
    return b.gridId ? await byId(ctx, Grid).load(b.gridId) : null;
  }
}
