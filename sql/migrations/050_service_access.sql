-- Service accessibility (issue 7, part 1): how far each household is from the nearest school and the
-- nearest clinic, and a two-step floating catchment area (2SFCA) ratio of clinic capacity to people.
-- All derived from household and service_point by the derived-data refresh (server/db/refresh.ts):
--   povmap.refresh_household_access(province)  one province's households and villages (the refresh
--                                              runs it province by province, logging progress)
--   povmap.refresh_clinic_2sfca()              the 2SFCA ratio of every village at the default d0
--   refresh materialized view area_access_stats
--
-- "Clinic" = kind hospital or health_promoting_hospital. Distances are geodesic metres on WGS 84
-- (ST_DistanceSpheroid, equal to ST_Distance on geography). Households without a location (geom
-- null) get null distances: they count in `households` but in no share or mean (the denominators are
-- the located households, reported beside).

-- Every school and every clinic, each indexed on its own, so the nearest-neighbour search of one kind
-- never walks through the points of the other.
create index service_point_school_geom_idx on service_point using gist (geom) where kind = 'school';
create index service_point_clinic_geom_idx on service_point using gist (geom)
  where kind in ('hospital', 'health_promoting_hospital');

-- A lower bound of the metres per planar degree (of latitude or of longitude) for any path that stays
-- within `lat_span` degrees of latitude `lat`. The meridian degree is at least 110,574 m (its value at
-- the equator) and the parallel degree is a·cos φ·π/180 ≥ 111,319·cos φ ≥ 110,574·cos φ, so a
-- geodesic of g metres between points p planar degrees apart satisfies g ≥ scale · p.
create or replace function povmap.min_metres_per_degree(lat double precision, lat_span double precision)
returns double precision language sql immutable parallel safe as $$
  select 110574.0 * cos(radians(least(abs(lat) + lat_span, 89.0)))
$$;

-- The nearest service of one kind ('school' or 'clinic') to a point, by geodesic distance.
-- The GiST index answers `<->` in planar degrees, which is not geodesic order (a degree of longitude
-- is 4-7 % shorter than a degree of latitude across Thailand). So: take the `candidates` nearest in
-- planar order, measure each on the spheroid, keep the nearest. That is provably the geodesic nearest
-- when the farthest candidate is at least best / scale planar degrees away (no service outside the
-- candidates can then be closer; see povmap.min_metres_per_degree). When it is not, a second search
-- measures every service within that radius (rare: the candidates were nearly equidistant).
-- Returns no row for a null point or when there is no service of the kind.
create or replace function povmap.nearest_service(p_geom geometry, p_service text, p_candidates integer default 4)
returns table (service_id integer, metres double precision)
language sql stable parallel safe as $$
  with candidate as (
    (select sp.id, sp.geom, sp.geom <-> p_geom as deg from service_point sp
     where p_geom is not null and p_service = 'school' and sp.kind = 'school'
     order by sp.geom <-> p_geom limit p_candidates)
    union all
    (select sp.id, sp.geom, sp.geom <-> p_geom as deg from service_point sp
     where p_geom is not null and p_service = 'clinic' and sp.kind in ('hospital', 'health_promoting_hospital')
     order by sp.geom <-> p_geom limit p_candidates)
  ),
  measured as (
    select c.id, st_distancespheroid(c.geom, p_geom) as metres,
           max(c.deg) over () as far_deg, count(*) over () as n
    from candidate c
  ),
  best as (
    select m.*, povmap.min_metres_per_degree(st_y(p_geom), m.metres / 110574.0) as scale
    from measured m order by m.metres, m.id limit 1
  )
  select b.id, b.metres from best b
  where b.n < p_candidates or b.far_deg * b.scale >= b.metres
  union all
  (select sp.id, st_distancespheroid(sp.geom, p_geom) as metres
   from best b, service_point sp
   where not (b.n < p_candidates or b.far_deg * b.scale >= b.metres)
     and sp.kind in (select unnest(case p_service when 'school' then array['school']
                                    else array['hospital', 'health_promoting_hospital'] end))
     and st_dwithin(sp.geom, p_geom, b.metres / b.scale)
   order by 2, 1 limit 1)
