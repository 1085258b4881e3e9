import { Entity, Enum, Index, ManyToOne, Property, type Opt } from '@mikro-orm/postgresql';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { FollowUpEntry, ModuleRecord, Node, type FollowUpData } from '../../src/modules';

export enum CivilityReportKind {
  LITTERING = 'LITTERING',
  ILLEGAL_PARKING = 'ILLEGAL_PARKING',
  NOISE = 'NOISE',
  PET = 'PET',
  GRAFFITI = 'GRAFFITI',
  OTHER = 'OTHER',
}
registerEnumType(CivilityReportKind, {
  name: 'CivilityReportKind',
  description: 'Kind of uncivil behaviour reported.',
  valuesConfig: {
    LITTERING: { description: '乱扔垃圾 littering, waste not sorted' },
    ILLEGAL_PARKING: { description: '乱停乱放 illegal parking, blocked fire lanes' },
    NOISE: { description: '噪音扰民 noise' },
    PET: { description: '不文明养犬 pets: unleashed dogs, droppings' },
    GRAFFITI: { description: '乱涂乱画、小广告 graffiti and flyposting' },
    OTHER: { description: '其他 other' },
  },
});

export enum CivilityReportStatus {
  OPEN = 'OPEN',
  RESOLVED = 'RESOLVED',
}
registerEnumType(CivilityReportStatus, {
  name: 'CivilityReportStatus',
  description: 'Whether a report of uncivil behaviour is dealt with.',
  valuesConfig: {
    OPEN: { description: '待处理 being followed up' },
    RESOLVED: { description: '已处理 resolved' },
  },
});

@ObjectType('CivilityReportFollowUp', { description: 'One follow-up of a report (劝导、整改、复查).' })
export class CivilityReportFollowUp extends FollowUpEntry {}

/** 不文明行为报告: uncivil behaviour seen on the grid, followed up until resolved. */
@ObjectType('CivilityReport', {
  implements: Node,
  description: '不文明行为报告 — uncivil behaviour reported on the grid, followed up until resolved.',
})
@Entity({ tableName: 'civility_report' })
@Index({ properties: ['gridId', 'status'] })
@Index({ properties: ['gridId', 'reportedAt'] })
@Index({ properties: ['gridId', 'resolvedAt'] })
export class CivilityReport extends ModuleRecord {
  @Field(() => CivilityReportKind, { description: 'What kind of behaviour.' })
  @Enum({ items: () => CivilityReportKind, nativeEnumName: 'civility_report_kind' })
  kind!: CivilityReportKind;

  @Field(() => String, { description: 'What was seen.' })
  @Property({ type: 'string', length: 1000 })
  description!: string;

  @Field(() => String, { description: 'Where, e.g. "3号楼东侧消防通道".' })
  @Property({ type: 'string', length: 200 })
  location!: string;

  /** The building of the same grid where it happened, when it was at one. */
  @ManyToOne({ entity: 'Building', mapToPk: true, fieldName: 'building_id', nullable: true, index: true })
  buildingId?: string | null;

  /** The resident of the same grid who reported it, when a resident did. */
  @ManyToOne({ entity: 'Resident', mapToPk: true, fieldName: 'reporter_id', nullable: true, index: true })
  reporterId?: string | null;

  @Field(() => Date, { description: 'When it was reported.' })
  @Property({ type: 'datetime' })
  reportedAt!: Date;

  @Field(() => CivilityReportStatus, { description: 'Whether it is dealt with.' })
  @Enum({ items: () => CivilityReportStatus, nativeEnumName: 'civility_report_status' })
  status: Opt<CivilityReportStatus> = CivilityReportStatus.OPEN;

  @Field(() => [CivilityReportFollowUp], { description: 'Follow-ups, oldest first.' })
  @Property({ type: 'json' })
  followUps: Opt<FollowUpData[]> = [];

  @Field(() => Date, { nullable: true, description: 'When it was resolved; null while open.' })
  @Property({ type: 'datetime', nullable: true })
  resolvedAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'How it was resolved.' })
  @Property({ type: 'string', length: 1000, nullable: true })
  resolution?: string | null;
}
