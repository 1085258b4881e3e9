import { Entity, ManyToOne, Property, Unique } from '@mikro-orm/postgresql';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity, Node } from '../db/base.entity';
import type { ExternalRef } from '../db/external-ref';

/** 社区: a residents' community, divided into grids. */
@ObjectType('Community', { implements: Node, description: '社区 — a community, divided into grids.' })
@Entity()
@Unique({ properties: ['source', 'externalId'] })
export class Community extends BaseEntity implements ExternalRef {
  @ManyToOne({ entity: 'Street', mapToPk: true, fieldName: 'street_id', index: true })
  streetId!: string;

  @Field(() => String, { description: 'Short unique code, e.g. "SQ0101".' })
  @Property({ type: 'string', length: 32 })
  @Unique()
  code!: string;

  @Field(() => String, { description: 'Name, e.g. "幸福社区".' })
  @Property({ type: 'string', length: 100 })
  name!: string;

  @Property({ type: 'string', length: 64, nullable: true })
  source?: string | null;

  @Property({ type: 'string', length: 128, nullable: true })
  externalId?: string | null;
}
