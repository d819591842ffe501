-- What the household search needs beyond the household table.

-- Logbook status of a household: the status of its most recent assistance_log entry, 'none' when
-- nothing has been logged. One definition for the filter, the list and the CSV.
create or replace function povmap.logbook_status(year smallint, code text) returns text
language sql stable parallel safe as $$
  select coalesce((select l.status from assistance_log l
                   where l.survey_year = year and l.house_code = code
                   order by l.done_on desc, l.id desc limit 1), 'none')
$$;

-- Masks for analysts without the PII grant. Done in SQL so the JSON list and the CSV export
-- (streamed straight from COPY) mask identically.
-- "นาย สมชาย ใจดี" -> "นาย ส… ใ…": the title stays, each name keeps its first letter.
create or replace function povmap.mask_name(name text) returns text
language sql immutable strict parallel safe as $$
  select string_agg(case when n = 1 and w in ('นาย', 'นาง', 'นางสาว', 'ด.ช.', 'ด.ญ.') then w
                         else left(w, 1) || '…' end, ' ' order by n)
  from regexp_split_to_table(name, '\s+') with ordinality as t(w, n)
$$;

-- "3101234567893" -> "X-XXXX-XXXXX-89-3": the last three digits only, as on a printed receipt.
create or replace function povmap.mask_national_id(id text) returns text
language sql immutable strict parallel safe as $$
  select 'X-XXXX-XXXXX-' || substr(id, 11, 2) || '-' || substr(id, 13, 1)
$$;

-- The first page of a province's list in house-code order (the default sort) reads this index in
-- order instead of sorting the province's ~170,000 rows (national profile).
create index household_province_house_idx on household (survey_year, province_code, house_code);
