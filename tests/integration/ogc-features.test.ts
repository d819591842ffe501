/**
 * OGC API – Features (issue 19) against a real server on a real port, read by GDAL's OAPIF driver
 * (the client the issue names) and by plain HTTP, checked against independent SQL on the test
 * database: every collection listed, every published district downloaded with its attributes, a
 * CQL2 filter and a bbox give exactly what SQL gives, paging, CRS, HTML, and bad input as problems.
 * Each conformance class /ogc/conformance claims for Features is exercised here (tiles: ogc-tiles.test.ts).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import SwaggerParser from '@apidevtools/swagger-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/knex.js';
import { testDatabaseUrl, testDb } from '../helpers/database.js';
import { gdal } from '../helpers/gdal.js';
import { startApiServer } from '../helpers/server.js';

type Json = Record<string, any>;

let app: FastifyInstance;
let db: Db;
let base: string;
let year: number;
let previousYear: number | undefined;
let tmp: string;

beforeAll(async () => {
  const server = await startApiServer(testDatabaseUrl());
  app = server.app;
  base = server.url;
  db = testDb();
  const years = (await db('area_stats').where({ code: 'TH' }).orderBy('survey_year').pluck('survey_year')).map(Number);
  year = years[years.length - 1];
  previousYear = years.length > 1 ? years[years.length - 2] : undefined;
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'povmap-ogc-'));
}, 120_000);

afterAll(async () => {
  await app?.close();
  await db?.destroy();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

async function get(url: string, headers: Record<string, string> = {}) {
  const res = await fetch(url.startsWith('http') ? url : `${base}${url}`, { headers });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

async function json(url: string): Promise<Json> {
  const r = await get(url);
  expect(r.status, `${url}: ${r.text.slice(0, 300)}`).toBe(200);
  return JSON.parse(r.text);
}

/** Every feature of an items URL, following `next` links. */
async function allItems(url: string): Promise<Json[]> {
  const out: Json[] = [];
  let next: string | undefined = url;
  while (next) {
    const page = await json(next);
    out.push(...page.features);
    next = page.links.find((l: Json) => l.rel === 'next')?.href;
  }
  return out;
}

/** The codes SQL says an admin level publishes in a year (areas with a disclosure decision). */
async function publishedCodes(level: string, where = 'true', bindings: unknown[] = []): Promise<string[]> {
  const { rows } = await db.raw(
    `select a.code from tile_area_metrics m join admin_area a on a.code = m.code
      where m.survey_year = ? and a.level = ? and (${where}) order by a.code`, [year, level, ...bindings] as never);
  return rows.map((r: { code: string }) => r.code);
}

describe('GDAL reads /ogc with its OAPIF driver', () => {
  it('ogrinfo lists every collection', async () => {
    const r = await gdal('ogrinfo', ['-ro', '-q', `OAPIF:${base}/ogc`]);
    expect(r.status, r.stderr).toBe(0);
    for (const id of ['provinces', 'districts', 'subdistricts', 'villages', 'schools', 'hospitals', 'health-promoting-hospitals', 'village-potential']) {
      expect(r.stdout, id).toMatch(new RegExp(`^\\s*\\d+: ${id} `, 'm'));
    }
  }, 120_000);

  it('ogr2ogr downloads every published district with its attributes, withheld figures null', async () => {
    const out = path.join(tmp, 'districts.gpkg');
    const r = await gdal('ogr2ogr', ['-f', 'GPKG', out, `OAPIF:${base}/ogc`, 'districts']);
    expect(r.status, r.stderr).toBe(0);
    const sql = await gdal('ogrinfo', ['-ro', '-q', out, '-sql', 'select code from districts order by code', '-geom=NO']);
    const codes = [...sql.stdout.matchAll(/^\s*code \(String\) = (\d+)$/gm)].map((m) => m[1]);
    expect(codes).toEqual(await publishedCodes('district'));
    // attributes: the figures of a sample district equal the public API's (tile_area_metrics)
    const sample = codes[Math.floor(codes.length / 2)];
    const { rows } = await db.raw('select metrics from tile_area_metrics where code = ? and survey_year = ?', [sample, year]);
    const info = await gdal('ogrinfo', ['-ro', '-q', out, '-sql', `select households, target_share from districts where code = '${sample}'`]);
    const metrics = rows[0].metrics as Json | null;
    // typed by the collection's GML schema (number: Real) now that it links one; before, GDAL guessed from the values
    if (metrics?.households !== undefined) expect(info.stdout).toMatch(new RegExp(`households \\((?:Integer|Real)[^)]*\\) = ${metrics.households}\\b`));
    // every withheld key is empty in the file
    const withheld = await gdal('ogrinfo', ['-ro', '-q', out, '-sql', "select code, withheld, target_share, households from districts where ',' || withheld || ',' like '%,target_share,%'"]);
    for (const block of withheld.stdout.split(/OGRFeature/).slice(1)) {
      expect(block).toMatch(/target_share \(Real\) = \(null\)/);
    }
  }, 300_000);
});

