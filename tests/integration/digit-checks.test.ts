/**
 * House codes and national ids are checked by povmap.is_digits (migration 039) instead of an
 * anchored counted regex: the same strings pass and fail, and household and person still refuse a
 * code of the wrong shape.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { testDb } from '../helpers/database.js';

const db = testDb();
afterAll(() => db.destroy());

const STRINGS = [
  '', '1', '300100010001', '3001000100010', '30010001000', '1101700230708', '11017002307081',
  '30010001000a', 'a30010001000', '3001 0001000', ' 300100010001', '300100010001 ', '300100010001\n',
  '๓๐๐๑๐๐๐๑๐๐๐๑', '３００１０００１０００１', '30010001000١', '-30010001000', '+30010001000', '3001000100.1',
];

describe('povmap.is_digits', () => {
  it('accepts exactly what ^[0-9]{n}$ accepts, for 12 and 13 digits and null', async () => {
    const { rows } = await db.raw(
      `select s, n, povmap.is_digits(s, n) as digits, s ~ ('^[0-9]{' || n || '}$') as regex
       from unnest(?::text[] || array[null]) s, unnest(array[12, 13]) n`, [STRINGS]);
    const differing = (rows as Array<{ s: string | null; n: number; digits: boolean | null; regex: boolean | null }>)
      .filter((r) => r.digits !== r.regex);
    expect(differing).toEqual([]);
    expect(rows.filter((r: { digits: boolean }) => r.digits)).toEqual([
      { s: '300100010001', n: 12, digits: true, regex: true },
      { s: '3001000100010', n: 13, digits: true, regex: true },
      { s: '1101700230708', n: 13, digits: true, regex: true },
    ]);
  });

  it('keeps household and person from storing a house code or national id of another shape', async () => {
    // the constraint a statement fails on, in a transaction rolled back whatever happens
    const refused = async (sql: string) => {
      const trx = await db.transaction();
      try {
        await trx.raw(sql);
        return 'stored';
      } catch (err) {
        return (err as { constraint?: string }).constraint ?? String(err);
      } finally {
        await trx.rollback();
      }
    };
    expect(await refused(`update household set house_code = left(house_code, 11) || 'x'
                          where (survey_year, house_code) in (select survey_year, house_code from household limit 1)`))
      .toBe('household_house_code_check');
    expect(await refused(`update person set national_id = national_id || '0'
                          where (survey_year, house_code, person_no) in (select survey_year, house_code, person_no from person limit 1)`))
      .toBe('person_national_id_check');
    expect(await refused(`update person set national_id = '๓' || right(national_id, 12)
                          where (survey_year, house_code, person_no) in (select survey_year, house_code, person_no from person limit 1)`))
      .toBe('person_national_id_check');
  });
});
