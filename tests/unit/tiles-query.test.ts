import { describe, expect, it } from 'vitest';
import { parseSimpleQuery } from '../../tiles/query.js';
import { tileKey } from '../../tiles/key.js';
import { findLayer } from '../helpers/tile-registry.js';

describe('parseSimpleQuery (the fast path must never accept what the routes refuse)', () => {
  it('reads year and metric', () => {
    expect(parseSimpleQuery('')).toEqual({});
    expect(parseSimpleQuery('year=2022')).toEqual({ year: 2022 });
    expect(parseSimpleQuery('year=2022&metric=m0')).toEqual({ year: 2022, metric: 'm0' });
  });
  it('gives up on anything unusual', () => {
    for (const q of ['year=1999', 'year=2101', 'year=20x2', 'year=2022&year=2023', 'foo=1', 'year', 'metric=M0',
      'metric=a%20b', 'year=2022&', 'metric=' + 'a'.repeat(65)]) {
      expect(parseSimpleQuery(q), q).toBeUndefined();
    }
  });
});

describe('tileKey', () => {
  it('keys year only for layers that use it', () => {
    const areas = findLayer('areas')!;
    const services = findLayer('services')!;
    const t = { z: 8, x: 200, y: 120 };
    expect(tileKey(areas, t, { year: 2022, metric: undefined })).not.toBe(tileKey(areas, t, { year: 2023, metric: undefined }));
    expect(tileKey(areas, t, { year: 2022, metric: 'm0' })).not.toBe(tileKey(areas, t, { year: 2022, metric: undefined }));
    expect(tileKey(services, t, { year: 2022, metric: undefined })).toBe(tileKey(services, t, { year: undefined, metric: undefined }));
  });
});
