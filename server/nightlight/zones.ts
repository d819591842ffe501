/**
 * The zone raster behind the night-light zonal statistics: the finest loaded level of admin areas
 * burned onto the composite's grid by GDAL's gdal_rasterize (one area number per pixel, by pixel
 * centre), tiled into nightlight_zone by raster2pgsql exactly like the composites. Then
 * povmap.refresh_nightlight_stats zips zone and radiance pixels tile by tile (sql/functions/nightlight_stats.sql):
 * one pass over the pixels instead of one point-in-polygon lookup per pixel, seconds instead of
 * minutes for the whole country.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SQL_DIR, sqlText } from '../../sql/load.js';
import { ADMIN_LEVELS } from '../../tiles/levels.js';
import type { Db } from '../db/knex.js';
import { gdalConnection } from '../db/gdal-connection.js';
import { run, TILE_SIZE, type Grid } from './tools.js';

interface GridRow { origin_x: number; origin_y: number; scale_x: number; scale_y: number; width: number | null; height: number }

/** A grid as the database spells it (nightlight_zone_grid, povmap.nightlight_year_grid), or null. */
function gridOf(r: GridRow | undefined): Grid | null {
  if (!r || r.width == null) return null;
  return { originX: r.origin_x, originY: r.origin_y, scaleX: r.scale_x, scaleY: r.scale_y, width: r.width, height: r.height };
}

/** The grid of a year already loaded, or null when that year has no composite. */
export async function yearGrid(db: Db, year: number): Promise<Grid | null> {
  const { rows } = await db.raw(sqlText('nightlight/year_grid.sql'), [year]);
  return gridOf(rows[0]);
}

async function zoneGrid(db: Db): Promise<Grid | null> {
  return gridOf(await db('nightlight_zone_grid').first());
}

/** Same grid, allowing the rounding of coordinates that went through text and back. */
export function sameGrid(a: Grid, b: Grid): boolean {
  const eps = Math.abs(a.scaleX) / 1000;
  return a.width === b.width && a.height === b.height && Math.abs(a.originX - b.originX) < eps &&
    Math.abs(a.originY - b.originY) < eps && Math.abs(a.scaleX - b.scaleX) < eps / 1000 && Math.abs(a.scaleY - b.scaleY) < eps / 1000;
}

/** Forget the zones (after a boundary change): the next refresh rebuilds them. */
export async function dropZones(db: Db): Promise<void> {
  await db.transaction(async (trx) => {
    await trx('nightlight_zone_grid').delete();
    await trx('nightlight_zone').delete();
    await trx('nightlight_zone_area').delete();
  });
}

/** Make sure the zones lie on `grid`, rebuilding them when they are missing or on another grid. */
export async function ensureZones(db: Db, url: string, grid: Grid, log: (step: string) => void = () => {}): Promise<void> {
  const current = await zoneGrid(db);
  if (current && sameGrid(current, grid)) return;
  const { rows } = await db.raw(sqlText('nightlight/finest_level.sql'), [[...ADMIN_LEVELS].reverse()]);
  const level: string | undefined = rows[0]?.level;
  if (!level) throw new Error('no admin areas loaded: nothing to compute night-light statistics for');
  log(`Burning the ${level} boundaries onto the ${grid.width}×${grid.height} night-light grid (gdal_rasterize)`);

  // numbers first, in their own transaction, so gdal_rasterize (another connection) can read them
  await db.transaction(async (trx) => {
    await trx('nightlight_zone_grid').delete();
    await trx('nightlight_zone').delete();
    await trx('nightlight_zone_area').delete();
    await trx.raw(sqlText('nightlight/zone_areas.sql'), [level]);
  });

  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'povmap-zones-'));
  try {
    const tif = path.join(work, 'zones.tif');
    const west = grid.originX;
    const north = grid.originY;
    const east = west + grid.width * grid.scaleX;
    const south = north + grid.height * grid.scaleY;
    run('gdal_rasterize', ['-q', '-a', 'zone', '-sql',
      sqlText('nightlight/zone_shapes.sql').replace(/^--.*\n/gm, ''),
      '-te', String(west), String(south), String(east), String(north), '-ts', String(grid.width), String(grid.height),
      '-ot', 'UInt32', '-init', '0', '-a_nodata', '0', '-co', 'COMPRESS=DEFLATE', gdalConnection(url), tif]);
    const stage = `nightlight_zone_import_${process.pid}`;
    const loadSql = path.join(work, 'load.sql');
    const out = fs.openSync(loadSql, 'w');
    try {
      run('raster2pgsql', ['-s', '4326', '-t', `${TILE_SIZE}x${TILE_SIZE}`, '-Y', '-e', '-c', tif, `public.${stage}`], out);
    } finally {
      fs.closeSync(out);
    }
    const variables = { stage, level, origin_x: grid.originX, origin_y: grid.originY, scale_x: grid.scaleX, scale_y: grid.scaleY, width: grid.width, height: grid.height };
    run('psql', [url, '-X', '-q', '-v', 'ON_ERROR_STOP=1', ...Object.entries(variables).flatMap(([k, v]) => ['-v', `${k}=${v}`]),
      '-1', '-f', loadSql, '-f', path.join(SQL_DIR, 'nightlight/zones_finish.sql')]);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Zonal statistics of one loaded year (zones rebuilt first when needed); returns the areas written.
 * Within a caller's transaction the zones must already be right (see importNightlight).
 */
export async function refreshNightlightYear(db: Db, url: string, year: number, log: (step: string) => void = () => {}): Promise<number> {
  const grid = await yearGrid(db, year);
  if (!grid) return 0;
  await ensureZones(db, url, grid, log);
  log(`Night-light zonal statistics ${year}`);
  const { rows } = await db.raw(sqlText('nightlight/refresh_stats.sql'), [year]);
  return Number(rows[0].n);
}
