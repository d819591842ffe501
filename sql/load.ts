/**
 * The one SQL loader: every statement povmap runs lives in a .sql file under sql/ (a DBA can read and
 * run it by hand), and TypeScript refers to it by its path relative to this folder, e.g.
 * `sqlText('api/rankings.sql')`. Files are read once and kept.
 *
 * Binding styles follow the caller: knex `raw` takes named bindings (`:name`) or `?`, pg's own
 * `query` takes `$1…`; a file's header says which it uses.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** This folder: the root every SQL path is relative to. */
export const SQL_DIR = path.dirname(fileURLToPath(import.meta.url));

const texts = new Map<string, string>();

/** The text of `file` (relative to sql/, with its .sql extension). */
export function sqlText(file: string): string {
  let text = texts.get(file);
  if (text === undefined) {
    const full = path.resolve(SQL_DIR, file);
    if (!full.startsWith(SQL_DIR + path.sep) || !full.endsWith('.sql')) throw new Error(`not a SQL file under sql/: ${file}`);
    text = fs.readFileSync(full, 'utf8');
    texts.set(file, text);
  }
  return text;
}

/** The .sql files of a folder under sql/, in name order (paths relative to sql/). */
export function sqlFilesIn(folder: string): string[] {
  const dir = path.join(SQL_DIR, folder);
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((f) => f.endsWith('.sql')).sort().map((f) => `${folder}/${f}`);
}
