import { Entity, Enum, Index, ManyToOne, Property, Unique, type Opt } from '@mikro-orm/postgresql';
import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDateType, ModuleRecord, Node } from '../../src/modules';

export enum ElderlyCareLiving {
  ALONE = 'ALONE',
  EMPTY_NEST = 'EMPTY_NEST',
  WITH_FAMILY = 'WITH_FAMILY',
}
registerEnumType(ElderlyCareLiving, {
  name: 'ElderlyCareLiving',
  description: 'How an elderly person lives.',
  valuesConfig: {
    ALONE: { description: '独居 living alone' },
    EMPTY_NEST: { description: '空巢 empty nest (only the elderly couple)' },
    WITH_FAMILY: { description: '与家人同住 with family' },
  },
});

export enum ElderlyCareHelperKind {
  VOLUNTEER = 'VOLUNTEER',
  PARTY_MEMBER = 'PARTY_MEMBER',
  NEIGHBOUR = 'NEIGHBOUR',
  GRID_STAFF = 'GRID_STAFF',
  OTHER = 'OTHER',
}
registerEnumType(ElderlyCareHelperKind, {
  name: 'ElderlyCareHelperKind',
  description: 'Who the helper of a pairing (结对帮扶) is.',
  valuesConfig: {
    VOLUNTEER: { description: '志愿者 volunteer' },
    PARTY_MEMBER: { description: '党员 party member' },
    NEIGHBOUR: { description: '邻居 neighbour' },
    GRID_STAFF: { description: '网格工作人员 grid staff' },
    OTHER: { description: '其他 other' },
  },
});

export enum ElderlyCareVisitType {
  ROUTINE = 'ROUTINE',
  CONDOLENCE = 'CONDOLENCE',
  HEALTH = 'HEALTH',
  EMERGENCY = 'EMERGENCY',
}
registerEnumType(ElderlyCareVisitType, {
  name: 'ElderlyCareVisitType',
  description: 'Kind of home visit.',
  valuesConfig: {
    ROUTINE: { description: '日常探访 routine visit' },
    CONDOLENCE: { description: '慰问 condolence visit (festivals, illness, bereavement)' },
    HEALTH: { description: '健康随访 health follow-up' },
    EMERGENCY: { description: '紧急探视 emergency check' },
  },
});

/** 老人档案: an elderly resident of the grid the home-care programme looks after. */
@ObjectType('ElderlyCareProfile', {
  implements: Node,
  description: '老人档案 — an elderly resident looked after by the home-care programme.',
})
@Entity({ tableName: 'elderly_care_profile' })
@Unique({ properties: ['residentId'] })
@Index({ properties: ['gridId', 'endedOn'] })
export class ElderlyCareProfile extends ModuleRecord {
  @ManyToOne({ entity: 'Resident', mapToPk: true, fieldName: 'resident_id' })
  residentId!: string;

  @Field(() => ElderlyCareLiving, { description: 'How they live.' })
  @Enum({ items: () => ElderlyCareLiving, nativeEnumName: 'elderly_care_living' })
  living!: ElderlyCareLiving;

  @Field(() => Boolean, { description: 'Needs care in daily life (失能或半失能).' })
  @Property({ type: 'boolean', default: false })
  needsCare: Opt<boolean> = false;

  @Field(() => String, { nullable: true, description: 'What help they need, e.g. 助餐、助浴、助医.' })
  @Property({ type: 'string', length: 500, nullable: true })
  careNeeds?: string | null;

  @Field(() => GraphQLLocalDate, { description: 'When the profile was registered.' })
  @Property({ type: LocalDateType })
  registeredOn!: string;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'When it was closed; null while active.' })
  @Property({ type: LocalDateType, nullable: true })
  endedOn?: string | null;

  @Field(() => String, { nullable: true, description: 'Why it was closed (moved away, passed away...).' })
  @Property({ type: 'string', length: 200, nullable: true })
  endReason?: string | null;

  @Field(() => Boolean, { description: 'Whether the profile is active.' })
  get active(): Opt<boolean> {
    return !this.endedOn;
  }
}

/** 结对帮扶: a helper paired with an elderly person. */
@ObjectType('ElderlyCarePairing', {
  implements: Node,
  description: '结对帮扶 — a helper paired with an elderly person.',
})
@Entity({ tableName: 'elderly_care_pairing' })
@Index({ properties: ['gridId', 'endedOn'] })
export class ElderlyCarePairing extends ModuleRecord {
  @ManyToOne({ entity: 'ElderlyCareProfile', mapToPk: true, fieldName: 'profile_id', index: true })
  profileId!: string;

  @Field(() => ElderlyCareHelperKind, { description: 'Who the helper is.' })
  @Enum({ items: () => ElderlyCareHelperKind, nativeEnumName: 'elderly_care_helper_kind' })
  helperKind!: ElderlyCareHelperKind;

  @Field(() => String, { description: 'Name of the helper.' })
  @Property({ type: 'string', length: 100 })
  helperName!: string;

  /** Set when the helper lives on the same grid. */
  @ManyToOne({
    entity: 'Resident',
    mapToPk: true,
    fieldName: 'helper_resident_id',
    nullable: true,
    index: true,
  })
  helperResidentId?: string | null;

  @Field(() => GraphQLLocalDate, { description: 'Start of the pairing.' })
  @Property({ type: LocalDateType })
  startedOn!: string;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'End of the pairing; null while active.' })
  @Property({ type: LocalDateType, nullable: true })
  endedOn?: string | null;

  @Field(() => String, { nullable: true, description: 'What the helper does, e.g. 每周两次送餐.' })
  @Property({ type: 'string', length: 500, nullable: true })
  note?: string | null;

  @Field(() => Boolean, { description: 'Whether the pairing is active.' })
  get active(): Opt<boolean> {
    return !this.endedOn;
  }
}
