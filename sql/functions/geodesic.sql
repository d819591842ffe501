-- Geodesic distances for service accessibility (the per-point search, sql/functions/nearest_service.sql,
-- and the clinics' catchments, sql/functions/clinic_2sfca.sql): a lower bound to turn planar degrees
-- into metres, and a fast approximation to decide most pairs without the spheroid.

-- A lower bound of the metres per planar degree (of latitude or of longitude) for any path that stays
-- within `lat_span` degrees of latitude `lat`. The meridian degree is at least 110,574 m (its value at
-- the equator) and the parallel degree is a·cos φ·π/180 ≥ 111,319·cos φ ≥ 110,574·cos φ, so a
-- geodesic of g metres between points p planar degrees apart satisfies g ≥ scale · p.
create or replace function povmap.min_metres_per_degree(lat double precision, lat_span double precision)
returns double precision language sql immutable parallel safe as $$
  select 110574.0 * cos(radians(least(abs(lat) + lat_span, 89.0)))
$$;

-- (an upper bound the measuring in SQL used; it measures in server/access/nearest.ts now)
drop function if exists povmap.max_metres_per_degree();

-- Geodesic metres between two nearby points, approximated on the plane tangent at their mean
-- latitude with the ellipsoid's radii of curvature there (WGS 84). Relative error below 5e-4 up to
-- about 100 km, far less at a few km; povmap.within_metres decides the clear cases with it.
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
