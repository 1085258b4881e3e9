import { Entity, Enum, Index, ManyToOne, Property, Unique } from '@mikro-orm/postgresql';
import { registerEnumType } from 'type-graphql';
import { BaseEntity } from '../db/base.entity';

/** Groups the grid looks after with extra care (弱势群体), and veterans. */
export enum ResidentTagKind {
  ELDERLY_ALONE = 'ELDERLY_ALONE',
  EMPTY_NEST = 'EMPTY_NEST',
  DISABLED = 'DISABLED',
  LOW_INCOME = 'LOW_INCOME',
  SPECIAL_HARDSHIP = 'SPECIAL_HARDSHIP',
  LEFT_BEHIND_CHILD = 'LEFT_BEHIND_CHILD',
  NEEDS_CARE = 'NEEDS_CARE',
  VETERAN = 'VETERAN',
}
registerEnumType(ResidentTagKind, {
  name: 'ResidentTagKind',
  description: 'A tag on a resident: vulnerable groups (弱势群体) and veterans.',
  valuesConfig: {
    ELDERLY_ALONE: { description: '独居老人 elderly living alone' },
    EMPTY_NEST: { description: '空巢老人 empty-nest elderly' },
    DISABLED: { description: '残疾 disabled (sensitive)' },
    LOW_INCOME: { description: '低保 minimum-living-allowance household (sensitive)' },
    SPECIAL_HARDSHIP: { description: '特困 special hardship (sensitive)' },
    LEFT_BEHIND_CHILD: { description: '留守儿童 left-behind child' },
    NEEDS_CARE: { description: '失能 needs care (disabled elderly)' },
    VETERAN: { description: '退役军人 veteran' },
  },
});

/** Tags that are sensitive personal information: shown only to roles that need them. */
export const SENSITIVE_TAGS: readonly ResidentTagKind[] = [
  ResidentTagKind.DISABLED,
  ResidentTagKind.LOW_INCOME,
  ResidentTagKind.SPECIAL_HARDSHIP,
];

/** One tag on one resident; the grid id is copied so that tag filters stay inside one index. */
@Entity()
@Unique({ properties: ['residentId', 'kind'] })
@Index({ properties: ['gridId', 'kind'] })
@Index({ properties: ['communityId', 'kind'] })
export class ResidentTag extends BaseEntity {
  @ManyToOne({ entity: 'Resident', mapToPk: true, fieldName: 'resident_id', deleteRule: 'cascade' })
  residentId!: string;

  @Enum({ items: () => ResidentTagKind, nativeEnumName: 'resident_tag_kind' })
  kind!: ResidentTagKind;

  @ManyToOne({ entity: 'Community', mapToPk: true, fieldName: 'community_id' })
  communityId!: string;

  @ManyToOne({ entity: 'Grid', mapToPk: true, fieldName: 'grid_id', nullable: true })
  gridId?: string | null;

  @Property({ type: 'string', length: 200, nullable: true })
  note?: string | null;
}
