import { LockMode } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { assertCovers } from '../auth/jurisdiction';
import { requireAdmin } from '../auth/viewer';
import { badInput, conflict } from '../graphql/errors';
import { toGlobalId } from '../graphql/global-id';
import { code, parseInput, text } from '../graphql/validate';
import { recordEvent } from '../integration/event.service';
import type { RequestContext } from '../server/context';
import { Building } from './building.entity';
import { geoJsonPolygon } from './geo';
import { Grid, GridStatus } from './grid.entity';
import { GridLineage, GridLineageKind } from './grid-lineage.entity';
import { MicroGrid } from './micro-grid.entity';
import { mergeClash, moveForMerge, moveForSplit } from './regrid.mover';
import { getGrid, placementOfGrid } from './territory.service';
import { inTransaction } from './transaction';

/*
 * Re-gridding (将原有网格细分为新网格): a split divides one grid into new grids, a merge joins grids
 * into one. Either way the old grids are retired, never deleted; lineage edges and the events keep
 * their records attributable. Everything happens in one transaction: a refused request writes nothing.
 */

const newGridFields = {
  code,
  name: text(100),
  targetHouseholds: z.number().int().min(1).max(100000).nullish(),
  theme: z.string().max(64).nullish(),
  boundary: geoJsonPolygon.nullish(),
};

const splitInput = z
  .object({
    parts: z
      .array(
        z.object({
          ...newGridFields,
          buildingIds: z.array(z.string().uuid()).max(5000),
          microGridIds: z.array(z.string().uuid()).max(1000).nullish(),
        }),
      )
      .min(2)
      .max(50),
    remainderPart: z.number().int().min(0),
  })
  .superRefine((v, ctx) => {
    if (v.remainderPart >= v.parts.length) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['remainderPart'],
        message: `must be the index of a part (0–${v.parts.length - 1})`,
        params: { zh: `必须是某个新网格的序号（0–${v.parts.length - 1}）` },
      });
    }
    duplicateCodes(
      v.parts.map((p) => p.code),
      ctx,
      (i) => ['parts', i, 'code'],
    );
  });

function duplicateCodes(
  codes: string[],
  ctx: z.RefinementCtx,
  path: (i: number) => (string | number)[],
): void {
  const seen = new Set<string>();
  codes.forEach((c, i) => {
    if (seen.has(c)) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: path(i),
        message: 'is used by another part',
        params: { zh: '与另一个新网格的编码重复' },
      });
    }
    seen.add(c);
  });
}

export interface NewGridInput {
  code: string;
  name: string;
  targetHouseholds?: number | null;
  theme?: string | null;
  boundary?: unknown;
}

export interface SplitPartInput extends NewGridInput {
  buildingIds: string[];
  microGridIds?: string[] | null;
}

const duplicateKey = {
  en: 'A grid with one of these codes exists, or rows of the grids clash on a unique key',
  zh: '已存在相同编码的网格，或网格中的记录存在唯一性冲突',
};

