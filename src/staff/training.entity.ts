import { Entity, Index, ManyToOne, Property, Unique } from '@mikro-orm/postgresql';
import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, Float, ObjectType } from 'type-graphql';
import { BaseEntity, Node, ScopedEntity } from '../db/base.entity';
import { LocalDateType } from '../db/local-date.type';

/** 培训: a training session held by a community (grid id null) or by one grid. */
@ObjectType('Training', { implements: Node, description: '培训 — a training session for grid staff.' })
@Entity()
@Index({ properties: ['communityId', 'date'] })
@Index({ properties: ['gridId', 'date'] })
export class Training extends ScopedEntity {
  @Field(() => String, { description: 'Title.' })
  @Property({ type: 'string', length: 200 })
  title!: string;

  @Field(() => GraphQLLocalDate, { description: 'Day it was held.' })
  @Property({ type: LocalDateType })
  date!: string;

  @Field(() => Float, { description: 'Length in hours.' })
  @Property({ type: 'double' })
  hours!: number;

  @Field(() => String, { nullable: true, description: 'Where it was held.' })
  @Property({ type: 'string', length: 200, nullable: true })
  location?: string | null;

  @Field(() => String, { nullable: true, description: 'What it covered.' })
  @Property({ type: 'text', nullable: true })
  description?: string | null;
}

/** One staff member attending one training. */
@Entity()
@Unique({ properties: ['trainingId', 'staffMemberId'] })
export class TrainingAttendance extends BaseEntity {
  @ManyToOne({ entity: 'Training', mapToPk: true, fieldName: 'training_id', deleteRule: 'cascade' })
  trainingId!: string;

  @ManyToOne({ entity: 'StaffMember', mapToPk: true, fieldName: 'staff_member_id', index: true })
  staffMemberId!: string;
}
