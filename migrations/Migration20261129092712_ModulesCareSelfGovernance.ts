import { Migration } from '@mikro-orm/migrations';

export class Migration20261129092712_ModulesCareSelfGovernance extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "self_governance_category" as enum ('ENVIRONMENT', 'FACILITY', 'SAFETY', 'PARKING', 'NEIGHBOURHOOD', 'OTHER');`);
    this.addSql(`create type "self_governance_stage" as enum ('PROPOSED', 'DISCUSSING', 'VOTING', 'REJECTED', 'APPROVED', 'FUNDING', 'IN_EXECUTION', 'COMPLETED', 'EVALUATED');`);
    this.addSql(`create type "self_governance_choice" as enum ('FOR', 'AGAINST', 'ABSTAIN');`);
    this.addSql(`create table "self_governance_matter" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "street_id" uuid not null, "community_id" uuid not null, "grid_id" uuid not null, "title" varchar(200) not null, "description" text not null, "category" "self_governance_category" not null, "proposer_resident_id" uuid not null, "proposer_household_id" uuid null, "stage" "self_governance_stage" not null, "proposed_at" timestamptz not null, "discussion_started_at" timestamptz null, "decided_at" timestamptz null, "funding_goal_fen" int null, "funding_started_at" timestamptz null, "execution_started_at" timestamptz null, "completed_at" timestamptz null, "result_note" varchar(1000) null, "evaluation_score" smallint null, "evaluation_note" varchar(1000) null, "evaluated_at" timestamptz null, "version" int not null default 1, constraint "self_governance_matter_pkey" primary key ("id"));`);
    this.addSql(`create index "self_governance_matter_street_id_index" on "self_governance_matter" ("street_id");`);
    this.addSql(`create index "self_governance_matter_community_id_index" on "self_governance_matter" ("community_id");`);
    this.addSql(`create index "self_governance_matter_grid_id_index" on "self_governance_matter" ("grid_id");`);
    this.addSql(`create index "self_governance_matter_proposer_resident_id_index" on "self_governance_matter" ("proposer_resident_id");`);
    this.addSql(`create index "self_governance_matter_grid_id_completed_at_index" on "self_governance_matter" ("grid_id", "completed_at");`);
    this.addSql(`create index "self_governance_matter_grid_id_proposed_at_index" on "self_governance_matter" ("grid_id", "proposed_at");`);
    this.addSql(`create index "self_governance_matter_grid_id_stage_index" on "self_governance_matter" ("grid_id", "stage");`);

    this.addSql(`create table "self_governance_vote" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "street_id" uuid not null, "community_id" uuid not null, "grid_id" uuid not null, "matter_id" uuid not null, "question" varchar(500) not null, "opened_at" timestamptz not null, "closes_at" timestamptz not null, "closed_at" timestamptz null, "quorum_percent" smallint not null, "majority_percent" smallint not null, "eligible_at_close" int null, "for_votes" int null, "against_votes" int null, "abstain_votes" int null, "approved" boolean null, "version" int not null default 1, constraint "self_governance_vote_pkey" primary key ("id"));`);
    this.addSql(`create index "self_governance_vote_street_id_index" on "self_governance_vote" ("street_id");`);
    this.addSql(`create index "self_governance_vote_community_id_index" on "self_governance_vote" ("community_id");`);
    this.addSql(`create index "self_governance_vote_grid_id_index" on "self_governance_vote" ("grid_id");`);
    this.addSql(`create index "self_governance_vote_grid_id_closed_at_index" on "self_governance_vote" ("grid_id", "closed_at");`);
    this.addSql(`alter table "self_governance_vote" add constraint "self_governance_vote_matter_id_unique" unique ("matter_id");`);

    this.addSql(`create table "self_governance_pledge" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "street_id" uuid not null, "community_id" uuid not null, "grid_id" uuid not null, "matter_id" uuid not null, "household_id" uuid null, "pledger_name" varchar(100) not null, "amount_fen" int not null, "received_fen" int not null default 0, "pledged_on" date not null, "note" varchar(500) null, "version" int not null default 1, constraint "self_governance_pledge_pkey" primary key ("id"));`);
    this.addSql(`create index "self_governance_pledge_street_id_index" on "self_governance_pledge" ("street_id");`);
    this.addSql(`create index "self_governance_pledge_community_id_index" on "self_governance_pledge" ("community_id");`);
    this.addSql(`create index "self_governance_pledge_grid_id_index" on "self_governance_pledge" ("grid_id");`);
    this.addSql(`create index "self_governance_pledge_matter_id_index" on "self_governance_pledge" ("matter_id");`);
    this.addSql(`create index "self_governance_pledge_household_id_index" on "self_governance_pledge" ("household_id");`);

    this.addSql(`create table "self_governance_receipt" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "street_id" uuid not null, "community_id" uuid not null, "grid_id" uuid not null, "pledge_id" uuid not null, "amount_fen" int not null, "received_at" timestamptz not null, constraint "self_governance_receipt_pkey" primary key ("id"));`);
    this.addSql(`create index "self_governance_receipt_street_id_index" on "self_governance_receipt" ("street_id");`);
    this.addSql(`create index "self_governance_receipt_community_id_index" on "self_governance_receipt" ("community_id");`);
    this.addSql(`create index "self_governance_receipt_grid_id_index" on "self_governance_receipt" ("grid_id");`);
    this.addSql(`create index "self_governance_receipt_pledge_id_index" on "self_governance_receipt" ("pledge_id");`);
    this.addSql(`create index "self_governance_receipt_grid_id_received_at_index" on "self_governance_receipt" ("grid_id", "received_at");`);

    this.addSql(`create table "self_governance_ballot" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "street_id" uuid not null, "community_id" uuid not null, "grid_id" uuid not null, "vote_id" uuid not null, "household_id" uuid not null, "resident_id" uuid null, "choice" "self_governance_choice" not null, "cast_at" timestamptz not null, constraint "self_governance_ballot_pkey" primary key ("id"));`);
    this.addSql(`create index "self_governance_ballot_street_id_index" on "self_governance_ballot" ("street_id");`);
    this.addSql(`create index "self_governance_ballot_community_id_index" on "self_governance_ballot" ("community_id");`);
    this.addSql(`create index "self_governance_ballot_grid_id_index" on "self_governance_ballot" ("grid_id");`);
    this.addSql(`create index "self_governance_ballot_household_id_index" on "self_governance_ballot" ("household_id");`);
    this.addSql(`alter table "self_governance_ballot" add constraint "self_governance_ballot_vote_id_household_id_unique" unique ("vote_id", "household_id");`);

    this.addSql(`create table "care_team" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "street_id" uuid not null, "community_id" uuid not null, "grid_id" uuid not null, "name" varchar(100) not null, "leader_name" varchar(100) null, "leader_resident_id" uuid null, "member_count" int not null default 1, "description" varchar(500) null, "disbanded_on" date null, constraint "care_team_pkey" primary key ("id"));`);
    this.addSql(`create index "care_team_street_id_index" on "care_team" ("street_id");`);
    this.addSql(`create index "care_team_community_id_index" on "care_team" ("community_id");`);
    this.addSql(`create index "care_team_grid_id_index" on "care_team" ("grid_id");`);
    this.addSql(`create index "care_team_leader_resident_id_index" on "care_team" ("leader_resident_id");`);
    this.addSql(`alter table "care_team" add constraint "care_team_grid_id_name_unique" unique ("grid_id", "name");`);

    this.addSql(`create table "care_target" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "street_id" uuid not null, "community_id" uuid not null, "grid_id" uuid not null, "resident_id" uuid not null, "reasons" text[] not null, "reason_note" varchar(500) null, "team_id" uuid null, "registered_on" date not null, "ended_on" date null, "end_reason" varchar(200) null, constraint "care_target_pkey" primary key ("id"));`);
    this.addSql(`create index "care_target_street_id_index" on "care_target" ("street_id");`);
    this.addSql(`create index "care_target_community_id_index" on "care_target" ("community_id");`);
    this.addSql(`create index "care_target_grid_id_index" on "care_target" ("grid_id");`);
    this.addSql(`create index "care_target_team_id_index" on "care_target" ("team_id");`);
    this.addSql(`create index "care_target_grid_id_ended_on_index" on "care_target" ("grid_id", "ended_on");`);
    this.addSql(`alter table "care_target" add constraint "care_target_resident_id_unique" unique ("resident_id");`);

    this.addSql(`alter table "self_governance_matter" add constraint "self_governance_matter_street_id_foreign" foreign key ("street_id") references "street" ("id") on update cascade;`);
    this.addSql(`alter table "self_governance_matter" add constraint "self_governance_matter_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade;`);
    this.addSql(`alter table "self_governance_matter" add constraint "self_governance_matter_grid_id_foreign" foreign key ("grid_id") references "grid" ("id") on update cascade;`);
    this.addSql(`alter table "self_governance_matter" add constraint "self_governance_matter_proposer_resident_id_foreign" foreign key ("proposer_resident_id") references "resident" ("id") on update cascade;`);
    this.addSql(`alter table "self_governance_matter" add constraint "self_governance_matter_proposer_household_id_foreign" foreign key ("proposer_household_id") references "household" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "self_governance_vote" add constraint "self_governance_vote_street_id_foreign" foreign key ("street_id") references "street" ("id") on update cascade;`);
    this.addSql(`alter table "self_governance_vote" add constraint "self_governance_vote_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade;`);
    this.addSql(`alter table "self_governance_vote" add constraint "self_governance_vote_grid_id_foreign" foreign key ("grid_id") references "grid" ("id") on update cascade;`);
    this.addSql(`alter table "self_governance_vote" add constraint "self_governance_vote_matter_id_foreign" foreign key ("matter_id") references "self_governance_matter" ("id") on update cascade;`);

    this.addSql(`alter table "self_governance_pledge" add constraint "self_governance_pledge_street_id_foreign" foreign key ("street_id") references "street" ("id") on update cascade;`);
    this.addSql(`alter table "self_governance_pledge" add constraint "self_governance_pledge_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade;`);
    this.addSql(`alter table "self_governance_pledge" add constraint "self_governance_pledge_grid_id_foreign" foreign key ("grid_id") references "grid" ("id") on update cascade;`);
    this.addSql(`alter table "self_governance_pledge" add constraint "self_governance_pledge_matter_id_foreign" foreign key ("matter_id") references "self_governance_matter" ("id") on update cascade;`);
    this.addSql(`alter table "self_governance_pledge" add constraint "self_governance_pledge_household_id_foreign" foreign key ("household_id") references "household" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "self_governance_receipt" add constraint "self_governance_receipt_street_id_foreign" foreign key ("street_id") references "street" ("id") on update cascade;`);
    this.addSql(`alter table "self_governance_receipt" add constraint "self_governance_receipt_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade;`);
    this.addSql(`alter table "self_governance_receipt" add constraint "self_governance_receipt_grid_id_foreign" foreign key ("grid_id") references "grid" ("id") on update cascade;`);
    this.addSql(`alter table "self_governance_receipt" add constraint "self_governance_receipt_pledge_id_foreign" foreign key ("pledge_id") references "self_governance_pledge" ("id") on update cascade;`);

    this.addSql(`alter table "self_governance_ballot" add constraint "self_governance_ballot_street_id_foreign" foreign key ("street_id") references "street" ("id") on update cascade;`);
    this.addSql(`alter table "self_governance_ballot" add constraint "self_governance_ballot_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade;`);
    this.addSql(`alter table "self_governance_ballot" add constraint "self_governance_ballot_grid_id_foreign" foreign key ("grid_id") references "grid" ("id") on update cascade;`);
    this.addSql(`alter table "self_governance_ballot" add constraint "self_governance_ballot_vote_id_foreign" foreign key ("vote_id") references "self_governance_vote" ("id") on update cascade;`);
    this.addSql(`alter table "self_governance_ballot" add constraint "self_governance_ballot_household_id_foreign" foreign key ("household_id") references "household" ("id") on update cascade;`);
    this.addSql(`alter table "self_governance_ballot" add constraint "self_governance_ballot_resident_id_foreign" foreign key ("resident_id") references "resident" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "care_team" add constraint "care_team_street_id_foreign" foreign key ("street_id") references "street" ("id") on update cascade;`);
    this.addSql(`alter table "care_team" add constraint "care_team_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade;`);
    this.addSql(`alter table "care_team" add constraint "care_team_grid_id_foreign" foreign key ("grid_id") references "grid" ("id") on update cascade;`);
    this.addSql(`alter table "care_team" add constraint "care_team_leader_resident_id_foreign" foreign key ("leader_resident_id") references "resident" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "care_target" add constraint "care_target_street_id_foreign" foreign key ("street_id") references "street" ("id") on update cascade;`);
    this.addSql(`alter table "care_target" add constraint "care_target_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade;`);
    this.addSql(`alter table "care_target" add constraint "care_target_grid_id_foreign" foreign key ("grid_id") references "grid" ("id") on update cascade;`);
    this.addSql(`alter table "care_target" add constraint "care_target_resident_id_foreign" foreign key ("resident_id") references "resident" ("id") on update cascade;`);
    this.addSql(`alter table "care_target" add constraint "care_target_team_id_foreign" foreign key ("team_id") references "care_team" ("id") on update cascade on delete set null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "self_governance_vote" drop constraint "self_governance_vote_matter_id_foreign";`);

    this.addSql(`alter table "self_governance_pledge" drop constraint "self_governance_pledge_matter_id_foreign";`);

    this.addSql(`alter table "self_governance_ballot" drop constraint "self_governance_ballot_vote_id_foreign";`);

    this.addSql(`alter table "self_governance_receipt" drop constraint "self_governance_receipt_pledge_id_foreign";`);

    this.addSql(`alter table "care_target" drop constraint "care_target_team_id_foreign";`);

    this.addSql(`drop table if exists "self_governance_matter" cascade;`);

    this.addSql(`drop table if exists "self_governance_vote" cascade;`);

    this.addSql(`drop table if exists "self_governance_pledge" cascade;`);

    this.addSql(`drop table if exists "self_governance_receipt" cascade;`);

    this.addSql(`drop table if exists "self_governance_ballot" cascade;`);

    this.addSql(`drop table if exists "care_team" cascade;`);

    this.addSql(`drop table if exists "care_target" cascade;`);

    this.addSql(`drop type "self_governance_category";`);
    this.addSql(`drop type "self_governance_stage";`);
    this.addSql(`drop type "self_governance_choice";`);
  }

}
