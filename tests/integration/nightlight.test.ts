/**
 * Night lights on the demo data: the importer's refusals, zonal statistics (additive across levels,
 * and equal to an independent ST_Clip computation within the documented edge effects), the area route
 * and the PNG tiles (decoded with pngjs, every pixel on the documented ramp).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { nightlightDir } from '../../server/nightlight/generated.js';
import type { Db } from '../../server/db/knex.js';
import { writeGeoTiff } from '../../server/generate/nightlight.js';
import { importNightlight } from '../../server/nightlight/import.js';
import { NIGHTLIGHT_RAMP } from '../../tiles/ramp.js';
import { expectProblems } from '../helpers/problems.js';
import { testDatabaseUrl, testDb } from '../helpers/database.js';

let app: FastifyInstance;
let db: Db;
let work: string;
let years: number[];
beforeAll(async () => {
  app = await buildApp({ databaseUrl: testDatabaseUrl(), logLevel: 'silent' });
  db = testDb();
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'povmap-nl-test-'));
  years = (await db('nightlight_raster').distinct('year').orderBy('year').pluck('year')).map(Number);
});
afterAll(async () => {
  await app.close();
  await db.destroy();
  fs.rmSync(work, { recursive: true, force: true });
});

const get = async (url: string, headers: Record<string, string> = {}) => {
  const res = await app.inject({ url, headers });
  return res;
};

/** A small cut of the prepared demo GeoTIFF, re-labelled with another CRS (a classic mistake). */
function wrongCrsTiff(): string {
  const source = path.join(nightlightDir(testDatabaseUrl()), 'viirs_2022.tif');
  const file = path.join(work, 'wrong_crs.tif');
  const r = spawnSync('gdal_translate', ['-q', '-srcwin', '500', '1500', '64', '64', '-a_srs', 'EPSG:32647', source, file], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return file;
}

describe('night-light import', () => {
  it('the demo composites are loaded for both survey years, with overviews and zonal statistics', async () => {
    expect(years).toEqual([2022, 2023]);
    const [{ n }] = await db('nightlight_overview').where({ year: 2022, factor: 16 }).count({ n: '*' });
    expect(Number(n)).toBeGreaterThan(0);
    const [{ areas }] = await db('nightlight_area_stats').where({ year: 2022 }).count({ areas: '*' });
    const [{ all }] = await db('admin_area').count({ all: '*' });
    expect(Number(areas)).toBe(Number(all));
  });

  it('rejects a GeoTIFF whose CRS is wrong, with one clear line, and loads nothing', async () => {
    const file = wrongCrsTiff();
    await expect(importNightlight(db, testDatabaseUrl(), file, 2031)).rejects.toThrow(/EPSG:32647.*misses the loaded country.*coordinate system is probably wrong/);
    const cli = spawnSync('npx', ['tsx', 'server/cli/import-nightlight.ts', '--file', file, '--year', '2031', '--database', testDatabaseUrl()], { encoding: 'utf8' });
    expect(cli.status).toBe(1);
    const lines = cli.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^povmap: error: .*wrong_crs\.tif: .*EPSG:32647/);
    const [{ n }] = await db('nightlight_raster').where({ year: 2031 }).count({ n: '*' });
    expect(Number(n)).toBe(0);
  });

  it('rejects a GeoTIFF with no data and a file that is not a raster', async () => {
    const empty = path.join(work, 'empty.tif');
    writeGeoTiff({ width: 16, height: 16, values: new Float32Array(256).fill(-1) }, empty);
    await expect(importNightlight(db, testDatabaseUrl(), empty, 2031)).rejects.toThrow(/has no data/);
    const text = path.join(work, 'notes.tif');
    fs.writeFileSync(text, 'not a raster');
    await expect(importNightlight(db, testDatabaseUrl(), text, 2031)).rejects.toThrow(/not a raster GDAL can read/);
    const [{ n }] = await db('nightlight_raster').where({ year: 2031 }).count({ n: '*' });
    expect(Number(n)).toBe(0);
  });
});

