import { z } from 'zod';
import { CaseCategory, CaseScale, CaseSource, FeedbackChannel, type Case } from '../../src/cases';
import { Organization, OrganizationKind, Resident } from '../../src/people';
import { Building } from '../../src/territory';
import {
  Activity,
  addDays,
  badInput,
  calendarDate,
  conflict,
  findReadable,
  linkedCaseOutcome,
  listFiltered,
  localDateOf,
  longText,
  openLinkedCase,
  parseInput,
  readableWhere,
  sameGridRecord,
  text,
  type ConnectionResult,
  type LinkedCaseChange,
  type Page,
  type RequestContext,
} from '../../src/modules';
import {
  SafetyDispute,
  SafetyDisputeStatus,
  SafetyDisputeType,
  SafetyHazard,
  SafetyHazardStatus,
  SafetyHazardType,
  SafetyResponsibleParty,
} from './safety.entities';
import { safety } from './safety.module';

// ---------- reads ----------

export function listHazards(
  ctx: RequestContext,
  filter: {
    gridId?: string | null;
    microGridId?: string | null;
    status?: SafetyHazardStatus | null;
    hazardType?: SafetyHazardType | null;
  },
  page: Page,
): Promise<ConnectionResult<SafetyHazard>> {
  return listFiltered(ctx, SafetyHazard, filter, page);
}

export function listDisputes(
  ctx: RequestContext,
  filter: {
    gridId?: string | null;
    status?: SafetyDisputeStatus | null;
    routedTo?: SafetyResponsibleParty | null;
  },
  page: Page,
): Promise<ConnectionResult<SafetyDispute>> {
  return listFiltered(ctx, SafetyDispute, filter, page);
}

/** The day the resident should have been told the result by, under the grid's target. */
export async function feedbackDueOn(ctx: RequestContext, d: SafetyDispute): Promise<string> {
  const settings = await safety.getSettings(ctx, d.gridId);
  return addDays(d.receivedOn, settings.feedbackTargetDays);
}

// ---------- hazards ----------

const hazardInput = z.object({
  patrolId: z.string().uuid(),
  hazardType: z.nativeEnum(SafetyHazardType),
  title: text(100),
  description: longText(1000).nullish(),
  location: text(200).nullish(),
  buildingId: z.string().uuid().nullish(),
  categoryId: z.string().uuid().nullish(),
  scale: z.nativeEnum(CaseScale).nullish(),
});

/**
 * Registers a hazard found on a patrol and reports it as a case of the closed loop (source PATROL,
 * the grid's hazard category), on the patrol's micro-grid; the hazard then follows its case.
 */
export async function reportHazard(
  ctx: RequestContext,
  input: z.input<typeof hazardInput>,
): Promise<{ hazard: SafetyHazard; case: Case }> {
  const data = parseInput(hazardInput, input);
  const patrol = await ctx.em.findOne(Activity, {
    $and: [{ id: data.patrolId, kind: 'safety.patrol' }, readableWhere(ctx)],
  });
  if (!patrol) {
    throw badInput('input.patrolId', {
      en: 'input.patrolId: no such patrol',
      zh: 'input.patrolId：没有该巡查记录',
    });
  }
  const { grid, settings, placement } = await safety.requireEnabled(ctx, patrol.gridId);
  const microGridId = String(patrol.details.microGridId);
  if (data.buildingId) {
    await sameGridRecord(ctx, Building, data.buildingId, grid.id, 'input.buildingId');
  }
  let categoryId = data.categoryId;
  if (!categoryId) {
    const category = await ctx.em.findOne(CaseCategory, { code: settings.hazardCategoryCode, active: true });
    if (!category) {
      throw badInput('input.categoryId', {
        en: `input.categoryId: give a category; the grid's hazard category "${settings.hazardCategoryCode}" does not exist or is inactive`,
        zh: `input.categoryId：请指定问题类别；本网格设置的隐患类别“${settings.hazardCategoryCode}”不存在或已停用`,
      });
    }
    categoryId = category.id;
  }
  const hazard = ctx.em.create(SafetyHazard, {
    ...placement,
    patrolId: patrol.id,
    microGridId,
    buildingId: data.buildingId ?? null,
    hazardType: data.hazardType,
    title: data.title,
    description: data.description ?? null,
    location: data.location ?? null,
    foundAt: patrol.occurredAt,
  });
  safety.event(ctx, 'hazard.reported', { type: 'SafetyHazard', id: hazard.id }, placement, {
    hazardType: hazard.hazardType,
    patrolId: patrol.id,
  });
  const c = await openLinkedCase(ctx, safety, hazard, {
    categoryId,
    scale: data.scale,
    source: CaseSource.PATROL,
    title: data.title,
    description: data.description ?? null,
    microGridId,
    buildingId: data.buildingId ?? null,
    address: data.location ?? null,
  });
  return { hazard, case: c };
}

