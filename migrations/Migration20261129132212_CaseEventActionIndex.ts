import { Migration } from '@mikro-orm/migrations';

export class Migration20261129132212_CaseEventActionIndex extends Migration {

  override async up(): Promise<void> {
    this.addSql(`drop index if exists "case_event_action_at_index";`);
    this.addSql(`create index "case_event_action_at_case_id_index" on "case_event" ("action", "at", "case_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "case_event_action_at_case_id_index";`);
    this.addSql(`create index "case_event_action_at_index" on "case_event" ("action", "at");`);
  }

}