/** The grid to re-grid: visible (NOT_FOUND), in jurisdiction (FORBIDDEN), locked, and in use. */
async function lockActiveGrid(ctx: RequestContext, id: string, field: string): Promise<Grid> {
  const v = requireAdmin(ctx.viewer);
  const visible = await getGrid(ctx, id);
  assertCovers(v.jurisdiction, placementOfGrid(visible));
  // FOR UPDATE also waits for, and then blocks, every insert that references the grid (foreign keys
  // take a key-share lock): no row can slip into the old grid while its rows are being moved.
  const grid = await ctx.em.findOneOrFail(Grid, id, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
  if (grid.status !== GridStatus.ACTIVE) {
    throw badInput(field, {
      en: `${field}: the grid is already retired by re-gridding`,
      zh: `${field}：该网格已因网格调整而撤销`,
    });
  }
  return grid;
}

async function assertCodesFree(ctx: RequestContext, codes: string[]): Promise<void> {
  const taken = await ctx.em.find(Grid, { code: { $in: codes } });
  if (taken.length) {
    throw conflict({
      en: `A grid with code ${taken[0]!.code} exists`,
      zh: `已存在编码为 ${taken[0]!.code} 的网格`,
    });
  }
}

function createGridLike(
  ctx: RequestContext,
  old: Grid,
  data: z.infer<z.ZodObject<typeof newGridFields>>,
): Grid {
  return ctx.em.create(Grid, {
    streetId: old.streetId,
    communityId: old.communityId,
    code: data.code,
    name: data.name,
    targetHouseholds: data.targetHouseholds ?? null,
    theme: data.theme ?? null,
    boundary: (data.boundary as Record<string, unknown> | null | undefined) ?? null,
    status: GridStatus.ACTIVE,
  });
}

export interface SplitResult {
  retired: Grid;
  grids: Grid[];
}

/**
 * Divides a grid: every building goes to exactly one part, micro-grids follow their buildings, and
 * every other row of the grid follows its building or household or goes to `remainderPart`.
 */
export async function splitGrid(
  ctx: RequestContext,
  gridId: string,
  parts: SplitPartInput[],
  remainderPart: number,
): Promise<SplitResult> {
  requireAdmin(ctx.viewer);
  const data = parseInput(splitInput, { parts, remainderPart }, '');
  const result = await inTransaction(ctx, duplicateKey, async () => {
    const old = await lockActiveGrid(ctx, gridId, 'gridId');
    await assertCodesFree(
      ctx,
      data.parts.map((p) => p.code),
    );
    const buildings = await ctx.em.find(Building, { gridId: old.id }, { orderBy: { id: 'asc' } });
    const microGrids = await ctx.em.find(MicroGrid, { gridId: old.id }, { orderBy: { id: 'asc' } });
    const plan = planSplit(data.parts, buildings, microGrids);

    const grids = data.parts.map((p) => createGridLike(ctx, old, { ...p, theme: p.theme ?? old.theme }));
    // The new grids must exist before rows can point at them.
    await ctx.em.flush();
    const partIds = grids.map((g) => g.id);
    const moved = await moveForSplit(ctx.em, {
      fromGrid: old.id,
      buildings: new Map([...plan.buildings].map(([b, i]) => [b, partIds[i]!])),
      microGrids: new Map(
        microGrids.map((m) => [m.id, partIds[plan.microGrids.get(m.id) ?? data.remainderPart]!]),
      ),
      remainder: partIds[data.remainderPart]!,
      parts: partIds,
    });

    const at = ctx.app.clock.now();
    old.status = GridStatus.RETIRED;
    old.retiredAt = at;
    for (const g of grids) {
      ctx.em.create(GridLineage, {
        predecessorId: old.id,
        successorId: g.id,
        kind: GridLineageKind.SPLIT,
        at,
      });
      recordEvent(ctx, 'grid.created', { type: 'Grid', id: g.id }, placementOfGrid(g), {
        code: g.code,
        predecessorIds: [toGlobalId('Grid', old.id)],
      });
    }
    recordEvent(ctx, 'grid.split', { type: 'Grid', id: old.id }, placementOfGrid(old), {
      predecessorId: toGlobalId('Grid', old.id),
      successorIds: partIds.map((id) => toGlobalId('Grid', id)),
      remainderId: toGlobalId('Grid', partIds[data.remainderPart]!),
      buildings: Object.fromEntries(
        grids.map((g, i) => [toGlobalId('Grid', g.id), data.parts[i]!.buildingIds.length]),
      ),
      moved,
    });
    return { retired: old, grids };
  });
  // Rows loaded before the set-based moves still show their old grid: read them afresh from here on.
  ctx.em.clear();
  return result;
}

interface Plan {
  /** Part index of every building. */
  buildings: Map<string, number>;
  /** Part index of every micro-grid that has buildings or was named; the rest go to the remainder. */
  microGrids: Map<string, number>;
}

/** Checks the mapping against the grid's buildings and micro-grids; any gap or clash is BAD_USER_INPUT. */
function planSplit(parts: SplitPartInput[], buildings: Building[], microGrids: MicroGrid[]): Plan {
  const own = new Map(buildings.map((b) => [b.id, b]));
  const to = new Map<string, number>();
  const where = new Map<string, string>();
  parts.forEach((p, i) =>
    p.buildingIds.forEach((id, j) => {
      const field = `parts.${i}.buildingIds.${j}`;
      if (!own.has(id)) {
        throw badInput(field, {
          en: `${field} is not a building of the grid being split`,
          zh: `${field} 不是被拆分网格中的楼栋`,
        });
      }
      if (to.has(id)) {
        throw badInput(field, {
          en: `${field}: the building is already assigned (${where.get(id)})`,
          zh: `${field}：该楼栋已分配（${where.get(id)}）`,
        });
      }
      to.set(id, i);
      where.set(id, field);
    }),
  );
  const missing = buildings.filter((b) => !to.has(b.id));
  if (missing.length) {
    const names = missing
      .slice(0, 5)
      .map((b) => b.name)
      .join(', ');
    throw badInput('parts', {
      en: `parts: ${missing.length} building(s) of the grid are not assigned to any part (${names})`,
      zh: `parts：该网格有 ${missing.length} 栋楼未分配到任何新网格（${names}）`,
    });
  }

  const ownMicro = new Map(microGrids.map((m) => [m.id, m]));
  const microTo = new Map<string, number>();
  // In the order of the request, so the error points at the first building that contradicts an earlier one.
  parts.forEach((p, i) =>
    p.buildingIds.forEach((id) => {
      const b = own.get(id)!;
      if (!b.microGridId) return;
      const earlier = microTo.get(b.microGridId);
      if (earlier !== undefined && earlier !== i) {
        const field = where.get(id)!;
        const m = ownMicro.get(b.microGridId);
        throw badInput(field, {
          en: `${field}: micro-grid ${m?.name ?? ''} would be divided; all its buildings must go to one part`,
          zh: `${field}：微网格 ${m?.name ?? ''} 的楼栋必须全部分到同一个新网格`,
        });
      }
      microTo.set(b.microGridId, i);
    }),
  );
  const named = new Set<string>();
  parts.forEach((p, i) =>
    (p.microGridIds ?? []).forEach((id, j) => {
      const field = `parts.${i}.microGridIds.${j}`;
      if (!ownMicro.has(id)) {
        throw badInput(field, {
          en: `${field} is not a micro-grid of the grid being split`,
          zh: `${field} 不是被拆分网格中的微网格`,
        });
      }
      if (named.has(id)) {
        throw badInput(field, {
          en: `${field}: the micro-grid is named twice`,
          zh: `${field}：该微网格被重复指定`,
        });
      }
      named.add(id);
      const byBuildings = microTo.get(id);
      if (byBuildings !== undefined && byBuildings !== i) {
        throw badInput(field, {
          en: `${field}: the micro-grid's buildings go to part ${byBuildings}`,
          zh: `${field}：该微网格的楼栋分到了第 ${byBuildings} 个新网格`,
        });
      }
      microTo.set(id, i);
    }),
  );
  return { buildings: to, microGrids: microTo };
}

const mergeIds = z
  .array(z.string().uuid())
  .min(2)
  .max(50)
  .superRefine((ids, ctx) => {
    const seen = new Set<string>();
    ids.forEach((id, i) => {
      if (seen.has(id)) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: [i],
          message: 'names a grid twice',
          params: { zh: '网格被重复指定' },
        });
      }
      seen.add(id);
    });
  });
