import { Migration } from '@mikro-orm/migrations';

export class Migration20261129093204_PerfIndexes extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "resident_community_id_id_index" on "resident" ("community_id", "id");`);
    this.addSql(`create index "resident_grid_id_id_index" on "resident" ("grid_id", "id");`);

    this.addSql(`create index "case_record_community_id_id_index" on "case_record" ("community_id", "id");`);
    this.addSql(`create index "case_record_grid_id_id_index" on "case_record" ("grid_id", "id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "resident_community_id_id_index";`);
    this.addSql(`drop index if exists "resident_grid_id_id_index";`);
    this.addSql(`drop index if exists "case_record_community_id_id_index";`);
    this.addSql(`drop index if exists "case_record_grid_id_id_index";`);
  }

}
