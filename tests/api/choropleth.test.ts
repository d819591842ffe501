/**
 * GET /api/choropleth/breaks and /api/choropleth/ranking: classes and lists made of the figures the
 * `areas` tiles publish (tile_area_metrics), over every area of a level, the same for every caller.
 */
import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/knex.js';
import { classOf } from '../../server/choropleth/class-breaks.js';
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

/**
 * The published value of each area of a level (or of the areas under a parent), read straight from
 * the view the tiles read, one area at a time (a join would build the view for every level).
 */
async function published(level: string, year: number, measure: string, parent = 'TH'): Promise<Array<{ code: string; v: number }>> {
  const { rows } = await db.raw(`select a.code, (select m.metrics -> :measure from tile_area_metrics m where m.code = a.code and m.survey_year = :year) as v
    from admin_area a where a.level = :level and (:parent = 'TH' or a.parent_code = :parent)`, { measure, year, level, parent });
  return rows.filter((r: { v: unknown }) => typeof r.v === 'number');
}

describe('class breaks', () => {
  it('classes every province by the target share in five classes of equal size', async () => {
    const { status, body } = await get('/api/choropleth/breaks?level=province&year=2023&measure=target_share');
    expect(status).toBe(200);
    const values = (await published('province', 2023, 'target_share')).map((r) => r.v);
    expect(body.areas).toBe(values.length);
    expect(body.areas + body.suppressed + body.withheld + body.no_value).toBe(77);
    expect(body.breaks).toHaveLength(4);
    expect(body.min).toBe(Math.min(...values));
    expect(body.max).toBe(Math.max(...values));
    // each class holds the areas the breaks put in it, and says which values they span
    for (const [i, r] of body.ranges.entries()) {
      const inClass = values.filter((v) => classOf(v, body.breaks) === i);
      expect(r.areas).toBe(inClass.length);
      expect(r.from).toBe(Math.min(...inClass));
      expect(r.to).toBe(Math.max(...inClass));
    }
    for (const r of body.ranges) expect(r.areas).toBeGreaterThanOrEqual(15);
    expect(body.data_version).toMatch(/households\d+/);
  });

  it('keeps a tie that fills a class together and never leaves a class empty (village target share, mostly 0)', async () => {
    // the disclosure policy publishes a village's target share only with 0 or at least 5 targets:
    // tens of thousands of zeros and a few larger shares
    const { body } = await get('/api/choropleth/breaks?level=village&year=2022&measure=target_share');
    const villages = Number((await db('admin_area').where('level', 'village').count({ n: '*' }))[0].n);
    expect(body.areas + body.suppressed + body.withheld + body.no_value).toBe(villages);
    expect(body.withheld).toBeGreaterThan(0);
    expect(body.ranges.reduce((n: number, r: { areas: number }) => n + r.areas, 0)).toBe(body.areas);
    expect(body.breaks.length).toBeGreaterThanOrEqual(1);
    expect(body.ranges[0].from).toBe(0);
    expect(body.ranges[0].to).toBe(0);
    for (const r of body.ranges) expect(r.areas).toBeGreaterThan(0);
  });

  it('gives one class and no break where every published value is the same (village M0: every poor count is 1-4 or 0)', async () => {
    const { body } = await get('/api/choropleth/breaks?level=village&year=2022&measure=m0');
    expect(body.breaks).toEqual([]);
    expect(body.ranges).toEqual([expect.objectContaining({ from: 0, to: 0, areas: body.areas })]);
  });

  it('answers the same from its cache, and differs between years', async () => {
    const a = await get('/api/choropleth/breaks?level=province&year=2022&measure=target_share');
    const b = await get('/api/choropleth/breaks?level=province&year=2022&measure=target_share');
    const c = await get('/api/choropleth/breaks?level=province&year=2023&measure=target_share');
    expect(b.body).toEqual(a.body);
    expect(c.body.breaks).not.toEqual(a.body.breaks);
  });

  it('classes a change symmetrically around zero whatever the method asked for', async () => {
    const { body } = await get('/api/choropleth/breaks?level=province&year=2023&measure=change_target_share&method=quantile&classes=7');
    expect(body.method).toBe('symmetric');
    expect(body.breaks).toHaveLength(6);
    expect(body.breaks[2]).toBeCloseTo(-body.breaks[3], 12);
  });

  it('has nothing to class in the first survey year of a change, and says so with counts', async () => {
    const { body } = await get('/api/choropleth/breaks?level=province&year=2022&measure=change_target_share&classes=7');
    expect(body.areas).toBe(0);
    expect(body.no_value).toBe(77);
    expect(body.breaks).toEqual([]);
  });

  it('refuses what it cannot class, naming the parameter', async () => {
    for (const [url, status, parameter] of [
      ['/api/choropleth/breaks?measure=gi_class', 400, 'measure'],
      ['/api/choropleth/breaks?measure=nope', 400, 'measure'],
      ['/api/choropleth/breaks?level=country', 400, 'level'],
      ['/api/choropleth/breaks?classes=12', 400, 'classes'],
      ['/api/choropleth/breaks?measure=change_target_share&classes=6', 400, 'classes'],
      ['/api/choropleth/breaks?method=equal', 400, 'method'],
      ['/api/choropleth/breaks?year=2019', 404, 'year'],
      ['/api/choropleth/ranking?parent=99', 404, 'parent'],
      ['/api/choropleth/ranking?level=province&parent=30', 400, 'parent'],
      ['/api/choropleth/ranking?limit=0', 400, 'limit'],
      ['/api/choropleth/ranking?level=village', 400, 'parent'], // the whole country's villages, one lookup each: too slow
    ] as const) {
      const res = await get(url);
      expect(res.status, url).toBe(status);
      expect(res.type, url).toContain('application/problem+json');
      expect(res.body.parameter, url).toBe(parameter);
    }
  });
});

describe('map ranking', () => {
  it("ranks a province's districts by the tiles' own figure: an indicator's censored headcount, not the failing share", async () => {
    const { status, body } = await get('/api/choropleth/ranking?level=district&parent=41&year=2023&measure=hc_income_threshold&limit=5');
    expect(status).toBe(200);
    const rows = (await published('district', 2023, 'hc_income_threshold', '41'))
      .sort((a, b) => b.v - a.v || a.code.localeCompare(b.code)).slice(0, 5);
    expect(body.items.map((i: { code: string }) => i.code)).toEqual(rows.map((r: { code: string }) => r.code));
    expect(body.items.map((i: { value: number }) => i.value)).toEqual(rows.map((r: { v: number }) => r.v));
    expect(body.items[0].rank).toBe(1);
  });

  it('leaves out areas without a published value (suppressed villages)', async () => {
    const { body } = await get('/api/choropleth/ranking?level=village&parent=30&year=2023&measure=target_share&order=asc&limit=100');
    const codes = body.items.map((i: { code: string }) => i.code);
    const { rows } = await db.raw(`select m.code from tile_area_metrics m where m.code = any(?) and m.survey_year = 2023 and m.metrics is null`, [codes]);
    expect(rows).toEqual([]);
    expect(body.items.length).toBe(100);
  });
});
