-- The nearest service of one kind ('school' or 'clinic') to a point, by geodesic distance: a search
-- of its own per point, the reference the measuring of every household (server/access/nearest.ts)
-- is checked and timed against (tests/integration/access.test.ts, tests/bench/access.bench.ts).
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
