-- Completes a rollup counted per village with the rows of every area above the villages: adds to the
-- temporary table `p_fresh`, whose rows are villages, the rows of their subdistricts summed from those
-- villages, then of the districts from the subdistricts and of the provinces from the districts,
-- following admin_area.parent_code (the hierarchy the household's own codes are taken from on
-- import); with `p_country`, the country's row ('TH') as the sum of the provinces. Rows are keyed by
-- (survey_year, code) and the columns `p_keys` (e.g. score60): a parent's row per year and key is the
-- sum of its children's rows of that year and key. A column `level`, if the table has one, is the
-- area's level ('country' for the country).
--
-- Why: a rollup over `group by rollup (province, district, subdistrict, village)` runs every
-- aggregate once per level for every household, and sorts (often spilling to disk) to do it; counting
-- the households per village once and adding the few thousand village rows upwards does a fifth of
-- the work (issue 18: the refresh after an import).
--
-- Every other column must add: integer, bigint or numeric columns are summed (keeping their type),
-- integer[] columns element by element (all rows of a column hold arrays of one length; the arrays of
-- the rollups are per indicator or dimension). Any other type is an error: a median or a share does
-- not add up, and such a rollup must not use this.
create or replace function povmap.add_parent_area_rows(p_fresh regclass, p_keys text[] default '{}', p_country boolean default false)
returns void
language plpgsql as $$
declare
  columns text;
  sums text;
  keys text := (select coalesce(string_agg(format(', f.%I', k), ''), '') from unnest(p_keys) k);
  child text;
begin
  select string_agg(quote_ident(a.attname), ', ' order by a.attnum),
         string_agg(case
                      -- the parent's code and level, from its admin_area row
                      when a.attname in ('code', 'level') then format('p.%I', a.attname)
                      when a.attname = 'survey_year' or a.attname = any (p_keys) then format('f.%I', a.attname)
                      when a.atttypid = 'integer[]'::regtype then povmap.sum_elements_expression(p_fresh, a.attname)
                      when a.atttypid in ('integer'::regtype, 'bigint'::regtype, 'smallint'::regtype, 'numeric'::regtype)
                        then format('sum(f.%1$I)::%2$s', a.attname, format_type(a.atttypid, a.atttypmod))
                      else povmap.not_additive(p_fresh, a.attname, a.atttypid)
                    end, ', ' order by a.attnum)
    into columns, sums
  from pg_attribute a
  where a.attrelid = p_fresh and a.attnum > 0 and not a.attisdropped;
  foreach child in array array['village', 'subdistrict', 'district'] loop
    execute format('insert into %1$s (%2$s) select %3$s from %1$s f join admin_area c on c.code = f.code and c.level = %4$L '
                   'join admin_area p on p.code = c.parent_code group by f.survey_year, p.code, p.level%5$s',
                   p_fresh, columns, sums, child, keys);
  end loop;
  if p_country then
    execute format('insert into %1$s (%2$s) select %3$s from %1$s f join admin_area c on c.code = f.code and c.level = ''province'' '
                   'cross join (select ''TH''::text as code, ''country''::text as level) p group by f.survey_year, p.code, p.level%4$s',
                   p_fresh, columns, sums, keys);
  end if;
end
$$;

-- The element-wise sum of the integer[] column `p_column` of the rows `f` of `p_fresh`, as a SQL
-- expression: one sum per element (array[sum(f.x[1]), …]), the length read from the table. A column
-- without rows or arrays sums to null.
create or replace function povmap.sum_elements_expression(p_fresh regclass, p_column text) returns text
language plpgsql stable as $$
declare
  n integer;
begin
  execute format('select max(cardinality(%I)) from %s', p_column, p_fresh) into n;
  if n is null or n = 0 then
    return 'null::integer[]';
  end if;
  return format('array[%s]::integer[]', (select string_agg(format('sum(f.%I[%s])', p_column, i), ', ' order by i)
                                         from generate_series(1, n) i));
end
$$;

-- add_parent_area_rows met a column that does not add up.
create or replace function povmap.not_additive(p_fresh regclass, p_column text, p_type regtype) returns text
language plpgsql as $$
begin
  raise exception 'column % of % is of type %, which does not add up from villages to their parents', p_column, p_fresh, p_type;
end
$$;

-- The country's rows ('TH') of the area rollup table `p_table` for the survey years `p_years` (null:
-- every year), each the sum of that year's province rows as stored now (povmap.add_parent_area_rows),
-- added to the empty temporary table `p_into`, whose columns are those of the rollup's fresh rows
-- (e.g. `create temp table … (like fresh_area_stats)`). Rows are keyed as there: by survey year, code
-- and `p_keys`. A refresh of some provinces writes their rows first, then the country's from these:
-- every column adds up, so the households of the other provinces need not be counted again.
create or replace function povmap.add_country_rows(p_into regclass, p_table regclass, p_keys text[] default '{}',
                                                   p_years smallint[] default null)
returns void
language plpgsql as $$
declare
  columns text;
begin
  select string_agg(quote_ident(attname), ', ' order by attnum) into columns
  from pg_attribute where attrelid = p_into and attnum > 0 and not attisdropped;
  execute format('insert into %1$s (%2$s) select %2$s from %3$s t where ($1 is null or t.survey_year = any ($1)) '
                 'and t.code in (select code from admin_area where level = ''province'')', p_into, columns, p_table)
    using p_years;
  perform povmap.add_parent_area_rows(p_into, p_keys, p_country => true);
  execute format('delete from %s where code <> ''TH''', p_into);
end
$$;
