import { z } from 'zod';
import { canSeeSensitiveTags, Resident } from '../../src/people';
import {
  badInput,
  calendarDate,
  conflict,
  contactDueOn,
  endEntry,
  endEntryInput,
  flushOrConflict,
  forbidden,
  lastContactLoader,
  listFiltered,
  notAfterToday,
  notFound,
  parseInput,
  sameGridRecord,
  text,
  todayOf,
  writableRecord,
  type ConnectionResult,
  type Page,
  type RequestContext,
} from '../../src/modules';
import { CareReason, CareTarget, CareTeam, SENSITIVE_CARE_REASONS } from './care.entities';
import { CARE_REGISTER } from './care.metrics';
import { care } from './care.module';

// ---------- sensitive reasons ----------

const isSensitive = (r: CareReason) => SENSITIVE_CARE_REASONS.includes(r);

/** Administrators and grid chiefs, as for the sensitive tags of residents. */
export const canSeeSensitiveReasons = (ctx: RequestContext): boolean => canSeeSensitiveTags(ctx.viewer);

/** The reasons the viewer may see. */
export function visibleReasons(ctx: RequestContext, t: CareTarget): CareReason[] {
  return canSeeSensitiveReasons(ctx) ? [...t.reasons] : t.reasons.filter((r) => !isSensitive(r));
}

/** Whether reasons are withheld from this viewer: the target has a reason they may not see. */
export function reasonsWithheld(ctx: RequestContext, t: CareTarget): boolean {
  return !canSeeSensitiveReasons(ctx) && t.reasons.some(isSensitive);
}

function assertMayUseReasons(ctx: RequestContext, reasons: readonly CareReason[], field: string): void {
  if (reasons.some(isSensitive) && !canSeeSensitiveReasons(ctx)) {
    throw forbidden({
      en: `${field}: sensitive reasons (DISABLED, SPECIAL_HARDSHIP, SERIOUS_ILLNESS) are for administrators and grid chiefs`,
      zh: `${field}：敏感原因（残疾、特困、重病）仅限管理员和网格长使用`,
    });
  }
}

/**
 * The reasons after a viewer sets `given`: a viewer who may not see sensitive reasons keeps those
 * already there (they cannot know them), in the enum's order.
 */
function mergeReasons(ctx: RequestContext, current: readonly CareReason[], given: readonly CareReason[]) {
  const kept = canSeeSensitiveReasons(ctx) ? [] : current.filter(isSensitive);
  const all = new Set([...given, ...kept]);
  return Object.values(CareReason).filter((r) => all.has(r));
}

// ---------- reads ----------

export function listTargets(
  ctx: RequestContext,
  filter: {
    gridId?: string | null;
    reason?: CareReason | null;
    teamId?: string | null;
    includeEnded?: boolean | null;
  },
  page: Page,
): Promise<ConnectionResult<CareTarget>> {
  if (filter.reason) assertMayUseReasons(ctx, [filter.reason], 'filter.reason');
  const { reason, includeEnded, ...equal } = filter;
  return listFiltered(ctx, CareTarget, equal, page, {
    ...(reason ? { reasons: { $contains: [reason] } } : {}),
    ...(includeEnded ? {} : { endedOn: null }),
  });
}

export function listTeams(
  ctx: RequestContext,
  filter: { gridId?: string | null; includeDisbanded?: boolean | null },
  page: Page,
): Promise<ConnectionResult<CareTeam>> {
  const { includeDisbanded, ...equal } = filter;
  return listFiltered(ctx, CareTeam, equal, page, includeDisbanded ? {} : { disbandedOn: null });
}

/** When the target was last reached by a visit or call (batched over a page). */
export function lastContactAt(ctx: RequestContext, t: CareTarget): Promise<Date | null> {
  return lastContactLoader(ctx, CARE_REGISTER).load(t.id);
}

