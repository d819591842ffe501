-- From map to action (issue 21): the solution menu, hand-off batches to agencies, their results
-- back in, and linkage of external registries by a keyed hash of the national id.
--
-- Household level on purpose: a person table (survey_year, house_code, person_no) is being added
-- apart. Every table here already carries person_no (1 = the head of household, the only person the
-- household table knows), so person rows slot in without a change of key; the views
-- match_person and linkable_identity (sql/views/55_match_person.sql, 56_linkable_identity.sql) are
-- the one place that will read the person table.
create extension if not exists pgcrypto;

-- A measure an agency offers. It addresses one dimension, and within it the listed indicators
-- (none listed: any indicator of the dimension). Stages use the logbook's words (survive,
-- sufficiency, sustainable). Eligibility: an age band (inclusive, either end open) and whether a
-- welfare card is required; target groups of the plan (1 urgent targets, 2 vulnerable households,
-- 3 to survey, 4 exclusion errors). Coverage: area codes of any level; none = the whole country.
create table menu_item (
  id                    serial primary key,
  code                  text not null unique check (code ~ '^[A-Za-z0-9._-]{1,40}$'),
  agency                text not null check (length(btrim(agency)) between 1 and 200),
  title_th              text not null check (length(btrim(title_th)) between 1 and 300),
  title_en              text not null check (length(btrim(title_en)) between 1 and 300),
  dimension             text not null references povmap.dimension (id),
  indicators            text[] not null default '{}',
  target_groups         smallint[] not null default '{1}'
                        check (cardinality(target_groups) > 0 and target_groups <@ array[1, 2, 3, 4]::smallint[]),
  stage                 text not null check (stage in ('survive', 'sufficiency', 'sustainable')),
  age_min               smallint check (age_min between 0 and 150),
  age_max               smallint check (age_max between 0 and 150),
  welfare_card_required boolean not null default false,
  area_codes            text[] not null default '{}',
  capacity_per_year     integer not null check (capacity_per_year >= 0),
  updated_at            timestamptz not null default now(),
  check (age_min is null or age_max is null or age_min <= age_max)
);
create index menu_item_agency_idx on menu_item (agency);

-- A list of matched targets handed to one agency: who made it, when, with what filter, how many rows.
create table handoff_batch (
  id           bigserial primary key,
  agency       text not null,
  survey_year  smallint not null,
  area_code    text not null,
  filter       jsonb not null,
  row_count    integer not null,
  user_id      integer references app_user (id) on delete set null,
  username     text not null,
  created_at   timestamptz not null default now()
);

-- The targets of a batch: one row per household (person_no 1 = its head) and menu item.
create table handoff_target (
  batch_id     bigint not null references handoff_batch (id) on delete cascade,
  survey_year  smallint not null,
  house_code   text not null,
  person_no    smallint not null default 1 check (person_no >= 1),
  menu_item_id integer not null references menu_item (id) on delete cascade,
  primary key (batch_id, house_code, person_no, menu_item_id),
  foreign key (survey_year, house_code) references household (survey_year, house_code) on delete cascade
);

-- Results back in: a logbook entry written from an agency's result file names its batch and item.
alter table assistance_log add column handoff_batch_id bigint references handoff_batch (id) on delete set null;
alter table assistance_log add column menu_item_id integer references menu_item (id) on delete set null;
alter table assistance_log add column person_no smallint not null default 1 check (person_no >= 1);
create index assistance_log_handoff_idx on assistance_log (handoff_batch_id) where handoff_batch_id is not null;

-- An imported external registry: one row per line that passed validation, with the outcome of its
-- linkage. National ids are never stored: only HMAC-SHA256(id, server secret) (server/linkage/secret.ts).
--   status linked:          the id matches a person of a survey (survey_year, house_code, person_no set)
--          area_only:       no id; placed by its area code only
--          no_match:        a valid id in no survey: an exclusion-error candidate (target group 4)
--          bad_check_digit: 13 digits whose last is not the mod-11 check digit
--          duplicate:       the id of an earlier line of the same file
create table registry_record (
  job_id       bigint not null references import_job (id) on delete cascade,
  line         bigint not null,
  registry     text not null,
  record_id    text not null,
  id_hash      bytea,
  area_code    text,
  problem      text,
  status       text not null check (status in ('linked', 'area_only', 'no_match', 'bad_check_digit', 'duplicate')),
  survey_year  smallint,
  house_code   text,
  person_no    smallint,
  primary key (job_id, line)
);
create index registry_record_hash_idx on registry_record (id_hash);
create index registry_record_status_idx on registry_record (job_id, status);

alter table import_job drop constraint import_job_kind_check;
alter table import_job add constraint import_job_kind_check
  check (kind in ('households', 'assistance', 'persons', 'menu', 'results', 'registry'));

-- A menu import owes the matches and the needs per area a refresh (server/imports/refresh-pending.ts).
alter table import_refresh_pending drop constraint import_refresh_pending_kind_check;
alter table import_refresh_pending add constraint import_refresh_pending_kind_check
  check (kind in ('households', 'assistance', 'persons', 'menu'));
