/**
 * Loads one year's night-light GeoTIFF into nightlight_raster (256×256 tiles) and nightlight_overview
 * (raster2pgsql overviews at 1/2 … 1/16 resolution), replacing that year, recomputing its zonal
 * statistics and bumping the 'nightlight' data version, all in one transaction: a failure anywhere
 * leaves the previous year's data as it was.
 *
 * raster2pgsql writes COPY statements into a staging table named after this process; psql runs them
 * with the statements that move the tiles under their year, in a single transaction (-1).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SQL_DIR, sqlText } from '../../sql/load.js';
import type { Db } from '../db/knex.js';
import { checkCoverage, inspectGeoTiff, type Extent, type RasterInfo } from './inspect.js';
import { NightlightFileError, run, TILE_SIZE } from './tools.js';
import { ensureZones } from './zones.js';
export const OVERVIEW_FACTORS = [2, 4, 8, 16] as const;

export interface ImportResult {
  year: number;
  tiles: number;
  areas: number;
  info: RasterInfo;
  reprojected: boolean;
}

/** The loaded country's bounding box; without boundaries, Thailand's. */
async function countryExtent(db: Db): Promise<Extent> {
  const { rows } = await db.raw(sqlText('nightlight/country_extent.sql'));
  const r = rows[0];
  return r?.west == null ? { west: 97.3, south: 5.6, east: 105.7, north: 20.5 } : r;
}

export async function importNightlight(db: Db, url: string, file: string, year: number,
                                       log: (step: string) => void = () => {}): Promise<ImportResult> {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new NightlightFileError(`--year must be a year between 2000 and 2100, not ${year}`);
  const info = inspectGeoTiff(file);
  checkCoverage(file, info, await countryExtent(db));
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'povmap-nightlight-'));
  try {
    let source = file;
    const reprojected = info.epsg !== 4326;
    if (reprojected) {
      log(`Reprojecting ${path.basename(file)} from EPSG:${info.epsg ?? '?'} to EPSG:4326 with gdalwarp`);
      source = path.join(work, 'warped.tif');
      run('gdalwarp', ['-q', '-t_srs', 'EPSG:4326', '-r', 'bilinear', '-dstnodata', '-1', '-co', 'TILED=YES', file, source]);
    }
    // the zone raster must lie on this file's grid before the transaction computes statistics with it
    await ensureZones(db, url, reprojected ? inspectGeoTiff(source).grid : info.grid, log);
    const stage = `nightlight_import_${process.pid}`;
    log(`Tiling ${path.basename(file)} (${info.width}×${info.height} pixels) with raster2pgsql`);
    const loadSql = path.join(work, 'load.sql');
    const out = fs.openSync(loadSql, 'w');
    try {
      // -e: no BEGIN/COMMIT of its own, so psql -1 makes the whole import one transaction
      run('raster2pgsql', ['-s', '4326', '-t', `${TILE_SIZE}x${TILE_SIZE}`, '-l', OVERVIEW_FACTORS.join(','), '-Y', '-e', '-c',
        source, `public.${stage}`], out);
    } finally {
      fs.closeSync(out);
    }
    log(`Loading ${year} and computing its zonal statistics per area (one transaction)`);
    run('psql', [url, '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-v', `year=${year}`, '-v', `stage=${stage}`,
      '-v', `factors=${OVERVIEW_FACTORS.join(',')}`, '-1', '-f', loadSql, '-f', path.join(SQL_DIR, 'nightlight/import_finish.sql')]);
    const [{ tiles }] = await db('nightlight_raster').where({ year }).count({ tiles: '*' });
    const [{ areas }] = await db('nightlight_area_stats').where({ year }).count({ areas: '*' });
    return { year, tiles: Number(tiles), areas: Number(areas), info, reprojected };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
