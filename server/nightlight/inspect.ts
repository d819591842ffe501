/**
 * Checks a night-light GeoTIFF before anything is loaded, with `gdalinfo -json -stats`: one band, a
 * coordinate system, a footprint on the loaded country, and at least one pixel with data. Each failure
 * is one sentence a person can act on (NightlightFileError), so the CLI prints it as a single line.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { NightlightFileError, type Grid } from './tools.js';

export interface Extent {
  west: number;
  south: number;
  east: number;
  north: number;
}

export interface RasterInfo {
  width: number;
  height: number;
  /** EPSG code of the file's coordinate system, null when it has one without an EPSG code. */
  epsg: number | null;
  /** The footprint in longitude/latitude (GDAL's wgs84Extent). */
  extent: Extent;
  min: number;
  max: number;
  /** The pixel grid in the file's own coordinates (GDAL's geotransform, north-up). */
  grid: Grid;
}

interface GdalInfo {
  size?: [number, number];
  geoTransform?: number[];
  coordinateSystem?: { wkt?: string };
  stac?: { 'proj:epsg'?: number | null };
  wgs84Extent?: { coordinates: number[][][] };
  bands?: Array<{ minimum?: number; maximum?: number }>;
}

export function inspectGeoTiff(file: string): RasterInfo {
  if (!fs.existsSync(file)) throw new NightlightFileError(`${file}: no such file`);
  // GDAL_PAM_ENABLED=NO: computing statistics must not leave a .aux.xml beside the user's file
  const r = spawnSync('gdalinfo', ['-json', '-stats', file], {
    encoding: 'utf8', env: { ...process.env, GDAL_PAM_ENABLED: 'NO' }, maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw new NightlightFileError(`cannot run gdalinfo (install gdal-bin): ${r.error.message}`);
  if (r.status !== 0) throw new NightlightFileError(`${file}: not a raster GDAL can read (${firstLine(r.stderr)})`);
  const info = JSON.parse(r.stdout) as GdalInfo;
  const bands = info.bands ?? [];
  if (bands.length !== 1) throw new NightlightFileError(`${file}: has ${bands.length} bands; a night-light composite has exactly one (radiance)`);
  const wkt = info.coordinateSystem?.wkt ?? '';
  if (!wkt) throw new NightlightFileError(`${file}: has no coordinate reference system; assign one (gdal_translate -a_srs EPSG:4326)`);
  const epsg = info.stac?.['proj:epsg'] ?? epsgFromWkt(wkt);
  const ring = info.wgs84Extent?.coordinates?.[0];
  if (!ring?.length) throw new NightlightFileError(`${file}: its coordinate system (EPSG:${epsg ?? '?'}) cannot be converted to longitude/latitude`);
  const lons = ring.map((p) => p[0]);
  const lats = ring.map((p) => p[1]);
  const extent = { west: Math.min(...lons), south: Math.min(...lats), east: Math.max(...lons), north: Math.max(...lats) };
  const band = bands[0];
  if (band.minimum === undefined || band.maximum === undefined || !Number.isFinite(band.minimum)) {
    throw new NightlightFileError(`${file}: has no data (every pixel is nodata)`);
  }
  const [width, height] = info.size ?? [0, 0];
  const gt = info.geoTransform ?? [0, 1, 0, 0, 0, -1];
  if (gt[2] !== 0 || gt[4] !== 0 || gt[5] >= 0) throw new NightlightFileError(`${file}: is rotated or not north-up; warp it first (gdalwarp -t_srs EPSG:4326)`);
  const grid = { originX: gt[0], originY: gt[3], scaleX: gt[1], scaleY: gt[5], width, height };
  return { width, height, epsg, extent, min: band.minimum, max: band.maximum, grid };
}

/** The raster must overlap the country whose areas are loaded, or its CRS is wrong (or the file is). */
export function checkCoverage(file: string, info: RasterInfo, country: Extent): void {
  const e = info.extent;
  const overlaps = e.west < country.east && e.east > country.west && e.south < country.north && e.north > country.south;
  if (!overlaps) {
    const fmt = (x: Extent) => `${x.west.toFixed(2)}…${x.east.toFixed(2)}°E, ${x.south.toFixed(2)}…${x.north.toFixed(2)}°N`;
    throw new NightlightFileError(
      `${file}: in its coordinate system (EPSG:${info.epsg ?? '?'}) it covers ${fmt(e)}, which misses the loaded country ` +
      `(${fmt(country)}); the coordinate system is probably wrong`);
  }
}

function epsgFromWkt(wkt: string): number | null {
  const m = /ID\["EPSG",(\d+)\]\]\s*$/.exec(wkt) ?? /AUTHORITY\["EPSG","(\d+)"\]\]\s*$/.exec(wkt);
  return m ? Number(m[1]) : null;
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? 'unknown error';
}
