import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { badInput, conflict, type Message } from '../graphql/errors';
import { text } from '../graphql/validate';
import { loader, type RequestContext } from '../server/context';
import { addDays, calendarDate, localDateOf, notAfterToday, todayOf } from './dates';
import { pgUuidArray, type MetricEnv, type Period } from './metric';

/*
 * Registers of people a grid looks after and must contact at least every N days (elderly profiles,
 * care targets): rows with `registered_on` / `ended_on`, contacts recorded as activities whose
 * details name the row. The figures are a state taken as of the end of the period (or now, when
 * the period ends later); a day is a calendar day in China.
 */

/** The calendar day (in China) of a bound instant, in SQL. */
export const AS_OF_DAY = `(?::timestamptz at time zone 'Asia/Shanghai')::date`;

/** The last instant an "as of" figure describes: the end of the period, or now if that is earlier. */
export function asOf(period: Period, env: MetricEnv): Date {
  return new Date(Math.min(period.to.getTime(), env.now.getTime()) - 1);
}

/** SQL: the register row `alias` was active on the as-of day (binds the instant twice). */
export const activeOn = (alias: string): string =>
  `${alias}.registered_on <= ${AS_OF_DAY} and (${alias}.ended_on is null or ${alias}.ended_on > ${AS_OF_DAY})`;

/** A register and what counts as contacting one of its rows. */
export interface ContactRegister {
  /** The register table, e.g. `care_target`. */
  table: string;
  /** The module (its `grid_module` settings hold the interval). */
  moduleId: string;
  /** Activity kinds (`<module>.<kind>`) that count as a contact. */
  kinds: readonly string[];
  /** The details key of those activities naming the register row. */
  refKey: string;
  /** Extra SQL on the activity (a constant of the module, no bindings), e.g. the person was reached. */
  contactCondition?: string;
  /** The setting holding the contact interval in days, and its default. */
  intervalSetting: string;
  defaultInterval: number;
}

/** SQL: the contacts of the register (kinds and condition are constants of the module, not input). */
function contactWhere(reg: ContactRegister): string {
  const kinds = reg.kinds.map((k) => `'${k.replace(/'/g, "''")}'`).join(', ');
  return `kind in (${kinds})${reg.contactCondition ? ` and (${reg.contactCondition})` : ''}`;
}

export interface RegisterCounts {
  /** Rows active on the as-of day. */
  active: number;
  /** Of those, contacted within the interval up to that day. */
  covered: number;
  /** Of those, neither contacted nor registered within the interval: due date before that day. */
  overdue: number;
}

/**
 * Active, covered and overdue rows of the grids as of `at`, in one aggregate query, under each
 * grid's interval setting; `intervalDays` overrides it (to preview a change before it is saved).
 */
export async function registerCounts(
  em: EntityManager,
  reg: ContactRegister,
  gridIds: string[],
  at: Date,
  intervalDays?: number,
): Promise<RegisterCounts> {
  const grids = pgUuidArray(gridIds);
  const interval =
    intervalDays === undefined
      ? `coalesce((gm.settings->>'${reg.intervalSetting}')::int, ${Number(reg.defaultInterval)})`
      : '?::int';
  const rows = (await em.getConnection().execute(
    `with last_contact as (
       select details->>'${reg.refKey}' as rid, max(occurred_at) as at from activity
        where grid_id = any(?::uuid[]) and ${contactWhere(reg)} and occurred_at <= ?
        group by 1),
     reg as (
       select r.registered_on, (l.at at time zone 'Asia/Shanghai')::date as last_day, ${interval} as iv
         from ${reg.table} r
         left join grid_module gm on gm.grid_id = r.grid_id and gm.module_id = ?
         left join last_contact l on l.rid = r.id::text
        where r.grid_id = any(?::uuid[]) and ${activeOn('r')})
     select count(*) as active,
            count(*) filter (where last_day is not null and last_day + iv >= ${AS_OF_DAY}) as covered,
            count(*) filter (where greatest(coalesce(last_day, registered_on), registered_on) + iv
                                   < ${AS_OF_DAY}) as overdue
       from reg`,
    [grids, at, ...(intervalDays === undefined ? [] : [intervalDays]), reg.moduleId, grids, at, at, at, at],
  )) as Record<keyof RegisterCounts, unknown>[];
  const row = rows[0];
  return {
    active: Number(row?.active ?? 0),
    covered: Number(row?.covered ?? 0),
    overdue: Number(row?.overdue ?? 0),
  };
}

/** The last contact of each register row, batched over a page of rows. */
export function lastContactLoader(
  ctx: RequestContext,
  reg: ContactRegister,
): DataLoader<string, Date | null> {
  return loader(
    ctx,
    `register:lastContact:${reg.table}`,
    () =>
      new DataLoader<string, Date | null>(async (ids) => {
        const rows = (await ctx.em.getConnection().execute(
          `select details->>'${reg.refKey}' as rid, max(occurred_at) as at from activity
            where ${contactWhere(reg)} and details->>'${reg.refKey}' = any(?::text[])
            group by 1`,
          [pgUuidArray(ids as string[])],
        )) as { rid: string; at: string | Date }[];
        const map = new Map(rows.map((r) => [r.rid, new Date(r.at)]));
        return ids.map((id) => map.get(id) ?? null);
      }),
  );
}

/** The day a row is next due for contact: the later of its last contact and registration, plus the interval. */
export function contactDueOn(lastContact: Date | null, registeredOn: string, intervalDays: number): string {
  const since = lastContact ? localDateOf(lastContact) : registeredOn;
  return addDays(since > registeredOn ? since : registeredOn, intervalDays);
}

/** Input to take an entry off a register: the day (default today) and why. */
export const endEntryInput = z.object({
  id: z.string().uuid(),
  endedOn: calendarDate.nullish(),
  reason: text(200),
});

/**
 * Takes an entry off its register (moved away, passed away...): CONFLICT when it is already off,
 * BAD_USER_INPUT for a day in the future or before registration. The caller flushes.
 */
export function endEntry(
  ctx: RequestContext,
  entry: { registeredOn: string; endedOn?: string | null; endReason?: string | null },
  data: z.output<typeof endEntryInput>,
  already: Message,
): string {
  if (entry.endedOn) throw conflict(already);
  const endedOn = data.endedOn ?? todayOf(ctx);
  notAfterToday(ctx, 'input.endedOn', endedOn);
  if (endedOn < entry.registeredOn) {
    throw badInput('input.endedOn', {
      en: 'input.endedOn: before registration',
      zh: 'input.endedOn：早于登记日期',
    });
  }
  entry.endedOn = endedOn;
  entry.endReason = data.reason;
  return endedOn;
}
