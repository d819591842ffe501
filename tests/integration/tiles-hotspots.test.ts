/**
 * The hotspot and change properties of the `areas` tiles (issue 9) on the demo data: a feature's
 * gi_z / gi_class / moran_class are its hotspot_result row of the tile's year, and its change is the
 * difference of its area_stats target shares between the previous survey year and this one.
 */
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/knex.js';
import { decodeTile, features, tileOf } from '../helpers/tiles.js';
import { withAppAndDb } from '../helpers/api.js';

let app: FastifyInstance;
let db: Db;
let years: number[];

withAppAndDb((a, d) => {
  app = a;
  db = d;
}, 'warn');
beforeAll(async () => {
  years = (await db('area_stats').distinct('survey_year').orderBy('survey_year')).map((r) => r.survey_year as number);
});

async function tileFeatures(url: string) {
  const res = await app.inject({ url, headers: { 'accept-encoding': 'gzip' } });
  expect(res.statusCode, `${url}: ${res.body.slice(0, 200)}`).toBe(200);
  return features(decodeTile(res.rawPayload, 'gzip'), 'areas');
}

/** Every feature of the level shown at zoom z in the tile holding `code`'s label point. */
async function featuresAround(code: string, z: number, query = '') {
  const { rows } = await db.raw('select st_x(label_point) as lon, st_y(label_point) as lat from admin_area where code = ?', [code]);
  const t = tileOf(rows[0].lon, rows[0].lat, z);
  return tileFeatures(`/tiles/areas/${t.z}/${t.x}/${t.y}.mvt${query}`);
}

/** The keys a feature's `withheld` property names (the disclosure policy withholds them). */
const withheldOf = (f: { properties: Record<string, unknown> }) => String(f.properties.withheld ?? '').split(',').filter(Boolean);

describe('hotspots and change in the areas tiles', () => {
  it('announces the new fields in TileJSON', async () => {
    const tj = (await app.inject('/tiles/areas.json')).json();
    const fields = Object.keys(tj.vector_layers[0].fields);
    for (const f of ['gi_z', 'gi_class', 'moran_class', 'change_target_share', 'crossed']) expect(fields).toContain(f);
  });

  it("gives every feature of a tile its hotspot_result row of the tile's year", async () => {
    expect(years.length).toBeGreaterThanOrEqual(2);
    for (const [code, z] of [['3001', 7], ['300101', 10]] as const) {
      for (const year of years) {
        const fs = (await featuresAround(code, z, `?year=${year}`)).filter((f) => f.properties.suppressed !== true);
        expect(fs.length).toBeGreaterThan(1);
        const rows = await db('hotspot_result').where({ measure: 'target_share', survey_year: year })
          .whereIn('code', fs.map((f) => String(f.properties.code)));
        const byCode = new Map(rows.map((r) => [r.code as string, r]));
        let compared = 0;
        for (const f of fs) {
          // an area whose target share is withheld is left out of the analysis: no z-score, named withheld
          if (withheldOf(f).includes('target_share')) {
            expect(withheldOf(f)).toEqual(expect.arrayContaining(['gi_z', 'gi_class', 'moran_class']));
            expect(f.properties).not.toHaveProperty('gi_z');
            expect(byCode.has(String(f.properties.code))).toBe(false);
            continue;
          }
          compared++;
          const r = byCode.get(String(f.properties.code));
          expect(r, `hotspot_result row of ${f.properties.code} ${year}`).toBeDefined();
          expect(f.properties.gi_z).toBeCloseTo(r.gi_z, 12);
          expect(f.properties.gi_class).toBe(r.gi_class);
          expect(f.properties.moran_class).toBe(r.moran_class);
        }
        expect(compared).toBeGreaterThan(1);
      }
    }
  });

  it('has hot and cold spots somewhere in the country (the demo data clusters poverty)', async () => {
    const t = tileOf(101, 13, 4);
    const fs = await tileFeatures(`/tiles/areas/${t.z}/${t.x}/${t.y}.mvt?year=${years[0]}`);
    const classes = new Set(fs.map((f) => String(f.properties.gi_class)));
    expect([...classes].some((c) => c.startsWith('hot-'))).toBe(true);
    expect([...classes].some((c) => c.startsWith('cold-'))).toBe(true);
  });

  it('carries the change since the previous survey year and whether it crossed the national share', async () => {
    const [first, second] = years;
    const national = await db('area_stats').where({ code: 'TH', survey_year: first }).first('target_share');
    const fs = (await featuresAround('3001', 7, `?year=${second}`)).filter((f) => f.properties.suppressed !== true);
    const codes = fs.map((f) => String(f.properties.code));
    const before = new Map((await db('area_stats').where({ survey_year: first }).whereIn('code', codes)).map((r) => [r.code as string, r]));
    const after = new Map((await db('area_stats').where({ survey_year: second }).whereIn('code', codes)).map((r) => [r.code as string, r]));
    let compared = 0;
    for (const f of fs) {
      const code = String(f.properties.code);
      // a change resting on a withheld share (either year) is withheld
      if (withheldOf(f).includes('change_target_share')) {
        expect(f.properties).not.toHaveProperty('change_target_share');
        continue;
      }
      compared++;
      const from = before.get(code)!.target_share as number;
      const to = after.get(code)!.target_share as number;
      expect(f.properties.change_target_share, code).toBeCloseTo(to - from, 12);
      const crossed = from < national.target_share && to >= national.target_share ? 'up'
        : from >= national.target_share && to < national.target_share ? 'down' : undefined;
      expect(f.properties.crossed, code).toBe(crossed);
    }
    expect(compared).toBeGreaterThan(1);
  });

  it('has no change in the first survey year', async () => {
    const fs = (await featuresAround('3001', 7, `?year=${years[0]}`)).filter((f) => f.properties.suppressed !== true);
    expect(fs.length).toBeGreaterThan(1);
    for (const f of fs) {
      expect(f.properties).not.toHaveProperty('change_target_share');
      expect(f.properties).not.toHaveProperty('crossed');
    }
  });

  it('selects gi_class alone with ?metric=gi_class', async () => {
    const fs = await featuresAround('3001', 7, '?metric=gi_class');
    expect(fs.length).toBeGreaterThan(0);
    for (const f of fs.filter((x) => x.properties.suppressed !== true)) {
      const key = f.properties.withheld === 'gi_class' ? 'withheld' : 'gi_class';
      expect(Object.keys(f.properties).sort()).toEqual(['code', key, 'level', 'name_en', 'name_th'].sort());
    }
  });
});
