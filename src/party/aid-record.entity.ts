import { DecimalType, Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/postgresql';
import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Node, ScopedEntity } from '../db/base.entity';
import { LocalDateType } from '../db/local-date.type';

export enum AidKind {
  CASH = 'CASH',
  GOODS = 'GOODS',
  SERVICE = 'SERVICE',
  POLICY = 'POLICY',
}
registerEnumType(AidKind, {
  name: 'AidKind',
  description: 'Kind of aid given to a household (扶贫帮困).',
  valuesConfig: {
    CASH: { description: '慰问金 cash' },
    GOODS: { description: '物资 goods' },
    SERVICE: { description: '服务 service' },
    POLICY: { description: '政策帮扶 help obtaining a policy benefit' },
  },
});

/**
 * Aid given to one household (扶贫帮困), placed in the household's grid; re-gridding moves it with
 * the household.
 */
@ObjectType('AidRecord', { implements: Node, description: '帮扶记录 — aid given to a household.' })
@Entity()
@Index({ properties: ['gridId', 'givenOn'] })
@Index({ properties: ['communityId', 'givenOn'] })
@Index({ properties: ['streetId', 'givenOn'] })
export class AidRecord extends ScopedEntity {
  @ManyToOne({ entity: 'Household', mapToPk: true, fieldName: 'household_id', index: true })
  householdId!: string;

  @Field(() => GraphQLLocalDate, { description: 'The day the aid was given.' })
  @Property({ type: LocalDateType })
  givenOn!: string;

  @Field(() => AidKind, { description: 'Kind of aid.' })
  @Enum({ items: () => AidKind, nativeEnumName: 'aid_kind' })
  kind!: AidKind;

  @Field(() => String, { description: 'What was given or done.' })
  @Property({ type: 'string', length: 500 })
  description!: string;

  @Field(() => Float, {
    nullable: true,
    description: 'Amount in yuan (元), two decimals; cash or value of goods.',
  })
  @Property({ type: new DecimalType('number'), precision: 12, scale: 2, nullable: true })
  amount?: number | null;

  @Field(() => Int, { description: 'People of the household helped (at least 1).' })
  @Property({ type: 'integer' })
  peopleHelped!: number;

  @ManyToOne({
    entity: 'Organization',
    mapToPk: true,
    fieldName: 'given_by_organization_id',
    nullable: true,
    index: true,
    deleteRule: 'set null',
  })
  givenByOrganizationId?: string | null;

  @ManyToOne({
    entity: 'PartyOrganization',
    mapToPk: true,
    fieldName: 'given_by_party_organization_id',
    nullable: true,
    index: true,
  })
  givenByPartyOrganizationId?: string | null;

  @Field(() => String, {
    description: 'Who gave it, as shown on the ledger (an organization’s name or free text).',
  })
  @Property({ type: 'string', length: 200 })
  givenBy!: string;

  /** The user who recorded it. */
  @Property({ type: 'uuid', nullable: true })
  recordedById?: string | null;
}
