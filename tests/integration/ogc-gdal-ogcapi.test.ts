/**
 * GDAL's OGCAPI driver (the Debian 12 build, GDAL 3.6.2, which setup installs) against /ogc on a real
 * port (issue 19), checked against independent computations:
 * - the night-light map tiles: the tileset list opened as a dataset gives a square-pixelled raster of
 *   Thailand on WebMercatorQuad, and a window of it is pixel for pixel the PNG tile the route serves;
 * - the collections' features: `-oo API=ITEMS` lists a layer with its fields and downloads the
 *   districts of a province's box, the count and the withheld figures as SQL on the database says.
 *   (This GDAL build cannot read vector tiles through OGCAPI at all: its CMake configured the driver
 *   before OGR_ENABLE_DRIVER_GML was defined, which compiled that code out — GDAL PR 7993, fixed in
 *   3.7. For later GDAL the tileset lists carry what it needs — an EPSG:3857 extent and the GML
 *   application schema — and the schema is read here by the same GDAL parser, through the GML driver.)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/knex.js';
import { testDatabaseUrl, testDb } from '../helpers/database.js';
import { gdal } from '../helpers/gdal.js';
import { startApiServer } from '../helpers/server.js';
import { tileOf } from '../helpers/tiles.js';

type Json = Record<string, any>;

let app: FastifyInstance;
let db: Db;
let base: string;
let tmp: string;
let year: number;

/** Web-mercator metres, written here from the projection's formula (not the server's code). */
const R = 6378137;
const HALF = Math.PI * R;
const mercX = (lon: number) => (R * lon * Math.PI) / 180;
const mercY = (lat: number) => R * Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));

beforeAll(async () => {
  const server = await startApiServer(testDatabaseUrl());
  app = server.app;
  base = server.url;
  db = testDb();
  year = Number((await db('area_stats').where({ code: 'TH' }).max('survey_year as y').first())!.y);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'povmap-ogcapi-'));
}, 120_000);

