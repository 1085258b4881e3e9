import { GraphQLJSONObject } from 'graphql-scalars';
import {
  Arg,
  Args,
  Ctx,
  FieldResolver,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
  type ClassType,
} from 'type-graphql';
import { User } from '../auth/user.entity';
import { ConnectionType, PageArgs, toPage, type ConnectionResult } from '../graphql/connection';
import { fromGlobalId, fromOptionalGlobalId } from '../graphql/global-id';
import { byId } from '../graphql/loaders';
import type { RequestContext } from '../server/context';
import { Grid } from '../territory/grid.entity';
import { ActivityBase } from './activity-types';
import { gridActivities, listActivities, recordActivity, toView } from './activity.service';
import { detailsFromApi } from './details';
import {
  disableModule,
  enableModule,
  gridModulesLoader,
  periodsLoader,
  settingsOf,
  updateModuleSettings,
} from './enablement.service';
import { GridModule, GridModulePeriod } from './grid-module.entity';
import { computeMetrics, metricCatalog } from './metrics.service';
import { MetricInfo, MetricValue, ModuleInfo, moduleInfo } from './module.types';
import {
  ActivityFilter,
  DisableModuleInput,
  EnableModuleInput,
  GridActivityFilter,
  MetricScopeInput,
  PeriodInput,
  UpdateModuleSettingsInput,
} from './modules.inputs';
import { registry, type ModuleRegistry } from './registry';

@ObjectType({ description: 'A page of activities, newest first.' })
export class ActivityConnection extends ConnectionType(
  ActivityBase as unknown as ClassType<ActivityBase>,
  'Activity',
) {}

function moduleView(id: string): ModuleInfo | null {
  const reg = registry();
  const m = reg.find(id);
  return m ? moduleInfo(m, [...reg.kinds.values()]) : null;
}

@Resolver()
export class ModulesResolver {
  @Query(() => [ModuleInfo], {
    description: 'The installed modules with their manifests and settings schema.',
  })
  modules(): ModuleInfo[] {
    const reg = registry();
    return reg.modules.map((m) => moduleInfo(m, [...reg.kinds.values()]));
  }

  @Query(() => ModuleInfo, { nullable: true, description: 'One installed module; null when not installed.' })
  module(
    @Arg('id', () => String, { description: 'Module id, e.g. "legal".' }) id: string,
  ): ModuleInfo | null {
    return moduleView(id);
  }

  @Query(() => ActivityConnection, {
    description: 'The cross-module activity feed of your jurisdiction, newest first.',
  })
  activities(
    @Ctx() ctx: RequestContext,
    @Args() page: PageArgs,
    @Arg('filter', () => ActivityFilter, { nullable: true }) filter?: ActivityFilter | null,
  ): Promise<ConnectionResult<ActivityBase>> {
    return listActivities(
      ctx,
      {
        gridId: fromOptionalGlobalId(filter?.gridId, 'Grid', 'filter.gridId'),
        communityId: fromOptionalGlobalId(filter?.communityId, 'Community', 'filter.communityId'),
        streetId: fromOptionalGlobalId(filter?.streetId, 'Street', 'filter.streetId'),
        moduleId: filter?.moduleId,
        kind: filter?.kind,
        from: filter?.from,
        to: filter?.to,
      },
      toPage(page),
    );
  }

  @Mutation(() => GridModule, {
    description: 'Switch a module on for a grid, with settings (administrators of the grid or above).',
  })
  enableModule(@Ctx() ctx: RequestContext, @Arg('input') input: EnableModuleInput): Promise<GridModule> {
    return enableModule(ctx, { ...input, gridId: fromGlobalId(input.gridId, 'Grid', 'input.gridId') });
  }

  @Mutation(() => GridModule, { description: "Change a module's settings on a grid (administrators)." })
  updateModuleSettings(
    @Ctx() ctx: RequestContext,
    @Arg('input') input: UpdateModuleSettingsInput,
  ): Promise<GridModule> {
    return updateModuleSettings(ctx, {
      ...input,
      gridId: fromGlobalId(input.gridId, 'Grid', 'input.gridId'),
    });
  }

