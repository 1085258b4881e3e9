import { CaseScale, OPEN_STATES, type CaseState } from './case.enums';

/** Case deadlines are kept in China time (UTC+8, no daylight saving): "end of day" is local midnight. */
export const LOCAL_OFFSET_MS = 8 * 3600 * 1000;
const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;

/** A case is "due soon" when its next deadline falls within this many hours (the default of `dueSoon`). */
export const DUE_SOON_HOURS = 24;

/** A case whose resident was told the result but gave no rating closes by itself after this many days. */
export const RATING_TIMEOUT_DAYS = 7;

/** How often each server process runs the SLA sweeper. */
export const SWEEP_INTERVAL_MS = 60 * 1000;

/** The last second of the China-time calendar day containing `t` (23:59:59 +08:00). */
export function endOfLocalDay(t: Date): Date {
  const local = t.getTime() + LOCAL_OFFSET_MS;
  const dayStart = Math.floor(local / DAY) * DAY;
  return new Date(dayStart + DAY - 1000 - LOCAL_OFFSET_MS);
}

export interface SlaPolicy {
  slaHours: number;
  sameDay: boolean;
}

/**
 * The overall deadline, fixed at the report: "今日事今日毕" for a small case of a same-day category,
 * otherwise the category's SLA hours.
 */
export function overallDeadline(reportedAt: Date, scale: CaseScale, category: SlaPolicy): Date {
  if (scale === CaseScale.SMALL && category.sameDay) return endOfLocalDay(reportedAt);
  return addHours(reportedAt, category.slaHours);
}

/** A fresh step after an escalation or a reopen gets the category's full SLA time. */
export function freshStepDeadline(now: Date, category: SlaPolicy): Date {
  return addHours(now, category.slaHours);
}

export function addHours(t: Date, hours: number): Date {
  return new Date(t.getTime() + hours * HOUR);
}

export interface Clocked {
  state: CaseState;
  dueAt: Date;
  overallDueAt: Date;
}

export function isOpen(state: CaseState): boolean {
  return OPEN_STATES.includes(state);
}

/** The nearer of the two deadlines. */
export function nextDeadline(c: Clocked): Date {
  return c.dueAt.getTime() <= c.overallDueAt.getTime() ? c.dueAt : c.overallDueAt;
}

/** Open and past its step deadline or its overall deadline. */
export function isOverdue(c: Clocked, now: Date): boolean {
  return isOpen(c.state) && nextDeadline(c).getTime() < now.getTime();
}

/** Open, not yet overdue, and the next deadline falls within `hours`. */
export function isDueSoon(c: Clocked, now: Date, hours = DUE_SOON_HOURS): boolean {
  if (!isOpen(c.state)) return false;
  const next = nextDeadline(c).getTime();
  return next >= now.getTime() && next < now.getTime() + hours * HOUR;
}

/** Whole days from `from` to `to` (rounded down). */
export function daysBetween(from: Date, to: Date): number {
  return Math.max(0, Math.floor((to.getTime() - from.getTime()) / DAY));
}
