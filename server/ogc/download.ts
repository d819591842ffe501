/**
 * GIS downloads of a collection (issue 19): GeoPackage, zipped Shapefile and GeoJSON written by
 * GDAL's ogr2ogr straight from PostgreSQL (its PostgreSQL driver, as the boundary import uses GDAL),
 * and CSV of the figures without geometry streamed by COPY through the project's one CSV writer
 * (server/households/csv.ts: BOM, every cell neutralised against formula injection). All read
 * sql/ogc/download.sql over the same public source as the items, so the disclosure policy holds
 * alike: a withheld figure is an empty cell or field. ogr2ogr runs as a child process (never
 * blocking the server), is killed when the client goes away, and a file larger than the size limit is
 * refused rather than sent.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sqlText } from '../../sql/load.js';
import { copyCsv } from '../households/csv.js';
import { gdalConnection } from '../db/gdal-connection.js';
import { connectionUrl, type Db } from '../db/knex.js';
import { HttpProblem } from '../plugins/problem.js';
import type { Collection, PropertyType } from './collections.js';
import { sourceRaw, type SourceOptions } from './features.js';

const run = promisify(execFile);

export type DownloadFormat = 'gpkg' | 'shp' | 'geojson' | 'csv';
export const DOWNLOAD_FORMATS: readonly DownloadFormat[] = ['gpkg', 'shp', 'geojson', 'csv'];

/** The largest file a download may be (every village with full geometry is well below it). */
export const MAX_DOWNLOAD_BYTES = 512 * 2 ** 20;

interface FileFormat {
  driver: string;
  extension: string;
  mediaType: string;
  options: string[];
}

const FILE_FORMATS: Record<Exclude<DownloadFormat, 'csv'>, FileFormat> = {
  gpkg: { driver: 'GPKG', extension: 'gpkg', mediaType: 'application/geopackage+sqlite3', options: [] },
  // GDAL writes a zipped shapefile itself when the name ends in .shp.zip; Thai names need UTF-8 (.cpg).
  // Field names longer than 10 characters are cut by the format (GDAL makes them unique).
  shp: { driver: 'ESRI Shapefile', extension: 'shp.zip', mediaType: 'application/zip', options: ['-lco', 'ENCODING=UTF-8'] },
  geojson: { driver: 'GeoJSON', extension: 'geojson', mediaType: 'application/geo+json', options: ['-lco', 'RFC7946=YES'] },
};

const CAST: Record<PropertyType, string> = { string: 'text', number: 'double precision', integer: 'integer', boolean: 'boolean' };

/** The download's SELECT, fully inlined: typed property columns over the collection's public source. */
export function downloadSql(db: Db, collection: Collection, options: SourceOptions): string {
  const columns = db.raw(collection.properties.map(() => '(f.properties ->> ?)::?? as ??').join(', '),
    collection.properties.flatMap((p) => [p.name, db.raw(CAST[p.type]), p.name]));
  return db.raw(sqlText('ogc/download.sql'), { columns, source: sourceRaw(db, collection, options) }).toQuery();
}

export interface DownloadFile {
  file: string;
  name: string;
  mediaType: string;
  bytes: number;
  /** Removes the file and its folder. */
  remove(): void;
}

/** Write the collection as a file with ogr2ogr; 413 when it passes MAX_DOWNLOAD_BYTES. */
export async function writeDownload(db: Db, collection: Collection, options: SourceOptions, format: Exclude<DownloadFormat, 'csv'>,
  signal: AbortSignal): Promise<DownloadFile> {
  const f = FILE_FORMATS[format];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'povmap-download-'));
  const remove = () => fs.rmSync(dir, { recursive: true, force: true });
  const name = `${collection.id}${options.year === undefined ? '' : `-${options.year}`}.${f.extension}`;
  const file = path.join(dir, name);
  try {
    await run('ogr2ogr', ['-f', f.driver, ...f.options, file, gdalConnection(connectionUrl(db)), '-sql', downloadSql(db, collection, options),
      '-nln', collection.id.replace(/-/g, '_'), '-a_srs', 'EPSG:4326'], { signal, maxBuffer: 16 * 2 ** 20 });
  } catch (err) {
    remove();
    if (signal.aborted) throw err;
    throw new HttpProblem(503, 'the file could not be written; try again later', { retry_after_s: 30 });
  }
  const bytes = fs.statSync(file).size;
  if (bytes > MAX_DOWNLOAD_BYTES) {
    remove();
    throw new HttpProblem(413, `the ${format} file would be ${Math.round(bytes / 2 ** 20)} MiB, above the ${MAX_DOWNLOAD_BYTES / 2 ** 20} MiB limit; ask for simplified geometry (zoom=) or CSV`,
      { parameter: 'format', in: 'querystring' });
  }
  return { file, name, mediaType: f.mediaType, bytes, remove };
}

/** The collection's figures as CSV, without geometry, streamed by COPY (see copyCsv): header = property names. */
export async function csvDownload(db: Db, collection: Collection, options: SourceOptions) {
  return copyCsv(db, downloadSql(db, collection, options), collection.properties.map((p) => p.name));
}
