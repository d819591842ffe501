/**
 * Coordinate reference systems of OGC API – Features Part 2 (issue 19): answers in CRS84
 * (longitude, latitude; the default), EPSG:4326 (latitude first, as the EPSG definition orders its
 * axes) or EPSG:3857 (web mercator, metres), chosen by `crs`; a `bbox` may be given in any of them
 * (`bbox-crs`). The source geometry is EPSG:4326 in the database, so a box is turned into a
 * longitude/latitude box here and answers are transformed by PostGIS (sql/ogc/page.sql).
 */
import { HttpProblem } from '../plugins/problem.js';

export interface Crs {
  uri: string;
  srid: 4326 | 3857;
  /** Latitude before longitude (EPSG:4326's axis order). */
  flip: boolean;
  /** Decimals of coordinates written: about 1 cm either way. */
  decimals: number;
}

export const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';
const EPSG_4326 = 'http://www.opengis.net/def/crs/EPSG/0/4326';
const EPSG_3857 = 'http://www.opengis.net/def/crs/EPSG/0/3857';

const SUPPORTED: readonly Crs[] = [
  { uri: CRS84, srid: 4326, flip: false, decimals: 7 },
  { uri: EPSG_4326, srid: 4326, flip: true, decimals: 7 },
  { uri: EPSG_3857, srid: 3857, flip: false, decimals: 2 },
];

/** The CRS URIs every collection offers (its `crs` list); the first is the storage and default CRS. */
export const CRS_URIS = SUPPORTED.map((c) => c.uri);

/** The CRS a parameter names (a URI above, or the short forms a person types); 400 otherwise. */
export function crsOf(value: string | undefined, parameter: string): Crs {
  if (value === undefined) return SUPPORTED[0];
  const short: Record<string, string> = { 'crs84': CRS84, 'epsg:4326': EPSG_4326, 'epsg:3857': EPSG_3857, '[ogc:crs84]': CRS84, '[epsg:4326]': EPSG_4326, '[epsg:3857]': EPSG_3857 };
  const uri = short[value.toLowerCase()] ?? value.replace(/^https:/, 'http:');
  const crs = SUPPORTED.find((c) => c.uri === uri);
  if (!crs) throw new HttpProblem(400, `query parameter "${parameter}" names an unsupported CRS (have ${CRS_URIS.join(', ')})`, { parameter, in: 'querystring' });
  return crs;
}

/** A `Content-Crs` header value (Part 2). */
export const contentCrs = (crs: Crs) => `<${crs.uri}>`;

export interface LonLatBox {
  xmin: number;
  ymin: number;
  xmax: number;
  ymax: number;
}

const R = 6378137;
const MERCATOR_MAX = Math.PI * R;
const toLon = (x: number) => (x / R) * (180 / Math.PI);
const toLat = (y: number) => (2 * Math.atan(Math.exp(y / R)) - Math.PI / 2) * (180 / Math.PI);

/**
 * A `bbox` (4 numbers, or 6 with heights, which are ignored) in `crs` as a longitude/latitude box.
 * Refused with 400 naming `bbox`: not numbers, a minimum above its maximum (boxes across the
 * antimeridian are not needed for Thailand), values outside the CRS's range.
 */
export function bboxOf(value: string, crs: Crs): LonLatBox {
  const bad = (why: string) => new HttpProblem(400, `query parameter "bbox" ${why}`, { parameter: 'bbox', in: 'querystring' });
  const parts = value.split(',');
  if (parts.length !== 4 && parts.length !== 6) throw bad('must be 4 (or 6) comma-separated numbers: minx,miny,maxx,maxy');
  const n = parts.map((p) => (/^\s*[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?\s*$/.test(p) ? Number(p) : NaN));
  if (n.some((v) => !Number.isFinite(v))) throw bad('must hold finite numbers only');
  let [x1, y1, x2, y2] = parts.length === 4 ? n : [n[0], n[1], n[3], n[4]];
  if (crs.flip) [x1, y1, x2, y2] = [y1, x1, y2, x2];
  if (x1 > x2 || y1 > y2) throw bad('has a minimum above its maximum');
  if (crs.srid === 3857) {
    if ([x1, y1, x2, y2].some((v) => Math.abs(v) > MERCATOR_MAX * 1.0001)) throw bad(`lies outside EPSG:3857 (±${Math.round(MERCATOR_MAX)} m)`);
    return { xmin: toLon(x1), ymin: toLat(y1), xmax: toLon(x2), ymax: toLat(y2) };
  }
  if (Math.abs(x1) > 180 || Math.abs(x2) > 180 || Math.abs(y1) > 90 || Math.abs(y2) > 90) throw bad('lies outside longitude ±180, latitude ±90');
  return { xmin: x1, ymin: y1, xmax: x2, ymax: y2 };
}
