/**
 * The stored tile figures (table tile_area_metrics, sql/migrations/008_tile_area_metrics_table.sql)
 * equal their definition (view tile_area_metrics_source) row for row after every kind of refresh:
 * an import's, a logbook import's, a full rebuild, the hotspots' and the fit's; readers keep getting
 * the previous answers, unblocked, while a refresh is under way; and the background seeder
 * (tiles/seed.ts) leaves every z0-10 areas and boundaries tile of the country cached (or, unchanged, stored) after a change.
 * On a scratch database with the fixture geography (province 91, two villages).
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../../server/app.js';
import { createDb, type Db } from '../../server/db/knex.js';
import { bumpDataVersion, refreshAssistance, refreshDerivedData, refreshTileAreaMetrics } from '../../server/db/refresh.js';
import { insertFixtureAreas, scratchDatabase } from '../helpers/database.js';
import { userWithToken } from '../helpers/api.js';
import { householdFile, multipart } from '../helpers/imports.js';
import { tileKey } from '../../tiles/key.js';
import { SEED_MAXZOOM } from '../../tiles/seed.js';
import { tilePropertiesDifferences } from '../helpers/tile-properties.js';

let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
let app: FastifyInstance;
let db: Db;
let reader: Db;
let admin: Record<string, string>;

beforeAll(async () => {
  scratch = await scratchDatabase('povmap_tile_metrics');
  db = createDb(scratch.url, { max: 3 });
  reader = createDb(scratch.url, { max: 2 });
  await insertFixtureAreas(db);
  await refreshDerivedData(db, { geometry: true });
  app = await buildApp({ databaseUrl: scratch.url, logLevel: 'silent', seedTiles: true });
  ({ headers: admin } = await userWithToken(app, 'tilemetrics', 'admin'));
}, 120_000);

afterAll(async () => {
  await app?.close();
  await reader?.destroy();
  await db?.destroy();
  await scratch?.drop();
});

/** Rows of the table missing from the view and rows of the view missing from the table. */
async function differences(): Promise<{ stored: number; onlyStored: unknown[]; onlyDefined: unknown[] }> {
  const rows = async (sql: string) => (await db.raw(sql)).rows;
  const [{ n }] = await rows('select count(*)::integer as n from tile_area_metrics');
  return {
    stored: n,
    onlyStored: await rows('select code, survey_year, metrics from tile_area_metrics except all select code, survey_year, metrics from tile_area_metrics_source'),
    onlyDefined: await rows('select code, survey_year, metrics from tile_area_metrics_source except all select code, survey_year, metrics from tile_area_metrics'),
  };
}

/** pg_class.reltuples of `tables` (-1: never analysed nor vacuumed), by name. */
async function reltuples(tables: string[]): Promise<Record<string, number>> {
  const { rows } = await db.raw('select relname, reltuples from pg_class where oid = any (?::regclass[])', [tables]);
  return Object.fromEntries(rows.map((r: { relname: string; reltuples: number }) => [r.relname, Number(r.reltuples)]));
}

async function importFile(kind: 'households' | 'assistance', bytes: Buffer) {
  const m = multipart(`${kind}.csv`, bytes);
  const r = await app.inject({ method: 'POST', url: `/api/imports/${kind}`, payload: m.body, headers: { ...admin, ...m.headers } });
  expect(r.statusCode, r.body).toBe(202);
  await app.imports.idle();
  const job = (await app.inject({ url: `/api/imports/${r.json().id}`, headers: admin })).json();
  expect(job.state, JSON.stringify(job)).toBe('done');
  return job;
}

