/**
 * Reading a point's coordinates from its hex EWKB (server/db/hex-ewkb-point.ts) against PostGIS's
 * own ST_X and ST_Y of the same geometries: points across Thailand and beyond, negative and tiny
 * coordinates, both byte orders, with and without an SRID, and the empty point (NaN there, null in
 * PostGIS). Other shapes are refused by name.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { readHexEwkbPoint } from '../../server/db/hex-ewkb-point.js';
import { testDb } from '../helpers/database.js';

const db = testDb();
afterAll(() => db.destroy());

const read = (hex: string) => {
  const text = Buffer.from(`x\t${hex}\ty`);
  return readHexEwkbPoint(text, 2, 2 + hex.length, { lon: 0, lat: 0 });
};

describe('a point read from its hex EWKB', () => {
  it('has the doubles PostGIS gives for ST_X and ST_Y, in either byte order, with or without an SRID', async () => {
    const { rows } = await db.raw(`
      with p(g) as (
        select st_setsrid(st_makepoint(97.3 + random() * 8.4, 5.6 + random() * 15), 4326) from generate_series(1, 500)
        union all select st_setsrid(st_makepoint(x, y), 4326)
        from (values (0.0, 0.0), (-180.0, -90.0), (179.99999999999997, 89.9), (1e-300, -1e-300), (100.523186, 13.736717),
                     (-0.000001, 51.4778)) v(x, y)
        union all select st_makepoint(102.5, 16.25)
      )
      select g::text as native, encode(st_asewkb(g, 'XDR'), 'hex') as big_endian, st_x(g) as lon, st_y(g) as lat from p`);
    expect(rows.length).toBe(507);
    for (const r of rows as Array<{ native: string; big_endian: string; lon: number; lat: number }>) {
      expect(read(r.native)).toEqual({ lon: r.lon, lat: r.lat });
      expect(read(r.big_endian)).toEqual({ lon: r.lon, lat: r.lat });
      expect(read(r.native.toLowerCase())).toEqual({ lon: r.lon, lat: r.lat });
    }
  });

  it('is NaN for the empty point, which PostGIS says has no coordinates', async () => {
    const { rows: [r] } = await db.raw(`select g::text as native, st_x(g) as lon from (select 'SRID=4326;POINT EMPTY'::geometry as g) p`);
    expect(r.lon).toBeNull();
    const point = read(r.native);
    expect(Number.isNaN(point.lon) && Number.isNaN(point.lat)).toBe(true);
  });

  it('refuses what is not the hex EWKB of a 2-d point, naming it', async () => {
    const { rows: [r] } = await db.raw(`
      select 'SRID=4326;POINT Z (100 14 5)'::geometry::text as z, 'SRID=4326;POINTM (100 14 5)'::geometry::text as m,
             'SRID=4326;LINESTRING (100 14, 101 15)'::geometry::text as line, 'SRID=4326;MULTIPOINT (100 14)'::geometry::text as multi,
             'SRID=4326;POINT (100 14)'::geometry::text as point`);
    for (const hex of [r.z, r.m, r.line, r.multi]) expect(() => read(hex)).toThrow(/not the hex EWKB of a 2-d point/);
    expect(() => read(r.point.slice(0, -2))).toThrow(/not the hex EWKB/);
    expect(() => read(`${r.point.slice(0, -1)}G`)).toThrow(/not the hex EWKB/);
    expect(() => read(`02${r.point.slice(2)}`)).toThrow(/not the hex EWKB/);
    expect(() => read('')).toThrow(/not the hex EWKB/);
    expect(read(r.point)).toEqual({ lon: 100, lat: 14 });
  });
});
