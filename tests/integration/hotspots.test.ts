/**
 * Hotspots and year-over-year change through the API, on the demo data, checked against brute-force
 * PostGIS neighbours and a plain Gi* written here.
 */
import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/knex.js';
import { analyseHotspots } from '../../server/hotspots/analysis.js';
import { withAppAndDb } from '../helpers/api.js';

let app: FastifyInstance;
let db: Db;
withAppAndDb((a, d) => {
  app = a;
  db = d;
});

const get = async (url: string) => {
  const res = await app.inject(url);
  return { status: res.statusCode, body: res.json(), type: res.headers['content-type'] };
};

/** Plain Gi* over a dense neighbour matrix (the area itself included, row-standardised). */
function referenceGiStar(x: number[], touches: boolean[][]): number[] {
  const n = x.length;
  const mean = x.reduce((s, v) => s + v, 0) / n;
  const s = Math.sqrt(x.reduce((a, v) => a + v * v, 0) / n - mean * mean);
  return x.map((_, i) => {
    const members: number[] = x.map((__, j) => (i === j || touches[i][j] ? 1 : 0));
    const k = members.reduce((a, b) => a + b, 0);
    const local = members.reduce((a, m, j) => a + (m * x[j]) / k, 0);
    return (local - mean) / (s * Math.sqrt((n * k * (1 / k) ** 2 - 1) / (n - 1)));
  });
}

describe('spatial weights', () => {
  it('queen neighbours equal a brute-force ST_Touches check for real areas, with the 1 m snapping', async () => {
    // Cells clipped from separate parents meet with floating-point slivers (overlaps of ~1e-16 square
    // degrees), where ST_Touches says false although the areas share a boundary; the brute force
    // counts those as touching too, and every strict ST_Touches pair must be among the neighbours.
    // Areas less than the snapping tolerance apart (1 m as degrees at the equator, 1 / 111,320) are
    // neighbours too (issue 15: hairline gaps).
    const samples = await db('admin_area').whereIn('level', ['district', 'subdistrict', 'village']).where('province_code', '41')
      .orderBy('code').limit(40).pluck('code');
    for (const code of samples.filter((_: string, i: number) => i % 4 === 0)) {
      const stored = await db('spatial_neighbour').where({ scheme: 'queen', code }).orderBy('neighbour_code').pluck('neighbour_code');
      const { rows } = await db.raw(`
        select b.code, st_touches(a.geom, b.geom) as strict from admin_area a
        join admin_area b on b.level = a.level and b.code <> a.code
        where a.code = ? and (st_touches(a.geom, b.geom)
                              or (st_intersects(a.geom, b.geom) and st_area(st_intersection(a.geom, b.geom)) < 1e-12)
                              or (not st_intersects(a.geom, b.geom) and st_distance(a.geom, b.geom) < 1 / 111320.0))
        order by b.code`, [code]);
      expect(stored, code).toEqual(rows.map((r: { code: string }) => r.code));
      expect(rows.filter((r: { strict: boolean }) => r.strict).length, code).toBeGreaterThan(0);
    }
  });

  it('ranks the k nearest neighbours by distance', async () => {
    const { rows } = await db.raw(`select count(*)::int as n, min(rank) as lo, max(rank) as hi from spatial_neighbour
                                   where scheme = 'knn' and code = '41'`);
    expect(rows[0]).toEqual({ n: 16, lo: 1, hi: 16 });
  });
});

