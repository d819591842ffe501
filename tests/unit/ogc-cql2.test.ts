/**
 * The CQL2 text parser (server/ogc/cql2.ts): the trees it builds for each operator, the precedence
 * of NOT / AND / OR around BETWEEN's own AND, and the refusals with their positions. What the trees
 * select is checked against SQL in tests/integration/ogc-features.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { CqlError, MAX_IN_LIST, parseCql2 } from '../../server/ogc/cql2.js';

const prop = (name: string) => ({ type: 'property', name });
const lit = (value: string | number | boolean) => ({ type: 'literal', value });

describe('CQL2 text', () => {
  it('parses comparisons, IS NULL and the boolean operators with AND binding tighter than OR', () => {
    expect(parseCql2("a = 1 OR b <> 'x' AND NOT c IS NOT NULL")).toEqual({
      type: 'or',
      args: [
        { type: 'compare', op: '=', left: prop('a'), right: lit(1) },
        { type: 'and', args: [
          { type: 'compare', op: '<>', left: prop('b'), right: lit('x') },
          { type: 'not', arg: { type: 'isNull', property: prop('c'), negated: true } },
        ] },
      ],
    });
  });

  it('parses [NOT] LIKE with the pattern as written (quotes doubled inside)', () => {
    expect(parseCql2("name_en LIKE 'Nong%'")).toEqual({ type: 'like', property: prop('name_en'), pattern: 'Nong%', negated: false });
    expect(parseCql2("name_en not like 'O''_%'")).toEqual({ type: 'like', property: prop('name_en'), pattern: "O'_%", negated: true });
  });

  it("parses [NOT] BETWEEN, whose AND is its own and not the boolean's", () => {
    expect(parseCql2('h BETWEEN 0.01 AND 0.05 AND stars NOT BETWEEN -1 AND 2')).toEqual({
      type: 'and',
      args: [
        { type: 'between', value: prop('h'), low: lit(0.01), high: lit(0.05), negated: false },
        { type: 'between', value: prop('stars'), low: lit(-1), high: lit(2), negated: true },
      ],
    });
  });

  it('parses [NOT] IN lists of any length up to the limit', () => {
    expect(parseCql2("code IN ('10', '30')")).toEqual({ type: 'in', value: prop('code'), list: [lit('10'), lit('30')], negated: false });
    expect(parseCql2('stars NOT IN (1)')).toEqual({ type: 'in', value: prop('stars'), list: [lit(1)], negated: true });
    const longest = `stars IN (${Array(MAX_IN_LIST).fill('1').join(',')})`;
    expect((parseCql2(longest) as { list: unknown[] }).list).toHaveLength(MAX_IN_LIST);
    expect(() => parseCql2(`stars IN (${Array(MAX_IN_LIST + 1).fill('1').join(',')})`)).toThrow(/at most 1000 values/);
  });

  it.each([
    ["name LIKE", /LIKE needs a pattern in single quotes but found the end of the filter/],
    ["'x' LIKE 'y'", /LIKE needs a property on its left/],
    ['h BETWEEN 1 OR 2', /expected AND in BETWEEN but found "OR" at character 13/],
    ["code IN '10'", /expected "\(" after IN but found "'10'" at character 9/],
    ["code IN ('10' '30')", /expected "," or "\)" in the IN list but found "'30'" at character 15/],
    ['h NOT > 1', /NOT is not supported here/],
    ['h > 1,', /unexpected "," at character 6/],
    ['S_INTERSECTS(geom, x)', /functions are not supported/],
  ])('refuses %j', (text, message) => {
    expect(() => parseCql2(text)).toThrow(CqlError);
    expect(() => parseCql2(text)).toThrow(message);
  });
});
