/**
 * `npm run bench -- tiles-cold`: where a cold `areas` tile's time goes, and how long until the
 * planner's tiles are all cached again after a data change (issue 18). Side by side, same process,
 * interleaved tile by tile:
 *  - the district tiles z7-8 over the country (tiles/seed.ts's addresses), newest survey year;
 *  - povmap's tile statement run raw on a connection of its own (prepared, same parameters);
 *  - a generic tile server's statement: ST_AsMVT over a flat pre-joined table of the same geometry
 *    and properties (built here, indexed like a generic server's table: GiST on geom);
 *  - the tile through the server over HTTP with an empty cache, rendered on request (nothing kept
 *    in the tile store under the current versions: a version bump at the start sees to that; the
 *    store's row is looked up in the statement that renders it, sql/tiles/kept_or_rendered.sql), and
 *    its parts measured one by one: TileService.tile (pool + store miss + SQL + gzip + ETag), gzip
 *    and ETag alone; HTTP + Fastify is the rest;
 *  - then seeding: a data-version bump, and the time until every z0-10 areas and boundaries tile of
 *    the country is in the cache and the tile store again;
 *  - then a cold server with the tiles stored: a new app on the same database (memory cache empty,
 *    emptied again before every tile) answering the same tiles from the tile store (tiles/store.ts),
 *    interleaved again with the two raw statements.
 */
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import zlib from 'node:zlib';
import pg from 'pg';
import { buildApp } from '../../server/app.js';
import { newBudget, runWithBudget } from '../../server/db/budget.js';
import { createDb } from '../../server/db/knex.js';
import { bumpDataVersion } from '../../server/db/refresh.js';
import { sqlText } from '../../sql/load.js';
import { tileKey } from '../../tiles/key.js';
import type { TileLayer } from '../../tiles/layer.js';
import { SEED_MAXZOOM } from '../../tiles/seed.js';
import { keptOrRenderedSql } from '../../tiles/sources/mvt.js';
import type { BenchContext } from './run.js';
import { median } from './quantile.js';
import { profileName } from './profile-name.js';

const ROUNDS = 4;
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const ms = (started: bigint) => Number(process.hrtime.bigint() - started) / 1e6;

/** What a generic tile server would serve: one row per feature, geometry and properties together. */
const FLAT_TABLE = `
  create temporary table bench_flat_areas as
  select g.band, g.level, g.code::bigint as id, g.geom,
         jsonb_build_object('code', a.code, 'level', a.level, 'name_th', a.name_th, 'name_en', a.name_en)
           || coalesce(m.metrics, '{"suppressed": true}'::jsonb) as properties
  from tile_geometry g
  join admin_area a on a.code = g.code
  join tile_area_metrics m on m.code = g.code and m.survey_year = $1::smallint;
  create index on bench_flat_areas using gist (band, level, geom);
  analyze bench_flat_areas`;
const FLAT_TILE = `
  with bounds as (select st_tileenvelope($1::integer, $2::integer, $3::integer) as env)
  select st_asmvt(f.*, 'areas', 4096, 'geom', 'id') as tile
  from (select t.id, t.properties, st_asmvtgeom(t.geom, b.env, 4096, 64, true) as geom
        from bounds b join bench_flat_areas t on t.band = $4::smallint and t.level = $5::text and t.geom && b.env) f
  where f.geom is not null`;

function httpGet(port: number, path: string, agent: http.Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path, agent, headers: { 'accept-encoding': 'gzip' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode!));
    }).on('error', reject);
  });
}

