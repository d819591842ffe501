-- Makes the table area_menu_need equal to its definition (povmap.area_menu_need_rows,
-- sql/functions/area_menu_need.sql) after the households of the provinces `p_provinces` (null: every
-- area) in the survey years `p_years` (null: every year) changed and the menu's capacity moved to or
-- from the households of the villages `p_villages` (povmap.refresh_menu_match), in the caller's
-- transaction, readers never blocked. Returns the number of rows deleted and inserted.
--   * The provinces' areas are counted again in full (povmap.refresh_rollup_table).
--   * In any other province only whether a household is served can have changed, and only in the
--     villages named: those villages are counted again; the province's other villages are read
--     as stored, and the areas above are summed from the villages (povmap.add_parent_area_rows).
--     Counting those provinces in full read every household and match of each (national profile,
--     an import of provinces 10 and 14: eight more provinces, 3.3–5.5 s for the ten).
--   * The country row is summed from the provinces as written (povmap.merge_area_rows).
-- Only rows that changed are written. One writer at a time: refresh_rollup_table's lock for the table.
create or replace function povmap.refresh_area_menu_need(p_provinces text[], p_years smallint[], p_villages text[])
returns integer
language plpgsql as $$
declare
  -- the named villages outside the provinces counted in full (a village's code starts with its province's)
  villages text[] := array(select v from unnest(p_villages) v where left(v, 2) <> all (p_provinces) order by 1);
  provinces text[] := array(select distinct left(v, 2) from unnest(villages) v order by 1);
begin
  if p_provinces is null or cardinality(villages) = 0 then
    return povmap.refresh_rollup_table('area_menu_need', p_provinces, p_years);
  end if;
  perform pg_advisory_xact_lock(hashtext('povmap.area_menu_need'));
  drop table if exists fresh_area_menu_need;
  create temp table fresh_area_menu_need on commit drop as select * from povmap.area_menu_need_rows(p_provinces, p_years);
  -- the named villages counted again: their households and those households' own matches
  perform povmap.count_menu_need_villages(
    'h.village_code = any ($3) and ($2 is null or h.survey_year = any ($2))',
    'select x.survey_year, x.house_code, x.allocated from household v
     join menu_match x on x.survey_year = v.survey_year and x.house_code = v.house_code
     where v.village_code = any ($3) and ($2 is null or v.survey_year = any ($2))',
    null, p_years, villages);
  -- every other village of their provinces as stored (unchanged: none of their households moved or
  -- changed, and none of them won or lost a place in an item's capacity)
  insert into area_menu_need_villages
  select t.survey_year, t.code, t.target_households, t.matched_households, t.served_households, t.unmet_households
  from area_menu_need t
  join admin_area a on a.code = t.code and a.level = 'village'
  where left(t.code, 2) = any (provinces) and (p_years is null or t.survey_year = any (p_years))
    and not exists (select 1 from area_menu_need_villages f where f.code = t.code and f.survey_year = t.survey_year);
  perform povmap.add_parent_area_rows('area_menu_need_villages');
  insert into fresh_area_menu_need select * from area_menu_need_villages;
  analyze fresh_area_menu_need;
  return povmap.merge_area_rows('area_menu_need', 'fresh_area_menu_need', p_provinces || provinces, p_years);
end
$$;