describe('tile_area_metrics follows its definition', () => {
  it('after a household import (rollups, decisions, distances, hotspots)', async () => {
    await importFile('households', householdFile(1000, 2023).bytes);
    await importFile('households', householdFile(600, 2024).bytes);
    const d = await differences();
    // the 5 fixture areas below the country, two survey years
    expect(d.stored).toBe(10);
    expect(d.onlyStored).toEqual([]);
    expect(d.onlyDefined).toEqual([]);
    // the areas tile's stored properties: every fixture area in both years
    expect(await tilePropertiesDifferences(db)).toEqual({ stored: 10, onlyStored: [], onlyDefined: [] });
    // the stored figures are the rollup's: the village's households counted here from the raw rows
    const { rows: [direct] } = await db.raw("select count(*)::integer as n from household where village_code = '91010101' and survey_year = 2024");
    const stored = await db('tile_area_metrics').where({ code: '91010101', survey_year: 2024 }).first();
    expect(stored.metrics.households).toBe(direct.n);
  });

  it('after a logbook import, a full rebuild, and new hotspots and fit', async () => {
    const houses: Array<{ house_code: string }> = await db('household').where({ survey_year: 2024 }).whereNot('deprived', 0).orderBy('house_code').limit(20).select('house_code');
    expect(houses.length).toBeGreaterThan(0);
    const logbook = ['survey_year,house_code,agency,done_on,dimension,stage,status,note',
      ...houses.map((h) => `2024,${h.house_code},อบต.,2024-03-01,health,survive,done,`)].join('\n') + '\n';
    await importFile('assistance', Buffer.from(logbook, 'utf8'));
    let d = await differences();
    expect([d.onlyStored, d.onlyDefined]).toEqual([[], []]);
    const helped = await db('tile_area_metrics').where({ code: '91', survey_year: 2024 }).first();
    expect(helped.metrics.helped_households).toBe(houses.length);

    expect(await tilePropertiesDifferences(db)).toEqual({ stored: 10, onlyStored: [], onlyDefined: [] });
    const props = await db('tile_area_properties').where({ code: '91', survey_year: 2024 }).first();
    expect(props.properties.helped_households).toBe(houses.length);

    // a renamed area: its stored tile properties carry the new name at once (a trigger), and after a rebuild
    await db('admin_area').where({ code: '91010101' }).update({ name_en: 'Renamed village' });
    expect(await tilePropertiesDifferences(db)).toEqual({ stored: 10, onlyStored: [], onlyDefined: [] });
    await refreshDerivedData(db, { geometry: true });
    await refreshAssistance(db);
    d = await differences();
    expect(d.stored).toBe(10);
    expect([d.onlyStored, d.onlyDefined]).toEqual([[], []]);
    expect(await tilePropertiesDifferences(db)).toEqual({ stored: 10, onlyStored: [], onlyDefined: [] });
    const renamed = await db('tile_area_properties').where({ code: '91010101' }).select('properties');
    expect(renamed.map((r) => r.properties.name_en)).toEqual(['Renamed village', 'Renamed village']);
  });

  it('stores the objects compressed with LZ4, as the column asks (migration 029), not with the default pglz', async () => {
    await refreshDerivedData(db, { geometry: false });
    const { rows: [column] } = await db.raw(`select attcompression from pg_attribute where attrelid = 'tile_area_metrics'::regclass and attname = 'metrics'`);
    // a server without LZ4 keeps pglz (migration 029 skips the alteration there)
    const expected = column.attcompression === 'l' ? 'lz4' : 'pglz';
    const { rows } = await db.raw(`select pg_column_compression(metrics) as method, count(*)::integer as n
                                   from tile_area_metrics where pg_column_compression(metrics) is not null group by 1`);
    // the full objects are larger than a row keeps uncompressed, so some were compressed, each with that method
    expect(rows.length).toBe(1);
    expect(rows[0].method).toBe(expected);
    expect(rows[0].n).toBeGreaterThan(0);
  });

  it('analyses the figures\' tables whose statistics are missing or stale (a fresh data set) before building, and only those', async () => {
    const tables = `array['area_access_counts', 'area_public', 'area_stats']::regclass[]`;
    // as a database just made leaves them: area_access_counts never analysed nor vacuumed (reltuples
    // -1), area_public analysed while empty (no pages counted) and filled since
    // no autovacuum analysing them meanwhile: the statistics checked are the refresh's
    for (const table of ['area_access_counts', 'area_public']) await db.raw(`alter table ${table} set (autovacuum_enabled = off)`);
    await db.raw(`update pg_class set reltuples = -1 where oid = 'area_access_counts'::regclass`);
    await db.raw(`update pg_class set reltuples = 0, relpages = 0 where oid = 'area_public'::regclass`);
    const { rows: [{ pages }] } = await db.raw(`select pg_relation_size('area_public') / 8192 as pages`);
    expect(Number(pages)).toBeGreaterThan(0); // more pages than the statistics counted: grown
    const before = await reltuples(['area_stats']);
    expect(before.area_stats).toBeGreaterThan(0);
    await db.transaction(async (trx) => {
      const { rows: [{ analysed }] } = await trx.raw(`select povmap.analyze_stale(${tables})::text[] as analysed`);
      expect([...analysed].sort()).toEqual(['area_access_counts', 'area_public']);
      const { rows: [{ again }] } = await trx.raw(`select povmap.analyze_stale(${tables})::text[] as again`);
      expect(again).toEqual([]);
    });
    const count = async (table: string) => (await db.raw(`select count(*)::integer as n from ${table}`)).rows[0].n;
    const after = await reltuples(['area_access_counts', 'area_public', 'area_stats']);
    expect(after).toEqual({ area_access_counts: await count('area_access_counts'), area_public: await count('area_public'), area_stats: before.area_stats });
    // and the refresh itself runs it: no figure table is left with statistics saying empty
    await db.raw(`update pg_class set reltuples = 0, relpages = 0 where oid = 'area_public'::regclass`);
    await refreshTileAreaMetrics(db);
    expect((await reltuples(['area_public'])).area_public).toBe(await count('area_public'));
    for (const table of ['area_access_counts', 'area_public']) await db.raw(`alter table ${table} reset (autovacuum_enabled)`);
  });

  it('a refresh naming some areas still writes the relative figures that moved in every other area, and only those', async () => {
    // the village's rank moves in area_stats; the refresh names only the province (p_changed), so
    // the village's row is patched, not built again
    const before = await db('tile_area_metrics').where({ code: '91010101', survey_year: 2024 }).first();
    expect(before.metrics).toHaveProperty('stars');
    const moved = Number(before.metrics.stars ?? 0) + 1;
    // in a transaction rolled back after: the stored figures stay their definition's for the tests below
    const trx = await db.transaction();
    try {
      await trx('area_stats').where({ code: '91010101', survey_year: 2024 }).update({ stars: moved });
      const { rows: [{ written }] } = await trx.raw("select povmap.refresh_tile_area_metrics(array[2024]::smallint[], array['91']) as written");
      // the village's row patched; the province's compared and unchanged, as is every other area's
      expect(written).toBe(1);
      const after = await trx('tile_area_metrics').where({ code: '91010101', survey_year: 2024 }).first();
      expect(after.metrics).toEqual({ ...before.metrics, stars: moved });
      const { rows: [{ n }] } = await trx.raw('select count(*)::integer as n from (select code, survey_year, metrics from tile_area_metrics except all select code, survey_year, metrics from tile_area_metrics_source) d');
      expect(n).toBe(0);
    } finally {
      await trx.rollback();
    }
  });

  it('areas added get their stored tile properties at once (identity, suppressed), and lose them when removed', async () => {
    await insertFixtureAreas(db, '96', 5);
    // five new areas, both survey years, no figures yet
    expect(await tilePropertiesDifferences(db)).toEqual({ stored: 20, onlyStored: [], onlyDefined: [] });
    const added = await db('tile_area_properties').where({ code: '9601', survey_year: 2024 }).first();
    expect(added.properties).toEqual({ code: '9601', level: 'district', name_th: 'ทดสอบ 9601', name_en: 'Test 9601', suppressed: true });
    await db('admin_area').whereLike('code', '96%').delete();
    expect(await tilePropertiesDifferences(db)).toEqual({ stored: 10, onlyStored: [], onlyDefined: [] });
  });

  it('a removed survey year leaves no stored row behind', async () => {
    await db('household').where({ survey_year: 2023 }).delete();
    await refreshDerivedData(db, { geometry: false });
    const d = await differences();
    expect(d.stored).toBe(5);
    expect([d.onlyStored, d.onlyDefined]).toEqual([[], []]);
    expect(await tilePropertiesDifferences(db)).toEqual({ stored: 5, onlyStored: [], onlyDefined: [] });
  });
});

