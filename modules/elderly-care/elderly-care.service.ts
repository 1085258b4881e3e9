import DataLoader from 'dataloader';
import { z } from 'zod';
import { Resident } from '../../src/people';
import {
  asCalendarDate,
  badInput,
  calendarDate,
  conflict,
  contactDueOn,
  endEntry,
  endEntryInput,
  flushOrConflict,
  lastContactLoader,
  listFiltered,
  loader,
  notAfterToday,
  notFound,
  parseInput,
  sameGridRecord,
  text,
  todayOf,
  type ConnectionResult,
  type Page,
  type RequestContext,
  writableRecord,
} from '../../src/modules';
import {
  ElderlyCareHelperKind,
  ElderlyCareLiving,
  ElderlyCarePairing,
  ElderlyCareProfile,
} from './elderly-care.entities';
import { ELDERLY_REGISTER } from './elderly-care.metrics';
import { elderlyCare } from './elderly-care.module';

// ---------- reads ----------

export function listProfiles(
  ctx: RequestContext,
  filter: {
    gridId?: string | null;
    living?: ElderlyCareLiving | null;
    needsCare?: boolean | null;
    includeEnded?: boolean | null;
  },
  page: Page,
): Promise<ConnectionResult<ElderlyCareProfile>> {
  const { includeEnded, ...equal } = filter;
  return listFiltered(ctx, ElderlyCareProfile, equal, page, includeEnded ? {} : { endedOn: null });
}

export function listPairings(
  ctx: RequestContext,
  filter: { gridId?: string | null; profileId?: string | null; includeEnded?: boolean | null },
  page: Page,
): Promise<ConnectionResult<ElderlyCarePairing>> {
  const { includeEnded, ...equal } = filter;
  return listFiltered(ctx, ElderlyCarePairing, equal, page, includeEnded ? {} : { endedOn: null });
}

/** The last home visit of each profile, batched over a page of profiles. */
export function lastVisitLoader(ctx: RequestContext): DataLoader<string, Date | null> {
  return lastContactLoader(ctx, ELDERLY_REGISTER);
}

/** Active pairings of each profile, batched. */
export function activePairingsLoader(ctx: RequestContext): DataLoader<string, ElderlyCarePairing[]> {
  return loader(
    ctx,
    'elderly-care:pairings',
    () =>
      new DataLoader<string, ElderlyCarePairing[]>(async (ids) => {
        const rows = await ctx.em.find(
          ElderlyCarePairing,
          { profileId: { $in: ids as string[] }, endedOn: null },
          { orderBy: { startedOn: 'asc' } },
        );
        return ids.map((id) => rows.filter((r) => r.profileId === id));
      }),
  );
}

/** The date by which the profile should next be visited, under its grid's interval. */
export async function visitDueOn(ctx: RequestContext, p: ElderlyCareProfile): Promise<string> {
  const [settings, last] = await Promise.all([
    elderlyCare.getSettings(ctx, p.gridId),
    lastVisitLoader(ctx).load(p.id),
  ]);
  return contactDueOn(last, p.registeredOn, settings.visitIntervalDays);
}

