import { Entity, Enum, Index, Property, Unique, type Opt } from '@mikro-orm/postgresql';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity } from '../db/base.entity';
import { ScopeLevel, UserRole } from './roles';

/** A staff account that signs in with a password. */
@ObjectType('User', { description: 'A staff account (系统用户).' })
@Entity({ tableName: 'app_user' })
export class User extends BaseEntity {
  @Field(() => String, { description: 'Sign-in name.' })
  @Property({ type: 'string', length: 64 })
  @Unique()
  username!: string;

  @Property({ type: 'text', hidden: true, lazy: true })
  passwordHash!: string;

  @Field(() => String, { description: 'Name shown to others.' })
  @Property({ type: 'string', length: 100 })
  displayName!: string;

  @Field(() => UserRole, { description: 'Role of the account.' })
  @Enum({ items: () => UserRole, nativeEnumName: 'user_role' })
  role!: UserRole;

  @Field(() => ScopeLevel, { description: 'Level of the territory node the account is bound to.' })
  @Enum({ items: () => ScopeLevel, nativeEnumName: 'scope_level' })
  scopeLevel!: ScopeLevel;

  @Property({ type: 'uuid', nullable: true })
  @Index()
  streetId?: string | null;

  @Property({ type: 'uuid', nullable: true })
  communityId?: string | null;

  @Property({ type: 'uuid', nullable: true })
  gridId?: string | null;

  /** The staff record of this person, when the account belongs to grid staff. */
  @Property({ type: 'uuid', nullable: true })
  staffMemberId?: string | null;

  @Field(() => Boolean, { description: 'Disabled accounts cannot sign in.' })
  @Property({ type: 'boolean', default: true })
  active: Opt<boolean> = true;

  @Property({ type: 'datetime', nullable: true })
  lastLoginAt?: Date | null;

  /** Raised when the password changes or the account is disabled: older tokens stop working. */
  @Property({ type: 'integer', default: 0 })
  tokenVersion: Opt<number> = 0;
}
