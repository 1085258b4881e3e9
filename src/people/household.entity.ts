import { Entity, Index, ManyToOne, Property, Unique } from '@mikro-orm/postgresql';
import { Field, ObjectType } from 'type-graphql';
import { Node, ScopedEntity } from '../db/base.entity';
import type { ExternalRef } from '../db/external-ref';

/** 户: a household living at one address, in a building unit of a grid. */
@ObjectType('Household', { implements: Node, description: '户 — a household at one address.' })
@Entity()
@Unique({ properties: ['source', 'externalId'] })
@Index({ properties: ['gridId', 'id'] })
export class Household extends ScopedEntity implements ExternalRef {
  @ManyToOne({ entity: 'Building', mapToPk: true, fieldName: 'building_id', nullable: true, index: true })
  buildingId?: string | null;

  @ManyToOne({ entity: 'BuildingUnit', mapToPk: true, fieldName: 'unit_id', nullable: true, index: true })
  unitId?: string | null;

  @Field(() => String, { nullable: true, description: 'Household number (户号) as registered.' })
  @Property({ type: 'string', length: 64, nullable: true })
  householdNumber?: string | null;

  @Field(() => String, { nullable: true, description: 'Room (房号), e.g. "302".' })
  @Property({ type: 'string', length: 32, nullable: true })
  room?: string | null;

  @Field(() => String, { description: 'Address as written on the ledger.' })
  @Property({ type: 'string', length: 300 })
  address!: string;

  @Property({ type: 'string', length: 64, nullable: true })
  source?: string | null;

  @Property({ type: 'string', length: 128, nullable: true })
  externalId?: string | null;
}
