/**
 * Decisions the policy makes on request (another cut-off k, another distance) are made over every
 * area of a year, a second or two on the demo data, so they are kept per database, data version and
 * parameters; a new data version makes them again.
 */
import type { Knex } from 'knex';
import { sqlText } from '../../sql/load.js';

const KEEP = 64;
const keptByDatabase = new WeakMap<Knex, Map<string, Promise<unknown>>>();

export async function keptPerDataVersion<T>(db: Knex, key: string, make: () => Promise<T>): Promise<T> {
  const { rows } = await db.raw(sqlText('disclosure/data_version.sql'));
  const versioned = `${rows[0]?.version}:${key}`;
  if (!keptByDatabase.has(db)) keptByDatabase.set(db, new Map());
  const kept = keptByDatabase.get(db)!;
  let value = kept.get(versioned) as Promise<T> | undefined;
  if (!value) {
    value = make();
    kept.set(versioned, value);
    value.catch(() => kept.delete(versioned));
    // oldest first: a Map keeps insertion order
    while (kept.size > KEEP) kept.delete(kept.keys().next().value!);
  }
  return value;
}
