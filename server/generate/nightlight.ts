/**
 * A VIIRS-like annual night-light composite per survey year, written as GeoTIFF (EPSG:4326,
 * 15 arc-second ≈ 464 m pixels, radiance in nW/cm²/sr, float32, nodata -1).
 *
 * Light comes from where people live: every village's households are dropped on the grid at its
 * label point, weighted down where the village is poor, then spread by two Gaussian blurs (a bright
 * core and a wide halo), which makes cities bright, small towns dim and the poor countryside dark, so
 * light is loosely anti-correlated with poverty. A little deterministic noise gives the speckle of
 * real composites. GDAL's gdal_translate writes the GeoTIFF from a raw grid.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { SetupError } from '../cli/output.js';
import { sqlText } from '../../sql/load.js';
import type { Db } from '../db/knex.js';

export const PIXEL_DEGREES = 1 / 240; // 15 arc-seconds
export const NIGHTLIGHT_BOUNDS = { west: 97.3, south: 5.6, east: 105.7, north: 20.5 };

export interface NightlightGrid {
  width: number;
  height: number;
  values: Float32Array;
}

/** A seeded, order-independent hash in [0, 1) for pixel noise. */
function noise(seed: number, i: number): number {
  let h = (Math.imul(i ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(seed, 0xc2b2ae35)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b) >>> 0;
  return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
}

function gaussianKernel(sigma: number): Float32Array {
  const r = Math.ceil(3 * sigma);
  const k = new Float32Array(2 * r + 1);
  let sum = 0;
  for (let i = -r; i <= r; i++) sum += k[i + r] = Math.exp(-(i * i) / (2 * sigma * sigma));
  return k.map((v) => v / sum);
}

/** Separable Gaussian blur of a width × height grid. */
export function blur(src: Float32Array, width: number, height: number, sigma: number): Float32Array {
  const k = gaussianKernel(sigma);
  const r = (k.length - 1) / 2;
  const tmp = new Float32Array(src.length);
  const out = new Float32Array(src.length);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const v = src[row + x];
      if (v === 0) continue; // sparse input: scatter instead of gather
      for (let i = -r; i <= r; i++) {
        const xx = x + i;
        if (xx >= 0 && xx < width) tmp[row + xx] += v * k[i + r];
      }
    }
  }
  for (let x = 0; x < width; x++) {
    for (let y = 0; y < height; y++) {
      const v = tmp[y * width + x];
      if (v === 0) continue;
      for (let i = -r; i <= r; i++) {
        const yy = y + i;
        if (yy >= 0 && yy < height) out[yy * width + x] += v * k[i + r];
      }
    }
  }
  return out;
}

export async function nightlightGrid(db: Db, year: number, seed: number): Promise<NightlightGrid> {
  const { west, south, east, north } = NIGHTLIGHT_BOUNDS;
  const width = Math.round((east - west) / PIXEL_DEGREES);
  const height = Math.round((north - south) / PIXEL_DEGREES);
  const { rows } = await db.raw(sqlText('generate/village_mass.sql'), [year]);
  if (!rows.length) throw new SetupError(`no village rollups for ${year}; generate data first`);
  const mass = new Float32Array(width * height);
  for (const r of rows as Array<{ lon: number; lat: number; households: number; target_share: number }>) {
    const x = Math.floor((r.lon - west) / PIXEL_DEGREES);
    const y = Math.floor((north - r.lat) / PIXEL_DEGREES);
    if (x >= 0 && x < width && y >= 0 && y < height) mass[y * width + x] += r.households / (0.02 + r.target_share);
  }
  const core = blur(mass, width, height, 1.5);
  const halo = blur(mass, width, height, 8);
  // later years are a little brighter (economic growth), with their own speckle
  const growth = 1 + 0.04 * (year - 2022);
  const values = new Float32Array(width * height);
  for (let i = 0; i < values.length; i++) {
    const lit = 0.02 * core[i] + 0.08 * halo[i];
    values[i] = Math.round((growth * 60 * (1 - Math.exp(-lit / 40)) + 0.15 + 0.3 * noise(seed + year, i)) * 100) / 100;
  }
  return { width, height, values };
}

/** Write the grid as a tiled, compressed GeoTIFF with gdal_translate. */
export function writeGeoTiff(grid: NightlightGrid, file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const raw = file.replace(/\.tif$/, '.bil');
  fs.writeFileSync(raw, Buffer.from(grid.values.buffer));
  const { west, north } = NIGHTLIGHT_BOUNDS;
  fs.writeFileSync(raw.replace(/\.bil$/, '.hdr'), [
    'BYTEORDER I', 'LAYOUT BIL', `NROWS ${grid.height}`, `NCOLS ${grid.width}`, 'NBANDS 1', 'NBITS 32', 'PIXELTYPE FLOAT',
    `ULXMAP ${west + PIXEL_DEGREES / 2}`, `ULYMAP ${north - PIXEL_DEGREES / 2}`, `XDIM ${PIXEL_DEGREES}`, `YDIM ${PIXEL_DEGREES}`, 'NODATA -1', '',
  ].join('\n'));
  const r = spawnSync('gdal_translate', ['-q', '-of', 'GTiff', '-a_srs', 'EPSG:4326', '-co', 'COMPRESS=DEFLATE', '-co', 'PREDICTOR=3',
    '-co', 'TILED=YES', '-mo', 'UNITS=nW/cm2/sr', raw, file], { encoding: 'utf8' });
  for (const f of [raw, raw.replace(/\.bil$/, '.hdr')]) fs.rmSync(f, { force: true });
  if (r.error || r.status !== 0) throw new SetupError(`gdal_translate failed: ${r.error?.message ?? r.stderr.trim()}`);
}