/** Full years between a birth date and a day. */
export function ageOn(birthDate: string, day: string): number {
  const years = Number(day.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return day.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

// ---------- writes ----------

const today = todayOf;

const profileInput = z.object({
  residentId: z.string().uuid(),
  living: z.nativeEnum(ElderlyCareLiving),
  needsCare: z.boolean().default(false),
  careNeeds: z.string().trim().max(500).nullish(),
  registeredOn: calendarDate.nullish(),
});

/**
 * Registers an elderly resident of the grid (or reopens their closed profile). Their age must reach
 * the grid's `minAge` when the birth date is known.
 */
export async function registerProfile(
  ctx: RequestContext,
  input: z.input<typeof profileInput>,
): Promise<ElderlyCareProfile> {
  const data = parseInput(profileInput, input);
  const resident = await ctx.em.findOne(Resident, { id: data.residentId });
  if (!resident) throw notFound('Resident');
  if (!resident.gridId) {
    throw badInput('input.residentId', {
      en: 'input.residentId: the resident is not on a grid',
      zh: 'input.residentId：该居民未划入网格',
    });
  }
  const { settings, placement } = await elderlyCare.requireEnabled(ctx, resident.gridId);
  const registeredOn = data.registeredOn ?? today(ctx);
  notAfterToday(ctx, 'input.registeredOn', registeredOn);
  if (resident.birthDate && ageOn(asCalendarDate(resident.birthDate), registeredOn) < settings.minAge) {
    throw badInput('input.residentId', {
      en: `input.residentId: younger than ${settings.minAge}, the grid's minimum age`,
      zh: `input.residentId：未满本网格建档年龄 ${settings.minAge} 岁`,
    });
  }
  const fields = {
    living: data.living,
    needsCare: data.needsCare,
    careNeeds: data.careNeeds ?? null,
    registeredOn,
  };
  let profile = await ctx.em.findOne(ElderlyCareProfile, { residentId: resident.id });
  if (profile && !profile.endedOn) {
    throw conflict({ en: 'This resident already has an active profile', zh: '该居民已建档' });
  }
  if (profile) {
    Object.assign(profile, fields, { endedOn: null, endReason: null });
    elderlyCare.event(ctx, 'profile.reopened', { type: 'ElderlyCareProfile', id: profile.id }, placement);
  } else {
    profile = ctx.em.create(ElderlyCareProfile, { ...placement, residentId: resident.id, ...fields });
    elderlyCare.event(ctx, 'profile.registered', { type: 'ElderlyCareProfile', id: profile.id }, placement, {
      living: profile.living,
    });
  }
  await flushOrConflict(ctx, { en: 'This resident already has a profile', zh: '该居民已建档' });
  return profile;
}

const profilePatch = z.object({
  id: z.string().uuid(),
  living: z.nativeEnum(ElderlyCareLiving).nullish(),
  needsCare: z.boolean().nullish(),
  careNeeds: z.string().trim().max(500).nullish(),
});

export async function updateProfile(
  ctx: RequestContext,
  input: z.input<typeof profilePatch>,
): Promise<ElderlyCareProfile> {
  const data = parseInput(profilePatch, input);
  const { placement, record: profile } = await writableRecord(ctx, elderlyCare, ElderlyCareProfile, data.id);
  if (profile.endedOn) throw conflict({ en: 'The profile is closed', zh: '该档案已注销' });
  if (data.living) profile.living = data.living;
  if (data.needsCare != null) profile.needsCare = data.needsCare;
  if (data.careNeeds !== undefined) profile.careNeeds = data.careNeeds;
  elderlyCare.event(ctx, 'profile.updated', { type: 'ElderlyCareProfile', id: profile.id }, placement, {
    living: profile.living,
    needsCare: profile.needsCare,
  });
  await ctx.em.flush();
  return profile;
}

/** Closes a profile (moved away, passed away); its active pairings end the same day. */
export async function endProfile(
  ctx: RequestContext,
  input: z.input<typeof endEntryInput>,
): Promise<ElderlyCareProfile> {
  const data = parseInput(endEntryInput, input);
  const { placement, record: profile } = await writableRecord(ctx, elderlyCare, ElderlyCareProfile, data.id);
  const endedOn = endEntry(ctx, profile, data, { en: 'The profile is already closed', zh: '该档案已注销' });
  const pairings = await ctx.em.find(ElderlyCarePairing, { profileId: profile.id, endedOn: null });
  for (const p of pairings) p.endedOn = endedOn < p.startedOn ? p.startedOn : endedOn;
  elderlyCare.event(ctx, 'profile.closed', { type: 'ElderlyCareProfile', id: profile.id }, placement, {
    pairingsEnded: pairings.length,
  });
  await ctx.em.flush();
  return profile;
}

const pairingInput = z.object({
  profileId: z.string().uuid(),
  helperKind: z.nativeEnum(ElderlyCareHelperKind),
  helperName: text(100).nullish(),
  helperResidentId: z.string().uuid().nullish(),
  startedOn: calendarDate.nullish(),
  note: z.string().trim().max(500).nullish(),
});

/** Pairs a helper with an elderly person (结对帮扶); a helper who is a resident must live on the same grid. */
export async function createPairing(
  ctx: RequestContext,
  input: z.input<typeof pairingInput>,
): Promise<ElderlyCarePairing> {
  const data = parseInput(pairingInput, input);
  const {
    grid,
    placement,
    record: profile,
  } = await writableRecord(ctx, elderlyCare, ElderlyCareProfile, data.profileId);
  if (profile.endedOn) {
    throw badInput('input.profileId', {
      en: 'input.profileId: the profile is closed',
      zh: 'input.profileId：该档案已注销',
    });
  }
  let helperName = data.helperName ?? null;
  if (data.helperResidentId) {
    if (data.helperResidentId === profile.residentId) {
      throw badInput('input.helperResidentId', {
        en: 'input.helperResidentId: cannot be the elderly person themselves',
        zh: 'input.helperResidentId：不能是老人本人',
      });
    }
    const helper = await sameGridRecord(
      ctx,
      Resident,
      data.helperResidentId,
      grid.id,
      'input.helperResidentId',
    );
    helperName ??= helper.name;
  }
  if (!helperName) {
    throw badInput('input.helperName', {
      en: 'input.helperName: a name or a resident is needed',
      zh: 'input.helperName：请填写帮扶人姓名或选择居民',
    });
  }
  const startedOn = data.startedOn ?? today(ctx);
  notAfterToday(ctx, 'input.startedOn', startedOn);
  const pairing = ctx.em.create(ElderlyCarePairing, {
    ...placement,
    profileId: profile.id,
    helperKind: data.helperKind,
    helperName,
    helperResidentId: data.helperResidentId ?? null,
    startedOn,
    note: data.note ?? null,
  });
  elderlyCare.event(ctx, 'pairing.created', { type: 'ElderlyCarePairing', id: pairing.id }, placement, {
    profileId: profile.id,
    helperKind: pairing.helperKind,
  });
  await ctx.em.flush();
  return pairing;
}

const endPairingInput = z.object({ id: z.string().uuid(), endedOn: calendarDate.nullish() });

export async function endPairing(
  ctx: RequestContext,
  input: z.input<typeof endPairingInput>,
): Promise<ElderlyCarePairing> {
  const data = parseInput(endPairingInput, input);
  const { placement, record: pairing } = await writableRecord(ctx, elderlyCare, ElderlyCarePairing, data.id);
  if (pairing.endedOn) throw conflict({ en: 'The pairing has already ended', zh: '该结对已结束' });
  const endedOn = data.endedOn ?? today(ctx);
  notAfterToday(ctx, 'input.endedOn', endedOn);
  if (endedOn < pairing.startedOn) {
    throw badInput('input.endedOn', {
      en: 'input.endedOn: before the start',
      zh: 'input.endedOn：早于结对开始日期',
    });
  }
  pairing.endedOn = endedOn;
  elderlyCare.event(ctx, 'pairing.ended', { type: 'ElderlyCarePairing', id: pairing.id }, placement, {
    endedOn,
  });
  await ctx.em.flush();
  return pairing;
}
