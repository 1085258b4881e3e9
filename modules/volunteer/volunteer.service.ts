import { z } from 'zod';
import { Household, Resident } from '../../src/people';
import {
  badInput,
  calendarDate,
  conflict,
  escapeLike,
  flushOrConflict,
  listFiltered,
  localDateOf,
  parseInput,
  sameGridRecord,
  text,
  type ConnectionResult,
  type Page,
  type RequestContext,
  writableRecord,
} from '../../src/modules';
import { VolunteerMember, VolunteerPairing, VolunteerTeam } from './volunteer.entities';
import { volunteer } from './volunteer.module';

// ---------- reads ----------

export function listTeams(
  ctx: RequestContext,
  filter: { gridId?: string | null; activeOnly?: boolean | null },
  page: Page,
): Promise<ConnectionResult<VolunteerTeam>> {
  return listFiltered(
    ctx,
    VolunteerTeam,
    { gridId: filter.gridId, active: filter.activeOnly || undefined },
    page,
  );
}

export function listMembers(
  ctx: RequestContext,
  filter: {
    gridId?: string | null;
    teamId?: string | null;
    activeOnly?: boolean | null;
    nameContains?: string | null;
  },
  page: Page,
): Promise<ConnectionResult<VolunteerMember>> {
  const { activeOnly, nameContains, ...equal } = filter;
  return listFiltered(ctx, VolunteerMember, equal, page, {
    ...(activeOnly ? { leftOn: null } : {}),
    ...(nameContains ? { name: { $ilike: `%${escapeLike(nameContains)}%` } } : {}),
  });
}

export function listPairings(
  ctx: RequestContext,
  filter: {
    gridId?: string | null;
    memberId?: string | null;
    householdId?: string | null;
    activeOnly?: boolean | null;
  },
  page: Page,
): Promise<ConnectionResult<VolunteerPairing>> {
  const { activeOnly, ...equal } = filter;
  return listFiltered(ctx, VolunteerPairing, equal, page, activeOnly ? { endedOn: null } : {});
}

// ---------- writes ----------

const teamInput = z.object({
  gridId: z.string().uuid(),
  name: text(100),
  description: z.string().trim().max(1000).nullish(),
});

export async function createTeam(
  ctx: RequestContext,
  input: z.input<typeof teamInput>,
): Promise<VolunteerTeam> {
  const data = parseInput(teamInput, input);
  const { placement } = await volunteer.requireEnabled(ctx, data.gridId);
  const team = ctx.em.create(VolunteerTeam, {
    ...placement,
    name: data.name,
    description: data.description ?? null,
  });
  volunteer.event(ctx, 'team.created', { type: 'VolunteerTeam', id: team.id }, placement, {
    name: team.name,
  });
  await flushOrConflict(ctx, { en: 'The grid has a team of this name', zh: '本网格已有同名志愿服务队' });
  return team;
}

/** Calendar dates of volunteering may not lie ahead of today (in China). */
function notAfterToday(ctx: RequestContext, field: string, date: string): void {
  if (date > localDateOf(ctx.app.clock.now())) {
    throw badInput(field, { en: `${field}: cannot be in the future`, zh: `${field}：不能晚于今天` });
  }
}

const memberInput = z.object({
  gridId: z.string().uuid(),
  teamId: z.string().uuid().nullish(),
  residentId: z.string().uuid().nullish(),
  name: text(100).nullish(),
  skills: z.array(text(30)).max(20).default([]),
  joinedOn: calendarDate.nullish(),
});

/**
 * Registers a volunteer: a resident of the grid (their name is taken from the register) or, unless
 * the grid's `residentsOnly` setting is on, anyone by name.
 */
export async function registerVolunteer(
  ctx: RequestContext,
  input: z.input<typeof memberInput>,
): Promise<VolunteerMember> {
  const data = parseInput(memberInput, input);
  const { grid, settings, placement } = await volunteer.requireEnabled(ctx, data.gridId);
  let name = data.name ?? null;
  if (data.residentId) {
    const resident = await sameGridRecord(ctx, Resident, data.residentId, grid.id, 'input.residentId');
    name ??= resident.name;
    const existing = await ctx.em.count(VolunteerMember, { residentId: resident.id, leftOn: null });
    if (existing)
      throw conflict({ en: 'This resident is already an active volunteer', zh: '该居民已是在册志愿者' });
  } else if (settings.residentsOnly) {
    throw badInput('input.residentId', {
      en: 'input.residentId: this grid registers residents only',
      zh: 'input.residentId：本网格只登记本网格居民为志愿者',
    });
  }
  if (!name)
    throw badInput('input.name', {
      en: 'input.name: a name or a resident is needed',
      zh: 'input.name：请填写姓名或选择居民',
    });
  if (data.teamId) await sameGridRecord(ctx, VolunteerTeam, data.teamId, grid.id, 'input.teamId');
  const joinedOn = data.joinedOn ?? localDateOf(ctx.app.clock.now());
  notAfterToday(ctx, 'input.joinedOn', joinedOn);
  const member = ctx.em.create(VolunteerMember, {
    ...placement,
    teamId: data.teamId ?? null,
    residentId: data.residentId ?? null,
    name,
    skills: data.skills,
    joinedOn,
  });
  volunteer.event(ctx, 'member.registered', { type: 'VolunteerMember', id: member.id }, placement, {
    teamId: member.teamId,
  });
  await ctx.em.flush();
  return member;
}

