import DataLoader from 'dataloader';
import { raw, type EntityManager, type FilterQuery } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { jurisdictionWhere, SCOPED_COLUMNS } from '../auth/jurisdiction';
import { requireViewer } from '../auth/viewer';
import { findPlain } from '../db/read-model';
import { ConnectionResult, deferredPage, type Page } from '../graphql/connection';
import { badInput, notFound } from '../graphql/errors';
import { parseInput, text } from '../graphql/validate';
import { recordEvent } from '../integration/event.service';
import { loader, type RequestContext } from '../server/context';
import type { Grid } from '../territory/grid.entity';
import { Activity } from './activity.entity';
import { activityView, type ActivityBase } from './activity-types';
import type { ActivityKindSpec, ModuleDeclaration } from './define';
import { requireEnabled } from './enablement.service';
import { pgUuidArray } from './metric';
import { registry } from './registry';

/** What module code passes to record an activity; `details` is checked against the kind's schema. */
export interface ActivityData<D> {
  occurredAt: Date;
  /** Default: the kind's Chinese label. */
  title?: string | null;
  /** Default: derived from the details by the kind (or 0). */
  participants?: number | null;
  beneficiaries?: number | null;
  details: D;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyModule = ModuleDeclaration<any, any>;

/** How far ahead of the server clock an activity time may lie (clock skew of mobile devices). */
const FUTURE_SLACK_MS = 10 * 60 * 1000;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function kindSpec(module: AnyModule, kind: string): ActivityKindSpec<z.ZodTypeAny, any> {
  const spec = (module.activityKinds as Record<string, ActivityKindSpec>)[kind];
  if (!spec) throw new Error(`Module ${module.id} has no activity kind "${kind}"`);
  return spec;
}

/**
 * Records an activity of a module on a grid: jurisdiction and enablement (the shared guard), the
 * common fields, the kind's details schema and its own checks, then the row, the module's follow-up
 * changes and the domain event `<module id>.<kind>.recorded`, all queued for the caller's one flush.
 */
export async function recordActivity(
  ctx: RequestContext,
  module: AnyModule,
  kind: string,
  gridId: string,
  data: ActivityData<unknown>,
): Promise<Activity> {
  const spec = kindSpec(module, kind);
  const target = await requireEnabled(ctx, module, gridId);
  const { grid, placement } = target;
  const now = ctx.app.clock.now();
  const common = parseInput(
    z.object({
      occurredAt: z
        .date()
        .refine((d) => d.getTime() <= now.getTime() + FUTURE_SLACK_MS, {
          message: 'cannot be in the future',
          params: { zh: '不能晚于当前时间' },
        })
        .refine((d) => d.getUTCFullYear() >= 2000, {
          message: 'is too far in the past',
          params: { zh: '时间过早' },
        }),
      title: text(200).nullish(),
      participants: z.number().int().min(0).max(100000).nullish(),
      beneficiaries: z.number().int().min(0).max(1000000).nullish(),
    }),
    {
      occurredAt: data.occurredAt,
      title: data.title,
      participants: data.participants,
      beneficiaries: data.beneficiaries,
    },
  );
  const details = parseInput(spec.details, data.details, 'input.details') as Record<string, unknown>;
  await spec.validate?.(ctx, target, details);
  const row = createActivityRow(ctx.em, module, kind, grid, { ...common, details }, ctx.viewer.id ?? null);
  await spec.onRecorded?.(ctx, target, row, details);
  recordEvent(ctx, `${module.id}.${kind}.recorded`, { type: 'Activity', id: row.id }, placement, {
    kind: row.kind,
    occurredAt: row.occurredAt.toISOString(),
  });
  return row;
}

/** The row itself, from validated details (the demo seed uses it directly). */
export function createActivityRow(
  em: EntityManager,
  module: AnyModule,
  kind: string,
  grid: Pick<Grid, 'id' | 'streetId' | 'communityId'>,
  data: ActivityData<Record<string, unknown>>,
  recordedById: string | null,
): Activity {
  const spec = kindSpec(module, kind);
  const counts = spec.counts?.(data.details) ?? {};
  return em.create(Activity, {
    streetId: grid.streetId,
    communityId: grid.communityId,
    gridId: grid.id,
    moduleId: module.id,
    kind: `${module.id}.${kind}`,
    occurredAt: data.occurredAt,
    title: data.title ?? spec.label.zh,
    participants: data.participants ?? counts.participants ?? 0,
    beneficiaries: data.beneficiaries ?? counts.beneficiaries ?? 0,
    recordedById,
    details: data.details,
  });
}

/** The activity as its concrete GraphQL type. */
export function toView(row: Activity): ActivityBase {
  return activityView(row, registry().kind(row.kind)?.types);
}

export interface ActivityFilter {
  gridId?: string;
  communityId?: string;
  streetId?: string;
  moduleId?: string | null;
  kind?: string | null;
  from?: Date | null;
  to?: Date | null;
}

function checkFilter(filter: ActivityFilter): void {
  const reg = registry();
  if (filter.moduleId != null) reg.require(filter.moduleId, 'filter.moduleId');
  if (filter.kind != null) {
    const k = reg.kind(filter.kind);
    if (!k || (filter.moduleId != null && k.module.id !== filter.moduleId)) {
      throw badInput('filter.kind', {
        en: `filter.kind: no activity kind "${filter.kind}"${filter.moduleId ? ` in module ${filter.moduleId}` : ''}`,
        zh: `filter.kind：没有活动类型“${filter.kind}”`,
      });
    }
  }
  if (filter.from && filter.to && filter.from.getTime() >= filter.to.getTime()) {
    throw badInput('filter.to', {
      en: 'filter.to must be after filter.from',
      zh: 'filter.to 必须晚于 filter.from',
    });
  }
}

function filterWhere(filter: ActivityFilter): FilterQuery<Activity>[] {
  return [
    filter.gridId ? { gridId: filter.gridId } : {},
    filter.communityId ? { communityId: filter.communityId } : {},
    filter.streetId ? { streetId: filter.streetId } : {},
    filter.moduleId ? { moduleId: filter.moduleId } : {},
    filter.kind ? { kind: filter.kind } : {},
    filter.from ? { occurredAt: { $gte: filter.from } } : {},
    filter.to ? { occurredAt: { $lt: filter.to } } : {},
  ];
}

/**
 * The feed, newest first, inside the viewer's jurisdiction. Keyset pagination on (occurredAt, id):
 * the cursor is the last row's id, whose time is looked up, so pages stay stable under inserts.
 */
export async function listActivities(
  ctx: RequestContext,
  filter: ActivityFilter,
  page: Page,
): Promise<ConnectionResult<ActivityBase>> {
  const viewer = requireViewer(ctx.viewer);
  checkFilter(filter);
  const where: FilterQuery<Activity> = {
    $and: [jurisdictionWhere(viewer.jurisdiction, SCOPED_COLUMNS), ...filterWhere(filter)],
  };
  let pageWhere = where;
  if (page.after) {
    const [cursor] = (await ctx.em
      .createQueryBuilder(Activity)
      .select('occurredAt')
      .where({ id: page.after })
      .execute('all')) as { occurredAt: Date }[];
    if (!cursor) throw badInput('after', { en: 'after is not a valid cursor', zh: 'after 不是有效的游标' });
    const at = new Date(cursor.occurredAt);
    pageWhere = {
      $and: [where, { $or: [{ occurredAt: { $lt: at } }, { occurredAt: at, id: { $lt: page.after } }] }],
    };
  }
  return deferredPage(ctx.em, Activity, {
    where,
    pageWhere,
    orderBy: { occurredAt: 'desc', id: 'desc' },
    page,
    view: toView,
  });
}

/**
 * `Grid.activities` for every grid of a page at once: one windowed query for the first page of each
 * grid and one grouped count, however many grids are listed. A page after a cursor is one grid's
 * own query.
 */
export async function gridActivities(
  ctx: RequestContext,
  grid: Grid,
  filter: Omit<ActivityFilter, 'gridId' | 'communityId' | 'streetId'>,
  page: Page,
): Promise<ConnectionResult<ActivityBase>> {
  if (page.after) return listActivities(ctx, { ...filter, gridId: grid.id }, page);
  checkFilter(filter);
  const key = JSON.stringify({ ...filter, first: page.first });
  const pages = loader(
    ctx,
    `activities:byGrid:${key}`,
    () =>
      new DataLoader<string, Activity[]>(async (gridIds) => {
        const conds = ['grid_id = any(?::uuid[])'];
        const params: unknown[] = [pgUuidArray(gridIds as string[])];
        const add = (cond: string, value: unknown) => {
          conds.push(cond);
          params.push(value);
        };
        if (filter.moduleId) add('module_id = ?', filter.moduleId);
        if (filter.kind) add('kind = ?', filter.kind);
        if (filter.from) add('occurred_at >= ?', filter.from);
        if (filter.to) add('occurred_at < ?', filter.to);
        const ids = (await ctx.em.getConnection().execute(
          `select id from (select id, row_number() over (partition by grid_id order by occurred_at desc, id desc) as rn
             from activity where ${conds.join(' and ')}) t where rn <= ?`,
          [...params, page.first + 1],
        )) as { id: string }[];
        const rows = ids.length
          ? await findPlain(
              ctx.em,
              Activity,
              { id: { $in: ids.map((r) => r.id) } },
              { orderBy: { occurredAt: 'desc', id: 'desc' } },
            )
          : [];
        return gridIds.map((id) => rows.filter((r) => r.gridId === id));
      }),
  );
  const counts = loader(
    ctx,
    `activities:countByGrid:${key}`,
    () =>
      new DataLoader<string, number>(async (gridIds) => {
        const rows = (await ctx.em
          .createQueryBuilder(Activity)
          .select(['gridId', raw('count(*) as n')])
          .where({ $and: [{ gridId: { $in: gridIds as string[] } }, ...filterWhere(filter)] })
          .groupBy('gridId')
          .execute('all')) as { gridId: string; n: string | number }[];
        const map = new Map(rows.map((r) => [r.gridId, Number(r.n)]));
        return gridIds.map((id) => map.get(id) ?? 0);
      }),
  );
  const rows = await pages.load(grid.id);
  const hasNext = rows.length > page.first;
  return new ConnectionResult((hasNext ? rows.slice(0, page.first) : rows).map(toView), hasNext, false, () =>
    counts.load(grid.id),
  );
}

export async function getActivity(ctx: RequestContext, id: string): Promise<ActivityBase> {
  const viewer = requireViewer(ctx.viewer);
  const row = await ctx.em.findOne(Activity, {
    $and: [{ id }, jurisdictionWhere(viewer.jurisdiction, SCOPED_COLUMNS)],
  });
  if (!row) throw notFound('Activity');
  return toView(row);
}
