import type { EntityClass } from '@mikro-orm/postgresql';
import type { NonEmptyArray } from 'type-graphql';
import type { RuleMap, ScopeArea } from '../auth/permissions';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AppServices, RequestContext } from '../server/context';
import type { DemoSeedStep } from '../db/seed/demo.seed';
import type { MetricDefinition } from '../modules/metric';

/** Loads one object for `node(id)`, inside the viewer's jurisdiction, or throws NOT_FOUND. */
export type NodeFetcher = (ctx: RequestContext, id: string) => Promise<object>;

/**
 * What a core folder contributes to the application: its tables, its part of the schema, its
 * permission rules and its `node(id)` fetchers. `src/app.ts` lists the core features explicitly.
 */
export interface Feature {
  name: string;
  entities: EntityClass<unknown>[];
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  resolvers: Function[];
  permissions: RuleMap;
  /** The API-key scope area of this feature's `authenticated` fields (keys need `<area>:read` / `:write`). */
  area?: ScopeArea;
  nodes?: Record<string, NodeFetcher>;
  /** Adds this feature's demo data after the demo territory and accounts exist. */
  seed?: DemoSeedStep;
  /** Core metrics this feature declares (the `metrics` query computes them for any territory node). */
  metrics?: MetricDefinition[];
  /** Background jobs run on an interval by every server process; each must be safe to run concurrently. */
  workers?: WorkerDefinition[];
}

/** A periodic background job (e.g. the SLA sweeper). It gets a fresh EntityManager per run. */
export interface WorkerDefinition {
  name: string;
  intervalMs: number;
  run(em: EntityManager, app: AppServices): Promise<void>;
}

export type ResolverList = NonEmptyArray<Function>; // eslint-disable-line @typescript-eslint/no-unsafe-function-type
