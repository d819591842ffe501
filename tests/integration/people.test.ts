/**
 * People of the demo data set (the test database): every household's members are its people and
 * agree with its row (the age-based indicators, the welfare cards), national ids carry their check
 * digit, and the rollup of groups (area_person_stats) equals a count made here, in TypeScript, from
 * the raw person rows of sample areas at every level; the country's from a count in plain SQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/knex.js';
import { testDb } from '../helpers/database.js';

let db: Db;
beforeAll(() => {
  db = testDb();
});
afterAll(async () => {
  await db.destroy();
});

interface Row {
  house_code: string; village_code: string; subdistrict_code: string; district_code: string; province_code: string;
  age: number; in_education: boolean; employed: boolean; disabled: boolean; welfare_card: boolean;
  needs_daily_care: boolean; receives_care: boolean | null; deprived: number; vulnerability_level: number | null;
}

/** The groups' definitions, written out again (README "People and groups"), on one person. */
const GROUPS: Record<string, (p: Row) => boolean> = {
  persons: () => true,
  target_card: (p) => p.deprived !== 0 && p.welfare_card,
  target_nocard: (p) => p.deprived !== 0 && !p.welfare_card,
  vulnerable: (p) => p.vulnerability_level !== null,
  card_not_target: (p) => p.deprived === 0 && p.welfare_card,
  children_0_5: (p) => p.age <= 5,
  school_age: (p) => p.age >= 6 && p.age <= 14,
  school_age_out: (p) => p.age >= 6 && p.age <= 14 && !p.in_education,
  youth: (p) => p.age >= 15 && p.age <= 24,
  neet: (p) => p.age >= 15 && p.age <= 24 && !p.in_education && !p.employed,
  working_age: (p) => p.age >= 15 && p.age <= 59,
  working_no_work: (p) => p.age >= 15 && p.age <= 59 && !p.in_education && !p.employed,
  elderly: (p) => p.age >= 60,
  elderly_no_care: (p) => p.age >= 60 && p.needs_daily_care && p.receives_care === false,
  disabled: (p) => p.disabled,
  disabled_no_care: (p) => p.disabled && p.receives_care === false,
};

function directCounts(rows: Row[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [group, test] of Object.entries(GROUPS)) {
    const members = rows.filter(test);
    out[group] = members.length;
    out[`${group}_households`] = new Set(members.map((p) => p.house_code)).size;
  }
  return out;
}

/** The mod-11 check digit of a Thai national id, computed here. */
function validThaiId(id: string): boolean {
  if (!/^[0-9]{13}$/.test(id)) return false;
  const sum = [...id.slice(0, 12)].reduce((s, d, i) => s + Number(d) * (13 - i), 0);
  return (11 - (sum % 11)) % 10 === Number(id[12]);
}

describe('people of the demo data', () => {
  it('are as many as the members of every household, in every survey year', async () => {
    const { rows } = await db.raw(`
      select count(*)::int as wrong from household h
      left join (select survey_year, house_code, count(*) as n from person group by 1, 2) p using (survey_year, house_code)
      where coalesce(p.n, 0) <> h.members`);
    expect(rows[0].wrong).toBe(0);
  });

  it('agree with each household\'s age-based indicators and welfare cards', async () => {
    const { rows } = await db.raw(`
      with hp as (
        select h.deprived, h.welfare_card_holders,
               bool_or(p.age = 0) as aged_0,
               bool_or(p.age between 3 and 5 and not p.in_education) as preschool,
               bool_or(p.age between 6 and 14 and not p.in_education) as school,
               bool_or(p.age between 15 and 17 and not p.in_education) as m4,
               bool_or(p.age between 15 and 59 and not p.literate) as literacy,
               bool_or(p.age between 15 and 59 and not p.in_education and not p.employed) as work,
               bool_or(p.age >= 60 and not p.employed) as work60,
               bool_or(p.age >= 60 and p.needs_daily_care and p.receives_care = false) as elderly,
               bool_or(p.disabled and p.receives_care = false) as disabled,
               count(*) filter (where p.welfare_card) as cards
        from household h join person p on p.survey_year = h.survey_year and p.house_code = h.house_code
        group by h.survey_year, h.house_code, h.deprived, h.welfare_card_holders
      )
      select count(*)::int as households,
             count(*) filter (where deprived & 1 <> 0 and not aged_0)::int as newborn_weight,
             count(*) filter (where (deprived & 256 <> 0) <> preschool)::int as preschool_care,
             count(*) filter (where (deprived & 512 <> 0) <> school)::int as compulsory_school,
             count(*) filter (where (deprived & 1024 <> 0) <> m4)::int as continue_m4,
             count(*) filter (where (deprived & 2048 <> 0) <> literacy)::int as adult_literacy,
             count(*) filter (where (deprived & 4096 <> 0) <> work)::int as work_15_59,
             count(*) filter (where (deprived & 8192 <> 0) <> work60)::int as work_60_plus,
             count(*) filter (where (deprived & 32768 <> 0) <> elderly)::int as elderly_care,
             count(*) filter (where (deprived & 65536 <> 0) <> disabled)::int as disabled_care,
             count(*) filter (where cards <> welfare_card_holders)::int as welfare_cards
      from hp`);
    const { households, ...disagreeing } = rows[0];
    expect(households).toBeGreaterThan(1_000_000);
    expect(disagreeing).toEqual({
      newborn_weight: 0, preschool_care: 0, compulsory_school: 0, continue_m4: 0, adult_literacy: 0,
      work_15_59: 0, work_60_plus: 0, elderly_care: 0, disabled_care: 0, welfare_cards: 0,
    });
  });

  it('carry national ids with a valid check digit, the head\'s the household\'s', async () => {
    const rows: Array<{ national_id: string; person_no: number; head_id: string }> = (await db.raw(`
      select p.national_id, p.person_no, h.national_id as head_id from person p
      join household h on h.survey_year = p.survey_year and h.house_code = p.house_code
      where p.house_code like '30%' and p.survey_year = 2022`)).rows;
    expect(rows.length).toBeGreaterThan(10_000);
    expect(rows.filter((r) => !validThaiId(r.national_id))).toEqual([]);
    expect(rows.filter((r) => r.person_no === 1 && r.national_id !== r.head_id)).toEqual([]);
  });
});

