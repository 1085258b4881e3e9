import { Entity, Enum, Index, ManyToOne, Property, Unique, type Opt } from '@mikro-orm/postgresql';
import { Field, Int, ObjectType } from 'type-graphql';
import { BaseEntity, Node } from '../db/base.entity';
import { CaseScale } from './case.enums';

/**
 * A category of cases. A table, not an enum: districts keep their own taxonomies. Categories
 * without a street are shared by every street; a street's administrators may add their own.
 */
@ObjectType('CaseCategory', {
  implements: Node,
  description: '问题类别 — a category of cases, with its default scale and SLA.',
})
@Entity()
@Index({ properties: ['streetId', 'active'] })
export class CaseCategory extends BaseEntity {
  @Field(() => String, { description: 'Unique code, e.g. "ENVIRONMENT".' })
  @Property({ type: 'string', length: 32 })
  @Unique()
  code!: string;

  @Field(() => String, { description: 'Chinese name, e.g. "环境卫生".' })
  @Property({ type: 'string', length: 100 })
  nameZh!: string;

  @Field(() => String, { description: 'English name, e.g. "Environment".' })
  @Property({ type: 'string', length: 100 })
  nameEn!: string;

  @Field(() => CaseScale, { description: 'Scale a new case of this category gets unless the reporter says.' })
  @Enum({ items: () => CaseScale, nativeEnumName: 'case_scale' })
  defaultScale!: CaseScale;

  @Field(() => Int, {
    description:
      'Hours to resolve a case (its overall deadline from the report), and the fresh step time after an escalation or a reopen.',
  })
  @Property({ type: 'integer' })
  slaHours!: number;

  @Field(() => Boolean, {
    description:
      '"今日事今日毕": a SMALL case of this category is due at the end of the day it was reported (China time) instead of after `slaHours`.',
  })
  @Property({ type: 'boolean', default: true })
  sameDay: Opt<boolean> = true;

  @Field(() => Boolean, { description: 'Inactive categories stay on old cases but take no new ones.' })
  @Property({ type: 'boolean', default: true })
  active: Opt<boolean> = true;

  /** Null: shared by all streets. */
  @ManyToOne({ entity: 'Street', mapToPk: true, fieldName: 'street_id', nullable: true })
  streetId?: string | null;
}
