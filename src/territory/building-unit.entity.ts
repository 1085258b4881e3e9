import { Entity, ManyToOne, Property, Unique } from '@mikro-orm/postgresql';
import { Field, ObjectType } from 'type-graphql';
import { Node, ScopedEntity } from '../db/base.entity';

/** 单元: a stairwell/entrance of a building, looked after by a unit head. */
@ObjectType('BuildingUnit', { implements: Node, description: '单元 — a unit (entrance) of a building.' })
@Entity()
@Unique({ properties: ['buildingId', 'name'] })
export class BuildingUnit extends ScopedEntity {
  @ManyToOne({ entity: 'Building', mapToPk: true, fieldName: 'building_id', index: true })
  buildingId!: string;

  @Field(() => String, { description: 'Name, e.g. "1单元".' })
  @Property({ type: 'string', length: 50 })
  name!: string;
}
