import { z } from 'zod';
import { batchedRows } from '../db/read-batch';
import { requireViewer } from '../auth/viewer';
import { parseInput } from '../graphql/validate';
import type { RequestContext } from '../server/context';
import { STAFF_ROLES, StaffRole } from './staff.enums';
import { jurisdictionSql, localDate, today } from './staff.scope';
import { resolveReadScope, type ScopeIds } from './staff.service';
import { AgeBandCount, Roster, TrainingRate } from './staff.types';

export const DEFAULT_AGE_BANDS = [35, 50];

export interface AgeBand {
  label: string;
  minAge: number | null;
  maxAge: number | null;
}

/**
 * Bands from their boundaries, every band inclusive at both ends: under the first boundary; from the
 * first boundary to the second; from one year over each boundary to the next; over the last. So the
 * default [35, 50] gives "<35", "35–50", ">50". A single boundary splits into under and at-or-over.
 */
export function ageBandsOf(bounds: number[]): AgeBand[] {
  const first = bounds[0]!;
  const last = bounds[bounds.length - 1]!;
  const bands: AgeBand[] = [{ label: `<${first}`, minAge: null, maxAge: first - 1 }];
  if (bounds.length === 1) return [...bands, { label: `≥${first}`, minAge: first, maxAge: null }];
  for (let i = 1; i < bounds.length; i++) {
    const min = i === 1 ? first : bounds[i - 1]! + 1;
    const max = bounds[i]!;
    bands.push({ label: `${min}–${max}`, minAge: min, maxAge: max });
  }
  bands.push({ label: `>${last}`, minAge: last + 1, maxAge: null });
  return bands;
}

const ageBandsInput = z
  .array(z.number().int().min(1).max(120))
  .min(1)
  .max(10)
  .refine((b) => b.every((x, i) => i === 0 || x > b[i - 1]!), {
    message: 'boundaries must be strictly increasing',
    params: { zh: '年龄分段边界须严格递增' },
  });

const rolesInput = z
  .array(z.nativeEnum(StaffRole))
  .min(1)
  .max(STAFF_ROLES.length)
  .transform((r) => [...new Set(r)]);

export interface RosterOptions {
  date?: string | null;
  ageBands?: number[] | null;
  roles?: StaffRole[] | null;
}

const rosterOptions = z.object({
  date: localDate.nullish(),
  ageBands: ageBandsInput.nullish(),
  roles: rolesInput.nullish(),
});

/** The roster of one grid or community. Outside the viewer's jurisdiction the scope is NOT_FOUND. */
export async function roster(ctx: RequestContext, scope: ScopeIds, options: RosterOptions): Promise<Roster> {
  const opts = parseInput(rosterOptions, options, '');
  const s = await resolveReadScope(ctx, scope);
  const map = await rosters(ctx, s.level, [s.id], opts);
  return map.get(s.id)!;
}

/**
 * Rosters of many grids (or communities) at once, in two SQL aggregates whatever their number.
 * Counted: distinct people with a post in the scope active on the day, limited to the viewer's
 * jurisdiction (a grid worker's community roster counts their grid only).
 */
