/**
 * The seeded tile's joint statement (tiles/sources/mvt.ts keptOrRenderedSql, sql/tiles/kept_or_rendered.sql):
 * the layer's statement goes in verbatim, its $ signs included, in place of the marker line only (the
 * file's comments name the marker too), and the key and stamp take the two parameter numbers after
 * the layer's own. Its behaviour on a database (a kept tile served without a render, an empty kept
 * tile answered 204, a missing one rendered) is tests/integration/tile-store.test.ts's.
 */
import { describe, expect, it } from 'vitest';
import { sqlText } from '../../sql/load.js';
import { keptOrRenderedSql } from '../../tiles/sources/mvt.js';

describe('keptOrRenderedSql', () => {
  it('puts the layer statement in verbatim and numbers the key and stamp after its parameters', () => {
    const areas = sqlText('tiles/areas.sql');
    const text = keptOrRenderedSql(areas, 6);
    expect(text).toContain(areas);
    expect(text.split(areas)).toHaveLength(2);
    expect(text).toContain('k.key = $7::text and k.stamp = $8::text');
    const statement = text.split('\n').filter((line) => !line.startsWith('--')).join('\n');
    expect(statement).not.toMatch(/LAYER_STATEMENT|KEY::|STAMP::/);
  });

  it('keeps $ sequences that a replacement string would read as patterns', () => {
    const layer = "select $1::integer as a, '$&' as b, '$$' as c, '$`' as d, $'x' as e";
    const text = keptOrRenderedSql(layer, 1);
    expect(text).toContain(layer);
    expect(text).toContain('k.key = $2::text and k.stamp = $3::text');
  });
});