describe('readers during a refresh', () => {
  it('keep getting the previous figures, unblocked, until the refresh commits', async () => {
    const before = await reader('tile_area_metrics').orderBy('code').select();
    await reader.raw("set statement_timeout = '3s'");
    await db.transaction(async (trx) => {
      // a refresh under way: the logbook emptied and the stored figures rewritten, not committed yet
      await trx('assistance_log').delete();
      await trx.raw("select povmap.refresh_rollup_table('area_assistance')");
      await trx.raw('select povmap.refresh_tile_area_metrics()');
      const inside = await trx('tile_area_metrics').where({ code: '91', survey_year: 2024 }).first();
      expect(inside.metrics.helped_households).toBe(0);
      // other connections read the committed rows at once (the statement time-out would fail them)
      expect(await reader('tile_area_metrics').orderBy('code').select()).toEqual(before);
      const tile = await app.inject({ url: '/tiles/areas/6/49/30.mvt?year=2024', headers: { 'accept-encoding': 'gzip' } });
      expect([200, 204]).toContain(tile.statusCode);
      const summary = await app.inject({ url: '/api/areas/91?year=2024' });
      expect(summary.statusCode).toBe(200);
      await trx.rollback();
    }).catch((err) => { if (err) throw err; });
    expect(await reader('tile_area_metrics').orderBy('code').select()).toEqual(before);
  });
});

