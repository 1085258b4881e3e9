import { Entity, Enum, Index, ManyToOne, Property, Unique } from '@mikro-orm/postgresql';
import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, ObjectType } from 'type-graphql';
import { Node, ScopedEntity } from '../db/base.entity';
import { LocalDateType } from '../db/local-date.type';
import { SentimentCategory } from './staff.enums';

/** 民情日志: one entry of a grid worker's visit diary, on their grid. */
@ObjectType('SentimentLog', {
  implements: Node,
  description: '民情日志 — an entry of a grid staff member’s visit diary.',
})
@Entity()
@Index({ properties: ['gridId', 'date'] })
@Index({ properties: ['communityId', 'date'] })
@Index({ properties: ['staffMemberId', 'date'] })
export class SentimentLog extends ScopedEntity {
  @ManyToOne({ entity: 'StaffMember', mapToPk: true, fieldName: 'staff_member_id' })
  staffMemberId!: string;

  @ManyToOne({ entity: 'Household', mapToPk: true, fieldName: 'household_id', nullable: true, index: true })
  householdId?: string | null;

  @Field(() => GraphQLLocalDate, { description: 'Day of the visit or observation.' })
  @Property({ type: LocalDateType })
  date!: string;

  @Field(() => SentimentCategory, { description: 'What the entry is about.' })
  @Enum({ items: () => SentimentCategory, nativeEnumName: 'sentiment_category' })
  category!: SentimentCategory;

  @Field(() => String, { description: 'What was seen or heard.' })
  @Property({ type: 'text' })
  content!: string;

  @Field(() => String, { nullable: true, description: 'What was done about it, or is to be done.' })
  @Property({ type: 'text', nullable: true })
  followUp?: string | null;
}

/** 民情日志本: a numbered log book issued to a staff member. */
@ObjectType('LogBook', {
  implements: Node,
  description: '民情日志本 — a numbered log book issued to a staff member.',
})
@Entity()
@Unique({ properties: ['communityId', 'number'] })
@Index({ properties: ['gridId', 'issuedAt'] })
export class LogBook extends ScopedEntity {
  @ManyToOne({ entity: 'StaffMember', mapToPk: true, fieldName: 'staff_member_id', index: true })
  staffMemberId!: string;

  @Field(() => String, { description: 'Number printed on the book, unique within the community.' })
  @Property({ type: 'string', length: 32 })
  number!: string;

  @Field(() => Date, { description: 'When it was issued.' })
  @Property({ type: 'datetime' })
  issuedAt!: Date;
}
