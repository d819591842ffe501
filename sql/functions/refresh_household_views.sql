-- The rollups resting on the households besides the household rollups (tables since migration 023),
-- made equal to their definitions for what households of the provinces `p_provinces` in the survey
-- years `p_years` can change (null provinces: every area; null years: every year), in the caller's
-- transaction, readers never blocked. Each table's scope is what its definition allows (the reasons
-- are beside each definition, sql/functions/<table>.sql):
--   area_assistance, area_person_stats: the provinces' areas of the years, and the country row;
--   menu_match: the provinces' matches of the years, and the allocation of the items' capacity
--     wherever it changed (povmap.refresh_menu_match);
--   area_menu_need: the provinces' areas of the years, the villages where an allocation changed
--     (and the areas above them), and the country row (povmap.refresh_area_menu_need);
--   area_registry_stats: the years, every area (a person's lines are placed across provinces).
-- A table that cannot have changed is skipped:
--   area_person_stats, menu_match: rows per person record joined to its household; without a person
--     record of these years, nor a row of these years left from one, there is nothing to write
--     (match_person is person);
--   area_registry_stats: registry lines are placed in the areas with survey data of their reference
--     year; without a line referring to these years, nor a row of them, no placement can move.
-- After area_stats (the registry figures place people by its rows); menu_match before area_menu_need,
-- which reads it. Returns the tables refreshed, in order.
-- p_fresh: the tables of this list the caller has just refreshed for the same scope, skipped here (a
-- generation refreshes area_person_stats, its longest, on a second connection while the household
-- rollups and area_assistance take the first: server/generate/generate.ts). Only area_assistance and
-- area_person_stats may be named: nothing else here waits for them.
-- (the signatures before are dropped: a call with the defaults would match several)
drop function if exists povmap.refresh_household_views(smallint[]);
drop function if exists povmap.refresh_household_views(text[], smallint[]);
create or replace function povmap.refresh_household_views(p_provinces text[] default null, p_years smallint[] default null,
                                                          p_fresh text[] default '{}')
returns text[]
language plpgsql as $$
declare
  done text[] := '{}';
  moved text[] := '{}'; -- villages where the menu's capacity now reaches other people
begin
  if not p_fresh <@ array['area_assistance', 'area_person_stats'] then
    raise exception 'only area_assistance and area_person_stats can be refreshed apart, not %', p_fresh;
  end if;
  if not 'area_assistance' = any (p_fresh) then
    perform povmap.refresh_rollup_table('area_assistance', p_provinces, p_years);
    done := done || 'area_assistance'::text;
  end if;
  if p_years is null or exists (select 1 from person where survey_year = any (p_years))
                     or exists (select 1 from area_person_stats where survey_year = any (p_years)) then
    if not 'area_person_stats' = any (p_fresh) then
      perform povmap.refresh_rollup_table('area_person_stats', p_provinces, p_years);
      done := done || 'area_person_stats'::text;
    end if;
    moved := povmap.refresh_menu_match(p_provinces, p_years);
    done := done || 'menu_match'::text;
  end if;
  perform povmap.refresh_area_menu_need(p_provinces, p_years, moved);
  done := done || 'area_menu_need'::text;
  if p_years is null or exists (select 1 from registry_record where reference_year = any (p_years))
                     or exists (select 1 from area_registry_stats where survey_year = any (p_years)) then
    perform povmap.refresh_rollup_table('area_registry_stats', null, p_years);
    done := done || 'area_registry_stats'::text;
  end if;
  return done;
end
$$;
