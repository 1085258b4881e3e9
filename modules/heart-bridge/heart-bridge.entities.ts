import { Entity, Enum, Index, ManyToOne, Property, type Opt } from '@mikro-orm/postgresql';
import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDateType, ModuleRecord, Node } from '../../src/modules';

export enum HeartBridgeConcernKind {
  WORRY = 'WORRY',
  ANNOYANCE = 'ANNOYANCE',
  DISTRESS = 'DISTRESS',
}
registerEnumType(HeartBridgeConcernKind, {
  name: 'HeartBridgeConcernKind',
  description: 'Which of the three concerns (三事) it is.',
  valuesConfig: {
    WORRY: { description: '操心事 a worry: something residents keep having to see to' },
    ANNOYANCE: { description: '烦心事 an annoyance: something that troubles daily life' },
    DISTRESS: { description: '揪心事 a distress: a pressing hardship that weighs on a family' },
  },
});

export enum HeartBridgeConcernStatus {
  OPEN = 'OPEN',
  RESOLVED = 'RESOLVED',
  DISMISSED = 'DISMISSED',
}
registerEnumType(HeartBridgeConcernStatus, {
  name: 'HeartBridgeConcernStatus',
  description: 'Where a concern stands.',
  valuesConfig: {
    OPEN: { description: '办理中 open: not handled yet, or its case is still open' },
    RESOLVED: { description: '已解决 resolved on the grid, or its case was resolved' },
    DISMISSED: { description: '不予受理 its case was rejected (see resolution for why)' },
  },
});

export enum HeartBridgeResolvedVia {
  MODULE = 'MODULE',
  CASE = 'CASE',
}
registerEnumType(HeartBridgeResolvedVia, {
  name: 'HeartBridgeResolvedVia',
  description: 'How a concern was resolved.',
  valuesConfig: {
    MODULE: { description: '网格直接办理 handled on the grid, with a resolution note' },
    CASE: { description: '转案件办结 turned into a case of the closed loop, which was resolved' },
  },
});

export enum HeartBridgeChannel {
  VISIT = 'VISIT',
  PHONE = 'PHONE',
  WECHAT_GROUP = 'WECHAT_GROUP',
  BRIEFING = 'BRIEFING',
  WALK_IN = 'WALK_IN',
  OTHER = 'OTHER',
}
registerEnumType(HeartBridgeChannel, {
  name: 'HeartBridgeChannel',
  description: 'How a concern reached the grid.',
  valuesConfig: {
    VISIT: { description: '入户走访 on a home visit' },
    PHONE: { description: '电话 by phone' },
    WECHAT_GROUP: { description: '微信群 in the grid’s WeChat group' },
    BRIEFING: { description: '宣讲会现场 at a policy briefing' },
    WALK_IN: { description: '来访 at the service point' },
    OTHER: { description: '其他 other' },
  },
});

export enum HeartBridgeTopic {
  DEVELOPMENT_PLAN = 'DEVELOPMENT_PLAN',
  EDUCATION = 'EDUCATION',
  HEALTH = 'HEALTH',
  ENVIRONMENT = 'ENVIRONMENT',
  SAFETY = 'SAFETY',
  CULTURE = 'CULTURE',
}
registerEnumType(HeartBridgeTopic, {
  name: 'HeartBridgeTopic',
  description: 'Topic of a policy briefing (宣传).',
  valuesConfig: {
    DEVELOPMENT_PLAN: { description: '发展规划 development plans' },
    EDUCATION: { description: '教育 education' },
    HEALTH: { description: '卫生健康 health' },
    ENVIRONMENT: { description: '环境 environment' },
    SAFETY: { description: '安全 safety' },
    CULTURE: { description: '文化 culture' },
  },
});

export enum HeartBridgeSentimentTopic {
  DEVELOPMENT_PLAN = 'DEVELOPMENT_PLAN',
  EDUCATION = 'EDUCATION',
  HEALTH = 'HEALTH',
  ENVIRONMENT = 'ENVIRONMENT',
  SAFETY = 'SAFETY',
  CULTURE = 'CULTURE',
  LIVELIHOOD = 'LIVELIHOOD',
  PROPERTY_SERVICE = 'PROPERTY_SERVICE',
  NEIGHBOURHOOD = 'NEIGHBOURHOOD',
  OTHER = 'OTHER',
}
registerEnumType(HeartBridgeSentimentTopic, {
  name: 'HeartBridgeSentimentTopic',
  description: 'What residents’ opinions in the sentiment ledger are about.',
  valuesConfig: {
    DEVELOPMENT_PLAN: { description: '发展规划 development plans' },
    EDUCATION: { description: '教育 education' },
    HEALTH: { description: '卫生健康 health' },
    ENVIRONMENT: { description: '环境 environment' },
    SAFETY: { description: '安全 safety' },
    CULTURE: { description: '文化 culture' },
    LIVELIHOOD: { description: '民生保障 livelihood and welfare' },
    PROPERTY_SERVICE: { description: '物业服务 property services' },
    NEIGHBOURHOOD: { description: '邻里关系 neighbourhood relations' },
    OTHER: { description: '其他 other' },
  },
});

