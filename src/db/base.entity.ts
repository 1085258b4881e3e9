import { ManyToOne, PrimaryKey, Property, type Opt } from '@mikro-orm/postgresql';
import { Field, ID, InterfaceType, ObjectType } from 'type-graphql';
import { v7 as uuidv7 } from 'uuid';
import { toGlobalId } from '../graphql/global-id';

/** Relay's Node: anything with a global id can be fetched again with `node(id)`. */
@InterfaceType('Node', {
  description: 'An object with a global id, refetchable with `node(id)`.',
  resolveType: (value: object) => value.constructor.name,
})
export abstract class Node {
  @Field(() => ID, { name: 'id', description: 'Global id (opaque).' })
  gid!: string;
}

/**
 * Shared columns of every table. Primary keys are uuid v7: time-ordered, so keyset pagination and
 * inserts stay index-friendly, and ids can be generated before the row is written.
 */
// Decorated only so subclasses inherit its fields; never referenced, so never emitted.
@ObjectType('BaseEntity')
export abstract class BaseEntity {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Field(() => Date, { description: 'When the record was created.' })
  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();

  @Field(() => Date, { description: 'When the record last changed.' })
  @Property({ type: 'datetime', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();

  /** The global id exposed as `id`; the class name is the GraphQL type name. */
  @Field(() => ID, { name: 'id', description: 'Global id (opaque).' })
  get gid(): Opt<string> {
    return toGlobalId(this.constructor.name, this.id) as Opt<string>;
  }
}

/**
 * Records that live inside the territory carry the ids of their street, community and grid, so
 * every jurisdiction check is one indexed equality, whatever path led to the record.
 */
export abstract class ScopedEntity extends BaseEntity {
  @ManyToOne({ entity: 'Street', mapToPk: true, fieldName: 'street_id', index: true })
  streetId!: string;

  @ManyToOne({ entity: 'Community', mapToPk: true, fieldName: 'community_id', index: true })
  communityId!: string;

  @ManyToOne({ entity: 'Grid', mapToPk: true, fieldName: 'grid_id', nullable: true, index: true })
  gridId?: string | null;
}
