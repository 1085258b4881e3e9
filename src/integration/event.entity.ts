import { BigIntType, Entity, Index, PrimaryKey, Property, Unique, type Opt } from '@mikro-orm/postgresql';
import { Field, ObjectType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { v7 as uuidv7 } from 'uuid';

/**
 * The transactional outbox: one row per domain change, written in the same transaction as the
 * change itself, so the feed and webhooks can never miss or invent a change.
 */
@ObjectType('Event', { description: 'A domain event of the ordered feed (outbox).' })
@Entity({ tableName: 'event' })
@Index({ properties: ['type', 'seq'] })
export class DomainEvent {
  /** Global order of the feed. */
  @Field(() => String, {
    name: 'sequence',
    description: 'Position in the global feed; pass as `after` to continue.',
  })
  @PrimaryKey({ type: new BigIntType('string'), autoincrement: true })
  seq!: Opt<string>;

  /** Stable id for de-duplication by receivers. */
  @Field(() => String, { description: 'Stable event id (uuid); receivers de-duplicate by it.' })
  @Property({ type: 'uuid' })
  @Unique()
  id: Opt<string> = uuidv7();

  @Field(() => String, { description: 'Event type, e.g. "grid.created".' })
  @Property({ type: 'string', length: 100 })
  type!: string;

  /** Global id of the record the event is about. */
  @Field(() => String, { description: 'Global id of the record the event is about.' })
  @Property({ type: 'string', length: 200 })
  subjectId!: string;

  /** Ids and changed values only; never personal data beyond ids. */
  @Field(() => GraphQLJSONObject, { description: 'Ids and changed values; no personal data beyond ids.' })
  @Property({ type: 'json' })
  payload: Opt<Record<string, unknown>> = {};

  @Field(() => Date, { description: 'When the change was committed.' })
  @Property({ type: 'datetime', defaultRaw: 'now()' })
  occurredAt: Opt<Date> = new Date();

  /** Who caused it: a user or API key id. */
  @Property({ type: 'uuid', nullable: true })
  actorId?: string | null;

  @Property({ type: 'string', length: 64, nullable: true })
  requestId?: string | null;

  @Property({ type: 'uuid', nullable: true, index: true })
  streetId?: string | null;

  @Property({ type: 'uuid', nullable: true, index: true })
  communityId?: string | null;

  @Property({ type: 'uuid', nullable: true, index: true })
  gridId?: string | null;

  /**
   * The writing transaction. Sequence numbers are taken at insert but become visible at commit, in
   * another order; the feed only shows events whose transaction is older than every transaction
   * still running, so a reader paging with `after` can never skip one that commits late.
   */
  @Property({ columnType: 'xid8', type: 'string', defaultRaw: 'pg_current_xact_id()', lazy: true })
  txid?: Opt<string>;
}