describe('groups of people per area (area_person_stats)', () => {
  it('equal a count of the raw rows for sample areas at every level', async () => {
    // a province of the north-east, its first district, subdistrict and village
    const rows: Row[] = (await db.raw(`
      select p.house_code, p.village_code, p.subdistrict_code, p.district_code, p.province_code, p.age, p.in_education,
             p.employed, p.disabled, p.welfare_card, p.needs_daily_care, p.receives_care, h.deprived, h.vulnerability_level
      from person p join household h on h.survey_year = p.survey_year and h.house_code = p.house_code
      where p.province_code = '40' and p.survey_year = 2023`)).rows;
    const first = [...rows].sort((a, b) => a.house_code.localeCompare(b.house_code))[0];
    const samples: Array<[string, (r: Row) => boolean]> = [
      ['40', () => true],
      [first.district_code, (r) => r.district_code === first.district_code],
      [first.subdistrict_code, (r) => r.subdistrict_code === first.subdistrict_code],
      [first.village_code, (r) => r.village_code === first.village_code],
    ];
    for (const [code, inside] of samples) {
      const stored = await db('area_person_stats').where({ code, survey_year: 2023 }).first();
      const expected = directCounts(rows.filter(inside));
      const got = Object.fromEntries(Object.keys(expected).map((k) => [k, stored[k]]));
      expect({ code, ...got }).toEqual({ code, ...expected });
    }
  });

  it('counted for one province in ranges of house codes (an import\'s refresh), equal the stored rows counted whole', async () => {
    // without JIT, a refresh of few provinces splits each at the bounds of the planner's histogram
    // of the people's house codes that fall in the province (sql/functions/area_person_stats.sql)
    const { rows: [{ province, bounds }] } = await db.raw(`
      select left(b, 2) as province, count(*)::integer as bounds
      from pg_stats s, unnest(s.histogram_bounds::text::text[]) b
      where s.schemaname = 'public' and s.tablename = 'person' and s.attname = 'house_code'
      group by 1 order by 2 desc, 1 limit 1`);
    expect(bounds).toBeGreaterThan(2);
    const counted = await db.transaction(async (trx) => {
      await trx.raw('set local jit = off');
      return (await trx.raw('select * from povmap.area_person_stats_rows(?::text[]) order by survey_year, code', [[province]])).rows;
    });
    const stored = await db('area_person_stats').whereLike('code', `${province}%`).orderBy(['survey_year', 'code']);
    expect(counted.length).toBeGreaterThan(100);
    expect(counted).toEqual(stored);
  });

  it('equal a plain count over the country', async () => {
    const { rows } = await db.raw(`
      select count(*)::int as persons,
             count(*) filter (where h.deprived <> 0 and p.welfare_card)::int as target_card,
             count(*) filter (where h.deprived <> 0 and not p.welfare_card)::int as target_nocard,
             count(*) filter (where p.age between 15 and 24 and not p.in_education and not p.employed)::int as neet,
             count(*) filter (where p.disabled and p.receives_care = false)::int as disabled_no_care
      from person p join household h on h.survey_year = p.survey_year and h.house_code = p.house_code
      where p.survey_year = 2022`);
    const stored = await db('area_person_stats').where({ code: 'TH', survey_year: 2022 })
      .first('persons', 'target_card', 'target_nocard', 'neet', 'disabled_no_care');
    expect(stored).toEqual(rows[0]);
  });

  it('are calibrated: about a third of the urgent targets\' people hold a welfare card, as the plan\'s 211,739 of 655,365', async () => {
    const s = await db('area_person_stats').where({ code: 'TH', survey_year: 2023 }).first();
    const share = s.target_card / (s.target_card + s.target_nocard);
    expect(share).toBeGreaterThan(0.28);
    expect(share).toBeLessThan(0.36);
  });
});
