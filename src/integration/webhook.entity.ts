import {
  ArrayType,
  BigIntType,
  Entity,
  Enum,
  Index,
  ManyToOne,
  PrimaryKey,
  Property,
  Unique,
  type Opt,
} from '@mikro-orm/postgresql';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { v7 as uuidv7 } from 'uuid';
import { ScopeLevel } from '../auth/roles';
import { BaseEntity, Node } from '../db/base.entity';
import { toGlobalId } from '../graphql/global-id';

/**
 * A district system's HTTP endpoint that receives the events of its jurisdiction. It acts with
 * the jurisdiction of whoever created it, so a key or admin can never subscribe to more than they
 * could read.
 */
@ObjectType('Webhook', {
  implements: Node,
  description: 'An HTTP endpoint that receives signed event deliveries (Standard Webhooks).',
})
@Entity({ tableName: 'webhook' })
export class Webhook extends BaseEntity {
  @Field(() => String, { description: 'Where deliveries are POSTed (http or https).' })
  @Property({ type: 'string', length: 2000 })
  url!: string;

  @Field(() => [String], {
    description: 'Event types delivered: exact ("grid.updated"), prefixes ("case.*"), or "*".',
  })
  @Property({ type: ArrayType })
  eventTypes!: string[];

  @Field(() => String, { nullable: true, description: 'What the endpoint is for.' })
  @Property({ type: 'string', length: 500, nullable: true })
  description?: string | null;

  /** `whsec_` + base64 of 32 random bytes; needed in clear to sign, never returned after creation. */
  @Property({ type: 'string', length: 100, hidden: true })
  secret!: string;

  @Field(() => Boolean, {
    description: 'Whether deliveries are sent; a paused webhook resumes where it stopped.',
  })
  @Property({ type: 'boolean', default: true })
  active: Opt<boolean> = true;

  @Field(() => ScopeLevel, { description: 'Level of the jurisdiction whose events it receives.' })
  @Enum({ items: () => ScopeLevel, nativeEnumName: 'scope_level' })
  scopeLevel!: ScopeLevel;

  @Property({ type: 'uuid', nullable: true, index: true })
  streetId?: string | null;

  @Property({ type: 'uuid', nullable: true, index: true })
  communityId?: string | null;

  @Property({ type: 'uuid', nullable: true, index: true })
  gridId?: string | null;

  /** User or API key id of the creator. */
  @Property({ type: 'uuid' })
  createdById!: string;

  @Field(() => String, { description: 'Who created it: a username, or key:<prefix> for an API key.' })
  @Property({ type: 'string', length: 100 })
  createdBy!: string;

  @Property({ type: 'datetime', nullable: true })
  deletedAt?: Date | null;

  /** The last event sequence the relay has read from the outbox for this webhook. */
  @Property({ type: new BigIntType('string'), default: 0 })
  lastSeq: Opt<string> = '0';
}

export enum WebhookDeliveryStatus {
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  FAILED = 'FAILED',
}

registerEnumType(WebhookDeliveryStatus, {
  name: 'WebhookDeliveryStatus',
  description: 'Where a delivery stands.',
  valuesConfig: {
    PENDING: { description: '待投递 waiting for its first attempt or a retry' },
    DELIVERED: { description: '已投递 the endpoint answered 2xx' },
    FAILED: { description: '投递失败 retries gave up after 24 hours' },
  },
});

/** One event to send to one webhook, retried until it is delivered or given up. */
@ObjectType('WebhookDelivery', {
  description: 'One event sent (or to be sent) to one webhook, with its attempts.',
})
@Entity({ tableName: 'webhook_delivery' })
@Index({ properties: ['status', 'nextAttemptAt'] })
@Index({ properties: ['webhookId', 'subjectId', 'seq'] })
@Index({ properties: ['webhookId', 'seq'] })
export class WebhookDelivery {
  /** Queue order: deliveries of one webhook are created in feed order, so this orders each subject. */
  @PrimaryKey({ type: new BigIntType('string'), autoincrement: true })
  seq!: Opt<string>;

