import { Migration } from '@mikro-orm/migrations';

export class Migration20261129090923_Reports extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "report_section" as enum ('BASICS', 'PROGRESS', 'MODULES', 'PROBLEMS', 'NEXT_STEPS');`);
    this.addSql(`create table "report_settings" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "street_id" uuid not null, "community_id" uuid not null, "grid_id" uuid null, "max_refused_residents" int not null, "min_training_rate" double precision not null, "max_overdue_cases" int not null, "min_on_time_rate" double precision not null, "min_satisfaction_rate" double precision not null, "updated_by" varchar(100) null, constraint "report_settings_pkey" primary key ("id"));`);
    this.addSql(`create index "report_settings_street_id_index" on "report_settings" ("street_id");`);
    this.addSql(`create index "report_settings_community_id_index" on "report_settings" ("community_id");`);
    this.addSql(`create index "report_settings_grid_id_index" on "report_settings" ("grid_id");`);
    this.addSql(`alter table "report_settings" add constraint "report_settings_community_id_unique" unique ("community_id");`);

    this.addSql(`create table "report_narrative" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "street_id" uuid not null, "community_id" uuid not null, "grid_id" uuid null, "section" "report_section" not null, "period_from" date not null, "period_to" date not null, "text" text not null, "updated_by" varchar(100) null, constraint "report_narrative_pkey" primary key ("id"));`);
    this.addSql(`create index "report_narrative_street_id_index" on "report_narrative" ("street_id");`);
    this.addSql(`create index "report_narrative_community_id_index" on "report_narrative" ("community_id");`);
    this.addSql(`create index "report_narrative_grid_id_index" on "report_narrative" ("grid_id");`);
    this.addSql(`alter table "report_narrative" add constraint "report_narrative_community_id_section_period_from_891b4_unique" unique ("community_id", "section", "period_from", "period_to");`);

    this.addSql(`alter table "report_settings" add constraint "report_settings_street_id_foreign" foreign key ("street_id") references "street" ("id") on update cascade;`);
    this.addSql(`alter table "report_settings" add constraint "report_settings_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade;`);
    this.addSql(`alter table "report_settings" add constraint "report_settings_grid_id_foreign" foreign key ("grid_id") references "grid" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "report_narrative" add constraint "report_narrative_street_id_foreign" foreign key ("street_id") references "street" ("id") on update cascade;`);
    this.addSql(`alter table "report_narrative" add constraint "report_narrative_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade;`);
    this.addSql(`alter table "report_narrative" add constraint "report_narrative_grid_id_foreign" foreign key ("grid_id") references "grid" ("id") on update cascade on delete set null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "report_settings" cascade;`);

    this.addSql(`drop table if exists "report_narrative" cascade;`);

    this.addSql(`drop type "report_section";`);
  }

}
