import DataLoader from 'dataloader';
import { OptimisticLockError, type EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { findPlain } from '../db/read-model';
import { assertCovers, jurisdictionWhere, SCOPED_COLUMNS } from '../auth/jurisdiction';
import { requireAdmin, requireViewer } from '../auth/viewer';
import { flushOrConflict } from '../db/helpers';
import { AppError, ErrorCode, conflict, notFound } from '../graphql/errors';
import { parseInput, text } from '../graphql/validate';
import { recordEvent } from '../integration/event.service';
import { loader, type RequestContext } from '../server/context';
import { Grid, GridStatus } from '../territory/grid.entity';
import { gridWhere, placementOfGrid } from '../territory/territory.service';
import type { AnyGridModule, ModuleIdentity } from './define';
import { GridModule, GridModulePeriod } from './grid-module.entity';
import { moduleNotEnabled } from './guard';
import type { Period } from './metric';
import { registry } from './registry';
import { defaultSettings, mergeSettings, readSettings, type SettingsSpec } from './settings';

/** A grid where a module is on, as module code receives it from `requireEnabled`. */
export interface EnabledGrid<V> {
  grid: Grid;
  enablement: GridModule;
  settings: V;
  placement: { streetId: string; communityId: string; gridId: string };
}

type ModuleRef = Pick<ModuleIdentity, 'id'> & { settings: SettingsSpec };

/**
 * The shared guard of every module write: the viewer may write on the grid (FORBIDDEN otherwise, or
 * NOT_FOUND when it does not exist) and the module is on there (MODULE_NOT_ENABLED otherwise).
 * Loading the enablement also puts it in the unit of work, where the flush-time guard finds it.
 */
export async function requireEnabled(
  ctx: RequestContext,
  module: ModuleRef,
  gridId: string,
): Promise<EnabledGrid<Record<string, unknown>>> {
  const viewer = requireViewer(ctx.viewer);
  const grid = await ctx.em.findOne(Grid, { id: gridId });
  if (!grid) throw notFound('Grid');
  assertCovers(viewer.jurisdiction, placementOfGrid(grid));
  const enablement = await ctx.em.findOne(GridModule, { gridId, moduleId: module.id });
  if (!enablement?.enabled) throw moduleNotEnabled(module.id);
  return {
    grid,
    enablement,
    settings: readSettings(module.settings, enablement.settings),
    placement: placementOfGrid(grid),
  };
}

/**
 * A grid's settings for a module (its defaults where it was never enabled); NOT_FOUND outside the
 * jurisdiction. Batched per request, so field resolvers of a page ask the database once.
 */
export async function getSettings(
  ctx: RequestContext,
  module: ModuleRef,
  gridId: string,
): Promise<Record<string, unknown>> {
  const viewer = requireViewer(ctx.viewer);
  const settings = loader(
    ctx,
    `modules:settings:${module.id}`,
    () =>
      new DataLoader<string, Record<string, unknown> | null>(async (ids) => {
        const gridIds = ids as string[];
        const grids = await ctx.em.find(Grid, {
          $and: [{ id: { $in: gridIds } }, gridWhere(viewer.jurisdiction)],
        });
        const rows = await ctx.em.find(GridModule, { gridId: { $in: gridIds }, moduleId: module.id });
        const visible = new Set(grids.map((g) => g.id));
        return gridIds.map((id) => {
          if (!visible.has(id)) return null;
          const row = rows.find((r) => r.gridId === id);
          return row ? readSettings(module.settings, row.settings) : defaultSettings(module.settings);
        });
      }),
  );
  const values = await settings.load(gridId);
  if (!values) throw notFound('Grid');
  return values;
}

// ---------- administration ----------

const CONCURRENT = {
  en: 'The module was changed for this grid at the same time; reload and try again',
  zh: '该网格的模块设置刚被他人修改，请刷新后重试',
};

/** The one flush of an admin action; a concurrent change of the same enablement is CONFLICT. */
async function flushAdmin(ctx: RequestContext): Promise<void> {
  try {
    await flushOrConflict(ctx, CONCURRENT);
  } catch (e) {
    if (e instanceof OptimisticLockError) {
      ctx.em.clear();
      throw conflict(CONCURRENT);
    }
    throw e;
  }
}

const target = z.object({ gridId: z.string().uuid(), moduleId: z.string().min(1).max(64) });

/** Loads what an admin action needs: the module, the grid (FORBIDDEN outside the jurisdiction), the row. */
async function adminTarget(ctx: RequestContext, input: { gridId: string; moduleId: string }) {
  const viewer = requireAdmin(ctx.viewer);
  const { gridId, moduleId } = parseInput(target, input);
  const module = registry().require(moduleId, 'input.moduleId');
  const grid = await ctx.em.findOne(Grid, { id: gridId });
  if (!grid) throw notFound('Grid');
  assertCovers(viewer.jurisdiction, placementOfGrid(grid));
  const row = await ctx.em.findOne(GridModule, { gridId, moduleId });
  return { module, grid, row };
}

export async function enableModule(
  ctx: RequestContext,
  input: { gridId: string; moduleId: string; settings?: Record<string, unknown> | null },
): Promise<GridModule> {
  const { module, grid, row: existing } = await adminTarget(ctx, input);
  if (grid.status === GridStatus.RETIRED) {
    throw conflict({ en: 'The grid is retired', zh: '该网格已撤销' });
  }
  if (existing?.enabled) {
    throw conflict({
      en: 'The module is already enabled for this grid; change its settings with updateModuleSettings',
      zh: '该网格已启用此模块；修改设置请用 updateModuleSettings',
    });
  }
  const current = existing
    ? readSettings(module.settings, existing.settings)
    : defaultSettings(module.settings);
  const settings = mergeSettings(module.settings, current, input.settings);
  const now = ctx.app.clock.now();
  const placement = placementOfGrid(grid);
  let row: GridModule;
  if (existing) {
    row = existing;
    Object.assign(row, { enabled: true, settings, enabledAt: now, disabledAt: null, disabledReason: null });
  } else {
    row = ctx.em.create(GridModule, {
      ...placement,
      moduleId: module.id,
      enabled: true,
      settings,
      enabledAt: now,
    });
  }
  ctx.em.create(GridModulePeriod, {
    gridModuleId: row.id,
    gridId: grid.id,
    moduleId: module.id,
    startedAt: now,
  });
  await module.hooks.onEnable?.(ctx, grid, settings);
  recordEvent(ctx, 'module.enabled', { type: 'GridModule', id: row.id }, placement, {
    moduleId: module.id,
    reenabled: !!existing,
    settings,
  });
  await flushAdmin(ctx);
  return row;
}

export async function updateModuleSettings(
  ctx: RequestContext,
  input: { gridId: string; moduleId: string; settings: Record<string, unknown> },
): Promise<GridModule> {
  const { module, grid, row } = await adminTarget(ctx, input);
  if (!row?.enabled) throw moduleNotEnabled(module.id);
  const before = readSettings(module.settings, row.settings);
  const after = mergeSettings(module.settings, before, input.settings);
  row.settings = after;
  await module.hooks.onSettingsChange?.(ctx, grid, before, after);
  const changed = Object.keys(after).filter((k) => JSON.stringify(after[k]) !== JSON.stringify(before[k]));
  recordEvent(ctx, 'module.settings_updated', { type: 'GridModule', id: row.id }, placementOfGrid(grid), {
    moduleId: module.id,
    changed: Object.fromEntries(changed.map((k) => [k, after[k]])),
  });
  await flushAdmin(ctx);
  return row;
}

const reasonInput = z.object({ reason: text(500).nullish() });

export async function disableModule(
  ctx: RequestContext,
  input: { gridId: string; moduleId: string; reason?: string | null },
): Promise<GridModule> {
  const { module, grid, row } = await adminTarget(ctx, input);
  const { reason } = parseInput(reasonInput, { reason: input.reason });
  if (!row?.enabled) throw moduleNotEnabled(module.id);
  const refusal = await module.hooks.beforeDisable?.(ctx, grid, readSettings(module.settings, row.settings));
  if (refusal)
    throw new AppError(ErrorCode.CONFLICT, refusal, { moduleId: module.id, refusedBy: 'beforeDisable' });
  const now = ctx.app.clock.now();
  Object.assign(row, { enabled: false, disabledAt: now, disabledReason: reason ?? null });
  const open = await ctx.em.find(GridModulePeriod, { gridModuleId: row.id, endedAt: null });
  for (const p of open) p.endedAt = now;
  recordEvent(ctx, 'module.disabled', { type: 'GridModule', id: row.id }, placementOfGrid(grid), {
    moduleId: module.id,
  });
  await flushAdmin(ctx);
  return row;
}

// ---------- reads ----------

/** A grid's modules (enabled and, if asked, switched-off ones), batched over the grids of a page. */
export function gridModulesLoader(ctx: RequestContext): DataLoader<string, GridModule[]> {
  return loader(
    ctx,
    'modules:byGrid',
    () =>
      new DataLoader<string, GridModule[]>(async (gridIds) => {
        const rows = await findPlain(
          ctx.em,
          GridModule,
          { gridId: { $in: gridIds as string[] } },
          { orderBy: { moduleId: 'asc' } },
        );
        return gridIds.map((id) => rows.filter((r) => r.gridId === id));
      }),
  );
}

export function periodsLoader(ctx: RequestContext): DataLoader<string, GridModulePeriod[]> {
  return loader(
    ctx,
    'modules:periods',
    () =>
      new DataLoader<string, GridModulePeriod[]>(async (ids) => {
        const rows = await ctx.em.find(
          GridModulePeriod,
          { gridModuleId: { $in: ids as string[] } },
          { orderBy: { startedAt: 'asc' } },
        );
        return ids.map((id) => rows.filter((r) => r.gridModuleId === id));
      }),
  );
}

export async function getGridModule(ctx: RequestContext, id: string): Promise<GridModule> {
  const viewer = requireViewer(ctx.viewer);
  const row = await ctx.em.findOne(GridModule, {
    $and: [{ id }, jurisdictionWhere(viewer.jurisdiction, SCOPED_COLUMNS)],
  });
  if (!row) throw notFound('GridModule');
  return row;
}

/** The installed module of a row, or null when it was uninstalled since. */
export function moduleOf(row: { moduleId: string }): AnyGridModule | null {
  return registry().find(row.moduleId) ?? null;
}

/** The resolved settings of a row against its module's current declaration. */
export function settingsOf(row: GridModule): Record<string, unknown> {
  const m = moduleOf(row);
  return m ? readSettings(m.settings, row.settings) : row.settings;
}

/** Of `gridIds`, those where the module was on at some time in [from, to). */
export async function gridsWithModule(
  em: EntityManager,
  moduleId: string,
  gridIds: string[],
  period: Period,
): Promise<string[]> {
  if (!gridIds.length) return [];
  const rows = (await em
    .createQueryBuilder(GridModulePeriod)
    .select('gridId', true)
    .where({
      moduleId,
      gridId: { $in: gridIds },
      startedAt: { $lt: period.to },
      $or: [{ endedAt: null }, { endedAt: { $gt: period.from } }],
    })
    .execute('all')) as { gridId: string }[];
  return rows.map((r) => r.gridId);
}
