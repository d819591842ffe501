-- Makes the rows of the area rollup table `p_table` (one row per area code and survey year, the
-- country as 'TH', every column besides survey_year, code and level a count) equal to `p_fresh`, the
-- definition's rows of the provinces `p_provinces` in the survey years `p_years`, and then the
-- country row of those years. A null `p_provinces` means every area: `p_fresh` then holds the country
-- rows too. Otherwise the country is summed here from the province rows, all of them now up to date
-- (povmap.add_country_rows): every column being a count, the country's is the sum of its
-- provinces', so an import of one province need not count the households of all the others again.
-- Rows are written through povmap.merge_rollup_rows (only those that changed, under MVCC, in the
-- caller's transaction). Returns the number of rows deleted and inserted.
create or replace function povmap.merge_area_rows(p_table regclass, p_fresh regclass,
                                                  p_provinces text[] default null, p_years smallint[] default null)
returns integer
language plpgsql as $$
declare
  written integer;
begin
  -- with null provinces the scope takes the country rows too ('TH' is no province's prefix)
  written := povmap.merge_rollup_rows(p_table, p_fresh, array['code', 'survey_year'],
    $s$($1 is null or left(t.code, 2) = any ($1)) and ($2 is null or t.survey_year = any ($2))$s$, p_provinces, p_years);
  if p_provinces is null then
    return written;
  end if;
  drop table if exists fresh_country_rows;
  execute format('create temp table fresh_country_rows (like %s) on commit drop', p_fresh);
  perform povmap.add_country_rows('fresh_country_rows', p_table, '{}', p_years);
  return written + povmap.merge_rollup_rows(p_table, 'fresh_country_rows', array['code', 'survey_year'],
    $s$t.code = 'TH' and ($2 is null or t.survey_year = any ($2))$s$, p_provinces, p_years);
end
$$;
