import { Entity, Enum, Index, Property, Unique } from '@mikro-orm/postgresql';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Node, ScopedEntity } from '../db/base.entity';
import type { ExternalRef } from '../db/external-ref';

export enum OrganizationKind {
  ENTERPRISE = 'ENTERPRISE',
  INSTITUTION = 'INSTITUTION',
  NEW_ECONOMIC = 'NEW_ECONOMIC',
  NEW_SOCIAL = 'NEW_SOCIAL',
  PROPERTY_COMPANY = 'PROPERTY_COMPANY',
  OWNERS_COMMITTEE = 'OWNERS_COMMITTEE',
  DEPARTMENT = 'DEPARTMENT',
}
registerEnumType(OrganizationKind, {
  name: 'OrganizationKind',
  description: 'Kind of organization in the area.',
  valuesConfig: {
    ENTERPRISE: { description: '企业 enterprise' },
    INSTITUTION: { description: '事业单位 public institution' },
    NEW_ECONOMIC: { description: '新经济组织 new economic organization (两新组织)' },
    NEW_SOCIAL: { description: '新社会组织 new social organization (两新组织)' },
    PROPERTY_COMPANY: { description: '物业公司 property-management company' },
    OWNERS_COMMITTEE: { description: '业委会 owners’ committee' },
    DEPARTMENT: { description: '职能部门 functional department' },
  },
});

/** An enterprise, institution, 两新组织, property company, owners' committee or department. */
@ObjectType('Organization', { implements: Node, description: '组织 — an organization in the area.' })
@Entity()
@Unique({ properties: ['source', 'externalId'] })
@Index({ properties: ['gridId', 'kind'] })
@Index({ properties: ['communityId', 'kind'] })
export class Organization extends ScopedEntity implements ExternalRef {
  @Field(() => String, { description: 'Name.' })
  @Property({ type: 'string', length: 200 })
  name!: string;

  @Field(() => OrganizationKind, { description: 'Kind.' })
  @Enum({ items: () => OrganizationKind, nativeEnumName: 'organization_kind' })
  kind!: OrganizationKind;

  @Field(() => String, { nullable: true, description: 'Unified social credit code (统一社会信用代码).' })
  @Property({ type: 'string', length: 18, nullable: true })
  creditCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Address.' })
  @Property({ type: 'string', length: 300, nullable: true })
  address?: string | null;

  @Field(() => String, { nullable: true, description: 'Contact person.' })
  @Property({ type: 'string', length: 100, nullable: true })
  contactName?: string | null;

  /** Shown only masked (the resolver exposes `contactPhone` through the masking functions). */
  @Property({ type: 'string', length: 20, nullable: true })
  contactPhone?: string | null;

  @Property({ type: 'string', length: 64, nullable: true })
  source?: string | null;

  @Property({ type: 'string', length: 128, nullable: true })
  externalId?: string | null;
}
