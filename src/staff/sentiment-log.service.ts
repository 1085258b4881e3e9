import type { FilterQuery } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { jurisdictionWhere, SCOPED_COLUMNS } from '../auth/jurisdiction';
import { User } from '../auth/user.entity';
import { isAdmin, requireAdmin, requireViewer } from '../auth/viewer';
import { paginate, type ConnectionResult, type Page } from '../graphql/connection';
import { badInput, forbidden, notFound } from '../graphql/errors';
import { toGlobalId } from '../graphql/global-id';
import { flushOrConflict } from '../db/helpers';
import { longText, parseInput } from '../graphql/validate';
import { recordEvent } from '../integration/event.service';
import { Household } from '../people/household.entity';
import type { RequestContext } from '../server/context';
import { Grid, GridStatus } from '../territory/grid.entity';
import { LogBook, SentimentLog } from './sentiment-log.entity';
import { StaffAssignment } from './staff-assignment.entity';
import { StaffMember } from './staff-member.entity';
import { SentimentCategory } from './staff.enums';
import { forbiddenField, jurisdictionSql, LOCAL_TIME_ZONE, localDate, localDay, today } from './staff.scope';
import { activeOnWhere, loadForWrite, loadGridForWrite, loadVisibleStaff } from './staff.service';

// ---------- sentiment logs ----------

