import { BigIntType, Entity, Enum, Index, PrimaryKey, Property, type Opt } from '@mikro-orm/postgresql';
import { Field, ObjectType, registerEnumType } from 'type-graphql';

export enum AuditAction {
  LOGIN = 'LOGIN',
  LOGIN_FAILED = 'LOGIN_FAILED',
  REVEAL = 'REVEAL',
  ROLE_CHANGE = 'ROLE_CHANGE',
  JURISDICTION_CHANGE = 'JURISDICTION_CHANGE',
  MODULE_ENABLEMENT = 'MODULE_ENABLEMENT',
  API_KEY_CREATED = 'API_KEY_CREATED',
  API_KEY_REVOKED = 'API_KEY_REVOKED',
  EXPORT = 'EXPORT',
  PASSWORD_CHANGED = 'PASSWORD_CHANGED',
  ACCOUNT_STATUS_CHANGED = 'ACCOUNT_STATUS_CHANGED',
}
registerEnumType(AuditAction, {
  name: 'AuditAction',
  description: 'What an audit record is about.',
  valuesConfig: {
    LOGIN: { description: '登录 sign-in' },
    LOGIN_FAILED: { description: '登录失败 failed sign-in' },
    REVEAL: { description: '查看完整个人信息 personal data revealed' },
    ROLE_CHANGE: { description: '角色变更 role changed' },
    JURISDICTION_CHANGE: { description: '管辖范围变更 jurisdiction changed' },
    MODULE_ENABLEMENT: { description: '特色模块启用/停用 module enabled, disabled or reconfigured' },
    API_KEY_CREATED: { description: '创建 API 密钥 API key created' },
    API_KEY_REVOKED: { description: '吊销 API 密钥 API key revoked' },
    EXPORT: { description: '导出数据 data exported' },
    PASSWORD_CHANGED: { description: '修改密码 password changed' },
    ACCOUNT_STATUS_CHANGED: { description: '账号启用/停用 account enabled or disabled' },
  },
});

/**
 * Append-only record of security-relevant actions (PIPL: who saw what, when and why). The database
 * refuses UPDATE, DELETE and TRUNCATE on this table (see the AuditAppendOnly migration).
 */
@ObjectType('AuditRecord', { description: 'An entry of the append-only audit log.' })
@Entity({ tableName: 'audit_log' })
@Index({ properties: ['action', 'seq'] })
export class AuditRecord {
  @Field(() => String, { name: 'sequence', description: 'Position in the log.' })
  @PrimaryKey({ type: new BigIntType('string'), autoincrement: true })
  seq!: Opt<string>;

  @Field(() => Date, { description: 'When it happened.' })
  @Property({ type: 'datetime', defaultRaw: 'now()' })
  at: Opt<Date> = new Date();

  @Field(() => AuditAction, { description: 'What happened.' })
  @Enum({ items: () => AuditAction, nativeEnumName: 'audit_action' })
  action!: AuditAction;

  @Field(() => String, { description: 'USER, API_KEY or ANONYMOUS.' })
  @Property({ type: 'string', length: 16 })
  actorKind!: string;

  @Property({ type: 'uuid', nullable: true })
  actorId?: string | null;

  @Field(() => String, { nullable: true, description: 'Username or API key prefix of the actor.' })
  @Property({ type: 'string', length: 100, nullable: true })
  actorName?: string | null;

  @Field(() => String, { nullable: true, description: 'Global id of the record concerned.' })
  @Property({ type: 'string', length: 200, nullable: true })
  subjectId?: string | null;

  @Field(() => [String], { description: 'Fields concerned (e.g. revealed fields).' })
  @Property({ type: 'json' })
  fields: Opt<string[]> = [];

  @Field(() => String, { nullable: true, description: 'Reason given by the actor.' })
  @Property({ type: 'string', length: 500, nullable: true })
  reason?: string | null;

  @Field(() => String, { nullable: true, description: 'Request id, to match server logs.' })
  @Property({ type: 'string', length: 64, nullable: true })
  requestId?: string | null;

  @Field(() => String, { nullable: true, description: 'Client address.' })
  @Property({ type: 'string', length: 64, nullable: true })
  ip?: string | null;

  @Property({ type: 'uuid', nullable: true, index: true })
  streetId?: string | null;

  @Property({ type: 'uuid', nullable: true, index: true })
  communityId?: string | null;

  @Property({ type: 'uuid', nullable: true })
  gridId?: string | null;
}
