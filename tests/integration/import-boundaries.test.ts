/**
 * Real boundary files load through GDAL's ogr2ogr: COD-AB-style attributes (ADM1_PCODE "TH10", Thai
 * and English names) become our geocodes, names and geometry; bad files are refused whole.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../server/db/knex.js';
import { importBoundaries } from '../../server/geo/import-boundaries.js';
import { scratchDatabase } from '../helpers/database.js';

const square = (x: number, y: number, size: number) => ({
  type: 'Polygon',
  coordinates: [[[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]],
});
const collection = (features: Array<{ properties: Record<string, string>; geometry: object }>) =>
  JSON.stringify({ type: 'FeatureCollection', features: features.map((f) => ({ type: 'Feature', ...f })) });

let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
let db: Db;
let dir: string;

beforeAll(async () => {
  scratch = await scratchDatabase('povmap_test_import');
  db = createDb(scratch.url, { max: 2 });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'povmap-import-'));
  fs.writeFileSync(path.join(dir, 'adm1.geojson'), collection([
    { properties: { ADM1_PCODE: 'TH10', ADM1_TH: 'กรุงเทพมหานคร', ADM1_EN: 'Bangkok' }, geometry: square(100.3, 13.5, 0.5) },
    { properties: { ADM1_PCODE: 'TH11', ADM1_TH: 'สมุทรปราการ', ADM1_EN: 'Samut Prakan' }, geometry: square(100.8, 13.5, 0.3) },
  ]));
  fs.writeFileSync(path.join(dir, 'adm2.geojson'), collection([
    { properties: { ADM2_PCODE: 'TH1001', ADM2_TH: 'พระนคร', ADM2_EN: 'Phra Nakhon', ADM1_PCODE: 'TH10' }, geometry: square(100.3, 13.5, 0.25) },
    { properties: { ADM2_PCODE: 'TH1002', ADM2_TH: 'ดุสิต', ADM2_EN: 'Dusit', ADM1_PCODE: 'TH10' }, geometry: square(100.55, 13.5, 0.25) },
  ]));
  fs.writeFileSync(path.join(dir, 'orphans.geojson'), collection([
    { properties: { ADM2_PCODE: 'TH9901', ADM2_TH: 'x', ADM2_EN: 'x', ADM1_PCODE: 'TH99' }, geometry: square(101, 14, 0.1) },
  ]));
});
afterAll(async () => {
  await db.destroy();
  await scratch.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('import:boundaries', () => {
  it('loads provinces and then districts with codes, names, parents and geometry', async () => {
    const provinces = await importBoundaries(db, scratch.url, {
      file: path.join(dir, 'adm1.geojson'), level: 'province', codeField: 'ADM1_PCODE', nameThField: 'ADM1_TH', nameEnField: 'ADM1_EN',
    });
    expect(provinces.rows).toBe(2);
    const districts = await importBoundaries(db, scratch.url, {
      file: path.join(dir, 'adm2.geojson'), level: 'district', codeField: 'ADM2_PCODE', nameThField: 'ADM2_TH', nameEnField: 'ADM2_EN', parentField: 'ADM1_PCODE',
    });
    expect(districts.rows).toBe(2);
    const rows = await db('admin_area').orderBy('code')
      .select('code', 'level', 'parent_code', 'province_code', 'district_code', 'name_th', 'name_en', db.raw('round(st_area(geom)::numeric, 6)::float as area'));
    expect(rows).toEqual([
      { code: '10', level: 'province', parent_code: null, province_code: '10', district_code: null, name_th: 'กรุงเทพมหานคร', name_en: 'Bangkok', area: 0.25 },
      { code: '1001', level: 'district', parent_code: '10', province_code: '10', district_code: '1001', name_th: 'พระนคร', name_en: 'Phra Nakhon', area: 0.0625 },
      { code: '1002', level: 'district', parent_code: '10', province_code: '10', district_code: '1002', name_th: 'ดุสิต', name_en: 'Dusit', area: 0.0625 },
      { code: '11', level: 'province', parent_code: null, province_code: '11', district_code: null, name_th: 'สมุทรปราการ', name_en: 'Samut Prakan', area: 0.09 },
    ]);
  });

  it('re-importing the same file changes nothing but bumps the areas version', async () => {
    const before = await db('admin_area').orderBy('code').select('code', 'name_th', db.raw('st_asewkb(geom) as g'));
    const [{ version: v0 }] = await db('data_version').where({ name: 'areas' }).select('version');
    await importBoundaries(db, scratch.url, {
      file: path.join(dir, 'adm1.geojson'), level: 'province', codeField: 'ADM1_PCODE', nameThField: 'ADM1_TH', nameEnField: 'ADM1_EN',
    });
    expect(await db('admin_area').orderBy('code').select('code', 'name_th', db.raw('st_asewkb(geom) as g'))).toEqual(before);
    const [{ version: v1 }] = await db('data_version').where({ name: 'areas' }).select('version');
    expect(Number(v1)).toBe(Number(v0) + 1);
  });

  it('refuses codes of the wrong length, areas without a parent, bad field names and missing files', async () => {
    await expect(importBoundaries(db, scratch.url, { file: path.join(dir, 'adm1.geojson'), level: 'district', codeField: 'ADM1_PCODE' }))
      .rejects.toThrow(/holds codes like "10", not 4-digit district geocodes/);
    await expect(importBoundaries(db, scratch.url, { file: path.join(dir, 'orphans.geojson'), level: 'district', codeField: 'ADM2_PCODE', parentField: 'ADM1_PCODE' }))
      .rejects.toThrow(/district 9901 has no parent area loaded/);
    await expect(importBoundaries(db, scratch.url, { file: path.join(dir, 'adm1.geojson'), level: 'province', codeField: 'x; drop table admin_area' }))
      .rejects.toThrow(/not a plain attribute name/);
    await expect(importBoundaries(db, scratch.url, { file: path.join(dir, 'nope.shp'), level: 'province', codeField: 'A' }))
      .rejects.toThrow(/no such file/);
    expect(await db('admin_area').count({ n: '*' })).toEqual([{ n: 4 }]);
  });
});
