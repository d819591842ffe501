-- The metrics the choropleth tiles carry, per area x survey year, as one jsonb object whose keys are
-- the tile property names (the map client colours by them; tiles/area-properties.ts lists them and a
-- test checks that both agree). Built on the rollups, so a refreshed rollup is what the tiles show.
--
-- This view is the definition; readers (tiles, API, OGC) read the table tile_area_metrics
-- (sql/migrations/008_tile_area_metrics_table.sql), a stored copy that
-- povmap.refresh_tile_area_metrics() makes equal to this view in the transaction of every refresh
-- of what it is built on (server/db/refresh.ts, server/disclosure/refresh.ts), and that this file
-- refills at its end whenever it is applied again.
--
-- Disclosure (issue 15, design §8): the policy's decisions come precomputed from the table
-- area_public (sql/migrations/003_area_public.sql; the rules are in server/disclosure/). An area
-- without a decision yet is left out of the tiles. An area
-- with 1 to 4 households gets metrics = null, and the tile then carries only its identity and
-- `suppressed: true`. Otherwise every withheld figure (a count of 1 to 4, a complementary cell, a
-- share, mean, index or z-score resting on one, a change from a withheld year) is left out, and the
-- string `withheld` lists the left-out keys, comma-separated and sorted (MVT has no null). Every
-- other key is present, null where there is no value:
--   fail_dims_n, hc_<indicator>, dim_<dimension>: from area_stats, one key per indicator and
--     dimension of povmap.indicator / povmap.dimension (npm run sql:generate writes them).
--   stars, gi_z, gi_class, moran_class, crossed, light_residual, light_z, light_mismatch: the
--     relative figures (view tile_area_relative_figures, 89_tile_area_relative_figures.sql), described here.
--   gi_z, gi_class, moran_class: hotspot_result of the default view (target share, queen weights,
--     FDR) for this survey year. hotspot_result is refreshed together with area_stats, before the
--     'households' data version is bumped, so tiles never mix one refresh's shares with another's
--     hotspots.
--   change_target_share: this year's target share minus the previous survey year's (the newest
--     survey year before this one in the country row), null in the first survey year; withheld when
--     either year's share is.
--   crossed: 'up' / 'down' when the area's target share moved across the national target share of
--     the previous survey year (as GET /api/changes does by default), else null.
--   helped_households, helped_share: the assistance logbook's progress (sql/functions/area_assistance.sql);
--     no share where there are no target households.
--   nightlight_mean: mean radiance of the survey year's night-light composite (nightlight_area_stats,
--     sql/functions/nightlight_stats.sql); for an area holding no pixel centre, the radiance under
--     its label point.
--   light_residual, light_z, light_mismatch: the light-vs-poverty model
--     (sql/functions/refresh_light_mismatch.sql).
--   school_far_5km_share … clinic_2sfca: service accessibility (40_area_access_stats.sql); the far
--     shares only where at least 5 target households are located.
--   people_<group>, share_<group>: the groups of people (sql/functions/area_person_stats.sql), each group's
--     people and their share of the group it is of (NEET of the youth 15–24, …).
--   debt_households … no_finance_share: household debt and access to finance (area_stats), each
--     share of the households asked, null where nobody was asked.
--   card_holders_unsurveyed, exclusion_errors: target groups 3.2 and 4 of the registry linkage
--     (sql/functions/area_registry_stats.sql), people; no share (they are outside the surveyed population).
-- jsonb_build_object takes at most 100 arguments (50 keys), hence several objects joined with ||;
-- as few as that allows, since each || copies the whole object built so far (with ten objects, 35 %
-- of the time to build every area's figures on the demo data went into the copies).
drop view if exists tile_area_metrics_source cascade;

create view tile_area_metrics_source as
select
  s.code,
  s.survey_year,
  case when not ap.suppressed then (jsonb_build_object(
    'households', s.households,
    'people', s.people,
    'target_households', s.target_households,
    'target_share', s.target_share,
    'h', s.h,
    'a', s.a,
    'm0', s.m0,
    'vulnerable_households', s.vulnerable_households,
    'vulnerable_share', s.vulnerable_households::double precision / s.households,
    'poor_people', s.poor_people,
    'target_with_card', s.target_with_card,
    'target_without_card', s.target_without_card,
    -- generated: tile_area_metrics_indicators (npm run sql:generate from server/mpi/indicators.ts)
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
    -- end generated
    -- the object goes on (40 keys with the above)
    ,
    'change_target_share', s.target_share - p.target_share,
    'helped_households', coalesce(g.helped_households, 0),
    'helped_share', case when s.target_households > 0 then coalesce(g.helped_households, 0)::double precision / s.target_households end,
    'nightlight_mean', coalesce(l.radiance_mean, l.label_value),
    'school_far_5km_share', case when x.target_school_located >= 5 then x.school_far_5km_share end,
    'school_far_10km_share', case when x.target_school_located >= 5 then x.school_far_10km_share end,
    'clinic_far_5km_share', case when x.target_clinic_located >= 5 then x.clinic_far_5km_share end,
    'clinic_far_10km_share', case when x.target_clinic_located >= 5 then x.clinic_far_10km_share end,
    'school_mean_km', x.school_mean_km,
    'clinic_mean_km', x.clinic_mean_km,
    'clinic_2sfca', x.clinic_2sfca_per_1000
  ) || jsonb_build_object(
    -- People (issue 20, sql/functions/area_person_stats.sql): per group of server/people/groups.ts that is a
    -- measure, its people and their share of the group it is of; null without person records.
    'people_target_card', ps.target_card,
    'share_target_card', ps.target_card::double precision / nullif(ps.persons, 0),
    'people_target_nocard', ps.target_nocard,
    'share_target_nocard', ps.target_nocard::double precision / nullif(ps.persons, 0),
    'people_vulnerable', ps.vulnerable,
    'share_vulnerable', ps.vulnerable::double precision / nullif(ps.persons, 0),
    'people_card_not_target', ps.card_not_target,
    'share_card_not_target', ps.card_not_target::double precision / nullif(ps.persons, 0),
    'people_children_0_5', ps.children_0_5,
    'share_children_0_5', ps.children_0_5::double precision / nullif(ps.persons, 0),
    'people_school_age_out', ps.school_age_out,
    'share_school_age_out', ps.school_age_out::double precision / nullif(ps.school_age, 0),
    'people_neet', ps.neet,
    'share_neet', ps.neet::double precision / nullif(ps.youth, 0),
    'people_working_no_work', ps.working_no_work,
    'share_working_no_work', ps.working_no_work::double precision / nullif(ps.working_age, 0),
    'people_elderly_no_care', ps.elderly_no_care,
    'share_elderly_no_care', ps.elderly_no_care::double precision / nullif(ps.elderly, 0),
    'people_disabled_no_care', ps.disabled_no_care,
    'share_disabled_no_care', ps.disabled_no_care::double precision / nullif(ps.disabled, 0),
    'people_unemployed', ps.unemployed,
    'share_unemployed', ps.unemployed::double precision / nullif(ps.labour_force, 0),
    'people_underemployed', ps.underemployed,
    'share_underemployed', ps.underemployed::double precision / nullif(ps.labour_force, 0),
  -- ---- solution menu (issue 21): the unmet need, from area_menu_need (sql/functions/area_menu_need.sql) ----
    'menu_unmet', coalesce(mn.unmet_households, s.target_households),
    'menu_unmet_share', case when s.target_households > 0
                             then coalesce(mn.unmet_households, s.target_households)::double precision / s.target_households end,
  -- ---- end solution menu ----
  -- ---- household debt and access to finance (issue 24, migration 015): counts, and shares of the
  -- households asked (null where nobody was) ----
    'debt_households', s.debt_households,
    'debt_share', s.debt_households::double precision / nullif(s.debt_asked_households, 0),
    'informal_debt_households', s.informal_debt_households,
    'informal_debt_share', s.informal_debt_households::double precision / nullif(s.debt_asked_households, 0),
    'no_finance_households', s.no_finance_households,
    'no_finance_share', s.no_finance_households::double precision / nullif(s.finance_asked_households, 0),
  -- ---- end household debt and access to finance ----
  -- ---- registry linkage (issue 21): target groups 3.2 and 4, people in a registry and in no survey
  -- (area_registry_stats); counts only, as /api/areas/{code} gives them (0 where no registry line) ----
    'card_holders_unsurveyed', coalesce(rg.card_holders_unsurveyed, 0),
    'exclusion_errors', coalesce(rg.exclusion_errors, 0),
  -- ---- end registry linkage ----
    -- the withheld keys, listed in the object and removed from it just below (with the list itself
    -- when nothing is withheld): one removal, where a || of the list would copy the object again
    'withheld', povmap.withheld_key_list(ap.withheld)
  ) || r.figures
  ) - (povmap.withheld_key_array(ap.withheld) || case when ap.withheld = '{}'::jsonb then array['withheld'] end)
  end as metrics
from area_stats s
join area_public ap on ap.code = s.code and ap.survey_year = s.survey_year
join tile_area_relative_figures r on r.code = s.code and r.survey_year = s.survey_year
-- The previous survey year: the newest country row before this year (sql/functions/previous_survey_year.sql).
left join area_stats n on n.code = 'TH'
  and n.survey_year = povmap.previous_survey_year(s.survey_year)
left join area_stats p on p.code = s.code and p.survey_year = n.survey_year and p.households >= 5
left join nightlight_area_stats l on l.code = s.code and l.year = s.survey_year
left join area_access_stats x on x.code = s.code and x.survey_year = s.survey_year
left join area_assistance g on g.code = s.code and g.survey_year = s.survey_year
left join area_person_stats ps on ps.code = s.code and ps.survey_year = s.survey_year
-- solution menu (issue 21)
left join area_menu_need mn on mn.code = s.code and mn.survey_year = s.survey_year
-- registry linkage (issue 21)
left join area_registry_stats rg on rg.code = s.code and rg.survey_year = s.survey_year
where s.level <> 'country';

-- the stored copy follows the definition (new keys, a rollup made again)
select povmap.refresh_tile_area_metrics();