$$;

-- One row per household and survey year: its nearest school and clinic. The area codes, members and
-- the target flag are copied from household so the rollup and the on-request shares read this table
-- alone; rows are written province by province, so a province's rows sit together on disk. (No
-- finer order: sorting invites the planner to walk a whole household index in that order.)
create table household_access (
  survey_year      smallint not null,
  house_code       text not null,
  province_code    text not null,
  district_code    text not null,
  subdistrict_code text not null,
  village_code     text not null,
  members          smallint not null,
  target           boolean not null,  -- fails at least one indicator (deprived <> 0), as area_stats.target_households
  school_id        integer,           -- null: no location (or no school at all)
  school_m         real,              -- geodesic metres to the nearest school
  clinic_id        integer,
  clinic_m         real               -- geodesic metres to the nearest hospital or health-promoting hospital
);
-- The on-request shares (a distance other than 5 or 10 km) read only target households: any area's
-- targets are one range of this index (bind the area's ancestors down to its own level), read by an
-- index-only scan (the refresh vacuums the table) — about 5 % of the rows.
create index household_access_target_idx
  on household_access (survey_year, province_code, district_code, subdistrict_code, village_code)
  include (school_m, clinic_m) where target;

-- The 2SFCA demand points: one per village and survey year, at the people-weighted mean of its
-- households' locations (where people live, unlike the polygon's label point, which is used only
-- when no household of the village has a location). people = members of its households.
create table access_village (
  survey_year   smallint not null,
  village_code  text not null references admin_area (code) on delete cascade,
  households    integer not null,
  people        integer not null,
  geom          geometry(Point, 4326) not null,
  clinic_2sfca  double precision,     -- A_i at the default d0: clinic capacity per person (null: no clinic within d0)
  primary key (survey_year, village_code)
);
create index access_village_geom_idx on access_village using gist (geom);

-- Geodesic metres between two nearby points, approximated on the plane tangent at their mean
-- latitude with the ellipsoid's radii of curvature there (WGS 84). Relative error below 5e-4 up to
-- about 100 km, far less at a few km; used only to rank candidates before the exact distance.
create or replace function povmap.approx_metres(x1 double precision, y1 double precision,
                                                x2 double precision, y2 double precision)
returns double precision language sql immutable parallel safe as $$
  select sqrt(power(6335439.327 / power(1 - 0.00669438 * power(sin(radians((y1 + y2) / 2)), 2), 1.5) * radians(y2 - y1), 2)
            + power(6378137.0 / sqrt(1 - 0.00669438 * power(sin(radians((y1 + y2) / 2)), 2))
                    * cos(radians((y1 + y2) / 2)) * radians(x2 - x1), 2))
$$;

-- Whether two points are within d metres (geodesic, WGS 84): decided by povmap.approx_metres when it
-- is clearly inside or outside (0.2 % + 1 m margin, far above its error), by ST_DistanceSpheroid only
-- near the edge. Exact, and a few times cheaper than measuring every pair on the spheroid.
create or replace function povmap.within_metres(a geometry, b geometry, d double precision)
returns boolean language sql immutable parallel safe as $$
  select case when povmap.approx_metres(st_x(a), st_y(a), st_x(b), st_y(b)) < d * 0.998 - 1 then true
              when povmap.approx_metres(st_x(a), st_y(a), st_x(b), st_y(b)) > d * 1.002 + 1 then false
              else st_distancespheroid(a, b) <= d end
$$;

-- The nearest of some candidate services (parallel arrays: id, point, longitude, latitude) to a point:
-- each ranked by povmap.approx_metres, those within 0.2 % + 1 m of the best approximation measured on
-- the spheroid, the nearest of those. No row for a null point or no candidates.
create or replace function povmap.nearest_candidate(p_geom geometry, ids integer[], geoms geometry[],
                                                    xs double precision[], ys double precision[])
