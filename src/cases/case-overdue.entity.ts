import { Entity, Enum, ManyToOne, Property, Unique } from '@mikro-orm/postgresql';
import { Field, Int, ObjectType } from 'type-graphql';
import { ScopedEntity } from '../db/base.entity';
import { CaseState, OverdueClock } from './case.enums';

/**
 * A deadline that ran out, recorded by the SLA sweeper. The unique key makes the sweeper
 * idempotent: however many server processes sweep, a case's step is recorded once.
 */
@ObjectType('CaseOverdueRecord', { description: 'A deadline of a case that ran out (超期记录).' })
@Entity()
@Unique({ properties: ['caseId', 'clock', 'stepNo'] })
export class CaseOverdue extends ScopedEntity {
  @ManyToOne({ entity: 'Case', mapToPk: true, fieldName: 'case_id', deleteRule: 'cascade' })
  caseId!: string;

  @Field(() => OverdueClock, { description: 'Which clock ran out.' })
  @Enum({ items: () => OverdueClock, nativeEnumName: 'overdue_clock' })
  clock!: OverdueClock;

  @Field(() => Int, { description: 'The step whose deadline passed (0 for the overall deadline).' })
  @Property({ type: 'integer' })
  stepNo!: number;

  @Field(() => Date, { description: 'The deadline that passed.' })
  @Property({ type: 'datetime' })
  dueAt!: Date;

  @Field(() => Date, { description: 'When the sweeper noticed.' })
  @Property({ type: 'datetime' })
  detectedAt!: Date;

  @Field(() => CaseState, { description: 'State of the case at that moment.' })
  @Enum({ items: () => CaseState, nativeEnumName: 'case_state' })
  state!: CaseState;
}
