import { Arg, Args, Ctx, FieldResolver, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { ConnectionType, PageArgs, toPage, type ConnectionResult } from '../graphql/connection';
import { badInput } from '../graphql/errors';
import { fromGlobalId, fromOptionalGlobalId, parseGlobalId } from '../graphql/global-id';
import { byId } from '../graphql/loaders';
import { Organization } from '../people';
import type { RequestContext } from '../server/context';
import { StaffMember } from '../staff';
import { Community, Street } from '../territory';
import { Case } from './case.entity';
import { JointMeetingDecisionInput, JointMeetingFilter, ScheduleJointMeetingInput } from './case.inputs';
import { JointMeeting, JointMeetingItem } from './joint-meeting.entity';
import * as meetings from './joint-meeting.service';

@ObjectType({ description: 'A page of joint meetings.' })
export class JointMeetingConnection extends ConnectionType(JointMeeting, 'JointMeeting') {}

@Resolver()
export class JointMeetingResolver {
  @Query(() => JointMeetingConnection, {
    description: 'Joint meetings (联席会议) of your community or street, latest scheduled first.',
  })
  jointMeetings(
    @Ctx() ctx: RequestContext,
    @Args() page: PageArgs,
    @Arg('filter', () => JointMeetingFilter, { nullable: true }) filter?: JointMeetingFilter | null,
  ): Promise<ConnectionResult<JointMeeting>> {
    return meetings.listJointMeetings(
      ctx,
      {
        communityId: fromOptionalGlobalId(filter?.communityId, 'Community', 'filter.communityId'),
        from: filter?.from,
        to: filter?.to,
      },
      toPage(page),
    );
  }

  @Mutation(() => JointMeeting, {
    description:
      'Schedule a joint meeting of a community or street with the departments attending (administrators).',
  })
  scheduleJointMeeting(
    @Ctx() ctx: RequestContext,
    @Arg('input') input: ScheduleJointMeetingInput,
  ): Promise<JointMeeting> {
    const convener = parseGlobalId(input.convenerId);
    if (!convener || (convener.type !== 'Community' && convener.type !== 'Street')) {
      throw badInput('input.convenerId', {
        en: 'input.convenerId must be a Community or Street id',
        zh: 'input.convenerId 须为社区或街道编号',
      });
    }
    return meetings.scheduleJointMeeting(ctx, {
      ...input,
      convener: { type: convener.type, id: convener.id },
    });
  }

  @Mutation(() => Case, {
    description:
      'Record a joint meeting’s decision on a case on its agenda: who takes it on, by when. The case becomes ASSIGNED.',
  })
  recordJointMeetingDecision(
    @Ctx() ctx: RequestContext,
    @Arg('input') input: JointMeetingDecisionInput,
  ): Promise<Case> {
    const r = input.responsible;
    return meetings.recordDecision(ctx, {
      ...input,
      meetingId: fromGlobalId(input.meetingId, 'JointMeeting', 'input.meetingId'),
      caseId: fromGlobalId(input.caseId, 'Case', 'input.caseId'),
      responsible: {
        kind: r.kind,
        department: r.department,
        name: r.name,
        assigneeId: fromOptionalGlobalId(r.assigneeId, 'StaffMember', 'input.responsible.assigneeId'),
        organizationId: fromOptionalGlobalId(
          r.organizationId,
          'Organization',
          'input.responsible.organizationId',
        ),
      },
    });
  }
}

@Resolver(() => JointMeeting)
export class JointMeetingFieldResolver {
  @FieldResolver(() => Street, { description: 'The street.' })
  async street(@Ctx() ctx: RequestContext, @Root() m: JointMeeting): Promise<Street> {
    return (await byId(ctx, Street).load(m.streetId))!;
  }

  @FieldResolver(() => Community, {
    nullable: true,
    description: 'The community; null for a street meeting.',
  })
  async community(@Ctx() ctx: RequestContext, @Root() m: JointMeeting): Promise<Community | null> {
    return m.communityId ? byId(ctx, Community).load(m.communityId) : null;
  }

  @FieldResolver(() => [JointMeetingItem], {
    description: 'The agenda: cases put to the meeting that you may see, with the decisions taken.',
  })
  items(@Ctx() ctx: RequestContext, @Root() m: JointMeeting): Promise<JointMeetingItem[]> {
    return meetings.meetingItems(ctx).load(m.id);
  }
}

@Resolver(() => JointMeetingItem)
export class JointMeetingItemFieldResolver {
  @FieldResolver(() => Case, { description: 'The case.' })
  async case(@Ctx() ctx: RequestContext, @Root() item: JointMeetingItem): Promise<Case> {
    return (await byId(ctx, Case).load(item.caseId))!;
  }

  @FieldResolver(() => StaffMember, {
    nullable: true,
    description: 'The staff member put in charge, if any.',
  })
  async assignee(@Ctx() ctx: RequestContext, @Root() item: JointMeetingItem): Promise<StaffMember | null> {
    return item.assigneeId ? byId(ctx, StaffMember).load(item.assigneeId) : null;
  }

  @FieldResolver(() => Organization, {
    nullable: true,
    description: 'The organization that takes it on, if on record.',
  })
  async organization(
    @Ctx() ctx: RequestContext,
    @Root() item: JointMeetingItem,
  ): Promise<Organization | null> {
    return item.organizationId ? byId(ctx, Organization).load(item.organizationId) : null;
  }
}