/** Keeps a hazard in step with its case: resolved with it, open again on reopening, dismissed on rejection. */
export async function followCase(change: LinkedCaseChange): Promise<void> {
  const hazard = change.record;
  if (!(hazard instanceof SafetyHazard)) return;
  const before = hazard.status;
  switch (linkedCaseOutcome(change.to)) {
    case 'RESOLVED':
      hazard.status = SafetyHazardStatus.RESOLVED;
      hazard.resolution = change.case.resolution ?? hazard.resolution ?? null;
      hazard.resolvedAt = change.case.resolvedAt ?? hazard.resolvedAt ?? change.at;
      break;
    case 'REJECTED':
      hazard.status = SafetyHazardStatus.DISMISSED;
      hazard.resolution = change.case.rejectReason ?? null;
      hazard.resolvedAt = null;
      break;
    case 'OPEN':
      hazard.status = SafetyHazardStatus.OPEN;
      hazard.resolution = null;
      hazard.resolvedAt = null;
      break;
  }
  if (hazard.status === before) return;
  change.event(
    hazard.status === SafetyHazardStatus.RESOLVED
      ? 'hazard.resolved'
      : hazard.status === SafetyHazardStatus.DISMISSED
        ? 'hazard.dismissed'
        : 'hazard.reopened',
    { hazardType: hazard.hazardType },
  );
}

// ---------- disputes ----------

const today = (ctx: RequestContext) => localDateOf(ctx.app.clock.now());

const ORGANIZATION_KIND: Partial<Record<SafetyResponsibleParty, OrganizationKind>> = {
  OWNERS_COMMITTEE: OrganizationKind.OWNERS_COMMITTEE,
  PROPERTY_COMPANY: OrganizationKind.PROPERTY_COMPANY,
};

const disputeInput = z.object({
  gridId: z.string().uuid(),
  residentId: z.string().uuid(),
  disputeType: z.nativeEnum(SafetyDisputeType),
  summary: text(1000),
  routedTo: z.nativeEnum(SafetyResponsibleParty),
  organizationId: z.string().uuid().nullish(),
  receivedOn: calendarDate.nullish(),
});

/** Takes in a dispute a resident of the grid brings and routes it to the responsible party (纠纷台账). */
export async function takeDispute(
  ctx: RequestContext,
  input: z.input<typeof disputeInput>,
): Promise<SafetyDispute> {
  const data = parseInput(disputeInput, input);
  const { grid, placement } = await safety.requireEnabled(ctx, data.gridId);
  await sameGridRecord(ctx, Resident, data.residentId, grid.id, 'input.residentId');
  if (data.organizationId) {
    const kind = ORGANIZATION_KIND[data.routedTo];
    const org = kind
      ? await ctx.em.findOne(Organization, {
          id: data.organizationId,
          kind,
          communityId: grid.communityId,
          $or: [{ gridId: null }, { gridId: grid.id }],
        })
      : null;
    if (!org) {
      throw badInput('input.organizationId', {
        en: kind
          ? `input.organizationId: no ${kind.toLowerCase().replace('_', ' ')} of this grid's community`
          : 'input.organizationId: only for an owners committee or a property company',
        zh: kind
          ? 'input.organizationId：本社区没有该组织'
          : 'input.organizationId：仅适用于业委会或物业公司',
      });
    }
  }
  const receivedOn = data.receivedOn ?? today(ctx);
  if (receivedOn > today(ctx)) {
    throw badInput('input.receivedOn', {
      en: 'input.receivedOn: cannot be in the future',
      zh: 'input.receivedOn：不能晚于今天',
    });
  }
  const dispute = ctx.em.create(SafetyDispute, {
    ...placement,
    residentId: data.residentId,
    disputeType: data.disputeType,
    summary: data.summary,
    receivedOn,
    routedTo: data.routedTo,
    organizationId: data.organizationId ?? null,
    recordedById: ctx.viewer.id ?? null,
  });
  safety.event(ctx, 'dispute.routed', { type: 'SafetyDispute', id: dispute.id }, placement, {
    disputeType: dispute.disputeType,
    routedTo: dispute.routedTo,
  });
  await ctx.em.flush();
  return dispute;
}

