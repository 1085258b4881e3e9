import { Entity, Property, Unique } from '@mikro-orm/postgresql';
import { Field, ObjectType } from 'type-graphql';
import { Node, ScopedEntity } from '../db/base.entity';

/** 微网格: a part of a grid looked after by a micro-grid chief (a few buildings). */
@ObjectType('MicroGrid', { implements: Node, description: '微网格 — a micro-grid, a part of a grid.' })
@Entity()
@Unique({ properties: ['gridId', 'code'] })
export class MicroGrid extends ScopedEntity {
  @Field(() => String, { description: 'Code, unique within the grid.' })
  @Property({ type: 'string', length: 32 })
  code!: string;

  @Field(() => String, { description: 'Name, e.g. "3号楼微网格".' })
  @Property({ type: 'string', length: 100 })
  name!: string;
}
