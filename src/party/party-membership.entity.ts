import { Entity, Enum, Index, ManyToOne, Property, type Opt } from '@mikro-orm/postgresql';
import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Node, ScopedEntity } from '../db/base.entity';
import { LocalDateType } from '../db/local-date.type';

export enum PartyMembershipKind {
  DIRECT = 'DIRECT',
  IN_SERVICE = 'IN_SERVICE',
  RETIREE = 'RETIREE',
}
registerEnumType(PartyMembershipKind, {
  name: 'PartyMembershipKind',
  description: 'How a party member belongs to the community party organization.',
  valuesConfig: {
    DIRECT: { description: '直管党员 member whose party relation is held here' },
    IN_SERVICE: { description: '在职报到党员 employed member registered here from their work unit' },
    RETIREE: { description: '老年党员 retired member' },
  },
});

/**
 * A member of a party organization. Placed where the organization is. The member may be a resident
 * and/or a staff member; the name is kept as well, so the ledger reads the same if a person record
 * goes away.
 */
@ObjectType('PartyMembership', {
  implements: Node,
  description: '党员 — membership of a person in a party organization, with their public commitment.',
})
@Entity()
@Index({ properties: ['partyOrganizationId', 'leftOn'] })
@Index({ properties: ['communityId', 'kind'] })
@Index({ properties: ['gridId', 'kind'] })
export class PartyMembership extends ScopedEntity {
  @ManyToOne({ entity: 'PartyOrganization', mapToPk: true, fieldName: 'party_organization_id' })
  partyOrganizationId!: string;

  @ManyToOne({
    entity: 'Resident',
    mapToPk: true,
    fieldName: 'resident_id',
    nullable: true,
    index: true,
    deleteRule: 'set null',
  })
  residentId?: string | null;

  @ManyToOne({
    entity: 'StaffMember',
    mapToPk: true,
    fieldName: 'staff_member_id',
    nullable: true,
    index: true,
    deleteRule: 'set null',
  })
  staffMemberId?: string | null;

  @Field(() => String, { description: 'Name of the member.' })
  @Property({ type: 'string', length: 100 })
  memberName!: string;

  @Field(() => PartyMembershipKind, { description: 'Kind of membership.' })
  @Enum({ items: () => PartyMembershipKind, nativeEnumName: 'party_membership_kind' })
  kind!: PartyMembershipKind;

  @ManyToOne({
    entity: 'Organization',
    mapToPk: true,
    fieldName: 'work_unit_organization_id',
    nullable: true,
    index: true,
    deleteRule: 'set null',
  })
  workUnitOrganizationId?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Work unit (工作单位), required for in-service members; the organization’s name when one is linked.',
  })
  @Property({ type: 'string', length: 200, nullable: true })
  workUnitName?: string | null;

  @Field(() => GraphQLLocalDate, {
    description: 'When the member joined this organization (or registered here).',
  })
  @Property({ type: LocalDateType })
  joinedOn!: string;

  @Field(() => GraphQLLocalDate, {
    nullable: true,
    description: 'When the membership ended; null while active.',
  })
  @Property({ type: LocalDateType, nullable: true })
  leftOn?: string | null;

  @Field(() => String, { nullable: true, description: 'Why the membership ended (e.g. moved away).' })
  @Property({ type: 'string', length: 200, nullable: true })
  leftReason?: string | null;

  @Field(() => String, { nullable: true, description: 'Public commitment (亮身份、亮承诺).' })
  @Property({ type: 'string', length: 500, nullable: true })
  commitment?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Post the member holds (设岗定责), e.g. "楼道卫生监督岗".',
  })
  @Property({ type: 'string', length: 100, nullable: true })
  post?: string | null;

  @Field(() => Boolean, { description: 'Whether the membership is current (not ended).' })
  get active(): Opt<boolean> {
    return !this.leftOn as Opt<boolean>;
  }
}
