/**
 * The rollups besides the household rollups (area_assistance, area_person_stats, menu_match,
 * area_menu_need, area_registry_stats: tables since migration 023) after a refresh of some provinces
 * and survey years (issue 18 item 3): each table equals, row for row (EXCEPT ALL both ways), its
 * definition computed from scratch (povmap.<table>_rows), after a full refresh and after an
 * incremental one; and the incremental one leaves the rows it had no reason to touch as they were
 * (same xmin): the other provinces' rows of area_assistance and area_person_stats, the other years'
 * rows of every table.
 *
 * A scratch database with five fixture provinces (91 to 95; two villages each), households of
 * three survey years with their people, logbook entries, a solution menu whose capacity is short
 * (so it is ranked across provinces) and registry lines coded to areas of every province.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Knex } from 'knex';
import type { Db } from '../../server/db/knex.js';
import { refreshDerivedData } from '../../server/db/refresh.js';
import { createJob } from '../../server/imports/jobs.js';
import { importDb } from '../../server/imports/pipeline.js';
import { insertFixtureAreas, scratchDatabase } from '../helpers/database.js';

// five, so that two touched are fewer than half (more would refresh every area: householdRollupScope)
const PROVINCES = ['91', '92', '93', '94', '95'];
const YEARS = [2022, 2023, 2024];
/**
 * Each table, its definition's call for every row, whether its rows are kept per province, and a
 * count column a test sets to -1 on rows outside a refresh's scope, to see that it never wrote them.
 */
const TABLES = [
  { table: 'area_assistance', definition: 'povmap.area_assistance_rows()', perProvince: true, column: 'households' },
  { table: 'area_person_stats', definition: 'povmap.area_person_stats_rows()', perProvince: true, column: 'persons' },
  { table: 'menu_match', definition: 'povmap.menu_match_rows()', perProvince: false, column: 'score60' },
  { table: 'area_menu_need', definition: 'povmap.area_menu_need_rows()', perProvince: false, column: 'target_households' },
  { table: 'area_registry_stats', definition: 'povmap.area_registry_stats_rows()', perProvince: false, column: 'exclusion_errors' },
];

let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
let db: Db;

/** Rows of each table not in its definition's rows, and of the definition's not in the table. */
async function differencesFromDefinitions(): Promise<Record<string, { missing: number; extra: number }>> {
  const result: Record<string, { missing: number; extra: number }> = {};
  for (const { table, definition } of TABLES) {
    const count = async (a: string, b: string) => Number((await db.raw(`select count(*) as n from (${a} except all ${b}) d`)).rows[0].n);
    result[table] = {
      missing: await count(`select * from ${definition}`, `select * from ${table}`),
      extra: await count(`select * from ${table}`, `select * from ${definition}`),
    };
  }
  return result;
}

/**
 * What the menu's queue counts must say, counted here from the table's rows: every person whose
 * place (povmap.menu_queue_place) is not their row number in a window over their item's queue
 * (score down, house code, person number), and the queue counts per item, score and province that
 * differ from a count of the rows (both ways).
 */
async function queueDifferences(): Promise<{ misplaced: number; countsMissing: number; countsExtra: number }> {
  const { rows: [{ misplaced }] } = await db.raw(`
    select count(*)::int as misplaced from (
      select x.*, row_number() over (partition by x.survey_year, x.menu_item_id order by x.score60 desc, x.house_code, x.person_no) as place
      from menu_match x) w
    where povmap.menu_queue_place(w.survey_year, w.menu_item_id, w.score60, w.house_code, w.person_no) <> w.place`);
  const counted = `select survey_year, menu_item_id, score60, substr(house_code, 1, 2), count(*)::int from menu_match group by 1, 2, 3, 4`;
  const stored = 'select survey_year, menu_item_id, score60, province_code, people from menu_queue_count';
  const count = async (a: string, b: string) => Number((await db.raw(`select count(*) as n from (${a} except all ${b}) d`)).rows[0].n);
  return { misplaced, countsMissing: await count(counted, stored), countsExtra: await count(stored, counted) };
}

const QUEUE_EXACT = { misplaced: 0, countsMissing: 0, countsExtra: 0 };

/** The menu's matches of province 92, each with whether it is allocated and the transaction that last wrote it. */
async function matchesIn92(): Promise<Map<string, { allocated: boolean; xmin: string }>> {
  const { rows } = await db.raw(`select concat_ws(',', survey_year, house_code, person_no, menu_item_id) as k, allocated, xmin::text as xmin
                                 from menu_match where house_code like '92%'`);
  return new Map(rows.map((r: { k: string; allocated: boolean; xmin: string }) => [r.k, { allocated: r.allocated, xmin: r.xmin }]));
}

