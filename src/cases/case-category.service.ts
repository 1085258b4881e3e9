import type { FilterQuery } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { ScopeLevel } from '../auth/roles';
import { requireAdmin, requireViewer } from '../auth/viewer';
import { flushOrConflict } from '../db/helpers';
import { AppError, ErrorCode, notFound } from '../graphql/errors';
import { code, parseInput, text } from '../graphql/validate';
import { recordEvent } from '../integration/event.service';
import type { RequestContext } from '../server/context';
import { Street } from '../territory';
import { CaseCategory } from './case-category.entity';
import { CaseScale } from './case.enums';

/** Shared categories plus those of the viewer's street (all of them for the platform). */
function categoryWhere(ctx: RequestContext): FilterQuery<CaseCategory> {
  const j = requireViewer(ctx.viewer).jurisdiction;
  if (j.level === ScopeLevel.PLATFORM) return {};
  return { $or: [{ streetId: null }, { streetId: j.streetId }] };
}

export async function listCategories(ctx: RequestContext, includeInactive: boolean): Promise<CaseCategory[]> {
  return ctx.em.find(
    CaseCategory,
    { $and: [categoryWhere(ctx), includeInactive ? {} : { active: true }] },
    { orderBy: { id: 'asc' } },
  );
}

export async function getCategory(ctx: RequestContext, id: string): Promise<CaseCategory> {
  const c = await ctx.em.findOne(CaseCategory, { $and: [{ id }, categoryWhere(ctx)] });
  if (!c) throw notFound('CaseCategory');
  return c;
}

const slaHours = z.number().int().min(1).max(8760);
const createSchema = z.object({
  code: code.transform((s) => s.toUpperCase()),
  nameZh: text(100),
  nameEn: text(100),
  defaultScale: z.nativeEnum(CaseScale),
  slaHours,
  sameDay: z.boolean().nullish(),
  streetId: z.string().uuid().nullish(),
});

const onlyStreetAdmins = (): AppError =>
  new AppError(ErrorCode.FORBIDDEN, {
    en: 'Only street and platform administrators manage case categories',
    zh: '仅街道及平台管理员可以管理问题类别',
  });

/** Adds a category: a street administrator for their street, a platform administrator anywhere. */
export async function createCategory(
  ctx: RequestContext,
  input: z.input<typeof createSchema>,
): Promise<CaseCategory> {
  const viewer = requireAdmin(ctx.viewer);
  const data = parseInput(createSchema, input);
  const j = viewer.jurisdiction;
  if (j.level !== ScopeLevel.PLATFORM && j.level !== ScopeLevel.STREET) throw onlyStreetAdmins();
  let streetId: string | null = data.streetId ?? null;
  if (j.level === ScopeLevel.STREET) {
    if (streetId && streetId !== j.streetId) {
      throw new AppError(
        ErrorCode.FORBIDDEN,
        { en: 'Outside your jurisdiction', zh: '超出您的管辖范围' },
        {
          field: 'input.streetId',
        },
      );
    }
    streetId = j.streetId!;
  } else if (streetId && !(await ctx.em.findOne(Street, streetId))) {
    throw notFound('Street');
  }
  const category = ctx.em.create(CaseCategory, {
    code: data.code,
    nameZh: data.nameZh,
    nameEn: data.nameEn,
    defaultScale: data.defaultScale,
    slaHours: data.slaHours,
    sameDay: data.sameDay ?? true,
    streetId,
  });
  recordEvent(
    ctx,
    'case_category.created',
    { type: 'CaseCategory', id: category.id },
    { streetId },
    {
      code: category.code,
      defaultScale: category.defaultScale,
      slaHours: category.slaHours,
      sameDay: category.sameDay,
    },
  );
  await flushOrConflict(ctx, { en: 'A category with this code exists', zh: '该类别编码已存在' });
  return category;
}

const updateSchema = z.object({
  nameZh: text(100).optional(),
  nameEn: text(100).optional(),
  defaultScale: z.nativeEnum(CaseScale).optional(),
  slaHours: slaHours.optional(),
  sameDay: z.boolean().optional(),
  active: z.boolean().optional(),
});

/** Changes a category; the new SLA applies to cases reported afterwards. */
export async function updateCategory(
  ctx: RequestContext,
  id: string,
  patch: z.input<typeof updateSchema>,
): Promise<CaseCategory> {
  const viewer = requireAdmin(ctx.viewer);
  const data = parseInput(updateSchema, patch);
  const category = await getCategory(ctx, id);
  const j = viewer.jurisdiction;
  const mayEdit =
    j.level === ScopeLevel.PLATFORM || (j.level === ScopeLevel.STREET && category.streetId === j.streetId);
  if (!mayEdit) throw onlyStreetAdmins();
  const changed: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data)) {
    if (v === undefined) continue;
    (category as unknown as Record<string, unknown>)[k] = v;
    changed[k] = v;
  }
  recordEvent(
    ctx,
    'case_category.updated',
    { type: 'CaseCategory', id: category.id },
    { streetId: category.streetId },
    { changed },
  );
  await ctx.em.flush();
  return category;
}
