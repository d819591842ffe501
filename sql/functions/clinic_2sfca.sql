-- The 2SFCA ratio of every demand point of one survey year for a catchment of d0 metres (geodesic):
--   step 1, per clinic j:  R_j = capacity_j / Σ people_k over villages k within d0 of j
--   step 2, per village i: A_i = Σ R_j over clinics j within d0 of i   (capacity per person)
-- A clinic with nobody within d0 serves no one; a village with no clinic within d0 gets no row.
-- The candidate pairs: per demand point of the year, the clinics near it from the clinics' GiST index
-- (planar degrees, radius widened by povmap.min_metres_per_degree over the latitudes a path of d0
-- metres from the point can reach), then kept only within d0 on the spheroid (within_metres).
-- Driven by the year's demand points: from the clinics, the radius depended on the clinic, so the
-- villages' GiST index (every year's points) was probed per clinic and intersected with the key's
-- scan of the whole year (a BitmapAnd of 76,699 rows per clinic): with eight survey years stored, 21.9 s
-- a year against 1.3 s this way, the same pairs (10 and 25 km, two years of a demo copy compared).
create or replace function povmap.clinic_2sfca_pairs(p_year smallint, p_d0 double precision)
returns table (clinic_id integer, capacity integer, village_code text, people integer)
language sql stable parallel safe as $$
  select c.id, c.capacity, v.village_code, v.people
  from access_village v
  join service_point c
    on c.kind in ('hospital', 'health_promoting_hospital')
   and st_dwithin(c.geom, v.geom, p_d0 / povmap.min_metres_per_degree(st_y(v.geom), p_d0 / 110574.0))
   and povmap.within_metres(v.geom, c.geom, p_d0)
  where v.survey_year = p_year
$$;

create or replace function povmap.clinic_2sfca(p_year smallint, p_d0 double precision)
returns table (village_code text, ratio double precision)
language sql stable parallel safe as $$
  with pairs as (select * from povmap.clinic_2sfca_pairs(p_year, p_d0)),
  supply as (
    select p.clinic_id, min(p.capacity)::double precision / sum(p.people) as r
    from pairs p group by p.clinic_id having sum(p.people) > 0
  )
  select p.village_code, sum(s.r) from pairs p join supply s using (clinic_id) group by p.village_code
$$;

-- The villages' ratios at the default catchment, d0 = 10 km (also the API's default `catchment_km`),
-- for the given survey years only (null: every year). Each year's ratios depend only on that year's
-- demand points; those years owe them no more (access_2sfca_owed).
create or replace function povmap.refresh_clinic_2sfca(p_years smallint[] default null) returns void
language sql volatile as $$
  delete from access_2sfca_owed where p_years is null or survey_year = any (p_years);
  update access_village v set clinic_2sfca = null
  where v.clinic_2sfca is not null and (p_years is null or v.survey_year = any (p_years));
  update access_village v set clinic_2sfca = r.ratio
  from (select y.survey_year, f.village_code, f.ratio
        from (select distinct survey_year from access_village
              where p_years is null or survey_year = any (p_years)) y
        cross join lateral povmap.clinic_2sfca(y.survey_year, 10000) f) r
  where v.survey_year = r.survey_year and v.village_code = r.village_code;
$$;
