import { Entity, Enum, Index, ManyToOne, Property, Unique, type Opt } from '@mikro-orm/postgresql';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLLocalDate } from 'graphql-scalars';
import { Node, ScopedEntity } from '../db/base.entity';
import type { ExternalRef } from '../db/external-ref';
import { LocalDateType } from '../db/local-date.type';

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
 * unless revealed through the audited path; they carry no GraphQL field here on purpose, the
 * resolver exposes only their masked form.
 */
@ObjectType('Resident', {
  implements: Node,
  description:
    '居民 — a resident. `idNumber` and `phone` are always masked; sensitive tags (DISABLED, LOW_INCOME, ' +
    'SPECIAL_HARDSHIP) appear in `tags` only for administrators and grid chiefs, everyone else sees ' +
    '`needsSupport` instead.',
})
@Entity()
@Unique({ properties: ['source', 'externalId'] })
@Index({ properties: ['gridId', 'name'] })
@Index({ properties: ['communityId', 'name'] })
// Lists are paged on the id (keyset): these serve "the residents of a grid/community, in id order".
@Index({ properties: ['gridId', 'id'] })
@Index({ properties: ['communityId', 'id'] })
@Index({ properties: ['gridId', 'birthDate'] })
@Index({ properties: ['communityId', 'birthDate'] })
@Index({ properties: ['gridId', 'residency'] })
export class Resident extends ScopedEntity implements ExternalRef {
  @ManyToOne({ entity: 'Household', mapToPk: true, fieldName: 'household_id', nullable: true, index: true })
  householdId?: string | null;

  @ManyToOne({ entity: 'Building', mapToPk: true, fieldName: 'building_id', nullable: true, index: true })
  buildingId?: string | null;

  @ManyToOne({ entity: 'BuildingUnit', mapToPk: true, fieldName: 'unit_id', nullable: true })
  unitId?: string | null;

  @Field(() => String, { description: 'Name (姓名).' })
  @Property({ type: 'string', length: 100 })
  name!: string;

  @Field(() => Gender, { nullable: true, description: 'Gender; null when not given.' })
  @Enum({ items: () => Gender, nativeEnumName: 'gender', nullable: true })
  gender?: Gender | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Date of birth; null when not given.' })
  @Property({ type: LocalDateType, nullable: true })
  birthDate?: string | null;

  /**
   * 18-character resident ID number, checksum-validated on input. Unique: the same person cannot be
   * registered twice (duplicates are refused without saying where the other record is).
   */
  @Property({ type: 'string', length: 18, nullable: true, lazy: false })
  @Unique()
  idNumber?: string | null;

  @Property({ type: 'string', length: 20, nullable: true })
  phone?: string | null;

  @Field(() => ResidencyType, {
    nullable: true,
    description: 'Residency (常住/户籍/流动); null when not given.',
  })
  @Enum({ items: () => ResidencyType, nativeEnumName: 'residency_type', nullable: true })
  residency?: ResidencyType | null;

  /** Relation to the head of household, e.g. 户主, 配偶, 子女. */
  @Field(() => String, {
    nullable: true,
    description: 'Relation to the head of household (与户主关系), e.g. 户主, 配偶, 子女.',
  })
  @Property({ type: 'string', length: 32, nullable: true })
  relationToHead?: string | null;

  /** The resident declined to give optional information (the report counts these). */
  @Field(() => Boolean, {
    description:
      'The resident declined to give optional information (拒绝提供信息); what they declined stays empty.',
  })
  @Property({ type: 'boolean', default: false })
  refusedInfo: Opt<boolean> = false;

  /** What the resident said when declining (e.g. 保护隐私); the roster's completeness figures count them. */
  @Field(() => String, {
    nullable: true,
    description: 'Why the resident declined (拒绝提供的原因, e.g. 保护隐私), when they did.',
  })
  @Property({ type: 'string', length: 100, nullable: true })
  refusalReason?: string | null;

  @Property({ type: 'string', length: 64, nullable: true })
  source?: string | null;

  @Property({ type: 'string', length: 128, nullable: true })
  externalId?: string | null;
}
