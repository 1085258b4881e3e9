import { getMetadataStorage } from 'type-graphql';
import { badInput } from '../graphql/errors';
import { buildKindTypes, type KindTypes } from './activity-types';
import type { ActivityKindSpec, AnyGridModule } from './define';
import { registerModuleEntity, registerModuleName } from './guard';
import type { MetricDefinition } from './metric';
import { MODULE_ID, SNAKE_KEY } from './naming';
import { checkSettingsSpec } from './settings';

/** One activity kind of an installed module, with its generated GraphQL types. */
export interface KindEntry {
  module: AnyGridModule;
  key: string;
  /** `<module id>.<key>` */
  code: string;
  spec: ActivityKindSpec;
  types: KindTypes;
}

/** A metric the `metrics` query can compute, core or module. */
export interface MetricEntry {
  definition: MetricDefinition;
  /** Set for module metrics: only grids where the module is or was enabled in the period count. */
  module?: AnyGridModule;
}

/**
 * The installed modules, their activity kinds and the metric catalogue. Built once at start-up from
 * `modules/index.ts`; a module with a broken manifest stops the start with the reason.
 */
export class ModuleRegistry {
  readonly modules: readonly AnyGridModule[];
  private readonly byId = new Map<string, AnyGridModule>();
  readonly kinds = new Map<string, KindEntry>();

  constructor(
    modules: readonly AnyGridModule[],
    private readonly coreMetrics: () => MetricDefinition[],
  ) {
    this.modules = modules;
    for (const m of modules) {
      const problems = manifestProblems(m);
      if (problems.length) throw new Error(`Module ${m.id}: ${problems.join('; ')}`);
      if (this.byId.has(m.id)) throw new Error(`Module ${m.id} is listed twice`);
      this.byId.set(m.id, m);
      registerModuleName(m.id, m.name);
      for (const e of m.entities) registerModuleEntity(e, m.id);
      for (const [key, spec] of Object.entries(m.activityKinds as Record<string, ActivityKindSpec>)) {
        const code = `${m.id}.${key}`;
        this.kinds.set(code, { module: m, key, code, spec, types: buildKindTypes(m.id, key, spec) });
      }
    }
  }

  find(id: string): AnyGridModule | undefined {
    return this.byId.get(id);
  }

  /** The module, or BAD_USER_INPUT naming `field`. */
  require(id: string, field: string): AnyGridModule {
    const m = this.byId.get(id);
    if (!m) {
      throw badInput(field, {
        en: `${field}: no installed module "${id}"`,
        zh: `${field}：没有已安装的模块“${id}”`,
      });
    }
    return m;
  }

  kind(code: string): KindEntry | undefined {
    return this.kinds.get(code);
  }

  /** Every metric, core first, then per module in installation order. */
  metrics(): MetricEntry[] {
    return [
      ...this.coreMetrics().map((definition) => ({ definition })),
      ...this.modules.flatMap((module) => module.metrics.map((definition) => ({ definition, module }))),
    ];
  }
}

let current: ModuleRegistry | undefined;

/** Installs the module list (once per process, when the features are assembled). */
export function installModules(
  modules: readonly AnyGridModule[],
  coreMetrics: () => MetricDefinition[],
): ModuleRegistry {
  if (current) throw new Error('Modules are already installed');
  current = new ModuleRegistry(modules, coreMetrics);
  return current;
}

export function registry(): ModuleRegistry {
  if (!current) throw new Error('No modules installed yet (src/features.ts installs them)');
  return current;
}

/**
 * What can be checked of a manifest without a database: naming, settings defaults, kinds, metric
 * codes. The contract suite adds what needs the ORM and the built schema (tables, types, rules).
 */
export function manifestProblems(m: AnyGridModule): string[] {
  const problems: string[] = [];
  if (!MODULE_ID.test(m.id)) problems.push(`id "${m.id}" is not kebab-case`);
  if (!/^\d+\.\d+\.\d+$/.test(m.version)) problems.push(`version "${m.version}" is not x.y.z`);
  if (!m.name?.zh || !m.name?.en) problems.push('name needs zh and en');
  if (!m.description?.zh || !m.description?.en) problems.push('description needs zh and en');
  problems.push(...checkSettingsSpec(m.settings));
  for (const [key, spec] of Object.entries(m.activityKinds as Record<string, ActivityKindSpec>)) {
    if (!SNAKE_KEY.test(key)) problems.push(`activity kind "${key}" is not snake_case`);
    if (!spec.label?.zh || !spec.label?.en) problems.push(`activity kind ${key}: label needs zh and en`);
    if (typeof spec.example !== 'function') problems.push(`activity kind ${key}: no example`);
  }
  const codes = new Set<string>();
  for (const metric of m.metrics) {
    const suffix = metric.code.slice(m.id.length + 1);
    if (!metric.code.startsWith(`${m.id}.`) || !SNAKE_KEY.test(suffix))
      problems.push(`metric code "${metric.code}" must be "${m.id}.<snake_case>"`);
    if (codes.has(metric.code)) problems.push(`metric code "${metric.code}" declared twice`);
    codes.add(metric.code);
    if (!metric.label?.zh || !metric.label?.en) problems.push(`metric ${metric.code}: label needs zh and en`);
  }
  const storage = getMetadataStorage();
  for (const e of m.entities) {
    const gqlName = storage.objectTypes.find((o) => o.target === e)?.name;
    if (gqlName && gqlName !== e.name)
      problems.push(`entity ${e.name} is exposed as ${gqlName}: use one name`);
  }
  return problems;
}
