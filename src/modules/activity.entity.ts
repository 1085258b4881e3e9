import { Entity, Index, Property, type Opt } from '@mikro-orm/postgresql';
import { ModuleRecord } from './module-record';

/**
 * One thing that happened on a grid, recorded by a module (a clinic, a lecture, a volunteer
 * service...). Every module writes here, so the core serves one feed per grid and counts across
 * modules; `details` holds the kind's own fields, validated against its schema before writing.
 */
@Entity({ tableName: 'activity' })
@Index({ properties: ['gridId', 'occurredAt'] })
@Index({ properties: ['communityId', 'occurredAt'] })
@Index({ properties: ['streetId', 'occurredAt'] })
@Index({ properties: ['gridId', 'kind', 'occurredAt'] })
@Index({ properties: ['moduleId', 'occurredAt'] })
export class Activity extends ModuleRecord {
  @Property({ type: 'string', length: 64 })
  moduleId!: string;

  /** `<module id>.<kind>`, e.g. `elderly-care.clinic`. */
  @Property({ type: 'string', length: 128 })
  kind!: string;

  @Property({ type: 'datetime' })
  occurredAt!: Date;

  @Property({ type: 'string', length: 200 })
  title!: string;

  /** People taking part on the giving side (volunteers, doctors, speakers...). */
  @Property({ type: 'integer', default: 0 })
  participants: Opt<number> = 0;

  /** People the activity served (attendees, residents helped...). */
  @Property({ type: 'integer', default: 0 })
  beneficiaries: Opt<number> = 0;

  /** The user or API key that recorded it; null for imported or seeded history. */
  @Property({ type: 'uuid', nullable: true })
  recordedById?: string | null;

  @Property({ type: 'json' })
  details: Opt<Record<string, unknown>> = {};

  protected override owningModule(): string {
    return this.moduleId;
  }
}