describe('night-light zonal statistics', () => {
  it('a province sums its districts, and a district its subdistricts, exactly', async () => {
    const { rows } = await db.raw(`
      select p.code, p.radiance_sum as own, sum(d.radiance_sum) as children, p.pixels, sum(d.pixels)::integer as child_pixels
      from nightlight_area_stats p
      join admin_area c on c.parent_code = p.code
      join nightlight_area_stats d on d.code = c.code and d.year = p.year
      where p.year = 2022 and p.code in ('10', '30', '1001', '3001')
      group by p.code, p.radiance_sum, p.pixels`);
    expect(rows).toHaveLength(4);
    for (const r of rows) {
      expect(r.child_pixels).toBe(r.pixels);
      expect(Number(r.children)).toBeCloseTo(Number(r.own), 3);
    }
  });

  it('equals a pixel-by-pixel point-in-polygon count on a sample of villages, exactly', async () => {
    // brute force: every pixel centre of the composite under the village, kept when inside its polygon
    const { rows } = await db.raw(`
      with v as (select code, geom from admin_area where level = 'village' order by hashtext(code) limit 30)
      select v.code, s.pixels, s.lit_pixels, s.radiance_sum, b.pixels as brute_pixels, b.lit as brute_lit, b.total as brute_sum
      from v join nightlight_area_stats s on s.code = v.code and s.year = 2023
      cross join lateral (
        select count(*)::integer as pixels, (count(*) filter (where p.val > 0.5))::integer as lit, coalesce(sum(p.val), 0) as total
        from nightlight_raster r cross join lateral st_pixelascentroids(r.rast, 1, true) p
        where r.year = 2023 and st_intersects(st_convexhull(r.rast), v.geom) and st_intersects(v.geom, p.geom)) b`);
    expect(rows).toHaveLength(30);
    expect(rows.filter((r: { pixels: number }) => r.pixels > 0).length).toBeGreaterThan(20);
    for (const r of rows) {
      expect(r.pixels, r.code).toBe(r.brute_pixels);
      expect(r.lit_pixels, r.code).toBe(r.brute_lit);
      expect(r.radiance_sum, r.code).toBeCloseTo(Number(r.brute_sum), 6);
    }
  });

  it('matches an independent ST_Clip of the raster within the documented edge effects', async () => {
    // ST_Clip burns pixels whose centre is inside (GDAL's default), the rule of the stored figures; they
    // differ only by pixels whose centre falls in a gap between the finest-level areas
    const { rows } = await db.raw(`
      select sum((st_summarystats(st_clip(r.rast, a.geom, true))).count)::integer as pixels,
             sum((st_summarystats(st_clip(r.rast, a.geom, true))).sum) as radiance_sum
      from admin_area a join nightlight_raster r on r.year = 2022 and st_intersects(st_convexhull(r.rast), a.geom)
      where a.code = '3001'`);
    const stored = await db('nightlight_area_stats').where({ code: '3001', year: 2022 }).first();
    expect(stored.pixels).toBeGreaterThan(100);
    expect(Math.abs(rows[0].pixels - stored.pixels) / stored.pixels).toBeLessThan(0.01);
    expect(Math.abs(Number(rows[0].radiance_sum) - stored.radiance_sum) / stored.radiance_sum).toBeLessThan(0.01);
  });

  it('the areas tiles carry nightlight_mean', async () => {
    const row = await db('tile_area_metrics').where({ code: '10', survey_year: 2023 }).first();
    const stored = await db('nightlight_area_stats').where({ code: '10', year: 2023 }).first();
    expect(row.metrics.nightlight_mean).toBeCloseTo(stored.radiance_mean, 9);
  });
});