afterAll(async () => {
  await app?.close();
  await db?.destroy();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

async function json(url: string): Promise<Json> {
  const res = await fetch(`${base}${url}`);
  expect(res.status, url).toBe(200);
  return (await res.json()) as Json;
}

/** Per-band checksums as gdalinfo prints them. */
async function checksums(file: string): Promise<number[]> {
  const r = await gdal('gdalinfo', ['-checksum', file]);
  expect(r.status, r.stderr).toBe(0);
  return [...r.stdout.matchAll(/Checksum=(\d+)/g)].map((m) => Number(m[1]));
}

describe('the tileset list is a dataset GDAL can open', () => {
  it('carries its extent in EPSG:3857 (the collection\'s CRS84 box, projected) and links to itself and the schema', async () => {
    const collection = await json('/ogc/collections/districts');
    const [west, south, east, north] = collection.extent.spatial.bbox[0];
    const list = await json('/ogc/collections/districts/tiles');
    expect(list.extent.spatial.crs).toBe('http://www.opengis.net/def/crs/EPSG/0/3857');
    const box = list.extent.spatial.bbox[0];
    [mercX(west), mercY(south), mercX(east), mercY(north)].forEach((v, i) => expect(box[i]).toBeCloseTo(v, 2));
    const rels = list.links.map((l: Json) => `${l.rel} ${l.type}`);
    expect(rels).toContain('http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector application/json');
    expect(rels).toContain('describedBy text/xml');
    const night = await json('/ogc/collections/nightlight/tiles');
    expect(night.links.map((l: Json) => l.rel)).toContain('http://www.opengis.net/def/rel/ogc/1.0/tilesets-map');
    expect(night.links.map((l: Json) => l.rel)).not.toContain('describedBy');
  });
});

describe('GDAL\'s OGCAPI driver reads the night-light map tiles', () => {
  it('gdalinfo: Thailand on WebMercatorQuad at z14, square 9.55 m pixels, the lower matrices as overviews', async () => {
    const r = await gdal('gdalinfo', [`OGCAPI:${base}/ogc/collections/nightlight/tiles`]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Driver: OGCAPI/);
    expect(r.stdout).toMatch(/Pseudo-Mercator/);
    const cell = (2 * HALF) / 256 / 2 ** 14;
    const [, px, py] = r.stdout.match(/Pixel Size = \(([-0-9.]+),([-0-9.]+)\)/)!.map(Number);
    expect(px).toBeCloseTo(cell, 6);
    expect(py).toBeCloseTo(-cell, 6);
    const [, width, height] = r.stdout.match(/Size is (\d+), (\d+)/)!.map(Number);
    const [west, south, east, north] = (await json('/ogc/collections/nightlight')).extent.spatial.bbox[0];
    // the box in pixels of z14, give or take the pixel each edge is rounded to
    expect(Math.abs(width - (mercX(east) - mercX(west)) / cell)).toBeLessThanOrEqual(2);
    expect(Math.abs(height - (mercY(north) - mercY(south)) / cell)).toBeLessThanOrEqual(2);
    expect(r.stdout).toMatch(/Band 4 .*ColorInterp=Alpha/);
    expect(r.stdout).toMatch(/Overviews: \d+x\d+/);
  }, 300_000);

  it('gdal_translate of one tile\'s window at z10 gives that tile\'s pixels, as the route serves them', async () => {
    const { z, x, y } = tileOf(100.5, 13.75, 10); // Bangkok: lit
    const size = (2 * HALF) / 2 ** z;
    const [minx, maxy] = [-HALF + x * size, HALF - y * size];
    const out = path.join(tmp, 'window.tif');
    const r = await gdal('gdal_translate', ['-q', '-oo', `TILEMATRIX=${z}`, '-projwin', String(minx), String(maxy), String(minx + size), String(maxy - size),
      `OGCAPI:${base}/ogc/collections/nightlight/tiles`, out]);
    expect(r.status, r.stderr).toBe(0);
    const info = await gdal('gdalinfo', ['-stats', out]);
    expect(info.stdout).toMatch(/Size is 256, 256/);
    // the same tile over plain HTTP, decoded by GDAL's PNG driver
    const res = await fetch(`${base}/ogc/collections/nightlight/tiles/WebMercatorQuad/${z}/${y}/${x}`);
    expect(res.status).toBe(200);
    const tile = path.join(tmp, 'tile.png');
    fs.writeFileSync(tile, Buffer.from(await res.arrayBuffer()));
    const alpha = info.stdout.match(/Band 4[\s\S]*?STATISTICS_MAXIMUM=(\d+)/);
    expect(Number(alpha?.[1]), 'the window has lit (opaque) pixels').toBeGreaterThan(0);
    expect(await checksums(out)).toEqual(await checksums(tile));
  }, 300_000);
});

describe('GDAL\'s OGCAPI driver reads the features (API=ITEMS)', () => {
  it('ogrinfo lists the districts layer with the fields of its queryables', async () => {
    const r = await gdal('ogrinfo', ['-ro', '-so', '-oo', 'API=ITEMS', `OGCAPI:${base}/ogc/collections/districts`, 'districts']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Geometry: Multi Polygon/);
    const fields = [...r.stdout.matchAll(/^(\w+): \w+(?:\(\w+\))? \(/gm)].map((m) => m[1]);
    const queryables = await json('/ogc/collections/districts/queryables');
    // and `id`: GDAL's OAPIF keeps the feature id as a field
    const expected = [...Object.keys(queryables.properties).filter((n) => n !== 'geometry'), 'id'];
    expect(fields.sort()).toEqual(expected.sort());
  }, 120_000);

  it('ogr2ogr downloads the districts of a province\'s box: the published ones SQL finds there, withheld figures null', async () => {
    const { rows: [province] } = await db.raw(
      `select a.code, st_xmin(e) as w, st_ymin(e) as s, st_xmax(e) as e, st_ymax(e) as n
         from admin_area a cross join lateral (select st_envelope(a.geom) as e) b
        where a.level = 'province' order by a.code limit 1`);
    const out = path.join(tmp, 'province-districts.gpkg');
    const r = await gdal('ogr2ogr', ['-f', 'GPKG', out, '-oo', 'API=ITEMS', '-spat', ...[province.w, province.s, province.e, province.n].map(String),
      `OGCAPI:${base}/ogc/collections/districts`, 'districts']);
    expect(r.status, r.stderr).toBe(0);
    const listed = await gdal('ogrinfo', ['-ro', '-q', '-geom=NO', out, '-sql', 'select code, withheld, target_share from districts order by code']);
    const codes = [...listed.stdout.matchAll(/^\s*code \(String\) = (\d+)$/gm)].map((m) => m[1]);
    // districts with a disclosure decision this year whose outline meets the province's box
    const { rows } = await db.raw(
      `select a.code from admin_area a join tile_area_metrics m on m.code = a.code and m.survey_year = ?
        where a.level = 'district' and st_intersects(a.geom, st_makeenvelope(?, ?, ?, ?, 4326)) order by a.code`,
      [year, province.w, province.s, province.e, province.n]);
    expect(rows.length).toBeGreaterThan(0);
    expect(codes).toEqual(rows.map((x: { code: string }) => x.code));
    // target_share is empty exactly where the policy withholds it or suppresses the district
    const { rows: hidden } = await db.raw(
      `select a.code from admin_area a join tile_area_metrics m on m.code = a.code and m.survey_year = ?
        where a.code = any(?) and (m.metrics is null or not jsonb_exists(m.metrics, 'target_share') or m.metrics -> 'target_share' = 'null'::jsonb)
        order by a.code`, [year, codes]);
    const empty = listed.stdout.split(/OGRFeature/).slice(1)
      .filter((b) => /target_share \(Real\) = \(null\)/.test(b)).map((b) => b.match(/code \(String\) = (\d+)/)![1]);
    expect(empty).toEqual(hidden.map((x: { code: string }) => x.code));
  }, 300_000);
});

describe('the GML application schema a later GDAL gives vector-tile layers their fields from', () => {
  it('GDAL\'s schema parser (GML driver) reads the fields and geometry type of every collection', async () => {
    for (const id of ['districts', 'schools', 'village-potential']) {
      const res = await fetch(`${base}/ogc/collections/${id}/schema.xsd`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/xml/);
      const name = id.replace(/-/g, '_');
      fs.writeFileSync(path.join(tmp, `${name}.xsd`), await res.text());
      // an empty feature collection of that schema: GDAL reads the layer definition from the .xsd beside it
      fs.writeFileSync(path.join(tmp, `${name}.gml`), '<?xml version="1.0" encoding="UTF-8"?>\n'
        + '<wfs:FeatureCollection xmlns:wfs="http://www.opengis.net/wfs/2.0" xmlns:gml="http://www.opengis.net/gml/3.2" '
        + `xmlns:povmap="https://povmap.example/ogc"><wfs:member><povmap:${name} gml:id="f1"/></wfs:member></wfs:FeatureCollection>\n`);
      const r = await gdal('ogrinfo', ['-ro', '-so', path.join(tmp, `${name}.gml`), name]);
      expect(r.status, r.stderr).toBe(0);
      const queryables = await json(`/ogc/collections/${id}/queryables`);
      expect(r.stdout).toMatch(queryables.properties.geometry.format === 'geometry-point' ? /Geometry: Point/ : /Geometry: Multi Surface/);
      const fields = Object.fromEntries([...r.stdout.matchAll(/^(\w+): (\w+)/gm)].map((m) => [m[1], m[2]]));
      const ogrType: Record<string, string> = { string: 'String', number: 'Real', integer: 'Integer64', boolean: 'Integer' };
      for (const [prop, schema] of Object.entries(queryables.properties as Record<string, Json>)) {
        if (prop === 'geometry') continue;
        expect(fields[prop], `${id}.${prop}`).toBe(ogrType[schema.type]);
      }
    }
  }, 120_000);
});
