import type { FilterQuery } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { z } from 'zod';
import { covers, jurisdictionWhere, SCOPED_COLUMNS, type Placement } from '../auth/jurisdiction';
import { requireAdmin, requireViewer } from '../auth/viewer';
import { paginate, type ConnectionResult, type Page } from '../graphql/connection';
import { AppError, badInput, ErrorCode, notFound } from '../graphql/errors';
import { longText, parseInput, text } from '../graphql/validate';
import { recordEvent } from '../integration/event.service';
import { loader, type RequestContext } from '../server/context';
import { Department } from '../staff';
import { Community, Street } from '../territory';
import type { Case } from './case.entity';
import { CaseAction, CaseLevel, JointMeetingStatus } from './case.enums';
import { beginAction, checkResponsible, commitAction, type ResponsibleData } from './case.service';
import { endOfLocalDay } from './case-sla';
import { JointMeeting, JointMeetingItem } from './joint-meeting.entity';

/** Meetings carry no grid: a grid account sees its own community's meetings. */
const MEETING_COLUMNS = { street: 'streetId', community: 'communityId' } as const;

function meetingWhere(ctx: RequestContext): FilterQuery<JointMeeting> {
  const v = requireViewer(ctx.viewer);
  return jurisdictionWhere(v.jurisdiction, MEETING_COLUMNS) as FilterQuery<JointMeeting>;
}

function meetingPlacement(m: JointMeeting): Placement {
  return { streetId: m.streetId, communityId: m.communityId ?? null };
}

export async function getJointMeeting(ctx: RequestContext, id: string): Promise<JointMeeting> {
  const m = await ctx.em.findOne(JointMeeting, { $and: [{ id }, meetingWhere(ctx)] });
  if (!m) throw notFound('JointMeeting');
  return m;
}

export async function listJointMeetings(
  ctx: RequestContext,
  filter: { communityId?: string; from?: Date | null; to?: Date | null },
  page: Page,
): Promise<ConnectionResult<JointMeeting>> {
  const where: FilterQuery<JointMeeting> = {
    $and: [
      meetingWhere(ctx),
      filter.communityId ? { communityId: filter.communityId } : {},
      filter.from ? { scheduledAt: { $gte: filter.from } } : {},
      filter.to ? { scheduledAt: { $lt: filter.to } } : {},
    ],
  };
  return paginate(ctx.em, JointMeeting, where, page, { order: 'desc' });
}

/** Agenda items of many meetings in one query, limited to the cases the viewer may see. */
export function meetingItems(ctx: RequestContext): DataLoader<string, JointMeetingItem[]> {
  return loader(
    ctx,
    'cases:meetingItems',
    () =>
      new DataLoader<string, JointMeetingItem[]>(async (ids) => {
        const v = requireViewer(ctx.viewer);
        const rows = await ctx.em.find(
          JointMeetingItem,
          { $and: [{ meetingId: { $in: [...ids] } }, jurisdictionWhere(v.jurisdiction, SCOPED_COLUMNS)] },
          { orderBy: { addedAt: 'asc', id: 'asc' } },
        );
        return ids.map((id) => rows.filter((r) => r.meetingId === id));
      }),
  );
}

const scheduleSchema = (now: Date) =>
  z.object({
    title: text(200),
    scheduledAt: z
      .date()
      .refine((d) => d.getTime() >= endOfLocalDay(now).getTime() - 24 * 3600 * 1000 + 1000, {
        message: 'must not be before today',
        params: { zh: '不能早于今天' },
      })
      .refine((d) => d.getTime() <= now.getTime() + 366 * 24 * 3600 * 1000, {
        message: 'must be within a year',
        params: { zh: '不能超过一年' },
      }),
    location: text(200).nullish(),
    departments: z
      .array(z.nativeEnum(Department))
      .min(1)
      .max(20)
      .refine((a) => new Set(a).size === a.length, {
        message: 'lists a department twice',
        params: { zh: '部门重复' },
      }),
    attendees: z.array(text(100)).max(20).nullish(),
  });

export interface ScheduleMeetingData {
  convener: { type: 'Community' | 'Street'; id: string };
  title: string;
  scheduledAt: Date;
  location?: string | null;
  departments: Department[];
  attendees?: string[] | null;
}

/** Schedules a joint meeting of a community or street (administrators of it). */
export async function scheduleJointMeeting(
  ctx: RequestContext,
  input: ScheduleMeetingData,
): Promise<JointMeeting> {
  const viewer = requireAdmin(ctx.viewer);
  const now = ctx.app.clock.now();
  const data = parseInput(scheduleSchema(now), input);
  let placement: { streetId: string; communityId: string | null };
  if (input.convener.type === 'Community') {
    const community = await ctx.em.findOne(Community, input.convener.id);
    if (!community) throw notFound('Community');
    placement = { streetId: community.streetId, communityId: community.id };
  } else {
    const street = await ctx.em.findOne(Street, input.convener.id);
    if (!street) throw notFound('Street');
    placement = { streetId: street.id, communityId: null };
  }
  if (!covers(viewer.jurisdiction, placement)) {
    throw new AppError(
      ErrorCode.FORBIDDEN,
      { en: 'Outside your jurisdiction', zh: '超出您的管辖范围' },
      { field: 'input.convenerId' },
    );
  }
  const meeting = ctx.em.create(JointMeeting, {
    ...placement,
    level: placement.communityId ? CaseLevel.COMMUNITY : CaseLevel.STREET,
    title: data.title,
    scheduledAt: data.scheduledAt,
    location: data.location ?? null,
    departments: data.departments,
    attendees: data.attendees ?? [],
    createdById: viewer.id,
  });
  recordEvent(ctx, 'joint_meeting.scheduled', { type: 'JointMeeting', id: meeting.id }, placement, {
    level: meeting.level,
    scheduledAt: meeting.scheduledAt.toISOString(),
    departments: meeting.departments,
  });
  await ctx.em.flush();
  return meeting;
}

