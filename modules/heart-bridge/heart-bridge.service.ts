import { z } from 'zod';
import { CaseScale, CaseSource, type Case } from '../../src/cases';
import { Resident } from '../../src/people';
import {
  addDays,
  badInput,
  calendarDate,
  conflict,
  findReadable,
  linkedCaseOutcome,
  listFiltered,
  localDateOf,
  longText,
  ModuleCaseLink,
  openLinkedCase,
  parseInput,
  sameGridRecord,
  text,
  type ConnectionResult,
  type LinkedCaseChange,
  type Page,
  type RequestContext,
} from '../../src/modules';
import {
  HeartBridgeChannel,
  HeartBridgeConcern,
  HeartBridgeConcernKind,
  HeartBridgeConcernStatus,
  HeartBridgeMood,
  HeartBridgeResolvedVia,
  HeartBridgeSentiment,
  HeartBridgeSentimentTopic,
} from './heart-bridge.entities';
import { heartBridge } from './heart-bridge.module';

// ---------- reads ----------

export function listConcerns(
  ctx: RequestContext,
  filter: {
    gridId?: string | null;
    kind?: HeartBridgeConcernKind | null;
    status?: HeartBridgeConcernStatus | null;
    residentId?: string | null;
  },
  page: Page,
): Promise<ConnectionResult<HeartBridgeConcern>> {
  return listFiltered(ctx, HeartBridgeConcern, filter, page);
}

export function listSentiments(
  ctx: RequestContext,
  filter: { gridId?: string | null; topic?: HeartBridgeSentimentTopic | null; mood?: HeartBridgeMood | null },
  page: Page,
): Promise<ConnectionResult<HeartBridgeSentiment>> {
  return listFiltered(ctx, HeartBridgeSentiment, filter, page);
}

/** The day an open concern should be resolved by, under its grid's targets (distresses have their own). */
export async function concernDueOn(ctx: RequestContext, c: HeartBridgeConcern): Promise<string> {
  const settings = await heartBridge.getSettings(ctx, c.gridId);
  const days =
    c.kind === HeartBridgeConcernKind.DISTRESS ? settings.distressTargetDays : settings.concernTargetDays;
  return addDays(c.raisedOn, days);
}

// ---------- writes ----------

const today = (ctx: RequestContext) => localDateOf(ctx.app.clock.now());

function notAfterToday(ctx: RequestContext, field: string, date: string): void {
  if (date > today(ctx))
    throw badInput(field, { en: `${field}: cannot be in the future`, zh: `${field}：不能晚于今天` });
}

const concernInput = z.object({
  gridId: z.string().uuid(),
  kind: z.nativeEnum(HeartBridgeConcernKind),
  residentId: z.string().uuid(),
  title: text(100),
  description: longText(1000).nullish(),
  channel: z.nativeEnum(HeartBridgeChannel).nullish(),
  raisedOn: calendarDate.nullish(),
});

/** Registers a concern a resident of the grid raised. */
export async function raiseConcern(
  ctx: RequestContext,
  input: z.input<typeof concernInput>,
): Promise<HeartBridgeConcern> {
  const data = parseInput(concernInput, input);
  const { grid, placement } = await heartBridge.requireEnabled(ctx, data.gridId);
  await sameGridRecord(ctx, Resident, data.residentId, grid.id, 'input.residentId');
  const raisedOn = data.raisedOn ?? today(ctx);
  notAfterToday(ctx, 'input.raisedOn', raisedOn);
  const concern = ctx.em.create(HeartBridgeConcern, {
    ...placement,
    kind: data.kind,
    residentId: data.residentId,
    title: data.title,
    description: data.description ?? null,
    channel: data.channel ?? HeartBridgeChannel.VISIT,
    raisedOn,
    recordedById: ctx.viewer.id ?? null,
  });
  heartBridge.event(ctx, 'concern.raised', { type: 'HeartBridgeConcern', id: concern.id }, placement, {
    kind: concern.kind,
  });
  await ctx.em.flush();
  return concern;
}

/** An open concern the viewer may change, with its grid's enablement loaded. */
async function openConcern(ctx: RequestContext, id: string) {
  // Outside the viewer's jurisdiction it does not exist for them: NOT_FOUND, like every read.
  const concern = await findReadable(ctx, HeartBridgeConcern, id);
  const enabled = await heartBridge.requireEnabled(ctx, concern.gridId);
  if (concern.status !== HeartBridgeConcernStatus.OPEN) {
    throw conflict({ en: 'The concern is no longer open', zh: '该事项已办结' });
  }
  return { concern, ...enabled };
}

const resolveInput = z.object({ id: z.string().uuid(), resolution: longText(2000) });

/** Resolves a concern on the grid, without a case. One that became a case follows its case. */
export async function resolveConcern(
  ctx: RequestContext,
  input: z.input<typeof resolveInput>,
): Promise<HeartBridgeConcern> {
  const data = parseInput(resolveInput, input);
  if (!data.resolution.trim()) {
    throw badInput('input.resolution', {
      en: 'input.resolution: say what was done',
      zh: 'input.resolution：请填写办理情况',
    });
  }
  const { concern, placement } = await openConcern(ctx, data.id);
  if (await hasCase(ctx, concern)) {
    throw conflict({
      en: 'The concern was turned into a case: it is resolved when its case is',
      zh: '该事项已转为案件，案件办结后自动办结',
    });
  }
  concern.status = HeartBridgeConcernStatus.RESOLVED;
  concern.resolvedVia = HeartBridgeResolvedVia.MODULE;
  concern.resolution = data.resolution;
  concern.resolvedAt = ctx.app.clock.now();
  heartBridge.event(ctx, 'concern.resolved', { type: 'HeartBridgeConcern', id: concern.id }, placement, {
    kind: concern.kind,
    via: concern.resolvedVia,
  });
  await ctx.em.flush();
  return concern;
}