  @Property({ type: 'uuid' })
  @Unique()
  id: Opt<string> = uuidv7();

  @Field(() => ID, { name: 'id', description: 'Global id (opaque).' })
  get gid(): Opt<string> {
    return toGlobalId('WebhookDelivery', this.id) as Opt<string>;
  }

  @ManyToOne({ entity: () => Webhook, mapToPk: true, fieldName: 'webhook_id', deleteRule: 'cascade' })
  webhookId!: string;

  @Property({ type: new BigIntType('string') })
  eventSeq!: string;

  @Field(() => String, { description: 'The event id: sent as `webhook-id`, the same on every attempt.' })
  @Property({ type: 'uuid' })
  eventId!: string;

  @Field(() => String, { description: 'The event type.' })
  @Property({ type: 'string', length: 100 })
  eventType!: string;

  @Field(() => String, { description: 'Global id of the record the event is about.' })
  @Property({ type: 'string', length: 200 })
  subjectId!: string;

  @Field(() => WebhookDeliveryStatus, { description: 'Where the delivery stands.' })
  @Enum({ items: () => WebhookDeliveryStatus, nativeEnumName: 'webhook_delivery_status' })
  status: Opt<WebhookDeliveryStatus> = WebhookDeliveryStatus.PENDING;

  @Field(() => Boolean, { description: 'Queued again on request (`redeliverEvent`).' })
  @Property({ type: 'boolean', default: false })
  redelivery: Opt<boolean> = false;

  @Field(() => Int, { description: 'Attempts made so far.' })
  @Property({ type: 'int', default: 0 })
  attemptCount: Opt<number> = 0;

  @Field(() => Date, { description: 'When the delivery was queued.' })
  @Property({ type: 'datetime' })
  createdAt!: Date;

  @Field(() => Date, {
    nullable: true,
    description: 'When the next attempt is due (null once delivered or failed).',
  })
  @Property({ type: 'datetime', nullable: true })
  nextAttemptAt?: Date | null;

  /** Retries stop after this time: 24 hours after the delivery was queued. */
  @Property({ type: 'datetime' })
  retryUntil!: Date;

  /** A relay that claimed the delivery owns it until then; a crashed relay's claim simply expires. */
  @Property({ type: 'datetime', nullable: true })
  leasedUntil?: Date | null;

  @Property({ type: 'uuid', nullable: true })
  leaseToken?: string | null;

  @Field(() => Date, { nullable: true, description: 'When the last attempt was made.' })
  @Property({ type: 'datetime', nullable: true })
  lastAttemptAt?: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the endpoint accepted it.' })
  @Property({ type: 'datetime', nullable: true })
  deliveredAt?: Date | null;
}

/** One HTTP attempt of a delivery. */
@ObjectType('WebhookAttempt', { description: 'One HTTP attempt of a webhook delivery.' })
@Entity({ tableName: 'webhook_attempt' })
export class WebhookAttempt {
  @PrimaryKey({ type: new BigIntType('string'), autoincrement: true })
  seq!: Opt<string>;

  @ManyToOne({
    entity: () => WebhookDelivery,
    mapToPk: true,
    fieldName: 'delivery_seq',
    index: true,
    deleteRule: 'cascade',
  })
  deliverySeq!: string;

  @Field(() => Date, { description: 'When the request was sent.' })
  @Property({ type: 'datetime' })
  attemptedAt!: Date;

  @Field(() => Int, { nullable: true, description: 'HTTP status of the answer (null: no answer).' })
  @Property({ type: 'smallint', nullable: true })
  statusCode?: number | null;

  @Field(() => Int, { description: 'How long the attempt took, in milliseconds.' })
  @Property({ type: 'int' })
  durationMs!: number;

  @Field(() => String, {
    nullable: true,
    description: 'Why it failed: timeout, connection error, refused address, HTTP status.',
  })
  @Property({ type: 'string', length: 500, nullable: true })
  error?: string | null;

  @Field(() => Date, { nullable: true, description: 'When the next attempt was scheduled (null: none).' })
  @Property({ type: 'datetime', nullable: true })
  nextAttemptAt?: Date | null;
}
