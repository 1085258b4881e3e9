import { Entity, Enum, Index, ManyToOne, Property, type Opt } from '@mikro-orm/postgresql';
import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, ObjectType } from 'type-graphql';
import { Node, ScopedEntity } from '../db/base.entity';
import { LocalDateType } from '../db/local-date.type';
import { Department, PostLevel, StaffRole } from './staff.enums';

/**
 * 岗位: one staff member in one role on one post (a community, grid, micro-grid or building) for a
 * span of days. The scope columns are those of the post, so the post's jurisdiction governs it.
 */
@ObjectType('StaffAssignment', {
  implements: Node,
  description: '岗位分配 — a staff member serving in a role on a post, from a start date to an end date.',
})
@Entity()
@Index({ properties: ['gridId', 'role', 'startDate'] })
@Index({ properties: ['communityId', 'role', 'startDate'] })
@Index({ properties: ['staffMemberId', 'startDate'] })
export class StaffAssignment extends ScopedEntity {
  @ManyToOne({ entity: 'StaffMember', mapToPk: true, fieldName: 'staff_member_id' })
  staffMemberId!: string;

  @Field(() => StaffRole, { description: 'Role on the ladder.' })
  @Enum({ items: () => StaffRole, nativeEnumName: 'staff_role' })
  role!: StaffRole;

  @Field(() => Department, {
    nullable: true,
    description: 'Department a co-manager (网格协管员) comes from; null for other roles.',
  })
  @Enum({ items: () => Department, nativeEnumName: 'department', nullable: true })
  department?: Department | null;

  /** The unit of a liaison or grid-chief assistant. */
  @ManyToOne({
    entity: 'Organization',
    mapToPk: true,
    fieldName: 'organization_id',
    nullable: true,
    index: true,
  })
  organizationId?: string | null;

  @ManyToOne({ entity: 'MicroGrid', mapToPk: true, fieldName: 'micro_grid_id', nullable: true, index: true })
  microGridId?: string | null;

  @ManyToOne({ entity: 'Building', mapToPk: true, fieldName: 'building_id', nullable: true, index: true })
  buildingId?: string | null;

  @Field(() => GraphQLLocalDate, { description: 'First day in the post.' })
  @Property({ type: LocalDateType })
  startDate!: string;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Last day in the post; null while serving.' })
  @Property({ type: LocalDateType, nullable: true })
  endDate?: string | null;

  /** Derived from the deepest post column set, so it cannot disagree with them. */
  @Field(() => PostLevel, { description: 'Kind of node the post sits on.' })
  get postLevel(): Opt<PostLevel> {
    if (this.buildingId) return PostLevel.BUILDING as Opt<PostLevel>;
    if (this.microGridId) return PostLevel.MICRO_GRID as Opt<PostLevel>;
    if (this.gridId) return PostLevel.GRID as Opt<PostLevel>;
    return PostLevel.COMMUNITY as Opt<PostLevel>;
  }

  /** Whether the assignment covers a calendar day ('YYYY-MM-DD'). */
  activeOn(date: string): boolean {
    return this.startDate <= date && (this.endDate == null || this.endDate >= date);
  }
}
