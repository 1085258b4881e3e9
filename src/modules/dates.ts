import { z } from 'zod';
import { badInput } from '../graphql/errors';
import type { RequestContext } from '../server/context';
import { isCalendarDate } from './settings';

/** Calendar dates of the platform are dates in China (UTC+8, no daylight saving). */
export const PLATFORM_TIME_ZONE = 'Asia/Shanghai';

/** The calendar date ('YYYY-MM-DD') of an instant in China. */
export function localDateOf(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** A calendar date input: 'YYYY-MM-DD', a real date. */
export const calendarDate = z.string().refine(isCalendarDate, {
  message: 'must be a date YYYY-MM-DD',
  params: { zh: '必须是 YYYY-MM-DD 格式的日期' },
});

/** Whole days from one calendar date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** A calendar date plus some days. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** A date column's value as 'YYYY-MM-DD', whether the driver gave a string or a Date at UTC midnight. */
export function asCalendarDate(value: string | Date): string {
  return value instanceof Date ? value.toISOString().slice(0, 10) : value.slice(0, 10);
}

/** Today's calendar date in China, by the request's clock (tests move it). */
export function todayOf(ctx: Pick<RequestContext, 'app'>): string {
  return localDateOf(ctx.app.clock.now());
}

/** Refuses a calendar date after today (a register date, an end date...) naming the input field. */
export function notAfterToday(ctx: Pick<RequestContext, 'app'>, field: string, date: string): void {
  if (date > todayOf(ctx))
    throw badInput(field, { en: `${field}: cannot be in the future`, zh: `${field}：不能晚于今天` });
}