const logFilter = z
  .object({
    communityId: z.string().optional(),
    gridId: z.string().optional(),
    staffMemberId: z.string().optional(),
    category: z.nativeEnum(SentimentCategory).optional(),
    from: localDate.optional(),
    to: localDate.optional(),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, {
    path: ['to'],
    message: 'must not be before from',
    params: { zh: '结束日期不能早于开始日期' },
  });
export type SentimentLogFilter = z.input<typeof logFilter>;

/** Sentiment-log entries of grids inside the viewer's jurisdiction. */
export async function listSentimentLogs(
  ctx: RequestContext,
  filter: SentimentLogFilter,
  page: Page,
): Promise<ConnectionResult<SentimentLog>> {
  const v = requireViewer(ctx.viewer);
  const f = parseInput(logFilter, filter, 'filter');
  const where: FilterQuery<SentimentLog> = {
    $and: [
      jurisdictionWhere(v.jurisdiction, SCOPED_COLUMNS),
      f.communityId ? { communityId: f.communityId } : {},
      f.gridId ? { gridId: f.gridId } : {},
      f.staffMemberId ? { staffMemberId: f.staffMemberId } : {},
      f.category ? { category: f.category } : {},
      f.from ? { date: { $gte: f.from } } : {},
      f.to ? { date: { $lte: f.to } } : {},
    ],
  };
  return paginate(ctx.em, SentimentLog, where, page);
}

export async function getSentimentLog(ctx: RequestContext, id: string): Promise<SentimentLog> {
  const v = requireViewer(ctx.viewer);
  const log = await ctx.em.findOne(SentimentLog, {
    $and: [{ id }, jurisdictionWhere(v.jurisdiction, SCOPED_COLUMNS)],
  } as FilterQuery<SentimentLog>);
  if (!log) throw notFound('SentimentLog');
  return log;
}

const logInput = z.object({
  staffMemberId: z.string().nullish(),
  gridId: z.string(),
  date: localDate,
  householdId: z.string().nullish(),
  category: z.nativeEnum(SentimentCategory),
  content: longText(2000).refine((s) => s.trim().length > 0, {
    message: 'must not be empty',
    params: { zh: '不能为空' },
  }),
  followUp: longText(1000).nullish(),
});
export type SentimentLogInput = z.input<typeof logInput>;

/**
 * Writes a sentiment-log entry. Grid staff write their own (their account is linked to their staff
 * record); administrators may enter one for a staff member of their jurisdiction. Either way the
 * author must hold a post on that grid on that day.
 */
export async function createSentimentLog(
  ctx: RequestContext,
  input: SentimentLogInput,
): Promise<SentimentLog> {
  const v = requireViewer(ctx.viewer);
  const data = parseInput(logInput, input);
  if (data.date > today(ctx)) {
    throw badInput('input.date', {
      en: 'input.date: must not be in the future',
      zh: 'input.date：不能晚于今天',
    });
  }
  let authorId: string;
  if (isAdmin(v)) {
    if (!data.staffMemberId) {
      throw badInput('input.staffMemberId', {
        en: 'input.staffMemberId: say whose entry this is',
        zh: 'input.staffMemberId：请填写记录人',
      });
    }
    authorId = (await loadVisibleStaff(ctx, data.staffMemberId, 'input.staffMemberId')).id;
  } else {
    const own = v.kind === 'user' ? (await ctx.em.findOne(User, { id: v.id }))?.staffMemberId : null;
    if (!own) {
      throw forbidden({
        en: 'Your account is not linked to a staff record, so it cannot write sentiment logs',
        zh: '您的账号未关联工作人员信息，不能填写民情日志',
      });
    }
    if (data.staffMemberId && data.staffMemberId !== own) {
      throw forbiddenField('input.staffMemberId', {
        en: 'input.staffMemberId: you may only write your own sentiment log',
        zh: 'input.staffMemberId：只能填写本人的民情日志',
      });
    }
    authorId = own;
  }
  const grid = await loadGridForWrite(ctx, data.gridId, 'input.gridId');
  if (grid.status === GridStatus.RETIRED) {
    throw badInput('input.gridId', {
      en: 'input.gridId: the grid was retired by re-gridding',
      zh: 'input.gridId：该网格已因网格调整撤销',
    });
  }
  const serving = await ctx.em.count(StaffAssignment, {
    $and: [{ staffMemberId: authorId, gridId: grid.id }, ...activeOnWhere(data.date)],
  });
  if (!serving) {
    throw badInput('input.staffMemberId', {
      en: `input.staffMemberId: the author held no post on this grid on ${data.date}`,
      zh: `input.staffMemberId：记录人在 ${data.date} 未在该网格任职`,
    });
  }
  if (data.householdId) {
    const household = await loadForWrite(ctx, Household, data.householdId, 'input.householdId', {
      en: 'household',
      zh: '住户',
    });
    if (household.gridId !== grid.id) {
      throw badInput('input.householdId', {
        en: 'input.householdId: the household is not in this grid',
        zh: 'input.householdId：该住户不在此网格',
      });
    }
  }
  const placement = { streetId: grid.streetId, communityId: grid.communityId, gridId: grid.id };
  const log = ctx.em.create(SentimentLog, {
    ...placement,
    staffMemberId: authorId,
    date: data.date,
    householdId: data.householdId ?? null,
    category: data.category,
    content: data.content,
    followUp: data.followUp ?? null,
  });
  // What residents said stays out of the event feed: only ids and the category travel.
  recordEvent(ctx, 'sentiment_log.created', { type: 'SentimentLog', id: log.id }, placement, {
    staffMemberId: toGlobalId('StaffMember', authorId),
    householdId: log.householdId ? toGlobalId('Household', log.householdId) : null,
    category: log.category,
    date: log.date,
  });
  await ctx.em.flush();
  return log;
}

// ---------- log books ----------

const bookFilter = z.object({
  communityId: z.string().optional(),
  gridId: z.string().optional(),
  staffMemberId: z.string().optional(),
});
export type LogBookFilter = z.input<typeof bookFilter>;

export async function listLogBooks(
  ctx: RequestContext,
  filter: LogBookFilter,
  page: Page,
): Promise<ConnectionResult<LogBook>> {
  const v = requireViewer(ctx.viewer);
  const f = parseInput(bookFilter, filter, 'filter');
  const where: FilterQuery<LogBook> = {
    $and: [
      jurisdictionWhere(v.jurisdiction, SCOPED_COLUMNS),
      f.communityId ? { communityId: f.communityId } : {},
      f.gridId ? { gridId: f.gridId } : {},
      f.staffMemberId ? { staffMemberId: f.staffMemberId } : {},
    ],
  };
  return paginate(ctx.em, LogBook, where, page);
}

export async function getLogBook(ctx: RequestContext, id: string): Promise<LogBook> {
  const v = requireViewer(ctx.viewer);
  const book = await ctx.em.findOne(LogBook, {
    $and: [{ id }, jurisdictionWhere(v.jurisdiction, SCOPED_COLUMNS)],
  } as FilterQuery<LogBook>);
  if (!book) throw notFound('LogBook');
  return book;
}

const bookInput = z.object({
  staffMemberId: z.string(),
  number: z
    .string()
    .trim()
    .min(1)
    .max(32)
    .regex(/^[A-Za-z0-9\u4e00-\u9fa5][A-Za-z0-9\u4e00-\u9fa5_.-]*$/, 'letters, digits, "-", "_" or "." only'),
  issuedAt: z.date().nullish(),
});
export type LogBookInput = z.input<typeof bookInput>;

/**
 * Issues a numbered log book to a staff member; it belongs where the person belongs (their home grid
 * or community), which must lie in the administrator's jurisdiction.
 */
export async function issueLogBook(ctx: RequestContext, input: LogBookInput): Promise<LogBook> {
  requireAdmin(ctx.viewer);
  const data = parseInput(bookInput, input);
  const now = ctx.app.clock.now();
  if (data.issuedAt && data.issuedAt.getTime() > now.getTime()) {
    throw badInput('input.issuedAt', {
      en: 'input.issuedAt: must not be in the future',
      zh: 'input.issuedAt：不能晚于现在',
    });
  }
  const member = await loadForWrite(ctx, StaffMember, data.staffMemberId, 'input.staffMemberId', {
    en: 'staff member',
    zh: '工作人员',
  });
  const placement = {
    streetId: member.streetId,
    communityId: member.communityId,
    gridId: member.gridId ?? null,
  };
  const book = ctx.em.create(LogBook, {
    ...placement,
    staffMemberId: member.id,
    number: data.number,
    issuedAt: data.issuedAt ?? now,
  });
  recordEvent(ctx, 'log_book.issued', { type: 'LogBook', id: book.id }, placement, {
    staffMemberId: toGlobalId('StaffMember', member.id),
    number: book.number,
    issuedOn: localDay(book.issuedAt),
  });
  await flushOrConflict(ctx, {
    en: 'A log book with this number was already issued in this community',
    zh: '本社区已发放过该编号的民情日志本',
  });
  return book;
}

// ---------- counts per grid ----------

export interface GridLogCounts {
  gridId: string;
  sentimentLogs: number;
  authors: number;
  logBooks: number;
}

const countsInput = z
  .object({ communityId: z.string().optional(), from: localDate.optional(), to: localDate.optional() })
  .refine((f) => !f.from || !f.to || f.from <= f.to, {
    path: ['to'],
    message: 'must not be before from',
    params: { zh: '结束日期不能早于开始日期' },
  });

/**
 * Per grid of the viewer's jurisdiction (optionally one community): sentiment-log entries written in
 * the period, the people who wrote them, and log books issued in it. Grids with nothing show zeros.
 */
export async function sentimentLogCounts(
  ctx: RequestContext,
  filter: z.input<typeof countsInput>,
): Promise<GridLogCounts[]> {
  const v = requireViewer(ctx.viewer);
  const f = parseInput(countsInput, filter, 'filter');
  const grids = await ctx.em.find(
    Grid,
    {
      $and: [
        jurisdictionWhere(v.jurisdiction, { street: 'streetId', community: 'communityId', grid: 'id' }),
        f.communityId ? { communityId: f.communityId } : {},
        { status: GridStatus.ACTIVE },
      ],
    } as FilterQuery<Grid>,
    { orderBy: { code: 'asc' } },
  );
  if (!grids.length) return [];
  const ids = grids.map((g) => g.id);
  const logs = jurisdictionSql(v.jurisdiction, 'l');
  const books = jurisdictionSql(v.jurisdiction, 'b');
  const rows = (await ctx.em.execute(
    `select g.id as grid_id,
       (select count(*)::int from sentiment_log l where l.grid_id = g.id and ${logs.sql}
          and (?::date is null or l.date >= ?::date) and (?::date is null or l.date <= ?::date)) as logs,
       (select count(distinct l.staff_member_id)::int from sentiment_log l where l.grid_id = g.id and ${logs.sql}
          and (?::date is null or l.date >= ?::date) and (?::date is null or l.date <= ?::date)) as authors,
       (select count(*)::int from log_book b where b.grid_id = g.id and ${books.sql}
          and (?::date is null or (b.issued_at at time zone '${LOCAL_TIME_ZONE}')::date >= ?::date)
          and (?::date is null or (b.issued_at at time zone '${LOCAL_TIME_ZONE}')::date <= ?::date)) as books
     from grid g where g.id in (?)`,
    [
      ...logs.params,
      f.from ?? null,
      f.from ?? null,
      f.to ?? null,
      f.to ?? null,
      ...logs.params,
      f.from ?? null,
      f.from ?? null,
      f.to ?? null,
      f.to ?? null,
      ...books.params,
      f.from ?? null,
      f.from ?? null,
      f.to ?? null,
      f.to ?? null,
      ids,
    ] as never[],
  )) as { grid_id: string; logs: number; authors: number; books: number }[];
  const byGrid = new Map(rows.map((r) => [r.grid_id, r]));
  return grids.map((g) => ({
    gridId: g.id,
    sentimentLogs: Number(byGrid.get(g.id)?.logs ?? 0),
    authors: Number(byGrid.get(g.id)?.authors ?? 0),
    logBooks: Number(byGrid.get(g.id)?.books ?? 0),
  }));
}
