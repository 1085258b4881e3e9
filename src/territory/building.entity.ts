import { Entity, Index, ManyToOne, Property, Unique, type Opt } from '@mikro-orm/postgresql';
import { Field, Int, ObjectType } from 'type-graphql';
import { Node, ScopedEntity } from '../db/base.entity';
import type { ExternalRef } from '../db/external-ref';

/** 楼栋: a residential building (or a compound's block) inside a grid. */
@ObjectType('Building', { implements: Node, description: '楼栋 — a building inside a grid.' })
@Entity()
@Unique({ properties: ['source', 'externalId'] })
@Index({ properties: ['gridId', 'name'] })
export class Building extends ScopedEntity implements ExternalRef {
  @ManyToOne({ entity: 'MicroGrid', mapToPk: true, fieldName: 'micro_grid_id', nullable: true, index: true })
  microGridId?: string | null;

  @Field(() => String, { description: 'Name or number, e.g. "3号楼".' })
  @Property({ type: 'string', length: 100 })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Street address.' })
  @Property({ type: 'string', length: 200, nullable: true })
  address?: string | null;

  @Field(() => Int, { nullable: true, description: 'Number of floors.' })
  @Property({ type: 'integer', nullable: true })
  floors?: number | null;

  @Field(() => Boolean, {
    description: 'Whether people live in it (the report counts residential buildings).',
  })
  @Property({ type: 'boolean', default: true })
  residential: Opt<boolean> = true;

  @Property({ type: 'string', length: 64, nullable: true })
  source?: string | null;

  @Property({ type: 'string', length: 128, nullable: true })
  externalId?: string | null;
}
