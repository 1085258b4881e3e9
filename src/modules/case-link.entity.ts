import { Entity, Index, ManyToOne, Property, Unique } from '@mikro-orm/postgresql';
import { ModuleRecord } from './module-record';

/**
 * A module record (a concern, a hazard...) and the case of the closed loop it was turned into. One
 * core table rather than a column per module table: the case lifecycle finds the records to tell
 * with one indexed lookup by case, `Case.moduleRecords` works for every module without knowing its
 * tables, and a module adds no column to follow a case. A record has at most one case.
 */
@Entity({ tableName: 'module_case_link' })
@Unique({ properties: ['moduleId', 'recordId'] })
@Index({ properties: ['caseId'] })
export class ModuleCaseLink extends ModuleRecord {
  @Property({ type: 'string', length: 64 })
  moduleId!: string;

  /** The record's entity (and GraphQL type) name, e.g. `HeartBridgeConcern`. */
  @Property({ type: 'string', length: 64 })
  recordType!: string;

  @Property({ type: 'uuid' })
  recordId!: string;

  @ManyToOne({ entity: 'Case', mapToPk: true, fieldName: 'case_id' })
  caseId!: string;

  protected override owningModule(): string {
    return this.moduleId;
  }
}
