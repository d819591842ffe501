-- Bulk imports (issue 8): the job table that survives restarts, the quarantine of rejected rows,
-- a natural key for the assistance logbook (so re-importing a logbook file changes nothing), and
-- the logbook rollup per area that the areas tiles read.

-- One row per import, written outside the import's transactions so it shows progress while the
-- import runs. `backend_pid` is the import connection's server process: a job in a running state
-- whose backend is gone was interrupted (server/imports/jobs.ts marks it failed).
create table import_job (
  id            bigserial primary key,
  kind          text not null check (kind in ('households', 'assistance')),
  source        text not null,             -- file name as uploaded or given to the CLI
  state         text not null default 'queued'
                check (state in ('queued', 'reading', 'validating', 'merging', 'refreshing', 'done', 'failed')),
  rows_read     bigint not null default 0,
  rows_valid    bigint not null default 0,
  rows_rejected bigint not null default 0,
  inserted      bigint not null default 0,
  updated       bigint not null default 0,
  unchanged     bigint not null default 0,
  error         text,                      -- why a failed job failed, in words for the person who ran it
  user_id       integer references app_user (id) on delete set null,
  username      text,
  backend_pid   integer,                   -- the import connection's server process once it runs
  owner         text,                      -- host:pid of the process that queued it
  created_at    timestamptz not null default now(),
  started_at    timestamptz,
  finished_at   timestamptz
);
create index import_job_running_idx on import_job (state) where state not in ('done', 'failed');

-- The quarantine: one row per problem (a line can have several), with the raw line when the parser
-- could not split it into fields.
create table import_reject (
  job_id      bigint not null references import_job (id) on delete cascade,
  line        bigint not null,
  column_name text,                      -- null when the whole line is bad
  reason      text not null,
  raw         text                       -- the line as read (invalid bytes replaced), for the report
);
create index import_reject_job_idx on import_reject (job_id, line);

-- A logbook entry is the same entry when all of these agree; the note is the only thing an
-- import may change on an existing entry.
create unique index assistance_log_entry_key
  on assistance_log (survey_year, house_code, agency, done_on, dimension, stage, status);

-- Logbook progress per area and survey year: surveyed households, targets (failing at least one
-- indicator), and targets helped (at least one 'done' entry). Same grouping as area_stats.
-- Refresh with: refresh materialized view concurrently area_assistance;
create materialized view area_assistance as
select
  h.survey_year,
  case grouping(h.province_code, h.district_code, h.subdistrict_code, h.village_code)
    when 15 then 'TH' when 7 then h.province_code when 3 then h.district_code
    when 1 then h.subdistrict_code else h.village_code end as code,
  count(*)::integer as households,
  count(*) filter (where h.deprived <> 0)::integer as target_households,
  count(*) filter (where h.deprived <> 0 and d.house_code is not null)::integer as helped_households
from household h
left join (select distinct survey_year, house_code from assistance_log where status = 'done') d
  on d.survey_year = h.survey_year and d.house_code = h.house_code
group by h.survey_year, rollup (h.province_code, h.district_code, h.subdistrict_code, h.village_code);
create unique index area_assistance_key on area_assistance (code, survey_year);

-- Checks the import's validation SQL (sql/import/) applies to text fields as read from a file:
-- null when the value is fine, else the reason in words (it becomes the report's "reason").
-- Stable, not immutable, because format() is: so the planner inlines them.
create or replace function povmap.import_int_problem(v text, lo bigint, hi bigint) returns text
language sql stable parallel safe as $$
  select case when v is null or btrim(v) = '' then 'is missing'
              when btrim(v) !~ '^[+-]?[0-9]{1,15}$' or btrim(v)::bigint not between lo and hi
                then format('must be a whole number from %s to %s, got "%s"', lo, hi, left(v, 40)) end
$$;

create or replace function povmap.import_flag_problem(v text) returns text
language sql stable parallel safe as $$
  select case when v is null or btrim(v) = '' then 'is missing'
              when btrim(v) not in ('0', '1') then format('must be 0 or 1, got "%s"', left(v, 40)) end
$$;

create or replace function povmap.import_number_problem(v text, lo float8, hi float8) returns text
language sql stable parallel safe as $$
  select case when v is null or btrim(v) = '' then 'is missing'
              when btrim(v) !~ '^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)$' or btrim(v)::float8 not between lo and hi
                then format('must be a number from %s to %s, got "%s"', lo, hi, left(v, 40)) end
$$;

create or replace function povmap.import_choice_problem(v text, allowed text[]) returns text
language sql stable parallel safe as $$
  select case when v is null or btrim(v) = '' then 'is missing'
              when not (btrim(v) = any (allowed))
                then format('must be one of %s, got "%s"', array_to_string(allowed, ', '), left(v, 40)) end
$$;

create or replace function povmap.is_date(v text) returns boolean
language plpgsql immutable parallel safe as $$
begin
  perform v::date;
  return true;
exception when others then
  return false;
end
$$;
