import type { FilterQuery } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { assertCovers, jurisdictionWhere, SCOPED_COLUMNS, type Placement } from '../auth/jurisdiction';
import { requireViewer } from '../auth/viewer';
import { escapeLike } from '../db/helpers';
import { paginate, type ConnectionResult, type Page } from '../graphql/connection';
import { toGlobalId } from '../graphql/global-id';
import { longText, parseInput, text } from '../graphql/validate';
import { recordEvent } from '../integration/event.service';
import { Household } from '../people/household.entity';
import type { RequestContext } from '../server/context';
import { Grid, GridStatus } from '../territory/grid.entity';
import { gridWhere } from '../territory/territory.service';
import { badInput, checkRange, notFoundField, pastDate, today, uuid, notFoundRecord } from './party.common';
import { PartyActivity, PartyActivityHousehold, PartyActivityKind } from './party-activity.entity';
import { findPartyOrganizationFor, placementOf } from './party-organization.service';

/** More than this many households is a campaign, not a visit list: record it as a count. */
export const MAX_BENEFICIARY_HOUSEHOLDS = 100;

function activityWhere(ctx: RequestContext): FilterQuery<PartyActivity> {
  const v = requireViewer(ctx.viewer);
  return jurisdictionWhere(v.jurisdiction, SCOPED_COLUMNS) as FilterQuery<PartyActivity>;
}

// ---------- reads ----------

export interface PartyActivityFilter {
  communityId?: string;
  gridId?: string;
  partyOrganizationId?: string;
  kind?: PartyActivityKind | null;
  from?: string | null;
  to?: string | null;
  titleContains?: string | null;
}

export async function listPartyActivities(
  ctx: RequestContext,
  filter: PartyActivityFilter,
  page: Page,
): Promise<ConnectionResult<PartyActivity>> {
  checkRange(filter.from, filter.to, 'filter');
  const where: FilterQuery<PartyActivity> = {
    $and: [
      activityWhere(ctx),
      filter.communityId ? { communityId: filter.communityId } : {},
      filter.gridId ? { gridId: filter.gridId } : {},
      filter.partyOrganizationId ? { partyOrganizationId: filter.partyOrganizationId } : {},
      filter.kind ? { kind: filter.kind } : {},
      filter.from ? { heldOn: { $gte: filter.from } } : {},
      filter.to ? { heldOn: { $lte: filter.to } } : {},
      filter.titleContains ? { title: { $ilike: `%${escapeLike(filter.titleContains)}%` } } : {},
    ],
  };
  return paginate(ctx.em, PartyActivity, where, page);
}

export async function getPartyActivity(ctx: RequestContext, id: string): Promise<PartyActivity> {
  const a = await ctx.em.findOne(PartyActivity, { $and: [{ id }, activityWhere(ctx)] });
  if (!a) throw notFoundRecord('PartyActivity');
  return a;
}

// ---------- writes ----------

export interface RecordPartyActivityInput {
  partyOrganizationId: string;
  gridId?: string | null;
  kind: PartyActivityKind;
  title: string;
  description?: string | null;
  heldOn: string;
  participants: number;
  beneficiaries: number;
  beneficiaryHouseholdIds?: string[] | null;
}

const recordSchema = (todayDate: string) =>
  z
    .object({
      partyOrganizationId: uuid,
      gridId: uuid.nullish(),
      kind: z.nativeEnum(PartyActivityKind),
      title: text(200),
      description: longText(5000).nullish(),
      heldOn: pastDate(todayDate, '2000-01-01'),
      participants: z.number().int().min(0).max(100000),
      beneficiaries: z.number().int().min(0).max(1000000),
      beneficiaryHouseholdIds: z
        .array(uuid)
        .max(MAX_BENEFICIARY_HOUSEHOLDS)
        .refine((ids) => new Set(ids).size === ids.length, {
          message: 'lists a household twice',
          params: { zh: '住户重复' },
        })
        .nullish(),
    })
    .superRefine((d, issue) => {
      if (d.kind === PartyActivityKind.MEMBER_SERVICE && d.beneficiaries < 1) {
        issue.addIssue({
          code: 'custom',
          path: ['beneficiaries'],
          message: 'a member service (我是党员我帮你) helps at least one person',
          params: { zh: '“我是党员我帮你”服务至少应有一名受益人' },
        });
      }
      const households = d.beneficiaryHouseholdIds?.length ?? 0;
      if (d.beneficiaries < households) {
        issue.addIssue({
          code: 'custom',
          path: ['beneficiaries'],
          message: 'must be at least the number of beneficiary households',
          params: { zh: '受益人数不能少于受益户数' },
        });
      }
    });