describe('light-vs-poverty mismatch', () => {
  /** Ordinary least squares by hand: the model of sql/functions/refresh_light_mismatch.sql, computed here from the same rows. */
  function ols(points: Array<{ x: number; y: number }>) {
    const n = points.length;
    const mx = points.reduce((a, p) => a + p.x, 0) / n;
    const my = points.reduce((a, p) => a + p.y, 0) / n;
    const sxy = points.reduce((a, p) => a + (p.x - mx) * (p.y - my), 0);
    const sxx = points.reduce((a, p) => a + (p.x - mx) ** 2, 0);
    const syy = points.reduce((a, p) => a + (p.y - my) ** 2, 0);
    const slope = sxy / sxx;
    const intercept = my - slope * mx;
    const sse = points.reduce((a, p) => a + (p.y - intercept - slope * p.x) ** 2, 0);
    return { n, slope, intercept, r2: (sxy * sxy) / (sxx * syy), sd: Math.sqrt(sse / (n - 2)) };
  }

  it('the district fit, residuals and classes equal an independent least-squares computation', async () => {
    const { rows } = await db.raw(`
      select s.code, s.target_share as y, n.radiance_mean as radiance
      from area_stats s join nightlight_area_stats n on n.code = s.code and n.year = s.survey_year
      join area_public p on p.code = s.code and p.survey_year = s.survey_year
      where s.level = 'district' and s.survey_year = 2023 and s.households >= 5 and n.pixels > 0
        -- a target share the disclosure policy withholds is in no fit (it would show through the residual)
        and not p.suppressed and not jsonb_exists_any(p.cells, array['target_households', 'households'])`);
    const points = rows.map((r: { code: string; y: number; radiance: number }) => ({ code: r.code, y: r.y, x: Math.log(1 + r.radiance) }));
    const f = ols(points);
    const stored = await db('light_poverty_fit').where({ level: 'district', survey_year: 2023 }).first();
    expect(stored.areas).toBe(f.n);
    expect(stored.slope).toBeCloseTo(f.slope, 10);
    expect(stored.intercept).toBeCloseTo(f.intercept, 10);
    expect(stored.r2).toBeCloseTo(f.r2, 10);
    expect(stored.residual_sd).toBeCloseTo(f.sd, 10);
    expect(f.slope).toBeLessThan(0); // brighter districts are less poor, as the generator intends
    const residuals = new Map((await db('light_poverty_residual as m').join('admin_area as a', 'a.code', 'm.code')
      .where({ 'a.level': 'district', 'm.survey_year': 2023 }).select('m.code', 'm.z', 'm.class')).map((r) => [r.code, r]));
    expect(residuals.size).toBe(f.n);
    let flagged = 0;
    for (const p of points) {
      const z = (p.y - f.intercept - f.slope * p.x) / f.sd;
      const r = residuals.get(p.code)!;
      expect(r.z, p.code).toBeCloseTo(z, 8);
      expect(r.class, p.code).toBe(z >= 2 ? 'poorer-than-light' : z <= -2 ? 'less-poor-than-light' : 'as-expected');
      if (Math.abs(z) >= 2) flagged++;
    }
    expect(flagged).toBeGreaterThan(0);
  });

  it('GET /api/light-mismatch lists the flagged areas, most extreme first, and the tiles carry the class', async () => {
    const res = await get('/api/light-mismatch?level=district&year=2023&limit=5');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.fit.areas).toBeGreaterThan(800); // of 927 districts, those whose target share is published
    expect(body.items.length).toBeGreaterThan(0);
    expect(body.items.length).toBeLessThanOrEqual(5);
    const [{ n }] = await db('light_poverty_residual as m').join('admin_area as a', 'a.code', 'm.code')
      .where({ 'a.level': 'district', 'm.survey_year': 2023 }).whereNot('m.class', 'as-expected').count({ n: '*' });
    expect(body.total).toBe(Number(n));
    const z = body.items.map((i: { z: number }) => Math.abs(i.z));
    expect(z).toEqual([...z].sort((a, b) => b - a));
    expect(body.items.length).toBeGreaterThan(0);
    for (const i of body.items) expect(Math.abs(i.z)).toBeGreaterThanOrEqual(2);
    const top = body.items[0];
    const tile = await db('tile_area_metrics').where({ code: top.code, survey_year: 2023 }).first();
    expect(tile.metrics.light_mismatch).toBe(top.class);
    expect(tile.metrics.light_z).toBeCloseTo(top.z, 9);
    const area = (await get(`/api/areas/${top.code}/nightlight?year=2023`)).json();
    expect(area.mismatch.class).toBe(top.class);

    const inside = (await get(`/api/light-mismatch?level=village&year=2023&class=all&parent=${top.code}&limit=10000`)).json();
    const [{ v }] = await db('light_poverty_residual as m').join('admin_area as a', 'a.code', 'm.code')
      .where({ 'a.district_code': top.code, 'a.level': 'village', 'm.survey_year': 2023 }).count({ v: '*' });
    expect(inside.total).toBe(Number(v));
  });

  it('bad input is a 4xx problem naming the parameter', async () => {
    await expectProblems(app, [
      ['/api/light-mismatch', 400, 'level'],
      ['/api/light-mismatch?level=county', 400, 'level'],
      ['/api/light-mismatch?level=district&year=2031', 404, 'year'],
      ['/api/light-mismatch?level=district&class=odd', 400, 'class'],
      ['/api/light-mismatch?level=district&limit=0', 400, 'limit'],
      ['/api/light-mismatch?level=district&parent=3x', 400, 'parent'],
      ['/api/light-mismatch?level=district&parent=3001', 400, 'parent'],
      ['/api/light-mismatch?level=district&parent=99', 404, 'parent'],
    ]);
  });
});

