import { Entity, Enum, Index, ManyToOne, Property, Unique, type Opt } from '@mikro-orm/postgresql';
import { Field, ObjectType } from 'type-graphql';
import { Node, ScopedEntity } from '../db/base.entity';
import { LocalDateType } from '../db/local-date.type';
import type { ExternalRef } from '../db/external-ref';
import { Gender } from '../people/resident.entity';

/**
 * A person on the grid staff ladder (often also a resident). Where they serve is given by their
 * assignments; the scope columns hold their home community (and grid, if any) for jurisdiction.
 */
@ObjectType('StaffMember', { implements: Node, description: '工作人员 — a member of the grid staff.' })
@Entity()
@Unique({ properties: ['source', 'externalId'] })
@Index({ properties: ['communityId', 'name'] })
export class StaffMember extends ScopedEntity implements ExternalRef {
  @Field(() => String, { description: 'Name.' })
  @Property({ type: 'string', length: 100 })
  name!: string;

  @Field(() => Gender, { nullable: true, description: 'Gender.' })
  @Enum({ items: () => Gender, nativeEnumName: 'gender', nullable: true })
  gender?: Gender | null;

  /** Only the age is shown; the roster's age bands are computed from this column in SQL. */
  @Property({ type: LocalDateType, nullable: true })
  birthDate?: string | null;

  /** Shown masked unless the viewer administers the member's home jurisdiction. */
  @Property({ type: 'string', length: 20, nullable: true })
  phone?: string | null;

  /** The resident record of this person, when they live in the territory. */
  @ManyToOne({ entity: 'Resident', mapToPk: true, fieldName: 'resident_id', nullable: true, index: true })
  residentId?: string | null;

  @Field(() => Boolean, { description: 'Whether the person is a party member.' })
  @Property({ type: 'boolean', default: false })
  partyMember: Opt<boolean> = false;

  @Property({ type: 'string', length: 64, nullable: true })
  source?: string | null;

  @Property({ type: 'string', length: 128, nullable: true })
  externalId?: string | null;
}
