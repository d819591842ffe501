/**
 * The demo generator writes one GeoTIFF per survey year (server/generate/nightlight.ts); this loads
 * every one whose year has no raster yet, so `npm start` and `npm test` always have night lights,
 * including on a database generated before night lights were loaded.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/knex.js';
import { importNightlight } from './import.js';

export async function loadGeneratedNightlights(db: Db, url: string, dir: string, log: (step: string) => void): Promise<number[]> {
  if (!fs.existsSync(dir)) return [];
  const loaded = new Set((await db('nightlight_raster').distinct('year').pluck('year')).map(Number));
  const done: number[] = [];
  for (const name of fs.readdirSync(dir).sort()) {
    const m = /^viirs_(\d{4})\.tif$/.exec(name);
    if (!m || loaded.has(Number(m[1]))) continue;
    log(`Loading the ${m[1]} night-light composite`);
    await importNightlight(db, url, path.join(dir, name), Number(m[1]), log);
    done.push(Number(m[1]));
  }
  return done;
}
