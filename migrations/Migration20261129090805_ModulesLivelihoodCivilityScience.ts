import { Migration } from '@mikro-orm/migrations';

export class Migration20261129090805_ModulesLivelihoodCivilityScience extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "livelihood_phase" as enum ('DEMOLISH', 'RECTIFY', 'RENOVATE', 'BUILD', 'CLEAN', 'MANAGE');`);
    this.addSql(`create type "civility_report_kind" as enum ('LITTERING', 'ILLEGAL_PARKING', 'NOISE', 'PET', 'GRAFFITI', 'OTHER');`);
    this.addSql(`create type "civility_report_status" as enum ('OPEN', 'RESOLVED');`);
    this.addSql(`create table "livelihood_project" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "street_id" uuid not null, "community_id" uuid not null, "grid_id" uuid not null, "name" varchar(200) not null, "summary" varchar(1000) null, "phase" "livelihood_phase" not null, "initial_phase" "livelihood_phase" not null, "phase_since" timestamptz not null, "scope" jsonb not null, "building_ids" jsonb not null, "started_on" date not null, constraint "livelihood_project_pkey" primary key ("id"));`);
    this.addSql(`create index "livelihood_project_street_id_index" on "livelihood_project" ("street_id");`);
    this.addSql(`create index "livelihood_project_community_id_index" on "livelihood_project" ("community_id");`);
    this.addSql(`create index "livelihood_project_grid_id_index" on "livelihood_project" ("grid_id");`);
    this.addSql(`create index "livelihood_project_grid_id_phase_index" on "livelihood_project" ("grid_id", "phase");`);

    this.addSql(`create table "civility_report" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "street_id" uuid not null, "community_id" uuid not null, "grid_id" uuid not null, "kind" "civility_report_kind" not null, "description" varchar(1000) not null, "location" varchar(200) not null, "building_id" uuid null, "reporter_id" uuid null, "reported_at" timestamptz not null, "status" "civility_report_status" not null default 'OPEN', "follow_ups" jsonb not null, "resolved_at" timestamptz null, "resolution" varchar(1000) null, constraint "civility_report_pkey" primary key ("id"));`);
    this.addSql(`create index "civility_report_street_id_index" on "civility_report" ("street_id");`);
    this.addSql(`create index "civility_report_community_id_index" on "civility_report" ("community_id");`);
    this.addSql(`create index "civility_report_grid_id_index" on "civility_report" ("grid_id");`);
    this.addSql(`create index "civility_report_building_id_index" on "civility_report" ("building_id");`);
    this.addSql(`create index "civility_report_reporter_id_index" on "civility_report" ("reporter_id");`);
    this.addSql(`create index "civility_report_grid_id_resolved_at_index" on "civility_report" ("grid_id", "resolved_at");`);
    this.addSql(`create index "civility_report_grid_id_reported_at_index" on "civility_report" ("grid_id", "reported_at");`);
    this.addSql(`create index "civility_report_grid_id_status_index" on "civility_report" ("grid_id", "status");`);

    this.addSql(`alter table "livelihood_project" add constraint "livelihood_project_street_id_foreign" foreign key ("street_id") references "street" ("id") on update cascade;`);
    this.addSql(`alter table "livelihood_project" add constraint "livelihood_project_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade;`);
    this.addSql(`alter table "livelihood_project" add constraint "livelihood_project_grid_id_foreign" foreign key ("grid_id") references "grid" ("id") on update cascade;`);

    this.addSql(`alter table "civility_report" add constraint "civility_report_street_id_foreign" foreign key ("street_id") references "street" ("id") on update cascade;`);
    this.addSql(`alter table "civility_report" add constraint "civility_report_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade;`);
    this.addSql(`alter table "civility_report" add constraint "civility_report_grid_id_foreign" foreign key ("grid_id") references "grid" ("id") on update cascade;`);
    this.addSql(`alter table "civility_report" add constraint "civility_report_building_id_foreign" foreign key ("building_id") references "building" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "civility_report" add constraint "civility_report_reporter_id_foreign" foreign key ("reporter_id") references "resident" ("id") on update cascade on delete set null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "livelihood_project" cascade;`);

    this.addSql(`drop table if exists "civility_report" cascade;`);

    this.addSql(`drop type "livelihood_phase";`);
    this.addSql(`drop type "civility_report_kind";`);
    this.addSql(`drop type "civility_report_status";`);
  }

}