/** Whether a meeting may take the case: a meeting of its community, or of its street. */
function meetingFits(m: JointMeeting, c: Case): boolean {
  return m.communityId ? m.communityId === c.communityId : m.streetId === c.streetId;
}

async function meetingFor(
  ctx: RequestContext,
  meetingId: string,
  c: Case,
  field: string,
  viewerPlacementCheck: (p: Placement) => boolean,
): Promise<JointMeeting> {
  const m = await ctx.em.findOne(JointMeeting, meetingId);
  if (!m || !meetingFits(m, c)) {
    throw badInput(field, {
      en: `${field}: not a joint meeting of the case’s community or street`,
      zh: `${field}：不是案件所在社区或街道的联席会议`,
    });
  }
  if (!viewerPlacementCheck(meetingPlacement(m))) {
    throw new AppError(
      ErrorCode.FORBIDDEN,
      { en: 'Outside your jurisdiction', zh: '超出您的管辖范围' },
      { field },
    );
  }
  return m;
}

/** Puts a case on a scheduled meeting's agenda; its step is due at the end of the meeting day. */
export async function sendToJointMeeting(
  ctx: RequestContext,
  input: { id: string; version: number; note?: string | null; meetingId: string },
): Promise<Case> {
  const data = parseInput(
    z.object({ version: z.number().int().min(1), note: longText(2000).nullish() }),
    input,
  );
  const a = await beginAction(ctx, input.id, data.version, CaseAction.SEND_TO_JOINT_MEETING);
  const m = await meetingFor(ctx, input.meetingId, a.c, 'input.meetingId', (p) =>
    covers(a.viewer.jurisdiction, p),
  );
  if (m.status !== JointMeetingStatus.SCHEDULED) {
    throw badInput('input.meetingId', {
      en: 'input.meetingId: the meeting was already held; schedule another one',
      zh: 'input.meetingId：该联席会议已召开，请另行安排',
    });
  }
  if (a.c.jointMeetingId === m.id) {
    throw badInput('input.meetingId', {
      en: 'input.meetingId: the case is already on this meeting’s agenda',
      zh: 'input.meetingId：案件已在该会议议程中',
    });
  }
  const existing = await ctx.em.find(JointMeetingItem, { caseId: a.c.id, decidedAt: null });
  // A case moved to another meeting leaves the old agenda; its timeline keeps the move.
  for (const item of existing) ctx.em.remove(item);
  const previous = await ctx.em.findOne(JointMeetingItem, { caseId: a.c.id, meetingId: m.id });
  if (previous) {
    throw badInput('input.meetingId', {
      en: 'input.meetingId: this meeting already decided on the case',
      zh: 'input.meetingId：该会议已对此案件作出决定',
    });
  }
  const meetingDay = new Date(Math.max(m.scheduledAt.getTime(), a.now.getTime()));
  ctx.em.create(JointMeetingItem, {
    streetId: a.c.streetId,
    communityId: a.c.communityId,
    gridId: a.c.gridId,
    meetingId: m.id,
    caseId: a.c.id,
    addedAt: a.now,
  });
  return commitAction(
    ctx,
    a,
    { meeting: { id: m.id, level: m.level, dueAt: endOfLocalDay(meetingDay) } },
    data.note,
  );
}

/** A meeting's decision on one case: who takes it on, by when; the case moves on to ASSIGNED. */
export async function recordDecision(
  ctx: RequestContext,
  input: {
    meetingId: string;
    caseId: string;
    version: number;
    responsible: ResponsibleData;
    dueAt: Date;
    decision: string;
  },
): Promise<Case> {
  requireAdmin(ctx.viewer);
  const now = ctx.app.clock.now();
  const data = parseInput(
    z.object({
      version: z.number().int().min(1),
      dueAt: z
        .date()
        .refine((d) => d.getTime() > now.getTime(), {
          message: 'must be in the future',
          params: { zh: '必须晚于当前时间' },
        })
        .refine((d) => d.getTime() <= now.getTime() + 366 * 24 * 3600 * 1000, {
          message: 'must be within a year',
          params: { zh: '不能超过一年' },
        }),
      decision: longText(2000).refine((s) => s.trim().length > 0, {
        message: 'must not be empty',
        params: { zh: '不能为空' },
      }),
    }),
    input,
  );
  const a = await beginAction(ctx, input.caseId, data.version, CaseAction.DECIDE);
  const m = await meetingFor(ctx, input.meetingId, a.c, 'input.meetingId', (p) =>
    covers(a.viewer.jurisdiction, p),
  );
  if (a.c.jointMeetingId !== m.id) {
    throw badInput('input.meetingId', {
      en: 'input.meetingId: the case is not on this meeting’s agenda',
      zh: 'input.meetingId：案件不在该会议议程中',
    });
  }
  const responsible = await checkResponsible(ctx, a, input.responsible, 'input.responsible');
  const item = await ctx.em.findOne(JointMeetingItem, { meetingId: m.id, caseId: a.c.id });
  if (item) {
    item.decidedAt = now;
    item.decision = data.decision;
    item.responsibleKind = responsible.kind;
    item.department = responsible.department ?? null;
    item.organizationId = responsible.organizationId ?? null;
    item.assigneeId = responsible.assigneeId ?? null;
    item.dueAt = data.dueAt;
  }
  if (m.status === JointMeetingStatus.SCHEDULED) {
    m.status = JointMeetingStatus.HELD;
    m.heldAt = now;
  }
  return commitAction(ctx, a, { responsible, dueAt: data.dueAt }, data.decision);
}
