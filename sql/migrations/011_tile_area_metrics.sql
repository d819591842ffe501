-- The metrics the choropleth tiles carry, per area x survey year, as one jsonb object whose keys are
-- the tile property names (the map client colours by them; tiles/registry.ts lists them and a test
-- checks the two agree). Built on area_stats, so a refreshed rollup is what the tiles show.
--
-- Small-cell suppression (design §8): an area with fewer than 5 households gets metrics = null, and
-- the tile then carries only its identity and `suppressed: true`.
--
-- Indicator and dimension order is that of server/mpi/indicators.ts (array index = number).
create view tile_area_metrics as
select
  s.code,
  s.survey_year,
  case when s.households >= 5 then jsonb_build_object(
    'households', s.households,
    'people', s.people,
    'target_households', s.target_households,
    'target_share', s.target_share,
    'h', s.h,
    'a', s.a,
    'm0', s.m0,
    'vulnerable_households', s.vulnerable_households,
    'vulnerable_share', s.vulnerable_households::double precision / s.households,
    'stars', s.stars,
    'poor_people', s.poor_people,
    'target_with_card', s.target_with_card,
    'target_without_card', s.target_without_card,
    'fail_dims_0', s.failed_dim_count_households[1],
    'fail_dims_1', s.failed_dim_count_households[2],
    'fail_dims_2', s.failed_dim_count_households[3],
    'fail_dims_3', s.failed_dim_count_households[4],
    'fail_dims_4', s.failed_dim_count_households[5],
    'fail_dims_5', s.failed_dim_count_households[6]
  ) || jsonb_build_object(
    -- Censored headcount ratio per indicator: people who are poor and deprived in it / all people.
    'hc_newborn_weight', s.censored_people[1]::double precision / s.people,
    'hc_hygienic_food', s.censored_people[2]::double precision / s.people,
    'hc_medicine_use', s.censored_people[3]::double precision / s.people,
    'hc_exercise', s.censored_people[4]::double precision / s.people,
    'hc_stable_house', s.censored_people[5]::double precision / s.people,
    'hc_drinking_water', s.censored_people[6]::double precision / s.people,
    'hc_enough_water', s.censored_people[7]::double precision / s.people,
    'hc_tidy_home', s.censored_people[8]::double precision / s.people,
    'hc_preschool_care', s.censored_people[9]::double precision / s.people,
    'hc_compulsory_school', s.censored_people[10]::double precision / s.people,
    'hc_continue_m4', s.censored_people[11]::double precision / s.people,
    'hc_adult_literacy', s.censored_people[12]::double precision / s.people,
    'hc_work_15_59', s.censored_people[13]::double precision / s.people,
    'hc_work_60_plus', s.censored_people[14]::double precision / s.people,
    'hc_income_threshold', s.censored_people[15]::double precision / s.people,
    'hc_elderly_care', s.censored_people[16]::double precision / s.people,
    'hc_disabled_care', s.censored_people[17]::double precision / s.people,
    -- Share of households failing at least one indicator of the dimension.
    'dim_health', s.dim_failed_households[1]::double precision / s.households,
    'dim_living', s.dim_failed_households[2]::double precision / s.households,
    'dim_education', s.dim_failed_households[3]::double precision / s.households,
    'dim_income', s.dim_failed_households[4]::double precision / s.households,
    'dim_access', s.dim_failed_households[5]::double precision / s.households
  ) end as metrics
from area_stats s
where s.level <> 'country';

-- Tell listening tile servers the moment a data version changes (delivered at commit), so their
-- caches stop serving tiles built from the previous data.
create or replace function povmap.notify_data_version() returns trigger
language plpgsql as $$
begin
  perform pg_notify('povmap_data_version', new.name || ':' || new.version);
  return null;
end
$$;
create trigger data_version_notify after insert or update on data_version
  for each row execute function povmap.notify_data_version();
