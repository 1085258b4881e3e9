import { Entity, Property, Unique } from '@mikro-orm/postgresql';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity, Node } from '../db/base.entity';
import type { ExternalRef } from '../db/external-ref';

/** 街道: a street office's area, the top of the territory. */
@ObjectType('Street', { implements: Node, description: '街道 — a street office and its area.' })
@Entity()
@Unique({ properties: ['source', 'externalId'] })
export class Street extends BaseEntity implements ExternalRef {
  @Field(() => String, { description: 'Short unique code, e.g. "JD01".' })
  @Property({ type: 'string', length: 32 })
  @Unique()
  code!: string;

  @Field(() => String, { description: 'Name, e.g. "东湖街道".' })
  @Property({ type: 'string', length: 100 })
  name!: string;

  @Property({ type: 'string', length: 64, nullable: true })
  source?: string | null;

  @Property({ type: 'string', length: 128, nullable: true })
  externalId?: string | null;
}
