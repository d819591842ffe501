/**
 * Named queries kept as plain .sql files under sql/api/ so a DBA can read and run them by hand;
 * route and service code refers to them by name and binds parameters (knex named bindings, :name).
 */
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../config.js';

const DIR = path.join(PROJECT_ROOT, 'sql', 'api');
const cache = new Map<string, string>();

export function sqlFile(name: string): string {
  let text = cache.get(name);
  if (text === undefined) {
    text = fs.readFileSync(path.join(DIR, `${name}.sql`), 'utf8');
    cache.set(name, text);
  }
  return text;
}
