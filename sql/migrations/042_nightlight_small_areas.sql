-- Areas smaller than a night-light pixel hold no pixel centre (about 500 demo villages), so they had no
-- mean and the map showed a hole. They now also carry the radiance of the pixel under their label
-- point (label_value), which the tiles use for nightlight_mean; the API still reports pixels = 0.
alter table nightlight_area_stats add column label_value double precision;

create or replace function povmap.fill_nightlight_label_values(p_year smallint) returns void
language sql as $$
  update nightlight_area_stats s set label_value = (
    select st_value(r.rast, 1, a.label_point) from nightlight_raster r
    where r.year = s.year and st_intersects(st_convexhull(r.rast), a.label_point) limit 1)
  from admin_area a
  where a.code = s.code and s.year = p_year and s.pixels = 0
$$;

create or replace function povmap.refresh_nightlight_stats(p_year smallint) returns integer
language plpgsql as $$
declare
  finest text;
  n integer;
begin
  delete from nightlight_area_stats where year = p_year;
  select l into finest from unnest(array['village', 'subdistrict', 'district', 'province']) l
  where exists (select 1 from admin_area a where a.level = l) limit 1;
  if finest is null or not exists (select 1 from nightlight_raster where year = p_year) then
    return 0;
  end if;

  create temporary table nightlight_cell on commit drop as
  select a.code, count(*)::integer as pixels, count(*) filter (where p.val > 0.5)::integer as lit_pixels,
         sum(p.val) as radiance_sum
  from nightlight_raster r
  cross join lateral st_pixelascentroids(r.rast, 1, true) p
  join admin_area a on a.level = finest and st_intersects(a.geom, p.geom)
  where r.year = p_year
  group by a.code;

  insert into nightlight_area_stats (code, year, pixels, lit_pixels, radiance_sum)
  select x.code, p_year, sum(c.pixels), sum(c.lit_pixels), sum(c.radiance_sum)
  from nightlight_cell c
  join admin_area a on a.code = c.code
  cross join lateral (
    select distinct v as code from unnest(array[a.code, a.subdistrict_code, a.district_code, a.province_code]) v
    where v is not null) x
  group by x.code;

  -- areas whose pixels all fell elsewhere still get a row (0 pixels, no mean), so "no light data"
  -- and "not computed" differ
  insert into nightlight_area_stats (code, year, pixels, lit_pixels, radiance_sum)
  select a.code, p_year, 0, 0, 0 from admin_area a
  where not exists (select 1 from nightlight_area_stats s where s.code = a.code and s.year = p_year);

  perform povmap.fill_nightlight_label_values(p_year);
  drop table nightlight_cell;
  select count(*) into n from nightlight_area_stats where year = p_year;
  return n;
end
$$;

create or replace view tile_area_metrics as
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
  ) || jsonb_build_object(
    -- Mean night-light radiance of the survey year's composite (null without one; see 040), or for an
    -- area holding no pixel centre the radiance under its label point (042).
    'nightlight_mean', coalesce(n.radiance_mean, n.label_value)
  ) end as metrics
from area_stats s
left join nightlight_area_stats n on n.code = s.code and n.year = s.survey_year
where s.level <> 'country';


-- years computed before this migration
select povmap.fill_nightlight_label_values(year) from (select distinct year from nightlight_area_stats) y;
