import type { EntityManager } from '@mikro-orm/postgresql';
import type { z } from 'zod';
import type { DemoTerritory } from '../db/seed/demo.seed';
import type { Grid } from '../territory/grid.entity';
import type { Activity } from './activity.entity';
import { createActivityRow, type ActivityData } from './activity.service';
import type { ActivityKinds, ModuleContract } from './define';
import { GridModule, GridModulePeriod } from './grid-module.entity';
import { mergeSettings, defaultSettings, type SettingsSpec, type SettingsValues } from './settings';

/** The demo community's grid of a theme (its `theme` is the module id). */
export function demoGrid(t: DemoTerritory, theme: string): Grid {
  const grid = t.grids.find((g) => g.theme === theme);
  if (!grid) throw new Error(`The demo territory has no grid with theme ${theme}`);
  return grid;
}

/** Midnight (UTC) `days` days before the seed runs, plus `hours`: demo history ends today. */
export function daysAgo(days: number, hours = 0): Date {
  const d = new Date();
  d.setUTCHours(0, 0, 0, 0);
  return new Date(d.getTime() - days * 86_400_000 + hours * 3_600_000);
}

/** Enables a module on a demo grid since `since` (hooks do not run: the seed writes what it needs). */
export function seedEnable<S extends SettingsSpec>(
  em: EntityManager,
  module: ModuleContract<S, ActivityKinds>,
  grid: Grid,
  since: Date,
  settings: Partial<SettingsValues<S>> = {},
): GridModule {
  const values = mergeSettings(module.settings, defaultSettings(module.settings), settings);
  const row = em.create(GridModule, {
    streetId: grid.streetId,
    communityId: grid.communityId,
    gridId: grid.id,
    moduleId: module.id,
    enabled: true,
    settings: values,
    enabledAt: since,
  });
  em.create(GridModulePeriod, {
    gridModuleId: row.id,
    gridId: grid.id,
    moduleId: module.id,
    startedAt: since,
  });
  return row;
}

/** A demo activity; its details must pass the kind's schema (a seed bug fails loudly). */
export function seedActivity<K extends ActivityKinds, T extends keyof K & string>(
  em: EntityManager,
  module: ModuleContract<SettingsSpec, K>,
  kind: T,
  grid: Grid,
  data: ActivityData<z.input<K[T]['details']>>,
): Activity {
  const details = module.activityKinds[kind]!.details.parse(data.details) as Record<string, unknown>;
  return createActivityRow(em, module, kind, grid, { ...data, details }, null);
}
