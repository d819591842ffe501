-- What the public may see of each area and survey year: the disclosure policy's decisions
-- (sql/functions/refresh_area_withheld.sql) joined to every published figure they touch, so the
-- tiles and the API read one answer instead of applying rules per request.
--   suppressed: the area has 1 to 4 households; it publishes only its name and code.
--   cells:      every withheld count of the rollups, cell → reason ('count-1-4', 'complementary',
--               'area-under-5'); the API (server/disclosure/) nulls those cells and what follows them.
--   withheld:   every withheld figure of the tiles' metrics (keys of tile_area_metrics), figure →
--               reason: the withheld counts themselves, and 'from-withheld-count' for a share, mean,
--               index or z-score computed from a withheld count (target_share, h, a, m0, stars,
--               vulnerable_share, hc_*, dim_*, the hotspot and light-mismatch figures of the target
--               share, helped_share), 'previous-year-withheld' for a change whose previous year's
--               share is withheld, and access figures resting on 1 to 4 located households or far
--               target households ('count-1-4').
-- Refreshed after povmap.refresh_area_withheld() (server/db/refresh.ts):
--   refresh materialized view concurrently area_public;
drop materialized view if exists area_public cascade;

-- The decisions first: a view file runs again when the rollups are made again (their counts may differ).
select povmap.refresh_area_withheld();

create materialized view area_public as
with cells as (
  select survey_year, code, jsonb_object_agg(cell, reason) as cells
  from area_withheld group by survey_year, code
),
-- the published figures computed from counts, and the counts each rests on
follows (figure, inputs) as (
  values ('target_share', array['target_households', 'households']),
         ('stars', array['target_households', 'households']),
         ('gi_z', array['target_households', 'households']),
         ('gi_class', array['target_households', 'households']),
         ('moran_class', array['target_households', 'households']),
         ('light_residual', array['target_households', 'households']),
         ('light_z', array['target_households', 'households']),
         ('light_mismatch', array['target_households', 'households']),
         ('change_target_share', array['target_households', 'households']),
         ('crossed', array['target_households', 'households']),
         ('h', array['poor_people', 'people']),
         ('a', array['poor_people']),
         ('m0', array['poor_people', 'people']),
         ('vulnerable_share', array['vulnerable_households', 'households']),
         ('helped_share', array['helped_households', 'target_households'])
  union all select 'hc_' || i.id, array['censored_people_' || i.id, 'people'] from povmap.indicator i
  union all select 'dim_' || d.id, array['dim_failed_' || d.id, 'households'] from povmap.dimension d
),
-- the counts the tiles publish as they are
published_counts (cell) as (
  select unnest(array['households', 'people', 'target_households', 'vulnerable_households', 'poor_people',
                      'target_with_card', 'target_without_card', 'helped_households',
                      'fail_dims_0', 'fail_dims_1', 'fail_dims_2', 'fail_dims_3', 'fail_dims_4', 'fail_dims_5'])
),
area as (
  select s.code, s.survey_year, s.level, s.households between 1 and 4 as suppressed,
         coalesce(c.cells, '{}'::jsonb) as cells,
         coalesce(pc.cells, '{}'::jsonb) as previous_cells,
         x.target_school_located, x.target_clinic_located, x.school_located, x.clinic_located,
         x.target_school_far_5km, x.target_school_far_10km, x.target_clinic_far_5km, x.target_clinic_far_10km
  from area_stats s
  left join cells c on c.code = s.code and c.survey_year = s.survey_year
  left join area_stats n on n.code = 'TH'
    and n.survey_year = (select max(y.survey_year) from area_stats y where y.code = 'TH' and y.survey_year < s.survey_year)
  left join cells pc on pc.code = s.code and pc.survey_year = n.survey_year
  left join area_access_stats x on x.code = s.code and x.survey_year = s.survey_year
)
select a.code, a.survey_year, a.level, a.suppressed, a.cells,
       coalesce((select jsonb_object_agg(w.figure, w.reason) from (
         select p.cell as figure, a.cells ->> p.cell as reason from published_counts p where a.cells ? p.cell
         union all
         select f.figure, 'from-withheld-count' from follows f where a.cells ?| f.inputs
         union all
         select f.figure, 'previous-year-withheld' from follows f
         where f.figure in ('change_target_share', 'crossed') and a.previous_cells ?| f.inputs and not a.cells ?| f.inputs
         union all
         select k.figure, 'count-1-4' from (values
           ('school_far_5km_share', array[a.target_school_located, a.target_school_far_5km]),
           ('school_far_10km_share', array[a.target_school_located, a.target_school_far_10km]),
           ('clinic_far_5km_share', array[a.target_clinic_located, a.target_clinic_far_5km]),
           ('clinic_far_10km_share', array[a.target_clinic_located, a.target_clinic_far_10km]),
           ('school_mean_km', array[a.school_located]),
           ('clinic_mean_km', array[a.clinic_located])) k(figure, counts)
         where exists (select 1 from unnest(k.counts) n where n between 1 and 4)
       ) w), '{}'::jsonb) as withheld
from area a;

create unique index area_public_key on area_public (code, survey_year);
