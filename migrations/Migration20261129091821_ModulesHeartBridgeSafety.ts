import { Migration } from '@mikro-orm/migrations';

export class Migration20261129091821_ModulesHeartBridgeSafety extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "safety_dispute_type" as enum ('NEIGHBOUR', 'PROPERTY_SERVICE', 'PARKING', 'NOISE', 'FAMILY', 'OTHER');`);
    this.addSql(`create type "safety_responsible_party" as enum ('COMMUNITY_GRID', 'RESIDENTIAL_BRANCH', 'OWNERS_COMMITTEE', 'PROPERTY_COMPANY');`);
    this.addSql(`create type "safety_dispute_status" as enum ('ROUTED', 'RESOLVED', 'FEEDBACK_GIVEN');`);
    this.addSql(`create type "heart_bridge_sentiment_topic" as enum ('DEVELOPMENT_PLAN', 'EDUCATION', 'HEALTH', 'ENVIRONMENT', 'SAFETY', 'CULTURE', 'LIVELIHOOD', 'PROPERTY_SERVICE', 'NEIGHBOURHOOD', 'OTHER');`);
    this.addSql(`create type "heart_bridge_mood" as enum ('SATISFIED', 'NEUTRAL', 'CONCERNED', 'DISSATISFIED');`);
    this.addSql(`create type "heart_bridge_concern_kind" as enum ('WORRY', 'ANNOYANCE', 'DISTRESS');`);
    this.addSql(`create type "heart_bridge_channel" as enum ('VISIT', 'PHONE', 'WECHAT_GROUP', 'BRIEFING', 'WALK_IN', 'OTHER');`);
    this.addSql(`create type "heart_bridge_concern_status" as enum ('OPEN', 'RESOLVED', 'DISMISSED');`);
    this.addSql(`create type "heart_bridge_resolved_via" as enum ('MODULE', 'CASE');`);
    this.addSql(`create type "safety_hazard_type" as enum ('FIRE', 'ELECTRICAL', 'GAS', 'STRUCTURAL', 'TRAFFIC', 'PUBLIC_ORDER', 'OTHER');`);
    this.addSql(`create type "safety_hazard_status" as enum ('OPEN', 'RESOLVED', 'DISMISSED');`);
    this.addSql(`create table "safety_dispute" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "street_id" uuid not null, "community_id" uuid not null, "grid_id" uuid not null, "resident_id" uuid not null, "dispute_type" "safety_dispute_type" not null, "summary" varchar(1000) not null, "received_on" date not null, "routed_to" "safety_responsible_party" not null, "organization_id" uuid null, "status" "safety_dispute_status" not null default 'ROUTED', "outcome" varchar(2000) null, "resolved_at" timestamptz null, "feedback_channel" "feedback_channel" null, "feedback_at" timestamptz null, "feedback_note" varchar(1000) null, "recorded_by_id" uuid null, constraint "safety_dispute_pkey" primary key ("id"));`);
    this.addSql(`create index "safety_dispute_street_id_index" on "safety_dispute" ("street_id");`);
    this.addSql(`create index "safety_dispute_community_id_index" on "safety_dispute" ("community_id");`);
    this.addSql(`create index "safety_dispute_grid_id_index" on "safety_dispute" ("grid_id");`);
    this.addSql(`create index "safety_dispute_resident_id_index" on "safety_dispute" ("resident_id");`);
    this.addSql(`create index "safety_dispute_grid_id_status_index" on "safety_dispute" ("grid_id", "status");`);
    this.addSql(`create index "safety_dispute_grid_id_received_on_index" on "safety_dispute" ("grid_id", "received_on");`);

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

    this.addSql(`create table "safety_hazard" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "street_id" uuid not null, "community_id" uuid not null, "grid_id" uuid not null, "patrol_id" uuid not null, "micro_grid_id" uuid not null, "building_id" uuid null, "hazard_type" "safety_hazard_type" not null, "title" varchar(100) not null, "description" varchar(1000) null, "location" varchar(200) null, "found_at" timestamptz not null, "status" "safety_hazard_status" not null default 'OPEN', "resolution" varchar(2000) null, "resolved_at" timestamptz null, constraint "safety_hazard_pkey" primary key ("id"));`);
    this.addSql(`create index "safety_hazard_street_id_index" on "safety_hazard" ("street_id");`);
    this.addSql(`create index "safety_hazard_community_id_index" on "safety_hazard" ("community_id");`);
    this.addSql(`create index "safety_hazard_grid_id_index" on "safety_hazard" ("grid_id");`);
    this.addSql(`create index "safety_hazard_patrol_id_index" on "safety_hazard" ("patrol_id");`);
    this.addSql(`create index "safety_hazard_micro_grid_id_index" on "safety_hazard" ("micro_grid_id");`);
    this.addSql(`create index "safety_hazard_grid_id_resolved_at_index" on "safety_hazard" ("grid_id", "resolved_at");`);
    this.addSql(`create index "safety_hazard_grid_id_status_index" on "safety_hazard" ("grid_id", "status");`);
    this.addSql(`create index "safety_hazard_grid_id_found_at_index" on "safety_hazard" ("grid_id", "found_at");`);

    this.addSql(`alter table "safety_dispute" add constraint "safety_dispute_street_id_foreign" foreign key ("street_id") references "street" ("id") on update cascade;`);
    this.addSql(`alter table "safety_dispute" add constraint "safety_dispute_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade;`);
    this.addSql(`alter table "safety_dispute" add constraint "safety_dispute_grid_id_foreign" foreign key ("grid_id") references "grid" ("id") on update cascade;`);
    this.addSql(`alter table "safety_dispute" add constraint "safety_dispute_resident_id_foreign" foreign key ("resident_id") references "resident" ("id") on update cascade;`);
    this.addSql(`alter table "safety_dispute" add constraint "safety_dispute_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete set null;`);

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

    this.addSql(`alter table "safety_hazard" add constraint "safety_hazard_street_id_foreign" foreign key ("street_id") references "street" ("id") on update cascade;`);
    this.addSql(`alter table "safety_hazard" add constraint "safety_hazard_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade;`);
    this.addSql(`alter table "safety_hazard" add constraint "safety_hazard_grid_id_foreign" foreign key ("grid_id") references "grid" ("id") on update cascade;`);
    this.addSql(`alter table "safety_hazard" add constraint "safety_hazard_patrol_id_foreign" foreign key ("patrol_id") references "activity" ("id") on update cascade;`);
    this.addSql(`alter table "safety_hazard" add constraint "safety_hazard_micro_grid_id_foreign" foreign key ("micro_grid_id") references "micro_grid" ("id") on update cascade;`);
    this.addSql(`alter table "safety_hazard" add constraint "safety_hazard_building_id_foreign" foreign key ("building_id") references "building" ("id") on update cascade on delete set null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "safety_dispute" cascade;`);

    this.addSql(`drop table if exists "heart_bridge_sentiment" cascade;`);

    this.addSql(`drop table if exists "heart_bridge_concern" cascade;`);

    this.addSql(`drop table if exists "module_case_link" cascade;`);

    this.addSql(`drop table if exists "safety_hazard" cascade;`);

    this.addSql(`drop type "safety_dispute_type";`);
    this.addSql(`drop type "safety_responsible_party";`);
    this.addSql(`drop type "safety_dispute_status";`);
    this.addSql(`drop type "heart_bridge_sentiment_topic";`);
    this.addSql(`drop type "heart_bridge_mood";`);
    this.addSql(`drop type "heart_bridge_concern_kind";`);
    this.addSql(`drop type "heart_bridge_channel";`);
    this.addSql(`drop type "heart_bridge_concern_status";`);
    this.addSql(`drop type "heart_bridge_resolved_via";`);
    this.addSql(`drop type "safety_hazard_type";`);
    this.addSql(`drop type "safety_hazard_status";`);
  }

}
