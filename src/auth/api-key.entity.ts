import { ArrayType, Entity, Enum, Property, Unique } from '@mikro-orm/postgresql';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity, Node } from '../db/base.entity';
import { ScopeLevel } from './roles';

/** An integration client's key: stored as a hash, shown once at creation. */
@ObjectType('ApiKey', {
  implements: Node,
  description: 'An API key of an integration client (district system).',
})
@Entity({ tableName: 'api_key' })
export class ApiKey extends BaseEntity {
  @Field(() => String, { description: 'Name of the client, e.g. "12345热线".' })
  @Property({ type: 'string', length: 100 })
  name!: string;

  /** Public part of the key, used to find it; not secret. */
  @Field(() => String, { description: 'The key’s public prefix, to recognise it in lists and logs.' })
  @Property({ type: 'string', length: 16 })
  @Unique()
  prefix!: string;

  /** SHA-256 of the whole key: keys are long random strings, so a fast hash is enough. */
  @Property({ type: 'string', length: 64, hidden: true })
  secretHash!: string;

  @Field(() => [String], { description: 'Scopes granted, e.g. ["people:read", "cases:write"].' })
  @Property({ type: ArrayType })
  scopes!: string[];

  @Field(() => ScopeLevel, { description: 'Level of the territory node the key is bound to.' })
  @Enum({ items: () => ScopeLevel, nativeEnumName: 'scope_level' })
  scopeLevel!: ScopeLevel;

  @Property({ type: 'uuid', nullable: true })
  streetId?: string | null;

  @Property({ type: 'uuid', nullable: true })
  communityId?: string | null;

  @Property({ type: 'uuid', nullable: true })
  gridId?: string | null;

  @Property({ type: 'uuid' })
  createdById!: string;

  @Field(() => Date, { nullable: true, description: 'When the key stops working (null: never).' })
  @Property({ type: 'datetime', nullable: true })
  expiresAt?: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the key was revoked.' })
  @Property({ type: 'datetime', nullable: true })
  revokedAt?: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: 'Last request made with the key (updated at most once a minute).',
  })
  @Property({ type: 'datetime', nullable: true })
  lastUsedAt?: Date | null;
}