const leaveInput = z.object({ memberId: z.string().uuid(), leftOn: calendarDate.nullish() });

export async function endMembership(
  ctx: RequestContext,
  input: z.input<typeof leaveInput>,
): Promise<VolunteerMember> {
  const data = parseInput(leaveInput, input);
  const { placement, record: member } = await writableRecord(ctx, volunteer, VolunteerMember, data.memberId);
  if (member.leftOn) throw conflict({ en: 'The volunteer has already left', zh: '该志愿者已退出' });
  const leftOn = data.leftOn ?? localDateOf(ctx.app.clock.now());
  notAfterToday(ctx, 'input.leftOn', leftOn);
  if (leftOn < member.joinedOn) {
    throw badInput('input.leftOn', {
      en: 'input.leftOn: before the joining date',
      zh: 'input.leftOn：早于加入日期',
    });
  }
  const active = await ctx.em.count(VolunteerPairing, { memberId: member.id, endedOn: null });
  if (active) {
    throw conflict({
      en: `End the volunteer's ${active} active pairing(s) first`,
      zh: `请先结束该志愿者的 ${active} 个结对`,
    });
  }
  member.leftOn = leftOn;
  volunteer.event(ctx, 'member.left', { type: 'VolunteerMember', id: member.id }, placement, { leftOn });
  await ctx.em.flush();
  return member;
}

const pairingInput = z.object({
  memberId: z.string().uuid(),
  householdId: z.string().uuid(),
  startedOn: calendarDate.nullish(),
  note: z.string().trim().max(500).nullish(),
});

/** Pairs an active volunteer with a household of the same grid (结对子). */
export async function createPairing(
  ctx: RequestContext,
  input: z.input<typeof pairingInput>,
): Promise<VolunteerPairing> {
  const data = parseInput(pairingInput, input);
  const {
    grid,
    placement,
    record: member,
  } = await writableRecord(ctx, volunteer, VolunteerMember, data.memberId);
  if (member.leftOn) {
    throw badInput('input.memberId', {
      en: 'input.memberId: the volunteer has left',
      zh: 'input.memberId：该志愿者已退出',
    });
  }
  await sameGridRecord(ctx, Household, data.householdId, grid.id, 'input.householdId');
  const startedOn = data.startedOn ?? localDateOf(ctx.app.clock.now());
  notAfterToday(ctx, 'input.startedOn', startedOn);
  const existing = await ctx.em.count(VolunteerPairing, {
    memberId: member.id,
    householdId: data.householdId,
    endedOn: null,
  });
  if (existing) throw conflict({ en: 'This pairing already exists', zh: '该结对已存在' });
  const pairing = ctx.em.create(VolunteerPairing, {
    ...placement,
    memberId: member.id,
    householdId: data.householdId,
    startedOn,
    note: data.note ?? null,
  });
  volunteer.event(ctx, 'pairing.created', { type: 'VolunteerPairing', id: pairing.id }, placement, {
    memberId: member.id,
    householdId: data.householdId,
  });
  await ctx.em.flush();
  return pairing;
}

const endPairingInput = z.object({
  pairingId: z.string().uuid(),
  endedOn: calendarDate.nullish(),
  reason: z.string().trim().max(500).nullish(),
});

export async function endPairing(
  ctx: RequestContext,
  input: z.input<typeof endPairingInput>,
): Promise<VolunteerPairing> {
  const data = parseInput(endPairingInput, input);
  const { placement, record: pairing } = await writableRecord(
    ctx,
    volunteer,
    VolunteerPairing,
    data.pairingId,
  );
  if (pairing.endedOn) throw conflict({ en: 'The pairing has already ended', zh: '该结对已结束' });
  const endedOn = data.endedOn ?? localDateOf(ctx.app.clock.now());
  notAfterToday(ctx, 'input.endedOn', endedOn);
  if (endedOn < pairing.startedOn) {
    throw badInput('input.endedOn', {
      en: 'input.endedOn: before the start',
      zh: 'input.endedOn：早于结对开始日期',
    });
  }
  pairing.endedOn = endedOn;
  pairing.endReason = data.reason ?? null;
  volunteer.event(ctx, 'pairing.ended', { type: 'VolunteerPairing', id: pairing.id }, placement, { endedOn });
  await ctx.em.flush();
  return pairing;
}
