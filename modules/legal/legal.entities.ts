import { Entity, Enum, Index, ManyToOne, Property, type Opt } from '@mikro-orm/postgresql';
import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDateType, ModuleRecord, Node } from '../../src/modules';

export enum LegalAdviserKind {
  LAWYER = 'LAWYER',
  NOTARY = 'NOTARY',
  JUDICIAL_OFFICER = 'JUDICIAL_OFFICER',
  POLICE = 'POLICE',
  PEOPLES_MEDIATOR = 'PEOPLES_MEDIATOR',
  VOLUNTEER = 'VOLUNTEER',
}
registerEnumType(LegalAdviserKind, {
  name: 'LegalAdviserKind',
  description: 'Who a legal adviser of the grid is.',
  valuesConfig: {
    LAWYER: { description: '律师 lawyer (一社区一法律顾问)' },
    NOTARY: { description: '公证员 notary' },
    JUDICIAL_OFFICER: { description: '司法所工作人员 judicial office staff' },
    POLICE: { description: '社区民警 community police officer' },
    PEOPLES_MEDIATOR: { description: '人民调解员 people’s mediator' },
    VOLUNTEER: { description: '法律志愿者 legal volunteer' },
  },
});

export enum LegalDisputeType {
  NEIGHBOUR = 'NEIGHBOUR',
  FAMILY = 'FAMILY',
  PROPERTY_SERVICE = 'PROPERTY_SERVICE',
  LABOUR = 'LABOUR',
  DEBT = 'DEBT',
  OTHER = 'OTHER',
}
registerEnumType(LegalDisputeType, {
  name: 'LegalDisputeType',
  description: 'Kind of dispute under mediation.',
  valuesConfig: {
    NEIGHBOUR: { description: '邻里纠纷 between neighbours' },
    FAMILY: { description: '婚姻家庭纠纷 marriage and family' },
    PROPERTY_SERVICE: { description: '物业纠纷 with the property company' },
    LABOUR: { description: '劳动争议 labour' },
    DEBT: { description: '债务纠纷 debts' },
    OTHER: { description: '其他 other' },
  },
});

export enum LegalMediationStatus {
  IN_PROGRESS = 'IN_PROGRESS',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(LegalMediationStatus, {
  name: 'LegalMediationStatus',
  description: 'Where a mediation stands.',
  valuesConfig: {
    IN_PROGRESS: { description: '调解中 in progress' },
    SUCCEEDED: { description: '调解成功 agreement reached' },
    FAILED: { description: '调解不成 no agreement' },
    WITHDRAWN: { description: '撤回 withdrawn by the parties' },
  },
});

export enum LegalPartyRole {
  APPLICANT = 'APPLICANT',
  RESPONDENT = 'RESPONDENT',
  OTHER = 'OTHER',
}
registerEnumType(LegalPartyRole, {
  name: 'LegalPartyRole',
  description: 'Role of a party in a mediation.',
  valuesConfig: {
    APPLICANT: { description: '申请人 applicant' },
    RESPONDENT: { description: '被申请人 respondent' },
    OTHER: { description: '其他当事人 other party' },
  },
});

@ObjectType('LegalParty', { description: 'A party to a mediation.' })
export class LegalParty {
  @Field(() => String, { description: 'Name.' })
  name!: string;

  @Field(() => LegalPartyRole, { description: 'Role.' })
  role!: LegalPartyRole;
}

/** 法律顾问: a lawyer, mediator or officer serving the grid (一社区一法律顾问). */
@ObjectType('LegalAdviser', { implements: Node, description: '法律顾问 — a legal adviser serving the grid.' })
@Entity({ tableName: 'legal_adviser' })
@Index({ properties: ['gridId', 'active'] })
export class LegalAdviser extends ModuleRecord {
  @Field(() => String, { description: 'Name.' })
  @Property({ type: 'string', length: 100 })
  name!: string;

  @Field(() => LegalAdviserKind, { description: 'Who they are.' })
  @Enum({ items: () => LegalAdviserKind, nativeEnumName: 'legal_adviser_kind' })
  kind!: LegalAdviserKind;

  @Field(() => String, { nullable: true, description: 'Law firm, office or unit.' })
  @Property({ type: 'string', length: 200, nullable: true })
  organization?: string | null;

  @Field(() => Boolean, { description: 'Whether they still serve the grid.' })
  @Property({ type: 'boolean', default: true })
  active: Opt<boolean> = true;
}

/** 调解: a dispute the grid mediates, from opening to agreement, failure or withdrawal. */
@ObjectType('LegalMediation', { implements: Node, description: '调解 — a dispute mediated on the grid.' })
@Entity({ tableName: 'legal_mediation' })
@Index({ properties: ['gridId', 'status'] })
@Index({ properties: ['gridId', 'closedOn'] })
export class LegalMediation extends ModuleRecord {
  @Field(() => LegalDisputeType, { description: 'Kind of dispute.' })
  @Enum({ items: () => LegalDisputeType, nativeEnumName: 'legal_dispute_type' })
  disputeType!: LegalDisputeType;

  @Field(() => String, { description: 'What the dispute is about.' })
  @Property({ type: 'string', length: 1000 })
  summary!: string;

  @Field(() => [LegalParty], { description: 'The parties.' })
  @Property({ type: 'json' })
  parties!: LegalParty[];

  @ManyToOne({ entity: 'LegalAdviser', mapToPk: true, fieldName: 'mediator_id', nullable: true })
  mediatorId?: string | null;

  /** The case (问题处理闭环) the dispute came in as, on the same grid. */
  @Property({ type: 'uuid', nullable: true, index: true })
  caseId?: string | null;

  @Field(() => LegalMediationStatus, { description: 'Where it stands.' })
  @Enum({ items: () => LegalMediationStatus, nativeEnumName: 'legal_mediation_status' })
  status: Opt<LegalMediationStatus> = LegalMediationStatus.IN_PROGRESS;

  @Field(() => GraphQLLocalDate, { description: 'When it was taken on.' })
  @Property({ type: LocalDateType })
  openedOn!: string;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'When it ended; null while in progress.' })
  @Property({ type: LocalDateType, nullable: true })
  closedOn?: string | null;

  @Field(() => String, { nullable: true, description: 'The agreement reached, or why it ended.' })
  @Property({ type: 'string', length: 1000, nullable: true })
  outcome?: string | null;
}