  @Mutation(() => GridModule, {
    description:
      'Switch a module off for a grid (administrators). Its records stay readable; nothing is deleted.',
  })
  disableModule(@Ctx() ctx: RequestContext, @Arg('input') input: DisableModuleInput): Promise<GridModule> {
    return disableModule(ctx, { ...input, gridId: fromGlobalId(input.gridId, 'Grid', 'input.gridId') });
  }
}

@Resolver(() => Grid)
export class GridModulesFieldResolver {
  @FieldResolver(() => [GridModule], {
    description: 'Modules of this grid: enabled ones, or all with history.',
  })
  async modules(
    @Ctx() ctx: RequestContext,
    @Root() grid: Grid,
    @Arg('includeDisabled', () => Boolean, {
      defaultValue: false,
      description: 'Also list modules switched off again.',
    })
    includeDisabled: boolean,
  ): Promise<GridModule[]> {
    const rows = await gridModulesLoader(ctx).load(grid.id);
    return includeDisabled ? rows : rows.filter((r) => r.enabled);
  }

  @FieldResolver(() => ModuleInfo, {
    nullable: true,
    description: 'The manifest of the primary module (`theme`), when installed.',
  })
  themeModule(@Root() grid: Grid): ModuleInfo | null {
    return grid.theme ? moduleView(grid.theme) : null;
  }

  @FieldResolver(() => ActivityConnection, { description: 'Activities recorded on this grid, newest first.' })
  activities(
    @Ctx() ctx: RequestContext,
    @Root() grid: Grid,
    @Args() page: PageArgs,
    @Arg('filter', () => GridActivityFilter, { nullable: true }) filter?: GridActivityFilter | null,
  ): Promise<ConnectionResult<ActivityBase>> {
    return gridActivities(
      ctx,
      grid,
      { moduleId: filter?.moduleId, kind: filter?.kind, from: filter?.from, to: filter?.to },
      toPage(page),
    );
  }
}

@Resolver(() => GridModule)
export class GridModuleFieldResolver {
  @FieldResolver(() => ModuleInfo, { nullable: true, description: 'The module; null if it was uninstalled.' })
  module(@Root() row: GridModule): ModuleInfo | null {
    return moduleView(row.moduleId);
  }

  @FieldResolver(() => Grid, { description: 'The grid.' })
  async grid(@Ctx() ctx: RequestContext, @Root() row: GridModule): Promise<Grid> {
    return (await byId(ctx, Grid).load(row.gridId))!;
  }

  @FieldResolver(() => GraphQLJSONObject, {
    description: "Current settings, every declared setting present (see the module's `settings`).",
  })
  settings(@Root() row: GridModule): Record<string, unknown> {
    return settingsOf(row);
  }

  @FieldResolver(() => [GridModulePeriod], {
    description: 'Every stretch of time the module was on for this grid, oldest first.',
  })
  periods(@Ctx() ctx: RequestContext, @Root() row: GridModule): Promise<GridModulePeriod[]> {
    return periodsLoader(ctx).load(row.id);
  }
}

@Resolver(() => ActivityBase)
export class ActivityFieldResolver {
  @FieldResolver(() => Grid, { description: 'The grid it happened on.' })
  async grid(@Ctx() ctx: RequestContext, @Root() a: ActivityBase): Promise<Grid> {
    return (await byId(ctx, Grid).load(a.gridId))!;
  }

  @FieldResolver(() => ModuleInfo, {
    nullable: true,
    description: 'The module that recorded it; null if it was uninstalled.',
  })
  module(@Root() a: ActivityBase): ModuleInfo | null {
    return moduleView(a.moduleId);
  }

  @FieldResolver(() => User, { nullable: true, description: 'The user who recorded it, if a user did.' })
  async recordedBy(@Ctx() ctx: RequestContext, @Root() a: ActivityBase): Promise<User | null> {
    return a.recordedById ? byId(ctx, User).load(a.recordedById) : null;
  }
}