describe('background seeding (tiles/seed.ts)', () => {
  it('after a data change, every z0-10 areas and boundaries tile over the country is a cache hit', async () => {
    const areas = app.tiles.layer('areas');
    const boundaries = app.tiles.layer('boundaries');
    const stampBefore = app.tiles.stamp(areas);
    await bumpDataVersion(db, 'households');
    await vi.waitFor(() => expect(app.tiles.stamp(areas)).not.toBe(stampBefore), { timeout: 5000, interval: 20 });
    await app.tiles.seeder!.idle();
    const { rows } = await db.raw('select z, x, y from (select distinct z, x, y from generate_series(0, ?) z, ' +
      'lateral (select floor((100.0 + 180) / 360 * (1 << z))::integer as x0, floor((101.0 - 1e-9 + 180) / 360 * (1 << z))::integer as x1) xs, ' +
      'generate_series(xs.x0, xs.x1) x, ' +
      'lateral (select floor((1 - ln(tan(radians(7)) + 1 / cos(radians(7))) / pi()) / 2 * (1 << z))::integer as y0, ' +
      '                floor((1 - ln(tan(radians(6)) + 1 / cos(radians(6))) / pi()) / 2 * (1 << z))::integer as y1) ys, ' +
      'generate_series(ys.y0, ys.y1) y) t order by z, x, y', [SEED_MAXZOOM]);
    // the fixture province is the square lon 100-101, lat 6-7: its tiles, computed here from the formula of the Web Mercator grid
    expect(rows.length).toBeGreaterThan(SEED_MAXZOOM);
    const year = 2024;
    for (const t of rows as Array<{ z: number; x: number; y: number }>) {
      const areasKey = tileKey(areas, t, { year, metric: undefined });
      expect(app.tiles.cached(areasKey, areas), `areas ${t.z}/${t.x}/${t.y}`).toBeDefined();
      // boundaries did not change: the pass skipped them, kept in the tile store from the first pass (tiles/store.ts)
      const boundariesKey = tileKey(boundaries, t, { year: undefined, metric: undefined });
      const kept = await db('tile_store').where({ key: boundariesKey, stamp: app.tiles.stamp(boundaries) }).first();
      expect(app.tiles.cached(boundariesKey, boundaries) ?? kept, `boundaries ${t.z}/${t.x}/${t.y}`).toBeDefined();
    }
    // the request is answered from that entry: the same tile, no new build
    const z10 = (rows as Array<{ z: number; x: number; y: number }>).find((t) => t.z === 10)!;
    const entry = app.tiles.cached(tileKey(areas, z10, { year, metric: undefined }), areas)!;
    const r = await app.inject({ url: `/tiles/areas/10/${z10.x}/${z10.y}.mvt`, headers: { 'accept-encoding': 'gzip' } });
    expect(r.statusCode).toBe(200);
    expect(r.headers.etag).toBe(entry.etag);
    expect(r.rawPayload.equals(entry.gzip!)).toBe(true);
    expect(app.tiles.seeder!.last?.finishedAt).toBeDefined();
  });
});
