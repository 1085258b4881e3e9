import { Entity, Enum, Index, ManyToOne, Property, Unique, type Opt } from '@mikro-orm/postgresql';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { BaseEntity, Node } from '../db/base.entity';
import type { ExternalRef } from '../db/external-ref';

export enum GridStatus {
  ACTIVE = 'ACTIVE',
  RETIRED = 'RETIRED',
}
registerEnumType(GridStatus, {
  name: 'GridStatus',
  description: 'Whether a grid is in use or was retired by re-gridding.',
  valuesConfig: {
    ACTIVE: { description: '在用 in use' },
    RETIRED: { description: '已撤销 retired by a split or merge; kept for history' },
  },
});

/** 网格: the unit grid staff look after, a few hundred households. */
@ObjectType('Grid', {
  implements: Node,
  description: '网格 — a grid of a community, looked after by grid staff.',
})
@Entity()
@Unique({ properties: ['source', 'externalId'] })
export class Grid extends BaseEntity implements ExternalRef {
  @ManyToOne({ entity: 'Street', mapToPk: true, fieldName: 'street_id', index: true })
  streetId!: string;

  @ManyToOne({ entity: 'Community', mapToPk: true, fieldName: 'community_id', index: true })
  communityId!: string;

  @Field(() => String, { description: 'Short unique code, e.g. "SQ0101-03".' })
  @Property({ type: 'string', length: 32 })
  @Unique()
  code!: string;

  @Field(() => String, { description: 'Name, e.g. "第三网格".' })
  @Property({ type: 'string', length: 100 })
  name!: string;

  @Field(() => Int, {
    nullable: true,
    description: 'Households this grid is meant to hold (the "N households per grid" rule).',
  })
  @Property({ type: 'integer', nullable: true })
  targetHouseholds?: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'Id of the primary characteristic-grid module (一网格一特色), if any.',
  })
  @Property({ type: 'string', length: 64, nullable: true })
  theme?: string | null;

  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description: 'Boundary as a GeoJSON Polygon or MultiPolygon (网格示意图), WGS84.',
  })
  @Property({ type: 'json', nullable: true })
  boundary?: Record<string, unknown> | null;

  @Field(() => GridStatus, { description: 'In use, or retired by re-gridding.' })
  @Enum({ items: () => GridStatus, nativeEnumName: 'grid_status', default: GridStatus.ACTIVE })
  @Index()
  status: Opt<GridStatus> = GridStatus.ACTIVE;

  @Field(() => Date, { nullable: true, description: 'When re-gridding retired this grid.' })
  @Property({ type: 'datetime', nullable: true })
  retiredAt?: Date | null;

  @Property({ type: 'string', length: 64, nullable: true })
  source?: string | null;

  @Property({ type: 'string', length: 128, nullable: true })
  externalId?: string | null;
}