describe('GET /api/hotspots', () => {
  it('gives Gi* z-scores equal to a plain computation for the districts of Udon Thani', async () => {
    const { status, body } = await get('/api/hotspots?level=district&parent=41&year=2022&measure=target_share');
    expect(status).toBe(200);
    // the analysis runs on the areas whose target share the public may see (disclosure policy)
    const { rows } = await db.raw(`select a.code, s.target_share from admin_area a join area_stats s on s.code = a.code and s.survey_year = 2022
                                   join area_public p on p.code = s.code and p.survey_year = s.survey_year
                                   where a.level = 'district' and a.province_code = '41' and s.households >= 5
                                     and not p.suppressed and not jsonb_exists_any(p.cells, array['target_households', 'households'])
                                   order by a.code`);
    expect(rows.length).toBeGreaterThan(10);
    const codes = rows.map((r: { code: string }) => r.code);
    const { rows: touching } = await db.raw(`select a.code as a, b.code as b from admin_area a join admin_area b
                                             on a.code <> b.code and st_intersects(a.geom, b.geom)
                                             where a.code = any(?) and b.code = any(?)`, [codes, codes]);
    const touches = codes.map((a: string) => codes.map((b: string) => touching.some((t: { a: string; b: string }) => t.a === a && t.b === b)));
    const expected = referenceGiStar(rows.map((r: { target_share: number }) => r.target_share), touches);
    expect(body.items.map((i: { code: string }) => i.code)).toEqual(codes);
    body.items.forEach((item: { gi_z: number; value: number }, i: number) => {
      expect(Math.abs(item.gi_z - expected[i])).toBeLessThan(1e-9);
      expect(item.value).toBe(rows[i].target_share);
    });
    expect(body).toMatchObject({ n: codes.length, permutations: 999, correction: 'fdr', weights: 'queen' });
  });

  it('serves the precomputed default view unchanged', async () => {
    const { body } = await get('/api/hotspots?level=province&year=2022');
    const stored = await db('hotspot_result').where({ level: 'province', survey_year: 2022, measure: 'target_share' }).orderBy('code');
    expect(body.items.map((i: { code: string; gi_z: number; gi_class: string; moran_p: number }) => [i.code, i.gi_z, i.gi_class, i.moran_p]))
      .toEqual(stored.map((r) => [r.code, r.gi_z, r.gi_class, r.moran_p]));
    expect(body.items.some((i: { gi_class: string }) => i.gi_class.startsWith('hot'))).toBe(true);
  });

  it('repeats permutation p-values with the same seed and changes them with another', async () => {
    const q = { level: 'district' as const, year: 2022, measure: 'target_share', weights: 'queen' as const, k: 8, correction: 'none' as const, parent: '40' };
    const a = await analyseHotspots(db, { ...q, seed: 7 });
    const b = await analyseHotspots(db, { ...q, seed: 7 });
    const c = await analyseHotspots(db, { ...q, seed: 8 });
    expect(b.items.map((i) => i.moran_p)).toEqual(a.items.map((i) => i.moran_p));
    expect(c.items.map((i) => i.moran_p)).not.toEqual(a.items.map((i) => i.moran_p));
  });

  it('runs on every village, reports islands and k-nearest weights', async () => {
    const { status, body } = await get('/api/hotspots?level=village&year=2023&weights=knn&k=6&measure=indicator:income_threshold&correction=none');
    expect(status).toBe(200);
    expect(body.n).toBeGreaterThan(40_000);
    expect(body.items.every((i: { neighbours: number }) => i.neighbours <= 6)).toBe(true);
    const queen = await get('/api/hotspots?level=village&year=2023');
    expect(Array.isArray(queen.body.islands)).toBe(true);
    // the demo map has villages touching no other village (checked here so the loop below checks something)
    expect(queen.body.islands.length).toBeGreaterThan(0);
    expect([...queen.body.islands].sort()).toEqual(
      queen.body.items.filter((i: { neighbours: number }) => i.neighbours === 0).map((i: { code: string }) => i.code).sort(),
    );
    for (const code of queen.body.islands) {
      const item = queen.body.items.find((i: { code: string }) => i.code === code);
      expect(item).toMatchObject({ neighbours: 0, gi_z: 0, moran_class: 'island', moran_p: null });
    }
  });

  it('names the bad parameter', async () => {
    const cases: Array<[string, string]> = [
      ['/api/hotspots?level=district&measure=poverty', 'measure'],
      ['/api/hotspots?level=town', 'level'],
      ['/api/hotspots', 'level'],
      ['/api/hotspots?level=district&year=1999', 'year'],
      ['/api/hotspots?level=district&weights=knn&k=0', 'k'],
      ['/api/hotspots?level=district&weights=knn&k=500', 'k'],
      ['/api/hotspots?level=district&parent=4101', 'parent'],
      ['/api/hotspots?level=district&parent=4x', 'parent'],
      ['/api/hotspots?level=district&colour=red', 'colour'],
    ];
    for (const [url, parameter] of cases) {
      const r = await get(url);
      expect(r.status, url).toBe(400);
      expect(r.type, url).toMatch(/application\/problem\+json/);
      expect(r.body.parameter ?? r.body.detail, url).toContain(parameter);
    }
    const unknown = await get('/api/hotspots?level=district&parent=99');
    expect(unknown.status).toBe(404);
  });

  it('refuses a parent with fewer than 3 areas', async () => {
    const { rows } = await db.raw(`select parent_code from admin_area where level = 'subdistrict' group by parent_code having count(*) < 3 limit 1`);
    const r = await get(`/api/hotspots?level=subdistrict&parent=${rows[0].parent_code}`);
    expect(r.status).toBe(400);
    expect(r.body.detail).toMatch(/hotspots need at least 3/);
  });
});

