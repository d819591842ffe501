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

-- The nearest of some candidate services (parallel arrays: id, point) to a point by geodesic distance,
-- ties to the smaller id. No row for a null point or no candidates.
-- Measuring every candidate on the spheroid (about 1 µs each) was most of the cost of the distances;
-- a planar distance costs a tenth of that. So the candidates are also given on the scaled plane
-- (k·λ, φ) (sgeoms, and smp: all of them as one multipoint), and only those within `spread` times the
-- smallest planar distance (povmap.scaled_plane_spread) are measured on the spheroid: one per
-- household and kind of service, rarely two, instead of four to six. Exact, when the band given to
-- scaled_plane_spread holds every path below. Let a be the candidate nearest on the plane, at planar
-- distance p(a), and b one farther than spread × p(a) on the plane. Then s(a), a's geodesic metres,
-- is at most U·p(a) (the straight planar path stays in the band), and if s(b) ≤ s(a), b's geodesic
-- stays in the band too, so s(b) ≥ L·p(b) > L·spread·p(a) = U·p(a) ≥ s(a): a contradiction. So every
-- candidate left out is strictly farther than a, and the nearest (ties and all) is among those
-- measured. (Ranking by povmap.approx_metres instead, an expression evaluated per candidate, cost
-- more than the spheroid: 16.7 s against 13.2 s per million households and kind of service.)
-- (the signatures before: without the plane, and with the candidates' longitudes and latitudes)
drop function if exists povmap.nearest_candidate(geometry, integer[], geometry[], double precision[], double precision[]);
drop function if exists povmap.nearest_candidate(geometry, integer[], geometry[]);
create or replace function povmap.nearest_candidate(p_geom geometry, ids integer[], geoms geometry[], k double precision,
                                                    sgeoms geometry[], smp geometry, spread double precision)
returns table (service_id integer, metres double precision)
language sql immutable parallel safe as $$
  -- the smallest (metres, id) pair: arrays compare element by element; the point on the plane and the
  -- planar limit are computed once (offset 0), not once per candidate; 1e-12 degrees for rounding
  select best[2]::integer, best[1]
  from (select st_scale(p_geom, k, 1) as p offset 0) h
  cross join lateral (select (h.p <-> smp) * spread * (1 + 1e-9) + 1e-12 as limit_deg offset 0) l
  cross join lateral (select min(array[st_distancespheroid(p_geom, u.geom), u.id]) as best
                      from unnest(ids, geoms, sgeoms) as u(id, geom, sg)
                      where (h.p <-> u.sg) <= l.limit_deg) m
  where best is not null
$$;