export enum HeartBridgeMood {
  SATISFIED = 'SATISFIED',
  NEUTRAL = 'NEUTRAL',
  CONCERNED = 'CONCERNED',
  DISSATISFIED = 'DISSATISFIED',
}
registerEnumType(HeartBridgeMood, {
  name: 'HeartBridgeMood',
  description: 'The mood an opinion was voiced in.',
  valuesConfig: {
    SATISFIED: { description: '满意 satisfied' },
    NEUTRAL: { description: '平和 neutral' },
    CONCERNED: { description: '担忧 concerned' },
    DISSATISFIED: { description: '不满 dissatisfied' },
  },
});

/**
 * 三事: a worry, annoyance or distress a resident of the grid raised. Handled on the grid with a
 * resolution note, or turned into a case of the closed loop, which it then follows.
 */
@ObjectType('HeartBridgeConcern', {
  implements: Node,
  description: '三事 — a worry, annoyance or distress raised by a resident of the grid.',
})
@Entity({ tableName: 'heart_bridge_concern' })
@Index({ properties: ['gridId', 'raisedOn'] })
@Index({ properties: ['gridId', 'status'] })
@Index({ properties: ['gridId', 'resolvedAt'] })
export class HeartBridgeConcern extends ModuleRecord {
  @Field(() => HeartBridgeConcernKind, { description: '操心事, 烦心事 or 揪心事.' })
  @Enum({ items: () => HeartBridgeConcernKind, nativeEnumName: 'heart_bridge_concern_kind' })
  kind!: HeartBridgeConcernKind;

  /** The resident raising it, of the same grid (exposed through the masked Resident type). */
  @ManyToOne({ entity: 'Resident', mapToPk: true, fieldName: 'resident_id', index: true })
  residentId!: string;

  @Field(() => String, { description: 'Short title, e.g. "楼道灯坏了一个月".' })
  @Property({ type: 'string', length: 100 })
  title!: string;

  @Field(() => String, { nullable: true, description: 'What it is about, in the resident’s words.' })
  @Property({ type: 'string', length: 1000, nullable: true })
  description?: string | null;

  @Field(() => HeartBridgeChannel, { description: 'How it reached the grid.' })
  @Enum({ items: () => HeartBridgeChannel, nativeEnumName: 'heart_bridge_channel' })
  channel!: HeartBridgeChannel;

  @Field(() => GraphQLLocalDate, { description: 'When it was raised.' })
  @Property({ type: LocalDateType })
  raisedOn!: string;

  @Field(() => HeartBridgeConcernStatus, { description: 'Where it stands.' })
  @Enum({ items: () => HeartBridgeConcernStatus, nativeEnumName: 'heart_bridge_concern_status' })
  status: Opt<HeartBridgeConcernStatus> = HeartBridgeConcernStatus.OPEN;

  @Field(() => HeartBridgeResolvedVia, {
    nullable: true,
    description: 'How it was resolved; null unless resolved.',
  })
  @Enum({ items: () => HeartBridgeResolvedVia, nativeEnumName: 'heart_bridge_resolved_via', nullable: true })
  resolvedVia?: HeartBridgeResolvedVia | null;

  @Field(() => String, {
    nullable: true,
    description: 'What was done (resolved on the grid or by its case), or why its case was rejected.',
  })
  @Property({ type: 'string', length: 2000, nullable: true })
  resolution?: string | null;

  @Field(() => Date, { nullable: true, description: 'When it was resolved; null unless resolved.' })
  @Property({ type: 'datetime', nullable: true })
  resolvedAt?: Date | null;

  /** The user or API key that registered it; null for seeded history. */
  @Property({ type: 'uuid', nullable: true })
  recordedById?: string | null;
}

/** 民情台账: one entry of residents’ opinions and mood on a topic. */
@ObjectType('HeartBridgeSentiment', {
  implements: Node,
  description: '民情台账 — an entry of residents’ opinions and mood on a topic.',
})
@Entity({ tableName: 'heart_bridge_sentiment' })
@Index({ properties: ['gridId', 'recordedOn'] })
@Index({ properties: ['gridId', 'topic'] })
export class HeartBridgeSentiment extends ModuleRecord {
  @Field(() => HeartBridgeSentimentTopic, { description: 'What the opinion is about.' })
  @Enum({ items: () => HeartBridgeSentimentTopic, nativeEnumName: 'heart_bridge_sentiment_topic' })
  topic!: HeartBridgeSentimentTopic;

  @Field(() => HeartBridgeMood, { description: 'The mood it was voiced in.' })
  @Enum({ items: () => HeartBridgeMood, nativeEnumName: 'heart_bridge_mood' })
  mood!: HeartBridgeMood;

  @Field(() => String, { description: 'The opinion, as heard.' })
  @Property({ type: 'string', length: 1000 })
  opinion!: string;

  /** The resident voicing it, when one person did; same grid. */
  @ManyToOne({ entity: 'Resident', mapToPk: true, fieldName: 'resident_id', nullable: true, index: true })
  residentId?: string | null;

  @Field(() => Int, { description: 'How many residents voiced it.' })
  @Property({ type: 'integer', default: 1 })
  voices: Opt<number> = 1;

  @Field(() => GraphQLLocalDate, { description: 'When it was heard.' })
  @Property({ type: LocalDateType })
  recordedOn!: string;

  /** The user or API key that wrote it down; null for seeded history. */
  @Property({ type: 'uuid', nullable: true })
  recordedById?: string | null;
}