/**
 * Records an activity. Administrators and the staff of the grid it took place in may record it;
 * an activity of a grid's organization is always placed in that grid.
 */
export async function recordPartyActivity(
  ctx: RequestContext,
  input: RecordPartyActivityInput,
): Promise<PartyActivity> {
  const v = requireViewer(ctx.viewer);
  const data = parseInput(recordSchema(today(ctx)), input);
  const org = await findPartyOrganizationFor(ctx, data.partyOrganizationId, 'input.partyOrganizationId');
  if (org.foundedOn && data.heldOn < org.foundedOn) {
    throw badInput('input.heldOn', {
      en: `input.heldOn: the organization was founded on ${org.foundedOn}`,
      zh: `input.heldOn：该党组织成立于 ${org.foundedOn}，活动日期不能早于此日`,
    });
  }
  let gridId = org.gridId ?? null;
  if (data.gridId) {
    if (org.gridId && data.gridId !== org.gridId) {
      throw badInput('input.gridId', {
        en: 'input.gridId: an activity of a grid’s organization takes place in that grid',
        zh: 'input.gridId：网格内党组织的活动只能记在本网格',
      });
    }
    const grid = await ctx.em.findOne(Grid, { $and: [{ id: data.gridId }, gridWhere(v.jurisdiction)] });
    if (!grid) throw notFoundField('input.gridId', { en: 'grid', zh: '网格' });
    if (grid.communityId !== org.communityId) {
      throw badInput('input.gridId', {
        en: 'input.gridId: the grid belongs to another community than the organization',
        zh: 'input.gridId：该网格与党组织不属于同一社区',
      });
    }
    if (grid.status !== GridStatus.ACTIVE) {
      throw badInput('input.gridId', {
        en: 'input.gridId: the grid was retired by re-gridding',
        zh: 'input.gridId：该网格已因网格调整撤销',
      });
    }
    gridId = grid.id;
  }
  const placement: Placement & { streetId: string; communityId: string } = {
    streetId: org.streetId,
    communityId: org.communityId,
    gridId,
  };
  assertCovers(v.jurisdiction, placement);
  const householdIds = data.beneficiaryHouseholdIds ?? [];
  await checkHouseholds(ctx, householdIds, placement);
  const activity = ctx.em.create(PartyActivity, {
    ...placement,
    partyOrganizationId: org.id,
    kind: data.kind,
    title: data.title,
    description: data.description || null,
    heldOn: data.heldOn,
    participants: data.participants,
    beneficiaries: data.beneficiaries,
    recordedById: v.kind === 'user' ? v.id : null,
  });
  for (const householdId of householdIds) {
    ctx.em.create(PartyActivityHousehold, { activityId: activity.id, householdId });
  }
  recordEvent(
    ctx,
    'party_activity.created',
    { type: 'PartyActivity', id: activity.id },
    placementOf(activity),
    {
      partyOrganizationId: toGlobalId('PartyOrganization', org.id),
      kind: activity.kind,
      heldOn: activity.heldOn,
      participants: activity.participants,
      beneficiaries: activity.beneficiaries,
      beneficiaryHouseholdIds: householdIds.map((id) => toGlobalId('Household', id)),
    },
  );
  await ctx.em.flush();
  return activity;
}

/** Beneficiary households must be visible and lie where the activity took place. */
async function checkHouseholds(
  ctx: RequestContext,
  ids: string[],
  placement: { communityId: string; gridId?: string | null },
): Promise<void> {
  if (!ids.length) return;
  const j = requireViewer(ctx.viewer).jurisdiction;
  const rows = await ctx.em.find(Household, {
    $and: [{ id: { $in: ids } }, jurisdictionWhere(j, SCOPED_COLUMNS)],
  } as FilterQuery<Household>);
  const byId = new Map(rows.map((h) => [h.id, h]));
  ids.forEach((id, i) => {
    const field = `input.beneficiaryHouseholdIds.${i}`;
    const h = byId.get(id);
    if (!h) throw notFoundField(field, { en: 'household', zh: '住户' });
    const inside = placement.gridId ? h.gridId === placement.gridId : h.communityId === placement.communityId;
    if (!inside) {
      throw badInput(field, {
        en: `${field}: the household is not in the ${placement.gridId ? 'grid' : 'community'} of the activity`,
        zh: `${field}：该住户不在活动所在的${placement.gridId ? '网格' : '社区'}`,
      });
    }
  });
}
