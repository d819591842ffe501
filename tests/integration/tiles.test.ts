/**
 * Tiles on the real demo data: every tile decodes, carries the contract's layers, properties and
 * ids, and an area's metrics equal its area_stats row.
 */
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/knex.js';
import { DIMENSIONS, INDICATORS } from '../../server/mpi/indicators.js';
import { AREA_METRICS, AREA_OPTIONAL_METRICS } from '../helpers/tile-registry.js';
import { levelAtZoom } from '../../tiles/levels.js';
import { decodeTile, features, tileOf } from '../helpers/tiles.js';
import { withAppAndDb } from '../helpers/api.js';

let app: FastifyInstance;
let db: Db;
let latestYear: number;

withAppAndDb((a, d) => {
  app = a;
  db = d;
}, 'warn');
beforeAll(async () => {
  latestYear = (await db('area_stats').max({ y: 'survey_year' }))[0].y as number;
});

async function getTile(url: string) {
  const res = await app.inject({ url, headers: { 'accept-encoding': 'gzip' } });
  expect(res.statusCode, `${url}: ${res.body.slice(0, 200)}`).toBe(200);
  expect(res.headers['content-type']).toBe('application/vnd.mapbox-vector-tile');
  expect(res.headers['content-encoding']).toBe('gzip');
  return decodeTile(res.rawPayload, 'gzip');
}

/** A label point of an area, for finding the tile it is in. */
async function labelPoint(code: string): Promise<[number, number]> {
  const { rows } = await db.raw('select st_x(label_point) as lon, st_y(label_point) as lat from admin_area where code = ?', [code]);
  return [rows[0].lon, rows[0].lat];
}

describe('GET /tiles and TileJSON', () => {
  it('lists the layers with their TileJSON URLs and zoom ranges', async () => {
    const res = await app.inject('/tiles');
    expect(res.statusCode).toBe(200);
    const { layers } = res.json() as { layers: Array<Record<string, unknown>> };
    expect(layers.map((l) => l.id)).toEqual(['areas', 'boundaries', 'services', 'villages', 'nightlight']);
    expect(layers[4]).toMatchObject({ tilejson: '/tiles/nightlight.json', minzoom: 0, maxzoom: 14 });
    expect(layers[0]).toMatchObject({ tilejson: '/tiles/areas.json', minzoom: 0, maxzoom: 14 });
    expect(layers[2]).toMatchObject({ tilejson: '/tiles/services.json', minzoom: 8 });
    expect(layers[3]).toMatchObject({ tilejson: '/tiles/villages.json', minzoom: 11 });
  });

  it('answers TileJSON 3.0 with relative tile URLs (no PUBLIC_URL; the Host header is ignored) and the default year', async () => {
    const res = await app.inject({ url: '/tiles/areas.json', headers: { host: 'maps.example.org:8080' } });
    expect(res.statusCode).toBe(200);
    const tj = res.json();
    expect(tj.tilejson).toBe('3.0.0');
    // v: the layer's data version, for caches in front (tests/integration/tiles-cdn.test.ts)
    expect(tj.tiles).toEqual([`/tiles/areas/{z}/{x}/{y}.mvt?year=${latestYear}&v=${app.tiles.stamp(app.tiles.layer('areas'))}`]);
    expect(tj).toMatchObject({ minzoom: 0, maxzoom: 14 });
    expect(tj.bounds).toHaveLength(4);
    const [w, s, e, n] = tj.bounds;
    expect(w).toBeGreaterThan(97); expect(e).toBeLessThan(106); expect(s).toBeGreaterThan(5); expect(n).toBeLessThan(21);
    expect(tj.vector_layers[0].id).toBe('areas');
    for (const key of ['code', 'level', 'name_th', 'name_en', 'suppressed', ...AREA_METRICS]) expect(tj.vector_layers[0].fields).toHaveProperty(key);
  });

  it('carries year and metric into the tile URL', async () => {
    const tj = (await app.inject('/tiles/areas.json?year=2022&metric=m0')).json();
    expect(tj.tiles[0]).toMatch(/\/tiles\/areas\/\{z\}\/\{x\}\/\{y\}\.mvt\?year=2022&metric=m0&v=[0-9.]+$/);
    const b = (await app.inject('/tiles/boundaries.json')).json();
    expect(b.tiles[0]).toMatch(/\/tiles\/boundaries\/\{z\}\/\{x\}\/\{y\}\.mvt\?v=[0-9.]+$/);
    expect(b.vector_layers.map((v: { id: string }) => v.id)).toEqual(['boundaries', 'labels']);
  });
});

