/**
 * Demo data that follows the generator: setup generates a demo or tiny data set made by an older (or
 * an unrecorded) generator revision again, with its own profile and seed, and never a national one or
 * one that someone's data was imported into (those get a note). The data sets here are rows written
 * by hand into an empty scratch database: what is decided rests on the `dataset` row and the import
 * jobs alone. (The test database itself is regenerated this way when it predates the revision; see
 * demo-data.test.ts, which checks its revision.)
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../server/config.js';
import { createDb, databaseName, type Db } from '../../server/db/knex.js';
import { prepareDatabase } from '../../server/db/prepare.js';
import { DEFAULT_SEED } from '../../server/generate/profiles.js';
import { datasetVerdict } from '../../server/generate/regenerate.js';
import { GENERATOR_REVISION } from '../../server/generate/revision.js';
import { scratchDatabase } from '../helpers/database.js';

let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
let db: Db;

/** A complete data set row as the generator writes it, made `hoursAgo` hours ago. */
async function dataset(row: { profile: string; seed?: number; revision: number | null; persons?: number | null; hoursAgo?: number }) {
  await db('dataset').delete();
  await db('dataset').insert({
    profile: row.profile, seed: row.seed ?? 31, survey_years: [2022], households: 1000, checksum: 'x', geography: 'hand-written',
    seconds: 1, persons: row.persons === undefined ? 2800 : row.persons, generator_revision: row.revision,
    generated_at: db.raw(`now() - make_interval(hours => ?)`, [row.hoursAgo ?? 2]),
  });
}

/** An import job of `kind` in `state`, created `hoursAgo` hours ago. */
async function importJob(kind: string, state: string, hoursAgo: number) {
  await db('import_job').insert({ kind, source: `${kind}.csv`, state, created_at: db.raw(`now() - make_interval(hours => ?)`, [hoursAgo]) });
}

beforeAll(async () => {
  scratch = await scratchDatabase('povmap_test_revision');
  db = createDb(scratch.url, { max: 2 });
});
afterAll(async () => {
  await db.destroy();
  await scratch.drop();
});
beforeEach(async () => {
  await db('import_job').delete();
  await db('dataset').delete();
});

describe('whether setup generates the data set again', () => {
  it('generates the demo profile where there is no complete data set', async () => {
    expect(await datasetVerdict(db)).toMatchObject({ generate: true, profile: { name: 'demo' }, seed: DEFAULT_SEED });
    await dataset({ profile: 'national', revision: GENERATOR_REVISION, persons: null });
    expect(await datasetVerdict(db)).toMatchObject({ generate: true, profile: { name: 'demo' }, reason: 'No complete data set in the database' });
  });

  it('generates a demo or tiny data set of an older or unrecorded revision again, with its own profile and seed', async () => {
    await dataset({ profile: 'demo', revision: null, seed: 31 });
    const demo = await datasetVerdict(db);
    expect(demo).toMatchObject({ generate: true, profile: { name: 'demo' }, seed: 31 });
    expect(demo.generate && demo.reason).toBe(`The demo data set was made by an unrecorded generator revision (the generator is at revision ${GENERATOR_REVISION})`);
    await dataset({ profile: 'tiny', revision: GENERATOR_REVISION - 1, seed: 7 });
    expect(await datasetVerdict(db)).toMatchObject({ generate: true, profile: { name: 'tiny' }, seed: 7 });
    // a registry import (the demo registry is seeded as one) is no data of the data set's own
    await importJob('registry', 'done', 1);
    expect(await datasetVerdict(db)).toMatchObject({ generate: true, profile: { name: 'tiny' } });
  });

  it('keeps a data set of the current revision, and says nothing', async () => {
    await dataset({ profile: 'demo', revision: GENERATOR_REVISION });
    expect(await datasetVerdict(db)).toEqual({ generate: false });
  });

  it('never replaces a national data set, whatever its revision, and says so', async () => {
    await dataset({ profile: 'national', revision: null });
    const verdict = await datasetVerdict(db);
    expect(verdict.generate).toBe(false);
    expect(!verdict.generate && verdict.note).toMatch(/^The national data set was made by an unrecorded generator revision .*it is kept as it is/);
  });

  it('never replaces a demo data set that households, people, logbook entries or results were imported into since', async () => {
    for (const kind of ['households', 'persons', 'assistance', 'results']) {
      await db('import_job').delete();
      await dataset({ profile: 'demo', revision: null, hoursAgo: 2 });
      await importJob(kind, 'done', 1);
      const verdict = await datasetVerdict(db);
      expect(verdict.generate, kind).toBe(false);
      expect(!verdict.generate && verdict.note, kind).toMatch(/data was imported into it since; it is kept as it is/);
    }
    // an import that failed, or one made before the data set was generated (and so replaced by it), is no reason to keep it
    await db('import_job').delete();
    await importJob('households', 'failed', 1);
    await importJob('households', 'done', 3);
    expect((await datasetVerdict(db)).generate).toBe(true);
  });

  it('prepareDatabase leaves an old national data set alone and logs the note', async () => {
    await dataset({ profile: 'national', revision: null, seed: 5 });
    const before = await db('dataset').first();
    const written: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    try {
      await prepareDatabase(loadConfig(), { purpose: 'main', seedDemo: true, database: databaseName(scratch.url) });
    } finally {
      spy.mockRestore();
    }
    expect(await db('dataset').first()).toEqual(before);
    expect(written.join('')).toMatch(/povmap: The national data set was made by an unrecorded generator revision .* it is kept as it is/);
    expect(written.join('')).not.toMatch(/generating the/);
  });
});