async function disputeFor(ctx: RequestContext, id: string, expected: SafetyDisputeStatus) {
  const dispute = await findReadable(ctx, SafetyDispute, id);
  const enabled = await safety.requireEnabled(ctx, dispute.gridId);
  if (dispute.status !== expected) {
    throw conflict(
      expected === SafetyDisputeStatus.ROUTED
        ? { en: 'The dispute has already been settled', zh: '该纠纷已办结' }
        : dispute.status === SafetyDisputeStatus.ROUTED
          ? { en: 'The dispute has not been settled yet', zh: '该纠纷尚未办结' }
          : { en: 'The resident has already been told', zh: '已向居民反馈' },
    );
  }
  return { dispute, ...enabled };
}

const resolveInput = z.object({
  id: z.string().uuid(),
  outcome: longText(2000).refine((s) => s.trim().length > 0, {
    message: 'must not be empty',
    params: { zh: '不能为空' },
  }),
});

export async function resolveDispute(
  ctx: RequestContext,
  input: z.input<typeof resolveInput>,
): Promise<SafetyDispute> {
  const data = parseInput(resolveInput, input);
  const { dispute, placement } = await disputeFor(ctx, data.id, SafetyDisputeStatus.ROUTED);
  dispute.status = SafetyDisputeStatus.RESOLVED;
  dispute.outcome = data.outcome;
  dispute.resolvedAt = ctx.app.clock.now();
  safety.event(ctx, 'dispute.resolved', { type: 'SafetyDispute', id: dispute.id }, placement, {
    routedTo: dispute.routedTo,
  });
  await ctx.em.flush();
  return dispute;
}

const feedbackInput = z.object({
  id: z.string().uuid(),
  channel: z.nativeEnum(FeedbackChannel),
  at: z.date().nullish(),
  note: longText(1000).nullish(),
});

/** Records that the resident was told the result: how and when (结果反馈). */
export async function giveFeedback(
  ctx: RequestContext,
  input: z.input<typeof feedbackInput>,
): Promise<SafetyDispute> {
  const data = parseInput(feedbackInput, input);
  const { dispute, placement } = await disputeFor(ctx, data.id, SafetyDisputeStatus.RESOLVED);
  const now = ctx.app.clock.now();
  const at = data.at ?? now;
  if (at.getTime() > now.getTime() + 5 * 60_000) {
    throw badInput('input.at', { en: 'input.at: cannot be in the future', zh: 'input.at：不能晚于当前时间' });
  }
  if (dispute.resolvedAt && at.getTime() < dispute.resolvedAt.getTime()) {
    throw badInput('input.at', {
      en: 'input.at: feedback cannot precede the settlement',
      zh: 'input.at：反馈时间不能早于办结时间',
    });
  }
  dispute.status = SafetyDisputeStatus.FEEDBACK_GIVEN;
  dispute.feedbackChannel = data.channel;
  dispute.feedbackAt = at;
  dispute.feedbackNote = data.note ?? null;
  safety.event(ctx, 'dispute.feedback_given', { type: 'SafetyDispute', id: dispute.id }, placement, {
    channel: data.channel,
    at: at.toISOString(),
  });
  await ctx.em.flush();
  return dispute;
}
