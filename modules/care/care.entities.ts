import { Entity, Enum, Index, ManyToOne, Property, Unique, type Opt } from '@mikro-orm/postgresql';
import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDateType, ModuleRecord, Node } from '../../src/modules';

/** Why a resident is on the care register. */
export enum CareReason {
  ELDERLY_ALONE = 'ELDERLY_ALONE',
  DISABLED = 'DISABLED',
  SPECIAL_HARDSHIP = 'SPECIAL_HARDSHIP',
  LEFT_BEHIND_CHILD = 'LEFT_BEHIND_CHILD',
  SERIOUS_ILLNESS = 'SERIOUS_ILLNESS',
  OTHER = 'OTHER',
}
registerEnumType(CareReason, {
  name: 'CareReason',
  description:
    'Why a resident needs care. DISABLED, SPECIAL_HARDSHIP and SERIOUS_ILLNESS are sensitive: only administrators and grid chiefs see or set them.',
  valuesConfig: {
    ELDERLY_ALONE: { description: '独居老人 elderly living alone' },
    DISABLED: { description: '残疾 disabled (sensitive)' },
    SPECIAL_HARDSHIP: { description: '特困 special hardship (sensitive)' },
    LEFT_BEHIND_CHILD: { description: '留守儿童 left-behind child' },
    SERIOUS_ILLNESS: { description: '重病 serious illness (sensitive)' },
    OTHER: { description: '其他 other' },
  },
});

/** Reasons that are sensitive personal information (health, disability, hardship). */
export const SENSITIVE_CARE_REASONS: readonly CareReason[] = [
  CareReason.DISABLED,
  CareReason.SPECIAL_HARDSHIP,
  CareReason.SERIOUS_ILLNESS,
];

/** How a door-knock visit or a care call went. */
export enum CareContactOutcome {
  WELL = 'WELL',
  NEEDS_HELP = 'NEEDS_HELP',
  EMERGENCY = 'EMERGENCY',
  NO_ANSWER = 'NO_ANSWER',
}
registerEnumType(CareContactOutcome, {
  name: 'CareContactOutcome',
  description:
    'Outcome of a visit or call. NO_ANSWER means the person was not reached (it does not count as contact).',
  valuesConfig: {
    WELL: { description: '平安无事 reached, all well' },
    NEEDS_HELP: { description: '需要帮助 reached, needs help (follow up)' },
    EMERGENCY: { description: '紧急情况 reached, emergency (help called)' },
    NO_ANSWER: { description: '未联系上 nobody answered the door or the phone' },
  },
});

/** The three kinds of help of the care programme. */
export enum CareHelpKind {
  FESTIVAL = 'FESTIVAL',
  HARDSHIP = 'HARDSHIP',
  EMERGENCY = 'EMERGENCY',
}
registerEnumType(CareHelpKind, {
  name: 'CareHelpKind',
  description: 'Kind of help given.',
  valuesConfig: {
    FESTIVAL: { description: '重大节日全部帮 festival help for all targets' },
    HARDSHIP: { description: '特困对象重点帮 focused help for special-hardship targets' },
    EMERGENCY: { description: '突发事件及时帮 prompt help after an emergency' },
  },
});

/** 关爱志愿服务队: a team that knocks on doors and calls the targets of a grid. */
@ObjectType('CareTeam', { implements: Node, description: '关爱服务队 — a care volunteer team of a grid.' })
@Entity({ tableName: 'care_team' })
@Unique({ properties: ['gridId', 'name'] })
export class CareTeam extends ModuleRecord {
  @Field(() => String, { description: 'Name, e.g. "敲敲门关爱小分队".' })
  @Property({ type: 'string', length: 100 })
  name!: string;

  @Field(() => String, { nullable: true, description: "Team leader's name." })
  @Property({ type: 'string', length: 100, nullable: true })
  leaderName?: string | null;

  /** Set when the leader lives on the same grid. */
  @ManyToOne({
    entity: 'Resident',
    mapToPk: true,
    fieldName: 'leader_resident_id',
    nullable: true,
    index: true,
  })
  leaderResidentId?: string | null;

  @Field(() => Int, { description: 'Members of the team.' })
  @Property({ type: 'integer', default: 1 })
  memberCount: Opt<number> = 1;

  @Field(() => String, { nullable: true, description: 'What the team does.' })
  @Property({ type: 'string', length: 500, nullable: true })
  description?: string | null;

  @Field(() => GraphQLLocalDate, {
    nullable: true,
    description: 'When the team was disbanded; null while active.',
  })
  @Property({ type: LocalDateType, nullable: true })
  disbandedOn?: string | null;

  @Field(() => Boolean, { description: 'Whether the team is active.' })
  get active(): Opt<boolean> {
    return !this.disbandedOn;
  }
}

/**
 * 关爱对象: a resident of the grid on the care register (信息资料库). The reasons and the note are
 * sensitive: the resolver shows them by the viewer's role.
 */
@ObjectType('CareTarget', {
  implements: Node,
  description:
    '关爱对象 — a resident of the grid needing care. Sensitive reasons and the note appear only to administrators and grid chiefs; others see `reasonsWithheld`.',
})
@Entity({ tableName: 'care_target' })
@Unique({ properties: ['residentId'] })
@Index({ properties: ['gridId', 'endedOn'] })
export class CareTarget extends ModuleRecord {
  @ManyToOne({ entity: 'Resident', mapToPk: true, fieldName: 'resident_id' })
  residentId!: string;

  /** All reasons, sensitive ones included; never a GraphQL field as such (see the resolver). */
  @Enum({ items: () => CareReason, array: true })
  reasons!: CareReason[];

  /** Why, in words; sensitive. */
  @Property({ type: 'string', length: 500, nullable: true })
  reasonNote?: string | null;

  @ManyToOne({ entity: 'CareTeam', mapToPk: true, fieldName: 'team_id', nullable: true, index: true })
  teamId?: string | null;

  @Field(() => GraphQLLocalDate, { description: 'When the target was registered.' })
  @Property({ type: LocalDateType })
  registeredOn!: string;

  @Field(() => GraphQLLocalDate, {
    nullable: true,
    description: 'When the target left the register; null while active.',
  })
  @Property({ type: LocalDateType, nullable: true })
  endedOn?: string | null;

  @Field(() => String, { nullable: true, description: 'Why the target left the register.' })
  @Property({ type: 'string', length: 200, nullable: true })
  endReason?: string | null;

  @Field(() => Boolean, { description: 'Whether the target is on the register.' })
  get active(): Opt<boolean> {
    return !this.endedOn;
  }
}
