import { assertCovers } from '../auth/jurisdiction';
import { requireViewer } from '../auth/viewer';
import { badInput, notFound } from '../graphql/errors';
import type { RequestContext } from '../server/context';
import { Community } from '../territory/community.entity';
import { Grid } from '../territory/grid.entity';
import { Street } from '../territory/street.entity';
import { communityWhere, readGrid, streetWhere } from '../territory/territory.service';
import { gridsWithModule } from './enablement.service';
import type { MetricScope, Period } from './metric';
import { metricInfo, type MetricInfo, type MetricValue } from './module.types';
import { registry, type MetricEntry } from './registry';

export interface ScopeInput {
  gridId?: string;
  communityId?: string;
  streetId?: string;
}

const MAX_PERIOD_MS = 3660 * 24 * 3600 * 1000;

/**
 * Resolves the territory node to the grids it covers. A node the viewer cannot see is NOT_FOUND; a
 * node they can see but that is larger than their jurisdiction (a grid worker asking for the whole
 * community) is FORBIDDEN, rather than a figure silently limited to part of it.
 */
async function resolveScope(
  ctx: RequestContext,
  input: ScopeInput,
): Promise<Omit<MetricScope, 'gridIds'> & { gridIds: string[] }> {
  const viewer = requireViewer(ctx.viewer);
  const j = viewer.jurisdiction;
  const given = [input.gridId, input.communityId, input.streetId].filter((x) => x != null);
  if (given.length !== 1) {
    throw badInput('scope', {
      en: 'scope: give exactly one of gridId, communityId, streetId',
      zh: 'scope：gridId、communityId、streetId 须且只能给一个',
    });
  }
  const gridIdsWhere = async (where: object) =>
    (
      (await ctx.em.createQueryBuilder(Grid).select('id').where(where).execute('all')) as { id: string }[]
    ).map((g) => g.id);
  if (input.gridId) {
    const grid = await readGrid(ctx, input.gridId);
    return { level: 'GRID', id: grid.id, gridIds: [grid.id] };
  }
  if (input.communityId) {
    const c = await ctx.em.findOne(Community, { $and: [{ id: input.communityId }, communityWhere(j)] });
    if (!c) throw notFound('Community');
    assertCovers(j, { streetId: c.streetId, communityId: c.id });
    return { level: 'COMMUNITY', id: c.id, gridIds: await gridIdsWhere({ communityId: c.id }) };
  }
  const s = await ctx.em.findOne(Street, { $and: [{ id: input.streetId! }, streetWhere(j)] });
  if (!s) throw notFound('Street');
  assertCovers(j, { streetId: s.id });
  return { level: 'STREET', id: s.id, gridIds: await gridIdsWhere({ streetId: s.id }) };
}

function checkPeriod(period: Period): void {
  const span = period.to.getTime() - period.from.getTime();
  if (!(span > 0))
    throw badInput('period.to', {
      en: 'period.to must be after period.from',
      zh: 'period.to 必须晚于 period.from',
    });
  if (span > MAX_PERIOD_MS)
    throw badInput('period', { en: 'period: at most ten years', zh: 'period：最长十年' });
}

function selectMetrics(codes: readonly string[] | null | undefined): MetricEntry[] {
  const all = registry().metrics();
  if (codes == null) return all;
  const byCode = new Map(all.map((e) => [e.definition.code, e]));
  return [...new Set(codes)].map((code, i) => {
    const e = byCode.get(code);
    if (!e) {
      throw badInput(`codes.${i}`, {
        en: `codes.${i}: unknown metric "${code}" (see metricDefinitions)`,
        zh: `codes.${i}：未知指标“${code}”（见 metricDefinitions）`,
      });
    }
    return e;
  });
}

/**
 * Computes metrics for a grid, community or street over [from, to). Core metrics count every grid of
 * the node; a module's metrics count only grids where the module was enabled at some time in the
 * period. Each metric is one SQL aggregate.
 */
export async function computeMetrics(
  ctx: RequestContext,
  scopeInput: ScopeInput,
  period: Period,
  codes?: readonly string[] | null,
): Promise<MetricValue[]> {
  checkPeriod(period);
  const entries = selectMetrics(codes);
  const scope = await resolveScope(ctx, scopeInput);
  const env = { now: ctx.app.clock.now() };
  // Independent aggregates: sent together, so a page of five metrics waits for the slowest, not the sum.
  return Promise.all(
    entries.map(async ({ definition, module }): Promise<MetricValue> => {
      const gridIds = module
        ? await gridsWithModule(ctx.em, module.id, scope.gridIds, period)
        : scope.gridIds;
      const value = gridIds.length ? await definition.compute(ctx.em, { ...scope, gridIds }, period, env) : 0;
      return { ...metricInfo(definition, module?.id ?? null), value, gridCount: gridIds.length };
    }),
  );
}

export function metricCatalog(): MetricInfo[] {
  return registry()
    .metrics()
    .map((e) => metricInfo(e.definition, e.module?.id ?? null));
}
