-- The materialized views resting on the households besides the household rollups, refreshed without
-- blocking readers, in the caller's transaction: those an import of households of the survey years
-- `p_years` can change (null: every view). Each is a whole-table refresh, so one that cannot have
-- changed is skipped:
--   area_assistance, area_menu_need: count every household of its area and year (always);
--   area_person_stats, menu_match: rows per person record joined to its household; without a person
--     record of these years no row of theirs exists before or after (match_person is person);
--   area_registry_stats: registry lines are placed in the areas with survey data of their reference
--     year; without a line referring to these years no placement can move.
-- menu_match before area_menu_need, which reads it. Returns the views refreshed, in order.
create or replace function povmap.refresh_household_views(p_years smallint[] default null) returns text[]
language plpgsql as $$
declare
  done text[] := '{}';
begin
  refresh materialized view concurrently area_assistance;
  done := done || 'area_assistance'::text;
  if p_years is null or exists (select 1 from person where survey_year = any (p_years)) then
    refresh materialized view concurrently area_person_stats;
    refresh materialized view concurrently menu_match;
    done := done || array['area_person_stats', 'menu_match'];
  end if;
  refresh materialized view concurrently area_menu_need;
  done := done || 'area_menu_need'::text;
  if p_years is null or exists (select 1 from registry_record where reference_year = any (p_years)) then
    refresh materialized view concurrently area_registry_stats;
    done := done || 'area_registry_stats'::text;
  end if;
  return done;
end
$$;
