/**
 * Knex migrations whose bodies are the plain .sql files in sql/migrations, run in name order, each
 * in its own transaction, so a DBA can read and run them by hand.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import { PROJECT_ROOT } from '../config.js';

const MIGRATIONS_DIR = path.join(PROJECT_ROOT, 'sql', 'migrations');

class SqlFileMigrations implements Knex.MigrationSource<string> {
  async getMigrations() {
    return fs.readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.sql')).sort();
  }
  getMigrationName(file: string) {
    return file;
  }
  async getMigration(file: string) {
    // knex turns every bare ? into a $n placeholder, even with no bindings; a migration's ? is SQL
    // (a regex quantifier, the jsonb operator), so escape them all.
    const sql = fs.readFileSync(path.join(MIGRATIONS_DIR, file), 'utf8').replaceAll('?', '\\?');
    return {
      up: (knex: Knex) => knex.raw(sql),
      down: () => {
        throw new Error(`${file} has no down migration; restore from a dump instead`);
      },
    };
  }
}

/** Apply pending migrations; returns the names applied. */
export async function migrate(knex: Knex): Promise<string[]> {
  const [, applied] = await knex.migrate.latest({ migrationSource: new SqlFileMigrations() });
  return applied as string[];
}
