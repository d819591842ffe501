/**
 * Target groups 3.2 and 4 from the registry linkage (issue 21) on a hand-made fixture (scratch
 * database): six households in each of the two fixture villages (so no area is withheld whole), one
 * surveyed person, and three registry files imported through the API. Every line is written out
 * below with what it is; the expected figures are counted by hand from them, per area and level,
 * with people coded at village, subdistrict, district and province level and at none. Then what the
 * public sees: the policy's cells, and no difference of a parent and its children (the records coded
 * to the parent and not below) or of group 4 and group 3.2 that tells 1 to 4 people. Last, bad values
 * of the registry file's survey year.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../../server/db/knex.js';
import { refreshDisclosure } from '../../server/disclosure/refresh.js';
import { importDb } from '../../server/imports/pipeline.js';
import { refreshPending } from '../../server/imports/refresh-pending.js';
import { idHash } from '../../server/linkage/secret.js';
import { insertFixtureAreas, scratchDatabase } from '../helpers/database.js';
import { testApp, userWithToken } from '../helpers/api.js';
import { importCsvText } from '../helpers/imports.js';
import { withCheck } from '../helpers/thai-id.js';
import { decodeTile, features, tileOf } from '../helpers/tiles.js';
import { LEVEL_ZOOMS } from '../../tiles/levels.js';

/** Person n's national id (valid check digit; first digit 9: no surveyed person has it). */
const id = (n: number) => withCheck(`9${String(n).padStart(11, '0')}`);
/** The one surveyed person's id: a registry line with it links and is counted nowhere. */
const SURVEYED = withCheck('310170020345');
/** A 13-digit id whose check digit is wrong. */
const badCheck = (n: number) => { const good = id(n); return good.slice(0, 12) + String((Number(good[12]) + 1) % 10); };

const V1 = '91010101', V2 = '91010102', S = '910101', D = '9101', P = '91';
const HEADER = 'survey_year,registry,record_id,national_id,area_code,problem';
type Line = [year: number, registry: string, nationalId: string, area: string];
const csv = (lines: Line[]) => [HEADER, ...lines.map(([y, r, n, a], i) => `${y},${r},r${i + 1},${n},${a},`)].join('\n');

// import A, 2022: people 1-8 in village 1 (1-3 in the welfare-card registry), 9-14 in village 2,
// 15-16 coded to the subdistrict only, 17-23 to the district only, 24-29 to the province only, 30 and
// 32-35 to no area; then lines counted nowhere: a surveyed person (linked), person 1 again (a duplicate),
// two wrong check digits, a line without an id (area only)
const IMPORT_A: Line[] = [
  ...[1, 2, 3].map((n): Line => [2022, 'welfare_card', id(n), V1]),
  ...[4, 5, 6, 7, 8].map((n): Line => [2022, 'thaiqm', id(n), V1]),
  ...[9, 10, 11, 12, 13, 14].map((n): Line => [2022, 'thaiqm', id(n), V2]),
  ...[15, 16].map((n): Line => [2022, 'thaiqm', id(n), S]),
  ...[17, 18, 19, 20, 21, 22, 23].map((n): Line => [2022, 'thaiqm', id(n), D]),
  ...[24, 25, 26, 27, 28, 29].map((n): Line => [2022, 'thaiqm', id(n), P]),
  ...[30, 32, 33, 34, 35].map((n): Line => [2022, 'thaiqm', id(n), '']),
  [2022, 'thaiqm', SURVEYED, V1],
  [2022, 'thaiqm', id(1), V1],
  [2022, 'welfare_card', badCheck(40), V1],
  [2022, 'thaiqm', badCheck(41), V2],
  [2022, 'thaiqm', '', V2],
];
// import B, 2022: person 9 again (one person across imports), person 4 in the welfare-card registry
// (a card holder now, still one person), person 31 new in village 2
const IMPORT_B: Line[] = [[2022, 'thaiqm', id(9), V2], [2022, 'welfare_card', id(4), V1], [2022, 'field_survey', id(31), V2]];
// import C, 2023: person 1 in another year (counted in 2023, not in 2022)
const IMPORT_C: Line[] = [[2023, 'welfare_card', id(1), V1]];

