import type { FilterQuery } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { z } from 'zod';
import { assertCovers, jurisdictionWhere, SCOPED_COLUMNS } from '../auth/jurisdiction';
import { requireViewer } from '../auth/viewer';
import { paginate, type ConnectionResult, type Page } from '../graphql/connection';
import { toGlobalId } from '../graphql/global-id';
import { parseInput, text } from '../graphql/validate';
import { recordEvent } from '../integration/event.service';
import { Household } from '../people/household.entity';
import { Organization } from '../people/organization.entity';
import { loader, type RequestContext } from '../server/context';
import { AidKind, AidRecord } from './aid-record.entity';
import {
  badInput,
  checkRange,
  notFoundField,
  optionalText,
  pastDate,
  today,
  uuid,
  notFoundRecord,
} from './party.common';
import { findPartyOrganizationFor, placementOf } from './party-organization.service';

function aidWhere(ctx: RequestContext): FilterQuery<AidRecord> {
  const v = requireViewer(ctx.viewer);
  return jurisdictionWhere(v.jurisdiction, SCOPED_COLUMNS) as FilterQuery<AidRecord>;
}

// ---------- reads ----------

export interface AidRecordFilter {
  communityId?: string;
  gridId?: string;
  householdId?: string;
  kind?: AidKind | null;
  from?: string | null;
  to?: string | null;
}

export async function listAidRecords(
  ctx: RequestContext,
  filter: AidRecordFilter,
  page: Page,
): Promise<ConnectionResult<AidRecord>> {
  checkRange(filter.from, filter.to, 'filter');
  const where: FilterQuery<AidRecord> = {
    $and: [
      aidWhere(ctx),
      filter.communityId ? { communityId: filter.communityId } : {},
      filter.gridId ? { gridId: filter.gridId } : {},
      filter.householdId ? { householdId: filter.householdId } : {},
      filter.kind ? { kind: filter.kind } : {},
      filter.from ? { givenOn: { $gte: filter.from } } : {},
      filter.to ? { givenOn: { $lte: filter.to } } : {},
    ],
  };
  return paginate(ctx.em, AidRecord, where, page);
}

export async function getAidRecord(ctx: RequestContext, id: string): Promise<AidRecord> {
  const a = await ctx.em.findOne(AidRecord, { $and: [{ id }, aidWhere(ctx)] });
  if (!a) throw notFoundRecord('AidRecord');
  return a;
}

/**
 * Aid records of many households in one query (newest first), limited to the viewer's
 * jurisdiction: a record placed in another grid (the household has moved since) is not shown.
 */
export function aidRecordsByHousehold(ctx: RequestContext): DataLoader<string, AidRecord[]> {
  return loader(
    ctx,
    'party:aidRecordsByHousehold',
    () =>
      new DataLoader<string, AidRecord[]>(async (ids) => {
        const rows = await ctx.em.find(
          AidRecord,
          { $and: [{ householdId: { $in: ids as string[] } }, aidWhere(ctx)] },
          { orderBy: { givenOn: 'desc', id: 'desc' } },
        );
        const map = new Map<string, AidRecord[]>();
        for (const r of rows) {
          const list = map.get(r.householdId) ?? [];
          list.push(r);
          map.set(r.householdId, list);
        }
        return ids.map((id) => map.get(id) ?? []);
      }),
  );
}

// ---------- writes ----------

export interface RecordAidInput {
  householdId: string;
  givenOn: string;
  kind: AidKind;
  description: string;
  amount?: number | null;
  peopleHelped: number;
  givenByOrganizationId?: string | null;
  givenByPartyOrganizationId?: string | null;
  givenBy?: string | null;
}

const yuan = z
  .number()
  .min(0)
  .max(10_000_000)
  .refine((n) => Math.abs(Math.round(n * 100) - n * 100) < 1e-6, {
    message: 'has more than two decimals (fen)',
    params: { zh: '最多保留两位小数（分）' },
  });

