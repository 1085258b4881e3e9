import { Entity, Enum, Index, ManyToOne, Property, Unique } from '@mikro-orm/postgresql';
import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity, Node, ScopedEntity } from '../db/base.entity';
import { LocalDateType } from '../db/local-date.type';

export enum PartyActivityKind {
  THEME_DAY = 'THEME_DAY',
  MEMBER_SERVICE = 'MEMBER_SERVICE',
  STUDY = 'STUDY',
  VOLUNTEER = 'VOLUNTEER',
  OTHER = 'OTHER',
}
registerEnumType(PartyActivityKind, {
  name: 'PartyActivityKind',
  description: 'Kind of party activity.',
  valuesConfig: {
    THEME_DAY: { description: '主题党日 monthly theme day' },
    MEMBER_SERVICE: { description: '“我是党员我帮你” a member’s service to residents' },
    STUDY: { description: '学习 study session' },
    VOLUNTEER: { description: '志愿服务 volunteer service' },
    OTHER: { description: '其他 other' },
  },
});

/**
 * An activity held by a party organization. It is placed in a grid when it took place in one (always
 * for organizations of a grid; optionally for the community committee), so grid staff see it.
 */
@ObjectType('PartyActivity', {
  implements: Node,
  description: '党组织活动 — an activity of a party organization, with participants and beneficiaries.',
})
@Entity()
@Index({ properties: ['gridId', 'heldOn'] })
@Index({ properties: ['communityId', 'heldOn'] })
@Index({ properties: ['streetId', 'heldOn'] })
export class PartyActivity extends ScopedEntity {
  @ManyToOne({ entity: 'PartyOrganization', mapToPk: true, fieldName: 'party_organization_id', index: true })
  partyOrganizationId!: string;

  @Field(() => PartyActivityKind, { description: 'Kind of activity.' })
  @Enum({ items: () => PartyActivityKind, nativeEnumName: 'party_activity_kind' })
  kind!: PartyActivityKind;

  @Field(() => String, { description: 'Title, e.g. "七月主题党日：重温入党誓词".' })
  @Property({ type: 'string', length: 200 })
  title!: string;

  @Field(() => String, { nullable: true, description: 'What was done.' })
  @Property({ type: 'text', nullable: true })
  description?: string | null;

  @Field(() => GraphQLLocalDate, { description: 'The day it took place.' })
  @Property({ type: LocalDateType })
  heldOn!: string;

  @Field(() => Int, { description: 'Party members who took part.' })
  @Property({ type: 'integer' })
  participants!: number;

  @Field(() => Int, { description: 'People helped or served (0 for internal activities).' })
  @Property({ type: 'integer' })
  beneficiaries!: number;

  /** The user who recorded it. */
  @Property({ type: 'uuid', nullable: true })
  recordedById?: string | null;
}

/** A household an activity helped (e.g. the household a "我是党员我帮你" service went to). */
@Entity()
@Unique({ properties: ['activityId', 'householdId'] })
export class PartyActivityHousehold extends BaseEntity {
  @ManyToOne({ entity: 'PartyActivity', mapToPk: true, fieldName: 'activity_id', deleteRule: 'cascade' })
  activityId!: string;

  @ManyToOne({
    entity: 'Household',
    mapToPk: true,
    fieldName: 'household_id',
    index: true,
    deleteRule: 'cascade',
  })
  householdId!: string;
}
