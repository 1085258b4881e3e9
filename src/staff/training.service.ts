import type { FilterQuery } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { jurisdictionWhere, SCOPED_COLUMNS } from '../auth/jurisdiction';
import { requireAdmin, requireViewer } from '../auth/viewer';
import { paginate, type ConnectionResult, type Page } from '../graphql/connection';
import { badInput, notFound } from '../graphql/errors';
import { toGlobalId } from '../graphql/global-id';
import { escapeLike } from '../db/helpers';
import { longText, parseInput, text } from '../graphql/validate';
import { recordEvent } from '../integration/event.service';
import type { RequestContext } from '../server/context';
import { StaffMember } from './staff-member.entity';
import {
  addDays,
  forbiddenField,
  jurisdictionOfPlacement,
  localDate,
  notFoundField,
  staffVisibleWhere,
  today,
} from './staff.scope';
import { loadForWrite, resolveWriteScope, type ScopeIds } from './staff.service';
import { Training, TrainingAttendance } from './training.entity';

const trainingFilter = z
  .object({
    communityId: z.string().optional(),
    gridId: z.string().optional(),
    from: localDate.optional(),
    to: localDate.optional(),
    titleContains: z.string().trim().min(1).max(100).optional(),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, {
    path: ['to'],
    message: 'must not be before from',
    params: { zh: '结束日期不能早于开始日期' },
  });
export type TrainingFilter = z.input<typeof trainingFilter>;

/** Trainings held inside the viewer's jurisdiction (a community's own and its grids'). */
export async function listTrainings(
  ctx: RequestContext,
  filter: TrainingFilter,
  page: Page,
): Promise<ConnectionResult<Training>> {
  const v = requireViewer(ctx.viewer);
  const f = parseInput(trainingFilter, filter, 'filter');
  const where: FilterQuery<Training> = {
    $and: [
      jurisdictionWhere(v.jurisdiction, SCOPED_COLUMNS),
      f.communityId ? { communityId: f.communityId } : {},
      f.gridId ? { gridId: f.gridId } : {},
      f.from ? { date: { $gte: f.from } } : {},
      f.to ? { date: { $lte: f.to } } : {},
      f.titleContains ? { title: { $ilike: `%${escapeLike(f.titleContains)}%` } } : {},
    ],
  };
  return paginate(ctx.em, Training, where, page);
}

export async function getTraining(ctx: RequestContext, id: string): Promise<Training> {
  const v = requireViewer(ctx.viewer);
  const t = await ctx.em.findOne(Training, {
    $and: [{ id }, jurisdictionWhere(v.jurisdiction, SCOPED_COLUMNS)],
  } as FilterQuery<Training>);
  if (!t) throw notFound('Training');
  return t;
}

function trainingInput(ctx: RequestContext) {
  // Sessions may be entered ahead of time, but not years ahead.
  const latest = addDays(today(ctx), 366);
  return z.object({
    heldBy: z.object({ gridId: z.string().optional(), communityId: z.string().optional() }),
    title: text(200),
    date: localDate.refine((d) => d <= latest, {
      message: 'must be within a year from today',
      params: { zh: '日期不能晚于一年之后' },
    }),
    hours: z.number().positive().max(24),
    location: text(200).nullish(),
    description: longText(2000).nullish(),
  });
}
export type TrainingInput = z.input<ReturnType<typeof trainingInput>>;

/** Records a training held by a community or one of its grids (administrators of that place). */
export async function createTraining(ctx: RequestContext, input: TrainingInput): Promise<Training> {
  requireAdmin(ctx.viewer);
  const data = parseInput(trainingInput(ctx), input);
  const scope = await resolveWriteScope(ctx, data.heldBy as ScopeIds, 'input.heldBy');
  const training = ctx.em.create(Training, {
    ...scope.placement,
    title: data.title,
    date: data.date,
    hours: data.hours,
    location: data.location ?? null,
    description: data.description ?? null,
  });
  recordEvent(ctx, 'training.created', { type: 'Training', id: training.id }, scope.placement, {
    date: training.date,
    hours: training.hours,
    heldBy: toGlobalId(scope.level === 'GRID' ? 'Grid' : 'Community', scope.id),
  });
  await ctx.em.flush();
  return training;
}

const attendanceInput = z.array(z.string()).min(1).max(200);

/**
 * Records who attended a training that has taken place. Every person must belong to the training's
 * scope (at home there or holding a post there); already recorded attendees are left as they are.
 */
export async function recordAttendance(
  ctx: RequestContext,
  trainingId: string,
  staffMemberIds: string[],
): Promise<Training> {
  const v = requireAdmin(ctx.viewer);
  const ids = parseInput(attendanceInput, staffMemberIds, 'staffMemberIds');
  const training = await loadForWrite(ctx, Training, trainingId, 'trainingId', {
    en: 'training',
    zh: '培训',
  });
  if (training.date > today(ctx)) {
    throw badInput('trainingId', {
      en: `trainingId: the training is on ${training.date} and has not taken place yet`,
      zh: `trainingId：该培训定于 ${training.date}，尚未举行`,
    });
  }
  const unique = [...new Set(ids)];
  const inScope = new Set(
    (
      await ctx.em.find(
        StaffMember,
        { $and: [{ id: { $in: unique } }, staffVisibleWhere(ctx.em, jurisdictionOfPlacement(training))] },
        { fields: ['id'] },
      )
    ).map((m) => m.id),
  );
  const outside = unique.filter((id) => !inScope.has(id));
  if (outside.length) {
    const existing = new Set(
      (await ctx.em.find(StaffMember, { id: { $in: outside } }, { fields: ['id'] })).map((m) => m.id),
    );
    const visible = new Set(
      (
        await ctx.em.find(
          StaffMember,
          { $and: [{ id: { $in: outside } }, staffVisibleWhere(ctx.em, v.jurisdiction)] },
          { fields: ['id'] },
        )
      ).map((m) => m.id),
    );
    const first = outside[0]!;
    const field = `staffMemberIds.${ids.indexOf(first)}`;
    if (!existing.has(first)) throw notFoundField(field, { en: 'staff member', zh: '工作人员' });
    if (!visible.has(first)) throw forbiddenField(field);
    throw badInput(field, {
      en: `${field}: the person does not serve where the training was held`,
      zh: `${field}：此人不在培训举办范围内任职`,
    });
  }
  const already = new Set(
    (
      await ctx.em.find(
        TrainingAttendance,
        { trainingId: training.id, staffMemberId: { $in: unique } },
        { fields: ['staffMemberId'] },
      )
    ).map((a) => a.staffMemberId),
  );
  const added = unique.filter((id) => !already.has(id));
  if (added.length) {
    for (const staffMemberId of added)
      ctx.em.create(TrainingAttendance, { trainingId: training.id, staffMemberId });
    recordEvent(ctx, 'training.attendance_recorded', { type: 'Training', id: training.id }, training, {
      staffMemberIds: added.map((id) => toGlobalId('StaffMember', id)),
    });
    await ctx.em.flush();
  }
  return training;
}

/** `(training, staff member)` pairs for the attendee pages of many trainings at once. */
export function attendeePairs(parentIds: readonly string[]): { sql: string; params: unknown[] } {
  return {
    sql: 'select ta.training_id as parent_id, ta.staff_member_id as id from training_attendance ta where ta.training_id in (?)',
    params: [[...parentIds]],
  };
}
