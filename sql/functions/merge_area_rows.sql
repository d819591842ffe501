-- Makes the rows of the area rollup table `p_table` (one row per area code and survey year, the
-- country as 'TH', every column besides survey_year, code and level a count) equal to `p_fresh`, the
-- definition's rows of the provinces `p_provinces` in the survey years `p_years`, and then the
-- country row of those years. A null `p_provinces` means every area: `p_fresh` then holds the country
-- rows too. Otherwise the country is summed here from the province rows (codes of two digits), all
-- of them now up to date: every column being a count, the country's is the sum of its provinces',
-- so an import of one province need not count the households of all the others again.
-- Rows are written through povmap.merge_rollup_rows (only those that changed, under MVCC, in the
-- caller's transaction). Returns the number of rows deleted and inserted.
create or replace function povmap.merge_area_rows(p_table regclass, p_fresh regclass,
                                                  p_provinces text[] default null, p_years smallint[] default null)
returns integer
language plpgsql as $$
declare
  country_columns text;
  written integer;
begin
  -- with null provinces the scope takes the country rows too ('TH' is no province's prefix)
  written := povmap.merge_rollup_rows(p_table, p_fresh, array['code', 'survey_year'],
    $s$($1 is null or left(t.code, 2) = any ($1)) and ($2 is null or t.survey_year = any ($2))$s$, p_provinces, p_years);
  if p_provinces is null then
    return written;
  end if;
  select string_agg(case attname
                      when 'survey_year' then 'survey_year'
                      when 'code' then $c$'TH'::text as code$c$
                      when 'level' then $c$'country'::text as level$c$
                      else format('sum(%1$I)::%2$s as %1$I', attname, format_type(atttypid, atttypmod))
                    end, ', ' order by attnum)
    into country_columns
  from pg_attribute where attrelid = p_table and attnum > 0 and not attisdropped;
  drop table if exists fresh_country_rows;
  execute format($q$create temp table fresh_country_rows on commit drop as
                    select %s from %s where code ~ '^[0-9]{2}$' and ($1 is null or survey_year = any ($1)) group by survey_year$q$,
                 country_columns, p_table)
    using p_years;
  return written + povmap.merge_rollup_rows(p_table, 'fresh_country_rows', array['code', 'survey_year'],
    $s$t.code = 'TH' and ($2 is null or t.survey_year = any ($2))$s$, p_provinces, p_years);
end
$$;