/** The day by which the target should next be reached, under the grid's interval. */
export async function dueOn(ctx: RequestContext, t: CareTarget): Promise<string> {
  const [settings, last] = await Promise.all([care.getSettings(ctx, t.gridId), lastContactAt(ctx, t)]);
  return contactDueOn(last, t.registeredOn, settings.visitIntervalDays);
}

// ---------- targets ----------

const reasonList = z
  .array(z.nativeEnum(CareReason))
  .min(1)
  .max(Object.keys(CareReason).length)
  .refine((rs) => new Set(rs).size === rs.length, {
    message: 'lists a reason twice',
    params: { zh: '原因重复' },
  });

const targetInput = z.object({
  residentId: z.string().uuid(),
  reasons: reasonList,
  reasonNote: z.string().trim().max(500).nullish(),
  teamId: z.string().uuid().nullish(),
  registeredOn: calendarDate.nullish(),
});

/** An active care team of the grid for a target, or BAD_USER_INPUT naming the field. */
const teamOfGrid = (ctx: RequestContext, id: string, gridId: string, field: string) =>
  sameGridRecord(ctx, CareTeam, id, gridId, field, { disbandedOn: null });

/** Puts a resident of the grid on the register (or back on it, keeping one record per resident). */
export async function registerTarget(
  ctx: RequestContext,
  input: z.input<typeof targetInput>,
): Promise<CareTarget> {
  const data = parseInput(targetInput, input);
  assertMayUseReasons(ctx, data.reasons, 'input.reasons');
  if (data.reasonNote != null) assertMayUseReasons(ctx, [CareReason.DISABLED], 'input.reasonNote');
  const resident = await ctx.em.findOne(Resident, { id: data.residentId });
  if (!resident) throw notFound('Resident');
  if (!resident.gridId) {
    throw badInput('input.residentId', {
      en: 'input.residentId: the resident is not on a grid',
      zh: 'input.residentId：该居民未划入网格',
    });
  }
  const { grid, placement } = await care.requireEnabled(ctx, resident.gridId);
  if (data.teamId) await teamOfGrid(ctx, data.teamId, grid.id, 'input.teamId');
  const registeredOn = data.registeredOn ?? todayOf(ctx);
  notAfterToday(ctx, 'input.registeredOn', registeredOn);
  let target = await ctx.em.findOne(CareTarget, { residentId: resident.id });
  if (target && !target.endedOn) {
    throw conflict({ en: 'This resident is already on the care register', zh: '该居民已在关爱对象名册中' });
  }
  const fields = {
    reasons: mergeReasons(ctx, target?.reasons ?? [], data.reasons),
    teamId: data.teamId ?? null,
    registeredOn,
    ...(canSeeSensitiveReasons(ctx) ? { reasonNote: data.reasonNote ?? null } : {}),
  };
  if (target) {
    Object.assign(target, fields, { endedOn: null, endReason: null });
    care.event(ctx, 'target.reopened', { type: 'CareTarget', id: target.id }, placement);
  } else {
    target = ctx.em.create(CareTarget, { ...placement, residentId: resident.id, ...fields });
    // The reasons stay out of the event: events reach integrations, which may not see them.
    care.event(ctx, 'target.registered', { type: 'CareTarget', id: target.id }, placement);
  }
  await flushOrConflict(ctx, {
    en: 'This resident is already on the care register',
    zh: '该居民已在关爱对象名册中',
  });
  return target;
}

const targetPatch = z.object({
  id: z.string().uuid(),
  reasons: reasonList.nullish(),
  reasonNote: z.string().trim().max(500).nullish(),
  teamId: z.string().uuid().nullish(),
});

