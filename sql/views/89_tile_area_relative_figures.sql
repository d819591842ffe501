-- The figures of the tiles that rest on every area of the level and year, not on the area's own
-- rollups alone: stars (a rank), the hotspot classes (Gi* against the level's mean, Moran's I), the
-- light-vs-poverty fit and `crossed` (the national share). Any import changes them nearly
-- everywhere, where it changes the rest of an area's figures only in the areas it touched; so a
-- refresh that knows which areas those are builds their whole objects again and only these figures
-- of every other area (sql/functions/refresh_tile_area_metrics.sql). One object per area and year,
-- every key present (null where there is no value); tile_area_metrics_source (90_tile_area_metrics.sql)
-- joins it into the full object.
drop view if exists tile_area_relative_figures cascade;

create view tile_area_relative_figures as
select s.code, s.survey_year,
  jsonb_build_object(
    'stars', s.stars,
    'gi_z', h.gi_z,
    'gi_class', h.gi_class,
    'moran_class', h.moran_class,
    'crossed', case when p.target_share < n.target_share and s.target_share >= n.target_share then 'up'
                    when p.target_share >= n.target_share and s.target_share < n.target_share then 'down' end,
    'light_residual', m.residual,
    'light_z', m.z,
    'light_mismatch', m.class
  ) as figures
from area_stats s
left join hotspot_result h on h.measure = 'target_share' and h.survey_year = s.survey_year and h.code = s.code
-- The previous survey year: the newest country row before this year (sql/functions/previous_survey_year.sql).
left join area_stats n on n.code = 'TH'
  and n.survey_year = povmap.previous_survey_year(s.survey_year)
left join area_stats p on p.code = s.code and p.survey_year = n.survey_year and p.households >= 5
left join light_poverty_residual m on m.code = s.code and m.survey_year = s.survey_year
where s.level <> 'country';
