/**
 * Repeatable definitions: every function has one file in sql/functions/ (`create or replace`) and
 * every view and materialized view one file in sql/views/ (`drop … if exists … cascade`, then the
 * object and its indexes, numbered in dependency order), so each has exactly one current definition
 * a DBA can read and run by hand. This applies them: a file runs again when its text differs from
 * the text recorded in povmap.sql_definition, or when an object it creates is missing — a cascade
 * drop of one view removes its dependents, and they are the later files whose objects are gone.
 *
 * A materialized view made again comes back computed (create … as … fills it), and the tile
 * servers are told to drop their cached tiles (sql/db/views_reapplied.sql).
 */
import crypto from 'node:crypto';
import type { Knex } from 'knex';
import { sqlFilesIn, sqlText } from '../../sql/load.js';
import { DIMENSIONS, INDICATORS } from '../mpi/indicators.js';

export type DefinitionFolder = 'functions' | 'views';

/** knex turns every bare ? into a placeholder, even with no bindings; a definition's ? is SQL. */
export const literalSql = (text: string) => text.replaceAll('?', '\\?');

const sha256 = (text: string) => crypto.createHash('sha256').update(text).digest('hex');

/** The objects a definition file creates: relations (views) and schema-qualified function names. */
export function definedObjects(text: string): { relations: string[]; functions: string[] } {
  const names = (re: RegExp) => [...new Set([...text.matchAll(re)].map((m) => m[1].toLowerCase()))];
  return {
    relations: names(/^\s*create\s+(?:or\s+replace\s+)?(?:materialized\s+)?view\s+(?:if\s+not\s+exists\s+)?([\w.]+)/gim),
    functions: names(/^\s*create\s+(?:or\s+replace\s+)?function\s+([\w.]+)/gim),
  };
}

/** The schema, PostGIS and the record table the definitions need first (idempotent). */
export async function prepareDefinitions(db: Knex): Promise<void> {
  await db.raw(sqlText('db/definitions_prelude.sql'));
}

/**
 * Apply the files of `folder` that changed or whose objects are missing, in name order, in one
 * transaction; returns the files applied (paths under sql/).
 */
export async function applyDefinitions(db: Knex, folder: DefinitionFolder): Promise<string[]> {
  return db.transaction(async (trx) => {
    await trx.raw(sqlText('db/definitions_lock.sql'));
    if (folder === 'functions') await trx.raw(sqlText('db/function_bodies_unchecked.sql'));
    const recorded = new Map<string, string>(
      (await trx('povmap.sql_definition').select('file', 'sha256')).map((r: { file: string; sha256: string }) => [r.file, r.sha256]),
    );
    const applied: string[] = [];
    for (const file of sqlFilesIn(folder)) {
      const text = sqlText(file);
      const hash = sha256(text);
      if (recorded.get(file) === hash && !(await hasMissingObjects(trx, text))) continue;
      await trx.raw(literalSql(text));
      await trx('povmap.sql_definition').insert({ file, sha256: hash, applied_at: trx.fn.now() }).onConflict('file').merge();
      applied.push(file);
    }
    if (folder === 'views' && applied.length) await trx.raw(sqlText('db/views_reapplied.sql'));
    return applied;
  });
}

async function hasMissingObjects(db: Knex, text: string): Promise<boolean> {
  const { relations, functions } = definedObjects(text);
  const { rows } = await db.raw(sqlText('db/missing_objects.sql'), [JSON.stringify(relations), JSON.stringify(functions)]);
  return rows.length > 0;
}

/** povmap.indicator and povmap.dimension made equal to server/mpi/indicators.ts. */
export async function seedIndicators(db: Knex): Promise<void> {
  const dimensions = DIMENSIONS.map(({ number, id, name_en, name_th }) => ({ number, id, name_en, name_th }));
  const indicators = INDICATORS.map(({ number, id, dimension, weight60, name_en, name_th, generator_rate }) =>
    ({ number, id, dimension, weight60, name_en, name_th, generator_rate }));
  await db.raw(sqlText('db/indicator_seed.sql'), [JSON.stringify(dimensions), JSON.stringify(indicators)]);
}
