/**
 * The schema's layout: one baseline migration, functions and views applied from their one current
 * definition (sql/functions/, sql/views/) and applied again when their text changes or their object
 * is gone, the indicator tables equal to server/mpi/indicators.ts, and SQL kept as written (a "?" is
 * SQL, not a bind placeholder).
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../server/db/knex.js';
import { definedObjects } from '../../server/db/definitions.js';
import { migrate, StaleMigrationsError } from '../../server/db/migrate.js';
import { ensureDerivedData, ensureMeasuredAccess } from '../../server/db/refresh.js';
import { disclosureOutdated } from '../../server/disclosure/refresh.js';
import { DIMENSIONS, INDICATORS } from '../../server/mpi/indicators.js';
import { sqlFilesIn, sqlText } from '../../sql/load.js';
import { insertFixtureAreas, scratchDatabase, testDb } from '../helpers/database.js';

let db: Db;
beforeAll(() => {
  db = testDb();
});
afterAll(async () => {
  await db.destroy();
});

const sha256 = (text: string) => crypto.createHash('sha256').update(text).digest('hex');

describe('migrations and definitions', () => {
  it('mask names and national ids fully (issue 15: no title, letter or digit survives)', async () => {
    const masked = await db.raw(`select povmap.mask_name('นางสาวประยูร บุญมา') as m, povmap.mask_national_id('3101234567893') as id`);
    expect(masked.rows[0]).toEqual({ m: '•••', id: 'X-XXXX-XXXXX-XX-X' });
  });

  it('start from one baseline migration, and every function and view file is applied as it reads now', async () => {
    const migrations = sqlFilesIn('migrations');
    expect(migrations[0]).toBe('migrations/001_baseline.sql');
    // Later schema changes are numbered files after the baseline; every one of them is applied.
    for (const file of migrations) expect(file).toMatch(/^migrations\/\d{3}_[a-z0-9_]+\.sql$/);
    expect(await db('knex_migrations').orderBy('id').pluck('name')).toEqual(migrations.map((f) => f.replace('migrations/', '')));
    const files = [...sqlFilesIn('functions'), ...sqlFilesIn('views')];
    expect(files.length).toBeGreaterThan(20);
    const recorded = new Map((await db('povmap.sql_definition').select('file', 'sha256')).map((r) => [r.file, r.sha256]));
    for (const file of files) {
      expect(recorded.get(file), file).toBe(sha256(sqlText(file)));
      const { relations, functions } = definedObjects(sqlText(file));
      expect(relations.length + functions.length, `${file} defines something`).toBeGreaterThan(0);
      for (const name of relations) expect((await db.raw('select to_regclass(?) as oid', [name])).rows[0].oid, name).not.toBeNull();
      for (const name of functions) {
        const { rows } = await db.raw(`select count(*)::int as n from pg_proc p join pg_namespace s on s.oid = p.pronamespace
                                       where s.nspname || '.' || p.proname = ?`, [name]);
        expect(rows[0].n, name).toBe(1);
      }
    }
  });

  it('hold each view in one file named after it, starting with its drop', () => {
    for (const file of sqlFilesIn('views')) {
      const { relations } = definedObjects(sqlText(file));
      // a table stored from a view (tile_area_metrics from tile_area_metrics_source) keeps its
      // definition in the file named after the table its readers read
      expect(relations.map((r) => r.replace(/_source$/, '')), file).toEqual([file.replace(/^views\/\d+_(.*)\.sql$/, '$1')]);
      expect(sqlText(file), file).toMatch(new RegExp(`^(--.*\\n)*drop (materialized )?view if exists ${relations[0]} cascade;`));
    }
  });

  it('seed the indicator and dimension tables from server/mpi/indicators.ts', async () => {
    const indicators = await db('povmap.indicator').orderBy('number')
      .select('number', 'id', 'dimension', 'weight60', 'name_en', 'name_th', 'generator_rate');
    expect(indicators).toEqual(INDICATORS.map((i) => ({ ...i })));
    expect(await db('povmap.dimension').orderBy('number').select('number', 'id', 'name_en', 'name_th')).toEqual(DIMENSIONS.map((d) => ({ ...d })));
  });
});

describe('the definitions applier, on a scratch database', () => {
  let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
  let sdb: Db;
  const oid = async (name: string) => (await sdb.raw('select to_regclass(?)::oid::int as oid', [name])).rows[0].oid as number | null;
  const households = async () => Number((await sdb('data_version').where({ name: 'households' }).first('version')).version);
  /** The public access figures (area_access_stats): their row count and an md5 over every row. */
  const accessStats = async () =>
    (await sdb.raw(`select count(*)::int as n, md5(string_agg(t::text, '|' order by code, survey_year)) as sum from area_access_stats t`)).rows[0];
  beforeAll(async () => {
    scratch = await scratchDatabase('povmap_test_definitions');
    sdb = createDb(scratch.url, { max: 2 });
  });
  afterAll(async () => {
    await sdb.destroy();
    await scratch.drop();
  });

  it('applies nothing when nothing changed', async () => {
    expect(await migrate(sdb)).toEqual([]);
  });

  it('applies a view again when its text changed, and its dependents come back', async () => {
    const before = { access: await oid('area_access_stats'), counts: await oid('area_access_counts'), tiles: await oid('tile_area_metrics_source'),
                     stored: await oid('tile_area_metrics'), assistance: await oid('area_assistance') };
    const version = await households();
    // as if the file's text had changed since it was applied
    await sdb('povmap.sql_definition').where({ file: 'views/40_area_access_stats.sql' }).update({ sha256: 'changed' });
    expect(await migrate(sdb)).toEqual(['views/40_area_access_stats.sql', 'views/90_tile_area_metrics.sql']);
    expect(await oid('area_access_stats')).not.toBe(before.access);
    expect(await oid('tile_area_metrics_source')).not.toBe(before.tiles); // dropped by the cascade, made again
    expect(await oid('tile_area_metrics')).toBe(before.stored); // the stored figures are a table, refilled in place
    expect(await oid('area_assistance')).toBe(before.assistance); // no dependent of area_access_stats: untouched
    expect(await oid('area_access_counts')).toBe(before.counts); // the view's table is not the view's to drop
    expect(await households()).toBe(version + 1); // cached tiles of the old definition are stale
    expect(await migrate(sdb)).toEqual([]);
  });

  it('makes a view or function again when it is missing', async () => {
    await sdb.raw('drop view tile_area_metrics_source');
    await sdb.raw('drop function povmap.mask_national_id(text) cascade');
    // household_list and person_list call mask_national_id: the cascade took them too
    expect(await migrate(sdb)).toEqual(['functions/mask_pii.sql', 'views/30_household_list.sql', 'views/33_person_list.sql', 'views/90_tile_area_metrics.sql']);
    expect(await oid('tile_area_metrics_source')).not.toBeNull();
    expect(await oid('household_list')).not.toBeNull();
    expect(await oid('person_list')).not.toBeNull();
  });

  it('deletes indicator rows the definition no longer has', async () => {
    await sdb('povmap.indicator').insert({ number: 30, id: 'gone', dimension: 'health', weight60: 1, name_en: 'x', name_th: 'x', generator_rate: 0 });
    await migrate(sdb);
    expect(await sdb('povmap.indicator').pluck('id')).toEqual(INDICATORS.map((i) => i.id));
  });

  it('counts the household rollups when the data is made ready, not in a migration (014 leaves its tables empty)', async () => {
    const rows = async (table: string, key: string) =>
      (await sdb.raw(`select count(*)::int as n, md5(string_agg(t::text, '|' order by ${key})) as sum from ${table} t`)).rows[0];
    // the fixture's two villages, with households of several scores
    await insertFixtureAreas(sdb);
    for (const [i, deprived] of [0, 1, 3, 4096 | 16384, 7].entries()) {
      await sdb.raw(`insert into household (survey_year, house_code, village_code, subdistrict_code, district_code, province_code, geom,
                                           members, deprived, income_per_person, dependents, housing_problem, welfare_card_holders,
                                           head_name, national_id)
                    values (2022, ?, ?, '910101', '9101', '91', null, ?, ?, 150000, 0, false, 0, 'นายสมชาย ใจดี', '1101700203451')`,
        [`9101010${1 + (i % 2)}000${i}`, `9101010${1 + (i % 2)}`, 1 + i, deprived]);
    }
    await sdb.raw('select povmap.refresh_household_rollups()');
    const before = { stats: await rows('area_stats', 'code, survey_year'), scores: await rows('area_score_stats', 'code, survey_year, score60') };
    expect(before.stats.n).toBe(6); // two villages, subdistrict, district, province, country
    // the state migration 014 leaves on a database that already has households
    await sdb.raw('delete from area_stats; delete from area_score_stats');
    await ensureDerivedData(sdb);
    expect(await rows('area_stats', 'code, survey_year')).toEqual(before.stats);
    expect(await rows('area_score_stats', 'code, survey_year, score60')).toEqual(before.scores);
    expect(await disclosureOutdated(sdb)).toBe(false); // and the policy decided again on the counts
  });

  it('rolls up the access figures of distances measured but never rolled up (a stop between the two)', async () => {
    expect(Number((await sdb('household_access').count({ n: '*' }))[0].n)).toBe(5); // measured by the readiness check above
    const before = await accessStats();
    expect(before.n).toBe(6);
    // the state a failed rollup leaves: distances committed, their rollup empty (as migration 027 leaves it too)
    await sdb('area_access_counts').delete();
    expect((await accessStats()).n).toBe(0);
    await ensureDerivedData(sdb);
    expect(await accessStats()).toEqual(before);
  });

  it('measures the distances only where there are none, and rolls up those its caller measured beside other work', async () => {
    const before = await accessStats();
    expect(before.n).toBe(6);
    expect(await ensureMeasuredAccess(sdb)).toBe(false); // every household has its distances
    // a generation's state (no distances) beside a rollup that no longer matches them (one area's row gone)
    await sdb('household_access').delete();
    await sdb('area_access_counts').where({ code: '91' }).delete();
    expect(await ensureMeasuredAccess(sdb)).toBe(true);
    expect(Number((await sdb('household_access').count({ n: '*' }))[0].n)).toBe(5);
    expect((await accessStats()).n).toBe(5); // measured, not rolled up
    // told that the distances were just measured, the readiness check rolls them up with the policy's decisions
    await ensureDerivedData(sdb, undefined, false, true);
    expect(await accessStats()).toEqual(before);
    expect(await disclosureOutdated(sdb)).toBe(false);
  });

  it('refuses a database made by the migrations the baseline replaced', async () => {
    await sdb('knex_migrations').insert({ name: '002_mpi_functions.sql', batch: 1, migration_time: new Date() });
    await expect(migrate(sdb)).rejects.toThrow(StaleMigrationsError);
    await expect(migrate(sdb)).rejects.toThrow(/002_mpi_functions\.sql.*001_baseline\.sql/);
    await sdb('knex_migrations').where({ name: '002_mpi_functions.sql' }).delete();
  });
});
