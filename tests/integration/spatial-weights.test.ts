/**
 * Queen contiguity with a snapping tolerance (sql/functions/refresh_spatial_weights.sql): boundaries
 * digitised separately leave hairline gaps that must still count as touching, while a real gap must
 * not. Fixture in a scratch database: districts of province 91, unit squares side by side
 *   9101 [100, 100.5] × [6, 7]   9102 [100.5 + 1e-9, 101]   (a 1e-9° ≈ 0.1 mm hairline: neighbours)
 *   9103 [101.001, 101.5]        (1e-3° ≈ 110 m from 9102: not a neighbour)
 *   9104 [100, 100.5] × [7, 8]   (shares the edge lat 7 with 9101 exactly: neighbours, as before).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../server/db/knex.js';
import { refreshSpatialWeights } from '../../server/db/refresh.js';
import { scratchDatabase } from '../helpers/database.js';

let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
let db: Db;

const SQUARES: Array<[string, number, number, number, number]> = [
  ['9101', 100, 6, 100.5, 7],
  ['9102', 100.5 + 1e-9, 6, 101, 7],
  ['9103', 101.001, 6, 101.5, 7],
  ['9104', 100, 7, 100.5, 8],
];

beforeAll(async () => {
  scratch = await scratchDatabase('povmap_spatial_weights');
  db = createDb(scratch.url, { max: 1 });
  await db.raw(`insert into admin_area (code, level, parent_code, province_code, name_th, geom, geom_3857, label_point, area_km2)
                select '91', 'province', null, '91', 'ทดสอบ 91', g, st_transform(g, 3857), st_pointonsurface(g), 1
                from (select st_multi(st_makeenvelope(100, 6, 101.5, 8, 4326)) as g) x`);
  for (const [code, x0, y0, x1, y1] of SQUARES) {
    await db.raw(`insert into admin_area (code, level, parent_code, province_code, district_code, name_th, geom, geom_3857, label_point, area_km2)
                  select ?, 'district', '91', '91', ?, ?, g, st_transform(g, 3857), st_pointonsurface(g), 1
                  from (select st_multi(st_makeenvelope(?, ?, ?, ?, 4326)) as g) x`, [code, code, `ทดสอบ ${code}`, x0, y0, x1, y1]);
  }
});

afterAll(async () => {
  await db?.destroy();
  await scratch?.drop();
});

async function queenPairs(): Promise<string[]> {
  const rows = await db('spatial_neighbour').where({ scheme: 'queen', level: 'district' }).orderBy(['code', 'neighbour_code']).select('code', 'neighbour_code');
  return rows.map((r: { code: string; neighbour_code: string }) => `${r.code}-${r.neighbour_code}`);
}

describe('queen contiguity with snapping', () => {
  it('the fixture really has a hairline gap: strict intersection says 9101 and 9102 do not touch', async () => {
    const { rows } = await db.raw(`select st_intersects(a.geom, b.geom) as touch, st_distance(a.geom, b.geom) as gap
                                   from admin_area a, admin_area b where a.code = '9101' and b.code = '9102'`);
    expect(rows[0].touch).toBe(false);
    expect(rows[0].gap).toBeGreaterThan(0);
    expect(rows[0].gap).toBeLessThan(2e-9);
  });

  it('with the default 1 m tolerance a 1e-9° gap is touching, a 110 m gap is not; both directions', async () => {
    await db.raw('select povmap.refresh_spatial_weights()');
    // 9101-9104 share an edge; 9104 and 9102 meet at the corner (100.5, 7) within 1e-9°: queen neighbours too
    expect(await queenPairs()).toEqual(['9101-9102', '9101-9104', '9102-9101', '9102-9104', '9104-9101', '9104-9102']);
  });

  it('the tolerance is a parameter: 0 m is strict contiguity, 200 m reaches 9103', async () => {
    await db.raw('select povmap.refresh_spatial_weights(0)');
    expect(await queenPairs()).toEqual(['9101-9104', '9104-9101']);
    await db.raw('select povmap.refresh_spatial_weights(200)');
    expect(await queenPairs()).toContain('9102-9103');
    expect(await queenPairs()).toContain('9103-9102');
  });
});

describe('computed in parts on connections of their own', () => {
  it('store the pairs of the whole (both schemes), and leave nothing staged', async () => {
    const pairs = () => db('spatial_neighbour').orderBy(['scheme', 'code', 'neighbour_code']).select('scheme', 'level', 'code', 'neighbour_code', 'rank');
    await db.raw('select povmap.refresh_spatial_weights()');
    const whole = await pairs();
    expect(whole.filter((p: { scheme: string }) => p.scheme === 'knn')).toHaveLength(4 * 3); // each district ranks the other three (the one province has none)
    // the fixture's areas fall in both parts
    const { rows } = await db.raw('select povmap.hash_part(code, 2) as part, count(*)::int as n from admin_area group by 1 order by 1');
    expect(rows).toEqual([{ part: 0, n: 1 }, { part: 1, n: 4 }]);
    // what a refresh stopped between its parts and the swap left staged goes
    await db.raw(`insert into spatial_neighbour_part values ('queen', 'district', '9101', '9103', null)`);
    await db('spatial_neighbour').delete();
    await refreshSpatialWeights(db);
    expect(await pairs()).toEqual(whole);
    expect(await db('spatial_neighbour_part').select()).toEqual([]);
  });
});