const NONE = Object.fromEntries(TABLES.map(({ table }) => [table, { missing: 0, extra: 0 }]));

/**
 * The transaction id that last wrote each row of `table` that `where` selects, by the row's text, so
 * a rewritten row shows even when its values are equal.
 */
async function writers(table: string, where: string): Promise<string[]> {
  return (await db.raw(`select t::text || ' ' || t.xmin::text as w from ${table} t where ${where} order by 1`)).rows.map((r: { w: string }) => r.w);
}

/** The province of a row of `table`: its area code's, or its household's for menu_match. */
const provinceOf = (table: string) => (table === 'menu_match' ? 'left(t.house_code, 2)' : 'left(t.code, 2)');

beforeAll(async () => {
  scratch = await scratchDatabase('povmap_incremental_views');
  db = importDb(scratch.url);
  for (const [i, p] of PROVINCES.entries()) await insertFixtureAreas(db, p, i);
  // 15 households of each village and year, failing indicators by a pattern of k, with 1 to 4 people
  await db.raw(`
    insert into household (survey_year, house_code, village_code, subdistrict_code, district_code, province_code, geom,
                           members, deprived, income_per_person, dependents, housing_problem, welfare_card_holders,
                           head_name, national_id)
    select y, v || lpad(k::text, 4, '0'), v, left(v, 6), left(v, 4), left(v, 2),
           st_setsrid(st_makepoint(case when right(v, 2) = '01' then 100.2 else 100.7 end, 6.5 + (left(v, 2)::int - 91)), 4326),
           1 + k % 4, case when k % 5 = 0 then 0 else (1 << (k % 17)) | (case when k % 3 = 0 then 4096 | 16384 else 0 end) end,
           20000 + k * 1000, k % 3, k % 4 = 0, case when k % 2 = 0 then 1 else 0 end, 'นายทดสอบ', '1101700203451'
    from unnest(?::smallint[]) y, unnest(?::text[]) v, generate_series(1, 15) k`,
  [YEARS, PROVINCES.flatMap((p) => [`${p}010101`, `${p}010102`])]);
  await db.raw(`
    insert into person (survey_year, house_code, person_no, village_code, subdistrict_code, district_code, province_code, national_id,
                        age, sex, relation_to_head, disabled, in_education, employed, literate, welfare_card, needs_daily_care,
                        receives_care, unemployed, underemployed)
    select h.survey_year, h.house_code, n, h.village_code, h.subdistrict_code, h.district_code, h.province_code, '1101700203451',
           (right(h.house_code, 2)::int * 7 + n * 19) % 90, case when n % 2 = 0 then 'f' else 'm' end,
           case when n = 1 then 'head' else 'child' end, n = 3, false, n = 1, true, n = 1 and h.welfare_card_holders > 0,
           false, case when n = 3 then right(h.house_code, 1) = '1' end, false, false
    from household h, generate_series(1, h.members) n`);
  await db.raw(`
    insert into assistance_log (survey_year, house_code, agency, done_on, dimension, stage, status)
    select survey_year, house_code, 'agency', date '2024-01-01' + (right(house_code, 2)::int), 'health', 'survive',
           (array['planned', 'in_progress', 'done'])[1 + right(house_code, 2)::int % 3]
    from household where right(house_code, 2)::int % 4 = 1`);
  // capacities short of the targets, so each item's capacity is ranked across the provinces
  await db.raw(`
    insert into menu_item (code, agency, title_th, title_en, dimension, indicators, target_groups, stage, age_min, age_max,
                           welfare_card_required, area_codes, capacity_per_year)
    values ('health', 'a', 'สุขภาพ', 'Health', 'health', '{}', '{1}', 'survive', null, null, false, '{}', 20),
           ('work', 'a', 'งาน', 'Work', 'income', '{}', '{1,2}', 'sufficiency', 15, 59, false, '{}', 15),
           ('card', 'a', 'บัตร', 'Card', 'living', '{}', '{1}', 'survive', null, null, true, '{}', 5),
           ('local', 'a', 'ท้องถิ่น', 'Local', 'education', '{}', '{1}', 'survive', 6, null, false, '{92,93010101}', 8)`);
  // registry people of each year coded to villages, subdistricts and provinces of every province, a
  // few without a code, some linked to a survey record (so counted nowhere)
  const job = await createJob(db, 'registry', 'registry.csv', null);
  await db.raw(`
    insert into registry_record (job_id, line, registry, record_id, id_hash, area_code, status, reference_year)
    select ?, row_number() over (), case when i % 3 = 0 then 'welfare_card' else 'thaiqm' end, 'r' || i,
           -- person 11 has lines in every province (placed at one of them)
           decode(md5(case when i = 11 then '11' else p || i end), 'hex'),
           case i % 5 when 0 then null when 1 then p || '010101' when 2 then p || '010102' when 3 then p || '0101' else p end,
           case when i = 7 then 'linked' else 'no_match' end, y
    from unnest(?::smallint[]) y, unnest(?::text[]) p, generate_series(1, 12) i`,
  [job, YEARS, PROVINCES]);
  await refreshDerivedData(db, { geometry: false });
}, 180_000);