const recordSchema = (todayDate: string) =>
  z
    .object({
      householdId: uuid,
      givenOn: pastDate(todayDate, '2000-01-01'),
      kind: z.nativeEnum(AidKind),
      description: text(500),
      amount: yuan.nullish(),
      peopleHelped: z.number().int().min(1).max(1000),
      givenByOrganizationId: uuid.nullish(),
      givenByPartyOrganizationId: uuid.nullish(),
      givenBy: optionalText(200),
    })
    .superRefine((d, issue) => {
      if (d.kind === AidKind.CASH && d.amount == null) {
        issue.addIssue({
          code: 'custom',
          path: ['amount'],
          message: 'cash aid (慰问金) needs an amount',
          params: { zh: '慰问金须填写金额' },
        });
      }
      if (!d.givenBy && !d.givenByOrganizationId && !d.givenByPartyOrganizationId) {
        issue.addIssue({
          code: 'custom',
          path: ['givenBy'],
          message: 'name who gave the aid (an organization, a party organization or a name)',
          params: { zh: '请填写帮扶主体（组织、党组织或名称）' },
        });
      }
    });

/** Records aid to a household. Administrators and the household's grid staff may record it. */
export async function recordAid(ctx: RequestContext, input: RecordAidInput): Promise<AidRecord> {
  const v = requireViewer(ctx.viewer);
  const data = parseInput(recordSchema(today(ctx)), input);
  const scoped = jurisdictionWhere(v.jurisdiction, SCOPED_COLUMNS);
  const household = await ctx.em.findOne(Household, {
    $and: [{ id: data.householdId }, scoped],
  } as FilterQuery<Household>);
  if (!household) throw notFoundField('input.householdId', { en: 'household', zh: '住户' });
  assertCovers(v.jurisdiction, placementOf(household));
  let givenBy = data.givenBy;
  if (data.givenByOrganizationId) {
    const o = await ctx.em.findOne(Organization, {
      $and: [{ id: data.givenByOrganizationId }, scoped],
    } as FilterQuery<Organization>);
    if (!o) throw notFoundField('input.givenByOrganizationId', { en: 'organization', zh: '组织' });
    if (o.communityId !== household.communityId) {
      throw badInput('input.givenByOrganizationId', {
        en: 'input.givenByOrganizationId: the organization belongs to another community',
        zh: 'input.givenByOrganizationId：该组织属于其他社区',
      });
    }
    givenBy ??= o.name;
  }
  if (data.givenByPartyOrganizationId) {
    const p = await findPartyOrganizationFor(
      ctx,
      data.givenByPartyOrganizationId,
      'input.givenByPartyOrganizationId',
    );
    if (p.communityId !== household.communityId) {
      throw badInput('input.givenByPartyOrganizationId', {
        en: 'input.givenByPartyOrganizationId: the party organization belongs to another community',
        zh: 'input.givenByPartyOrganizationId：该党组织属于其他社区',
      });
    }
    givenBy ??= p.name;
  }
  const record = ctx.em.create(AidRecord, {
    streetId: household.streetId,
    communityId: household.communityId,
    gridId: household.gridId ?? null,
    householdId: household.id,
    givenOn: data.givenOn,
    kind: data.kind,
    description: data.description,
    amount: data.amount ?? null,
    peopleHelped: data.peopleHelped,
    givenByOrganizationId: data.givenByOrganizationId ?? null,
    givenByPartyOrganizationId: data.givenByPartyOrganizationId ?? null,
    givenBy: givenBy!,
    recordedById: v.kind === 'user' ? v.id : null,
  });
  recordEvent(ctx, 'aid_record.created', { type: 'AidRecord', id: record.id }, placementOf(record), {
    householdId: toGlobalId('Household', household.id),
    kind: record.kind,
    givenOn: record.givenOn,
    amount: record.amount ?? null,
    peopleHelped: record.peopleHelped,
    givenByOrganizationId: record.givenByOrganizationId
      ? toGlobalId('Organization', record.givenByOrganizationId)
      : null,
    givenByPartyOrganizationId: record.givenByPartyOrganizationId
      ? toGlobalId('PartyOrganization', record.givenByPartyOrganizationId)
      : null,
  });
  await ctx.em.flush();
  return record;
}
