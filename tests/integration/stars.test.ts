/**
 * Stars (sql/functions/refresh_household_rollups.sql): a rank-based quintile of the target share in which equal
 * shares share a class, stars = 5 − ⌊5 L / n⌋ with L the areas of the level and year with a strictly
 * lower share and n their number. Hand-checked on six villages of one subdistrict (n = 6):
 *
 *   village   targets/households  share  L   5L/n   stars
 *   91010101        0/2            0      0   0      5
 *   91010102        0/3            0      0   0      5
 *   91010103        0/1            0      0   0      5
 *   91010104        1/2            1/2    3   2.5    3
 *   91010105        2/4            1/2    3   2.5    3     (2/4 = 1/2: the same share, the same stars)
 *   91010106        3/3            1      5   4.17   1
 *
 * ntile(5) ordered by share and code (the rule before) gave the three zero-share villages 3, 4 and 5
 * stars and the two halves 1 and 2 stars apart by code. The subdistrict, district and province are
 * alone at their level: L = 0, 5 stars; the country has none.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../server/db/knex.js';
import { scratchDatabase } from '../helpers/database.js';

const VILLAGES: Array<[string, number, number]> = [ // code, households, of which targets
  ['91010101', 2, 0], ['91010102', 3, 0], ['91010103', 1, 0], ['91010104', 2, 1], ['91010105', 4, 2], ['91010106', 3, 3],
];

let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
let db: Db;

beforeAll(async () => {
  scratch = await scratchDatabase('povmap_stars');
  db = createDb(scratch.url, { max: 1 });
  const area = (code: string, level: string, parent: string | null, x0: number, x1: number) => db.raw(
    `insert into admin_area (code, level, parent_code, province_code, district_code, subdistrict_code, name_th, geom, geom_3857, label_point, area_km2)
     select ?, ?, ?, '91', ?, ?, ?, g, st_transform(g, 3857), st_pointonsurface(g), 1
     from (select st_multi(st_makeenvelope(?, 6, ?, 7, 4326)) as g) x`,
    [code, level, parent, code.length >= 4 ? '9101' : null, code.length >= 6 ? '910101' : null, `ทดสอบ ${code}`, x0, x1]);
  await area('91', 'province', null, 100, 106);
  await area('9101', 'district', '91', 100, 106);
  await area('910101', 'subdistrict', '9101', 100, 106);
  let house = 0;
  for (const [i, [village, households, targets]] of VILLAGES.entries()) {
    await area(village, 'village', '910101', 100 + i, 101 + i);
    for (let k = 0; k < households; k++) {
      house++;
      await db.raw(`insert into household (survey_year, house_code, village_code, subdistrict_code, district_code, province_code, geom,
                                           members, deprived, income_per_person, dependents, housing_problem, welfare_card_holders,
                                           head_name, national_id)
                    values (2022, ?, ?, '910101', '9101', '91', st_setsrid(st_makepoint(?, 6.5), 4326), 2, ?, 150000, 0, false, 0, 'นายสมชาย ใจดี', '1101700203451')`,
        [`${village}${String(house).padStart(4, '0')}`, village, 100.5 + i, k < targets ? 1 : 0]);
    }
  }
  await db.raw('select povmap.refresh_household_rollups()');
});

afterAll(async () => {
  await db?.destroy();
  await scratch?.drop();
});

describe('stars: equal target shares share a class', () => {
  it('match the hand-checked table', async () => {
    const rows = await db('area_stats').where({ survey_year: 2022 }).orderBy('code').select('code', 'stars');
    expect(Object.fromEntries(rows.map((r: { code: string; stars: number | null }) => [r.code, r.stars]))).toEqual({
      TH: null, 91: 5, 9101: 5, 910101: 5,
      91010101: 5, 91010102: 5, 91010103: 5, 91010104: 3, 91010105: 3, 91010106: 1,
    });
  });

  it('no two areas of a level and year with the same share differ in stars', async () => {
    const { rows } = await db.raw(`select level, target_share, count(distinct stars)::int as classes from area_stats
                                   where level <> 'country' group by level, survey_year, target_share having count(distinct stars) > 1`);
    expect(rows).toEqual([]);
  });
});