export async function rosters(
  ctx: RequestContext,
  level: 'GRID' | 'COMMUNITY',
  ids: readonly string[],
  options: RosterOptions,
): Promise<Map<string, Roster>> {
  const v = requireViewer(ctx.viewer);
  const opts = parseInput(rosterOptions, options, '');
  const date = opts.date ?? today(ctx);
  const bands = ageBandsOf(opts.ageBands ?? DEFAULT_AGE_BANDS);
  const column = level === 'GRID' ? 'grid_id' : 'community_id';
  const j = jurisdictionSql(v.jurisdiction, 'a');
  const roleSql = opts.roles ? 'and a.role in (?)' : '';
  const postsSql = `select distinct a.${column} as scope_id, a.staff_member_id, a.role
    from staff_assignment a
    where a.${column} in (?) and ${j.sql} and a.start_date <= ?::date
      and (a.end_date is null or a.end_date >= ?::date) ${roleSql}`;
  const postsParams: unknown[] = [[...ids], ...j.params, date, date, ...(opts.roles ? [opts.roles] : [])];

  // Both aggregates go out in one statement (read-batch), with the request's other reads.
  const roleRowsP = batchedRows(
    ctx.em,
    `select p.scope_id, p.role, count(distinct p.staff_member_id)::int as n
     from (${postsSql}) p group by p.scope_id, p.role`,
    postsParams,
  ) as Promise<{ scope_id: string; role: StaffRole; n: number }[]>;

  const bandSql = bands
    .map(
      (b, i) =>
        `count(*) filter (where p.age is not null${b.minAge != null ? ' and p.age >= ?' : ''}${
          b.maxAge != null ? ' and p.age <= ?' : ''
        })::int as band${i}`,
    )
    .join(', ');
  const bandParams = bands.flatMap((b) => [
    ...(b.minAge != null ? [b.minAge] : []),
    ...(b.maxAge != null ? [b.maxAge] : []),
  ]);
  const peopleRowsP = batchedRows(
    ctx.em,
    `select p.scope_id, count(*)::int as total, count(*) filter (where p.age is null)::int as unknown, ${bandSql}
     from (
       select d.scope_id, extract(year from age(?::date, s.birth_date))::int as age
       from (select distinct x.scope_id, x.staff_member_id from (${postsSql}) x) d
       join staff_member s on s.id = d.staff_member_id
     ) p group by p.scope_id`,
    [...bandParams, date, ...postsParams],
  ) as Promise<Record<string, number | string>[]>;
  const [roleRows, peopleRows] = await Promise.all([roleRowsP, peopleRowsP]);

  const out = new Map<string, Roster>();
  for (const id of ids) {
    const people = peopleRows.find((r) => r.scope_id === id);
    const r = new Roster();
    r.date = date;
    r.total = Number(people?.total ?? 0);
    r.unknownAge = Number(people?.unknown ?? 0);
    r.byRole = STAFF_ROLES.map((role) => ({
      role,
      count: Number(roleRows.find((x) => x.scope_id === id && x.role === role)?.n ?? 0),
    }));
    r.ageBands = bands.map((b, i) =>
      Object.assign(new AgeBandCount(), { ...b, count: Number(people?.[`band${i}`] ?? 0) }),
    );
    out.set(id, r);
  }
  return out;
}

const periodInput = z.object({ from: localDate, to: localDate }).refine((p) => p.from <= p.to, {
  path: ['to'],
  message: 'must not be before from',
  params: { zh: '结束日期不能早于开始日期' },
});

/**
 * 培训率 of a grid or community: distinct staff in the roles (default: grid workers) with a post in
 * the scope at any time in the period, and how many of them attended a training held in the period.
 */
export async function trainingRate(
  ctx: RequestContext,
  scope: ScopeIds,
  period: { from: string; to: string },
  roles?: StaffRole[] | null,
): Promise<TrainingRate> {
  const v = requireViewer(ctx.viewer);
  const p = parseInput(periodInput, period, 'period');
  const counted = parseInput(rolesInput.nullish(), roles, 'roles') ?? [StaffRole.GRID_WORKER];
  const s = await resolveReadScope(ctx, scope);
  const column = s.level === 'GRID' ? 'grid_id' : 'community_id';
  const j = jurisdictionSql(v.jurisdiction, 'a');
  const rows = (await ctx.em.execute(
    `select count(*)::int as active, count(*) filter (where x.trained)::int as trained
     from (
       select distinct a.staff_member_id, exists (
         select 1 from training_attendance ta join training t on t.id = ta.training_id
         where ta.staff_member_id = a.staff_member_id and t.date between ?::date and ?::date
       ) as trained
       from staff_assignment a
       where a.${column} = ? and ${j.sql} and a.role in (?)
         and a.start_date <= ?::date and (a.end_date is null or a.end_date >= ?::date)
     ) x`,
    [p.from, p.to, s.id, ...j.params, counted, p.to, p.from] as never[],
  )) as { active: number; trained: number }[];
  const active = Number(rows[0]?.active ?? 0);
  const trained = Number(rows[0]?.trained ?? 0);
  const r = new TrainingRate();
  Object.assign(r, {
    from: p.from,
    to: p.to,
    roles: counted,
    activeStaff: active,
    trainedStaff: trained,
    rate: active ? trained / active : null,
  });
  return r;
}
