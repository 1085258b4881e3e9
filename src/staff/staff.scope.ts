import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { z } from 'zod';
import {
  covers,
  jurisdictionWhere,
  SCOPED_COLUMNS,
  type Jurisdiction,
  type Placement,
} from '../auth/jurisdiction';
import { ScopeLevel } from '../auth/roles';
import { isAdmin, type Viewer } from '../auth/viewer';
import { AppError, ErrorCode, type Message } from '../graphql/errors';
import type { RequestContext } from '../server/context';
import { StaffAssignment } from './staff-assignment.entity';
import type { StaffMember } from './staff-member.entity';

/** The calendar the grids live by: "today" and "active on" dates are China Standard Time days. */
export const LOCAL_TIME_ZONE = 'Asia/Shanghai';

const dayFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: LOCAL_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** 'YYYY-MM-DD' of an instant in the local calendar. */
export function localDay(instant: Date): string {
  return dayFormat.format(instant);
}

export function today(ctx: RequestContext): string {
  return localDay(ctx.app.clock.now());
}

/** Adds days to a 'YYYY-MM-DD' date. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Full years between a birth date and a day, both 'YYYY-MM-DD'. */
export function ageOn(birthDate: string, date: string): number {
  const years = Number(date.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return date.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/** A real calendar day between 1900 and 2100, as 'YYYY-MM-DD'. */
export const localDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine(
    (s) => {
      const d = new Date(`${s}T00:00:00Z`);
      return (
        !Number.isNaN(d.getTime()) &&
        d.toISOString().slice(0, 10) === s &&
        s >= '1900-01-01' &&
        s <= '2100-12-31'
      );
    },
    {
      message: 'must be a real date between 1900 and 2100',
      params: { zh: '日期无效（须在 1900–2100 年之间）' },
    },
  );

/** A refusal that names the input at fault: a referenced record outside the viewer's jurisdiction. */
export function forbiddenField(field: string, message?: Message): AppError {
  return new AppError(
    ErrorCode.FORBIDDEN,
    message ?? { en: `${field}: outside your jurisdiction`, zh: `${field}：超出您的管辖范围` },
    { field },
  );
}

/** A referenced record that does not exist, naming the input that referenced it. */
export function notFoundField(field: string, what: Message): AppError {
  return new AppError(
    ErrorCode.NOT_FOUND,
    { en: `${field}: ${what.en} not found`, zh: `${field}：未找到${what.zh}` },
    {
      field,
    },
  );
}

export function placementOf(x: Placement): { streetId: string; communityId: string; gridId: string | null } {
  return { streetId: x.streetId!, communityId: x.communityId!, gridId: x.gridId ?? null };
}

/** The jurisdiction that a territory placement spans, e.g. a grid training covers its grid. */
export function jurisdictionOfPlacement(p: Placement): Jurisdiction {
  return p.gridId
    ? { level: ScopeLevel.GRID, streetId: p.streetId!, communityId: p.communityId!, gridId: p.gridId }
    : { level: ScopeLevel.COMMUNITY, streetId: p.streetId!, communityId: p.communityId! };
}

/**
 * Staff members a jurisdiction sees: those at home in it, and those holding (or having held) a post in
 * it. A grid worker thus sees the people serving on their grid, and nobody else's.
 */
export function staffVisibleWhere(em: EntityManager, j: Jurisdiction): FilterQuery<StaffMember> {
  if (j.level === ScopeLevel.PLATFORM) return {};
  const scope = jurisdictionWhere(j, SCOPED_COLUMNS);
  const serving = em
    .createQueryBuilder(StaffAssignment, 'sa')
    .select('sa.staff_member_id')
    .where(scope as never);
  return { $or: [scope, { id: { $in: serving.getKnexQuery() } }] } as FilterQuery<StaffMember>;
}

/** The same limit as `jurisdictionWhere`, as raw SQL on a table alias with street/community/grid columns. */
export function jurisdictionSql(j: Jurisdiction, alias: string): { sql: string; params: string[] } {
  const where = jurisdictionWhere(j, SCOPED_COLUMNS);
  const [key, value] = Object.entries(where)[0] ?? [];
  if (!key || value === undefined) return { sql: 'true', params: [] };
  const column = { streetId: 'street_id', communityId: 'community_id', gridId: 'grid_id' }[key];
  if (!column) return { sql: 'false', params: [] };
  return { sql: `${alias}.${column} = ?`, params: [value] };
}

/** Phones are shown in full only to administrators of the place the person belongs to. */
export function maskedPhone(
  viewer: Viewer,
  phone: string | null | undefined,
  home: Placement,
): string | null {
  if (!phone) return null;
  if (isAdmin(viewer) && viewer.jurisdiction && covers(viewer.jurisdiction, home)) return phone;
  return phone.length > 7 ? `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}` : '****';
}