returns table (service_id integer, metres double precision)
language sql immutable parallel safe as $$
  select q.id, st_distancespheroid(p_geom, q.geom)
  from (select u.*, min(u.approx) over () as best
        from (select u.id, u.geom, povmap.approx_metres(st_x(p_geom), st_y(p_geom), u.x, u.y) as approx
              from unnest(ids, geoms, xs, ys) as u(id, geom, x, y)) u) q
  where p_geom is not null and q.approx <= q.best * 1.002 + 1
  order by 2, 1 limit 1
$$;

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
create or replace function povmap.refresh_household_access(p_province text, k integer default 8) returns bigint
language plpgsql volatile as $$
declare
  written bigint;
begin
  delete from household_access where province_code = p_province;

  create temporary table access_candidate on commit drop as
  with village as (
    select a.code, a.label_point as c, max(h.geom <-> a.label_point) as r
    from admin_area a
    join household h on h.village_code = a.code and h.province_code = p_province
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
    where h.province_code = p_province
  ) x
  -- not provably the nearest: search again from the household itself (a null point searches nothing)
  left join lateral povmap.nearest_service(case when x.school_unsure then x.geom end, 'school') fs on true
  left join lateral povmap.nearest_service(case when x.clinic_unsure then x.geom end, 'clinic') fc on true;
  get diagnostics written = row_count;
  drop table access_candidate;

  delete from access_village v using admin_area a where a.code = v.village_code and a.province_code = p_province;
  insert into access_village (survey_year, village_code, households, people, geom)
  select h.survey_year, a.code, count(*), sum(h.members),
         coalesce(st_setsrid(st_makepoint(sum(st_x(h.geom) * h.members) / sum(h.members) filter (where h.geom is not null),
                                          sum(st_y(h.geom) * h.members) / sum(h.members) filter (where h.geom is not null)), 4326),
                  a.label_point)
  from household h
  join admin_area a on a.code = h.village_code
  where h.province_code = p_province
  group by h.survey_year, a.code;
  return written;
end
$$;

-- The 2SFCA ratio of every demand point of one survey year for a catchment of d0 metres (geodesic):
--   step 1, per clinic j:  R_j = capacity_j / Σ people_k over villages k within d0 of j
--   step 2, per village i: A_i = Σ R_j over clinics j within d0 of i   (capacity per person)
-- A clinic with nobody within d0 serves no one; a village with no clinic within d0 gets no row.
-- The candidate pairs come from the GiST index on access_village (planar degrees, radius widened by
-- povmap.min_metres_per_degree) and are then kept only within d0 on the spheroid (within_metres).
create or replace function povmap.clinic_2sfca_pairs(p_year smallint, p_d0 double precision)
returns table (clinic_id integer, capacity integer, village_code text, people integer)
language sql stable parallel safe as $$
  select c.id, c.capacity, v.village_code, v.people
  from service_point c
  join access_village v
    on v.survey_year = p_year
   and st_dwithin(v.geom, c.geom, p_d0 / povmap.min_metres_per_degree(st_y(c.geom), p_d0 / 110574.0))
   and povmap.within_metres(v.geom, c.geom, p_d0)
  where c.kind in ('hospital', 'health_promoting_hospital')
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

