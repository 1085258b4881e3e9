import type { EntityClass, EntityManager } from '@mikro-orm/postgresql';
import type { z } from 'zod';
import type { RuleMap } from '../auth/permissions';
import type { DemoTerritory } from '../db/seed/demo.seed';
import type { Message } from '../graphql/errors';
import type { NodeFetcher } from '../graphql/feature';
import type { RequestContext } from '../server/context';
import type { Grid } from '../territory/grid.entity';
import type { Activity } from './activity.entity';
import type { LinkedCaseChange } from './case-link';
import { recordActivity, type ActivityData } from './activity.service';
import { getSettings, requireEnabled, type EnabledGrid } from './enablement.service';
import { moduleEvent } from './events';
import type { MetricDefinition } from './metric';
import type { SettingsSpec, SettingsValues } from './settings';

/** A kind of activity a module records, e.g. `clinic` of `elderly-care` (code `elderly-care.clinic`). */
export interface ActivityKindSpec<
  D extends z.ZodTypeAny = z.ZodTypeAny,
  V = Readonly<Record<string, unknown>>,
> {
  label: Message;
  description: Message;
  /** The kind's own fields: a zod object (see src/modules/details.ts for what maps to GraphQL). */
  details: D;
  /** Participants and beneficiaries derived from the details, used when the input leaves them out. */
  counts?(details: z.output<D>): { participants?: number; beneficiaries?: number };
  /** Checks against the database (referenced records on the same grid...); throw BAD_USER_INPUT. */
  validate?(ctx: RequestContext, target: EnabledGrid<V>, details: z.output<D>): Promise<void>;
  /** Changes the module's own records in the same unit of work as the activity. */
  onRecorded?(
    ctx: RequestContext,
    target: EnabledGrid<V>,
    activity: Activity,
    details: z.output<D>,
  ): Promise<void>;
  /**
   * Valid details on a grid where the module's demo data exists (references as uuids): documents the
   * kind and lets the contract suite record one through GraphQL.
   */
  example(em: EntityManager, gridId: string): Promise<z.input<D>>;
}

/**
 * Declares a module's settings, keeping their literal types (so enum values and defaults are known
 * to TypeScript). Kinds and services type their settings from it.
 */
export function defineSettings<const S extends SettingsSpec>(settings: S): S {
  return settings;
}

/**
 * The `activityKind` helper for a module with settings `S`: infers each kind's details type for its
 * callbacks and types the grid settings they receive.
 */
export function kindsFor<S extends SettingsSpec>() {
  return <D extends z.ZodTypeAny>(
    spec: ActivityKindSpec<D, SettingsValues<S>>,
  ): ActivityKindSpec<D, SettingsValues<S>> => spec;
}