afterAll(async () => {
  await db?.destroy();
  await scratch?.drop();
});

describe('the rollups of the logbook, the people, the menu and the registry', () => {
  it('equal their definitions after a full refresh, and every table has rows of every year', async () => {
    expect(await differencesFromDefinitions()).toEqual(NONE);
    expect(await queueDifferences()).toEqual(QUEUE_EXACT);
    expect((await db.raw('select count(*)::int as n from menu_match')).rows[0].n).toBeGreaterThan(100);
    for (const { table } of TABLES) {
      expect((await db.raw(`select array_agg(distinct survey_year order by survey_year) as y from ${table}`)).rows[0].y, table).toEqual(YEARS);
    }
  });

  it('a first filling of the matches leaves them analysed (the statements after it plan by their rows), a later refresh does not analyse again', async () => {
    const analysed = async () => (await db.raw(`select reltuples::bigint as n from pg_class where oid = 'menu_match'::regclass`)).rows[0].n;
    const stored = async () => (await db.raw('select count(*)::int as n from menu_match')).rows[0].n;
    // no autovacuum analysing the table meanwhile: the figures checked are this refresh's
    await db.raw('alter table menu_match set (autovacuum_enabled = off)');
    await db.transaction(async (trx) => {
      await trx.raw('truncate menu_match');
      await trx.raw('analyze menu_match'); // statistics saying empty, as a generation without a menu leaves them
      await trx.raw('select povmap.refresh_menu_match()');
    });
    expect(Number(await analysed())).toBe(await stored());
    // a refresh of the filled table keeps the statistics it has
    await db.raw(`update pg_class set reltuples = 1 where oid = 'menu_match'::regclass`);
    await db.raw('select povmap.refresh_menu_match()');
    expect(Number(await analysed())).toBe(1);
    await db.raw('alter table menu_match reset (autovacuum_enabled)');
    await db.raw('analyze menu_match');
    expect(await differencesFromDefinitions()).toEqual(NONE);
  });

  it('a first fill for setup writes the matches before their queue index, which comes back as it was; any other refresh keeps the index', async () => {
    const queueIndex = async () => (await db.raw(`select c.oid::int as oid, pg_get_indexdef(c.oid) as definition
                                                  from pg_class c where c.relname = 'menu_match_queue_idx'`)).rows[0];
    const before = await queueIndex();
    expect(before.definition).toMatch(/score60 DESC/);
    // a filled table: the flag sets nothing aside
    await db.raw('select povmap.refresh_menu_match(p_first_fill => true)');
    expect(await queueIndex()).toEqual(before);
    // an empty one (setup seeding the demo menu into a data set just generated)
    const memory = await db.transaction(async (trx) => {
      const setting = async () => (await trx.raw('show maintenance_work_mem')).rows[0].maintenance_work_mem;
      const was = await setting();
      await trx.raw('truncate menu_match');
      await trx.raw('select povmap.refresh_menu_match(p_first_fill => true)');
      return { was, after: await setting() };
    });
    // the build's own memory setting ends with the build, not with the caller's transaction
    expect(memory.after).toBe(memory.was);
    const after = await queueIndex();
    expect(after.oid).not.toBe(before.oid); // built again, after the rows
    expect(after.definition).toBe(before.definition);
    expect(await differencesFromDefinitions()).toEqual(NONE);
    expect(await queueDifferences()).toEqual(QUEUE_EXACT);
    // an empty table refreshed without the flag (a server's first menu import) keeps its index in place
    await db.transaction(async (trx) => {
      await trx.raw('truncate menu_match');
      await trx.raw('select povmap.refresh_menu_match()');
    });
    expect(await queueIndex()).toEqual(after);
    expect(await differencesFromDefinitions()).toEqual(NONE);
    expect(await queueDifferences()).toEqual(QUEUE_EXACT);
  });

  it('after households of two provinces in two years changed, equal their definitions, the other provinces and years untouched', async () => {
    const changed = ['91', '93'];
    const years = [2023, 2024];
    // rows the refresh has no reason to write: the other year's, and the other provinces' (not the
    // country's) where a table is kept per province
    const outside = (table: string, perProvince: boolean) =>
      `t.survey_year = 2022${perProvince ? ` or ${provinceOf(table)} not in ('91', '93', 'TH')` : ''}`;
    const snapshot = async () => Object.fromEntries(await Promise.all(TABLES.map(async ({ table }) =>
      [table, (await db.raw(`select t::text as r from ${table} t order by 1`)).rows.map((r: { r: string }) => r.r)])));
    const old = await snapshot();
    const old92 = await matchesIn92();
    // one row of each table outside the scope made wrong: a refresh that wrote it would put it right
    const sentinels = await Promise.all(TABLES.map(async ({ table, perProvince, column }) => {
      const [{ ctid, value }] = (await db.raw(`select t.ctid::text as ctid, t.${column} as value from ${table} t
                                              where ${perProvince ? `${provinceOf(table)} = '92' and t.survey_year = 2024` : 't.survey_year = 2022'}
                                              order by 1 limit 1`)).rows;
      const { rows: [row] } = await db.raw(`update ${table} t set ${column} = -1 where t.ctid = ?::tid returning t.ctid::text as ctid`, [ctid]);
      return { table, column, ctid: row.ctid as string, value };
    }));
    const untouched = async () => Promise.all(TABLES.map(({ table, perProvince }) => writers(table, outside(table, perProvince))));
    const before = await untouched();
    expect(before.every((rows) => rows.length > 0)).toBe(true);
    // targets become non-targets and the other way round, and the neediest shift: the menu's
    // capacity goes to other people, in the other provinces too
    await db.raw(`update household set deprived = case when deprived = 0 then 8191 when right(house_code, 1) in ('1', '2', '3') then 0 else deprived end
                  where province_code = any (?) and survey_year = any (?)`, [changed, years]);
    await db.raw(`update person set age = (age + 30) % 90 where province_code = '91' and survey_year = 2024 and person_no = 2`);
    // a village of 93 left without households in 2024: its registry people move up to its subdistrict
    await db('household').where({ village_code: '93010102', survey_year: 2024 }).delete();
    await refreshDerivedData(db, { geometry: false, provinces: changed, years });
    expect(await untouched()).toEqual(before);
    for (const { table, column, ctid, value } of sentinels) {
      expect(Number((await db.raw(`select ${column} as v from ${table} where ctid = ?::tid`, [ctid])).rows[0].v), table).toBe(-1);
      await db.raw(`update ${table} set ${column} = ? where ctid = ?::tid`, [value, ctid]);
    }
    expect(await differencesFromDefinitions()).toEqual(NONE);
    expect(await queueDifferences()).toEqual(QUEUE_EXACT);
    // in province 92, where no household changed, the refresh wrote the matches whose allocation
    // changed and no other: the queue's places are not stored, so a shift ahead rewrites nothing
    const now92 = await matchesIn92();
    expect([...now92.keys()].sort()).toEqual([...old92.keys()].sort());
    const rewritten = [...now92].filter(([k, r]) => r.xmin !== old92.get(k)!.xmin).map(([k]) => k).sort();
    const reallocated = [...now92].filter(([k, r]) => r.allocated !== old92.get(k)!.allocated).map(([k]) => k).sort();
    expect(reallocated.length).toBeGreaterThan(0);
    expect(rewritten).toEqual(reallocated);
    // every table did change (so the comparison above saw the refresh write), and the menu's
    // changes reach province 92, where no household changed
    const now = await snapshot();
    for (const { table } of TABLES) expect(now[table], table).not.toEqual(old[table]);
    const in92 = (rows: string[]) => rows.filter((r) => r.split(',')[1].startsWith('92'));
    expect(in92(now.menu_match)).not.toEqual(in92(old.menu_match));
    expect(in92(now.area_menu_need)).not.toEqual(in92(old.area_menu_need));
  });

  it('count again, outside the provinces refreshed, only the villages where the menu\'s capacity moved, and sum the areas above them', async () => {
    // in a transaction rolled back at the end: a household of village 95010101 served, or not, the
    // other way (its matches' allocation as a refresh of menu_match would have left it), then the
    // unmet need refreshed for province 91 with that village named (povmap.refresh_area_menu_need)
    const differences = async (trx: Knex) => Number((await trx.raw(`select count(*)::int as n from (
        (select * from area_menu_need where survey_year = 2024 except all select * from povmap.area_menu_need_rows(null, '{2024}'))
        union all
        (select * from povmap.area_menu_need_rows(null, '{2024}') except all select * from area_menu_need where survey_year = 2024)) d`)).rows[0].n);
    const rollback = new Error('rolled back');
    await expect(db.transaction(async (trx) => {
      const { rows: [served] } = await trx.raw(`select m.house_code, bool_or(m.allocated) as served from menu_match m
                                                 where m.survey_year = 2024 and m.house_code like '95010101%' group by 1 order by 1 limit 1`);
      await trx.raw('update menu_match set allocated = ? where survey_year = 2024 and house_code = ?', [!served.served, served.house_code]);
      // the village, its subdistrict, district and province, and the country: each row differs both ways
      expect(await differences(trx)).toBe(10);
      const otherVillage = async () => (await trx.raw(`select t::text || ' ' || t.xmin::text as w from area_menu_need t
                                                       where t.code = '95010102' and t.survey_year = 2024`)).rows[0].w as string;
      const other = await otherVillage();
      await trx.raw(`select povmap.refresh_area_menu_need('{91}', '{2024}', '{95010101,91010101}')`);
      expect(await differences(trx)).toBe(0);
      // the other village of 95 read as stored, not written
      expect(await otherVillage()).toBe(other);
      throw rollback;
    })).rejects.toBe(rollback);
    expect(await differencesFromDefinitions()).toEqual(NONE);
  });

  it('refresh a province a household moved into, its matches stored under the code of its old province', async () => {
    // moved from 92 to 94 and refreshed as its import would (both provinces); then only 94 changes,
    // the household too: its matches, under a code of 92, are 94's to rewrite
    const { rows: [moved] } = await db.raw(`select m.survey_year, m.house_code from menu_match m join household h using (survey_year, house_code)
                                            where h.province_code = '92' order by 1, 2 limit 1`);
    const place = { village_code: '94010101', subdistrict_code: '940101', district_code: '9401', province_code: '94' };
    await db('household').where(moved).update(place);
    await db('person').where(moved).update(place);
    await refreshDerivedData(db, { geometry: false, provinces: ['92', '94'], years: [moved.survey_year] });
    await db('household').where({ province_code: '94', survey_year: moved.survey_year }).update({ deprived: db.raw('deprived # 1') });
    await refreshDerivedData(db, { geometry: false, provinces: ['94'], years: [moved.survey_year] });
    expect(await differencesFromDefinitions()).toEqual(NONE);
    expect(await queueDifferences()).toEqual(QUEUE_EXACT);
    // and only 92 changes: the household's matches, under a code of 92, are not 92's to remove
    await db('household').where({ province_code: '92', survey_year: moved.survey_year }).update({ deprived: db.raw('deprived # 1') });
    await refreshDerivedData(db, { geometry: false, provinces: ['92'], years: [moved.survey_year] });
    expect(await differencesFromDefinitions()).toEqual(NONE);
    expect(await queueDifferences()).toEqual(QUEUE_EXACT);
  });

  it('skip the people and the menu matches of a year without people, writing nothing', async () => {
    const tables = ['area_person_stats', 'menu_match'];
    const before = await Promise.all(tables.map((t) => writers(t, 'true')));
    const { rows: [{ views }] } = await db.raw(`select povmap.refresh_household_views(null, '{2025}') as views`);
    expect(views).toEqual(['area_assistance', 'area_menu_need']);
    expect(await Promise.all(tables.map((t) => writers(t, 'true')))).toEqual(before);
  });

  it('skip the tables the caller refreshed apart (a generation), and refuse to skip any other', async () => {
    const before = await writers('area_person_stats', 'true');
    const { rows: [{ views }] } = await db.raw(`select povmap.refresh_household_views(p_fresh => array['area_assistance', 'area_person_stats']) as views`);
    expect(views).toEqual(['menu_match', 'area_menu_need', 'area_registry_stats']);
    expect(await writers('area_person_stats', 'true')).toEqual(before);
    expect(await differencesFromDefinitions()).toEqual(NONE);
    await expect(db.raw(`select povmap.refresh_household_views(p_fresh => array['menu_match'])`))
      .rejects.toThrow(/only area_assistance and area_person_stats can be refreshed apart, not \{menu_match\}/);
  });
});