describe('GET /api/changes', () => {
  it('gives each province its change between the survey years and flags crossings', async () => {
    const { status, body } = await get('/api/changes?level=province&from=2022&to=2023&measure=target_share&threshold=0.05');
    expect(status).toBe(200);
    const { rows } = await db.raw(`select f.code, f.target_share as a, t.target_share as b from area_stats f
                                   join area_stats t on t.code = f.code and t.survey_year = 2023
                                   where f.level = 'province' and f.survey_year = 2022 order by f.code`);
    expect(body.items).toHaveLength(77);
    body.items.forEach((item: { code: string; from_value: number; to_value: number; change: number; crossed: string | null }, i: number) => {
      expect(item.code).toBe(rows[i].code);
      expect(item.change).toBeCloseTo(rows[i].b - rows[i].a, 12);
      const expected = rows[i].a < 0.05 && rows[i].b >= 0.05 ? 'up' : rows[i].a >= 0.05 && rows[i].b < 0.05 ? 'down' : null;
      expect(item.crossed).toBe(expected);
    });
  });

  it('names the bad parameter', async () => {
    for (const [url, parameter] of [
      ['/api/changes?level=province&from=2022&to=2022', 'to'],
      ['/api/changes?level=province&from=2022', 'to'],
      ['/api/changes?level=province&from=2022&to=2023&threshold=7', 'threshold'],
    ] as const) {
      const r = await get(url);
      expect(r.status, url).toBe(400);
      expect(r.body.parameter ?? r.body.detail, url).toContain(parameter);
    }
    // a survey year without data is 404, as everywhere
    const unknownYear = await get('/api/changes?level=province&from=2022&to=2031');
    expect(unknownYear.status).toBe(404);
    expect(unknownYear.body.parameter).toBe('to');
  });
});

describe('GET /api/hotspots/area/{code}', () => {
  it("gives an area's hotspot_result row and its change since the previous survey year", async () => {
    const { status, body } = await get('/api/hotspots/area/4101?year=2023');
    expect(status).toBe(200);
    const r = await db('hotspot_result').where({ measure: 'target_share', survey_year: 2023, code: '4101' }).first();
    const [a, b] = await Promise.all([2022, 2023].map((y) => db('area_stats').where({ code: '4101', survey_year: y }).first('target_share')));
    const national = await db('area_stats').where({ code: 'TH', survey_year: 2022 }).first('target_share');
    expect(body).toMatchObject({ code: '4101', level: 'district', year: 2023, previous_year: 2022, suppressed: false,
      gi_class: r.gi_class, moran_class: r.moran_class });
    expect(body.gi_z).toBeCloseTo(r.gi_z, 12);
    expect(body.value).toBeCloseTo(b.target_share, 12);
    expect(body.change_target_share).toBeCloseTo(b.target_share - a.target_share, 12);
    const crossed = a.target_share < national.target_share && b.target_share >= national.target_share ? 'up'
      : a.target_share >= national.target_share && b.target_share < national.target_share ? 'down' : null;
    expect(body.crossed).toBe(crossed);
  });

  it('has no change in the first survey year and suppresses small areas', async () => {
    const first = await get('/api/hotspots/area/41?year=2022');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ previous_year: null, change_target_share: null, crossed: null });
    expect(first.body.gi_class).toMatch(/^(hot|cold)-\d\d$|^not-significant$/);
    const small = await db('area_stats').where({ level: 'village', survey_year: 2023 }).andWhere('households', '<', 5).first('code');
    const s = await get(`/api/hotspots/area/${small.code}?year=2023`);
    expect(s.status).toBe(200);
    expect(s.body).toMatchObject({ suppressed: true, gi_class: null, change_target_share: null, value: null });
  });

  it('names the bad parameter', async () => {
    for (const [url, status, parameter] of [
      ['/api/hotspots/area/4x01', 400, 'code'],
      ['/api/hotspots/area/999', 400, 'code'],
      ['/api/hotspots/area/9999', 404, 'code'],
      ['/api/hotspots/area/4101?year=1999', 400, 'year'],
      ['/api/hotspots/area/4101?year=2030', 404, 'year'],
      ['/api/hotspots/area/4101?level=village', 400, 'level'],
    ] as const) {
      const r = await get(url);
      expect(r.status, url).toBe(status);
      expect(r.type, url).toContain('application/problem+json');
      expect(r.body.parameter ?? r.body.detail, url).toContain(parameter);
    }
  });
});