// [group 4, group 3.2] per area in 2022, counted from the lines above
const EXPECTED: Record<string, [number, number]> = {
  [V1]: [8, 4],                  // 1-8; cards 1, 2, 3, 4
  [V2]: [7, 0],                  // 9-14, 31
  [S]: [8 + 7 + 2, 4],           // + 15, 16
  [D]: [17 + 7, 4],              // + 17-23
  [P]: [24 + 6, 4],              // + 24-29
  TH: [30 + 5, 4],               // + 30, 32-35
};
const CHILDREN: Record<string, string[]> = { TH: [P], [P]: [D], [D]: [S], [S]: [V1, V2] };

let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
let app: FastifyInstance;
let admin: Record<string, string>;
const jobs: Array<{ id: number; state: string }> = [];

beforeAll(async () => {
  scratch = await scratchDatabase('povmap_registry_figures');
  const db = createDb(scratch.url, { max: 1 });
  await insertFixtureAreas(db);
  // the tiles' simplified polygons of the fixture areas (the tiles test reads them)
  await db.raw('select povmap.refresh_tile_geometry()');
  // six households in each village, 2022; one surveyed person (SURVEYED) in the first
  await db.raw(`insert into household (survey_year, house_code, village_code, subdistrict_code, district_code, province_code, geom,
                                       members, deprived, income_per_person, dependents, housing_problem, welfare_card_holders,
                                       head_name, national_id)
                select 2022, v || lpad(n::text, 4, '0'), v, '910101', '9101', '91', null, 2, 0, 150000, 0, false, 0, 'นายทดสอบ', ?
                from unnest(array['91010101', '91010102']) v cross join generate_series(1, 6) n`, [SURVEYED]);
  await db('person').insert({
    survey_year: 2022, house_code: '910101010001', person_no: 1, village_code: V1, subdistrict_code: S, district_code: D,
    province_code: P, national_id: SURVEYED, age: 40, sex: 'm', relation_to_head: 'head', disabled: false, in_education: false,
    employed: true, literate: true, welfare_card: false, needs_daily_care: false, receives_care: null,
  });
  await db.raw("select povmap.refresh_household_rollups(); select povmap.refresh_rollup_table('area_person_stats')");
  await refreshDisclosure(db);
  await db.destroy();
  app = await testApp(scratch.url);
  admin = (await userWithToken(app, 'registry_figures', 'admin')).headers;
  for (const lines of [IMPORT_A, IMPORT_B, IMPORT_C]) {
    const { job, rejects } = await importCsvText(app, admin, 'registry', csv(lines));
    expect(rejects).toEqual([]);
    jobs.push(job);
  }
}, 120_000);

afterAll(async () => {
  await app?.close();
  await scratch?.drop();
});

const area = async (code: string, headers: Record<string, string> = {}, year = 2022) => {
  const r = await app.inject({ url: `/api/areas/${code}?year=${year}`, headers });
  expect(r.statusCode, r.body).toBe(200);
  const { exclusion_errors, card_holders_unsurveyed } = r.json().person_groups as { exclusion_errors: number | null; card_holders_unsurveyed: number | null };
  return { exclusion_errors, card_holders_unsurveyed };
};

describe('groups 4 and 3.2 per area and year', () => {
  it('the imports are done: the refresh they owed has run', () => {
    expect(jobs.map((j) => j.state)).toEqual(['done', 'done', 'done']);
  });

  it.each(Object.entries(EXPECTED))('area %s: an analyst inside the grant sees the hand count', async (code, [errors, cards]) => {
    const { headers } = await userWithToken(app, 'registry_fig_an', 'analyst', ['91']);
    expect(await area(code, code === 'TH' ? admin : headers)).toEqual({ exclusion_errors: errors, card_holders_unsurveyed: cards });
  });

  it('counts a person of another survey year in that year only', async () => {
    const { rows } = await app.db.raw(`select survey_year, code, exclusion_errors, card_holders_unsurveyed from area_registry_stats
                                       where survey_year = 2023 order by code`);
    // 2023 has no survey data in the fixture: person 1 is placed at the country only
    expect(rows).toEqual([{ survey_year: 2023, code: 'TH', exclusion_errors: 1, card_holders_unsurveyed: 1 }]);
  });

  it('ranks the villages by their count of group 4', async () => {
    const r = await app.inject({ url: '/api/rankings?level=village&parent=91&by=group:exclusion_errors&year=2022', headers: admin });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().items.map((i: { code: string; value: number; rank: number }) => [i.rank, i.code, i.value]))
      .toEqual([[1, V1, 8], [2, V2, 7]]);
  });
});

