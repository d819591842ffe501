/**
 * GIS downloads (issue 19): an admin level with its public figures of a year as GeoPackage, zipped
 * Shapefile, GeoJSON and CSV, each holding every published area, withheld figures empty, the CSV
 * neutralised like every CSV of the product; services as GeoPackage; bad input as problems.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/knex.js';
import { withAppAndDb } from '../helpers/api.js';
import { gdal } from '../helpers/gdal.js';
import { expectProblems } from '../helpers/problems.js';

let app: FastifyInstance;
let db: Db;
withAppAndDb((a, d) => {
  app = a;
  db = d;
});

let tmp: string;
let year: number;
let districts: string[];
/** A district whose target share the policy withholds this year (undefined when none is). */
let withheldDistrict: string | undefined;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'povmap-downloads-'));
  year = Number((await db('area_stats').where({ code: 'TH' }).max('survey_year as y'))[0].y);
  const { rows } = await db.raw(
    `select a.code, jsonb_exists(ap.withheld, 'target_share') as withheld from area_public ap join admin_area a on a.code = ap.code
      where ap.survey_year = ? and a.level = 'district' order by a.code`, [year]);
  districts = rows.map((r: { code: string }) => r.code);
  withheldDistrict = rows.find((r: { withheld: boolean }) => r.withheld)?.code;
});

afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

async function download(url: string, file: string) {
  const res = await app.inject({ url });
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  const out = path.join(tmp, file);
  fs.writeFileSync(out, res.rawPayload);
  return { res, out };
}

/** The district codes in a file GDAL reads, and the target share of one district. */
async function codesIn(file: string, layer: string, share: string) {
  const r = await gdal('ogrinfo', ['-ro', '-q', '-geom=NO', file, '-sql', `select code, ${share} from "${layer}" order by code`]);
  expect(r.status, r.stderr).toBe(0);
  const blocks = r.stdout.split('OGRFeature').slice(1);
  const code = (b: string) => /code \(String\) = (\d+)/.exec(b)?.[1];
  return { codes: blocks.map(code), shareOf: (c: string) => new RegExp(`${share} \\(Real\\) = (\\S+)`).exec(blocks.find((b) => code(b) === c) ?? '')?.[1] };
}

describe('downloads of an admin level', () => {
  it('GeoPackage, zipped Shapefile and GeoJSON hold every published district, withheld figures empty', async () => {
    // a shapefile cuts field names to 10 characters
    for (const [format, file, share] of [['gpkg', 'd.gpkg', 'target_share'], ['shp', 'd.shp.zip', 'target_sha'], ['geojson', 'd.geojson', 'target_share']] as const) {
      const { res, out } = await download(`/ogc/collections/districts/download?format=${format}&year=${year}`, file);
      expect(res.headers['content-disposition']).toContain(`districts-${year}`);
      const { codes, shareOf } = await codesIn(out, 'districts', share);
      expect(codes, format).toEqual(districts);
      if (withheldDistrict) expect(shareOf(withheldDistrict), format).toBe('(null)');
    }
  }, 300_000);

  it('CSV: the figures without geometry, BOM, one line per published district, cells neutralised', async () => {
    const res = await app.inject({ url: `/ogc/collections/districts/download?format=csv&year=${year}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.body.startsWith('\uFEFFcode,level,parent_code,name_th')).toBe(true);
    const lines = res.body.trim().split('\n');
    expect(lines.length).toBe(districts.length + 1);
    expect(res.body).not.toMatch(/MULTIPOLYGON|coordinates/);
    // every cell passes the one neutralising rule: nothing starts a formula
    for (const line of lines.slice(1, 50)) for (const cell of line.split(',')) expect(cell).not.toMatch(/^[=+@\t\r]/);
  });

  it('services as GeoPackage', async () => {
    const { out } = await download('/ogc/collections/hospitals/download?format=gpkg', 'h.gpkg');
    const info = await gdal('ogrinfo', ['-ro', '-so', out, 'hospitals']);
    const { rows } = await db.raw("select count(*)::int as n from service_point where kind = 'hospital'");
    expect(info.stdout).toContain(`Feature Count: ${rows[0].n}`);
  }, 120_000);

  it('refuses bad input as problems naming the parameter', async () => {
    await expectProblems(app, [
      ['/ogc/collections/districts/download', 400, 'format'],
      ['/ogc/collections/districts/download?format=kml', 400, 'format'],
      ['/ogc/collections/nope/download?format=gpkg', 404, 'collectionId'],
      ['/ogc/collections/districts/download?format=csv&year=2001', 404, 'year'],
    ]);
  });
});
