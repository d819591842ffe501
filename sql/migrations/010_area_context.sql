-- Area context for the dashboard's "potential and readiness" part (issue 24): what an area has to
-- work with besides its households. None of it is a count of households or people from the survey,
-- so none of it passes through the disclosure policy (server/disclosure/); each table loads from its
-- own CSV import (server/imports/formats.ts) and the demo generator fills it (sql/generate/50_area_context.sql).

-- Provincial accounts of the national development agency, per province and year, in million baht.
-- Per head is derived (gpp_million_baht * 1e6 / population), so a province and the country are
-- computed the same way.
create table province_economy (
  province_code            text not null references admin_area (code) on delete cascade,
  year                     smallint not null check (year between 2000 and 2100),
  population               integer not null check (population > 0),
  gpp_million_baht         numeric(14, 2) not null check (gpp_million_baht >= 0),
  consumption_million_baht numeric(14, 2) not null check (consumption_million_baht >= 0),
  investment_million_baht  numeric(14, 2) not null check (investment_million_baht >= 0),
  primary key (province_code, year)
);

-- The Human Achievement Index and its eight parts, each 0..1, per province and year.
create table province_hai (
  province_code           text not null references admin_area (code) on delete cascade,
  year                    smallint not null check (year between 2000 and 2100),
  hai                     numeric(6, 4) not null check (hai between 0 and 1),
  health                  numeric(6, 4) not null check (health between 0 and 1),
  education               numeric(6, 4) not null check (education between 0 and 1),
  working_life            numeric(6, 4) not null check (working_life between 0 and 1),
  income                  numeric(6, 4) not null check (income between 0 and 1),
  housing_environment     numeric(6, 4) not null check (housing_environment between 0 and 1),
  family_community        numeric(6, 4) not null check (family_community between 0 and 1),
  transport_communication numeric(6, 4) not null check (transport_communication between 0 and 1),
  participation           numeric(6, 4) not null check (participation between 0 and 1),
  primary key (province_code, year)
);

-- The poverty-eradication centre of an area (province, district or subdistrict): its staff and the
-- development partners taking part. The current roster: one row per area.
create table centre_staff (
  area_code text primary key references admin_area (code) on delete cascade,
  staff     integer not null check (staff >= 0),
  partners  integer not null check (partners >= 0)
);

-- Budgeted projects, as listed by the project-budget system. `addresses` is a BMN dimension or
-- indicator id; stage and status use the assistance logbook's words.
create table project (
  project_code text primary key check (project_code ~ '^[A-Za-z0-9._-]{1,40}$'),
  title_th     text not null,
  title_en     text,
  agency       text not null,
  budget_baht  numeric(16, 2) not null check (budget_baht >= 0),
  area_code    text not null references admin_area (code) on delete cascade,
  addresses    text not null,
  stage        text not null check (stage in ('survive', 'sufficiency', 'sustainable')),
  status       text not null check (status in ('planned', 'in_progress', 'done')),
  progress     smallint not null check (progress between 0 and 100),
  start_year   smallint not null check (start_year between 2000 and 2100)
);
create index project_area_idx on project (area_code);

-- OTOP (One Tambon One Product) products, per village.
create table otop_product (
  village_code text not null references admin_area (code) on delete cascade,
  name         text not null,
  category     text not null check (category in ('food', 'beverage', 'textiles', 'household', 'herbal')),
  stars        smallint not null check (stars between 1 and 5),
  primary key (village_code, name)
);

-- The importer takes these five kinds too (they owe no refresh: nothing derived rests on them).
alter table import_job drop constraint import_job_kind_check;
alter table import_job add constraint import_job_kind_check
  check (kind in ('households', 'assistance', 'persons', 'menu', 'results', 'registry', 'economy', 'hai', 'centre_staff', 'projects', 'otop'));
