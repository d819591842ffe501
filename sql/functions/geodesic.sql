-- Geodesic distances for service accessibility (sql/functions/refresh_household_access.sql):
-- a lower bound to turn planar degrees into metres, and a fast approximation to rank candidates.

-- A lower bound of the metres per planar degree (of latitude or of longitude) for any path that stays
-- within `lat_span` degrees of latitude `lat`. The meridian degree is at least 110,574 m (its value at
-- the equator) and the parallel degree is a·cos φ·π/180 ≥ 111,319·cos φ ≥ 110,574·cos φ, so a
-- geodesic of g metres between points p planar degrees apart satisfies g ≥ scale · p.
create or replace function povmap.min_metres_per_degree(lat double precision, lat_span double precision)
returns double precision language sql immutable parallel safe as $$
  select 110574.0 * cos(radians(least(abs(lat) + lat_span, 89.0)))
$$;

-- An upper bound of the metres per planar degree anywhere: a geodesic is no longer than the path
-- along the straight line between its ends on the plane (lon/lat), and along any path a degree is at
-- most the larger radius of curvature × π/180: the meridian's, at most a/√(1−e²) = 6,399,593.6 m at
-- the poles (111,693.9 m a degree), or the parallel's, N·cos φ ≤ a (111,319.5 m). Rounded up.
create or replace function povmap.max_metres_per_degree()
returns double precision language sql immutable parallel safe as $$
  select 111694.0::double precision
$$;

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

-- The WGS 84 ellipsoid's radii of curvature at latitude `lat` (degrees), in metres a radian: along the
-- meridian, M = a(1 − e²) / (1 − e² sin² φ)^1.5; along the parallel, N·cos φ with N = a / √(1 − e² sin² φ).
create or replace function povmap.meridian_radius(lat double precision)
returns double precision language sql immutable parallel safe as $$
  select 6378137.0 * (1 - 0.00669437999014) / power(1 - 0.00669437999014 * sin(radians(lat)) ^ 2, 1.5)
$$;
create or replace function povmap.parallel_radius(lat double precision)
returns double precision language sql immutable parallel safe as $$
  select 6378137.0 * cos(radians(lat)) / sqrt(1 - 0.00669437999014 * sin(radians(lat)) ^ 2)
$$;

-- How far apart the spheroid and a scaled plane can rank distances near latitude `lat`. On the plane
-- (k·λ, φ) in degrees, k = cos(lat), a path whose latitudes stay within `half_width` degrees of lat
-- is between L and U times as long on the WGS 84 ellipsoid (metres per planar degree): the
-- ellipsoid's metric is ds² = M(φ)² dφ² + (N(φ)·cos φ)² dλ² and the plane's dφ² + k² dλ², so in any
-- direction the ratio lies between the least and the greatest of M(φ) and N(φ)·cos φ / k over the
-- band (M grows with |φ| and N·cos φ shrinks with it, so both extremes sit at the band's ends, or at
-- the equator when the band holds it). Returns U / L: of two points seen from a third, one more than
-- U / L times farther on the plane is the farther on the spheroid too, when both paths stay in the
-- band (see povmap.nearest_candidate). Infinity, which separates nothing, when the band nears a pole
-- or when U exceeds twice 110,574 m a degree (the caller's band width rests on U being below that).
create or replace function povmap.scaled_plane_spread(lat double precision, half_width double precision)
returns double precision language sql immutable parallel safe as $$
  select case when abs(lat) + half_width >= 89 or u * pi() / 180 > 2 * 110574.0 then 'Infinity' else u / l end
  from (select greatest(povmap.meridian_radius(hi), povmap.parallel_radius(lo) / cos(radians(lat))) as u,
               least(povmap.meridian_radius(lo), povmap.parallel_radius(hi) / cos(radians(lat))) as l
        from (select greatest(abs(lat) - half_width, 0) as lo, least(abs(lat) + half_width, 89) as hi) band) radii
$$;
