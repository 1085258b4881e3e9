import { Field, ObjectType } from 'type-graphql';
import { z } from 'zod';
import { badInput, conflict } from '../graphql/errors';
import { parseInput, text } from '../graphql/validate';
import type { RequestContext } from '../server/context';

/** One entry of a record's follow-up log (跟进记录), as stored in a json column of the module's table. */
export interface FollowUpData {
  /** ISO 8601 time. */
  at: string;
  note: string;
  /** Sign-in name of whoever recorded it. */
  recordedBy: string | null;
}

/**
 * The GraphQL shape of a follow-up entry. A module declares its own type on it, named after itself:
 * `@ObjectType('CivilityReportFollowUp', {...}) class CivilityReportFollowUp extends FollowUpEntry {}`.
 */
// Decorated only so module types inherit its fields; never referenced itself, so never emitted.
@ObjectType('FollowUpEntry')
export abstract class FollowUpEntry {
  @Field(() => Date, { description: 'When the follow-up was done.' })
  at!: Date;

  @Field(() => String, { description: 'What was done or found.' })
  note!: string;

  @Field(() => String, { nullable: true, description: 'Sign-in name of whoever recorded it.' })
  recordedBy?: string | null;
}

/** A log is kept to a size a page shows; a record needing more is a case for the closed loop. */
export const MAX_FOLLOW_UPS = 200;
/** How far ahead of the server clock an entry may lie (clock skew of mobile devices). */
const FUTURE_SLACK_MS = 10 * 60 * 1000;

/**
 * A time a user gives for something done: not in the future (beyond clock skew) and, when `since` is
 * given, not before it (the record it belongs to). BAD_USER_INPUT naming `field` otherwise.
 */
export function checkPastTime(ctx: RequestContext, at: Date, field: string, since?: Date): void {
  if (at.getTime() > ctx.app.clock.now().getTime() + FUTURE_SLACK_MS) {
    throw badInput(field, { en: `${field}: cannot be in the future`, zh: `${field}：不能晚于当前时间` });
  }
  if (since && at.getTime() < since.getTime()) {
    throw badInput(field, {
      en: `${field}: cannot be before ${since.toISOString()}, when the record began`,
      zh: `${field}：不能早于记录开始的时间`,
    });
  }
}

const entryInput = z.object({ note: text(1000), at: z.date().nullish() });

/**
 * The log with one more entry, in time order: the note is checked, the time (default now) may be
 * neither in the future nor before `since` (when the record began). Errors name `input.note` /
 * `input.at`; a full log is CONFLICT. The caller assigns the result and flushes.
 */
export function appendFollowUp(
  ctx: RequestContext,
  log: readonly FollowUpData[],
  input: { note: string; at?: Date | null },
  since: Date,
): FollowUpData[] {
  const data = parseInput(entryInput, input);
  const at = data.at ?? ctx.app.clock.now();
  checkPastTime(ctx, at, 'input.at', since);
  if (log.length >= MAX_FOLLOW_UPS) {
    throw conflict({
      en: `The follow-up log is full (${MAX_FOLLOW_UPS} entries)`,
      zh: `跟进记录已满（${MAX_FOLLOW_UPS} 条）`,
    });
  }
  const entry: FollowUpData = {
    at: at.toISOString(),
    note: data.note,
    recordedBy: ctx.viewer.username ?? null,
  };
  return [...log, entry].sort((x, y) => x.at.localeCompare(y.at));
}
