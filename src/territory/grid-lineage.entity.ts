import { Entity, Enum, ManyToOne, Property, Unique, type Opt } from '@mikro-orm/postgresql';
import { registerEnumType } from 'type-graphql';
import { BaseEntity } from '../db/base.entity';

export enum GridLineageKind {
  SPLIT = 'SPLIT',
  MERGE = 'MERGE',
}
registerEnumType(GridLineageKind, {
  name: 'GridLineageKind',
  description: 'How re-gridding turned one grid into another.',
  valuesConfig: {
    SPLIT: { description: '拆分 the predecessor was divided into several grids' },
    MERGE: { description: '合并 several predecessors were joined into one grid' },
  },
});

/**
 * One edge of the re-gridding history: `successor` took over (part of) `predecessor`'s area.
 * Deliberately carries no `gridId` column: re-gridding moves every row that has one, and this
 * history must stay where it was written.
 */
@Entity()
@Unique({ properties: ['predecessorId', 'successorId'] })
export class GridLineage extends BaseEntity {
  @ManyToOne({ entity: 'Grid', mapToPk: true, fieldName: 'predecessor_id', index: true })
  predecessorId!: string;

  @ManyToOne({ entity: 'Grid', mapToPk: true, fieldName: 'successor_id', index: true })
  successorId!: string;

  @Enum({ items: () => GridLineageKind, nativeEnumName: 'grid_lineage_kind' })
  kind!: GridLineageKind;

  @Property({ type: 'datetime' })
  at: Opt<Date> = new Date();
}
