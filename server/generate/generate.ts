/**
 * The deterministic synthetic data set: Thailand-shaped admin geometry with real names and codes,
 * households, services, village potential and the assistance logbook, and the rollups. The heavy lifting is SQL in
 * sql/generate/; this file feeds it inputs, runs it in order and reports progress.
 *
 * Atomicity: the `dataset` row is deleted first and written last, so a run that dies half-way leaves
 * no row and the next setup regenerates instead of trusting half the data.
 *
 * What is derived from this data (tile geometry, neighbours, hotspots, the night-light composites
 * painted from it and their statistics) is emptied here and rebuilt by server/db/refresh.ts
 * (`ensureDerivedData`), which every command runs after generating.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../config.js';
import type { Db } from '../db/knex.js';
import { PROVINCE_CAPITALS } from '../geo/capitals.js';
import { loadAdminNames } from '../geo/names.js';
import { thailandOutline } from '../geo/outline.js';
import type { Profile } from './profiles.js';

const SQL_DIR = path.join(PROJECT_ROOT, 'sql', 'generate');
const sqlFile = (name: string) => fs.readFileSync(path.join(SQL_DIR, name), 'utf8');

export interface Progress {
  phase(name: string): void;
  /** Households written so far out of the total. */
  households(done: number, total: number): void;
}

export interface GenerateResult {
  households: number;
  checksum: string;
  seconds: number;
}

/** Checksum over every generated row, independent of row order. */
export async function datasetChecksum(db: Db): Promise<string> {
  const { rows } = await db.raw(`
    select md5(concat_ws(':',
      (select sum(hashtextextended(a::text, 0)::numeric) from admin_area a),
      (select sum(hashtextextended(h::text, 0)::numeric) from household h),
      (select sum(hashtextextended(s::text, 0)::numeric) from service_point s),
      (select sum(hashtextextended(p::text, 0)::numeric) from village_potential p))) as checksum`);
  return rows[0].checksum as string;
}

export async function generate(db: Db, profile: Profile, seed: number, progress: Progress): Promise<GenerateResult> {
  const started = Date.now();
  progress.phase('Preparing');
  await db.raw('delete from dataset');
  await db.raw('truncate admin_area, household, service_point, village_potential, assistance_log, country_outline, spatial_neighbour, hotspot_result, ' +
    'household_access, access_village, nightlight_raster, nightlight_overview, nightlight_zone, nightlight_zone_grid, light_poverty_fit cascade');
  await db.raw('drop schema if exists gen cascade; create schema gen');

  progress.phase('Loading names, codes and the national outline');
  const names = await loadAdminNames();
  await db.raw(`insert into country_outline (iso3, name_en, geom)
                values ('THA', 'Thailand', st_multi(st_setsrid(st_geomfromgeojson(?), 4326)))`, [JSON.stringify(thailandOutline())]);
  await db.raw('create unlogged table gen.params (seed integer, households_per_year bigint, years smallint[])');
  await db.raw('insert into gen.params values (?, ?, ?::smallint[])', [seed, profile.householdsPerYear, profile.years]);
  await db.raw('create unlogged table gen.province (code text primary key, name_th text, name_en text, lon float8, lat float8)');
  await db.raw('create unlogged table gen.district (code text primary key, parent_code text, name_th text, name_en text)');
  await db.raw('create unlogged table gen.subdistrict (code text primary key, parent_code text, name_th text, name_en text)');
  await db.batchInsert('gen.province', names.provinces.map((p) => {
    const capital = PROVINCE_CAPITALS[p.code];
    if (!capital) throw new Error(`no capital coordinates for province ${p.code}`);
    return { code: p.code, name_th: p.name_th, name_en: p.name_en, lon: capital[0], lat: capital[1] };
  }), 1000);
  await db.batchInsert('gen.district', names.districts, 1000);
  await db.batchInsert('gen.subdistrict', names.subdistricts, 1000);

  progress.phase(`Growing ${names.provinces.length} provinces, ${names.districts.length} districts, ${names.subdistricts.length} subdistricts and their villages`);
  await db.raw(sqlFile('10_admin_areas.sql'));
  // fresh statistics now: the derived-data queries (neighbours, tile geometry) plan badly on a never-analyzed table
  await db.raw('analyze admin_area');

  progress.phase('Shaping the poverty surface');
  await db.raw(sqlFile('20_villages.sql'));
  const total = profile.householdsPerYear * profile.years.length;
  const perProvince = await db('gen.village').select('province_code').sum({ n: 'n_households' }).groupBy('province_code').orderBy('province_code') as unknown as Array<{ province_code: string; n: number }>;
  // Secondary indexes are dropped for the bulk load and rebuilt after it, from their own definitions,
  // which wait in povmap.deferred_index meanwhile (a run killed before the rebuild leaves them there).
  await db.raw(`insert into povmap.deferred_index (name, definition)
                select indexname, indexdef from pg_indexes
                where schemaname = 'public' and tablename = 'household' and indexname <> 'household_pkey'
                on conflict (name) do nothing`);
  const indexes: Array<{ name: string; definition: string }> = await db('povmap.deferred_index').select('name', 'definition').orderBy('name');
  for (const ix of indexes) await db.raw(`drop index if exists ${ix.name}`);
  progress.phase(`Writing ${total.toLocaleString('en')} household rows`);
  let done = 0;
  progress.households(0, total);
  // Two connections, one per core: provinces are independent.
  const queue = [...perProvince];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      await db.raw(sqlFile('21_households.sql'), [next.province_code]);
      done += Number(next.n) * profile.years.length;
      progress.households(done, total);
    }
  };
  await Promise.all([worker(), worker()]);

  progress.phase(`Indexing households (${indexes.length} indexes)`);
  await Promise.all([0, 1].map(async (w) => {
    for (const ix of indexes.filter((_, i) => i % 2 === w)) await db.raw(ix.definition);
  }));
  await db('povmap.deferred_index').delete();

  progress.phase('Placing schools, hospitals and village potential');
  await db.raw(sqlFile('30_services_villages.sql'));
  progress.phase('Writing the assistance logbook');
  await db.raw(sqlFile('40_assistance.sql'));
  progress.phase('Computing the rollups');
  await db.raw('refresh materialized view area_stats; refresh materialized view area_score_stats; refresh materialized view area_assistance');
  await db.raw('drop schema gen cascade');
  await db.raw('analyze household; analyze service_point; analyze village_potential; analyze assistance_log; analyze area_stats; analyze area_score_stats');

  progress.phase('Checksum');
  const checksum = await datasetChecksum(db);
  const households = Number((await db('household').count({ n: '*' }))[0].n);
  const seconds = (Date.now() - started) / 1000;
  await db.transaction(async (trx) => {
    await trx('dataset').insert({
      profile: profile.name, seed, survey_years: profile.years, households, checksum, seconds,
      geography: `${names.source}: ${names.provinces.length} provinces, ${names.districts.length} districts, ${names.subdistricts.length} subdistricts; synthetic geometry clipped to Natural Earth 10m`,
    });
    for (const name of ['areas', 'households', 'services', 'villages']) await trx.raw('select povmap.bump_data_version(?)', [name]);
  });
  return { households, checksum, seconds };
}
