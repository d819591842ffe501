/**
 * Night lights of a generated data set: for every survey year of the `dataset` row that has no
 * composite loaded, paint one from the data (server/generate/nightlight.ts), write it as a GeoTIFF
 * and load it through the same importer as a real file. So `npm start`, `npm test` and
 * `npm run generate` always have night lights, also in a database generated before night lights
 * existed. The GeoTIFFs stay in .data/nightlight/<database>/ for the importer's tests and for QGIS.
 */
import path from 'node:path';
import { loadConfig } from '../config.js';
import { connectionUrl, databaseName, type Db } from '../db/knex.js';
import { nightlightGrid, writeGeoTiff } from '../generate/nightlight.js';
import { importNightlight } from './import.js';

/** Where the generated night-light GeoTIFFs of a database live. */
export function nightlightDir(url: string, dataDir = loadConfig().dataDir): string {
  return path.join(dataDir, 'nightlight', databaseName(url));
}

export async function loadGeneratedNightlights(db: Db, log: (step: string) => void = () => {}): Promise<number[]> {
  const dataset = await db('dataset').first('seed', 'survey_years');
  if (!dataset) return [];
  const loaded = new Set((await db('nightlight_raster').distinct('year').pluck('year')).map(Number));
  const url = connectionUrl(db);
  const done: number[] = [];
  for (const year of (dataset.survey_years as number[]).map(Number)) {
    if (loaded.has(year)) continue;
    log(`Painting the ${year} night-light composite from the data`);
    const file = path.join(nightlightDir(url), `viirs_${year}.tif`);
    writeGeoTiff(await nightlightGrid(db, year, Number(dataset.seed)), file);
    log(`Loading the ${year} night-light composite`);
    await importNightlight(db, url, file, year, log);
    done.push(year);
  }
  return done;
}
