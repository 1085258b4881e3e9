import { Migration } from '@mikro-orm/migrations';

export class Migration20261129090539_ModulesHeartBridgeSafety extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "heart_bridge_sentiment_topic" as enum ('DEVELOPMENT_PLAN', 'EDUCATION', 'HEALTH', 'ENVIRONMENT', 'SAFETY', 'CULTURE', 'LIVELIHOOD', 'PROPERTY_SERVICE', 'NEIGHBOURHOOD', 'OTHER');`);
    this.addSql(`create type "heart_bridge_mood" as enum ('SATISFIED', 'NEUTRAL', 'CONCERNED', 'DISSATISFIED');`);
    this.addSql(`create type "heart_bridge_concern_kind" as enum ('WORRY', 'ANNOYANCE', 'DISTRESS');`);
    this.addSql(`create type "heart_bridge_channel" as enum ('VISIT', 'PHONE', 'WECHAT_GROUP', 'BRIEFING', 'WALK_IN', 'OTHER');`);
    this.addSql(`create type "heart_bridge_concern_status" as enum ('OPEN', 'RESOLVED', 'DISMISSED');`);
    this.addSql(`create type "heart_bridge_resolved_via" as enum ('MODULE', 'CASE');`);
    this.addSql(`create table "heart_bridge_sentiment" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "street_id" uuid not null, "community_id" uuid not null, "grid_id" uuid not null, "topic" "heart_bridge_sentiment_topic" not null, "mood" "heart_bridge_mood" not null, "opinion" varchar(1000) not null, "resident_id" uuid null, "voices" int not null default 1, "recorded_on" date not null, "recorded_by_id" uuid null, constraint "heart_bridge_sentiment_pkey" primary key ("id"));`);
    this.addSql(`create index "heart_bridge_sentiment_street_id_index" on "heart_bridge_sentiment" ("street_id");`);
    this.addSql(`create index "heart_bridge_sentiment_community_id_index" on "heart_bridge_sentiment" ("community_id");`);
    this.addSql(`create index "heart_bridge_sentiment_grid_id_index" on "heart_bridge_sentiment" ("grid_id");`);
    this.addSql(`create index "heart_bridge_sentiment_resident_id_index" on "heart_bridge_sentiment" ("resident_id");`);
    this.addSql(`create index "heart_bridge_sentiment_grid_id_topic_index" on "heart_bridge_sentiment" ("grid_id", "topic");`);
    this.addSql(`create index "heart_bridge_sentiment_grid_id_recorded_on_index" on "heart_bridge_sentiment" ("grid_id", "recorded_on");`);

    this.addSql(`create table "heart_bridge_concern" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "street_id" uuid not null, "community_id" uuid not null, "grid_id" uuid not null, "kind" "heart_bridge_concern_kind" not null, "resident_id" uuid not null, "title" varchar(100) not null, "description" varchar(1000) null, "channel" "heart_bridge_channel" not null, "raised_on" date not null, "status" "heart_bridge_concern_status" not null default 'OPEN', "resolved_via" "heart_bridge_resolved_via" null, "resolution" varchar(2000) null, "resolved_at" timestamptz null, "recorded_by_id" uuid null, constraint "heart_bridge_concern_pkey" primary key ("id"));`);
    this.addSql(`create index "heart_bridge_concern_street_id_index" on "heart_bridge_concern" ("street_id");`);
    this.addSql(`create index "heart_bridge_concern_community_id_index" on "heart_bridge_concern" ("community_id");`);
    this.addSql(`create index "heart_bridge_concern_grid_id_index" on "heart_bridge_concern" ("grid_id");`);
    this.addSql(`create index "heart_bridge_concern_resident_id_index" on "heart_bridge_concern" ("resident_id");`);
    this.addSql(`create index "heart_bridge_concern_grid_id_resolved_at_index" on "heart_bridge_concern" ("grid_id", "resolved_at");`);
    this.addSql(`create index "heart_bridge_concern_grid_id_status_index" on "heart_bridge_concern" ("grid_id", "status");`);
    this.addSql(`create index "heart_bridge_concern_grid_id_raised_on_index" on "heart_bridge_concern" ("grid_id", "raised_on");`);

    this.addSql(`create table "module_case_link" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "street_id" uuid not null, "community_id" uuid not null, "grid_id" uuid not null, "module_id" varchar(64) not null, "record_type" varchar(64) not null, "record_id" uuid not null, "case_id" uuid not null, constraint "module_case_link_pkey" primary key ("id"));`);
    this.addSql(`create index "module_case_link_street_id_index" on "module_case_link" ("street_id");`);
    this.addSql(`create index "module_case_link_community_id_index" on "module_case_link" ("community_id");`);
    this.addSql(`create index "module_case_link_grid_id_index" on "module_case_link" ("grid_id");`);
    this.addSql(`create index "module_case_link_case_id_index" on "module_case_link" ("case_id");`);
    this.addSql(`alter table "module_case_link" add constraint "module_case_link_module_id_record_id_unique" unique ("module_id", "record_id");`);

    this.addSql(`alter table "heart_bridge_sentiment" add constraint "heart_bridge_sentiment_street_id_foreign" foreign key ("street_id") references "street" ("id") on update cascade;`);
    this.addSql(`alter table "heart_bridge_sentiment" add constraint "heart_bridge_sentiment_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade;`);
    this.addSql(`alter table "heart_bridge_sentiment" add constraint "heart_bridge_sentiment_grid_id_foreign" foreign key ("grid_id") references "grid" ("id") on update cascade;`);
    this.addSql(`alter table "heart_bridge_sentiment" add constraint "heart_bridge_sentiment_resident_id_foreign" foreign key ("resident_id") references "resident" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "heart_bridge_concern" add constraint "heart_bridge_concern_street_id_foreign" foreign key ("street_id") references "street" ("id") on update cascade;`);
    this.addSql(`alter table "heart_bridge_concern" add constraint "heart_bridge_concern_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade;`);
    this.addSql(`alter table "heart_bridge_concern" add constraint "heart_bridge_concern_grid_id_foreign" foreign key ("grid_id") references "grid" ("id") on update cascade;`);
    this.addSql(`alter table "heart_bridge_concern" add constraint "heart_bridge_concern_resident_id_foreign" foreign key ("resident_id") references "resident" ("id") on update cascade;`);

    this.addSql(`alter table "module_case_link" add constraint "module_case_link_street_id_foreign" foreign key ("street_id") references "street" ("id") on update cascade;`);
    this.addSql(`alter table "module_case_link" add constraint "module_case_link_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade;`);
    this.addSql(`alter table "module_case_link" add constraint "module_case_link_grid_id_foreign" foreign key ("grid_id") references "grid" ("id") on update cascade;`);
    this.addSql(`alter table "module_case_link" add constraint "module_case_link_case_id_foreign" foreign key ("case_id") references "case_record" ("id") on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "heart_bridge_sentiment" cascade;`);

    this.addSql(`drop table if exists "heart_bridge_concern" cascade;`);

    this.addSql(`drop table if exists "module_case_link" cascade;`);

    this.addSql(`drop type "heart_bridge_sentiment_topic";`);
    this.addSql(`drop type "heart_bridge_mood";`);
    this.addSql(`drop type "heart_bridge_concern_kind";`);
    this.addSql(`drop type "heart_bridge_channel";`);
    this.addSql(`drop type "heart_bridge_concern_status";`);
    this.addSql(`drop type "heart_bridge_resolved_via";`);
  }

}