async function hasCase(ctx: RequestContext, concern: HeartBridgeConcern): Promise<boolean> {
  return (await ctx.em.count(ModuleCaseLink, { moduleId: heartBridge.id, recordId: concern.id })) > 0;
}

const toCaseInput = z.object({
  id: z.string().uuid(),
  categoryId: z.string().uuid(),
  scale: z.nativeEnum(CaseScale).nullish(),
  source: z.nativeEnum(CaseSource).nullish(),
  description: longText(2000).nullish(),
});

/**
 * Turns an open concern into a case of the closed loop, reported on the concern's grid by its
 * resident; the concern then follows the case (resolved with it, open again when it is reopened).
 */
export async function turnIntoCase(
  ctx: RequestContext,
  input: z.input<typeof toCaseInput>,
): Promise<{ concern: HeartBridgeConcern; case: Case }> {
  const data = parseInput(toCaseInput, input);
  const { concern, placement } = await openConcern(ctx, data.id);
  heartBridge.event(ctx, 'concern.case_opened', { type: 'HeartBridgeConcern', id: concern.id }, placement, {
    kind: concern.kind,
  });
  const c = await openLinkedCase(ctx, heartBridge, concern, {
    categoryId: data.categoryId,
    scale: data.scale,
    source: data.source ?? CaseSource.RESIDENT,
    title: concern.title,
    description: data.description ?? concern.description ?? null,
    reporterResidentId: concern.residentId,
  });
  return { concern, case: c };
}

/** Keeps a concern in step with its case: resolved with it, open again on reopening, dismissed on rejection. */
export async function followCase(change: LinkedCaseChange): Promise<void> {
  const concern = change.record;
  if (!(concern instanceof HeartBridgeConcern)) return;
  const before = concern.status;
  switch (linkedCaseOutcome(change.to)) {
    case 'RESOLVED':
      concern.status = HeartBridgeConcernStatus.RESOLVED;
      concern.resolvedVia = HeartBridgeResolvedVia.CASE;
      concern.resolution = change.case.resolution ?? concern.resolution ?? null;
      concern.resolvedAt = change.case.resolvedAt ?? concern.resolvedAt ?? change.at;
      break;
    case 'REJECTED':
      concern.status = HeartBridgeConcernStatus.DISMISSED;
      concern.resolvedVia = null;
      concern.resolution = change.case.rejectReason ?? null;
      concern.resolvedAt = null;
      break;
    case 'OPEN':
      concern.status = HeartBridgeConcernStatus.OPEN;
      concern.resolvedVia = null;
      concern.resolution = null;
      concern.resolvedAt = null;
      break;
  }
  if (concern.status === before) return;
  const name =
    concern.status === HeartBridgeConcernStatus.RESOLVED
      ? 'concern.resolved'
      : concern.status === HeartBridgeConcernStatus.DISMISSED
        ? 'concern.dismissed'
        : 'concern.reopened';
  change.event(name, { kind: concern.kind, via: HeartBridgeResolvedVia.CASE });
}

const sentimentInput = z.object({
  gridId: z.string().uuid(),
  topic: z.nativeEnum(HeartBridgeSentimentTopic),
  mood: z.nativeEnum(HeartBridgeMood),
  opinion: longText(1000).refine((s) => s.trim().length > 0, {
    message: 'must not be empty',
    params: { zh: '不能为空' },
  }),
  residentId: z.string().uuid().nullish(),
  voices: z.number().int().min(1).max(500).nullish(),
  recordedOn: calendarDate.nullish(),
});

/** Writes an entry in the sentiment ledger (民情台账). */
export async function recordSentiment(
  ctx: RequestContext,
  input: z.input<typeof sentimentInput>,
): Promise<HeartBridgeSentiment> {
  const data = parseInput(sentimentInput, input);
  const { grid, placement } = await heartBridge.requireEnabled(ctx, data.gridId);
  if (data.residentId) await sameGridRecord(ctx, Resident, data.residentId, grid.id, 'input.residentId');
  if (data.residentId && data.voices && data.voices > 1) {
    throw badInput('input.voices', {
      en: 'input.voices: an opinion of one named resident counts one voice',
      zh: 'input.voices：指定居民时人数只能为 1',
    });
  }
  const recordedOn = data.recordedOn ?? today(ctx);
  notAfterToday(ctx, 'input.recordedOn', recordedOn);
  const entry = ctx.em.create(HeartBridgeSentiment, {
    ...placement,
    topic: data.topic,
    mood: data.mood,
    opinion: data.opinion,
    residentId: data.residentId ?? null,
    voices: data.voices ?? 1,
    recordedOn,
    recordedById: ctx.viewer.id ?? null,
  });
  heartBridge.event(ctx, 'sentiment.recorded', { type: 'HeartBridgeSentiment', id: entry.id }, placement, {
    topic: entry.topic,
    mood: entry.mood,
  });
  await ctx.em.flush();
  return entry;
}