describe('items', () => {
  it('a CQL2 filter gives exactly what SQL gives, on the public figures', async () => {
    const filter = "target_share > 0.08 AND level = 'district'";
    const got = await allItems(`/ogc/collections/districts/items?limit=1000&filter=${encodeURIComponent(filter)}`);
    const expected = await publishedCodes('district', "(m.metrics ->> 'target_share')::float8 > 0.08");
    expect(expected.length).toBeGreaterThan(0);
    expect(got.map((f) => f.id).sort()).toEqual(expected);

    const filter2 = "(stars >= 4 OR NOT (vulnerable_share < 0.5)) AND name_en <> 'Mueang' AND suppressed = FALSE";
    const got2 = await allItems(`/ogc/collections/districts/items?limit=1000&filter-lang=cql2-text&filter=${encodeURIComponent(filter2)}`);
    const expected2 = await publishedCodes('district',
      "((m.metrics ->> 'stars')::float8 >= 4 or not ((m.metrics ->> 'vulnerable_share')::float8 < 0.5)) and a.name_en <> 'Mueang' and m.metrics is not null");
    expect(got2.map((f) => f.id).sort()).toEqual(expected2);

    const nulls = await allItems(`/ogc/collections/provinces/items?filter=${encodeURIComponent('name_en IS NULL')}`);
    expect(nulls.map((f) => f.id).sort()).toEqual(await publishedCodes('province', 'a.name_en is null'));
  }, 120_000);

  it('the advanced comparison operators (LIKE, BETWEEN, IN) give exactly what SQL gives', async () => {
    const cases: Array<[string, string, string, unknown[]]> = [
      ['district', "name_en LIKE 'Mueang%'", "a.name_en like 'Mueang%'", []],
      ['district', "name_en NOT LIKE '%a_n%' AND suppressed = FALSE", "a.name_en not like '%a_n%' and m.metrics is not null", []],
      ['district', 'h BETWEEN 0.001 AND 0.004', "(m.metrics ->> 'h')::float8 between 0.001 and 0.004", []],
      ['district', 'NOT (target_share NOT BETWEEN 0.02 AND 0.05)', "not ((m.metrics ->> 'target_share')::float8 not between 0.02 and 0.05)", []],
      ['province', "code IN ('10', '30', '41', 'XX')", "a.code in ('10', '30', '41')", []],
      ['province', 'stars NOT IN (1, 2, 3)', "(m.metrics ->> 'stars')::float8 not in (1, 2, 3)", []],
    ];
    for (const [level, filter, where, bindings] of cases) {
      const got = await allItems(`/ogc/collections/${level}s/items?limit=1000&filter=${encodeURIComponent(filter)}`);
      const expected = await publishedCodes(level, where, bindings);
      expect(expected.length, `${filter} must select something for the check to mean anything`).toBeGreaterThan(0);
      expect(got.map((f) => f.id).sort(), filter).toEqual(expected);
    }
  }, 120_000);

  it('a filter on a withheld figure matches neither it nor its negation', async () => {
    const { rows } = await db.raw(
      `select ap.code from area_public ap join admin_area a on a.code = ap.code
        where ap.survey_year = ? and a.level = 'subdistrict' and jsonb_exists(ap.withheld, 'target_share') limit 1`, [year]);
    if (!rows.length) return; // nothing withheld at this level in this data set
    const code = rows[0].code as string;
    for (const f of [`code = '${code}' AND target_share > -1`, `code = '${code}' AND NOT (target_share > -1)`, `code = '${code}' AND target_share = 0`]) {
      const page = await json(`/ogc/collections/subdistricts/items?filter=${encodeURIComponent(f)}`);
      expect(page.features, f).toEqual([]);
    }
    const one = await json(`/ogc/collections/subdistricts/items/${code}`);
    expect(one.properties.target_share).toBeNull();
    expect(String(one.properties.withheld)).toContain('target_share');
  });

  it('a bbox gives exactly the areas whose geometry intersects it, in any bbox-crs', async () => {
    const [x1, y1, x2, y2] = [100.2, 13.5, 100.9, 14.1];
    const expected = await publishedCodes('district', 'st_intersects(a.geom, st_makeenvelope(?, ?, ?, ?, 4326))', [x1, y1, x2, y2]);
    expect(expected.length).toBeGreaterThan(1);
    const lonlat = await allItems(`/ogc/collections/districts/items?limit=1000&bbox=${x1},${y1},${x2},${y2}`);
    expect(lonlat.map((f) => f.id).sort()).toEqual(expected);
    const latlon = await allItems(`/ogc/collections/districts/items?limit=1000&bbox=${y1},${x1},${y2},${x2}&bbox-crs=${encodeURIComponent('http://www.opengis.net/def/crs/EPSG/0/4326')}`);
    expect(latlon.map((f) => f.id).sort()).toEqual(expected);
    const { rows } = await db.raw('select st_xmin(e) x1, st_ymin(e) y1, st_xmax(e) x2, st_ymax(e) y2 from st_transform(st_makeenvelope(?, ?, ?, ?, 4326), 3857) e', [x1, y1, x2, y2]);
    const m = rows[0];
    const mercator = await allItems(`/ogc/collections/districts/items?limit=1000&bbox=${m.x1},${m.y1},${m.x2},${m.y2}&bbox-crs=${encodeURIComponent('http://www.opengis.net/def/crs/EPSG/0/3857')}`);
    expect(mercator.map((f) => f.id).sort()).toEqual(expected);
    const schools = await allItems(`/ogc/collections/schools/items?limit=1000&bbox=${x1},${y1},${x2},${y2}`);
    const { rows: s } = await db.raw("select id from service_point where kind = 'school' and st_intersects(geom, st_makeenvelope(?, ?, ?, ?, 4326)) order by id", [x1, y1, x2, y2]);
    expect(schools.map((f) => f.id).sort((a, b) => a - b)).toEqual(s.map((r: { id: number }) => r.id));
  }, 120_000);

  it('pages by next and prev links, numberMatched the total, each feature once', async () => {
    const first = await json('/ogc/collections/subdistricts/items?limit=250');
    expect(first.numberMatched).toBe((await publishedCodes('subdistrict')).length);
    expect(first.numberReturned).toBe(250);
    expect(first.links.find((l: Json) => l.rel === 'prev')).toBeUndefined();
    const second = await json(first.links.find((l: Json) => l.rel === 'next').href);
    expect(second.features[0].id > first.features[249].id).toBe(true);
    const back = await json(second.links.find((l: Json) => l.rel === 'prev').href);
    expect(back.features.map((f: Json) => f.id)).toEqual(first.features.map((f: Json) => f.id));
    const all = await allItems('/ogc/collections/subdistricts/items?limit=1000');
    expect(new Set(all.map((f) => f.id)).size).toBe(first.numberMatched);
    expect(all.length).toBe(first.numberMatched);
  }, 120_000);

  it('serves every collection, with the survey year by year= or datetime=', async () => {
    for (const id of ['provinces', 'villages', 'schools', 'hospitals', 'health-promoting-hospitals', 'village-potential']) {
      const page = await json(`/ogc/collections/${id}/items?limit=5`);
      expect(page.type).toBe('FeatureCollection');
      expect(page.features.length, id).toBeGreaterThan(0);
    }
    if (previousYear) {
      const byYear = await json(`/ogc/collections/provinces/items?limit=3&year=${previousYear}`);
      expect(byYear.features.every((f: Json) => f.properties.year === previousYear)).toBe(true);
      const byDatetime = await json(`/ogc/collections/provinces/items?limit=3&datetime=${previousYear}-06-30T00:00:00Z`);
      expect(byDatetime.features.map((f: Json) => f.properties)).toEqual(byYear.features.map((f: Json) => f.properties));
    }
    const picked = await json('/ogc/collections/provinces/items?limit=2&properties=code,target_share');
    expect(Object.keys(picked.features[0].properties).sort()).toEqual(['code', 'target_share']);
  });

  it('answers in EPSG:3857 and EPSG:4326 (latitude first) with Content-Crs, simplified geometry on request', async () => {
    const { rows } = await db.raw("select code from admin_area where level = 'province' order by st_npoints(geom) desc limit 1");
    const big = rows[0].code as string;
    const crs84 = await get(`/ogc/collections/provinces/items/${big}`);
    expect(crs84.headers.get('content-crs')).toBe('<http://www.opengis.net/def/crs/OGC/1.3/CRS84>');
    const lonlat = JSON.parse(crs84.text).geometry.coordinates[0][0][0];
    const merc = await get(`/ogc/collections/provinces/items/${big}?crs=${encodeURIComponent('http://www.opengis.net/def/crs/EPSG/0/3857')}`);
    expect(merc.headers.get('content-crs')).toBe('<http://www.opengis.net/def/crs/EPSG/0/3857>');
    const xy = JSON.parse(merc.text).geometry.coordinates[0][0][0];
    expect(xy[0]).toBeCloseTo((lonlat[0] * Math.PI * 6378137) / 180, -1);
    const latlon = JSON.parse((await get(`/ogc/collections/provinces/items/${big}?crs=${encodeURIComponent('http://www.opengis.net/def/crs/EPSG/0/4326')}`)).text).geometry.coordinates[0][0][0];
    expect(latlon).toEqual([lonlat[1], lonlat[0]]);
    const full = JSON.stringify(JSON.parse(crs84.text).geometry).length;
    const simple = JSON.stringify((await json(`/ogc/collections/provinces/items/${big}?zoom=3`)).geometry).length;
    expect(simple).toBeLessThan(full);
  });

  it('answers HTML to browsers and with f=html, JSON otherwise', async () => {
    for (const url of ['/ogc', '/ogc/conformance', '/ogc/collections', '/ogc/collections/districts', '/ogc/collections/districts/items?limit=3', '/ogc/collections/districts/items/1001']) {
      const html = await get(url, { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' });
      expect(html.status, url).toBe(200);
      expect(html.headers.get('content-type'), url).toMatch(/^text\/html/);
      expect(html.text).toMatch(/^<!doctype html>/);
      const sep = url.includes('?') ? '&' : '?';
      expect((await get(`${url}${sep}f=html`)).headers.get('content-type')).toMatch(/^text\/html/);
      expect((await get(`${url}${sep}f=json`, { accept: 'text/html' })).headers.get('content-type')).toMatch(/json/);
    }
  });

  it('describes itself: landing page, conformance, collections with extents and queryables', async () => {
    const landing = await json('/ogc');
    for (const rel of ['self', 'service-desc', 'conformance', 'data']) expect(landing.links.some((l: Json) => l.rel === rel), rel).toBe(true);
    const conformance = await json('/ogc/conformance');
    expect(conformance.conformsTo).toContain('http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core');
    const collections = await json('/ogc/collections');
    const districts = collections.collections.find((c: Json) => c.id === 'districts');
    expect(districts.extent.spatial.bbox[0]).toHaveLength(4);
    expect(districts.crs).toContain('http://www.opengis.net/def/crs/EPSG/0/3857');
    const q = await get('/ogc/collections/districts/queryables');
    expect(q.headers.get('content-type')).toMatch(/application\/schema\+json/);
    expect(JSON.parse(q.text).properties.target_share.type).toBe('number');
  });
});

describe('bad input is a 4xx problem naming the parameter', () => {
  const cases: Array<[string, number, string]> = [
    ['/ogc/collections/nope', 404, 'collectionId'],
    ['/ogc/collections/nope/items', 404, 'collectionId'],
    ['/ogc/collections/districts/items/99999999', 404, 'featureId'],
    ['/ogc/collections/districts/items?bbox=1,2,3', 400, 'bbox'],
    ['/ogc/collections/districts/items?bbox=101,14,100,13', 400, 'bbox'],
    ['/ogc/collections/districts/items?bbox=a,b,c,d', 400, 'bbox'],
    ['/ogc/collections/districts/items?bbox=0,0,200,10', 400, 'bbox'],
    ['/ogc/collections/districts/items?filter=target_share%20%3E', 400, 'filter'],
    ['/ogc/collections/districts/items?filter=nope%20%3D%201', 400, 'filter'],
    ['/ogc/collections/districts/items?filter=target_share%20%3D%20%27x%27', 400, 'filter'],
    ['/ogc/collections/districts/items?filter=a%20LIKE%20%27x%27', 400, 'filter'],
    ['/ogc/collections/districts/items?filter=' + encodeURIComponent("name_en LIKE 'x\\'"), 400, 'filter'],
    ['/ogc/collections/districts/items?filter=' + encodeURIComponent('h LIKE 1'), 400, 'filter'],
    ['/ogc/collections/districts/items?filter=' + encodeURIComponent("name_en BETWEEN 'a' AND 'b'"), 400, 'filter'],
    ['/ogc/collections/districts/items?filter=' + encodeURIComponent("code IN ('10', 3)"), 400, 'filter'],
    ['/ogc/collections/districts/items?filter=' + encodeURIComponent('('.repeat(60) + 'h > 1' + ')'.repeat(60)), 400, 'filter'],
    ['/ogc/collections/districts/items?filter-lang=cql2-json', 400, 'filter-lang'],
    ['/ogc/collections/districts/items?limit=0', 400, 'limit'],
    ['/ogc/collections/districts/items?limit=10001', 400, 'limit'],
    ['/ogc/collections/districts/items?crs=EPSG:2000', 400, 'crs'],
    ['/ogc/collections/districts/items?bbox=1,2,3,4&bbox-crs=urn:nope', 400, 'bbox-crs'],
    ['/ogc/collections/districts/items?datetime=2024/..', 400, 'datetime'],
    ['/ogc/collections/districts/items?datetime=yesterday', 400, 'datetime'],
    ['/ogc/collections/districts/items?year=1999', 400, 'year'],
    ['/ogc/collections/districts/items?year=2001', 404, 'year'],
    ['/ogc/collections/districts/items?properties=code,nope', 400, 'properties'],
    ['/ogc/collections/districts/items?zzz=1', 400, 'zzz'],
  ];
  it.each(cases)('%s → %i naming %s', async (url, status, parameter) => {
    const r = await get(url);
    expect(r.status, r.text).toBe(status);
    expect(r.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(JSON.parse(r.text).parameter).toBe(parameter);
    expect(r.text).not.toMatch(/select |syntax error|relation "/i);
  });

  it('an IN list of more than 1,000 values is a 400 naming filter (1,000 is answered)', async () => {
    const inList = (n: number) => `/ogc/collections/districts/items?limit=1&filter=${encodeURIComponent(`stars IN (${Array(n).fill('9').join(',')})`)}`;
    expect((await get(inList(1000))).status).toBe(200);
    const r = await get(inList(1001));
    expect(r.status).toBe(400);
    expect(JSON.parse(r.text)).toMatchObject({ parameter: 'filter', detail: expect.stringMatching(/at most 1000 values/) });
  });
});

describe('the OpenAPI 3.0 description (conformance class oas30)', () => {
  it('is linked from the landing page as service-desc and is a valid OpenAPI 3.0 document of every /ogc route', async () => {
    const landing = await json('/ogc?f=json');
    const link = landing.links.find((l: Json) => l.rel === 'service-desc' && String(l.type).includes('version=3.0'));
    expect(link).toBeDefined();
    const r = await get(link.href);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^application\/vnd\.oai\.openapi\+json;\s*version=3\.0/);
    const doc = JSON.parse(r.text);
    expect(doc.openapi).toMatch(/^3\.0\.\d+$/);
    // the official OpenAPI 3.0 schema, through swagger-parser (which also resolves every $ref)
    await expect(SwaggerParser.validate(structuredClone(doc))).resolves.toBeDefined();
    const paths = Object.keys(doc.paths);
    for (const p of ['/ogc', '/ogc/conformance', '/ogc/collections', '/ogc/collections/{collectionId}', '/ogc/collections/{collectionId}/items',
      '/ogc/collections/{collectionId}/items/{featureId}', '/ogc/collections/{collectionId}/queryables', '/ogc/api']) {
      expect(paths, p).toContain(p);
    }
    expect(paths.every((p) => p.startsWith('/ogc'))).toBe(true);
    // 3.1-only constructs are gone: no type arrays (nullable instead), no const
    expect(r.text).not.toMatch(/"type":\s*\[/);
    expect(r.text).not.toMatch(/"const":/);
    const items = doc.paths['/ogc/collections/{collectionId}/items'].get;
    expect(items.parameters.map((p: Json) => p.name)).toEqual(expect.arrayContaining(['bbox', 'limit', 'filter', 'crs', 'datetime']));
  });
});
