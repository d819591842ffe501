/**
 * Night-light PNG tiles: address validation, the overview to read at each zoom, and an LRU of encoded
 * tiles keyed by the 'nightlight' data version (a re-import changes the version, so stale tiles are
 * never served). Concurrent requests for one missing tile share one query.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { LRUCache } from 'lru-cache';
import type pg from 'pg';
import { PNG } from 'pngjs';
import { PROJECT_ROOT } from '../config.js';
import type { Db } from '../db/knex.js';
import { HttpProblem } from '../plugins/problem.js';
import { OVERVIEW_FACTORS } from './import.js';
import { colormap } from './ramp.js';

export const PNG_MINZOOM = 0;
export const PNG_MAXZOOM = 14;
const SOURCE_PIXEL_METRES = 6378137 * 2 * Math.PI / 360 / 240; // 15″ at the equator ≈ 464 m
const SQL = fs.readFileSync(path.join(PROJECT_ROOT, 'sql', 'tiles', 'nightlight_png.sql'), 'utf8');
const COLORMAP = colormap();

export interface PngTile {
  body: Buffer;
  etag: string;
}

/** The coarsest overview whose pixels are still no larger than the tile's (full resolution from z8). */
export function overviewFactor(z: number): number {
  const tilePixel = 2 * Math.PI * 6378137 / 256 / 2 ** z;
  let factor = 1;
  for (const f of OVERVIEW_FACTORS) if (f * SOURCE_PIXEL_METRES <= tilePixel) factor = f;
  return factor;
}

const integer = (name: string, raw: string, min: number, max: number): number => {
  if (!/^\d{1,4}$/.test(raw)) throw new HttpProblem(400, `path parameter "${name}" must be a whole number, not "${raw}"`, { parameter: name, in: 'params' });
  const n = Number(raw);
  if (n < min || n > max) throw new HttpProblem(400, `path parameter "${name}" must be between ${min} and ${max}, not ${n}`, { parameter: name, in: 'params' });
  return n;
};

export function parseAddress(p: { year: string; z: string; x: string; y: string }) {
  const year = integer('year', p.year, 2000, 2100);
  const z = integer('z', p.z, PNG_MINZOOM, PNG_MAXZOOM);
  const x = integer('x', p.x, 0, 2 ** z - 1);
  const y = integer('y', p.y, 0, 2 ** z - 1);
  return { year, z, x, y };
}

let transparent: Buffer | undefined;
/** A fully transparent tile, for places the composite does not cover. */
function transparentPng(): Buffer {
  transparent ??= PNG.sync.write(new PNG({ width: 256, height: 256 }));
  return transparent;
}

export class NightlightTiles {
  private readonly cache = new LRUCache<string, PngTile>({ maxSize: 64 * 1024 * 1024, sizeCalculation: (t) => t.body.length + 100 });
  private readonly pending = new Map<string, Promise<PngTile>>();

  constructor(private readonly db: Db) {}

  async tile(p: { year: string; z: string; x: string; y: string }): Promise<PngTile> {
    const a = parseAddress(p);
    const [versionRow, years] = await Promise.all([
      this.db('data_version').where({ name: 'nightlight' }).first('version'),
      this.db('nightlight_raster').distinct('year').pluck('year'),
    ]);
    if (!years.map(Number).includes(a.year)) {
      throw new HttpProblem(404, `no night-light composite for ${a.year} (have ${years.map(Number).sort().join(', ') || 'none'})`, { parameter: 'year', in: 'params' });
    }
    const key = `${versionRow?.version ?? 0}/${a.year}/${a.z}/${a.x}/${a.y}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    let job = this.pending.get(key);
    if (!job) {
      job = this.render(key, a).finally(() => this.pending.delete(key));
      this.pending.set(key, job);
    }
    return job;
  }

  private async render(key: string, a: { year: number; z: number; x: number; y: number }): Promise<PngTile> {
    // pg directly: the statement uses $n placeholders, as the vector tile SQL does
    const client = (await this.db.client.acquireConnection()) as pg.Client;
    let rows: Array<{ png: Buffer | null }>;
    try {
      // postgis_raster ships with every GDAL driver disabled; ST_AsPNG needs PNG (session setting)
      await client.query(`set postgis.gdal_enabled_drivers = 'PNG'`);
      ({ rows } = await client.query<{ png: Buffer | null }>({
        name: 'nightlight_png', text: SQL, values: [a.z, a.x, a.y, a.year, overviewFactor(a.z), COLORMAP],
      }));
    } finally {
      await this.db.client.releaseConnection(client);
    }
    const body: Buffer = rows[0]?.png ?? transparentPng();
    const tile = { body, etag: `W/"nl-${createHash('sha1').update(key).update(body).digest('base64url').slice(0, 20)}"` };
    this.cache.set(key, tile);
    return tile;
  }
}
