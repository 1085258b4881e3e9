import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique, type Opt } from '@mikro-orm/postgresql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ObjectType } from 'type-graphql';
import { v7 as uuidv7 } from 'uuid';
import { BaseEntity, Node } from '../db/base.entity';

/**
 * A module switched on (or off again) for one grid, with its settings. Enabling is data only: the
 * module's tables exist either way, and disabling keeps every record it wrote.
 */
@ObjectType('GridModule', {
  implements: Node,
  description: 'A characteristic-grid module on one grid: whether it is on, since when, and its settings.',
})
@Entity({ tableName: 'grid_module' })
@Unique({ properties: ['gridId', 'moduleId'] })
@Index({ properties: ['moduleId', 'enabled'] })
export class GridModule extends BaseEntity {
  @ManyToOne({ entity: 'Street', mapToPk: true, fieldName: 'street_id', index: true })
  streetId!: string;

  @ManyToOne({ entity: 'Community', mapToPk: true, fieldName: 'community_id', index: true })
  communityId!: string;

  @ManyToOne({ entity: 'Grid', mapToPk: true, fieldName: 'grid_id', index: true })
  gridId!: string;

  @Field(() => String, { description: 'Id of the module, e.g. "elderly-care".' })
  @Property({ type: 'string', length: 64 })
  moduleId!: string;

  @Field(() => Boolean, { description: 'Whether the module is on for this grid now.' })
  @Property({ type: 'boolean' })
  enabled!: boolean;

  @Field(() => GraphQLJSONObject, {
    description: "Current settings, every declared setting present (see the module's `settings`).",
  })
  @Property({ type: 'json' })
  settings: Opt<Record<string, unknown>> = {};

  @Field(() => Date, { description: 'When the module was (last) switched on for this grid.' })
  @Property({ type: 'datetime' })
  enabledAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When it was switched off; null while enabled.' })
  @Property({ type: 'datetime', nullable: true })
  disabledAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'Why it was switched off, if a reason was given.' })
  @Property({ type: 'string', length: 500, nullable: true })
  disabledReason?: string | null;

  /** Two admins changing the same enablement at once: the second one is refused, not merged. */
  @Property({ type: 'integer', version: true })
  version!: Opt<number>;
}

/**
 * One stretch of time a module was on for a grid. Metrics over a period count a grid for a module
 * when one of these overlaps the period, so switching a module off never rewrites past figures.
 */
@ObjectType('GridModulePeriod', { description: 'A stretch of time a module was enabled for a grid.' })
@Entity({ tableName: 'grid_module_period' })
@Index({ properties: ['moduleId', 'gridId', 'startedAt'] })
export class GridModulePeriod {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @ManyToOne({ entity: 'GridModule', mapToPk: true, fieldName: 'grid_module_id', index: true })
  gridModuleId!: string;

  @ManyToOne({ entity: 'Grid', mapToPk: true, fieldName: 'grid_id' })
  gridId!: string;

  @Property({ type: 'string', length: 64 })
  moduleId!: string;

  @Field(() => Date, { description: 'When the module was switched on.' })
  @Property({ type: 'datetime' })
  startedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When it was switched off; null while still on.' })
  @Property({ type: 'datetime', nullable: true })
  endedAt?: Date | null;
}
