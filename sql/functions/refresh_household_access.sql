-- The nearest school and clinic of one province's households, and its villages' demand points.
-- Probing the GiST index once per household (povmap.nearest_service for both kinds) costs about 2.2
-- times as much as this on the national profile (tests/bench/RESULTS.md), so the probe is made once
-- per village instead:
--   1. from the village's label point c, the `k` nearest services of each kind in planar order (KNN
--      on the partial GiST index), their k-th planar distance p_k, and r = the largest planar distance
--      from c to a household of the village;
--   2. per household, the nearest of those candidates by exact geodesic distance
--      (povmap.nearest_candidate);
--   3. a service outside the candidates is at least p_k - r planar degrees from the household, so at
--      least min_metres_per_degree × (p_k - r) metres: when that is not more than the distance found,
--      the household is searched again on its own with povmap.nearest_service (rare).
-- The province's villages are written again too, without their 2SFCA ratio: run
-- povmap.refresh_clinic_2sfca() after the provinces (server/access/refresh.ts does).
-- p_years: only these survey years (an import re-measures only the years it touched; the other
-- years' figures stand, services did not move); null means every year.
create or replace function povmap.refresh_household_access(p_province text, k integer default 8, p_years smallint[] default null) returns bigint
language plpgsql volatile as $$
declare
  written bigint;
begin
  delete from household_access where province_code = p_province and (p_years is null or survey_year = any (p_years));

  create temporary table access_candidate on commit drop as
  with village as (
    select a.code, a.label_point as c, max(h.geom <-> a.label_point) as r
    from admin_area a
    join household h on h.village_code = a.code and h.province_code = p_province
                    and (p_years is null or h.survey_year = any (p_years))
    where a.province_code = p_province and a.level = 'village'
    group by a.code
  )
  select v.code as village_code, v.r, n.service, count(*) as n, max(n.deg) as far_deg,
         array_agg(n.id order by n.deg, n.id) as ids, array_agg(n.geom order by n.deg, n.id) as geoms,
         array_agg(st_x(n.geom) order by n.deg, n.id) as xs, array_agg(st_y(n.geom) order by n.deg, n.id) as ys
  from village v
  cross join lateral (
    (select 'school' as service, sp.id, sp.geom, sp.geom <-> v.c as deg from service_point sp
     where sp.kind = 'school' order by sp.geom <-> v.c limit k)
    union all
    (select 'clinic', sp.id, sp.geom, sp.geom <-> v.c from service_point sp
     where sp.kind in ('hospital', 'health_promoting_hospital') order by sp.geom <-> v.c limit k)
  ) n
  group by v.code, v.r, n.service;
  create index on access_candidate (village_code, service);
  analyze access_candidate;

  insert into household_access (survey_year, house_code, province_code, district_code, subdistrict_code,
                                village_code, members, target, school_id, school_m, clinic_id, clinic_m)
  select x.survey_year, x.house_code, x.province_code, x.district_code, x.subdistrict_code, x.village_code,
         x.members, x.target,
         coalesce(fs.service_id, x.school_id), coalesce(fs.metres, x.school_m),
         coalesce(fc.service_id, x.clinic_id), coalesce(fc.metres, x.clinic_m)
  from (
    select h.survey_year, h.house_code, h.province_code, h.district_code, h.subdistrict_code, h.village_code,
           h.members, h.deprived <> 0 as target, h.geom,
           s.service_id as school_id, s.metres as school_m, c.service_id as clinic_id, c.metres as clinic_m,
           cs.n = k and s.metres > povmap.min_metres_per_degree(st_y(h.geom), s.metres / 110574.0) * (cs.far_deg - cs.r) as school_unsure,
           cc.n = k and c.metres > povmap.min_metres_per_degree(st_y(h.geom), c.metres / 110574.0) * (cc.far_deg - cc.r) as clinic_unsure
    from household h
    left join access_candidate cs on cs.village_code = h.village_code and cs.service = 'school'
    left join access_candidate cc on cc.village_code = h.village_code and cc.service = 'clinic'
    left join lateral povmap.nearest_candidate(h.geom, cs.ids, cs.geoms, cs.xs, cs.ys) s on true
    left join lateral povmap.nearest_candidate(h.geom, cc.ids, cc.geoms, cc.xs, cc.ys) c on true
    where h.province_code = p_province and (p_years is null or h.survey_year = any (p_years))
  ) x
  -- not provably the nearest: search again from the household itself (a null point searches nothing)
  left join lateral povmap.nearest_service(case when x.school_unsure then x.geom end, 'school') fs on true
  left join lateral povmap.nearest_service(case when x.clinic_unsure then x.geom end, 'clinic') fc on true;
  get diagnostics written = row_count;
  drop table access_candidate;

  delete from access_village v using admin_area a
  where a.code = v.village_code and a.province_code = p_province and (p_years is null or v.survey_year = any (p_years));
  insert into access_village (survey_year, village_code, households, people, geom)
  select h.survey_year, a.code, count(*), sum(h.members),
         coalesce(st_setsrid(st_makepoint(sum(st_x(h.geom) * h.members) / sum(h.members) filter (where h.geom is not null),
                                          sum(st_y(h.geom) * h.members) / sum(h.members) filter (where h.geom is not null)), 4326),
                  a.label_point)
  from household h
  join admin_area a on a.code = h.village_code
  where h.province_code = p_province and (p_years is null or h.survey_year = any (p_years))
  group by h.survey_year, a.code;
  return written;
end
$$;
