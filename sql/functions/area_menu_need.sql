-- Needs against the menu per area and survey year (the table area_menu_need, migration 023; same
-- grouping as area_stats, the country is TH): target households, those with at least one member
-- matched to a menu item, those served (an item had capacity left for one of their members,
-- menu_match.allocated) and the unmet need: targets not served, whether no item matches them or
-- every matching item's capacity went to needier targets. served + unmet = targets, a partition the
-- disclosure policy decides on (cells menu_served, menu_unmet).
--
-- povmap.area_menu_need_rows is the definition: the rows of the areas of `p_provinces` (their
-- villages, subdistricts, districts and the provinces themselves) in the survey years `p_years`;
-- null provinces: every area and the country ('TH'), null years: every year.
-- povmap.refresh_rollup_table('area_menu_need', …) makes the table equal to it for those provinces
-- and years (and the country), in the caller's transaction, readers never blocked; after menu_match,
-- which it reads.
--
-- Refreshed per province and year: an area's row counts only its own households. Whether one of
-- them is served rests on the capacity ranked over the whole country, so a change in one province
-- can serve a household of another or no longer: the refresh of menu_match names those households'
-- villages (povmap.refresh_menu_match), which are counted again too (povmap.refresh_area_menu_need).
-- (the signature before migration 025 took the years only: dropped, a call with the defaults would match both)
drop function if exists povmap.area_menu_need_rows(smallint[]);
create or replace function povmap.area_menu_need_rows(p_provinces text[] default null, p_years smallint[] default null)
returns table (survey_year smallint, code text, target_households integer, matched_households integer,
               served_households integer, unmet_households integer)
language plpgsql as $$
#variable_conflict use_column
begin
-- counted per village; the areas above are their villages' sums (povmap.add_parent_area_rows)
perform povmap.count_menu_need_villages(
  '($1 is null or h.province_code = any ($1)) and ($2 is null or h.survey_year = any ($2))',
  $m$select x.survey_year, x.house_code, x.allocated from menu_match x
     where $1 is null and ($2 is null or x.survey_year = any ($2))
     union all
     -- the provinces' matches: house codes starting with a province's code, a range of the
     -- primary key per province (povmap.house_code_ranges)
     select x.survey_year, x.house_code, x.allocated
     from unnest($1) p
     join menu_match x on x.house_code between p || '0000000000' and p || '9999999999'
     where $2 is null or x.survey_year = any ($2)
     -- a household that moved keeps its code: its matches are read by its code (a union, not an
     -- or, so the parts above keep their index)
     union all
     select x.survey_year, x.house_code, x.allocated
     from povmap.moved_in_houses($1, $2) v
     join menu_match x on x.survey_year = v.survey_year and x.house_code = v.house_code
     where left(x.house_code, 2) <> all ($1)$m$,
  p_provinces, p_years);
-- the total of some provinces is no area's: the country row is then summed from the table
perform povmap.add_parent_area_rows('area_menu_need_villages', p_country => p_provinces is null);
return query select * from area_menu_need_villages;
end
$$;

-- The village rows of area_menu_need into the temporary table area_menu_need_villages (made anew),
-- one per village and survey year of the households `h` that the condition `p_households` keeps, each
-- household served when one of its matches from the query `p_matches` (survey_year, house_code,
-- allocated) is allocated. Both are SQL text bound to $1 `p_provinces`, $2 `p_years`, $3 `p_villages`,
-- run with the values (not a cached generic plan) so the filters reach the scans. The one count
-- of the definition (povmap.area_menu_need_rows) and of its refresh of a few villages
-- (povmap.refresh_area_menu_need).
create or replace function povmap.count_menu_need_villages(p_households text, p_matches text, p_provinces text[],
                                                           p_years smallint[], p_villages text[] default null)
returns void
language plpgsql as $$
begin
drop table if exists area_menu_need_villages;
execute format($q$create temp table area_menu_need_villages on commit drop as
select
  h.survey_year,
  h.village_code as code,
  count(*) filter (where h.deprived <> 0)::integer as target_households,
  count(*) filter (where h.deprived <> 0 and m.house_code is not null)::integer as matched_households,
  count(*) filter (where h.deprived <> 0 and m.served)::integer as served_households,
  count(*) filter (where h.deprived <> 0 and not coalesce(m.served, false))::integer as unmet_households
from household h
left join (select x.survey_year, x.house_code, bool_or(x.allocated) as served from (%s) x
           group by x.survey_year, x.house_code) m
  on m.survey_year = h.survey_year and m.house_code = h.house_code
where %s
group by h.survey_year, h.village_code$q$, p_matches, p_households)
  using p_provinces, p_years, p_villages;
end
$$;