describe('what the public sees', () => {
  it('withholds 1-4 people and what would tell them, and publishes the rest', async () => {
    const seen = Object.fromEntries(await Promise.all(Object.keys(EXPECTED).map(async (c) => [c, await area(c)] as const)));
    for (const [code, [errors, cards]] of Object.entries(EXPECTED)) {
      const s = seen[code];
      if (s.exclusion_errors !== null) expect([code, s.exclusion_errors]).toEqual([code, errors]);
      if (s.card_holders_unsurveyed !== null) expect([code, s.card_holders_unsurveyed]).toEqual([code, cards]);
      // 4 card holders (or none, in village 2): a count of 1-4 is never public, zero is
      expect([code, s.card_holders_unsurveyed]).toEqual([code, cards === 0 ? 0 : null]);
    }
    // the subdistrict's 2 people coded to it and not below would be 17 - 8 - 7: a village goes with them
    expect(seen[S].exclusion_errors).toBe(17);
    expect([seen[V1].exclusion_errors, seen[V2].exclusion_errors].filter((v) => v === null)).toHaveLength(1);
  });

  it('no parent minus its published children, and no group 4 minus group 3.2, is 1 to 4 people', async () => {
    for (const [parent, kids] of Object.entries(CHILDREN)) {
      const p = await area(parent);
      const k = await Promise.all(kids.map((c) => area(c)));
      for (const key of ['exclusion_errors', 'card_holders_unsurveyed'] as const) {
        if (p[key] === null || k.some((x) => x[key] === null)) continue;
        const rest = p[key]! - k.reduce((sum, x) => sum + x[key]!, 0);
        expect([parent, key, rest > 0 && rest < 5]).toEqual([parent, key, false]);
      }
      if (p.exclusion_errors !== null && p.card_holders_unsurveyed !== null) {
        const rest = p.exclusion_errors - p.card_holders_unsurveyed;
        expect([parent, rest > 0 && rest < 5]).toEqual([parent, false]);
      }
    }
  });
});