const mergeInput = z.object(newGridFields);

export interface MergeResult {
  grid: Grid;
  retired: Grid[];
}

/** Joins active grids of one community into a new grid that takes over all their rows. */
export async function mergeGrids(
  ctx: RequestContext,
  gridIds: string[],
  input: NewGridInput,
): Promise<MergeResult> {
  requireAdmin(ctx.viewer);
  const ids = parseInput(mergeIds, gridIds, 'gridIds');
  const data = parseInput(mergeInput, input);
  const result = await inTransaction(ctx, duplicateKey, async () => {
    const olds: Grid[] = [];
    // Locked in id order, so two merges over overlapping grids cannot deadlock.
    const order = ids.map((id, i) => ({ id, i })).sort((a, b) => a.id.localeCompare(b.id));
    for (const { id, i } of order) olds[i] = await lockActiveGrid(ctx, id, `gridIds.${i}`);
    olds.forEach((g, i) => {
      if (g.communityId !== olds[0]!.communityId) {
        throw badInput(`gridIds.${i}`, {
          en: `gridIds.${i}: only grids of one community can be merged`,
          zh: `gridIds.${i}：只能合并同一社区的网格`,
        });
      }
    });
    await assertCodesFree(ctx, [data.code]);
    const clash = (await ctx.em.execute(
      `select code from micro_grid where grid_id in (${ids.map(() => '?').join(', ')})
       group by code having count(*) > 1 order by code limit 1`,
      ids,
    )) as { code: string }[];
    if (clash.length) {
      throw conflict({
        en: `Micro-grids of these grids share the code ${clash[0]!.code}; rename one before merging`,
        zh: `这些网格中有微网格编码同为 ${clash[0]!.code}，请先修改后再合并`,
      });
    }
    const clashing = await mergeClash(ctx.em, ids);
    if (clashing) {
      const on = clashing.properties.join(', ') || 'grid';
      throw conflict({
        en: `Records of these grids would clash once merged (${clashing.entity}: ${on}); resolve that first`,
        zh: `这些网格中的记录合并后会重复（${clashing.entity}：${on}），请先处理后再合并`,
      });
    }
    const themes = new Set(olds.map((g) => g.theme ?? null));
    const shared = themes.size === 1 ? [...themes][0]! : null;
    const grid = createGridLike(ctx, olds[0]!, { ...data, theme: data.theme ?? shared });
    await ctx.em.flush();
    const moved = await moveForMerge(ctx.em, ids, grid.id);

    const at = ctx.app.clock.now();
    for (const old of olds) {
      old.status = GridStatus.RETIRED;
      old.retiredAt = at;
      ctx.em.create(GridLineage, {
        predecessorId: old.id,
        successorId: grid.id,
        kind: GridLineageKind.MERGE,
        at,
      });
    }
    const predecessorIds = ids.map((id) => toGlobalId('Grid', id));
    recordEvent(ctx, 'grid.created', { type: 'Grid', id: grid.id }, placementOfGrid(grid), {
      code: grid.code,
      predecessorIds,
    });
    recordEvent(ctx, 'grid.merged', { type: 'Grid', id: grid.id }, placementOfGrid(grid), {
      predecessorIds,
      successorId: toGlobalId('Grid', grid.id),
      moved,
    });
    return { grid, retired: olds };
  });
  ctx.em.clear();
  return result;
}
