import { Entity, Index, ManyToOne, Property, Unique, type Opt } from '@mikro-orm/postgresql';
import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDateType, ModuleRecord, Node } from '../../src/modules';

/** What a volunteer service was. */
export enum VolunteerServiceKind {
  ERRAND = 'ERRAND',
  WASTE_REMOVAL = 'WASTE_REMOVAL',
  COUNSELLING = 'COUNSELLING',
  HEALTH_ESCORT = 'HEALTH_ESCORT',
  OTHER = 'OTHER',
}
registerEnumType(VolunteerServiceKind, {
  name: 'VolunteerServiceKind',
  description: 'Kind of volunteer service.',
  valuesConfig: {
    ERRAND: { description: '跑腿代购 errands and purchases of materials' },
    WASTE_REMOVAL: { description: '垃圾清运 waste removal' },
    COUNSELLING: { description: '心理疏导 counselling' },
    HEALTH_ESCORT: { description: '上门检测、陪同接种 home testing or vaccination escort' },
    OTHER: { description: '其他 other' },
  },
});

/** 志愿服务队: a team of volunteers on a grid. */
@ObjectType('VolunteerTeam', { implements: Node, description: '志愿服务队 — a volunteer team of a grid.' })
@Entity({ tableName: 'volunteer_team' })
@Unique({ properties: ['gridId', 'name'] })
export class VolunteerTeam extends ModuleRecord {
  @Field(() => String, { description: 'Name, e.g. "银龄志愿服务队".' })
  @Property({ type: 'string', length: 100 })
  name!: string;

  @Field(() => String, { nullable: true, description: 'What the team does.' })
  @Property({ type: 'text', nullable: true })
  description?: string | null;

  @Field(() => Boolean, { description: 'Whether the team is still active.' })
  @Property({ type: 'boolean', default: true })
  active: Opt<boolean> = true;
}

/** 志愿者: a volunteer of a grid, a resident of it or not. */
@ObjectType('VolunteerMember', {
  implements: Node,
  description: '志愿者 — a volunteer registered on a grid.',
})
@Entity({ tableName: 'volunteer_member' })
@Index({ properties: ['gridId', 'leftOn'] })
export class VolunteerMember extends ModuleRecord {
  @ManyToOne({ entity: 'VolunteerTeam', mapToPk: true, fieldName: 'team_id', nullable: true, index: true })
  teamId?: string | null;

  /** Set when the volunteer lives on the grid. */
  @ManyToOne({ entity: 'Resident', mapToPk: true, fieldName: 'resident_id', nullable: true, index: true })
  residentId?: string | null;

  @Field(() => String, { description: 'Name.' })
  @Property({ type: 'string', length: 100 })
  name!: string;

  @Field(() => [String], { description: 'Skills offered, e.g. 理发, 维修, 心理咨询.' })
  @Property({ type: 'json' })
  skills: Opt<string[]> = [];

  @Field(() => GraphQLLocalDate, { description: 'When they joined.' })
  @Property({ type: LocalDateType })
  joinedOn!: string;

  @Field(() => GraphQLLocalDate, {
    nullable: true,
    description: 'When they stopped volunteering; null while active.',
  })
  @Property({ type: LocalDateType, nullable: true })
  leftOn?: string | null;

  @Field(() => Boolean, { description: 'Whether the volunteer is still active.' })
  get active(): Opt<boolean> {
    return !this.leftOn;
  }
}

/** 结对子: a volunteer paired with a household they look after. */
@ObjectType('VolunteerPairing', {
  implements: Node,
  description: '结对子 — a volunteer paired with a household of the grid.',
})
@Entity({ tableName: 'volunteer_pairing' })
@Index({ properties: ['gridId', 'endedOn'] })
export class VolunteerPairing extends ModuleRecord {
  @ManyToOne({ entity: 'VolunteerMember', mapToPk: true, fieldName: 'member_id', index: true })
  memberId!: string;

  @ManyToOne({ entity: 'Household', mapToPk: true, fieldName: 'household_id', index: true })
  householdId!: string;

  @Field(() => GraphQLLocalDate, { description: 'Start of the pairing.' })
  @Property({ type: LocalDateType })
  startedOn!: string;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'End of the pairing; null while active.' })
  @Property({ type: LocalDateType, nullable: true })
  endedOn?: string | null;

  @Field(() => String, { nullable: true, description: 'What the volunteer helps with.' })
  @Property({ type: 'string', length: 500, nullable: true })
  note?: string | null;

  @Field(() => String, { nullable: true, description: 'Why the pairing ended.' })
  @Property({ type: 'string', length: 500, nullable: true })
  endReason?: string | null;

  @Field(() => Boolean, { description: 'Whether the pairing is active.' })
  get active(): Opt<boolean> {
    return !this.endedOn;
  }
}
