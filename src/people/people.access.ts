import type { FilterQuery } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { assertCovers, jurisdictionWhere, SCOPED_COLUMNS, type Jurisdiction } from '../auth/jurisdiction';
import { ADMIN_ROLES, UserRole } from '../auth/roles';
import { requireViewer, type AuthenticatedViewer, type Viewer } from '../auth/viewer';
import { badInput, forbidden, notFound } from '../graphql/errors';
import { text } from '../graphql/validate';
import type { RequestContext } from '../server/context';
import { Building } from '../territory/building.entity';
import { BuildingUnit } from '../territory/building-unit.entity';
import { Grid, GridStatus } from '../territory/grid.entity';
import { chinaDate } from './dates';
import { checkIdNumber, isCalendarDate, isCreditCode } from './id-number';
import { SENSITIVE_TAGS, type ResidentTagKind } from './resident-tag.entity';

/** Roles that may see (and set, and filter by) sensitive tags: they decide on support. */
const SENSITIVE_TAG_ROLES: readonly UserRole[] = [...ADMIN_ROLES, UserRole.GRID_CHIEF];

/** Roles that keep the people ledger: administrators and grid staff. */
const WRITER_ROLES: readonly UserRole[] = [...ADMIN_ROLES, UserRole.GRID_CHIEF, UserRole.GRID_WORKER];

/**
 * Whether the viewer may see sensitive tags. API keys may not: an integration gets the
 * `needsSupport` marker like a grid worker does.
 */
export function canSeeSensitiveTags(v: Viewer): boolean {
  return v.kind === 'user' && !!v.role && SENSITIVE_TAG_ROLES.includes(v.role);
}

export function isSensitiveTag(kind: ResidentTagKind): boolean {
  return SENSITIVE_TAGS.includes(kind);
}

/** Refuses sensitive tags to viewers who may not see them (in filters and in writes alike). */
export function assertMayUseTags(v: Viewer, kinds: readonly ResidentTagKind[]): void {
  if (kinds.some(isSensitiveTag) && !canSeeSensitiveTags(v)) {
    throw forbidden({
      en: 'Sensitive tags (DISABLED, LOW_INCOME, SPECIAL_HARDSHIP) are for administrators and grid chiefs',
      zh: '敏感标签（残疾、低保、特困）仅限管理员和网格长使用',
    });
  }
}

/**
 * A viewer allowed to change the people ledger: administrators and grid staff by role, API keys by
 * their `people:write` scope (checked by the permission layer before the resolver runs).
 */
export function requirePeopleWriter(v: Viewer): AuthenticatedViewer {
  const viewer = requireViewer(v);
  if (viewer.kind === 'apiKey') return viewer;
  if (viewer.kind === 'user' && viewer.role && WRITER_ROLES.includes(viewer.role)) return viewer;
  throw forbidden({
    en: 'Only administrators and grid staff change residents',
    zh: '仅管理员和网格工作人员可以修改居民信息',
  });
}

export function scopedWhere<T>(j: Jurisdiction): FilterQuery<T> {
  return jurisdictionWhere(j, SCOPED_COLUMNS) as FilterQuery<T>;
}

export { scopedById } from '../graphql/loaders';

/** Today in China, by the application clock. */
export function today(ctx: RequestContext): string {
  return chinaDate(ctx.app.clock.now());
}

/** Changes as resolvers pass them: omitted stays as it is, null clears (the service validates). */
export type Patch<T> = { [K in keyof T]?: T[K] | null };

// ---------- placement ----------

/**
 * A grid the viewer may write in: NOT_FOUND when it does not exist, FORBIDDEN outside the
 * jurisdiction, BAD_USER_INPUT when re-gridding retired it.
 */
