/**
 * GET /api/areas/{code}/context and /speed-up. A hand-made fixture in a province the demo data does
 * not use (98 > 9801, 9802 > 980101 > villages 98010101, 98010102), each figure written down here and
 * checked against sums taken by hand from these rows; the country's economy and the areas behind
 * their siblings are checked against the raw rows of the test database.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/knex.js';
import { MARGIN } from '../../server/routes/speed-up.js';
import { expectProblems } from '../helpers/problems.js';
import { withAppAndDb } from '../helpers/api.js';

let app: FastifyInstance;
let db: Db;
withAppAndDb((a, d) => {
  app = a;
  db = d;
});

const YEAR = 2023;
const AREAS: Array<[string, string, string | null, string | null, string | null]> = [
  ['98', 'province', null, null, null], ['9801', 'district', '98', '9801', null], ['9802', 'district', '98', '9802', null],
  ['980101', 'subdistrict', '9801', '9801', '980101'], ['98010101', 'village', '980101', '9801', '980101'], ['98010102', 'village', '980101', '9801', '980101'],
];
const PROJECTS = [
  // code, area, addresses, stage, status, progress, start, budget
  ['FX-1', '98', 'income', 'survive', 'planned', 0, 2021, 5_000_000],
  ['FX-2', '9801', 'health', 'sufficiency', 'in_progress', 0, 2022, 2_000_000],
  ['FX-3', '980101', 'stable_house', 'sustainable', 'in_progress', 40, 2020, 750_000],
  ['FX-4', '98010102', 'income', 'survive', 'done', 100, 2019, 300_000],
  ['FX-5', '9802', 'education', 'survive', 'planned', 0, 2023, 9_000_000],
] as const;

async function cleanUp() {
  await db('service_point').where('subdistrict_code', 'like', '98%').delete();
  for (const t of ['otop_product', 'project', 'centre_staff', 'province_hai', 'province_economy']) await db.raw(`delete from ${t} where true and ${t === 'otop_product' ? 'village_code' : t.startsWith('province') ? 'province_code' : 'area_code'} like '98%'`);
  await db('admin_area').where('code', 'like', '98%').orderByRaw('length(code) desc').delete();
  for (const code of ['98010101', '98010102', '980101', '9801', '9802', '98']) await db('admin_area').where({ code }).delete();
}

beforeAll(async () => {
  await cleanUp();
  for (const [i, [code, level, parent, district, subdistrict]] of AREAS.entries()) {
    await db.raw(`insert into admin_area (code, level, parent_code, province_code, district_code, subdistrict_code, name_th, name_en, geom, geom_3857, label_point, area_km2)
                  select ?, ?, ?, '98', ?, ?, ?, ?, g, st_transform(g, 3857), st_pointonsurface(g), 1
                  from (select st_multi(st_makeenvelope(150 + ?, 30, 150.1 + ?, 30.1, 4326)) as g) x`,
      [code, level, parent, district, subdistrict, `ทดสอบ ${code}`, `Test ${code}`, i, i]);
  }
  await db('province_economy').insert({ province_code: '98', year: YEAR, population: 400_000, gpp_million_baht: 50_000, consumption_million_baht: 30_000, investment_million_baht: 9_000 });
  await db('province_hai').insert({ province_code: '98', year: YEAR, hai: 0.6, health: 0.7, education: 0.5, working_life: 0.55, income: 0.45,
    housing_environment: 0.8, family_community: 0.65, transport_communication: 0.6, participation: 0.55 });
  await db('centre_staff').insert([
    { area_code: '98', staff: 12, partners: 20 }, { area_code: '9801', staff: 5, partners: 4 }, { area_code: '9802', staff: 3, partners: 1 },
    { area_code: '980101', staff: 2, partners: 0 },
  ]);
  await db('project').insert(PROJECTS.map(([project_code, area_code, addresses, stage, status, progress, start_year, budget_baht]) =>
    ({ project_code, title_th: `โครงการ ${project_code}`, title_en: null, agency: 'อบจ.', budget_baht, area_code, addresses, stage, status, progress, start_year })));
  await db('otop_product').insert([
    { village_code: '98010101', name: 'ผ้าไหม', category: 'textiles', stars: 5 },
    { village_code: '98010101', name: 'น้ำพริก', category: 'food', stars: 3 },
    { village_code: '98010102', name: 'ชาสมุนไพร', category: 'beverage', stars: 4 },
  ]);
  const nextId = Number((await db('service_point').max({ m: 'id' }))[0].m) + 1;
  await db.raw(`insert into service_point (id, kind, name_th, capacity, subdistrict_code, geom) values
    (?, 'school', 'โรงเรียนทดสอบ', 100, '980101', st_setsrid(st_makepoint(150.05, 30.05), 4326)),
    (?, 'school', 'โรงเรียนทดสอบ 2', 100, '980101', st_setsrid(st_makepoint(150.05, 30.05), 4326)),
    (?, 'health_promoting_hospital', 'รพ.สต.ทดสอบ', 30, '980101', st_setsrid(st_makepoint(150.05, 30.05), 4326))`, [nextId, nextId + 1, nextId + 2]);
});
afterAll(cleanUp);

describe('GET /api/areas/{code}/context', () => {
  it('a province: every figure equals the fixture rows summed by hand', async () => {
    const res = await app.inject(`/api/areas/98/context?year=${YEAR}&limit=2`);
    expect(res.statusCode, res.body).toBe(200);
    const b = res.json();
    expect(b).toMatchObject({ code: '98', level: 'province', year: YEAR });
    expect(b.economy).toEqual({ scope: 'province', provinces: 1, population: 400_000, gpp_million_baht: 50_000, gpp_per_head_baht: 125_000,
      consumption_million_baht: 30_000, investment_million_baht: 9_000 });
    expect(b.hai.hai).toBeCloseTo(0.6, 9);
    expect(b.hai.housing_environment).toBeCloseTo(0.8, 9);
    expect(b.centres).toEqual({ staff: 22, partners: 25, by_level: {
      province: { centres: 1, staff: 12, partners: 20 }, district: { centres: 2, staff: 8, partners: 5 }, subdistrict: { centres: 1, staff: 2, partners: 0 } } });
    expect(b.projects.projects).toBe(5);
    expect(b.projects.budget_baht).toBe(17_050_000);
    // stable_house is an indicator of the living-conditions dimension
    expect(b.projects.by_dimension).toEqual({ health: { projects: 1, budget_baht: 2_000_000 }, living: { projects: 1, budget_baht: 750_000 },
      education: { projects: 1, budget_baht: 9_000_000 }, income: { projects: 2, budget_baht: 5_300_000 }, access: { projects: 0, budget_baht: 0 } });
    expect(b.projects.by_stage).toEqual({ survive: { projects: 3, budget_baht: 14_300_000 }, sufficiency: { projects: 1, budget_baht: 2_000_000 },
      sustainable: { projects: 1, budget_baht: 750_000 } });
    expect(b.projects.by_status).toEqual({ planned: { projects: 2, budget_baht: 14_000_000 }, in_progress: { projects: 2, budget_baht: 2_750_000 },
      done: { projects: 1, budget_baht: 300_000 } });
    expect(b.projects.items.map((p: { project_code: string }) => p.project_code)).toEqual(['FX-5', 'FX-1']);
    const next = (await app.inject(`/api/areas/98/context?year=${YEAR}&limit=2&offset=2`)).json();
    expect(next.projects.items.map((p: { project_code: string }) => p.project_code)).toEqual(['FX-2', 'FX-3']);
    expect(b.otop).toEqual({ products: 3, by_category: { food: 1, beverage: 1, textiles: 1, household: 0, herbal: 0 },
      by_stars: { 1: 0, 2: 0, 3: 1, 4: 1, 5: 1 },
      top_villages: [{ code: '98010101', name_th: 'ทดสอบ 98010101', name_en: 'Test 98010101', products: 2, mean_stars: 4 },
        { code: '98010102', name_th: 'ทดสอบ 98010102', name_en: 'Test 98010102', products: 1, mean_stars: 4 }] });
    expect(b.services).toEqual({ school: 2, hospital: 0, health_promoting_hospital: 1 });
    expect(b.potential).toMatchObject({ villages: 0 });
  });

  it('a district shows its province\'s economy and only what lies inside it', async () => {
    const b = (await app.inject(`/api/areas/9801/context?year=${YEAR}`)).json();
    expect(b.economy.gpp_per_head_baht).toBe(125_000);
    expect(b.centres.staff).toBe(7); // 9801 itself and subdistrict 980101
    expect(b.projects.projects).toBe(3); // FX-2, FX-3, FX-4
    expect(b.projects.budget_baht).toBe(3_050_000);
    expect(b.otop.products).toBe(3);
    const other = (await app.inject(`/api/areas/9802/context?year=${YEAR}`)).json();
    expect(other.projects.items.map((p: { project_code: string }) => p.project_code)).toEqual(['FX-5']);
    expect(other.services).toEqual({ school: 0, hospital: 0, health_promoting_hospital: 0 });
  });

  it('the country: sums of the provinces\' accounts, HAI weighted by population', async () => {
    const econ = await db('province_economy').where({ year: YEAR });
    const hai = await db('province_hai').where({ year: YEAR });
    const pop = new Map(econ.map((e) => [e.province_code, Number(e.population)]));
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    const b = (await app.inject(`/api/areas/TH/context?year=${YEAR}&limit=1`)).json();
    const population = sum(econ.map((e) => Number(e.population)));
    const gpp = sum(econ.map((e) => Number(e.gpp_million_baht)));
    expect(b.economy.scope).toBe('country');
    expect(b.economy.provinces).toBe(econ.length);
    expect(b.economy.population).toBe(population);
    expect(b.economy.gpp_million_baht).toBeCloseTo(gpp, 2);
    expect(b.economy.gpp_per_head_baht).toBeCloseTo((gpp * 1e6) / population, 4);
    expect(b.economy.investment_million_baht).toBeCloseTo(sum(econ.map((e) => Number(e.investment_million_baht))), 2);
    const weighted = hai.filter((h) => pop.has(h.province_code));
    const w = sum(weighted.map((h) => pop.get(h.province_code)!));
    expect(b.hai.provinces).toBe(weighted.length);
    expect(b.hai.hai).toBeCloseTo(sum(weighted.map((h) => Number(h.hai) * pop.get(h.province_code)!)) / w, 9);
    expect(b.hai.participation).toBeCloseTo(sum(weighted.map((h) => Number(h.participation) * pop.get(h.province_code)!)) / w, 9);
    const [{ n }] = await db('project').count({ n: '*' });
    expect(b.projects.projects).toBe(Number(n));
  });

  it('bad input is a 4xx problem naming the parameter', async () => {
    await expectProblems(app, [
      ['/api/areas/98/context?year=2031', 404, 'year'],
      ['/api/areas/98/context?year=x', 400, 'year'],
      ['/api/areas/98/context?limit=0', 400, 'limit'],
      ['/api/areas/98/context?offset=-1', 400, 'offset'],
      ['/api/areas/98/context?colour=1', 400, 'colour'],
      ['/api/areas/1x/context', 400, 'code'],
      ['/api/areas/97/context', 404, 'code'],
      ['/api/areas/98010101/context', 400, 'code'],
    ]);
  });
});

describe('GET /api/areas/{code}/speed-up', () => {
  it('stalled projects: not done, 0 % and begun before the year, largest budget first', async () => {
    const b = (await app.inject(`/api/areas/98/speed-up?year=${YEAR}`)).json();
    // FX-5 starts in 2023 (not before), FX-3 has progress, FX-4 is done
    expect(b.stalled_projects.map((p: { project_code: string }) => p.project_code)).toEqual(['FX-1', 'FX-2']);
    // the fixture province has no surveyed households: no target lacks a measure, no measure is short
    expect(b.targets_without_measure).toEqual([]);
    expect(b.measures_over_capacity).toEqual([]);
  });

  /**
   * The menu checks, written from their definition over raw rows: households by the bits of
   * household.deprived, indicators and dimensions from povmap.indicator, the menu from menu_item, and
   * the policy's published counts as a public caller gets them (area_public's cells; 1-4 withheld).
   */
  it.each(['41', '4101'])('targets with no matching measure and measures over capacity in %s equal a direct computation', async (code) => {
    // an item of the district 4101 with a capacity of 1: short there (its households failing income
    // are more), not counted for the province (it covers only part of it)
    await db('menu_item').where({ code: 'FX-SHORT' }).delete();
    await db('menu_item').insert({ code: 'FX-SHORT', agency: 'ทดสอบ', title_th: 'ทดสอบ', title_en: 'Test item', dimension: 'income', stage: 'survive',
      area_codes: ['4101'], capacity_per_year: 1 });
    try {
      await checkMenu(code);
    } finally {
      await db('menu_item').where({ code: 'FX-SHORT' }).delete();
    }
  });

  async function checkMenu(code: string) {
    const level = code.length === 2 ? 'province_code' : 'district_code';
    const indicators = (await db.raw('select number, id, dimension from povmap.indicator order by number')).rows as Array<{ number: number; id: string; dimension: string }>;
    const dims = [...new Set(indicators.map((i) => i.dimension))];
    const { rows: [raw] } = await db.raw(`select ${indicators.map((i) => `count(*) filter (where deprived & ${2 ** (i.number - 1)} <> 0)::int as "ind_${i.id}"`).join(', ')},
      ${dims.map((d) => `count(*) filter (where deprived & ${indicators.filter((i) => i.dimension === d).reduce((m, i) => m + 2 ** (i.number - 1), 0)} <> 0)::int as "dim_${d}"`).join(', ')}
      from household where survey_year = ? and ${level} = ?`, [YEAR, code]);
    const decision = await db('area_public').where({ survey_year: YEAR, code }).first();
    const published = (cell: string, n: number) => (decision.suppressed || decision.cells[cell] || (n > 0 && n < 5) ? null : n);
    const menu = (await db('menu_item').select('code', 'dimension', 'indicators', 'area_codes', 'capacity_per_year')) as
      Array<{ code: string; dimension: string; indicators: string[]; area_codes: string[]; capacity_per_year: number }>;
    const addresses = (m: typeof menu[number], i: typeof indicators[number]) => m.dimension === i.dimension && (!m.indicators.length || m.indicators.includes(i.id));
    const touches = (m: typeof menu[number]) => !m.area_codes.length || m.area_codes.some((c) => code.startsWith(c) || c.startsWith(code));
    const covers = (m: typeof menu[number]) => !m.area_codes.length || m.area_codes.some((c) => code.startsWith(c));
    const byGap = (a: { code: string; gap: number }, b: { code: string; gap: number }) => b.gap - a.gap || a.code.localeCompare(b.code);

    const unaddressed = indicators.flatMap((i) => {
      const n = published(`deprived_${i.id}`, raw[`ind_${i.id}`]);
      return n && !menu.some((m) => addresses(m, i) && touches(m)) ? [{ code: i.id, gap: n }] : [];
    }).sort(byGap);
    const short = menu.filter(covers).flatMap((m) => {
      const counts = m.indicators.length
        ? m.indicators.map((id) => published(`deprived_${id}`, raw[`ind_${id}`]))
        : [published(`dim_failed_${m.dimension}`, raw[`dim_${m.dimension}`])];
      const known = counts.filter((n): n is number => n !== null);
      const gap = known.length ? Math.max(...known) - m.capacity_per_year : 0;
      return gap > 0 ? [{ code: m.code, gap }] : [];
    }).sort(byGap);

    const b = (await app.inject(`/api/areas/${code}/speed-up?year=${YEAR}`)).json();
    expect(b.targets_without_measure.map((x: { code: string; gap: number }) => [x.code, x.gap])).toEqual(unaddressed.map((x) => [x.code, x.gap]));
    expect(b.measures_over_capacity.map((x: { code: string; gap: number }) => [x.code, x.gap])).toEqual(short.map((x) => [x.code, x.gap]));
    // the demo menu addresses every indicator everywhere, with capacities above a province's counts
    if (code === '4101') expect(short.map((x) => x.code)).toContain('FX-SHORT');
    else expect(short.map((x) => x.code)).not.toContain('FX-SHORT');
  }

  it('areas behind: published helped shares of the children below their median by the margin, counted from raw rows', async () => {
    const province = '41';
    const rows = (await db.raw(`
      select h.district_code as code, count(*) filter (where h.deprived <> 0)::int as targets,
             count(*) filter (where h.deprived <> 0 and exists (select 1 from assistance_log l where l.survey_year = h.survey_year
                              and l.house_code = h.house_code and l.status = 'done'))::int as helped
      from household h where h.survey_year = ? and h.province_code = ? group by h.district_code`, [YEAR, province])).rows as Array<{ code: string; targets: number; helped: number }>;
    const decisions = new Map((await db('area_public').where({ survey_year: YEAR }).whereIn('code', rows.map((r) => r.code)))
      .map((p) => [p.code, p]));
    const shares = rows.flatMap((r) => {
      const p = decisions.get(r.code);
      if (!p || p.suppressed || p.cells.target_households || p.cells.helped_households) return [];
      if (r.targets === 0 || (r.targets > 0 && r.targets < 5) || (r.helped > 0 && r.helped < 5)) return [];
      return [{ code: r.code, share: r.helped / r.targets }];
    });
    const sorted = shares.map((s) => s.share).sort((a, b) => a - b);
    const m = sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    const expected = shares.filter((s) => s.share < m - MARGIN).sort((a, b) => (m - b.share) - (m - a.share) || a.code.localeCompare(b.code));
    const b = (await app.inject(`/api/areas/${province}/speed-up?year=${YEAR}`)).json();
    expect(b.siblings_compared).toBe(shares.length);
    expect(b.median_helped_share).toBeCloseTo(m, 12);
    expect(b.areas_behind.map((a: { code: string }) => a.code)).toEqual(expected.map((e) => e.code));
    for (const [i, a] of b.areas_behind.entries()) expect(a.helped_share).toBeCloseTo(expected[i].share, 12);
  });

  it('bad input is a 4xx problem naming the parameter', async () => {
    await expectProblems(app, [
      ['/api/areas/98/speed-up?year=2031', 404, 'year'],
      ['/api/areas/98/speed-up?limit=500', 400, 'limit'],
      ['/api/areas/97/speed-up', 404, 'code'],
      ['/api/areas/98010101/speed-up', 400, 'code'],
    ]);
  });
});
