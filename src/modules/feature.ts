import { allow, authenticated, admin, mergeRules, type Rule, type RuleMap } from '../auth/permissions';
import type { Feature, NodeFetcher } from '../graphql/feature';
import { Activity } from './activity.entity';
import { observeLinkedCases } from './case-link';
import { ModuleCaseLink } from './case-link.entity';
import { CaseModuleRecordsFieldResolver } from './case-link.resolver';
import { activityMetrics } from './activity.metrics';
import { getActivity } from './activity.service';
import type { AnyGridModule } from './define';
import { getGridModule } from './enablement.service';
import { GridModule, GridModulePeriod } from './grid-module.entity';
import type { MetricDefinition } from './metric';
import {
  ActivityFieldResolver,
  createRecordResolver,
  GridMetricsFieldResolver,
  GridModuleFieldResolver,
  GridModulesFieldResolver,
  MetricsResolver,
  ModulesResolver,
} from './modules.resolver';
import { installModules, type ModuleRegistry } from './registry';
import type { DetailsShape } from './details';

/** Rule entries for the GraphQL types generated from the activity kinds. */
function generatedTypeRules(reg: ModuleRegistry): { types: RuleMap; mutations: Record<string, Rule> } {
  const types: RuleMap = {};
  const mutations: Record<string, Rule> = {};
  const addDetails = (name: string, shape: DetailsShape) => {
    if (!shape.outType) return;
    types[name] = authenticated;
    for (const f of shape.fields) if (f.nested) addDetails(f.nested.outType!.name, f.nested);
  };
  for (const k of reg.kinds.values()) {
    types[`${k.types.baseName}Activity`] = authenticated;
    addDetails(`${k.types.baseName}ActivityDetails`, k.types.details);
    mutations[k.types.mutationName] = authenticated;
  }
  return { types, mutations };
}

/**
 * The module system as core features: `modules` (enablement, the activity feed, every installed
 * module's tables, schema, rules and seeds; API-key area `activities`) and `metrics` (the metrics
 * query over core and module metrics; area `metrics`). Called once, from src/features.ts.
 */
export function createModuleFeatures(
  modules: readonly AnyGridModule[],
  coreMetrics: () => MetricDefinition[],
): Feature[] {
  const reg = installModules(modules, coreMetrics);
  observeLinkedCases();
  const recordResolver = createRecordResolver(reg);
  const generated = generatedTypeRules(reg);

  const nodes: Record<string, NodeFetcher> = { Activity: getActivity, GridModule: getGridModule };
  for (const m of modules) {
    for (const [type, fetch] of Object.entries(m.nodes)) {
      if (nodes[type]) throw new Error(`node(id) fetcher for ${type} declared twice (module ${m.id})`);
      nodes[type] = fetch;
    }
  }

  const modulesFeature: Feature = {
    name: 'modules',
    area: 'activities',
    entities: [GridModule, GridModulePeriod, Activity, ModuleCaseLink, ...modules.flatMap((m) => m.entities)],
    resolvers: [
      ModulesResolver,
      GridModulesFieldResolver,
      GridModuleFieldResolver,
      ActivityFieldResolver,
      CaseModuleRecordsFieldResolver,
      ...(recordResolver ? [recordResolver] : []),
      ...modules.flatMap((m) => m.resolvers),
    ],
    permissions: mergeRules([
      {
        rules: {
          Query: { modules: authenticated, module: authenticated, activities: authenticated },
          Mutation: {
            enableModule: admin,
            updateModuleSettings: admin,
            disableModule: admin,
            ...generated.mutations,
          },
          Grid: { modules: authenticated, themeModule: authenticated, activities: authenticated },
          Case: { moduleRecords: authenticated },
          Module: authenticated,
          ModuleSettingField: authenticated,
          ModuleSettingOption: authenticated,
          ModuleActivityKind: authenticated,
          GridModule: authenticated,
          GridModulePeriod: authenticated,
          ActivityConnection: authenticated,
          ActivityEdge: authenticated,
          UninstalledModuleActivity: authenticated,
          // Labels only; reachable solely through fields that have their own rules.
          LocalizedText: allow,
          Metric: allow,
          ...generated.types,
        },
      },
      ...modules.map((m) => ({ rules: m.permissions })),
    ]),
    nodes,
    metrics: activityMetrics,
    // After every core step: module demo data builds on residents, staff and cases.
    seed: async (em, territory) => {
      for (const m of modules) {
        if (!m.seed) continue;
        await m.seed(em, territory);
        await em.flush();
      }
    },
  };

  const metricsFeature: Feature = {
    name: 'metrics',
    area: 'metrics',
    entities: [],
    resolvers: [MetricsResolver, GridMetricsFieldResolver],
    permissions: {
      Query: { metrics: authenticated, metricDefinitions: authenticated },
      Grid: { metrics: authenticated },
      MetricValue: authenticated,
    },
  };

  return [modulesFeature, metricsFeature];
}