export async function gridForWrite(
  ctx: RequestContext,
  v: AuthenticatedViewer,
  gridId: string,
  field: string,
): Promise<Grid> {
  const grid = await ctx.em.findOne(Grid, { id: gridId });
  if (!grid) throw notFound('Grid');
  assertCovers(v.jurisdiction, { streetId: grid.streetId, communityId: grid.communityId, gridId: grid.id });
  if (grid.status !== GridStatus.ACTIVE) {
    throw badInput(field, { en: `${field}: the grid was retired`, zh: `${field}：该网格已撤销` });
  }
  return grid;
}

/**
 * Checks a building and unit against a grid. The unit alone names its building. A building or unit
 * of another grid (or none at all) is BAD_USER_INPUT, with the same answer either way.
 */
export async function buildingAndUnit(
  ctx: RequestContext,
  gridId: string,
  buildingId: string | null | undefined,
  unitId: string | null | undefined,
  prefix = 'input',
): Promise<{ buildingId: string | null; unitId: string | null }> {
  let building: Building | null = null;
  if (buildingId) {
    building = await ctx.em.findOne(Building, { id: buildingId });
    if (!building || building.gridId !== gridId) {
      throw badInput(`${prefix}.buildingId`, {
        en: `${prefix}.buildingId is not a building of this grid`,
        zh: `${prefix}.buildingId 不是该网格的楼栋`,
      });
    }
  }
  if (!unitId) return { buildingId: building?.id ?? null, unitId: null };
  const unit = await ctx.em.findOne(BuildingUnit, { id: unitId });
  const unitBuilding =
    unit &&
    (building?.id === unit.buildingId ? building : await ctx.em.findOne(Building, { id: unit.buildingId }));
  if (
    !unit ||
    !unitBuilding ||
    unitBuilding.gridId !== gridId ||
    (building && unit.buildingId !== building.id)
  ) {
    throw badInput(`${prefix}.unitId`, {
      en: `${prefix}.unitId is not a unit of this grid${building ? ' and building' : ''}`,
      zh: `${prefix}.unitId 不是该网格${building ? '该楼栋' : ''}的单元`,
    });
  }
  return { buildingId: unitBuilding.id, unitId: unit.id };
}

// ---------- input formats ----------

/** Optional single-line text of 1..max characters; null clears it. */
export const optionalText = (max: number) => text(max).nullish();

const MOBILE = /^1[3-9]\d{9}$/;
const LANDLINE = /^0\d{2,3}-?\d{7,8}$/;

export const phone = z
  .string()
  .trim()
  .refine((s) => MOBILE.test(s) || LANDLINE.test(s), {
    message: 'not a mainland mobile (1[3-9] + 9 digits) or landline (0 + area code + 7–8 digits) number',
    params: { zh: '不是有效的手机号或固定电话号码' },
  });

/** An ID number as of `today` (its birth date may not lie after it). */
export const idNumber = (today: string) =>
  z
    .string()
    .trim()
    .transform((s) => s.toUpperCase())
    .superRefine((s, c) => {
      const problem = checkIdNumber(s, today);
      if (typeof problem === 'string') {
        c.addIssue({
          code: 'custom',
          message: {
            format: 'must be 17 digits and a check character (0-9 or X)',
            checkDigit: 'check character does not match (GB 11643)',
            birthDate: 'the birth date inside it is not a real past date',
          }[problem],
          params: {
            zh: {
              format: '应为 17 位数字加 1 位校验码（0-9 或 X）',
              checkDigit: '校验码不正确',
              birthDate: '其中的出生日期无效',
            }[problem],
          },
        });
      }
    });

export const creditCode = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .refine(isCreditCode, {
    message: 'not a unified social credit code (18 characters, GB 32100 check character)',
    params: { zh: '不是有效的统一社会信用代码' },
  });

/** A real calendar date from 1900-01-01 to `today`. */
export const pastDate = (today: string) =>
  z.string().refine((s) => isCalendarDate(s) && s >= '1900-01-01' && s <= today, {
    message: 'must be a real date between 1900-01-01 and today',
    params: { zh: '应为 1900-01-01 至今天之间的有效日期' },
  });
