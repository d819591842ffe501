/**
 * The nearest service of a kind to a point by geodesic distance on the WGS 84 ellipsoid, ties to the
 * smaller id: what a household's row of household_access holds (./measure.ts writes them).
 *
 * The services of a kind (tens of thousands) are held here in a static 2-d index on longitude and
 * latitude (kdbush). A household's candidates are the services in a box around it; the nearest on
 * the scaled plane (k·λ, φ), k = cos φ₀, is measured on the ellipsoid (GeographicLib's Inverse, the
 * algorithm PostGIS's ST_DistanceSpheroid uses, so the metres agree with it to about 1e-8 m), and so
 * is any other candidate the plane cannot prove farther. Why that proof holds:
 *   - along any path, a degree of latitude is at least 110,574 m (the meridian degree at the
 *     equator) and a degree of longitude at least 110,574 · cos φ m (the parallel's, N·cos φ ≥ a·cos φ);
 *     on the scaled plane a unit step is therefore at least L = 110,574 · min(1, cos φ / k) metres;
 *   - a geodesic of s metres moves at most s / 110,574 degrees of latitude, so one no longer than the
 *     best found, b, stays within w = b / 110,574 degrees of φ₀, where cos φ ≥ cos(|φ₀| + w);
 *   - so a service at planar distance d with L(w) · d > b is farther than b: were it not, its
 *     geodesic would stay in the band and be at least L(w) · d. Only the candidates with
 *     d ≤ b / L(w) are measured (one per household and kind, now and then two);
 *   - the box holds every service within R on the plane; when b / L(w) > R a service outside could
 *     still be nearer, and the box is widened to b / L(w) and searched again.
 * Margins of 1e-9 (relative) and 1e-6 m cover the rounding of the distances themselves. The
 * coordinates are taken as they are on the plane: services and households must not straddle the
 * antimeridian (Thailand lies between 97° and 106° E). Within about a degree of a pole the bound
 * gives out, and every service of the kind is measured.
 *
 * A province of the national profile measured by PostgreSQL before (candidates per village from the
 * GiST index, then the spheroid per household): 9.0–10.6 s for province 30's 385,787 households on
 * one connection; here about 2.4 s of this process's time (tests/bench/RESULTS.md, access).
 */
import geographiclib from 'geographiclib-geodesic';
import KDBush from 'kdbush';

const { Geodesic } = geographiclib;
const WGS84 = Geodesic.WGS84;
const DISTANCE = Geodesic.DISTANCE;
const RADIANS = Math.PI / 180;
/** The metres of a degree of latitude at the equator, the least anywhere. */
const MERIDIAN_DEGREE = 110_574;

/** The services of one kind: their ids and points (longitude, latitude), in one order. */
export interface ServicePoints {
  ids: Int32Array;
  lons: Float64Array;
  lats: Float64Array;
}

/** The services of one kind with an index over their points. */
export interface ServiceSet extends ServicePoints {
  index: KDBush;
}

/** A service set over `points` (services without a location are left out by the caller). */
export function serviceSet(points: ServicePoints): ServiceSet {
  const index = new KDBush(Math.max(points.ids.length, 1));
  for (let i = 0; i < points.ids.length; i++) index.add(points.lons[i], points.lats[i]);
  if (points.ids.length === 0) index.add(0, 0); // kdbush wants a point; never returned (a search of no services stops first)
  index.finish();
  return { ...points, index };
}

/** Points of services as the arrays a service set keeps. */
export function servicePoints(points: ReadonlyArray<{ id: number; lon: number; lat: number }>): ServicePoints {
  return {
    ids: Int32Array.from(points, (p) => p.id), lons: Float64Array.from(points, (p) => p.lon), lats: Float64Array.from(points, (p) => p.lat),
  };
}

/** Geodesic metres from (lon1, lat1) to (lon2, lat2) on WGS 84. */
export function geodesicMetres(lon1: number, lat1: number, lon2: number, lat2: number): number {
  return WGS84.Inverse(lat1, lon1, lat2, lon2, DISTANCE).s12 as number; // always given when DISTANCE is asked for
}

/** The least metres per unit of the scaled plane (k = cos φ₀) along a path within `metres` of latitude φ₀; 0 near a pole. */
function leastMetresPerUnit(lat: number, k: number, metres: number): number {
  const edge = Math.abs(lat) + metres / MERIDIAN_DEGREE + 1e-9;
  return edge >= 89 ? 0 : MERIDIAN_DEGREE * Math.min(1, Math.cos(edge * RADIANS) / k);
}

/** `metres` with room for the rounding of a geodesic distance (1e-9 of it and 1e-6 m). */
const withRounding = (metres: number) => metres * (1 + 1e-9) + 1e-6;

/** The answer of a search: the service's id and its geodesic metres; id 0 and Infinity when the set is empty. */
export interface Nearest {
  id: number;
  metres: number;
}

/**
 * Searches one service set from many points in turn. It remembers how far the last answer was, and
 * starts the next search with a box of about that size: a village's households come one after
 * another and are about as far from their services.
 */
export class NearestSearch {
  private radius = 0.02; // planar degrees, about 2 km

  constructor(private readonly services: ServiceSet) {}

  /** The nearest service to (lon, lat), written into `into`. */
  find(lon: number, lat: number, into: Nearest): Nearest {
    const { ids, lons, lats, index } = this.services;
    into.id = 0;
    into.metres = Infinity;
    if (ids.length === 0) return into;
    const k = Math.cos(lat * RADIANS);
    let radius = this.radius;
    for (;;) {
      const inBox = leastMetresPerUnit(lat, k, 0) === 0 || radius === Infinity
        ? Array.from(ids, (_, i) => i)
        : index.range(lon - radius / k, lat - radius, lon + radius / k, lat + radius);
      // the candidate nearest on the plane, measured first
      let nearestSq = Infinity;
      let first = -1;
      for (const i of inBox) {
        const dx = (lons[i] - lon) * k;
        const dy = lats[i] - lat;
        const sq = dx * dx + dy * dy;
        if (sq < nearestSq || (sq === nearestSq && ids[i] < ids[first])) {
          nearestSq = sq;
          first = i;
        }
      }
      if (first < 0 || Math.sqrt(nearestSq) > radius) {
        // nothing within the radius (the box's corners are beyond it): look farther
        radius = radius * 4 > 360 ? Infinity : radius * 4;
        continue;
      }
      let best = geodesicMetres(lon, lat, lons[first], lats[first]);
      let bestId = ids[first];
      const perUnit = leastMetresPerUnit(lat, k, best);
      const limit = withRounding(best);
      for (const i of inBox) {
        if (i === first) continue;
        const dx = (lons[i] - lon) * k;
        const dy = lats[i] - lat;
        if (perUnit * Math.sqrt(dx * dx + dy * dy) > limit) continue;
        const metres = geodesicMetres(lon, lat, lons[i], lats[i]);
        if (metres < best || (metres === best && ids[i] < bestId)) {
          best = metres;
          bestId = ids[i];
        }
      }
      // every service that could be as near lies within `reach` on the plane: was it all in the box?
      const bound = leastMetresPerUnit(lat, k, best);
      const reach = bound === 0 ? Infinity : withRounding(best) / bound;
      if (reach <= radius) {
        this.radius = best / MERIDIAN_DEGREE * 1.5 + 0.003;
        into.id = bestId;
        into.metres = best;
        return into;
      }
      radius = reach * (1 + 1e-9);
    }
  }
}
