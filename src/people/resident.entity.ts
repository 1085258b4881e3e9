import { Entity, Enum, Index, ManyToOne, Property, Unique, type Opt } from '@mikro-orm/postgresql';
import { ObjectType, registerEnumType } from 'type-graphql';
import { Node, ScopedEntity } from '../db/base.entity';
import type { ExternalRef } from '../db/external-ref';

export enum Gender {
  MALE = 'MALE',
  FEMALE = 'FEMALE',
}
registerEnumType(Gender, {
  name: 'Gender',
  description: 'Gender.',
  valuesConfig: { MALE: { description: '男 male' }, FEMALE: { description: '女 female' } },
});

export enum ResidencyType {
  PERMANENT = 'PERMANENT',
  REGISTERED = 'REGISTERED',
  FLOATING = 'FLOATING',
}
registerEnumType(ResidencyType, {
  name: 'ResidencyType',
  description: 'How a resident lives in the community.',
  valuesConfig: {
    PERMANENT: { description: '常住 permanent resident' },
    REGISTERED: { description: '户籍 registered here (hukou)' },
    FLOATING: { description: '流动 floating population' },
  },
});

/**
 * 居民: a person living in the territory. Every personal field but the name is optional: residents
 * may refuse to give them. ID number and phone are stored as given and only ever shown masked,
 * unless revealed through the audited path.
 */
@ObjectType('Resident', { implements: Node, description: '居民 — a resident.' })
@Entity()
@Unique({ properties: ['source', 'externalId'] })
@Index({ properties: ['gridId', 'name'] })
@Index({ properties: ['gridId', 'birthDate'] })
export class Resident extends ScopedEntity implements ExternalRef {
  @ManyToOne({ entity: 'Household', mapToPk: true, fieldName: 'household_id', nullable: true, index: true })
  householdId?: string | null;

  @ManyToOne({ entity: 'Building', mapToPk: true, fieldName: 'building_id', nullable: true, index: true })
  buildingId?: string | null;

  @ManyToOne({ entity: 'BuildingUnit', mapToPk: true, fieldName: 'unit_id', nullable: true })
  unitId?: string | null;

  @Property({ type: 'string', length: 100 })
  name!: string;

  @Enum({ items: () => Gender, nativeEnumName: 'gender', nullable: true })
  gender?: Gender | null;

  @Property({ type: 'date', nullable: true })
  birthDate?: string | null;

  /** 18-character resident ID number, checksum-validated on input. */
  @Property({ type: 'string', length: 18, nullable: true, lazy: false })
  @Index()
  idNumber?: string | null;

  @Property({ type: 'string', length: 20, nullable: true })
  phone?: string | null;

  @Enum({ items: () => ResidencyType, nativeEnumName: 'residency_type', nullable: true })
  residency?: ResidencyType | null;

  /** Relation to the head of household, e.g. 户主, 配偶, 子女. */
  @Property({ type: 'string', length: 32, nullable: true })
  relationToHead?: string | null;

  /** The resident declined to give optional information (the report counts these). */
  @Property({ type: 'boolean', default: false })
  refusedInfo: Opt<boolean> = false;

  @Property({ type: 'string', length: 64, nullable: true })
  source?: string | null;

  @Property({ type: 'string', length: 128, nullable: true })
  externalId?: string | null;
}