/** `kindsFor` for a module without settings. */
export function activityKind<D extends z.ZodTypeAny>(spec: ActivityKindSpec<D>): ActivityKindSpec<D> {
  return spec;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ActivityKinds = Record<string, ActivityKindSpec<z.ZodTypeAny, any>>;

export interface ModuleIdentity {
  /** kebab-case, never renamed: prefixes tables, GraphQL types, activity kinds, events and metric codes. */
  id: string;
  /** Semantic version of the module. */
  version: string;
  name: Message;
  description: Message;
}

export interface ModuleDeclaration<S extends SettingsSpec, K extends ActivityKinds> extends ModuleIdentity {
  /** Per-grid settings; their values are typed in the module's code. */
  settings: S;
  activityKinds: K;
}

/**
 * A declared module: what its own code works with. Declared first (in `<id>.module.ts`), so services
 * and resolvers can use it without importing the manifest that lists them.
 */
export interface ModuleContract<
  S extends SettingsSpec = SettingsSpec,
  K extends ActivityKinds = ActivityKinds,
> extends ModuleDeclaration<S, K> {
  /**
   * The grid, if the viewer may write there (else FORBIDDEN) and the module is on for it (else
   * MODULE_NOT_ENABLED), with its settings. Every module write starts here.
   */
  requireEnabled(ctx: RequestContext, gridId: string): Promise<EnabledGrid<SettingsValues<S>>>;
  /** The grid's current settings (defaults when the module was never enabled there). */
  getSettings(ctx: RequestContext, gridId: string): Promise<SettingsValues<S>>;
  /** Validates and queues an activity of this module; the caller flushes (one transaction). */
  recordActivity<T extends keyof K & string>(
    ctx: RequestContext,
    kind: T,
    gridId: string,
    data: ActivityData<z.input<K[T]['details']>>,
  ): Promise<Activity>;
  /** Queues a domain event `<module id>.<name>` in the unit of work. */
  event(
    ctx: RequestContext,
    name: string,
    subject: { type: string; id: string },
    placement: { streetId: string; communityId: string; gridId: string },
    payload?: Record<string, unknown>,
  ): void;
}

export interface ModuleHooks<V> {
  /** After the module is switched on for a grid, in the same transaction. */
  onEnable?(ctx: RequestContext, grid: Grid, settings: V): Promise<void>;
  /** Before switching off; return a message to refuse (the admin gets CONFLICT with it). */
  beforeDisable?(ctx: RequestContext, grid: Grid, settings: V): Promise<Message | null | undefined>;
  /** After settings changed, in the same transaction. */
  onSettingsChange?(ctx: RequestContext, grid: Grid, before: V, after: V): Promise<void>;
  /**
   * A case this module opened for one of its records (`openLinkedCase`) changed state: resolved,
   * reopened, rejected, closed... Runs in the case's own transaction, also on grids where the module
   * is off now; bring the record in step (`linkedCaseOutcome` tells how the case stands).
   */
  onLinkedCaseChanged?(change: LinkedCaseChange): Promise<void>;
}

/** Demo data for the module: finds its grid by theme, enables itself there and adds records. */
export type ModuleSeed = (em: EntityManager, territory: DemoTerritory) => Promise<void>;

export interface ModuleParts<S extends SettingsSpec> {
  /** MikroORM entities it owns; tables named `<module_id>_*`. */
  entities?: EntityClass<unknown>[];
  /** type-graphql resolvers; may add fields to core types. */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  resolvers?: Function[];
  metrics?: MetricDefinition[];
  /** graphql-shield rules for its types and root fields (everything else is denied). */
  permissions?: RuleMap;
  /** `node(id)` fetchers for its types. */
  nodes?: Record<string, NodeFetcher>;
  hooks?: ModuleHooks<SettingsValues<S>>;
  seed?: ModuleSeed;
}

/** An installable module: its declaration and everything it contributes. Listed in modules/index.ts. */
export interface GridModuleManifest<
  S extends SettingsSpec = SettingsSpec,
  K extends ActivityKinds = ActivityKinds,
> extends ModuleContract<S, K> {
  entities: EntityClass<unknown>[];
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  resolvers: Function[];
  metrics: MetricDefinition[];
  permissions: RuleMap;
  nodes: Record<string, NodeFetcher>;
  hooks: ModuleHooks<SettingsValues<S>>;
  seed?: ModuleSeed;
}

/** Any installed module, whatever its settings and kinds. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyGridModule = GridModuleManifest<any, any>;

/** Declares a module's identity, settings and activity kinds: the typed handle its own code uses. */
export function declareGridModule<const S extends SettingsSpec, K extends ActivityKinds>(
  decl: ModuleDeclaration<S, K>,
): ModuleContract<S, K> {
  const contract: ModuleContract<S, K> = {
    ...decl,
    requireEnabled: (ctx, gridId) =>
      requireEnabled(ctx, contract, gridId) as Promise<EnabledGrid<SettingsValues<S>>>,
    getSettings: (ctx, gridId) => getSettings(ctx, contract, gridId) as Promise<SettingsValues<S>>,
    recordActivity: (ctx, kind, gridId, data) => recordActivity(ctx, contract, kind, gridId, data),
    event: (ctx, name, subject, placement, payload) =>
      moduleEvent(ctx, contract, name, subject, placement, payload),
  };
  return contract;
}

/**
 * The installable module: its declaration plus entities, resolvers, metrics, permissions, hooks and
 * demo seed. `modules/<id>/index.ts` exports this, and `modules/index.ts` lists it: nothing else.
 */
export function defineGridModule<S extends SettingsSpec, K extends ActivityKinds>(
  contract: ModuleContract<S, K>,
  parts: ModuleParts<S>,
): GridModuleManifest<S, K> {
  return Object.assign(contract, {
    entities: parts.entities ?? [],
    resolvers: parts.resolvers ?? [],
    metrics: parts.metrics ?? [],
    permissions: parts.permissions ?? {},
    nodes: parts.nodes ?? {},
    hooks: parts.hooks ?? {},
    seed: parts.seed,
  });
}
