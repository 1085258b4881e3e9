import { z } from 'zod';
import { covers } from '../auth/jurisdiction';
import { isAuthenticated } from '../auth/viewer';
import { AppError, badInput, ErrorCode } from '../graphql/errors';
import type { RequestContext } from '../server/context';

/** Party work and aid are dated by the calendar of the offices that record them. */
const OFFICE_TIME_ZONE = 'Asia/Shanghai';
const dayFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: OFFICE_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today's date ('YYYY-MM-DD') in the offices' time zone, by the request's clock. */
export function today(ctx: RequestContext): string {
  return dayFormat.format(ctx.app.clock.now());
}

function isCalendarDate(s: string): boolean {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** A calendar date 'YYYY-MM-DD' between `min` and 2999-12-31. */
export const localDate = (min = '1900-01-01') =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
    .refine(isCalendarDate, { message: 'is not a calendar date', params: { zh: '不是有效的日期' } })
    .refine((s) => s >= min && s <= '2999-12-31', {
      message: `must be on or after ${min}`,
      params: { zh: `不能早于 ${min}` },
    });

/** A calendar date no later than `todayDate`: things that already happened. */
export const pastDate = (todayDate: string, min?: string) =>
  localDate(min).refine((s) => s <= todayDate, {
    message: 'must not be in the future',
    params: { zh: '不能晚于今天' },
  });

/** Optional trimmed text; empty becomes null. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), {
      message: 'contains control characters',
      params: { zh: '含有控制字符' },
    })
    .nullish()
    .transform((s) => (s ? s : null));

export const uuid = z.string().uuid();

/**
 * NOT_FOUND for a referenced record the viewer cannot see, naming the input field. The answer is
 * the same whether the record exists elsewhere or not at all.
 */
export function notFoundField(field: string, what: { en: string; zh: string }): AppError {
  return new AppError(
    ErrorCode.NOT_FOUND,
    { en: `${field}: ${what.en} not found`, zh: `${field}：未找到${what.zh}` },
    { field },
  );
}

export { badInput };

/** A date range filter; `from` after `to` is a mistake, not an empty list. */
export function checkRange(
  from: string | undefined | null,
  to: string | undefined | null,
  root: string,
): void {
  if (from && to && from > to) {
    throw badInput(`${root}.to`, {
      en: `${root}.to must not be before ${root}.from`,
      zh: `${root}.to 不能早于 ${root}.from`,
    });
  }
}

/**
 * The record when it lies inside the viewer's jurisdiction, else null: for nested references
 * (a parent organization, a linked person) whose own placement may be above or beside the viewer.
 */
export function visible<
  T extends { streetId?: string | null; communityId?: string | null; gridId?: string | null },
>(ctx: RequestContext, record: T | null | undefined): T | null {
  if (!record || !isAuthenticated(ctx.viewer)) return null;
  return covers(ctx.viewer.jurisdiction, record) ? record : null;
}

const ZH: Record<string, string> = {
  PartyOrganization: '党组织',
  PartyMembership: '党员记录',
  PartyActivity: '党组织活动',
  AidRecord: '帮扶记录',
};

/** NOT_FOUND for a record of this feature, worded in both languages. */
export function notFoundRecord(what: keyof typeof ZH & string): AppError {
  return new AppError(ErrorCode.NOT_FOUND, { en: `${what} not found`, zh: `未找到${ZH[what]}` });
}
