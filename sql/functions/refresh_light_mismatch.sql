-- Light-vs-poverty mismatch: where does the economy seen from space not match what the survey says?
--
-- Model, fitted separately for every admin level and survey year across the areas of that level
-- (areas with at least 5 households, a target share the disclosure policy publishes, and at least
-- one night-light pixel of that year's composite):
--
--     target_share = a + b · ln(1 + radiance_mean) + e          (ordinary least squares)
--
-- ln(1 + x) because radiance is heavily skewed (a city core is hundreds of times a village) and the
-- poverty response flattens as light grows; the 1 keeps unlit areas (radiance 0) in the fit. The
-- residual e is observed minus fitted target share; z = e / s with s = sqrt(SSE / (n − 2)), the
-- residual standard error of the fit. Classes, at |z| ≥ 2 (about the outer 5 % under normal errors):
--   poorer-than-light  (z ≥ 2):  "bright but poor": more target households than its light predicts;
--   less-poor-than-light (z ≤ −2): "dark but not poor": fewer than its light predicts, a possible
--                                  exclusion error worth a re-survey;
--   as-expected otherwise.

-- Rebuilds both tables from area_stats, area_public and nightlight_area_stats; run after any changes.
create or replace function povmap.refresh_light_mismatch() returns integer
language plpgsql as $$
declare
  n integer;
begin
  delete from light_poverty_residual;
  delete from light_poverty_fit;

  create temporary table light_point on commit drop as
  select s.code, s.level, s.survey_year, ln(1 + l.radiance_mean) as x, s.target_share as y
  from area_stats s
  join nightlight_area_stats l on l.code = s.code and l.year = s.survey_year
  -- only target shares the disclosure policy publishes: no residual or fit rests on a withheld one
  join area_public p on p.code = s.code and p.survey_year = s.survey_year
  where s.level <> 'country' and s.households >= 5 and l.pixels > 0
    and not p.suppressed and not jsonb_exists_any(p.cells, array['target_households', 'households']);

  insert into light_poverty_fit (level, survey_year, areas, intercept, slope, r2)
  select level, survey_year, count(*), regr_intercept(y, x), regr_slope(y, x), regr_r2(y, x)
  from light_point group by level, survey_year;

  update light_poverty_fit f set residual_sd = r.sd
  from (select p.level, p.survey_year,
               case when count(*) > 2 then sqrt(sum((p.y - f.intercept - f.slope * p.x) ^ 2) / (count(*) - 2)) end as sd
        from light_point p join light_poverty_fit f using (level, survey_year)
        where f.slope is not null
        group by p.level, p.survey_year) r
  where f.level = r.level and f.survey_year = r.survey_year;

  insert into light_poverty_residual (code, survey_year, light, target_share, fitted, residual, z, class)
  select p.code, p.survey_year, p.x, p.y, fit.v, p.y - fit.v, zz.z,
         case when zz.z >= 2 then 'poorer-than-light' when zz.z <= -2 then 'less-poor-than-light' else 'as-expected' end
  from light_point p
  join light_poverty_fit f using (level, survey_year)
  cross join lateral (select f.intercept + f.slope * p.x as v) fit
  cross join lateral (select (p.y - fit.v) / nullif(f.residual_sd, 0) as z) zz
  where f.slope is not null;

  drop table light_point;
  select count(*) into n from light_poverty_residual;
  return n;
end
$$;
