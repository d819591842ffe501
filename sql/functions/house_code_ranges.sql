-- The SQL predicate "the house code `p_column` starts with one of the province codes `p_provinces`",
-- written as ranges (`p_column between '10' || '0000000000' and '10' || '9999999999' or …`), which
-- an index whose key holds the house code after an equality (such as (survey_year, house_code))
-- reads as a few range scans, where `left(p_column, 2) = any (…)` needs an index of its own. A house
-- code is 12 digits (household's check), so the ranges hold exactly the codes of those provinces
-- whatever the collation. Null provinces: null (no restriction; the caller says what that means).
create or replace function povmap.house_code_ranges(p_column text, p_provinces text[]) returns text
language sql immutable as $$
  select string_agg(format('%s between %L and %L', p_column, p || '0000000000', p || '9999999999'), ' or ' order by p)
  from unnest(p_provinces) p
$$;
