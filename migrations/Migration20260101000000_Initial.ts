import { Migration } from '@mikro-orm/migrations';

export class Migration20260101000000_Initial extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "scope_level" as enum ('PLATFORM', 'STREET', 'COMMUNITY', 'GRID');`);
    this.addSql(`create type "audit_action" as enum ('LOGIN', 'LOGIN_FAILED', 'REVEAL', 'ROLE_CHANGE', 'JURISDICTION_CHANGE', 'MODULE_ENABLEMENT', 'API_KEY_CREATED', 'API_KEY_REVOKED', 'EXPORT', 'PASSWORD_CHANGED', 'ACCOUNT_STATUS_CHANGED');`);
    this.addSql(`create type "case_level" as enum ('GRID', 'COMMUNITY', 'STREET');`);
    this.addSql(`create type "joint_meeting_status" as enum ('SCHEDULED', 'HELD');`);
    this.addSql(`create type "grid_status" as enum ('ACTIVE', 'RETIRED');`);
    this.addSql(`create type "organization_kind" as enum ('ENTERPRISE', 'INSTITUTION', 'NEW_ECONOMIC', 'NEW_SOCIAL', 'PROPERTY_COMPANY', 'OWNERS_COMMITTEE', 'DEPARTMENT');`);
    this.addSql(`create type "legal_adviser_kind" as enum ('LAWYER', 'NOTARY', 'JUDICIAL_OFFICER', 'POLICE', 'PEOPLES_MEDIATOR', 'VOLUNTEER');`);
    this.addSql(`create type "legal_dispute_type" as enum ('NEIGHBOUR', 'FAMILY', 'PROPERTY_SERVICE', 'LABOUR', 'DEBT', 'OTHER');`);
    this.addSql(`create type "legal_mediation_status" as enum ('IN_PROGRESS', 'SUCCEEDED', 'FAILED', 'WITHDRAWN');`);
    this.addSql(`create type "grid_lineage_kind" as enum ('SPLIT', 'MERGE');`);
    this.addSql(`create type "case_scale" as enum ('SMALL', 'MAJOR');`);
    this.addSql(`create type "gender" as enum ('MALE', 'FEMALE');`);
    this.addSql(`create type "residency_type" as enum ('PERMANENT', 'REGISTERED', 'FLOATING');`);
    this.addSql(`create type "staff_role" as enum ('SUPERVISOR', 'GRID_CHIEF', 'GRID_CHIEF_ASSISTANT', 'CO_MANAGER', 'GRID_WORKER', 'LIAISON', 'MICRO_GRID_CHIEF', 'BUILDING_HEAD');`);
    this.addSql(`create type "department" as enum ('PUBLIC_SECURITY', 'CIVIL_AFFAIRS', 'JUSTICE', 'HOUSING', 'HEALTH', 'MARKET_SUPERVISION', 'URBAN_MANAGEMENT', 'PARTY_SERVICE_CENTER');`);
    this.addSql(`create type "sentiment_category" as enum ('LIVELIHOOD', 'DISPUTE', 'SAFETY_HAZARD', 'ENVIRONMENT', 'POLICY_INQUIRY', 'SUGGESTION', 'CARE', 'OTHER');`);
    this.addSql(`create type "resident_tag_kind" as enum ('ELDERLY_ALONE', 'EMPTY_NEST', 'DISABLED', 'LOW_INCOME', 'SPECIAL_HARDSHIP', 'LEFT_BEHIND_CHILD', 'NEEDS_CARE', 'VETERAN');`);
    this.addSql(`create type "party_organization_kind" as enum ('COMMUNITY_COMMITTEE', 'GRID_BRANCH', 'RESIDENTIAL_BRANCH', 'PARTY_GROUP', 'BUILDING_GROUP');`);
    this.addSql(`create type "party_activity_kind" as enum ('THEME_DAY', 'MEMBER_SERVICE', 'STUDY', 'VOLUNTEER', 'OTHER');`);
    this.addSql(`create type "party_membership_kind" as enum ('DIRECT', 'IN_SERVICE', 'RETIREE');`);
    this.addSql(`create type "elderly_care_living" as enum ('ALONE', 'EMPTY_NEST', 'WITH_FAMILY');`);
    this.addSql(`create type "elderly_care_helper_kind" as enum ('VOLUNTEER', 'PARTY_MEMBER', 'NEIGHBOUR', 'GRID_STAFF', 'OTHER');`);
    this.addSql(`create type "case_source" as enum ('PATROL', 'VISIT', 'WECHAT_GROUP', 'HOTLINE', 'RESIDENT', 'INTEGRATION');`);
    this.addSql(`create type "case_state" as enum ('REPORTED', 'ACCEPTED', 'ASSIGNED', 'IN_PROGRESS', 'EXTENSION_REQUESTED', 'RETURN_REQUESTED', 'ESCALATED', 'JOINT_MEETING', 'RESOLVED', 'FEEDBACK_GIVEN', 'CLOSED', 'REOPENED', 'REJECTED');`);
    this.addSql(`create type "responsible_kind" as enum ('GRID', 'COMMUNITY', 'RESIDENTIAL_BRANCH', 'OWNERS_COMMITTEE', 'PROPERTY_COMPANY', 'DEPARTMENT', 'JOINT_MEETING');`);
    this.addSql(`create type "feedback_channel" as enum ('PHONE', 'VISIT', 'WECHAT', 'SMS', 'HOTLINE', 'OTHER');`);
    this.addSql(`create type "overdue_clock" as enum ('STEP', 'OVERALL');`);
    this.addSql(`create type "case_action" as enum ('REPORT', 'ACCEPT', 'ASSIGN', 'START', 'RESOLVE', 'GIVE_FEEDBACK', 'RATE', 'CLOSE', 'REOPEN', 'REJECT', 'ESCALATE', 'SEND_TO_JOINT_MEETING', 'DECIDE', 'REQUEST_EXTENSION', 'APPROVE_EXTENSION', 'DENY_EXTENSION', 'REQUEST_RETURN', 'APPROVE_RETURN', 'DENY_RETURN', 'SUPERVISE');`);
    this.addSql(`create type "aid_kind" as enum ('CASH', 'GOODS', 'SERVICE', 'POLICY');`);
    this.addSql(`create type "user_role" as enum ('PLATFORM_ADMIN', 'STREET_ADMIN', 'COMMUNITY_ADMIN', 'GRID_CHIEF', 'GRID_WORKER');`);
    this.addSql(`create type "webhook_delivery_status" as enum ('PENDING', 'DELIVERED', 'FAILED');`);
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

    this.addSql(`create table "idempotency_key" ("key_hash" varchar(64) not null, "request_hash" varchar(64) not null, "viewer" varchar(80) not null, "status_code" smallint not null, "content_type" varchar(200) not null, "body" bytea not null, "request_id" varchar(64) not null, "created_at" timestamptz not null, "expires_at" timestamptz not null, constraint "idempotency_key_pkey" primary key ("key_hash"));`);
    this.addSql(`create index "idempotency_key_expires_at_index" on "idempotency_key" ("expires_at");`);

    this.addSql(`create table "street" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "code" varchar(32) not null, "name" varchar(100) not null, "source" varchar(64) null, "external_id" varchar(128) null, constraint "street_pkey" primary key ("id"));`);
    this.addSql(`alter table "street" add constraint "street_code_unique" unique ("code");`);
    this.addSql(`alter table "street" add constraint "street_source_external_id_unique" unique ("source", "external_id");`);

    this.addSql(`create table "community" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "street_id" uuid not null, "code" varchar(32) not null, "name" varchar(100) not null, "source" varchar(64) null, "external_id" varchar(128) null, constraint "community_pkey" primary key ("id"));`);
    this.addSql(`create index "community_street_id_index" on "community" ("street_id");`);
    this.addSql(`alter table "community" add constraint "community_code_unique" unique ("code");`);
    this.addSql(`alter table "community" add constraint "community_source_external_id_unique" unique ("source", "external_id");`);

    this.addSql(`create table "joint_meeting" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "street_id" uuid not null, "community_id" uuid null, "level" "case_level" not null, "title" varchar(200) not null, "scheduled_at" timestamptz not null, "location" varchar(200) null, "departments" text[] not null, "attendees" text[] not null, "status" "joint_meeting_status" not null default 'SCHEDULED', "held_at" timestamptz null, "created_by_id" uuid null, constraint "joint_meeting_pkey" primary key ("id"));`);
    this.addSql(`create index "joint_meeting_street_id_scheduled_at_index" on "joint_meeting" ("street_id", "scheduled_at");`);
    this.addSql(`create index "joint_meeting_community_id_scheduled_at_index" on "joint_meeting" ("community_id", "scheduled_at");`);

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
    this.addSql(`create index "organization_community_id_kind_index" on "organization" ("community_id", "kind");`);
    this.addSql(`create index "organization_grid_id_kind_index" on "organization" ("grid_id", "kind");`);
    this.addSql(`alter table "organization" add constraint "organization_source_external_id_unique" unique ("source", "external_id");`);

    this.addSql(`create table "micro_grid" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "street_id" uuid not null, "community_id" uuid not null, "grid_id" uuid null, "code" varchar(32) not null, "name" varchar(100) not null, constraint "micro_grid_pkey" primary key ("id"));`);
    this.addSql(`create index "micro_grid_street_id_index" on "micro_grid" ("street_id");`);
    this.addSql(`create index "micro_grid_community_id_index" on "micro_grid" ("community_id");`);
    this.addSql(`create index "micro_grid_grid_id_index" on "micro_grid" ("grid_id");`);
    this.addSql(`alter table "micro_grid" add constraint "micro_grid_grid_id_code_unique" unique ("grid_id", "code");`);

    this.addSql(`create table "legal_adviser" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "street_id" uuid not null, "community_id" uuid not null, "grid_id" uuid not null, "name" varchar(100) not null, "kind" "legal_adviser_kind" not null, "organization" varchar(200) null, "active" boolean not null default true, constraint "legal_adviser_pkey" primary key ("id"));`);
    this.addSql(`create index "legal_adviser_street_id_index" on "legal_adviser" ("street_id");`);
    this.addSql(`create index "legal_adviser_community_id_index" on "legal_adviser" ("community_id");`);
    this.addSql(`create index "legal_adviser_grid_id_index" on "legal_adviser" ("grid_id");`);
    this.addSql(`create index "legal_adviser_grid_id_active_index" on "legal_adviser" ("grid_id", "active");`);

    this.addSql(`create table "legal_mediation" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "street_id" uuid not null, "community_id" uuid not null, "grid_id" uuid not null, "dispute_type" "legal_dispute_type" not null, "summary" varchar(1000) not null, "parties" jsonb not null, "mediator_id" uuid null, "case_id" uuid null, "status" "legal_mediation_status" not null default 'IN_PROGRESS', "opened_on" date not null, "closed_on" date null, "outcome" varchar(1000) null, constraint "legal_mediation_pkey" primary key ("id"));`);
    this.addSql(`create index "legal_mediation_street_id_index" on "legal_mediation" ("street_id");`);
    this.addSql(`create index "legal_mediation_community_id_index" on "legal_mediation" ("community_id");`);
    this.addSql(`create index "legal_mediation_grid_id_index" on "legal_mediation" ("grid_id");`);
    this.addSql(`create index "legal_mediation_case_id_index" on "legal_mediation" ("case_id");`);
    this.addSql(`create index "legal_mediation_grid_id_closed_on_index" on "legal_mediation" ("grid_id", "closed_on");`);
    this.addSql(`create index "legal_mediation_grid_id_status_index" on "legal_mediation" ("grid_id", "status");`);

    this.addSql(`create table "grid_module" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "street_id" uuid not null, "community_id" uuid not null, "grid_id" uuid not null, "module_id" varchar(64) not null, "enabled" boolean not null, "settings" jsonb not null, "enabled_at" timestamptz not null, "disabled_at" timestamptz null, "disabled_reason" varchar(500) null, "version" int not null default 1, constraint "grid_module_pkey" primary key ("id"));`);
    this.addSql(`create index "grid_module_street_id_index" on "grid_module" ("street_id");`);
    this.addSql(`create index "grid_module_community_id_index" on "grid_module" ("community_id");`);
    this.addSql(`create index "grid_module_grid_id_index" on "grid_module" ("grid_id");`);
    this.addSql(`create index "grid_module_module_id_enabled_index" on "grid_module" ("module_id", "enabled");`);
    this.addSql(`alter table "grid_module" add constraint "grid_module_grid_id_module_id_unique" unique ("grid_id", "module_id");`);

    this.addSql(`create table "grid_module_period" ("id" uuid not null, "grid_module_id" uuid not null, "grid_id" uuid not null, "module_id" varchar(64) not null, "started_at" timestamptz not null, "ended_at" timestamptz null, constraint "grid_module_period_pkey" primary key ("id"));`);
    this.addSql(`create index "grid_module_period_grid_module_id_index" on "grid_module_period" ("grid_module_id");`);
    this.addSql(`create index "grid_module_period_module_id_grid_id_started_at_index" on "grid_module_period" ("module_id", "grid_id", "started_at");`);

    this.addSql(`create table "grid_lineage" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "predecessor_id" uuid not null, "successor_id" uuid not null, "kind" "grid_lineage_kind" not null, "at" timestamptz not null, constraint "grid_lineage_pkey" primary key ("id"));`);
    this.addSql(`create index "grid_lineage_predecessor_id_index" on "grid_lineage" ("predecessor_id");`);
    this.addSql(`create index "grid_lineage_successor_id_index" on "grid_lineage" ("successor_id");`);
    this.addSql(`alter table "grid_lineage" add constraint "grid_lineage_predecessor_id_successor_id_unique" unique ("predecessor_id", "successor_id");`);

    this.addSql(`create table "case_category" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "code" varchar(32) not null, "name_zh" varchar(100) not null, "name_en" varchar(100) not null, "default_scale" "case_scale" not null, "sla_hours" int not null, "same_day" boolean not null default true, "active" boolean not null default true, "street_id" uuid null, constraint "case_category_pkey" primary key ("id"));`);
    this.addSql(`alter table "case_category" add constraint "case_category_code_unique" unique ("code");`);
    this.addSql(`create index "case_category_street_id_active_index" on "case_category" ("street_id", "active");`);

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
    this.addSql(`alter table "resident" add constraint "resident_id_number_unique" unique ("id_number");`);
    this.addSql(`create index "resident_grid_id_residency_index" on "resident" ("grid_id", "residency");`);
    this.addSql(`create index "resident_community_id_birth_date_index" on "resident" ("community_id", "birth_date");`);
    this.addSql(`create index "resident_grid_id_birth_date_index" on "resident" ("grid_id", "birth_date");`);
    this.addSql(`create index "resident_community_id_name_index" on "resident" ("community_id", "name");`);
    this.addSql(`create index "resident_grid_id_name_index" on "resident" ("grid_id", "name");`);
    this.addSql(`alter table "resident" add constraint "resident_source_external_id_unique" unique ("source", "external_id");`);

    this.addSql(`create table "staff_member" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "street_id" uuid not null, "community_id" uuid not null, "grid_id" uuid null, "name" varchar(100) not null, "gender" "gender" null, "birth_date" date null, "phone" varchar(20) null, "resident_id" uuid null, "party_member" boolean not null default false, "source" varchar(64) null, "external_id" varchar(128) null, constraint "staff_member_pkey" primary key ("id"));`);
    this.addSql(`create index "staff_member_street_id_index" on "staff_member" ("street_id");`);
    this.addSql(`create index "staff_member_community_id_index" on "staff_member" ("community_id");`);
    this.addSql(`create index "staff_member_grid_id_index" on "staff_member" ("grid_id");`);
    this.addSql(`create index "staff_member_resident_id_index" on "staff_member" ("resident_id");`);
    this.addSql(`create index "staff_member_community_id_name_index" on "staff_member" ("community_id", "name");`);
    this.addSql(`alter table "staff_member" add constraint "staff_member_source_external_id_unique" unique ("source", "external_id");`);

    this.addSql(`create table "staff_assignment" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "street_id" uuid not null, "community_id" uuid not null, "grid_id" uuid null, "staff_member_id" uuid not null, "role" "staff_role" not null, "department" "department" null, "organization_id" uuid null, "micro_grid_id" uuid null, "building_id" uuid null, "start_date" date not null, "end_date" date null, constraint "staff_assignment_pkey" primary key ("id"));`);
    this.addSql(`create index "staff_assignment_street_id_index" on "staff_assignment" ("street_id");`);
    this.addSql(`create index "staff_assignment_community_id_index" on "staff_assignment" ("community_id");`);
    this.addSql(`create index "staff_assignment_grid_id_index" on "staff_assignment" ("grid_id");`);
    this.addSql(`create index "staff_assignment_organization_id_index" on "staff_assignment" ("organization_id");`);
    this.addSql(`create index "staff_assignment_micro_grid_id_index" on "staff_assignment" ("micro_grid_id");`);
    this.addSql(`create index "staff_assignment_building_id_index" on "staff_assignment" ("building_id");`);
    this.addSql(`create index "staff_assignment_staff_member_id_start_date_index" on "staff_assignment" ("staff_member_id", "start_date");`);
    this.addSql(`create index "staff_assignment_community_id_role_start_date_index" on "staff_assignment" ("community_id", "role", "start_date");`);
    this.addSql(`create index "staff_assignment_grid_id_role_start_date_index" on "staff_assignment" ("grid_id", "role", "start_date");`);

    this.addSql(`create table "sentiment_log" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "street_id" uuid not null, "community_id" uuid not null, "grid_id" uuid null, "staff_member_id" uuid not null, "household_id" uuid null, "date" date not null, "category" "sentiment_category" not null, "content" text not null, "follow_up" text null, constraint "sentiment_log_pkey" primary key ("id"));`);
    this.addSql(`create index "sentiment_log_street_id_index" on "sentiment_log" ("street_id");`);
    this.addSql(`create index "sentiment_log_community_id_index" on "sentiment_log" ("community_id");`);
    this.addSql(`create index "sentiment_log_grid_id_index" on "sentiment_log" ("grid_id");`);
    this.addSql(`create index "sentiment_log_household_id_index" on "sentiment_log" ("household_id");`);
    this.addSql(`create index "sentiment_log_staff_member_id_date_index" on "sentiment_log" ("staff_member_id", "date");`);
    this.addSql(`create index "sentiment_log_community_id_date_index" on "sentiment_log" ("community_id", "date");`);
    this.addSql(`create index "sentiment_log_grid_id_date_index" on "sentiment_log" ("grid_id", "date");`);

    this.addSql(`create table "log_book" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "street_id" uuid not null, "community_id" uuid not null, "grid_id" uuid null, "staff_member_id" uuid not null, "number" varchar(32) not null, "issued_at" timestamptz not null, constraint "log_book_pkey" primary key ("id"));`);
    this.addSql(`create index "log_book_street_id_index" on "log_book" ("street_id");`);
    this.addSql(`create index "log_book_community_id_index" on "log_book" ("community_id");`);
    this.addSql(`create index "log_book_grid_id_index" on "log_book" ("grid_id");`);
    this.addSql(`create index "log_book_staff_member_id_index" on "log_book" ("staff_member_id");`);
    this.addSql(`create index "log_book_grid_id_issued_at_index" on "log_book" ("grid_id", "issued_at");`);
    this.addSql(`alter table "log_book" add constraint "log_book_community_id_number_unique" unique ("community_id", "number");`);

    this.addSql(`create table "resident_tag" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "resident_id" uuid not null, "kind" "resident_tag_kind" not null, "community_id" uuid not null, "grid_id" uuid null, "note" varchar(200) null, constraint "resident_tag_pkey" primary key ("id"));`);
    this.addSql(`create index "resident_tag_community_id_kind_index" on "resident_tag" ("community_id", "kind");`);
    this.addSql(`create index "resident_tag_grid_id_kind_index" on "resident_tag" ("grid_id", "kind");`);
    this.addSql(`alter table "resident_tag" add constraint "resident_tag_resident_id_kind_unique" unique ("resident_id", "kind");`);

    this.addSql(`create table "party_organization" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "street_id" uuid not null, "community_id" uuid not null, "grid_id" uuid null, "name" varchar(200) not null, "kind" "party_organization_kind" not null, "micro_grid_id" uuid null, "building_id" uuid null, "parent_id" uuid null, "secretary_name" varchar(100) null, "secretary_staff_member_id" uuid null, "secretary_resident_id" uuid null, "founded_on" date null, constraint "party_organization_pkey" primary key ("id"));`);
    this.addSql(`create index "party_organization_street_id_index" on "party_organization" ("street_id");`);
    this.addSql(`create index "party_organization_community_id_index" on "party_organization" ("community_id");`);
    this.addSql(`create index "party_organization_grid_id_index" on "party_organization" ("grid_id");`);
    this.addSql(`create index "party_organization_micro_grid_id_index" on "party_organization" ("micro_grid_id");`);
    this.addSql(`create index "party_organization_building_id_index" on "party_organization" ("building_id");`);
    this.addSql(`create index "party_organization_parent_id_index" on "party_organization" ("parent_id");`);
    this.addSql(`create index "party_organization_community_id_kind_index" on "party_organization" ("community_id", "kind");`);
    this.addSql(`alter table "party_organization" add constraint "party_organization_community_id_name_unique" unique ("community_id", "name");`);

    this.addSql(`create table "party_activity" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "street_id" uuid not null, "community_id" uuid not null, "grid_id" uuid null, "party_organization_id" uuid not null, "kind" "party_activity_kind" not null, "title" varchar(200) not null, "description" text null, "held_on" date not null, "participants" int not null, "beneficiaries" int not null, "recorded_by_id" uuid null, constraint "party_activity_pkey" primary key ("id"));`);
    this.addSql(`create index "party_activity_street_id_index" on "party_activity" ("street_id");`);
    this.addSql(`create index "party_activity_community_id_index" on "party_activity" ("community_id");`);
    this.addSql(`create index "party_activity_grid_id_index" on "party_activity" ("grid_id");`);
    this.addSql(`create index "party_activity_party_organization_id_index" on "party_activity" ("party_organization_id");`);
    this.addSql(`create index "party_activity_street_id_held_on_index" on "party_activity" ("street_id", "held_on");`);
    this.addSql(`create index "party_activity_community_id_held_on_index" on "party_activity" ("community_id", "held_on");`);
    this.addSql(`create index "party_activity_grid_id_held_on_index" on "party_activity" ("grid_id", "held_on");`);

    this.addSql(`create table "party_membership" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "street_id" uuid not null, "community_id" uuid not null, "grid_id" uuid null, "party_organization_id" uuid not null, "resident_id" uuid null, "staff_member_id" uuid null, "member_name" varchar(100) not null, "kind" "party_membership_kind" not null, "work_unit_organization_id" uuid null, "work_unit_name" varchar(200) null, "joined_on" date not null, "left_on" date null, "left_reason" varchar(200) null, "commitment" varchar(500) null, "post" varchar(100) null, constraint "party_membership_pkey" primary key ("id"));`);
    this.addSql(`create index "party_membership_street_id_index" on "party_membership" ("street_id");`);
    this.addSql(`create index "party_membership_community_id_index" on "party_membership" ("community_id");`);
    this.addSql(`create index "party_membership_grid_id_index" on "party_membership" ("grid_id");`);
    this.addSql(`create index "party_membership_resident_id_index" on "party_membership" ("resident_id");`);
    this.addSql(`create index "party_membership_staff_member_id_index" on "party_membership" ("staff_member_id");`);
    this.addSql(`create index "party_membership_work_unit_organization_id_index" on "party_membership" ("work_unit_organization_id");`);
    this.addSql(`create index "party_membership_grid_id_kind_index" on "party_membership" ("grid_id", "kind");`);
    this.addSql(`create index "party_membership_community_id_kind_index" on "party_membership" ("community_id", "kind");`);
    this.addSql(`create index "party_membership_party_organization_id_left_on_index" on "party_membership" ("party_organization_id", "left_on");`);

    this.addSql(`create table "elderly_care_profile" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "street_id" uuid not null, "community_id" uuid not null, "grid_id" uuid not null, "resident_id" uuid not null, "living" "elderly_care_living" not null, "needs_care" boolean not null default false, "care_needs" varchar(500) null, "registered_on" date not null, "ended_on" date null, "end_reason" varchar(200) null, constraint "elderly_care_profile_pkey" primary key ("id"));`);
    this.addSql(`create index "elderly_care_profile_street_id_index" on "elderly_care_profile" ("street_id");`);
    this.addSql(`create index "elderly_care_profile_community_id_index" on "elderly_care_profile" ("community_id");`);
    this.addSql(`create index "elderly_care_profile_grid_id_index" on "elderly_care_profile" ("grid_id");`);
    this.addSql(`create index "elderly_care_profile_grid_id_ended_on_index" on "elderly_care_profile" ("grid_id", "ended_on");`);
    this.addSql(`alter table "elderly_care_profile" add constraint "elderly_care_profile_resident_id_unique" unique ("resident_id");`);

    this.addSql(`create table "elderly_care_pairing" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "street_id" uuid not null, "community_id" uuid not null, "grid_id" uuid not null, "profile_id" uuid not null, "helper_kind" "elderly_care_helper_kind" not null, "helper_name" varchar(100) not null, "helper_resident_id" uuid null, "started_on" date not null, "ended_on" date null, "note" varchar(500) null, constraint "elderly_care_pairing_pkey" primary key ("id"));`);
    this.addSql(`create index "elderly_care_pairing_street_id_index" on "elderly_care_pairing" ("street_id");`);
    this.addSql(`create index "elderly_care_pairing_community_id_index" on "elderly_care_pairing" ("community_id");`);
    this.addSql(`create index "elderly_care_pairing_grid_id_index" on "elderly_care_pairing" ("grid_id");`);
    this.addSql(`create index "elderly_care_pairing_profile_id_index" on "elderly_care_pairing" ("profile_id");`);
    this.addSql(`create index "elderly_care_pairing_helper_resident_id_index" on "elderly_care_pairing" ("helper_resident_id");`);
    this.addSql(`create index "elderly_care_pairing_grid_id_ended_on_index" on "elderly_care_pairing" ("grid_id", "ended_on");`);

    this.addSql(`create table "party_activity_household" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "activity_id" uuid not null, "household_id" uuid not null, constraint "party_activity_household_pkey" primary key ("id"));`);
    this.addSql(`create index "party_activity_household_household_id_index" on "party_activity_household" ("household_id");`);
    this.addSql(`alter table "party_activity_household" add constraint "party_activity_household_activity_id_household_id_unique" unique ("activity_id", "household_id");`);

    this.addSql(`create table "case_record" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "street_id" uuid not null, "community_id" uuid not null, "grid_id" uuid null, "micro_grid_id" uuid null, "building_id" uuid null, "household_id" uuid null, "reporter_resident_id" uuid null, "category_id" uuid not null, "source" "case_source" not null, "scale" "case_scale" not null, "title" varchar(100) not null, "description" text null, "state" "case_state" not null, "level" "case_level" not null, "responsible_kind" "responsible_kind" null, "department" "department" null, "responsible_organization_id" uuid null, "responsible_name" varchar(100) null, "assignee_id" uuid null, "joint_meeting_id" uuid null, "reported_at" timestamptz not null, "accepted_at" timestamptz null, "assigned_at" timestamptz null, "started_at" timestamptz null, "resolved_at" timestamptz null, "closed_at" timestamptz null, "rejected_at" timestamptz null, "step_no" int not null default 1, "step_started_at" timestamptz not null, "due_at" timestamptz not null, "overall_due_at" timestamptz not null, "requested_due_at" timestamptz null, "lng" double precision null, "lat" double precision null, "address" varchar(300) null, "resolution" text null, "reject_reason" text null, "feedback_channel" "feedback_channel" null, "feedback_at" timestamptz null, "feedback_note" text null, "rating" smallint null, "rating_comment" text null, "rated_at" timestamptz null, "escalation_count" int not null default 0, "supervision_count" int not null default 0, "extension_count" int not null default 0, "reopen_count" int not null default 0, "reported_by_id" uuid null, "external_system" varchar(64) null, "external_id" varchar(128) null, "version" int not null default 1, constraint "case_record_pkey" primary key ("id"));`);
    this.addSql(`create index "case_record_street_id_index" on "case_record" ("street_id");`);
    this.addSql(`create index "case_record_community_id_index" on "case_record" ("community_id");`);
    this.addSql(`create index "case_record_grid_id_index" on "case_record" ("grid_id");`);
    this.addSql(`create index "case_record_household_id_index" on "case_record" ("household_id");`);
    this.addSql(`create index "case_record_reporter_resident_id_index" on "case_record" ("reporter_resident_id");`);
    this.addSql(`create index "case_record_category_id_index" on "case_record" ("category_id");`);
    this.addSql(`create index "case_record_assignee_id_index" on "case_record" ("assignee_id");`);
    this.addSql(`create index "case_record_joint_meeting_id_index" on "case_record" ("joint_meeting_id");`);
    this.addSql(`create index "case_record_grid_id_rated_at_index" on "case_record" ("grid_id", "rated_at");`);
    this.addSql(`create index "case_record_grid_id_resolved_at_index" on "case_record" ("grid_id", "resolved_at");`);
    this.addSql(`create index "case_record_grid_id_reported_at_index" on "case_record" ("grid_id", "reported_at");`);
    this.addSql(`create index "case_record_state_overall_due_at_index" on "case_record" ("state", "overall_due_at");`);
    this.addSql(`create index "case_record_state_due_at_index" on "case_record" ("state", "due_at");`);
    this.addSql(`create index "case_record_community_id_state_index" on "case_record" ("community_id", "state");`);
    this.addSql(`create index "case_record_grid_id_state_index" on "case_record" ("grid_id", "state");`);
    this.addSql(`alter table "case_record" add constraint "case_record_external_system_external_id_unique" unique ("external_system", "external_id");`);

    this.addSql(`create table "joint_meeting_item" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "street_id" uuid not null, "community_id" uuid not null, "grid_id" uuid null, "meeting_id" uuid not null, "case_id" uuid not null, "added_at" timestamptz not null, "decided_at" timestamptz null, "decision" text null, "responsible_kind" "responsible_kind" null, "department" "department" null, "organization_id" uuid null, "assignee_id" uuid null, "due_at" timestamptz null, constraint "joint_meeting_item_pkey" primary key ("id"));`);
    this.addSql(`create index "joint_meeting_item_street_id_index" on "joint_meeting_item" ("street_id");`);
    this.addSql(`create index "joint_meeting_item_community_id_index" on "joint_meeting_item" ("community_id");`);
    this.addSql(`create index "joint_meeting_item_grid_id_index" on "joint_meeting_item" ("grid_id");`);
    this.addSql(`create index "joint_meeting_item_case_id_index" on "joint_meeting_item" ("case_id");`);
    this.addSql(`alter table "joint_meeting_item" add constraint "joint_meeting_item_meeting_id_case_id_unique" unique ("meeting_id", "case_id");`);

    this.addSql(`create table "case_overdue" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "street_id" uuid not null, "community_id" uuid not null, "grid_id" uuid null, "case_id" uuid not null, "clock" "overdue_clock" not null, "step_no" int not null, "due_at" timestamptz not null, "detected_at" timestamptz not null, "state" "case_state" not null, constraint "case_overdue_pkey" primary key ("id"));`);
    this.addSql(`create index "case_overdue_street_id_index" on "case_overdue" ("street_id");`);
    this.addSql(`create index "case_overdue_community_id_index" on "case_overdue" ("community_id");`);
    this.addSql(`create index "case_overdue_grid_id_index" on "case_overdue" ("grid_id");`);
    this.addSql(`alter table "case_overdue" add constraint "case_overdue_case_id_clock_step_no_unique" unique ("case_id", "clock", "step_no");`);

    this.addSql(`create table "case_event" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "case_id" uuid not null, "version" int not null, "action" "case_action" not null, "from_state" "case_state" null, "to_state" "case_state" not null, "level" "case_level" not null, "at" timestamptz not null, "actor_id" uuid null, "actor_name" varchar(100) null, "note" text null, "data" jsonb not null, constraint "case_event_pkey" primary key ("id"));`);
    this.addSql(`create index "case_event_action_at_index" on "case_event" ("action", "at");`);
    this.addSql(`alter table "case_event" add constraint "case_event_case_id_version_unique" unique ("case_id", "version");`);

    this.addSql(`create table "aid_record" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "street_id" uuid not null, "community_id" uuid not null, "grid_id" uuid null, "household_id" uuid not null, "given_on" date not null, "kind" "aid_kind" not null, "description" varchar(500) not null, "amount" numeric(12,2) null, "people_helped" int not null, "given_by_organization_id" uuid null, "given_by_party_organization_id" uuid null, "given_by" varchar(200) not null, "recorded_by_id" uuid null, constraint "aid_record_pkey" primary key ("id"));`);
    this.addSql(`create index "aid_record_street_id_index" on "aid_record" ("street_id");`);
    this.addSql(`create index "aid_record_community_id_index" on "aid_record" ("community_id");`);
    this.addSql(`create index "aid_record_grid_id_index" on "aid_record" ("grid_id");`);
    this.addSql(`create index "aid_record_household_id_index" on "aid_record" ("household_id");`);
    this.addSql(`create index "aid_record_given_by_organization_id_index" on "aid_record" ("given_by_organization_id");`);
    this.addSql(`create index "aid_record_given_by_party_organization_id_index" on "aid_record" ("given_by_party_organization_id");`);
    this.addSql(`create index "aid_record_street_id_given_on_index" on "aid_record" ("street_id", "given_on");`);
    this.addSql(`create index "aid_record_community_id_given_on_index" on "aid_record" ("community_id", "given_on");`);
    this.addSql(`create index "aid_record_grid_id_given_on_index" on "aid_record" ("grid_id", "given_on");`);

    this.addSql(`create table "activity" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "street_id" uuid not null, "community_id" uuid not null, "grid_id" uuid not null, "module_id" varchar(64) not null, "kind" varchar(128) not null, "occurred_at" timestamptz not null, "title" varchar(200) not null, "participants" int not null default 0, "beneficiaries" int not null default 0, "recorded_by_id" uuid null, "details" jsonb not null, constraint "activity_pkey" primary key ("id"));`);
    this.addSql(`create index "activity_street_id_index" on "activity" ("street_id");`);
    this.addSql(`create index "activity_community_id_index" on "activity" ("community_id");`);
    this.addSql(`create index "activity_grid_id_index" on "activity" ("grid_id");`);
    this.addSql(`create index "activity_module_id_occurred_at_index" on "activity" ("module_id", "occurred_at");`);
    this.addSql(`create index "activity_grid_id_kind_occurred_at_index" on "activity" ("grid_id", "kind", "occurred_at");`);
    this.addSql(`create index "activity_street_id_occurred_at_index" on "activity" ("street_id", "occurred_at");`);
    this.addSql(`create index "activity_community_id_occurred_at_index" on "activity" ("community_id", "occurred_at");`);
    this.addSql(`create index "activity_grid_id_occurred_at_index" on "activity" ("grid_id", "occurred_at");`);

    this.addSql(`create table "training" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "street_id" uuid not null, "community_id" uuid not null, "grid_id" uuid null, "title" varchar(200) not null, "date" date not null, "hours" double precision not null, "location" varchar(200) null, "description" text null, constraint "training_pkey" primary key ("id"));`);
    this.addSql(`create index "training_street_id_index" on "training" ("street_id");`);
    this.addSql(`create index "training_community_id_index" on "training" ("community_id");`);
    this.addSql(`create index "training_grid_id_index" on "training" ("grid_id");`);
    this.addSql(`create index "training_grid_id_date_index" on "training" ("grid_id", "date");`);
    this.addSql(`create index "training_community_id_date_index" on "training" ("community_id", "date");`);

    this.addSql(`create table "training_attendance" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "training_id" uuid not null, "staff_member_id" uuid not null, constraint "training_attendance_pkey" primary key ("id"));`);
    this.addSql(`create index "training_attendance_staff_member_id_index" on "training_attendance" ("staff_member_id");`);
    this.addSql(`alter table "training_attendance" add constraint "training_attendance_training_id_staff_member_id_unique" unique ("training_id", "staff_member_id");`);

    this.addSql(`create table "app_user" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "username" varchar(64) not null, "password_hash" text not null, "display_name" varchar(100) not null, "role" "user_role" not null, "scope_level" "scope_level" not null, "street_id" uuid null, "community_id" uuid null, "grid_id" uuid null, "staff_member_id" uuid null, "active" boolean not null default true, "last_login_at" timestamptz null, "token_version" int not null default 0, constraint "app_user_pkey" primary key ("id"));`);
    this.addSql(`alter table "app_user" add constraint "app_user_username_unique" unique ("username");`);
    this.addSql(`create index "app_user_street_id_index" on "app_user" ("street_id");`);

    this.addSql(`create table "volunteer_team" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "street_id" uuid not null, "community_id" uuid not null, "grid_id" uuid not null, "name" varchar(100) not null, "description" text null, "active" boolean not null default true, constraint "volunteer_team_pkey" primary key ("id"));`);
    this.addSql(`create index "volunteer_team_street_id_index" on "volunteer_team" ("street_id");`);
    this.addSql(`create index "volunteer_team_community_id_index" on "volunteer_team" ("community_id");`);
    this.addSql(`create index "volunteer_team_grid_id_index" on "volunteer_team" ("grid_id");`);
    this.addSql(`alter table "volunteer_team" add constraint "volunteer_team_grid_id_name_unique" unique ("grid_id", "name");`);

    this.addSql(`create table "volunteer_member" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "street_id" uuid not null, "community_id" uuid not null, "grid_id" uuid not null, "team_id" uuid null, "resident_id" uuid null, "name" varchar(100) not null, "skills" jsonb not null, "joined_on" date not null, "left_on" date null, constraint "volunteer_member_pkey" primary key ("id"));`);
    this.addSql(`create index "volunteer_member_street_id_index" on "volunteer_member" ("street_id");`);
    this.addSql(`create index "volunteer_member_community_id_index" on "volunteer_member" ("community_id");`);
    this.addSql(`create index "volunteer_member_grid_id_index" on "volunteer_member" ("grid_id");`);
    this.addSql(`create index "volunteer_member_team_id_index" on "volunteer_member" ("team_id");`);
    this.addSql(`create index "volunteer_member_resident_id_index" on "volunteer_member" ("resident_id");`);
    this.addSql(`create index "volunteer_member_grid_id_left_on_index" on "volunteer_member" ("grid_id", "left_on");`);

    this.addSql(`create table "volunteer_pairing" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "street_id" uuid not null, "community_id" uuid not null, "grid_id" uuid not null, "member_id" uuid not null, "household_id" uuid not null, "started_on" date not null, "ended_on" date null, "note" varchar(500) null, "end_reason" varchar(500) null, constraint "volunteer_pairing_pkey" primary key ("id"));`);
    this.addSql(`create index "volunteer_pairing_street_id_index" on "volunteer_pairing" ("street_id");`);
    this.addSql(`create index "volunteer_pairing_community_id_index" on "volunteer_pairing" ("community_id");`);
    this.addSql(`create index "volunteer_pairing_grid_id_index" on "volunteer_pairing" ("grid_id");`);
    this.addSql(`create index "volunteer_pairing_member_id_index" on "volunteer_pairing" ("member_id");`);
    this.addSql(`create index "volunteer_pairing_household_id_index" on "volunteer_pairing" ("household_id");`);
    this.addSql(`create index "volunteer_pairing_grid_id_ended_on_index" on "volunteer_pairing" ("grid_id", "ended_on");`);

    this.addSql(`create table "webhook" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "url" varchar(2000) not null, "event_types" text[] not null, "description" varchar(500) null, "secret" varchar(100) not null, "active" boolean not null default true, "scope_level" "scope_level" not null, "street_id" uuid null, "community_id" uuid null, "grid_id" uuid null, "created_by_id" uuid not null, "created_by" varchar(100) not null, "deleted_at" timestamptz null, "last_seq" bigint not null default 0, constraint "webhook_pkey" primary key ("id"));`);
    this.addSql(`create index "webhook_street_id_index" on "webhook" ("street_id");`);
    this.addSql(`create index "webhook_community_id_index" on "webhook" ("community_id");`);
    this.addSql(`create index "webhook_grid_id_index" on "webhook" ("grid_id");`);

    this.addSql(`create table "webhook_delivery" ("seq" bigserial primary key, "id" uuid not null, "webhook_id" uuid not null, "event_seq" bigint not null, "event_id" uuid not null, "event_type" varchar(100) not null, "subject_id" varchar(200) not null, "status" "webhook_delivery_status" not null default 'PENDING', "redelivery" boolean not null default false, "attempt_count" int not null default 0, "created_at" timestamptz not null, "next_attempt_at" timestamptz null, "retry_until" timestamptz not null, "leased_until" timestamptz null, "lease_token" uuid null, "last_attempt_at" timestamptz null, "delivered_at" timestamptz null);`);
    this.addSql(`alter table "webhook_delivery" add constraint "webhook_delivery_id_unique" unique ("id");`);
    this.addSql(`create index "webhook_delivery_webhook_id_seq_index" on "webhook_delivery" ("webhook_id", "seq");`);
    this.addSql(`create index "webhook_delivery_webhook_id_subject_id_seq_index" on "webhook_delivery" ("webhook_id", "subject_id", "seq");`);
    this.addSql(`create index "webhook_delivery_status_next_attempt_at_index" on "webhook_delivery" ("status", "next_attempt_at");`);

    this.addSql(`create table "webhook_attempt" ("seq" bigserial primary key, "delivery_seq" bigint not null, "attempted_at" timestamptz not null, "status_code" smallint null, "duration_ms" int not null, "error" varchar(500) null, "next_attempt_at" timestamptz null);`);
    this.addSql(`create index "webhook_attempt_delivery_seq_index" on "webhook_attempt" ("delivery_seq");`);

    this.addSql(`alter table "community" add constraint "community_street_id_foreign" foreign key ("street_id") references "street" ("id") on update cascade;`);

    this.addSql(`alter table "joint_meeting" add constraint "joint_meeting_street_id_foreign" foreign key ("street_id") references "street" ("id") on update cascade;`);
    this.addSql(`alter table "joint_meeting" add constraint "joint_meeting_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "grid" add constraint "grid_street_id_foreign" foreign key ("street_id") references "street" ("id") on update cascade;`);
    this.addSql(`alter table "grid" add constraint "grid_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade;`);

    this.addSql(`alter table "organization" add constraint "organization_street_id_foreign" foreign key ("street_id") references "street" ("id") on update cascade;`);
    this.addSql(`alter table "organization" add constraint "organization_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade;`);
    this.addSql(`alter table "organization" add constraint "organization_grid_id_foreign" foreign key ("grid_id") references "grid" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "micro_grid" add constraint "micro_grid_street_id_foreign" foreign key ("street_id") references "street" ("id") on update cascade;`);
    this.addSql(`alter table "micro_grid" add constraint "micro_grid_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade;`);
    this.addSql(`alter table "micro_grid" add constraint "micro_grid_grid_id_foreign" foreign key ("grid_id") references "grid" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "legal_adviser" add constraint "legal_adviser_street_id_foreign" foreign key ("street_id") references "street" ("id") on update cascade;`);
    this.addSql(`alter table "legal_adviser" add constraint "legal_adviser_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade;`);
    this.addSql(`alter table "legal_adviser" add constraint "legal_adviser_grid_id_foreign" foreign key ("grid_id") references "grid" ("id") on update cascade;`);

    this.addSql(`alter table "legal_mediation" add constraint "legal_mediation_street_id_foreign" foreign key ("street_id") references "street" ("id") on update cascade;`);
    this.addSql(`alter table "legal_mediation" add constraint "legal_mediation_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade;`);
    this.addSql(`alter table "legal_mediation" add constraint "legal_mediation_grid_id_foreign" foreign key ("grid_id") references "grid" ("id") on update cascade;`);
    this.addSql(`alter table "legal_mediation" add constraint "legal_mediation_mediator_id_foreign" foreign key ("mediator_id") references "legal_adviser" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "grid_module" add constraint "grid_module_street_id_foreign" foreign key ("street_id") references "street" ("id") on update cascade;`);
    this.addSql(`alter table "grid_module" add constraint "grid_module_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade;`);
    this.addSql(`alter table "grid_module" add constraint "grid_module_grid_id_foreign" foreign key ("grid_id") references "grid" ("id") on update cascade;`);

    this.addSql(`alter table "grid_module_period" add constraint "grid_module_period_grid_module_id_foreign" foreign key ("grid_module_id") references "grid_module" ("id") on update cascade;`);
    this.addSql(`alter table "grid_module_period" add constraint "grid_module_period_grid_id_foreign" foreign key ("grid_id") references "grid" ("id") on update cascade;`);

    this.addSql(`alter table "grid_lineage" add constraint "grid_lineage_predecessor_id_foreign" foreign key ("predecessor_id") references "grid" ("id") on update cascade;`);
    this.addSql(`alter table "grid_lineage" add constraint "grid_lineage_successor_id_foreign" foreign key ("successor_id") references "grid" ("id") on update cascade;`);

    this.addSql(`alter table "case_category" add constraint "case_category_street_id_foreign" foreign key ("street_id") references "street" ("id") on update cascade on delete set null;`);

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

    this.addSql(`alter table "staff_assignment" add constraint "staff_assignment_street_id_foreign" foreign key ("street_id") references "street" ("id") on update cascade;`);
    this.addSql(`alter table "staff_assignment" add constraint "staff_assignment_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade;`);
    this.addSql(`alter table "staff_assignment" add constraint "staff_assignment_grid_id_foreign" foreign key ("grid_id") references "grid" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "staff_assignment" add constraint "staff_assignment_staff_member_id_foreign" foreign key ("staff_member_id") references "staff_member" ("id") on update cascade;`);
    this.addSql(`alter table "staff_assignment" add constraint "staff_assignment_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "staff_assignment" add constraint "staff_assignment_micro_grid_id_foreign" foreign key ("micro_grid_id") references "micro_grid" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "staff_assignment" add constraint "staff_assignment_building_id_foreign" foreign key ("building_id") references "building" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "sentiment_log" add constraint "sentiment_log_street_id_foreign" foreign key ("street_id") references "street" ("id") on update cascade;`);
    this.addSql(`alter table "sentiment_log" add constraint "sentiment_log_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade;`);
    this.addSql(`alter table "sentiment_log" add constraint "sentiment_log_grid_id_foreign" foreign key ("grid_id") references "grid" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "sentiment_log" add constraint "sentiment_log_staff_member_id_foreign" foreign key ("staff_member_id") references "staff_member" ("id") on update cascade;`);
    this.addSql(`alter table "sentiment_log" add constraint "sentiment_log_household_id_foreign" foreign key ("household_id") references "household" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "log_book" add constraint "log_book_street_id_foreign" foreign key ("street_id") references "street" ("id") on update cascade;`);
    this.addSql(`alter table "log_book" add constraint "log_book_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade;`);
    this.addSql(`alter table "log_book" add constraint "log_book_grid_id_foreign" foreign key ("grid_id") references "grid" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "log_book" add constraint "log_book_staff_member_id_foreign" foreign key ("staff_member_id") references "staff_member" ("id") on update cascade;`);

    this.addSql(`alter table "resident_tag" add constraint "resident_tag_resident_id_foreign" foreign key ("resident_id") references "resident" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "resident_tag" add constraint "resident_tag_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade;`);
    this.addSql(`alter table "resident_tag" add constraint "resident_tag_grid_id_foreign" foreign key ("grid_id") references "grid" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "party_organization" add constraint "party_organization_street_id_foreign" foreign key ("street_id") references "street" ("id") on update cascade;`);
    this.addSql(`alter table "party_organization" add constraint "party_organization_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade;`);
    this.addSql(`alter table "party_organization" add constraint "party_organization_grid_id_foreign" foreign key ("grid_id") references "grid" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "party_organization" add constraint "party_organization_micro_grid_id_foreign" foreign key ("micro_grid_id") references "micro_grid" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "party_organization" add constraint "party_organization_building_id_foreign" foreign key ("building_id") references "building" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "party_organization" add constraint "party_organization_parent_id_foreign" foreign key ("parent_id") references "party_organization" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "party_organization" add constraint "party_organization_secretary_staff_member_id_foreign" foreign key ("secretary_staff_member_id") references "staff_member" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "party_organization" add constraint "party_organization_secretary_resident_id_foreign" foreign key ("secretary_resident_id") references "resident" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "party_activity" add constraint "party_activity_street_id_foreign" foreign key ("street_id") references "street" ("id") on update cascade;`);
    this.addSql(`alter table "party_activity" add constraint "party_activity_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade;`);
    this.addSql(`alter table "party_activity" add constraint "party_activity_grid_id_foreign" foreign key ("grid_id") references "grid" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "party_activity" add constraint "party_activity_party_organization_id_foreign" foreign key ("party_organization_id") references "party_organization" ("id") on update cascade;`);

    this.addSql(`alter table "party_membership" add constraint "party_membership_street_id_foreign" foreign key ("street_id") references "street" ("id") on update cascade;`);
    this.addSql(`alter table "party_membership" add constraint "party_membership_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade;`);
    this.addSql(`alter table "party_membership" add constraint "party_membership_grid_id_foreign" foreign key ("grid_id") references "grid" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "party_membership" add constraint "party_membership_party_organization_id_foreign" foreign key ("party_organization_id") references "party_organization" ("id") on update cascade;`);
    this.addSql(`alter table "party_membership" add constraint "party_membership_resident_id_foreign" foreign key ("resident_id") references "resident" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "party_membership" add constraint "party_membership_staff_member_id_foreign" foreign key ("staff_member_id") references "staff_member" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "party_membership" add constraint "party_membership_work_unit_organization_id_foreign" foreign key ("work_unit_organization_id") references "organization" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "elderly_care_profile" add constraint "elderly_care_profile_street_id_foreign" foreign key ("street_id") references "street" ("id") on update cascade;`);
    this.addSql(`alter table "elderly_care_profile" add constraint "elderly_care_profile_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade;`);
    this.addSql(`alter table "elderly_care_profile" add constraint "elderly_care_profile_grid_id_foreign" foreign key ("grid_id") references "grid" ("id") on update cascade;`);
    this.addSql(`alter table "elderly_care_profile" add constraint "elderly_care_profile_resident_id_foreign" foreign key ("resident_id") references "resident" ("id") on update cascade;`);

    this.addSql(`alter table "elderly_care_pairing" add constraint "elderly_care_pairing_street_id_foreign" foreign key ("street_id") references "street" ("id") on update cascade;`);
    this.addSql(`alter table "elderly_care_pairing" add constraint "elderly_care_pairing_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade;`);
    this.addSql(`alter table "elderly_care_pairing" add constraint "elderly_care_pairing_grid_id_foreign" foreign key ("grid_id") references "grid" ("id") on update cascade;`);
    this.addSql(`alter table "elderly_care_pairing" add constraint "elderly_care_pairing_profile_id_foreign" foreign key ("profile_id") references "elderly_care_profile" ("id") on update cascade;`);
    this.addSql(`alter table "elderly_care_pairing" add constraint "elderly_care_pairing_helper_resident_id_foreign" foreign key ("helper_resident_id") references "resident" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "party_activity_household" add constraint "party_activity_household_activity_id_foreign" foreign key ("activity_id") references "party_activity" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "party_activity_household" add constraint "party_activity_household_household_id_foreign" foreign key ("household_id") references "household" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "case_record" add constraint "case_record_street_id_foreign" foreign key ("street_id") references "street" ("id") on update cascade;`);
    this.addSql(`alter table "case_record" add constraint "case_record_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade;`);
    this.addSql(`alter table "case_record" add constraint "case_record_grid_id_foreign" foreign key ("grid_id") references "grid" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "case_record" add constraint "case_record_micro_grid_id_foreign" foreign key ("micro_grid_id") references "micro_grid" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "case_record" add constraint "case_record_building_id_foreign" foreign key ("building_id") references "building" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "case_record" add constraint "case_record_household_id_foreign" foreign key ("household_id") references "household" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "case_record" add constraint "case_record_reporter_resident_id_foreign" foreign key ("reporter_resident_id") references "resident" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "case_record" add constraint "case_record_category_id_foreign" foreign key ("category_id") references "case_category" ("id") on update cascade;`);
    this.addSql(`alter table "case_record" add constraint "case_record_responsible_organization_id_foreign" foreign key ("responsible_organization_id") references "organization" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "case_record" add constraint "case_record_assignee_id_foreign" foreign key ("assignee_id") references "staff_member" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "case_record" add constraint "case_record_joint_meeting_id_foreign" foreign key ("joint_meeting_id") references "joint_meeting" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "joint_meeting_item" add constraint "joint_meeting_item_street_id_foreign" foreign key ("street_id") references "street" ("id") on update cascade;`);
    this.addSql(`alter table "joint_meeting_item" add constraint "joint_meeting_item_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade;`);
    this.addSql(`alter table "joint_meeting_item" add constraint "joint_meeting_item_grid_id_foreign" foreign key ("grid_id") references "grid" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "joint_meeting_item" add constraint "joint_meeting_item_meeting_id_foreign" foreign key ("meeting_id") references "joint_meeting" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "joint_meeting_item" add constraint "joint_meeting_item_case_id_foreign" foreign key ("case_id") references "case_record" ("id") on update cascade;`);
    this.addSql(`alter table "joint_meeting_item" add constraint "joint_meeting_item_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "joint_meeting_item" add constraint "joint_meeting_item_assignee_id_foreign" foreign key ("assignee_id") references "staff_member" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "case_overdue" add constraint "case_overdue_street_id_foreign" foreign key ("street_id") references "street" ("id") on update cascade;`);
    this.addSql(`alter table "case_overdue" add constraint "case_overdue_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade;`);
    this.addSql(`alter table "case_overdue" add constraint "case_overdue_grid_id_foreign" foreign key ("grid_id") references "grid" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "case_overdue" add constraint "case_overdue_case_id_foreign" foreign key ("case_id") references "case_record" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "case_event" add constraint "case_event_case_id_foreign" foreign key ("case_id") references "case_record" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "aid_record" add constraint "aid_record_street_id_foreign" foreign key ("street_id") references "street" ("id") on update cascade;`);
    this.addSql(`alter table "aid_record" add constraint "aid_record_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade;`);
    this.addSql(`alter table "aid_record" add constraint "aid_record_grid_id_foreign" foreign key ("grid_id") references "grid" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "aid_record" add constraint "aid_record_household_id_foreign" foreign key ("household_id") references "household" ("id") on update cascade;`);
    this.addSql(`alter table "aid_record" add constraint "aid_record_given_by_organization_id_foreign" foreign key ("given_by_organization_id") references "organization" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "aid_record" add constraint "aid_record_given_by_party_organization_id_foreign" foreign key ("given_by_party_organization_id") references "party_organization" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "activity" add constraint "activity_street_id_foreign" foreign key ("street_id") references "street" ("id") on update cascade;`);
    this.addSql(`alter table "activity" add constraint "activity_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade;`);
    this.addSql(`alter table "activity" add constraint "activity_grid_id_foreign" foreign key ("grid_id") references "grid" ("id") on update cascade;`);

    this.addSql(`alter table "training" add constraint "training_street_id_foreign" foreign key ("street_id") references "street" ("id") on update cascade;`);
    this.addSql(`alter table "training" add constraint "training_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade;`);
    this.addSql(`alter table "training" add constraint "training_grid_id_foreign" foreign key ("grid_id") references "grid" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "training_attendance" add constraint "training_attendance_training_id_foreign" foreign key ("training_id") references "training" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "training_attendance" add constraint "training_attendance_staff_member_id_foreign" foreign key ("staff_member_id") references "staff_member" ("id") on update cascade;`);

    this.addSql(`alter table "volunteer_team" add constraint "volunteer_team_street_id_foreign" foreign key ("street_id") references "street" ("id") on update cascade;`);
    this.addSql(`alter table "volunteer_team" add constraint "volunteer_team_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade;`);
    this.addSql(`alter table "volunteer_team" add constraint "volunteer_team_grid_id_foreign" foreign key ("grid_id") references "grid" ("id") on update cascade;`);

    this.addSql(`alter table "volunteer_member" add constraint "volunteer_member_street_id_foreign" foreign key ("street_id") references "street" ("id") on update cascade;`);
    this.addSql(`alter table "volunteer_member" add constraint "volunteer_member_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade;`);
    this.addSql(`alter table "volunteer_member" add constraint "volunteer_member_grid_id_foreign" foreign key ("grid_id") references "grid" ("id") on update cascade;`);
    this.addSql(`alter table "volunteer_member" add constraint "volunteer_member_team_id_foreign" foreign key ("team_id") references "volunteer_team" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "volunteer_member" add constraint "volunteer_member_resident_id_foreign" foreign key ("resident_id") references "resident" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "volunteer_pairing" add constraint "volunteer_pairing_street_id_foreign" foreign key ("street_id") references "street" ("id") on update cascade;`);
    this.addSql(`alter table "volunteer_pairing" add constraint "volunteer_pairing_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade;`);
    this.addSql(`alter table "volunteer_pairing" add constraint "volunteer_pairing_grid_id_foreign" foreign key ("grid_id") references "grid" ("id") on update cascade;`);
    this.addSql(`alter table "volunteer_pairing" add constraint "volunteer_pairing_member_id_foreign" foreign key ("member_id") references "volunteer_member" ("id") on update cascade;`);
    this.addSql(`alter table "volunteer_pairing" add constraint "volunteer_pairing_household_id_foreign" foreign key ("household_id") references "household" ("id") on update cascade;`);

    this.addSql(`alter table "webhook_delivery" add constraint "webhook_delivery_webhook_id_foreign" foreign key ("webhook_id") references "webhook" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "webhook_attempt" add constraint "webhook_attempt_delivery_seq_foreign" foreign key ("delivery_seq") references "webhook_delivery" ("seq") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "community" drop constraint "community_street_id_foreign";`);

    this.addSql(`alter table "joint_meeting" drop constraint "joint_meeting_street_id_foreign";`);

    this.addSql(`alter table "grid" drop constraint "grid_street_id_foreign";`);

    this.addSql(`alter table "organization" drop constraint "organization_street_id_foreign";`);

    this.addSql(`alter table "micro_grid" drop constraint "micro_grid_street_id_foreign";`);

    this.addSql(`alter table "legal_adviser" drop constraint "legal_adviser_street_id_foreign";`);

    this.addSql(`alter table "legal_mediation" drop constraint "legal_mediation_street_id_foreign";`);

    this.addSql(`alter table "grid_module" drop constraint "grid_module_street_id_foreign";`);

    this.addSql(`alter table "case_category" drop constraint "case_category_street_id_foreign";`);

    this.addSql(`alter table "building" drop constraint "building_street_id_foreign";`);

    this.addSql(`alter table "building_unit" drop constraint "building_unit_street_id_foreign";`);

    this.addSql(`alter table "household" drop constraint "household_street_id_foreign";`);

    this.addSql(`alter table "resident" drop constraint "resident_street_id_foreign";`);

    this.addSql(`alter table "staff_member" drop constraint "staff_member_street_id_foreign";`);

    this.addSql(`alter table "staff_assignment" drop constraint "staff_assignment_street_id_foreign";`);

    this.addSql(`alter table "sentiment_log" drop constraint "sentiment_log_street_id_foreign";`);

    this.addSql(`alter table "log_book" drop constraint "log_book_street_id_foreign";`);

    this.addSql(`alter table "party_organization" drop constraint "party_organization_street_id_foreign";`);

    this.addSql(`alter table "party_activity" drop constraint "party_activity_street_id_foreign";`);

    this.addSql(`alter table "party_membership" drop constraint "party_membership_street_id_foreign";`);

    this.addSql(`alter table "elderly_care_profile" drop constraint "elderly_care_profile_street_id_foreign";`);

    this.addSql(`alter table "elderly_care_pairing" drop constraint "elderly_care_pairing_street_id_foreign";`);

    this.addSql(`alter table "case_record" drop constraint "case_record_street_id_foreign";`);

    this.addSql(`alter table "joint_meeting_item" drop constraint "joint_meeting_item_street_id_foreign";`);

    this.addSql(`alter table "case_overdue" drop constraint "case_overdue_street_id_foreign";`);

    this.addSql(`alter table "aid_record" drop constraint "aid_record_street_id_foreign";`);

    this.addSql(`alter table "activity" drop constraint "activity_street_id_foreign";`);

    this.addSql(`alter table "training" drop constraint "training_street_id_foreign";`);

    this.addSql(`alter table "volunteer_team" drop constraint "volunteer_team_street_id_foreign";`);

    this.addSql(`alter table "volunteer_member" drop constraint "volunteer_member_street_id_foreign";`);

    this.addSql(`alter table "volunteer_pairing" drop constraint "volunteer_pairing_street_id_foreign";`);

    this.addSql(`alter table "joint_meeting" drop constraint "joint_meeting_community_id_foreign";`);

    this.addSql(`alter table "grid" drop constraint "grid_community_id_foreign";`);

    this.addSql(`alter table "organization" drop constraint "organization_community_id_foreign";`);

    this.addSql(`alter table "micro_grid" drop constraint "micro_grid_community_id_foreign";`);

    this.addSql(`alter table "legal_adviser" drop constraint "legal_adviser_community_id_foreign";`);

    this.addSql(`alter table "legal_mediation" drop constraint "legal_mediation_community_id_foreign";`);

    this.addSql(`alter table "grid_module" drop constraint "grid_module_community_id_foreign";`);

    this.addSql(`alter table "building" drop constraint "building_community_id_foreign";`);

    this.addSql(`alter table "building_unit" drop constraint "building_unit_community_id_foreign";`);

    this.addSql(`alter table "household" drop constraint "household_community_id_foreign";`);

    this.addSql(`alter table "resident" drop constraint "resident_community_id_foreign";`);

    this.addSql(`alter table "staff_member" drop constraint "staff_member_community_id_foreign";`);

    this.addSql(`alter table "staff_assignment" drop constraint "staff_assignment_community_id_foreign";`);

    this.addSql(`alter table "sentiment_log" drop constraint "sentiment_log_community_id_foreign";`);

    this.addSql(`alter table "log_book" drop constraint "log_book_community_id_foreign";`);

    this.addSql(`alter table "resident_tag" drop constraint "resident_tag_community_id_foreign";`);

    this.addSql(`alter table "party_organization" drop constraint "party_organization_community_id_foreign";`);

    this.addSql(`alter table "party_activity" drop constraint "party_activity_community_id_foreign";`);

    this.addSql(`alter table "party_membership" drop constraint "party_membership_community_id_foreign";`);

    this.addSql(`alter table "elderly_care_profile" drop constraint "elderly_care_profile_community_id_foreign";`);

    this.addSql(`alter table "elderly_care_pairing" drop constraint "elderly_care_pairing_community_id_foreign";`);

    this.addSql(`alter table "case_record" drop constraint "case_record_community_id_foreign";`);

    this.addSql(`alter table "joint_meeting_item" drop constraint "joint_meeting_item_community_id_foreign";`);

    this.addSql(`alter table "case_overdue" drop constraint "case_overdue_community_id_foreign";`);

    this.addSql(`alter table "aid_record" drop constraint "aid_record_community_id_foreign";`);

    this.addSql(`alter table "activity" drop constraint "activity_community_id_foreign";`);

    this.addSql(`alter table "training" drop constraint "training_community_id_foreign";`);

    this.addSql(`alter table "volunteer_team" drop constraint "volunteer_team_community_id_foreign";`);

    this.addSql(`alter table "volunteer_member" drop constraint "volunteer_member_community_id_foreign";`);

    this.addSql(`alter table "volunteer_pairing" drop constraint "volunteer_pairing_community_id_foreign";`);

    this.addSql(`alter table "case_record" drop constraint "case_record_joint_meeting_id_foreign";`);

    this.addSql(`alter table "joint_meeting_item" drop constraint "joint_meeting_item_meeting_id_foreign";`);

    this.addSql(`alter table "organization" drop constraint "organization_grid_id_foreign";`);

    this.addSql(`alter table "micro_grid" drop constraint "micro_grid_grid_id_foreign";`);

    this.addSql(`alter table "legal_adviser" drop constraint "legal_adviser_grid_id_foreign";`);

    this.addSql(`alter table "legal_mediation" drop constraint "legal_mediation_grid_id_foreign";`);

    this.addSql(`alter table "grid_module" drop constraint "grid_module_grid_id_foreign";`);

    this.addSql(`alter table "grid_module_period" drop constraint "grid_module_period_grid_id_foreign";`);

    this.addSql(`alter table "grid_lineage" drop constraint "grid_lineage_predecessor_id_foreign";`);

    this.addSql(`alter table "grid_lineage" drop constraint "grid_lineage_successor_id_foreign";`);

    this.addSql(`alter table "building" drop constraint "building_grid_id_foreign";`);

    this.addSql(`alter table "building_unit" drop constraint "building_unit_grid_id_foreign";`);

    this.addSql(`alter table "household" drop constraint "household_grid_id_foreign";`);

    this.addSql(`alter table "resident" drop constraint "resident_grid_id_foreign";`);

    this.addSql(`alter table "staff_member" drop constraint "staff_member_grid_id_foreign";`);

    this.addSql(`alter table "staff_assignment" drop constraint "staff_assignment_grid_id_foreign";`);

    this.addSql(`alter table "sentiment_log" drop constraint "sentiment_log_grid_id_foreign";`);

    this.addSql(`alter table "log_book" drop constraint "log_book_grid_id_foreign";`);

    this.addSql(`alter table "resident_tag" drop constraint "resident_tag_grid_id_foreign";`);

    this.addSql(`alter table "party_organization" drop constraint "party_organization_grid_id_foreign";`);

    this.addSql(`alter table "party_activity" drop constraint "party_activity_grid_id_foreign";`);

    this.addSql(`alter table "party_membership" drop constraint "party_membership_grid_id_foreign";`);

    this.addSql(`alter table "elderly_care_profile" drop constraint "elderly_care_profile_grid_id_foreign";`);

    this.addSql(`alter table "elderly_care_pairing" drop constraint "elderly_care_pairing_grid_id_foreign";`);

    this.addSql(`alter table "case_record" drop constraint "case_record_grid_id_foreign";`);

    this.addSql(`alter table "joint_meeting_item" drop constraint "joint_meeting_item_grid_id_foreign";`);

    this.addSql(`alter table "case_overdue" drop constraint "case_overdue_grid_id_foreign";`);

    this.addSql(`alter table "aid_record" drop constraint "aid_record_grid_id_foreign";`);

    this.addSql(`alter table "activity" drop constraint "activity_grid_id_foreign";`);

    this.addSql(`alter table "training" drop constraint "training_grid_id_foreign";`);

    this.addSql(`alter table "volunteer_team" drop constraint "volunteer_team_grid_id_foreign";`);

    this.addSql(`alter table "volunteer_member" drop constraint "volunteer_member_grid_id_foreign";`);

    this.addSql(`alter table "volunteer_pairing" drop constraint "volunteer_pairing_grid_id_foreign";`);

    this.addSql(`alter table "staff_assignment" drop constraint "staff_assignment_organization_id_foreign";`);

    this.addSql(`alter table "party_membership" drop constraint "party_membership_work_unit_organization_id_foreign";`);

    this.addSql(`alter table "case_record" drop constraint "case_record_responsible_organization_id_foreign";`);

    this.addSql(`alter table "joint_meeting_item" drop constraint "joint_meeting_item_organization_id_foreign";`);

    this.addSql(`alter table "aid_record" drop constraint "aid_record_given_by_organization_id_foreign";`);

    this.addSql(`alter table "building" drop constraint "building_micro_grid_id_foreign";`);

    this.addSql(`alter table "staff_assignment" drop constraint "staff_assignment_micro_grid_id_foreign";`);

    this.addSql(`alter table "party_organization" drop constraint "party_organization_micro_grid_id_foreign";`);

    this.addSql(`alter table "case_record" drop constraint "case_record_micro_grid_id_foreign";`);

    this.addSql(`alter table "legal_mediation" drop constraint "legal_mediation_mediator_id_foreign";`);

    this.addSql(`alter table "grid_module_period" drop constraint "grid_module_period_grid_module_id_foreign";`);

    this.addSql(`alter table "case_record" drop constraint "case_record_category_id_foreign";`);

    this.addSql(`alter table "building_unit" drop constraint "building_unit_building_id_foreign";`);

    this.addSql(`alter table "household" drop constraint "household_building_id_foreign";`);

    this.addSql(`alter table "resident" drop constraint "resident_building_id_foreign";`);

    this.addSql(`alter table "staff_assignment" drop constraint "staff_assignment_building_id_foreign";`);

    this.addSql(`alter table "party_organization" drop constraint "party_organization_building_id_foreign";`);

    this.addSql(`alter table "case_record" drop constraint "case_record_building_id_foreign";`);

    this.addSql(`alter table "household" drop constraint "household_unit_id_foreign";`);

    this.addSql(`alter table "resident" drop constraint "resident_unit_id_foreign";`);

    this.addSql(`alter table "resident" drop constraint "resident_household_id_foreign";`);

    this.addSql(`alter table "sentiment_log" drop constraint "sentiment_log_household_id_foreign";`);

    this.addSql(`alter table "party_activity_household" drop constraint "party_activity_household_household_id_foreign";`);

    this.addSql(`alter table "case_record" drop constraint "case_record_household_id_foreign";`);

    this.addSql(`alter table "aid_record" drop constraint "aid_record_household_id_foreign";`);

    this.addSql(`alter table "volunteer_pairing" drop constraint "volunteer_pairing_household_id_foreign";`);

    this.addSql(`alter table "staff_member" drop constraint "staff_member_resident_id_foreign";`);

    this.addSql(`alter table "resident_tag" drop constraint "resident_tag_resident_id_foreign";`);

    this.addSql(`alter table "party_organization" drop constraint "party_organization_secretary_resident_id_foreign";`);

    this.addSql(`alter table "party_membership" drop constraint "party_membership_resident_id_foreign";`);

    this.addSql(`alter table "elderly_care_profile" drop constraint "elderly_care_profile_resident_id_foreign";`);

    this.addSql(`alter table "elderly_care_pairing" drop constraint "elderly_care_pairing_helper_resident_id_foreign";`);

    this.addSql(`alter table "case_record" drop constraint "case_record_reporter_resident_id_foreign";`);

    this.addSql(`alter table "volunteer_member" drop constraint "volunteer_member_resident_id_foreign";`);

    this.addSql(`alter table "staff_assignment" drop constraint "staff_assignment_staff_member_id_foreign";`);

    this.addSql(`alter table "sentiment_log" drop constraint "sentiment_log_staff_member_id_foreign";`);

    this.addSql(`alter table "log_book" drop constraint "log_book_staff_member_id_foreign";`);

    this.addSql(`alter table "party_organization" drop constraint "party_organization_secretary_staff_member_id_foreign";`);

    this.addSql(`alter table "party_membership" drop constraint "party_membership_staff_member_id_foreign";`);

    this.addSql(`alter table "case_record" drop constraint "case_record_assignee_id_foreign";`);

    this.addSql(`alter table "joint_meeting_item" drop constraint "joint_meeting_item_assignee_id_foreign";`);

    this.addSql(`alter table "training_attendance" drop constraint "training_attendance_staff_member_id_foreign";`);

    this.addSql(`alter table "party_organization" drop constraint "party_organization_parent_id_foreign";`);

    this.addSql(`alter table "party_activity" drop constraint "party_activity_party_organization_id_foreign";`);

    this.addSql(`alter table "party_membership" drop constraint "party_membership_party_organization_id_foreign";`);

    this.addSql(`alter table "aid_record" drop constraint "aid_record_given_by_party_organization_id_foreign";`);

    this.addSql(`alter table "party_activity_household" drop constraint "party_activity_household_activity_id_foreign";`);

    this.addSql(`alter table "elderly_care_pairing" drop constraint "elderly_care_pairing_profile_id_foreign";`);

    this.addSql(`alter table "joint_meeting_item" drop constraint "joint_meeting_item_case_id_foreign";`);

    this.addSql(`alter table "case_overdue" drop constraint "case_overdue_case_id_foreign";`);

    this.addSql(`alter table "case_event" drop constraint "case_event_case_id_foreign";`);

    this.addSql(`alter table "training_attendance" drop constraint "training_attendance_training_id_foreign";`);

    this.addSql(`alter table "volunteer_member" drop constraint "volunteer_member_team_id_foreign";`);

    this.addSql(`alter table "volunteer_pairing" drop constraint "volunteer_pairing_member_id_foreign";`);

    this.addSql(`alter table "webhook_delivery" drop constraint "webhook_delivery_webhook_id_foreign";`);

    this.addSql(`alter table "webhook_attempt" drop constraint "webhook_attempt_delivery_seq_foreign";`);

    this.addSql(`drop table if exists "api_key" cascade;`);

    this.addSql(`drop table if exists "audit_log" cascade;`);

    this.addSql(`drop table if exists "event" cascade;`);

    this.addSql(`drop table if exists "idempotency_key" cascade;`);

    this.addSql(`drop table if exists "street" cascade;`);

    this.addSql(`drop table if exists "community" cascade;`);

    this.addSql(`drop table if exists "joint_meeting" cascade;`);

    this.addSql(`drop table if exists "grid" cascade;`);

    this.addSql(`drop table if exists "organization" cascade;`);

    this.addSql(`drop table if exists "micro_grid" cascade;`);

    this.addSql(`drop table if exists "legal_adviser" cascade;`);

    this.addSql(`drop table if exists "legal_mediation" cascade;`);

    this.addSql(`drop table if exists "grid_module" cascade;`);

    this.addSql(`drop table if exists "grid_module_period" cascade;`);

    this.addSql(`drop table if exists "grid_lineage" cascade;`);

    this.addSql(`drop table if exists "case_category" cascade;`);

    this.addSql(`drop table if exists "building" cascade;`);

    this.addSql(`drop table if exists "building_unit" cascade;`);

    this.addSql(`drop table if exists "household" cascade;`);

    this.addSql(`drop table if exists "resident" cascade;`);

    this.addSql(`drop table if exists "staff_member" cascade;`);

    this.addSql(`drop table if exists "staff_assignment" cascade;`);

    this.addSql(`drop table if exists "sentiment_log" cascade;`);

    this.addSql(`drop table if exists "log_book" cascade;`);

    this.addSql(`drop table if exists "resident_tag" cascade;`);

    this.addSql(`drop table if exists "party_organization" cascade;`);

    this.addSql(`drop table if exists "party_activity" cascade;`);

    this.addSql(`drop table if exists "party_membership" cascade;`);

    this.addSql(`drop table if exists "elderly_care_profile" cascade;`);

    this.addSql(`drop table if exists "elderly_care_pairing" cascade;`);

    this.addSql(`drop table if exists "party_activity_household" cascade;`);

    this.addSql(`drop table if exists "case_record" cascade;`);

    this.addSql(`drop table if exists "joint_meeting_item" cascade;`);

    this.addSql(`drop table if exists "case_overdue" cascade;`);

    this.addSql(`drop table if exists "case_event" cascade;`);

    this.addSql(`drop table if exists "aid_record" cascade;`);

    this.addSql(`drop table if exists "activity" cascade;`);

    this.addSql(`drop table if exists "training" cascade;`);

    this.addSql(`drop table if exists "training_attendance" cascade;`);

    this.addSql(`drop table if exists "app_user" cascade;`);

    this.addSql(`drop table if exists "volunteer_team" cascade;`);

    this.addSql(`drop table if exists "volunteer_member" cascade;`);

    this.addSql(`drop table if exists "volunteer_pairing" cascade;`);

    this.addSql(`drop table if exists "webhook" cascade;`);

    this.addSql(`drop table if exists "webhook_delivery" cascade;`);

    this.addSql(`drop table if exists "webhook_attempt" cascade;`);

    this.addSql(`drop type "scope_level";`);
    this.addSql(`drop type "audit_action";`);
    this.addSql(`drop type "case_level";`);
    this.addSql(`drop type "joint_meeting_status";`);
    this.addSql(`drop type "grid_status";`);
    this.addSql(`drop type "organization_kind";`);
    this.addSql(`drop type "legal_adviser_kind";`);
    this.addSql(`drop type "legal_dispute_type";`);
    this.addSql(`drop type "legal_mediation_status";`);
    this.addSql(`drop type "grid_lineage_kind";`);
    this.addSql(`drop type "case_scale";`);
    this.addSql(`drop type "gender";`);
    this.addSql(`drop type "residency_type";`);
    this.addSql(`drop type "staff_role";`);
    this.addSql(`drop type "department";`);
    this.addSql(`drop type "sentiment_category";`);
    this.addSql(`drop type "resident_tag_kind";`);
    this.addSql(`drop type "party_organization_kind";`);
    this.addSql(`drop type "party_activity_kind";`);
    this.addSql(`drop type "party_membership_kind";`);
    this.addSql(`drop type "elderly_care_living";`);
    this.addSql(`drop type "elderly_care_helper_kind";`);
    this.addSql(`drop type "case_source";`);
    this.addSql(`drop type "case_state";`);
    this.addSql(`drop type "responsible_kind";`);
    this.addSql(`drop type "feedback_channel";`);
    this.addSql(`drop type "overdue_clock";`);
    this.addSql(`drop type "case_action";`);
    this.addSql(`drop type "aid_kind";`);
    this.addSql(`drop type "user_role";`);
    this.addSql(`drop type "webhook_delivery_status";`);
  }

}
