import { z } from 'zod';
import {
  addDays,
  badInput,
  calendarDate,
  conflict,
  listFiltered,
  localDateOf,
  notFound,
  parseInput,
  sameGridRecord,
  text,
  type ConnectionResult,
  type Page,
  type RequestContext,
  writableRecord,
} from '../../src/modules';
import {
  LegalAdviser,
  LegalAdviserKind,
  LegalDisputeType,
  LegalMediation,
  LegalMediationStatus,
  LegalPartyRole,
} from './legal.entities';
import { legal } from './legal.module';

// ---------- reads ----------

export function listAdvisers(
  ctx: RequestContext,
  filter: { gridId?: string | null; activeOnly?: boolean | null },
  page: Page,
): Promise<ConnectionResult<LegalAdviser>> {
  return listFiltered(
    ctx,
    LegalAdviser,
    { gridId: filter.gridId, active: filter.activeOnly || undefined },
    page,
  );
}

export function listMediations(
  ctx: RequestContext,
  filter: {
    gridId?: string | null;
    status?: LegalMediationStatus | null;
    disputeType?: LegalDisputeType | null;
  },
  page: Page,
): Promise<ConnectionResult<LegalMediation>> {
  return listFiltered(ctx, LegalMediation, filter, page);
}

/** The day a mediation in progress should end by, under its grid's target. */
export async function mediationDueOn(ctx: RequestContext, m: LegalMediation): Promise<string> {
  const settings = await legal.getSettings(ctx, m.gridId);
  return addDays(m.openedOn, settings.mediationTargetDays);
}

// ---------- writes ----------

const today = (ctx: RequestContext) => localDateOf(ctx.app.clock.now());

const adviserInput = z.object({
  gridId: z.string().uuid(),
  name: text(100),
  kind: z.nativeEnum(LegalAdviserKind),
  organization: z.string().trim().max(200).nullish(),
});

export async function addAdviser(
  ctx: RequestContext,
  input: z.input<typeof adviserInput>,
): Promise<LegalAdviser> {
  const data = parseInput(adviserInput, input);
  const { placement } = await legal.requireEnabled(ctx, data.gridId);
  const adviser = ctx.em.create(LegalAdviser, {
    ...placement,
    name: data.name,
    kind: data.kind,
    organization: data.organization ?? null,
  });
  legal.event(ctx, 'adviser.added', { type: 'LegalAdviser', id: adviser.id }, placement, {
    kind: adviser.kind,
  });
  await ctx.em.flush();
  return adviser;
}

export async function setAdviserActive(
  ctx: RequestContext,
  id: string,
  active: boolean,
): Promise<LegalAdviser> {
  const adviser = await ctx.em.findOne(LegalAdviser, { id });
  if (!adviser) throw notFound('LegalAdviser');
  const { placement } = await legal.requireEnabled(ctx, adviser.gridId);
  adviser.active = active;
  legal.event(ctx, 'adviser.updated', { type: 'LegalAdviser', id: adviser.id }, placement, { active });
  await ctx.em.flush();
  return adviser;
}

const mediationInput = z.object({
  gridId: z.string().uuid(),
  disputeType: z.nativeEnum(LegalDisputeType),
  summary: text(1000),
  parties: z
    .array(z.object({ name: text(100), role: z.nativeEnum(LegalPartyRole) }))
    .min(2)
    .max(20)
    .refine((ps) => ps.some((p) => p.role === LegalPartyRole.APPLICANT), {
      message: 'needs an applicant',
      params: { zh: '至少需要一名申请人' },
    }),
  mediatorId: z.string().uuid().nullish(),
  caseId: z.string().uuid().nullish(),
  openedOn: calendarDate.nullish(),
});

/**
 * Takes a dispute on for mediation. It may come from a case of the closed loop: the case must be on
 * the same grid. The case table belongs to the cases feature, so it is looked up by entity name.
 */
export async function openMediation(
  ctx: RequestContext,
  input: z.input<typeof mediationInput>,
): Promise<LegalMediation> {
  const data = parseInput(mediationInput, input);
  const { grid, placement } = await legal.requireEnabled(ctx, data.gridId);
  if (data.mediatorId) await sameGridRecord(ctx, LegalAdviser, data.mediatorId, grid.id, 'input.mediatorId');
  if (data.caseId) {
    const known = ctx.em.getMetadata().find('Case');
    const found = known && (await ctx.em.count('Case', { id: data.caseId, gridId: grid.id }));
    if (!found) {
      throw badInput('input.caseId', {
        en: 'input.caseId: no such case on this grid',
        zh: 'input.caseId：本网格没有该工单',
      });
    }
  }
  const openedOn = data.openedOn ?? today(ctx);
  if (openedOn > today(ctx)) {
    throw badInput('input.openedOn', {
      en: 'input.openedOn: cannot be in the future',
      zh: 'input.openedOn：不能晚于今天',
    });
  }
  const mediation = ctx.em.create(LegalMediation, {
    ...placement,
    disputeType: data.disputeType,
    summary: data.summary,
    parties: data.parties,
    mediatorId: data.mediatorId ?? null,
    caseId: data.caseId ?? null,
    openedOn,
  });
  legal.event(ctx, 'mediation.opened', { type: 'LegalMediation', id: mediation.id }, placement, {
    disputeType: mediation.disputeType,
    caseId: mediation.caseId,
  });
  await ctx.em.flush();
  return mediation;
}

const withdrawInput = z.object({ id: z.string().uuid(), reason: text(500) });

export async function withdrawMediation(
  ctx: RequestContext,
  input: z.input<typeof withdrawInput>,
): Promise<LegalMediation> {
  const data = parseInput(withdrawInput, input);
  const { placement, record: mediation } = await writableRecord(ctx, legal, LegalMediation, data.id);
  if (mediation.status !== LegalMediationStatus.IN_PROGRESS) {
    throw conflict({ en: 'The mediation has already ended', zh: '该调解已结束' });
  }
  mediation.status = LegalMediationStatus.WITHDRAWN;
  mediation.closedOn = today(ctx);
  mediation.outcome = data.reason;
  legal.event(ctx, 'mediation.closed', { type: 'LegalMediation', id: mediation.id }, placement, {
    status: mediation.status,
  });
  await ctx.em.flush();
  return mediation;
}
