/**
 * The admin geography in the tests' database (demo profile): the counts of the source we load, the
 * codes and hierarchy, and geometry that nests: every child inside its parent, children covering
 * their parent without gaps or overlaps, everything valid.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROVINCE_CAPITALS } from '../../server/geo/capitals.js';
import { loadAdminNames, type AdminNames } from '../../server/geo/names.js';
import type { Db } from '../../server/db/knex.js';
import { testDb } from '../helpers/database.js';

let db: Db;
let names: AdminNames;

beforeAll(async () => {
  db = testDb();
  names = await loadAdminNames();
});
afterAll(async () => {
  await db.destroy();
});

const countByLevel = async () =>
  Object.fromEntries(((await db('admin_area').select('level').count({ n: '*' }).groupBy('level')) as unknown as Array<{ level: string; n: number }>).map((r) => [r.level, Number(r.n)]));

describe('admin areas', () => {
  it('loads 77 provinces and every district and subdistrict of the source', async () => {
    const counts = await countByLevel();
    expect(counts.province).toBe(77);
    expect(names.provinces).toHaveLength(77);
    expect(counts.district).toBe(names.districts.length);
    expect(counts.subdistrict).toBe(names.subdistricts.length);
    // the package's own figures: 927 districts once uncoded ones get their codes, 7,319 subdistricts
    expect(names.districts.length).toBe(927);
    expect(names.subdistricts.length).toBe(7319);
  });

  it('numbers 4 to 17 villages (หมู่ 1..n) in every subdistrict, about 75,000 in all', async () => {
    const counts = await countByLevel();
    expect(counts.village).toBeGreaterThan(70_000);
    expect(counts.village).toBeLessThan(80_000);
    const bad = await db.raw(`
      select s.code from admin_area s
      left join admin_area v on v.parent_code = s.code
      where s.level = 'subdistrict'
      group by s.code
      having count(v.code) not between 4 and 17
          or array_agg(v.code order by v.code) <> array(select s.code || lpad(i::text, 2, '0') from generate_series(1, count(v.code)::int) i)`);
    expect(bad.rows).toEqual([]);
  });

  it('uses official code lengths and a parent one level up', async () => {
    const { rows } = await db.raw(`
      select c.code, c.level, p.level as parent_level from admin_area c left join admin_area p on p.code = c.parent_code
      where length(c.code) <> case c.level when 'province' then 2 when 'district' then 4 when 'subdistrict' then 6 else 8 end
         or (c.level = 'province') <> (p.code is null)
         or p.level <> case c.level when 'district' then 'province' when 'subdistrict' then 'district' when 'village' then 'subdistrict' end
         or c.province_code is null`);
    expect(rows).toEqual([]);
  });

  it('has only valid, non-empty polygons', async () => {
    const { rows } = await db.raw(`select code from admin_area where not st_isvalid(geom) or st_isempty(geom) or st_area(geom) = 0
                                   or not st_isvalid(geom_3857)`);
    expect(rows).toEqual([]);
  });

  it('keeps every child inside its parent', async () => {
    const { rows } = await db.raw(`
      select c.level, max(st_area(st_difference(c.geom, p.geom)) / st_area(c.geom)) as outside
      from admin_area c join admin_area p on p.code = c.parent_code group by c.level`);
    expect(rows).toHaveLength(3);
    for (const r of rows) expect(r.outside, r.level).toBeLessThan(1e-6);
  });

  it('covers each parent with its children: area difference under 0.1 %, no overlaps', async () => {
    const { rows } = await db.raw(`
      select p.level,
             max(abs(s.sum_area - st_area(p.geom)) / st_area(p.geom)) as gap,
             max((s.sum_area - s.union_area) / st_area(p.geom)) as overlap
      from admin_area p
      join (select parent_code, sum(st_area(geom)) as sum_area, st_area(st_union(geom)) as union_area
            from admin_area where parent_code is not null group by parent_code) s on s.parent_code = p.code
      group by p.level`);
    expect(rows).toHaveLength(3);
    for (const r of rows) {
      expect(r.gap, `${r.level} gap`).toBeLessThan(0.001);
      expect(r.overlap, `${r.level} overlap`).toBeLessThan(0.001);
    }
  });

  it('the provinces cover the national outline', async () => {
    const { rows } = await db.raw(`
      select abs(st_area(o.geom) - (select sum(st_area(geom)) from admin_area where level = 'province')) / st_area(o.geom) as gap
      from country_outline o where iso3 = 'THA'`);
    expect(rows[0].gap).toBeLessThan(0.001);
  });

  it('puts each province where it really is: its capital lies in the province and in its Mueang district (xx01)', async () => {
    const capitals = Object.entries(PROVINCE_CAPITALS);
    const { rows } = await db.raw(
      `select c.code,
              st_contains(p.geom, st_setsrid(st_makepoint(c.lon, c.lat), 4326)) as in_province,
              st_contains(d.geom, st_setsrid(st_makepoint(c.lon, c.lat), 4326)) as in_mueang
       from jsonb_to_recordset(?::jsonb) as c(code text, lon float8, lat float8)
       join admin_area p on p.code = c.code
       join admin_area d on d.code = (select min(code) from admin_area where parent_code = c.code)`,
      [JSON.stringify(capitals.map(([code, [lon, lat]]) => ({ code, lon, lat })))],
    );
    expect(rows).toHaveLength(77);
    // a few coastal capitals fall just off Natural Earth's 1:10m coastline; all others must be in place
    const inProvince = rows.filter((r: { in_province: boolean }) => r.in_province);
    expect(inProvince.length).toBeGreaterThanOrEqual(70);
    expect(inProvince.filter((r: { in_mueang: boolean }) => !r.in_mueang)).toEqual([]);
  });
});
