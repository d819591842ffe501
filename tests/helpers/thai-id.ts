/**
 * Thai national ids for test fixtures: the mod-11 check digit (design §10), written here apart from
 * the SQL (povmap.thai_id_valid) so the tests check the database against their own arithmetic.
 */
export function withCheck(first12: string): string {
  const s = [...first12].reduce((sum, d, i) => sum + Number(d) * (13 - i), 0);
  return first12 + String((11 - (s % 11)) % 10);
}
