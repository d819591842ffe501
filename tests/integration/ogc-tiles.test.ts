/**
 * OGC API – Tiles (issue 19): the tile matrix set, tilesets and tiles of /ogc, answered by the one
 * tile stack — an OGC tile is the same bytes as the /tiles tile at the same address (z/row/col =
 * z/y/x) — and GDAL's OGCAPI driver reads the night-light tiles. Covers the Tiles and TMS
 * conformance classes /ogc/conformance claims (core, tileset, tilesets-list, geodata-tilesets,
 * mvt, png, tilematrixset, json-tilematrixset).
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseUrl } from '../helpers/database.js';
import { gdal } from '../helpers/gdal.js';
import { startApiServer } from '../helpers/server.js';
import { expectProblems } from '../helpers/problems.js';
import { decodeTile, features, tileOf } from '../helpers/tiles.js';

type Json = Record<string, any>;
let app: FastifyInstance;
let base: string;

beforeAll(async () => {
  const server = await startApiServer(testDatabaseUrl());
  app = server.app;
  base = server.url;
}, 120_000);

afterAll(async () => {
  await app?.close();
});

const json = async (url: string): Promise<Json> => {
  const res = await app.inject({ url });
  expect(res.statusCode, `${url}: ${res.body.slice(0, 200)}`).toBe(200);
  return res.json();
};

describe('OGC API – Tiles', () => {
  it('serves the WebMercatorQuad tile matrix set (TMS 2.0 JSON)', async () => {
    const list = await json('/ogc/tileMatrixSets');
    expect(list.tileMatrixSets.map((t: Json) => t.id)).toEqual(['WebMercatorQuad']);
    const tms = await json('/ogc/tileMatrixSets/WebMercatorQuad');
    expect(tms.crs).toBe('http://www.opengis.net/def/crs/EPSG/0/3857');
    expect(tms.tileMatrices[0]).toMatchObject({ id: '0', matrixWidth: 1, tileWidth: 256, cornerOfOrigin: 'topLeft' });
    expect(tms.tileMatrices[14].cellSize).toBeCloseTo(156543.03392804097 / 2 ** 14, 6);
    expect((await app.inject('/ogc/tileMatrixSets/WorldCRS84Quad')).statusCode).toBe(404);
  });

  it('lists each collection\'s tileset and describes it with its URL template and limits', async () => {
    const collection = await json('/ogc/collections/districts');
    const rel = collection.links.find((l: Json) => l.rel === 'http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector');
    expect(rel.href).toMatch(/\/ogc\/collections\/districts\/tiles$/);
    const list = await json('/ogc/collections/districts/tiles');
    expect(list.tilesets[0]).toMatchObject({ dataType: 'vector', tileMatrixSetURI: 'http://www.opengis.net/def/tilematrixset/OGC/1.0/WebMercatorQuad' });
    const tileset = await json('/ogc/collections/districts/tiles/WebMercatorQuad');
    expect(tileset.links.find((l: Json) => l.rel === 'item').href).toMatch(/\/WebMercatorQuad\/\{tileMatrix\}\/\{tileRow\}\/\{tileCol\}$/);
    expect(tileset.links.find((l: Json) => l.rel === 'item').type).toBe('application/vnd.mapbox-vector-tile');
    expect(tileset.tileMatrixSetLimits.map((l: Json) => l.tileMatrix)).toEqual(['7', '8']);
    const raster = await json('/ogc/collections/nightlight/tiles/WebMercatorQuad');
    expect(raster.dataType).toBe('map');
    expect(raster.links.find((l: Json) => l.rel === 'item').type).toBe('image/png');
  });

  it('answers the same tile as /tiles at the same address (one stack), with ETag, 304 and 204', async () => {
    const { z, x, y } = tileOf(100.5, 13.75, 7);
    const ogc = await app.inject({ url: `/ogc/collections/districts/tiles/WebMercatorQuad/${z}/${y}/${x}` });
    const plain = await app.inject({ url: `/tiles/areas/${z}/${x}/${y}.mvt` });
    expect(ogc.statusCode).toBe(200);
    expect(ogc.headers['content-type']).toBe('application/vnd.mapbox-vector-tile');
    expect(ogc.rawPayload.equals(plain.rawPayload)).toBe(true);
    expect(ogc.headers.etag).toBe(plain.headers.etag);
    const districts = features(decodeTile(ogc.rawPayload, ogc.headers['content-encoding'] as string | undefined), 'areas');
    expect(districts.length).toBeGreaterThan(0);
    expect(districts.every((f) => f.properties.level === 'district')).toBe(true);
    const again = await app.inject({ url: `/ogc/collections/districts/tiles/WebMercatorQuad/${z}/${y}/${x}`, headers: { 'if-none-match': ogc.headers.etag as string } });
    expect(again.statusCode).toBe(304);
    expect((await app.inject('/ogc/collections/districts/tiles/WebMercatorQuad/7/0/0')).statusCode).toBe(204); // the Arctic ocean
    const hospitals = await app.inject(`/ogc/collections/hospitals/tiles/WebMercatorQuad/${tileOf(100.5, 13.75, 10).z}/${tileOf(100.5, 13.75, 10).y}/${tileOf(100.5, 13.75, 10).x}`);
    expect([200, 204]).toContain(hospitals.statusCode);
    const png = await app.inject(`/ogc/collections/nightlight/tiles/WebMercatorQuad/${z}/${y}/${x}`);
    expect(png.statusCode).toBe(200);
    expect(png.headers['content-type']).toBe('image/png');
  });

  it('refuses addresses outside the tileset as problems naming the parameter', async () => {
    await expectProblems(app, [
      ['/ogc/collections/districts/tiles/WebMercatorQuad/3/1/1', 400, 'tileMatrix'],
      ['/ogc/collections/districts/tiles/WebMercatorQuad/7/128/1', 404, 'tileRow'],
      ['/ogc/collections/districts/tiles/WebMercatorQuad/7/1/128', 404, 'tileCol'],
      ['/ogc/collections/districts/tiles/Nope/7/1/1', 404, 'tileMatrixSetId'],
      ['/ogc/collections/nope/tiles', 404, 'collectionId'],
      ['/ogc/collections/districts/tiles/WebMercatorQuad/7/1/1?year=1999', 400, 'year'],
    ]);
  });

  it('GDAL\'s OGCAPI driver opens the night-light tiles of the collection', async () => {
    // GDAL 3.6 (Debian 12) takes the opened document's box in the tile matrix set's CRS: from the
    // collection (CRS84) it needs it as open options in EPSG:3857 (newer GDAL reprojects it itself).
    // The tileset list carries it, and pixels are read through it: ogc-gdal-ogcapi.test.ts.
    const box = ['-oo', 'MINX=10830000', '-oo', 'MINY=630000', '-oo', 'MAXX=11760000', '-oo', 'MAXY=2330000'];
    const info = await gdal('gdalinfo', [...box, `OGCAPI:${base}/ogc/collections/nightlight`]);
    expect(info.status, info.stderr).toBe(0);
    expect(info.stdout).toMatch(/Driver: OGCAPI/);
    expect(info.stdout).toMatch(/Pseudo-Mercator/);
    expect(info.stdout).toMatch(/Band 4 .*ColorInterp=Alpha/);
  }, 300_000);
});
