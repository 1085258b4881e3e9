import { Entity, Enum, Index, Property, type Opt } from '@mikro-orm/postgresql';
import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, Float, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDateType, ModuleRecord, Node } from '../../src/modules';

/** The six phases of an old-community renovation, in order: 拆、整、改、建、清、管. */
export enum LivelihoodPhase {
  DEMOLISH = 'DEMOLISH',
  RECTIFY = 'RECTIFY',
  RENOVATE = 'RENOVATE',
  BUILD = 'BUILD',
  CLEAN = 'CLEAN',
  MANAGE = 'MANAGE',
}
registerEnumType(LivelihoodPhase, {
  name: 'LivelihoodPhase',
  description: 'Phase of an old-community renovation (拆整改建清管), in this order.',
  valuesConfig: {
    DEMOLISH: { description: '拆 — demolish illegal structures and walls' },
    RECTIFY: { description: '整 — rectify the environment and overhead wiring' },
    RENOVATE: { description: '改 — renovate pipes, roads and facilities' },
    BUILD: { description: '建 — build new facilities (parking, greening, services)' },
    CLEAN: { description: '清 — clean up the site' },
    MANAGE: { description: '管 — long-term management after handover' },
  },
});

/** The phases in order: the list the forward-only rule goes by. */
export const LIVELIHOOD_PHASES: readonly LivelihoodPhase[] = Object.values(LivelihoodPhase);

export enum LivelihoodScopeItemKind {
  PIPE_NETWORK = 'PIPE_NETWORK',
  WIRING = 'WIRING',
  ROAD_HARDENING = 'ROAD_HARDENING',
  FENCES_REMOVED = 'FENCES_REMOVED',
  ILLEGAL_STRUCTURES_CLEARED = 'ILLEGAL_STRUCTURES_CLEARED',
  ENVIRONMENT = 'ENVIRONMENT',
}
registerEnumType(LivelihoodScopeItemKind, {
  name: 'LivelihoodScopeItemKind',
  description: 'A kind of work in a renovation project.',
  valuesConfig: {
    PIPE_NETWORK: { description: '管网改造 water, drainage and gas pipes (米)' },
    WIRING: { description: '线路整治 overhead and weak-current wiring (米)' },
    ROAD_HARDENING: { description: '道路硬化 road hardening (平方米)' },
    FENCES_REMOVED: { description: '拆除围墙围栏 fences and walls removed (米)' },
    ILLEGAL_STRUCTURES_CLEARED: { description: '拆除违建 illegal structures cleared (平方米)' },
    ENVIRONMENT: { description: '环境整治 environment and greening (平方米)' },
  },
});

/** The unit each kind of work is measured in. */
export const SCOPE_UNITS: Record<LivelihoodScopeItemKind, string> = {
  PIPE_NETWORK: '米',
  WIRING: '米',
  ROAD_HARDENING: '平方米',
  FENCES_REMOVED: '米',
  ILLEGAL_STRUCTURES_CLEARED: '平方米',
  ENVIRONMENT: '平方米',
};

@ObjectType('LivelihoodScopeItem', { description: 'One kind of work in a renovation project.' })
export class LivelihoodScopeItem {
  @Field(() => LivelihoodScopeItemKind, { description: 'The kind of work.' })
  item!: LivelihoodScopeItemKind;

  @Field(() => Float, { nullable: true, description: 'How much, in `unit`; null when not measured.' })
  quantity?: number | null;

  @Field(() => String, { description: 'Unit of the quantity (米, 平方米), fixed by the kind of work.' })
  unit!: string;

  @Field(() => String, { nullable: true, description: 'Notes, e.g. which pipes.' })
  note?: string | null;
}

/** 老旧小区改造项目: an old-community renovation project of a grid. */
@ObjectType('LivelihoodProject', {
  implements: Node,
  description: '老旧小区改造项目 — an old-community renovation project moving through 拆整改建清管.',
})
@Entity({ tableName: 'livelihood_project' })
@Index({ properties: ['gridId', 'phase'] })
export class LivelihoodProject extends ModuleRecord {
  @Field(() => String, { description: 'Name, e.g. "东湖小区一期改造".' })
  @Property({ type: 'string', length: 200 })
  name!: string;

  @Field(() => String, { nullable: true, description: 'What the project does and why.' })
  @Property({ type: 'string', length: 1000, nullable: true })
  summary?: string | null;

  @Field(() => LivelihoodPhase, { description: 'The phase it is in now.' })
  @Enum({ items: () => LivelihoodPhase, nativeEnumName: 'livelihood_phase' })
  phase!: LivelihoodPhase;

  /** The phase it was registered in: with the phase changes, what it was in at any time. */
  @Enum({ items: () => LivelihoodPhase, nativeEnumName: 'livelihood_phase' })
  initialPhase!: LivelihoodPhase;

  @Field(() => Date, { description: 'Since when it is in its current phase.' })
  @Property({ type: 'datetime' })
  phaseSince!: Date;

  @Field(() => [LivelihoodScopeItem], { description: 'The work it covers (管网、线路、道路…).' })
  @Property({ type: 'json' })
  scope!: LivelihoodScopeItem[];

  /** Buildings of the same grid it covers; none when it covers the whole compound. */
  @Property({ type: 'json' })
  buildingIds: Opt<string[]> = [];

  @Field(() => GraphQLLocalDate, { description: 'When it started (or was registered).' })
  @Property({ type: LocalDateType })
  startedOn!: string;
}