describe('the areas tiles (groups 3.2 and 4 as map measures)', () => {
  // every area of every level of the fixture, read from the tile holding its label point at the
  // level's first zoom, anonymously as the map reads it
  const LEVEL_AREAS: Record<string, string[]> = { province: [P], district: [D], subdistrict: [S], village: [V1, V2] };

  it.each(LEVEL_ZOOMS.map((l) => [l.level, l.minzoom] as const))('%s: each tile value is the areas API value, absent where the API withholds it', async (level, zoom) => {
    // a province at z0 would be the whole world in one tile: one zoom in, still the province level
    const z = Math.max(zoom, 5);
    for (const code of LEVEL_AREAS[level]) {
      const { rows: [point] } = await app.db.raw('select st_x(label_point) as lon, st_y(label_point) as lat from admin_area where code = ?', [code]);
      const t = tileOf(point.lon, point.lat, z);
      const res = await app.inject({ url: `/tiles/areas/${z}/${t.x}/${t.y}.mvt?year=2022` });
      expect(res.statusCode, res.body).toBe(200);
      const feature = features(decodeTile(res.rawPayload, res.headers['content-encoding'] as string | undefined), 'areas')
        .find((f) => f.properties.code === code);
      expect(feature, `${code} in its tile at z${z}`).toBeDefined();
      const api = await area(code);
      for (const key of ['exclusion_errors', 'card_holders_unsurveyed'] as const) {
        // MVT has no null: a withheld value is an absent key, named in `withheld`
        expect([code, key, feature!.properties[key] ?? null]).toEqual([code, key, api[key]]);
        if (api[key] === null) expect(String(feature!.properties.withheld).split(',')).toContain(key);
      }
    }
  });

  it('are measures of the legend: class breaks over the published values of a level', async () => {
    const r = await app.inject({ url: '/api/choropleth/breaks?level=village&year=2022&measure=exclusion_errors' });
    expect(r.statusCode, r.body).toBe(200);
    // one village is withheld with the subdistrict's remainder (see above), the other published
    expect(r.json()).toMatchObject({ measure: 'exclusion_errors', areas: 1, withheld: 1 });
    const bad = await app.inject({ url: '/api/choropleth/breaks?level=village&year=2022&measure=exclusion_errors_no_card' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toMatch(/measure/);
  });
});

describe("the registry file's survey year", () => {
  it('rejects a line whose survey year is missing, not 4 digits or out of range, naming the column', async () => {
    const text = [HEADER, `2022,thaiqm,ok1,${id(50)},${V1},`,
      ...['', '22', '1999', '2101', 'abcd', '2022.5'].map((y, i) => `${y},thaiqm,bad${i},${id(51 + i)},${V1},`)].join('\n');
    const { job, rejects } = await importCsvText(app, admin, 'registry', text);
    expect(job.rows_valid).toBe(1);
    expect(rejects.map((r) => [r.line, r.column, r.reason])).toEqual([
      [3, 'survey_year', 'must be a year of 4 digits'],
      [4, 'survey_year', 'must be a year of 4 digits'],
      [5, 'survey_year', 'must be between 2000 and 2100'],
      [6, 'survey_year', 'must be between 2000 and 2100'],
      [7, 'survey_year', 'must be a year of 4 digits'],
      [8, 'survey_year', 'must be a year of 4 digits'],
    ]);
  });

  it('refuses a file without the survey_year column, naming it', async () => {
    const text = ['registry,record_id,national_id,area_code,problem', `thaiqm,x1,${id(60)},${V1},`].join('\n');
    const { job } = await importCsvText(app, admin, 'registry', text);
    expect(job.state).toBe('failed');
    expect(job.error).toMatch(/survey_year/);
  });
});

describe('a registry import whose refresh did not run (a crash after its merge, or during its refresh)', () => {
  it('leaves the last complete figures and a mark; the next refresh brings the figures up to the rows', async () => {
    // what a merge commits: the lines and the mark, in one transaction (sql/import/registry_merge.sql,
    // sql/import/refresh_mark.sql); five more people of village 1 in group 4
    const db = createDb(scratch.url, { max: 1 });
    const idb = importDb(scratch.url);
    try {
      const [{ id: job }] = await db('import_job').insert({ kind: 'registry', source: 'crashed', state: 'refresh_pending' }, ['id']);
      await db.transaction(async (trx) => {
        await trx('registry_record').insert([70, 71, 72, 73, 74].map((n, i) => ({
          job_id: job, line: i + 2, reference_year: 2022, registry: 'thaiqm', record_id: `c${n}`, id_hash: idHash(id(n)), area_code: V1, status: 'no_match',
        })));
        await trx('import_refresh_pending').insert({ job_id: job, kind: 'registry' });
      });
      // a refresh is one transaction (server/disclosure/refresh.ts): killed midway, nothing of it is
      // seen; the published figures are the last complete refresh's, and the mark stays
      // (village 1: the 8 of the fixture and person 50, the one good line of the bad-years file)
      expect(await area(V1, admin)).toEqual({ exclusion_errors: 9, card_holders_unsurveyed: 4 });
      expect(await refreshPending(idb)).toEqual([Number(job)]);
      expect(await area(V1, admin)).toEqual({ exclusion_errors: 14, card_holders_unsurveyed: 4 });
      expect(await area('TH', admin)).toEqual({ exclusion_errors: 35 + 1 + 5, card_holders_unsurveyed: 4 });
      expect(await db('import_refresh_pending').where({ job_id: job }).first()).toBeUndefined();
      expect((await db('import_job').where({ id: job }).first('state')).state).toBe('done');
    } finally {
      await idb.destroy();
      await db.destroy();
    }
  });
});
