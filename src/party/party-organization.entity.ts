import { Entity, Enum, Index, ManyToOne, Property, Unique, type Opt } from '@mikro-orm/postgresql';
import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Node, ScopedEntity } from '../db/base.entity';
import { LocalDateType } from '../db/local-date.type';

export enum PartyOrganizationKind {
  COMMUNITY_COMMITTEE = 'COMMUNITY_COMMITTEE',
  GRID_BRANCH = 'GRID_BRANCH',
  RESIDENTIAL_BRANCH = 'RESIDENTIAL_BRANCH',
  PARTY_GROUP = 'PARTY_GROUP',
  BUILDING_GROUP = 'BUILDING_GROUP',
}
registerEnumType(PartyOrganizationKind, {
  name: 'PartyOrganizationKind',
  description: 'Kind of party organization, from the community committee down to a building group.',
  valuesConfig: {
    COMMUNITY_COMMITTEE: { description: '社区党委 community party committee (attached to a community)' },
    GRID_BRANCH: { description: '网格党支部 grid party branch (attached to a grid)' },
    RESIDENTIAL_BRANCH: {
      description: '小区党支部 residential-compound party branch (attached to a micro-grid or a grid)',
    },
    PARTY_GROUP: { description: '党小组 party group (attached to a grid or a micro-grid)' },
    BUILDING_GROUP: { description: '楼栋党小组 building party group (attached to a building)' },
  },
});

/** The territory level a party organization is attached to. */
export enum PartyAttachmentLevel {
  COMMUNITY = 'COMMUNITY',
  GRID = 'GRID',
  MICRO_GRID = 'MICRO_GRID',
  BUILDING = 'BUILDING',
}
registerEnumType(PartyAttachmentLevel, {
  name: 'PartyAttachmentLevel',
  description: 'The territory level a party organization is attached to.',
  valuesConfig: {
    COMMUNITY: { description: '社区 a community' },
    GRID: { description: '网格 a grid' },
    MICRO_GRID: { description: '微网格 a micro-grid' },
    BUILDING: { description: '楼栋 a building' },
  },
});

/**
 * A party organization on a territory node. The scope columns place it: a community committee has
 * no grid; everything below names the grid of the node it is attached to, so grid staff see the
 * organizations of their grid and nothing above it.
 */
@ObjectType('PartyOrganization', {
  implements: Node,
  description: '党组织 — a party organization (committee, branch or group) attached to a territory node.',
})
@Entity()
@Unique({ properties: ['communityId', 'name'] })
@Index({ properties: ['communityId', 'kind'] })
export class PartyOrganization extends ScopedEntity {
  @Field(() => String, { description: 'Name, e.g. "幸福社区第一网格党支部".' })
  @Property({ type: 'string', length: 200 })
  name!: string;

  @Field(() => PartyOrganizationKind, { description: 'Kind of organization.' })
  @Enum({ items: () => PartyOrganizationKind, nativeEnumName: 'party_organization_kind' })
  kind!: PartyOrganizationKind;

  @ManyToOne({ entity: 'MicroGrid', mapToPk: true, fieldName: 'micro_grid_id', nullable: true, index: true })
  microGridId?: string | null;

  @ManyToOne({ entity: 'Building', mapToPk: true, fieldName: 'building_id', nullable: true, index: true })
  buildingId?: string | null;

  @ManyToOne({
    entity: 'PartyOrganization',
    mapToPk: true,
    fieldName: 'parent_id',
    nullable: true,
    index: true,
  })
  parentId?: string | null;

  @Field(() => String, { nullable: true, description: 'Name of the secretary (书记), if any.' })
  @Property({ type: 'string', length: 100, nullable: true })
  secretaryName?: string | null;

  @ManyToOne({
    entity: 'StaffMember',
    mapToPk: true,
    fieldName: 'secretary_staff_member_id',
    nullable: true,
    deleteRule: 'set null',
  })
  secretaryStaffMemberId?: string | null;

  @ManyToOne({
    entity: 'Resident',
    mapToPk: true,
    fieldName: 'secretary_resident_id',
    nullable: true,
    deleteRule: 'set null',
  })
  secretaryResidentId?: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'When the organization was founded.' })
  @Property({ type: LocalDateType, nullable: true })
  foundedOn?: string | null;

  @Field(() => PartyAttachmentLevel, { description: 'The territory level it is attached to.' })
  get attachmentLevel(): Opt<PartyAttachmentLevel> {
    const level = this.buildingId
      ? PartyAttachmentLevel.BUILDING
      : this.microGridId
        ? PartyAttachmentLevel.MICRO_GRID
        : this.gridId
          ? PartyAttachmentLevel.GRID
          : PartyAttachmentLevel.COMMUNITY;
    return level as Opt<PartyAttachmentLevel>;
  }
}
