import { Entity, Enum, Index, ManyToOne, Property, Unique, type Opt } from '@mikro-orm/postgresql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, Int, ObjectType } from 'type-graphql';
import { BaseEntity } from '../db/base.entity';
import { CaseAction, CaseLevel, CaseState } from './case.enums';

/**
 * One step of a case's timeline, written in the same transaction as the change. `version` is the
 * case version the step produced, unique per case: a timeline can have no gap and no fork.
 */
@ObjectType('CaseEvent', {
  description: 'One step of a case’s timeline: who did what, when, from which state to which.',
})
@Entity()
@Unique({ properties: ['caseId', 'version'] })
// "Cases escalated / reopened / supervised in the period": the case id in the index lets those
// counts join to the territory's cases from the index alone, without visiting the rows.
@Index({ properties: ['action', 'at', 'caseId'] })
export class CaseEvent extends BaseEntity {
  @ManyToOne({ entity: 'Case', mapToPk: true, fieldName: 'case_id', deleteRule: 'cascade' })
  caseId!: string;

  @Field(() => Int, { description: 'The case version this step produced (1 for the report).' })
  @Property({ type: 'integer' })
  version!: number;

  @Field(() => CaseAction, { description: 'What was done.' })
  @Enum({ items: () => CaseAction, nativeEnumName: 'case_action' })
  action!: CaseAction;

  @Field(() => CaseState, { nullable: true, description: 'State before (null for the report).' })
  @Enum({ items: () => CaseState, nativeEnumName: 'case_state', nullable: true })
  fromState?: CaseState | null;

  @Field(() => CaseState, { description: 'State after.' })
  @Enum({ items: () => CaseState, nativeEnumName: 'case_state' })
  toState!: CaseState;

  @Field(() => CaseLevel, { description: 'Level holding the case after the step.' })
  @Enum({ items: () => CaseLevel, nativeEnumName: 'case_level' })
  level!: CaseLevel;

  @Field(() => Date, { description: 'When it happened.' })
  @Property({ type: 'datetime' })
  at!: Date;

  /** User or API key; null for the system (rating timeout). */
  @Property({ type: 'uuid', nullable: true })
  actorId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Who did it (display name); null when the system did.',
  })
  @Property({ type: 'string', length: 100, nullable: true })
  actorName?: string | null;

  @Field(() => String, { nullable: true, description: 'Note, reason or result given with the step.' })
  @Property({ type: 'text', nullable: true })
  note?: string | null;

  @Field(() => GraphQLJSONObject, {
    description:
      'Details of the step: deadlines, responsible party, rating, meeting... (ids are global ids).',
  })
  @Property({ type: 'json' })
  data: Opt<Record<string, unknown>> = {};
}
