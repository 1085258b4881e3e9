import { Migration } from '@mikro-orm/migrations';

export class Migration20260101000000_Initial extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "scope_level" as enum ('PLATFORM', 'STREET', 'COMMUNITY', 'GRID');`);
    this.addSql(`create type "audit_action" as enum ('LOGIN', 'LOGIN_FAILED', 'REVEAL', 'ROLE_CHANGE', 'JURISDICTION_CHANGE', 'MODULE_ENABLEMENT', 'API_KEY_CREATED', 'API_KEY_REVOKED', 'EXPORT', 'PASSWORD_CHANGED', 'ACCOUNT_STATUS_CHANGED');`);
    this.addSql(`create type "grid_status" as enum ('ACTIVE', 'RETIRED');`);
    this.addSql(`create type "organization_kind" as enum ('ENTERPRISE', 'INSTITUTION', 'NEW_ECONOMIC', 'NEW_SOCIAL', 'PROPERTY_COMPANY', 'OWNERS_COMMITTEE', 'DEPARTMENT');`);
    this.addSql(`create type "gender" as enum ('MALE', 'FEMALE');`);
    this.addSql(`create type "residency_type" as enum ('PERMANENT', 'REGISTERED', 'FLOATING');`);
    this.addSql(`create type "resident_tag_kind" as enum ('ELDERLY_ALONE', 'EMPTY_NEST', 'DISABLED', 'LOW_INCOME', 'SPECIAL_HARDSHIP', 'LEFT_BEHIND_CHILD', 'NEEDS_CARE', 'VETERAN');`);
    this.addSql(`create type "user_role" as enum ('PLATFORM_ADMIN', 'STREET_ADMIN', 'COMMUNITY_ADMIN', 'GRID_CHIEF', 'GRID_WORKER');`);
    this.addSql(`create table "api_key" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "name" varchar(100) not null, "prefix" varchar(16) not null, "secret_hash" varchar(64) not null, "scopes" text[] not null, "scope_level" "scope_level" not null, "street_id" uuid null, "community_id" uuid null, "grid_id" uuid null, "created_by_id" uuid not null, "expires_at" timestamptz null, "revoked_at" timestamptz null, "last_used_at" timestamptz null, constraint "api_key_pkey" primary key ("id"));`);
    this.addSql(`alter table "api_key" add constraint "api_key_prefix_unique" unique ("prefix");`);

    this.addSql(`create table "audit_log" ("seq" bigserial primary key, "at" timestamptz not null default now(), "action" "audit_action" not null, "actor_kind" varchar(16) not null, "actor_id" uuid null, "actor_name" varchar(100) null, "subject_id" varchar(200) null, "fields" jsonb not null, "reason" varchar(500) null, "request_id" varchar(64) null, "ip" varchar(64) null, "street_id" uuid null, "community_id" uuid null, "grid_id" uuid null);`);
    this.addSql(`create index "audit_log_street_id_index" on "audit_log" ("street_id");`);
    this.addSql(`create index "audit_log_community_id_index" on "audit_log" ("community_id");`);
    this.addSql(`create index "audit_log_action_seq_index" on "audit_log" ("action", "seq");`);

    this.addSql(`create table "event" ("seq" bigserial primary key, "id" uuid not null, "type" varchar(100) not null, "subject_id" varchar(200) not null, "payload" jsonb not null, "occurred_at" timestamptz not null default now(), "actor_id" uuid null, "request_id" varchar(64) null, "street_id" uuid null, "community_id" uuid null, "grid_id" uuid null, "txid" xid8 not null default pg_current_xact_id());`);
    this.addSql(`alter table "event" add constraint "event_id_unique" unique ("id");`);
    this.addSql(`create index "event_street_id_index" on "event" ("street_id");`);
    this.addSql(`create index "event_community_id_index" on "event" ("community_id");`);
    this.addSql(`create index "event_grid_id_index" on "event" ("grid_id");`);
    this.addSql(`create index "event_type_seq_index" on "event" ("type", "seq");`);

    this.addSql(`create table "street" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "code" varchar(32) not null, "name" varchar(100) not null, "source" varchar(64) null, "external_id" varchar(128) null, constraint "street_pkey" primary key ("id"));`);
    this.addSql(`alter table "street" add constraint "street_code_unique" unique ("code");`);
    this.addSql(`alter table "street" add constraint "street_source_external_id_unique" unique ("source", "external_id");`);

    this.addSql(`create table "community" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "street_id" uuid not null, "code" varchar(32) not null, "name" varchar(100) not null, "source" varchar(64) null, "external_id" varchar(128) null, constraint "community_pkey" primary key ("id"));`);
    this.addSql(`create index "community_street_id_index" on "community" ("street_id");`);
    this.addSql(`alter table "community" add constraint "community_code_unique" unique ("code");`);
    this.addSql(`alter table "community" add constraint "community_source_external_id_unique" unique ("source", "external_id");`);

    this.addSql(`create table "grid" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "street_id" uuid not null, "community_id" uuid not null, "code" varchar(32) not null, "name" varchar(100) not null, "target_households" int null, "theme" varchar(64) null, "boundary" jsonb null, "status" "grid_status" not null default 'ACTIVE', "retired_at" timestamptz null, "source" varchar(64) null, "external_id" varchar(128) null, constraint "grid_pkey" primary key ("id"));`);
    this.addSql(`create index "grid_street_id_index" on "grid" ("street_id");`);
    this.addSql(`create index "grid_community_id_index" on "grid" ("community_id");`);
    this.addSql(`alter table "grid" add constraint "grid_code_unique" unique ("code");`);
    this.addSql(`create index "grid_status_index" on "grid" ("status");`);
    this.addSql(`alter table "grid" add constraint "grid_source_external_id_unique" unique ("source", "external_id");`);

    this.addSql(`create table "organization" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "street_id" uuid not null, "community_id" uuid not null, "grid_id" uuid null, "name" varchar(200) not null, "kind" "organization_kind" not null, "credit_code" varchar(18) null, "address" varchar(300) null, "contact_name" varchar(100) null, "contact_phone" varchar(20) null, "source" varchar(64) null, "external_id" varchar(128) null, constraint "organization_pkey" primary key ("id"));`);
    this.addSql(`create index "organization_street_id_index" on "organization" ("street_id");`);
    this.addSql(`create index "organization_community_id_index" on "organization" ("community_id");`);
    this.addSql(`create index "organization_grid_id_index" on "organization" ("grid_id");`);
    this.addSql(`alter table "organization" add constraint "organization_source_external_id_unique" unique ("source", "external_id");`);

    this.addSql(`create table "micro_grid" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "street_id" uuid not null, "community_id" uuid not null, "grid_id" uuid null, "code" varchar(32) not null, "name" varchar(100) not null, constraint "micro_grid_pkey" primary key ("id"));`);
    this.addSql(`create index "micro_grid_street_id_index" on "micro_grid" ("street_id");`);
    this.addSql(`create index "micro_grid_community_id_index" on "micro_grid" ("community_id");`);
    this.addSql(`create index "micro_grid_grid_id_index" on "micro_grid" ("grid_id");`);
    this.addSql(`alter table "micro_grid" add constraint "micro_grid_grid_id_code_unique" unique ("grid_id", "code");`);

    this.addSql(`create table "building" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "street_id" uuid not null, "community_id" uuid not null, "grid_id" uuid null, "micro_grid_id" uuid null, "name" varchar(100) not null, "address" varchar(200) null, "floors" int null, "residential" boolean not null default true, "source" varchar(64) null, "external_id" varchar(128) null, constraint "building_pkey" primary key ("id"));`);
    this.addSql(`create index "building_street_id_index" on "building" ("street_id");`);
    this.addSql(`create index "building_community_id_index" on "building" ("community_id");`);
    this.addSql(`create index "building_grid_id_index" on "building" ("grid_id");`);
    this.addSql(`create index "building_micro_grid_id_index" on "building" ("micro_grid_id");`);
    this.addSql(`create index "building_grid_id_name_index" on "building" ("grid_id", "name");`);
    this.addSql(`alter table "building" add constraint "building_source_external_id_unique" unique ("source", "external_id");`);

    this.addSql(`create table "building_unit" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "street_id" uuid not null, "community_id" uuid not null, "grid_id" uuid null, "building_id" uuid not null, "name" varchar(50) not null, constraint "building_unit_pkey" primary key ("id"));`);
    this.addSql(`create index "building_unit_street_id_index" on "building_unit" ("street_id");`);
    this.addSql(`create index "building_unit_community_id_index" on "building_unit" ("community_id");`);
    this.addSql(`create index "building_unit_grid_id_index" on "building_unit" ("grid_id");`);
    this.addSql(`create index "building_unit_building_id_index" on "building_unit" ("building_id");`);
    this.addSql(`alter table "building_unit" add constraint "building_unit_building_id_name_unique" unique ("building_id", "name");`);

    this.addSql(`create table "household" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "street_id" uuid not null, "community_id" uuid not null, "grid_id" uuid null, "building_id" uuid null, "unit_id" uuid null, "household_number" varchar(64) null, "room" varchar(32) null, "address" varchar(300) not null, "source" varchar(64) null, "external_id" varchar(128) null, constraint "household_pkey" primary key ("id"));`);
    this.addSql(`create index "household_street_id_index" on "household" ("street_id");`);
    this.addSql(`create index "household_community_id_index" on "household" ("community_id");`);
    this.addSql(`create index "household_grid_id_index" on "household" ("grid_id");`);
    this.addSql(`create index "household_building_id_index" on "household" ("building_id");`);
    this.addSql(`create index "household_unit_id_index" on "household" ("unit_id");`);
    this.addSql(`create index "household_grid_id_id_index" on "household" ("grid_id", "id");`);
    this.addSql(`alter table "household" add constraint "household_source_external_id_unique" unique ("source", "external_id");`);

    this.addSql(`create table "resident" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "street_id" uuid not null, "community_id" uuid not null, "grid_id" uuid null, "household_id" uuid null, "building_id" uuid null, "unit_id" uuid null, "name" varchar(100) not null, "gender" "gender" null, "birth_date" date null, "id_number" varchar(18) null, "phone" varchar(20) null, "residency" "residency_type" null, "relation_to_head" varchar(32) null, "refused_info" boolean not null default false, "source" varchar(64) null, "external_id" varchar(128) null, constraint "resident_pkey" primary key ("id"));`);
    this.addSql(`create index "resident_street_id_index" on "resident" ("street_id");`);
    this.addSql(`create index "resident_community_id_index" on "resident" ("community_id");`);
    this.addSql(`create index "resident_grid_id_index" on "resident" ("grid_id");`);
    this.addSql(`create index "resident_household_id_index" on "resident" ("household_id");`);
    this.addSql(`create index "resident_building_id_index" on "resident" ("building_id");`);
    this.addSql(`create index "resident_id_number_index" on "resident" ("id_number");`);
    this.addSql(`create index "resident_grid_id_birth_date_index" on "resident" ("grid_id", "birth_date");`);
    this.addSql(`create index "resident_grid_id_name_index" on "resident" ("grid_id", "name");`);
    this.addSql(`alter table "resident" add constraint "resident_source_external_id_unique" unique ("source", "external_id");`);

    this.addSql(`create table "staff_member" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "street_id" uuid not null, "community_id" uuid not null, "grid_id" uuid null, "name" varchar(100) not null, "gender" "gender" null, "birth_date" date null, "phone" varchar(20) null, "resident_id" uuid null, "party_member" boolean not null default false, "source" varchar(64) null, "external_id" varchar(128) null, constraint "staff_member_pkey" primary key ("id"));`);
    this.addSql(`create index "staff_member_street_id_index" on "staff_member" ("street_id");`);
    this.addSql(`create index "staff_member_community_id_index" on "staff_member" ("community_id");`);
    this.addSql(`create index "staff_member_grid_id_index" on "staff_member" ("grid_id");`);
    this.addSql(`create index "staff_member_resident_id_index" on "staff_member" ("resident_id");`);
    this.addSql(`alter table "staff_member" add constraint "staff_member_source_external_id_unique" unique ("source", "external_id");`);

    this.addSql(`create table "resident_tag" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "resident_id" uuid not null, "kind" "resident_tag_kind" not null, "community_id" uuid not null, "grid_id" uuid null, "note" varchar(200) null, constraint "resident_tag_pkey" primary key ("id"));`);
    this.addSql(`create index "resident_tag_community_id_kind_index" on "resident_tag" ("community_id", "kind");`);
    this.addSql(`create index "resident_tag_grid_id_kind_index" on "resident_tag" ("grid_id", "kind");`);
    this.addSql(`alter table "resident_tag" add constraint "resident_tag_resident_id_kind_unique" unique ("resident_id", "kind");`);

    this.addSql(`create table "app_user" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "username" varchar(64) not null, "password_hash" text not null, "display_name" varchar(100) not null, "role" "user_role" not null, "scope_level" "scope_level" not null, "street_id" uuid null, "community_id" uuid null, "grid_id" uuid null, "staff_member_id" uuid null, "active" boolean not null default true, "last_login_at" timestamptz null, "token_version" int not null default 0, constraint "app_user_pkey" primary key ("id"));`);
    this.addSql(`alter table "app_user" add constraint "app_user_username_unique" unique ("username");`);
    this.addSql(`create index "app_user_street_id_index" on "app_user" ("street_id");`);

    this.addSql(`alter table "community" add constraint "community_street_id_foreign" foreign key ("street_id") references "street" ("id") on update cascade;`);

    this.addSql(`alter table "grid" add constraint "grid_street_id_foreign" foreign key ("street_id") references "street" ("id") on update cascade;`);
    this.addSql(`alter table "grid" add constraint "grid_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade;`);

    this.addSql(`alter table "organization" add constraint "organization_street_id_foreign" foreign key ("street_id") references "street" ("id") on update cascade;`);
    this.addSql(`alter table "organization" add constraint "organization_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade;`);
    this.addSql(`alter table "organization" add constraint "organization_grid_id_foreign" foreign key ("grid_id") references "grid" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "micro_grid" add constraint "micro_grid_street_id_foreign" foreign key ("street_id") references "street" ("id") on update cascade;`);
    this.addSql(`alter table "micro_grid" add constraint "micro_grid_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade;`);
    this.addSql(`alter table "micro_grid" add constraint "micro_grid_grid_id_foreign" foreign key ("grid_id") references "grid" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "building" add constraint "building_street_id_foreign" foreign key ("street_id") references "street" ("id") on update cascade;`);
    this.addSql(`alter table "building" add constraint "building_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade;`);
    this.addSql(`alter table "building" add constraint "building_grid_id_foreign" foreign key ("grid_id") references "grid" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "building" add constraint "building_micro_grid_id_foreign" foreign key ("micro_grid_id") references "micro_grid" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "building_unit" add constraint "building_unit_street_id_foreign" foreign key ("street_id") references "street" ("id") on update cascade;`);
    this.addSql(`alter table "building_unit" add constraint "building_unit_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade;`);
    this.addSql(`alter table "building_unit" add constraint "building_unit_grid_id_foreign" foreign key ("grid_id") references "grid" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "building_unit" add constraint "building_unit_building_id_foreign" foreign key ("building_id") references "building" ("id") on update cascade;`);

    this.addSql(`alter table "household" add constraint "household_street_id_foreign" foreign key ("street_id") references "street" ("id") on update cascade;`);
    this.addSql(`alter table "household" add constraint "household_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade;`);
    this.addSql(`alter table "household" add constraint "household_grid_id_foreign" foreign key ("grid_id") references "grid" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "household" add constraint "household_building_id_foreign" foreign key ("building_id") references "building" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "household" add constraint "household_unit_id_foreign" foreign key ("unit_id") references "building_unit" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "resident" add constraint "resident_street_id_foreign" foreign key ("street_id") references "street" ("id") on update cascade;`);
    this.addSql(`alter table "resident" add constraint "resident_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade;`);
    this.addSql(`alter table "resident" add constraint "resident_grid_id_foreign" foreign key ("grid_id") references "grid" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "resident" add constraint "resident_household_id_foreign" foreign key ("household_id") references "household" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "resident" add constraint "resident_building_id_foreign" foreign key ("building_id") references "building" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "resident" add constraint "resident_unit_id_foreign" foreign key ("unit_id") references "building_unit" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "staff_member" add constraint "staff_member_street_id_foreign" foreign key ("street_id") references "street" ("id") on update cascade;`);
    this.addSql(`alter table "staff_member" add constraint "staff_member_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade;`);
    this.addSql(`alter table "staff_member" add constraint "staff_member_grid_id_foreign" foreign key ("grid_id") references "grid" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "staff_member" add constraint "staff_member_resident_id_foreign" foreign key ("resident_id") references "resident" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "resident_tag" add constraint "resident_tag_resident_id_foreign" foreign key ("resident_id") references "resident" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "resident_tag" add constraint "resident_tag_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade;`);
    this.addSql(`alter table "resident_tag" add constraint "resident_tag_grid_id_foreign" foreign key ("grid_id") references "grid" ("id") on update cascade on delete set null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "community" drop constraint "community_street_id_foreign";`);

    this.addSql(`alter table "grid" drop constraint "grid_street_id_foreign";`);

    this.addSql(`alter table "organization" drop constraint "organization_street_id_foreign";`);

    this.addSql(`alter table "micro_grid" drop constraint "micro_grid_street_id_foreign";`);

    this.addSql(`alter table "building" drop constraint "building_street_id_foreign";`);

    this.addSql(`alter table "building_unit" drop constraint "building_unit_street_id_foreign";`);

    this.addSql(`alter table "household" drop constraint "household_street_id_foreign";`);

    this.addSql(`alter table "resident" drop constraint "resident_street_id_foreign";`);

    this.addSql(`alter table "staff_member" drop constraint "staff_member_street_id_foreign";`);

    this.addSql(`alter table "grid" drop constraint "grid_community_id_foreign";`);

    this.addSql(`alter table "organization" drop constraint "organization_community_id_foreign";`);

    this.addSql(`alter table "micro_grid" drop constraint "micro_grid_community_id_foreign";`);

    this.addSql(`alter table "building" drop constraint "building_community_id_foreign";`);

    this.addSql(`alter table "building_unit" drop constraint "building_unit_community_id_foreign";`);

    this.addSql(`alter table "household" drop constraint "household_community_id_foreign";`);

    this.addSql(`alter table "resident" drop constraint "resident_community_id_foreign";`);

    this.addSql(`alter table "staff_member" drop constraint "staff_member_community_id_foreign";`);

    this.addSql(`alter table "resident_tag" drop constraint "resident_tag_community_id_foreign";`);

    this.addSql(`alter table "organization" drop constraint "organization_grid_id_foreign";`);

    this.addSql(`alter table "micro_grid" drop constraint "micro_grid_grid_id_foreign";`);

    this.addSql(`alter table "building" drop constraint "building_grid_id_foreign";`);

    this.addSql(`alter table "building_unit" drop constraint "building_unit_grid_id_foreign";`);

    this.addSql(`alter table "household" drop constraint "household_grid_id_foreign";`);

    this.addSql(`alter table "resident" drop constraint "resident_grid_id_foreign";`);

    this.addSql(`alter table "staff_member" drop constraint "staff_member_grid_id_foreign";`);

    this.addSql(`alter table "resident_tag" drop constraint "resident_tag_grid_id_foreign";`);

    this.addSql(`alter table "building" drop constraint "building_micro_grid_id_foreign";`);

    this.addSql(`alter table "building_unit" drop constraint "building_unit_building_id_foreign";`);

    this.addSql(`alter table "household" drop constraint "household_building_id_foreign";`);

    this.addSql(`alter table "resident" drop constraint "resident_building_id_foreign";`);

    this.addSql(`alter table "household" drop constraint "household_unit_id_foreign";`);

    this.addSql(`alter table "resident" drop constraint "resident_unit_id_foreign";`);

    this.addSql(`alter table "resident" drop constraint "resident_household_id_foreign";`);

    this.addSql(`alter table "staff_member" drop constraint "staff_member_resident_id_foreign";`);

    this.addSql(`alter table "resident_tag" drop constraint "resident_tag_resident_id_foreign";`);

    this.addSql(`drop table if exists "api_key" cascade;`);

    this.addSql(`drop table if exists "audit_log" cascade;`);

    this.addSql(`drop table if exists "event" cascade;`);

    this.addSql(`drop table if exists "street" cascade;`);

    this.addSql(`drop table if exists "community" cascade;`);

    this.addSql(`drop table if exists "grid" cascade;`);

    this.addSql(`drop table if exists "organization" cascade;`);

    this.addSql(`drop table if exists "micro_grid" cascade;`);

    this.addSql(`drop table if exists "building" cascade;`);

    this.addSql(`drop table if exists "building_unit" cascade;`);

    this.addSql(`drop table if exists "household" cascade;`);

    this.addSql(`drop table if exists "resident" cascade;`);

    this.addSql(`drop table if exists "staff_member" cascade;`);

    this.addSql(`drop table if exists "resident_tag" cascade;`);

    this.addSql(`drop table if exists "app_user" cascade;`);

    this.addSql(`drop type "scope_level";`);
    this.addSql(`drop type "audit_action";`);
    this.addSql(`drop type "grid_status";`);
    this.addSql(`drop type "organization_kind";`);
    this.addSql(`drop type "gender";`);
    this.addSql(`drop type "residency_type";`);
    this.addSql(`drop type "resident_tag_kind";`);
    this.addSql(`drop type "user_role";`);
  }

}