describe('MapLibre style', () => {
  it('uses the TileJSON URLs, and every style layer names a vector layer its source has', async () => {
    const res = await app.inject({ url: '/tiles/style.json', headers: { host: 'maps.example.org' } });
    expect(res.statusCode).toBe(200);
    const style = res.json();
    expect(style.version).toBe(8);
    const vectorLayers: Record<string, string[]> = {};
    for (const [id, source] of Object.entries(style.sources as Record<string, { url: string }>)) {
      expect(source.url).toBe(`/tiles/${id}.json`);
      const tj = await app.inject(source.url);
      expect(tj.statusCode).toBe(200);
      vectorLayers[id] = tj.json().vector_layers.map((v: { id: string }) => v.id);
    }
    for (const layer of style.layers.filter((l: { source?: string }) => l.source)) {
      expect(vectorLayers[layer.source], layer.id).toContain(layer['source-layer']);
    }
    // works offline: nothing in it points at another host (no remote glyphs or sprites)
    expect(JSON.stringify(style).match(/https?:\/\/[^/"]+/g) ?? []).toEqual([]);
  });
});

describe('tile SQL agrees with the registry', () => {
  it('view tile_area_metrics has exactly the metric keys the registry lists, less those it names withheld', async () => {
    const { rows } = await db.raw("select metrics from tile_area_metrics where metrics is not null and survey_year = ? order by code limit 500", [latestYear]);
    expect(rows.length).toBeGreaterThan(100);
    let withheldSeen = 0;
    for (const { metrics } of rows) {
      const withheld: string[] = metrics.withheld ? metrics.withheld.split(',') : [];
      withheldSeen += withheld.length;
      for (const key of withheld) expect(metrics, key).not.toHaveProperty(key);
      const present = Object.keys(metrics).filter((k) => k !== 'withheld');
      expect([...present, ...withheld].sort()).toEqual([...AREA_METRICS].sort());
    }
    expect(withheldSeen).toBeGreaterThan(0);
  });

  it("every zoom's geometry band holds the admin level the registry shows at that zoom", async () => {
    const bands = await db('tile_geometry_band').select('minzoom', 'maxzoom', 'finest_level');
    const rank = ['province', 'district', 'subdistrict', 'village'];
    for (let z = 0; z <= 14; z++) {
      const band = bands.find((b) => z >= b.minzoom && z <= b.maxzoom);
      expect(band, `band for z${z}`).toBeDefined();
      expect(rank.indexOf(levelAtZoom(z)), `z${z}`).toBeLessThanOrEqual(rank.indexOf(band.finest_level));
    }
  });
});

describe('layer areas', () => {
  it('shows the admin level of each zoom with integer code ids and the contract properties', async () => {
    const [lon, lat] = await labelPoint('10');
    for (const [z, level] of [[4, 'province'], [6, 'province'], [7, 'district'], [8, 'district'], [9, 'subdistrict'], [10, 'subdistrict'], [11, 'village'], [14, 'village']] as const) {
      const t = tileOf(lon, lat, z);
      const fs = features(await getTile(`/tiles/areas/${t.z}/${t.x}/${t.y}.mvt`), 'areas');
      expect(fs.length, `z${z}`).toBeGreaterThan(0);
      for (const f of fs) {
        expect(f.type).toBe(3); // polygon
        expect(f.properties.level).toBe(level);
        expect(f.id).toBe(Number(f.properties.code));
        expect(typeof f.properties.name_th).toBe('string');
        if (!f.properties.suppressed) {
          // a metric the disclosure policy withholds is absent and named in `withheld`
          const withheld = String(f.properties.withheld ?? '').split(',');
          for (const key of AREA_METRICS.filter((k) => !AREA_OPTIONAL_METRICS.includes(k))) {
            if (withheld.includes(key)) expect(f.properties, `${f.properties.code} ${key}`).not.toHaveProperty(key);
            else expect(f.properties, `${f.properties.code} ${key}`).toHaveProperty(key);
          }
        }
      }
    }
  });

  it('has every province in a z4 tile of Thailand, under 150 KB gzipped', async () => {
    const t = tileOf(101, 13, 4);
    const res = await app.inject({ url: `/tiles/areas/${t.z}/${t.x}/${t.y}.mvt`, headers: { 'accept-encoding': 'gzip' } });
    expect(res.rawPayload.length).toBeLessThan(150 * 1024);
    const codes = features(decodeTile(res.rawPayload, 'gzip'), 'areas').map((f) => f.properties.code);
    expect(new Set(codes).size).toBe(77);
  });

  it("gives a feature the metrics of the area's area_stats row", async () => {
    const [lon, lat] = await labelPoint('3001');
    const t = tileOf(lon, lat, 7);
    for (const year of [2022, 2023]) {
      const fs = features(await getTile(`/tiles/areas/${t.z}/${t.x}/${t.y}.mvt?year=${year}`), 'areas');
      const f = fs.find((x) => x.properties.code === '3001');
      expect(f, 'district 3001 in its tile').toBeDefined();
      const s = await db('area_stats').where({ code: '3001', survey_year: year }).first();
      const p = f!.properties;
      // the disclosure policy's withheld keys are absent; every other one is the rollup's figure
      const withheld = String(p.withheld ?? '').split(',').filter(Boolean);
      const { rows: [decision] } = await db.raw('select withheld from area_public where code = ? and survey_year = ?', ['3001', year]);
      expect(withheld.sort()).toEqual(Object.keys(decision.withheld).sort());
      const expected: Record<string, number> = {
        households: s.households, people: s.people, target_households: s.target_households, vulnerable_households: s.vulnerable_households,
        stars: s.stars, poor_people: s.poor_people, target_with_card: s.target_with_card, target_without_card: s.target_without_card,
        ...Object.fromEntries(s.failed_dim_count_households.map((n: number, i: number) => [`fail_dims_${i}`, n])),
      };
      const shares: Record<string, number> = {
        target_share: s.target_share, h: s.h, a: s.a, m0: s.m0, vulnerable_share: s.vulnerable_households / s.households,
        ...Object.fromEntries(INDICATORS.map((i) => [`hc_${i.id}`, s.censored_people[i.number - 1] / s.people])),
        ...Object.fromEntries(DIMENSIONS.map((d) => [`dim_${d.id}`, s.dim_failed_households[d.number - 1] / s.households])),
      };
      let compared = 0;
      for (const [key, value] of Object.entries({ ...expected, ...shares })) {
        if (withheld.includes(key)) {
          expect(p, key).not.toHaveProperty(key);
          continue;
        }
        compared++;
        if (key in expected) expect(p[key], key).toBe(value);
        else expect(p[key], key).toBeCloseTo(value, 12);
      }
      expect(compared).toBeGreaterThan(20);
    }
  });

  it('suppresses areas with fewer than 5 households: identity only', async () => {
    const small = await db('area_stats').where({ level: 'village', survey_year: latestYear }).andWhere('households', '<', 5).first('code');
    expect(small, 'the demo data has villages with fewer than 5 households').toBeDefined();
    const [lon, lat] = await labelPoint(small.code);
    const t = tileOf(lon, lat, 13);
    const f = features(await getTile(`/tiles/areas/${t.z}/${t.x}/${t.y}.mvt`), 'areas').find((x) => x.properties.code === small.code);
    expect(f).toBeDefined();
    expect(f!.properties).toEqual({ code: small.code, level: 'village', name_th: expect.any(String), name_en: expect.any(String), suppressed: true });
  });

  it('selects one metric with ?metric=', async () => {
    const t = tileOf(101, 13, 5);
    const fs = features(await getTile(`/tiles/areas/${t.z}/${t.x}/${t.y}.mvt?metric=hc_stable_house`), 'areas');
    expect(fs.length).toBeGreaterThan(0);
    for (const f of fs) {
      // the metric, or its key named in `withheld` when the disclosure policy withholds it
      const withheld = f.properties.withheld === 'hc_stable_house';
      expect(Object.keys(f.properties).sort()).toEqual(['code', withheld ? 'withheld' : 'hc_stable_house', 'level', 'name_en', 'name_th'].sort());
    }
  });

  it('serves the same tile as .pbf', async () => {
    const t = tileOf(100.5, 13.7, 6);
    const a = await app.inject({ url: `/tiles/areas/${t.z}/${t.x}/${t.y}.mvt`, headers: { 'accept-encoding': 'gzip' } });
    const b = await app.inject({ url: `/tiles/areas/${t.z}/${t.x}/${t.y}.pbf`, headers: { 'accept-encoding': 'gzip' } });
    expect(b.statusCode).toBe(200);
    expect(b.rawPayload.equals(a.rawPayload)).toBe(true);
  });
});

describe('layers boundaries, services, villages', () => {
  it('boundaries: lines of this and coarser levels, labels of this level', async () => {
    const [lon, lat] = await labelPoint('3001');
    const t = tileOf(lon, lat, 9);
    const tile = await getTile(`/tiles/boundaries/${t.z}/${t.x}/${t.y}.mvt`);
    const lines = features(tile, 'boundaries');
    const labels = features(tile, 'labels');
    expect(new Set(lines.map((l) => l.properties.level))).toEqual(new Set(['province', 'district', 'subdistrict']));
    for (const l of lines) expect(l.type).toBe(2);
    expect(labels.length).toBeGreaterThan(0);
    for (const l of labels) {
      expect(l.type).toBe(1);
      expect(l.properties).toMatchObject({ level: 'subdistrict', name_th: expect.any(String) });
      expect(l.id).toBe(Number(l.properties.code));
    }
  });

  it('services: points by kind with id = service id', async () => {
    const s = await db('service_point').where({ kind: 'hospital' }).first('id', db.raw('st_x(geom) as lon'), db.raw('st_y(geom) as lat'), 'capacity', 'subdistrict_code');
    const t = tileOf(s.lon, s.lat, 10);
    const fs = features(await getTile(`/tiles/services/${t.z}/${t.x}/${t.y}.mvt`), 'services');
    const f = fs.find((x) => x.id === s.id);
    expect(f).toBeDefined();
    expect(f!.properties).toMatchObject({ id: s.id, kind: 'hospital', capacity: s.capacity, subdistrict_code: s.subdistrict_code });
    for (const x of fs) expect(['school', 'hospital', 'health_promoting_hospital']).toContain(x.properties.kind);
    expect(fs.some((x) => x.properties.kind === 'school'), 'schools at z10').toBe(true);
    const t8 = tileOf(s.lon, s.lat, 8);
    const at8 = features(await getTile(`/tiles/services/${t8.z}/${t8.x}/${t8.y}.mvt`), 'services');
    expect(at8.find((x) => x.id === s.id)).toBeDefined();
    expect(at8.filter((x) => x.properties.kind === 'school')).toEqual([]);
  });

  it("villages: points with the year's seven potential scores", async () => {
    const v = await db('village_potential').where({ year: 2022 }).orderBy('village_code').first();
    const [lon, lat] = await labelPoint(v.village_code);
    const t = tileOf(lon, lat, 12);
    const f = features(await getTile(`/tiles/villages/${t.z}/${t.x}/${t.y}.mvt?year=2022`), 'villages').find((x) => x.properties.code === v.village_code);
    expect(f).toBeDefined();
    expect(f!.id).toBe(Number(v.village_code));
    for (const k of ['infrastructure', 'economy', 'health', 'education', 'community_strength', 'environment', 'safety']) expect(f!.properties[k], k).toBe(v[k]);
  });

  it('never puts household rows in a tile', async () => {
    const [lon, lat] = await labelPoint('3001');
    let checked = 0;
    for (const layer of ['areas', 'boundaries', 'services', 'villages']) {
      const t = tileOf(lon, lat, 14);
      const res = await app.inject({ url: `/tiles/${layer}/${t.z}/${t.x}/${t.y}.mvt` });
      if (res.statusCode === 204) continue;
      const tile = decodeTile(res.rawPayload);
      checked += Object.keys(tile.layers).reduce((n, name) => n + features(tile, name).length, 0);
      for (const name of Object.keys(tile.layers)) {
        expect(['areas', 'boundaries', 'labels', 'services', 'villages']).toContain(name);
        for (const f of features(tile, name)) {
          for (const k of ['house_code', 'head_name', 'national_id', 'members']) expect(f.properties).not.toHaveProperty(k);
        }
      }
    }
    expect(checked, 'features looked at').toBeGreaterThan(0);
  });

  it('answers 204 with no body for an empty tile', async () => {
    const res = await app.inject('/tiles/areas/5/0/0.mvt');
    expect(res.statusCode).toBe(204);
    expect(res.rawPayload.length).toBe(0);
  });
});