describe('GET /api/areas/{code}/nightlight', () => {
  it('answers the year with the trend and the change since the previous year', async () => {
    const res = await get('/api/areas/10/nightlight?year=2023');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ code: '10', level: 'province', year: 2023 });
    expect(body.trend.map((t: { year: number }) => t.year)).toEqual([2022, 2023]);
    expect(body.radiance_mean).toBeCloseTo(body.radiance_sum / body.pixels, 9);
    expect(body.lit_share).toBeGreaterThan(0);
    expect(body.change.from).toBe(2022);
    expect(body.change.radiance_mean).toBeCloseTo(body.trend[1].radiance_mean - body.trend[0].radiance_mean, 9);
    const th = (await get('/api/areas/TH/nightlight')).json();
    expect(th.year).toBe(2023);
    expect(th.change.radiance_mean).toBeGreaterThan(0); // the generator brightens later years
  });

  it('bad input is a 4xx problem naming the parameter', async () => {
    await expectProblems(app, [
      ['/api/areas/10/nightlight?year=2031', 404, 'year'],
      ['/api/areas/10/nightlight?year=abc', 400, 'year'],
      ['/api/areas/10/nightlight?year=1999', 400, 'year'],
      ['/api/areas/10/nightlight?color=red', 400, 'color'],
      ['/api/areas/x1/nightlight', 400, 'code'],
      ['/api/areas/99/nightlight', 404, 'code'],
    ]);
  });
});

/** The tile of zoom z containing a longitude/latitude. */
function tileAt(z: number, lon: number, lat: number): [number, number] {
  const n = 2 ** z;
  const r = (lat * Math.PI) / 180;
  return [Math.floor(((lon + 180) / 360) * n), Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n)];
}

