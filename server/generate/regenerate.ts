/**
 * Whether setup generates the data set (again): demo data that follows the generator.
 *
 * `prepareDatabase` once generated only into a database without a complete data set, so a demo or
 * test database made by an older generator kept its rows for good and lacked whatever the generator
 * learned since (e.g. the debt and finance answers of migration 015). Now a demo or tiny data set made
 * by an older revision (or one made before revisions were recorded) is generated again, with its own
 * profile and seed. A national data set is never replaced (it takes long and someone asked for it),
 * and neither is one that households, people, logbook entries or agencies' results were imported
 * into: that is someone's data. Those two get a note saying what to do instead.
 */
import { sqlText } from '../../sql/load.js';
import type { Db } from '../db/knex.js';
import { DEFAULT_SEED, PROFILES, isProfileName, type Profile } from './profiles.js';
import { GENERATOR_REVISION } from './revision.js';

export type DatasetVerdict =
  | { generate: true; profile: Profile; seed: number; reason: string }
  | { generate: false; note?: string };

/** Profiles that are only ever synthetic demo or test data, so generating them again loses nothing. */
const REPLACEABLE: readonly Profile['name'][] = ['demo', 'tiny'];

const revisionText = (revision: number | null) => (revision === null ? 'an unrecorded generator revision' : `generator revision ${revision}`);

export async function datasetVerdict(db: Db): Promise<DatasetVerdict> {
  const { rows: [dataset] } = await db.raw(sqlText('generate/dataset_state.sql')) as {
    rows: Array<{ profile: string; seed: number; complete: boolean; generator_revision: number | null; imported: boolean }>;
  };
  // a data set generated before people were (dataset.persons null) is not complete either
  if (!dataset?.complete) return { generate: true, profile: PROFILES.demo, seed: DEFAULT_SEED, reason: 'No complete data set in the database' };
  const revision = dataset.generator_revision === null ? null : Number(dataset.generator_revision);
  if (revision !== null && revision >= GENERATOR_REVISION) return { generate: false };
  const made = `The ${dataset.profile} data set was made by ${revisionText(revision)} (the generator is at revision ${GENERATOR_REVISION})`;
  if (!isProfileName(dataset.profile) || !REPLACEABLE.includes(dataset.profile)) {
    return { generate: false, note: `${made}; it is kept as it is (generate it again with npm run generate -- --profile ${dataset.profile} when you want the newer rows)` };
  }
  if (dataset.imported) {
    return { generate: false, note: `${made}, but data was imported into it since; it is kept as it is (npm run generate replaces it, imports included)` };
  }
  return { generate: true, profile: PROFILES[dataset.profile], seed: Number(dataset.seed), reason: made };
}