export async function updateTarget(
  ctx: RequestContext,
  input: z.input<typeof targetPatch> & { teamId?: string | null },
): Promise<CareTarget> {
  const data = parseInput(targetPatch, input);
  if (data.reasons) assertMayUseReasons(ctx, data.reasons, 'input.reasons');
  if (input.reasonNote !== undefined) assertMayUseReasons(ctx, [CareReason.DISABLED], 'input.reasonNote');
  const { record: target, grid, placement } = await writableRecord(ctx, care, CareTarget, data.id);
  if (target.endedOn) throw conflict({ en: 'The target has left the register', zh: '该关爱对象已移出名册' });
  if (data.teamId) await teamOfGrid(ctx, data.teamId, grid.id, 'input.teamId');
  if (data.reasons) target.reasons = mergeReasons(ctx, target.reasons, data.reasons);
  if (input.reasonNote !== undefined) target.reasonNote = data.reasonNote ?? null;
  if (input.teamId !== undefined) target.teamId = data.teamId ?? null;
  care.event(ctx, 'target.updated', { type: 'CareTarget', id: target.id }, placement, {
    teamId: target.teamId ?? null,
  });
  await ctx.em.flush();
  return target;
}

export async function endTarget(
  ctx: RequestContext,
  input: z.input<typeof endEntryInput>,
): Promise<CareTarget> {
  const data = parseInput(endEntryInput, input);
  const { record: target, placement } = await writableRecord(ctx, care, CareTarget, data.id);
  const endedOn = endEntry(ctx, target, data, {
    en: 'The target has already left the register',
    zh: '该关爱对象已移出名册',
  });
  care.event(ctx, 'target.ended', { type: 'CareTarget', id: target.id }, placement, { endedOn });
  await ctx.em.flush();
  return target;
}

// ---------- teams ----------

const teamInput = z.object({
  gridId: z.string().uuid(),
  name: text(100),
  leaderName: text(100).nullish(),
  leaderResidentId: z.string().uuid().nullish(),
  memberCount: z.number().int().min(1).max(500).nullish(),
  description: z.string().trim().max(500).nullish(),
});

export async function createTeam(ctx: RequestContext, input: z.input<typeof teamInput>): Promise<CareTeam> {
  const data = parseInput(teamInput, input);
  const { grid, placement } = await care.requireEnabled(ctx, data.gridId);
  const leader = data.leaderResidentId
    ? await sameGridRecord(ctx, Resident, data.leaderResidentId, grid.id, 'input.leaderResidentId')
    : null;
  const team = ctx.em.create(CareTeam, {
    ...placement,
    name: data.name,
    leaderName: data.leaderName ?? leader?.name ?? null,
    leaderResidentId: leader?.id ?? null,
    memberCount: data.memberCount ?? 1,
    description: data.description ?? null,
  });
  care.event(ctx, 'team.created', { type: 'CareTeam', id: team.id }, placement, { name: team.name });
  await flushOrConflict(ctx, {
    en: 'The grid already has a care team of this name',
    zh: '本网格已有同名关爱服务队',
  });
  return team;
}

const disbandInput = z.object({ id: z.string().uuid(), disbandedOn: calendarDate.nullish() });

/** Disbands a team; its targets are left without a team (to be given to another), in the same flush. */
export async function disbandTeam(
  ctx: RequestContext,
  input: z.input<typeof disbandInput>,
): Promise<CareTeam> {
  const data = parseInput(disbandInput, input);
  const { record: team, placement } = await writableRecord(ctx, care, CareTeam, data.id);
  if (team.disbandedOn) throw conflict({ en: 'The team is already disbanded', zh: '该服务队已解散' });
  const disbandedOn = data.disbandedOn ?? todayOf(ctx);
  notAfterToday(ctx, 'input.disbandedOn', disbandedOn);
  team.disbandedOn = disbandedOn;
  const targets = await ctx.em.find(CareTarget, { teamId: team.id, endedOn: null });
  for (const t of targets) t.teamId = null;
  care.event(ctx, 'team.disbanded', { type: 'CareTeam', id: team.id }, placement, {
    targetsUnassigned: targets.length,
  });
  await ctx.em.flush();
  return team;
}