/** True when a colour lies on a segment of the ramp (ST_ColorMap interpolates each channel linearly). */
function onRamp(c: number[]): boolean {
  if (c[3] === 0) return true; // nodata or zero radiance: transparent
  for (let i = 0; i + 1 < NIGHTLIGHT_RAMP.length; i++) {
    const a = NIGHTLIGHT_RAMP[i].rgba;
    const b = NIGHTLIGHT_RAMP[i + 1].rgba;
    // t from the channel that changes most along the segment (the others are rounded more coarsely)
    const k = [0, 1, 2, 3].reduce((m, j) => (Math.abs(b[j] - a[j]) > Math.abs(b[m] - a[m]) ? j : m), 0);
    const t = (c[k] - a[k]) / (b[k] - a[k]);
    if (t < -0.02 || t > 1.02) continue;
    if (a.every((v, j) => Math.abs(v + t * (b[j] - v) - c[j]) <= 3)) return true;
  }
  const last = NIGHTLIGHT_RAMP[NIGHTLIGHT_RAMP.length - 1].rgba;
  return last.every((v, j) => Math.abs(v - c[j]) <= 1);
}

describe('GET /tiles/nightlight/{year}/{z}/{x}/{y}.png', () => {
  for (const z of [5, 9]) {
    it(`a Bangkok tile at z${z} decodes, follows the ramp and revalidates`, async () => {
      const [x, y] = tileAt(z, 100.52, 13.75);
      const res = await get(`/tiles/nightlight/2023/${z}/${x}/${y}.png`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('image/png');
      const png = PNG.sync.read(res.rawPayload);
      expect([png.width, png.height]).toEqual([256, 256]);
      let lit = 0;
      let bright = 0;
      const off: number[][] = [];
      for (let i = 0; i < png.data.length; i += 4) {
        const c = [png.data[i], png.data[i + 1], png.data[i + 2], png.data[i + 3]];
        if (c[3] > 0) lit++;
        if (c[0] > 240 && c[1] > 170) bright++;
        if (!onRamp(c)) off.push(c);
      }
      expect(off.slice(0, 5)).toEqual([]);
      expect(lit).toBeGreaterThan(1000);
      expect(bright).toBeGreaterThan(0); // the capital's core saturates towards the top of the ramp
      const again = await get(`/tiles/nightlight/2023/${z}/${x}/${y}.png`, { 'if-none-match': String(res.headers.etag) });
      expect(again.statusCode).toBe(304);
    });
  }

  it('a raster TileJSON lists the years and points at the tiles of the year asked for', async () => {
    const res = await get('/tiles/nightlight.json?year=2022', { host: 'maps.example.org' });
    expect(res.statusCode).toBe(200);
    const tj = res.json();
    expect(tj).toMatchObject({ tilejson: '3.0.0', format: 'png', minzoom: 0, maxzoom: 14, year: 2022, years: [2022, 2023] });
    expect(tj.tiles).toEqual([expect.stringMatching(/^\/tiles\/nightlight\/2022\/\{z\}\/\{x\}\/\{y\}\.png\?v=[0-9.]+$/)]);
    expect(tj.ramp).toEqual(NIGHTLIGHT_RAMP);
    const [w, s, e, n] = tj.bounds;
    expect(w).toBeLessThan(98); expect(e).toBeGreaterThan(105); expect(s).toBeLessThan(6); expect(n).toBeGreaterThan(20);
    expect((await get('/tiles/nightlight.json')).json().year).toBe(2023);
    for (const [url, status] of [['/tiles/nightlight.json?year=2031', 404], ['/tiles/nightlight.json?year=x', 400], ['/tiles/nightlight.json?yaer=2022', 400]] as const) {
      const bad = await get(url);
      expect(bad.statusCode, url).toBe(status);
      expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    }
  });

  it('bad addresses are 4xx problems', async () => {
    await expectProblems(app, [
      ['/tiles/nightlight/2031/5/24/14.png', 404, 'year'],
      ['/tiles/nightlight/20x2/5/24/14.png', 400, 'year'],
      ['/tiles/nightlight/2023/15/24/14.png', 400, 'z'],
      ['/tiles/nightlight/2023/5/32/14.png', 400, 'x'],
      ['/tiles/nightlight/2023/5/24/-1.png', 400, 'y'],
    ]);
  });
});