export async function run(ctx: BenchContext): Promise<string> {
  const loadBefore = os.loadavg()[0];
  const db = createDb(ctx.databaseUrl, { max: 2 });
  const year = Number((await db('area_stats').max({ y: 'survey_year' }))[0].y);
  const bands = (await db('tile_geometry_band').select('band', 'minzoom', 'maxzoom')) as Array<{ band: number; minzoom: number; maxzoom: number }>;
  const [{ n: households }] = await db('household').count({ n: '*' });
  await db.destroy();
  const direct = new pg.Client({ connectionString: ctx.databaseUrl, application_name: 'povmap-bench' });
  await direct.connect();
  const addresses = (await direct.query<{ z: number; x: number; y: number }>(sqlText('tiles/seed_addresses.sql'), [SEED_MAXZOOM])).rows;
  const district = addresses.filter((t) => t.z === 7 || t.z === 8);
  ctx.log(`${district.length} district tiles z7-8, year ${year}`);

  await direct.query(FLAT_TABLE.replace('$1::smallint', String(year)));
  // tiles kept in the tile store by an earlier run are under older versions after this: rendered on request
  const startDb = createDb(ctx.databaseUrl, { max: 1 });
  await bumpDataVersion(startDb, 'households');
  await startDb.destroy();
  const app = await buildApp({ databaseUrl: ctx.databaseUrl, logLevel: 'warn' });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as AddressInfo).port;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const storedAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  /** Tile queries run by the first app (rendered on request). */
  const rendered: number[] = [];
  const layer = app.tiles.layer('areas');
  const query = { year, metric: undefined };
  const band = (z: number) => bands.find((b) => z >= b.minzoom && z <= b.maxzoom)!.band;
  const areasSql = sqlText('tiles/areas.sql');
  const keptSql = keptOrRenderedSql(areasSql, layer.args(district[0], query).length);

  const timings = { sql: [] as number[][], flat: [] as number[][], http: [] as number[][], service: [] as number[][], gzip: [] as number[][], etag: [] as number[][] };
  for (const k of Object.keys(timings) as Array<keyof typeof timings>) timings[k] = district.map(() => []);
  let empty = 0;
  for (let round = -1; round < ROUNDS; round++) {
    ctx.log(round < 0 ? 'warm-up round' : `cold round ${round + 1}/${ROUNDS}`);
    for (const [i, t] of district.entries()) {
      let started = process.hrtime.bigint();
      const raw = (await direct.query<{ tile: Buffer | null }>({ name: 'areas', text: areasSql, values: layer.args(t, query) })).rows[0]?.tile ?? Buffer.alloc(0);
      const sqlMs = ms(started);
      started = process.hrtime.bigint();
      await direct.query({ name: 'flat', text: FLAT_TILE, values: [t.z, t.x, t.y, band(t.z), layer.args(t, query)[4]] });
      const flatMs = ms(started);
      app.tiles.cache.clear();
      started = process.hrtime.bigint();
      const status = await httpGet(port, `/tiles/areas/${t.z}/${t.x}/${t.y}.mvt?year=${year}`, agent);
      const httpMs = ms(started);
      app.tiles.cache.clear();
      started = process.hrtime.bigint();
      // under the tiles route's time budget, as a request: the pooled connection keeps its setting
      await runWithBudget(newBudget('tiles', 10_000), () => app.tiles.tile(layer, t, query));
      const serviceMs = ms(started);
      started = process.hrtime.bigint();
      if (raw.length) zlib.gzipSync(raw, { level: 1 });
      const gzipMs = ms(started);
      started = process.hrtime.bigint();
      if (raw.length) crypto.createHash('sha1').update(raw).digest('base64url');
      const etagMs = ms(started);
      if (round < 0) {
        if (status === 204) empty++;
        continue;
      }
      timings.sql[i].push(sqlMs);
      timings.flat[i].push(flatMs);
      timings.http[i].push(httpMs);
      timings.service[i].push(serviceMs);
      timings.gzip[i].push(gzipMs);
      timings.etag[i].push(etagMs);
    }
  }
  const total = (k: keyof typeof timings) => sum(timings[k].map(median));
  const n = district.length;
  const per = (k: keyof typeof timings) => (total(k) / n).toFixed(2);
  const [sqlT, flatT, httpT, serviceT, gzipT, etagT] = (['sql', 'flat', 'http', 'service', 'gzip', 'etag'] as const).map(total);

  // Seeding: the first pass fills the cache, then a bump starts the timed one.
  ctx.log('seeding after a data-version bump');
  const seeded = await buildApp({ databaseUrl: ctx.databaseUrl, logLevel: 'warn', seedTiles: true });
  await new Promise((r) => setTimeout(r, 500));
  await seeded.tiles.seeder!.idle();
  const stampBefore = seeded.tiles.stamp(layer);
  const bumpDb = createDb(ctx.databaseUrl, { max: 1 });
  const bumped = process.hrtime.bigint();
  await bumpDataVersion(bumpDb, 'households');
  await bumpDb.destroy();
  while (seeded.tiles.stamp(layer) === stampBefore) await new Promise((r) => setTimeout(r, 5));
  await seeded.tiles.seeder!.idle();
  const seedMs = ms(bumped);
  const pass = seeded.tiles.seeder!.last!;
  // Served without a render: in memory, or in the store under the current stamp (a tile the pass
  // found still valid in the store is not loaded into memory, and the memory cache has a byte budget).
  const unserved = async (l: TileLayer, q: { year: number | undefined; metric: undefined }) => {
    const stamp = seeded.tiles.stamp(l);
    const stored = stamp === undefined ? new Set<string>() : await seeded.tiles.store.keys(l.id, stamp);
    return addresses.filter((t) => {
      const key = tileKey(l, t, q);
      return !seeded.tiles.cached(key, l) && !stored.has(key);
    }).length;
  };
  const missing = await unserved(layer, query);
  const missingBoundaries = await unserved(seeded.tiles.layer('boundaries'), { year: undefined, metric: undefined });
  const [store] = (await direct.query<{ tiles: number; bytes: string }>(
    "select count(*)::integer as tiles, pg_total_relation_size('tile_store') as bytes from tile_store")).rows;
  await seeded.close();
  rendered.push(app.tiles.renders);
  await app.close();

  // A cold server, tiles stored: every tile from the store (a render would show in `renders`).
  ctx.log('a new server with the tiles stored');
  const stored = await buildApp({ databaseUrl: ctx.databaseUrl, logLevel: 'warn' });
  await stored.listen({ port: 0, host: '127.0.0.1' });
  const storedPort = (stored.server.address() as AddressInfo).port;
  while (stored.tiles.stamp(layer) === undefined) await new Promise((r) => setTimeout(r, 5));
  const storedTimings = { sql: district.map(() => [] as number[]), flat: district.map(() => [] as number[]), http: district.map(() => [] as number[]), row: district.map(() => [] as number[]) };
  const storedStamp = stored.tiles.stamp(layer)!;
  for (let round = -1; round < ROUNDS; round++) {
    ctx.log(round < 0 ? 'warm-up round (stored)' : `stored round ${round + 1}/${ROUNDS}`);
    for (const [i, t] of district.entries()) {
      let started = process.hrtime.bigint();
      await direct.query({ name: 'areas', text: areasSql, values: layer.args(t, query) });
      const sqlMs = ms(started);
      started = process.hrtime.bigint();
      await direct.query({ name: 'flat', text: FLAT_TILE, values: [t.z, t.x, t.y, band(t.z), layer.args(t, query)[4]] });
      const flatMs = ms(started);
      // the stored path's floor: its one statement (the store's row by primary key, the render not run), raw
      started = process.hrtime.bigint();
      await direct.query({ name: 'kept_or_rendered', text: keptSql, values: [...layer.args(t, query), tileKey(layer, t, query), storedStamp] });
      const rowMs = ms(started);
      stored.tiles.cache.clear();
      started = process.hrtime.bigint();
      await httpGet(storedPort, `/tiles/areas/${t.z}/${t.x}/${t.y}.mvt?year=${year}`, storedAgent);
      const httpMs = ms(started);
      if (round < 0) continue;
      storedTimings.sql[i].push(sqlMs);
      storedTimings.flat[i].push(flatMs);
      storedTimings.http[i].push(httpMs);
      storedTimings.row[i].push(rowMs);
    }
  }
  const storedRenders = stored.tiles.renders;
  await stored.close();
  await direct.end();
  agent.destroy();
  storedAgent.destroy();
  const [sSql, sFlat, sHttp, sRow] = (['sql', 'flat', 'http', 'row'] as const).map((k) => sum(storedTimings[k].map(median)));

  return [
    `Database: ${Number(households).toLocaleString('en')} household rows (${profileName(households)}); tiles of survey year ${year}.`,
    `${n} district tiles z7-8 over the country (${empty} empty), ${ROUNDS} cold rounds after a warm-up; per tile the median of the rounds, summed.`,
    '',
    '| measure | result | goal |',
    '|---|---|---|',
    `| rendered on request: cold tile over HTTP ÷ povmap's tile SQL raw | ${(httpT / sqlT).toFixed(3)} (${httpT.toFixed(0)} vs ${sqlT.toFixed(0)} ms) | ≤ 1.15 |`,
    `| rendered on request: cold tile over HTTP ÷ ST_AsMVT over a flat pre-joined table | ${(httpT / flatT).toFixed(3)} (${flatT.toFixed(0)} ms) | ≤ 0.8 |`,
    `| povmap's tile SQL ÷ the flat table's | ${(sqlT / flatT).toFixed(3)} | |`,
    `| cold server, tiles stored: tile over HTTP ÷ povmap's tile SQL raw | **${(sHttp / sSql).toFixed(3)}** (${sHttp.toFixed(0)} vs ${sSql.toFixed(0)} ms) | ≤ 1.15 |`,
    `| cold server, tiles stored: tile over HTTP ÷ ST_AsMVT over a flat pre-joined table | **${(sHttp / sFlat).toFixed(3)}** (${sFlat.toFixed(0)} ms) | ≤ 0.8 |`,
    `| cold server, tiles stored: per tile over HTTP | ${(sHttp / n).toFixed(2)} ms = the store's row read raw ${(sRow / n).toFixed(2)} + pool, HTTP and Fastify ${((sHttp - sRow) / n).toFixed(2)} ms (${storedRenders} tiles rendered: every one came from the store) | |`,
    `| per tile: HTTP ${per('http')} ms = SQL ${per('sql')} + pool and service ${((serviceT - sqlT - gzipT - etagT) / n).toFixed(2)} + gzip ${per('gzip')} + ETag ${per('etag')} + HTTP and Fastify ${((httpT - serviceT) / n).toFixed(2)} ms | | |`,
    `| after a data-version bump: every z0-${SEED_MAXZOOM} areas and boundaries tile of the country cached and stored | **${(seedMs / 1000).toFixed(1)} s** (${pass.rendered} rendered, ${pass.skipped} still valid; ${missing} areas and ${missingBoundaries} boundaries tiles neither in memory nor stored after) | |`,
    `| tile store after the pass (older versions purged) | ${store.tiles} tiles, ${(Number(store.bytes) / 2 ** 20).toFixed(1)} MiB with its index | |`,
    '',
    `Tiles of zoom 11 and more (and other years, metrics and layers) are not seeded nor stored: they are still rendered on request, as in the first rows (${rendered[0]} tile queries there).`,
    `Machine load (1-minute load average, ${os.cpus().length} cores, shared with other work): ${loadBefore.toFixed(1)} at the start, ${os.loadavg()[0].toFixed(1)} at the end.`,
  ].join('\n');
}
