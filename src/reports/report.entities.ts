import { Entity, Enum, Property, Unique } from '@mikro-orm/postgresql';
import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ScopedEntity } from '../db/base.entity';
import { LocalDateType } from '../db/local-date.type';

/** The five sections of the community work report (工作总结), in the seed document's order. */
export enum ReportSection {
  BASICS = 'BASICS',
  PROGRESS = 'PROGRESS',
  MODULES = 'MODULES',
  PROBLEMS = 'PROBLEMS',
  NEXT_STEPS = 'NEXT_STEPS',
}
registerEnumType(ReportSection, {
  name: 'ReportSection',
  description: 'A section of the community work report.',
  valuesConfig: {
    BASICS: { description: '一、基本情况 basic facts' },
    PROGRESS: { description: '二、推进情况与成效 progress and results' },
    MODULES: { description: '三、九型网格 characteristic grids' },
    PROBLEMS: { description: '四、存在的问题 problems' },
    NEXT_STEPS: { description: '五、下一步工作安排 next steps' },
  },
});

/**
 * A community's own words for one section of its report for one period. Numbers never live here:
 * they come from data each time the report is built.
 */
@ObjectType('ReportNarrative', {
  description: 'Text a community saved for one section of one period’s report.',
})
@Entity({ tableName: 'report_narrative' })
@Unique({ properties: ['communityId', 'section', 'periodFrom', 'periodTo'] })
export class ReportNarrative extends ScopedEntity {
  @Field(() => ReportSection, { description: 'The section.' })
  @Enum({ items: () => ReportSection, nativeEnumName: 'report_section' })
  section!: ReportSection;

  @Field(() => GraphQLLocalDate, { description: 'First day of the report period.' })
  @Property({ type: LocalDateType })
  periodFrom!: string;

  @Field(() => GraphQLLocalDate, { description: 'Last day of the report period.' })
  @Property({ type: LocalDateType })
  periodTo!: string;

  @Field(() => String, { description: 'The text, in the community’s words (empty: nothing to add).' })
  @Property({ type: 'text' })
  text!: string;

  @Field(() => String, { nullable: true, description: 'Who saved it last (username).' })
  @Property({ type: 'string', length: 100, nullable: true })
  updatedBy?: string | null;
}

/**
 * The thresholds that turn figures into findings in "存在的问题". One row per community; a community
 * without one uses the defaults.
 */
@ObjectType('ReportSettings', {
  description:
    'Thresholds of a community’s report findings (存在的问题); defaults until an administrator changes them.',
})
@Entity({ tableName: 'report_settings' })
@Unique({ properties: ['communityId'] })
export class ReportSettings extends ScopedEntity {
  @Field(() => Int, {
    description: 'A finding when more residents than this refused to give information (default 0).',
  })
  @Property({ type: 'integer' })
  maxRefusedResidents!: number;

  @Field(() => Float, {
    description: 'A finding when the grid-worker training rate (%) is below this (default 90).',
  })
  @Property({ type: 'double' })
  minTrainingRate!: number;

  @Field(() => Int, { description: 'A finding when more open cases than this are overdue (default 0).' })
  @Property({ type: 'integer' })
  maxOverdueCases!: number;

  @Field(() => Float, { description: 'A finding when the on-time rate (%) is below this (default 90).' })
  @Property({ type: 'double' })
  minOnTimeRate!: number;

  @Field(() => Float, { description: 'A finding when the satisfaction rate (%) is below this (default 90).' })
  @Property({ type: 'double' })
  minSatisfactionRate!: number;

  @Field(() => String, {
    nullable: true,
    description: 'Who changed them last (username); null for defaults.',
  })
  @Property({ type: 'string', length: 100, nullable: true })
  updatedBy?: string | null;
}

export const DEFAULT_REPORT_SETTINGS = {
  maxRefusedResidents: 0,
  minTrainingRate: 90,
  maxOverdueCases: 0,
  minOnTimeRate: 90,
  minSatisfactionRate: 90,
};
