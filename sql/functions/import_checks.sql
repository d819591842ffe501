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

-- A flag the survey may not have asked (migration 015): empty = not asked, else 0 or 1.
create or replace function povmap.import_optional_flag_problem(v text) returns text
language sql stable parallel safe as $$
  select case when v is not null and btrim(v) not in ('', '0', '1') then format('must be 0, 1 or empty (not asked), got "%s"', left(v, 40)) end
$$;

-- The value of such a flag: null when not asked.
create or replace function povmap.import_optional_flag(v text) returns boolean
language sql immutable parallel safe as $$
  select case when btrim(v) = '1' then true when btrim(v) = '0' then false end
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