@Resolver()
export class MetricsResolver {
  @Query(() => [MetricValue], {
    description:
      'Computes core and module metrics for a grid, community or street over a period. Module metrics ' +
      'count only grids where the module was enabled during the period.',
  })
  metrics(
    @Ctx() ctx: RequestContext,
    @Arg('scope', () => MetricScopeInput, { description: 'Where.' }) scope: MetricScopeInput,
    @Arg('period', () => PeriodInput, { description: 'When: [from, to).' }) period: PeriodInput,
    @Arg('codes', () => [String], { nullable: true, description: 'Which metrics (default: all).' })
    codes?: string[] | null,
  ): Promise<MetricValue[]> {
    return computeMetrics(
      ctx,
      {
        gridId: fromOptionalGlobalId(scope.gridId, 'Grid', 'scope.gridId'),
        communityId: fromOptionalGlobalId(scope.communityId, 'Community', 'scope.communityId'),
        streetId: fromOptionalGlobalId(scope.streetId, 'Street', 'scope.streetId'),
      },
      { from: period.from, to: period.to },
      codes,
    );
  }

  @Query(() => [MetricInfo], { description: 'Every metric `metrics` can compute, core and module.' })
  metricDefinitions(): MetricInfo[] {
    return metricCatalog();
  }
}

@Resolver(() => Grid)
export class GridMetricsFieldResolver {
  @FieldResolver(() => [MetricValue], { description: 'Metrics of this grid over a period.' })
  metrics(
    @Ctx() ctx: RequestContext,
    @Root() grid: Grid,
    @Arg('period', () => PeriodInput, { description: 'When: [from, to).' }) period: PeriodInput,
    @Arg('codes', () => [String], { nullable: true, description: 'Which metrics (default: all).' })
    codes?: string[] | null,
  ): Promise<MetricValue[]> {
    return computeMetrics(ctx, { gridId: grid.id }, { from: period.from, to: period.to }, codes);
  }
}

type RecordInput = {
  gridId: string;
  occurredAt: Date;
  title?: string | null;
  participants?: number | null;
  beneficiaries?: number | null;
  details?: unknown;
};

/**
 * One `record<Module><Kind>` mutation per activity kind, generated from the manifests: typed input
 * (the kind's details as an input type), the concrete activity type as result.
 */
export function createRecordResolver(reg: ModuleRegistry): ClassType | null {
  if (!reg.kinds.size) return null;
  class RecordActivityResolver {}
  for (const entry of reg.kinds.values()) {
    const name = entry.types.mutationName;
    const handler = async (ctx: RequestContext, input: RecordInput) => {
      const gridId = fromGlobalId(input.gridId, 'Grid', 'input.gridId');
      const details = entry.types.details.inType ? detailsFromApi(entry.types.details, input.details) : {};
      const row = await recordActivity(ctx, entry.module, entry.key, gridId, {
        occurredAt: input.occurredAt,
        title: input.title,
        participants: input.participants,
        beneficiaries: input.beneficiaries,
        details,
      });
      await ctx.em.flush();
      return toView(row);
    };
    Object.defineProperty(RecordActivityResolver.prototype, name, { value: handler, writable: true });
    Mutation(() => entry.types.objectType, {
      name,
      description: `Record a ${entry.code} activity (${entry.spec.label.zh}) on a grid where ${entry.module.id} is enabled.`,
    })(
      RecordActivityResolver.prototype,
      name,
      Object.getOwnPropertyDescriptor(RecordActivityResolver.prototype, name)!,
    );
    Ctx()(RecordActivityResolver.prototype, name, 0);
    Arg('input', () => entry.types.recordInput, { description: 'The activity.' })(
      RecordActivityResolver.prototype,
      name,
      1,
    );
  }
  Resolver()(RecordActivityResolver);
  return RecordActivityResolver;
}
