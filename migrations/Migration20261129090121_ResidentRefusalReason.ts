import { Migration } from '@mikro-orm/migrations';

export class Migration20261129090121_ResidentRefusalReason extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "resident" add column "refusal_reason" varchar(100) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "resident" drop column "refusal_reason";`);
  }

}