-- The default catchment, d0 = 10 km (also the API's default `catchment_km`).
create or replace function povmap.refresh_clinic_2sfca() returns void
language sql volatile as $$
  update access_village v set clinic_2sfca = null where v.clinic_2sfca is not null;
  update access_village v set clinic_2sfca = r.ratio
  from (select y.survey_year, f.village_code, f.ratio
        from (select distinct survey_year from access_village) y
        cross join lateral povmap.clinic_2sfca(y.survey_year, 10000) f) r
  where v.survey_year = r.survey_year and v.village_code = r.village_code;
$$;

-- The rollup per area (every level and the country 'TH') and survey year, for the API and the tiles.
-- "far": strictly farther than 5 or 10 km. Other thresholds are counted on request from
-- household_access (sql/api/area_access_far.sql). Shares divide by the located target households.
-- clinic_2sfca_per_1000: people-weighted mean of the villages' A_i (0 for villages with no clinic
-- within d0) × 1000, i.e. clinic capacity (patients per day) per 1,000 people.
-- Refresh with: refresh materialized view concurrently area_access_stats;
create materialized view area_access_stats as
with village as (  -- one row per village and year: its households' counts and sums
  select a.survey_year, a.province_code, a.district_code, a.subdistrict_code, a.village_code,
         count(*) as households,
         count(a.school_m) as school_located,
         count(a.clinic_m) as clinic_located,
         count(*) filter (where a.target) as target_households,
         count(a.school_m) filter (where a.target) as target_school_located,
         count(a.clinic_m) filter (where a.target) as target_clinic_located,
         count(*) filter (where a.target and a.school_m > 5000) as target_school_far_5km,
         count(*) filter (where a.target and a.school_m > 10000) as target_school_far_10km,
         count(*) filter (where a.target and a.clinic_m > 5000) as target_clinic_far_5km,
         count(*) filter (where a.target and a.clinic_m > 10000) as target_clinic_far_10km,
         sum(a.school_m::double precision) filter (where a.target) as target_school_m_sum,
         sum(a.clinic_m::double precision) filter (where a.target) as target_clinic_m_sum,
         sum(a.school_m::double precision) as school_m_sum,
         sum(a.clinic_m::double precision) as clinic_m_sum
  from household_access a
  group by a.survey_year, a.province_code, a.district_code, a.subdistrict_code, a.village_code
),
h as (
  select
    v.survey_year,
    case grouping(v.province_code, v.district_code, v.subdistrict_code, v.village_code)
      when 15 then 'TH' when 7 then v.province_code when 3 then v.district_code
      when 1 then v.subdistrict_code else v.village_code end as code,
    case grouping(v.province_code, v.district_code, v.subdistrict_code, v.village_code)
      when 15 then 'country' when 7 then 'province' when 3 then 'district'
      when 1 then 'subdistrict' else 'village' end as level,
    sum(v.households)::integer as households,
    sum(v.school_located)::integer as school_located,
    sum(v.clinic_located)::integer as clinic_located,
    sum(v.target_households)::integer as target_households,
    sum(v.target_school_located)::integer as target_school_located,
    sum(v.target_clinic_located)::integer as target_clinic_located,
    sum(v.target_school_far_5km)::integer as target_school_far_5km,
    sum(v.target_school_far_10km)::integer as target_school_far_10km,
    sum(v.target_clinic_far_5km)::integer as target_clinic_far_5km,
    sum(v.target_clinic_far_10km)::integer as target_clinic_far_10km,
    sum(v.target_school_m_sum) as target_school_m_sum,
    sum(v.target_clinic_m_sum) as target_clinic_m_sum,
    sum(v.school_m_sum) as school_m_sum,
    sum(v.clinic_m_sum) as clinic_m_sum,
    sum(d.people)::bigint as demand_people,
    sum(d.people * coalesce(d.clinic_2sfca, 0)) as clinic_capacity_reached
  from village v
  -- the demand point of the same village and year (both are written from the same households)
  left join access_village d on d.survey_year = v.survey_year and d.village_code = v.village_code
  group by v.survey_year, rollup (v.province_code, v.district_code, v.subdistrict_code, v.village_code)
)
select h.*,
       h.target_school_far_5km::double precision / nullif(h.target_school_located, 0) as school_far_5km_share,
       h.target_school_far_10km::double precision / nullif(h.target_school_located, 0) as school_far_10km_share,
       h.target_clinic_far_5km::double precision / nullif(h.target_clinic_located, 0) as clinic_far_5km_share,
       h.target_clinic_far_10km::double precision / nullif(h.target_clinic_located, 0) as clinic_far_10km_share,
       h.target_school_m_sum / nullif(h.target_school_located, 0) / 1000 as target_school_mean_km,
       h.target_clinic_m_sum / nullif(h.target_clinic_located, 0) / 1000 as target_clinic_mean_km,
       h.school_m_sum / nullif(h.school_located, 0) / 1000 as school_mean_km,
       h.clinic_m_sum / nullif(h.clinic_located, 0) / 1000 as clinic_mean_km,
       1000 * h.clinic_capacity_reached / nullif(h.demand_people, 0) as clinic_2sfca_per_1000
from h;

create unique index area_access_stats_key on area_access_stats (code, survey_year);
create index area_access_stats_level_idx on area_access_stats (level, survey_year);
