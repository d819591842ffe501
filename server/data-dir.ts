/**
 * Where povmap keeps what it makes on this machine: the private cluster (usually), generated files,
 * caches, upload spools and crash logs. `.data/` in the checkout unless POVMAP_DATA_DIR says otherwise.
 * Its own module so that the CLI's error reporting can find it without loading the whole config.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function dataDirFrom(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.POVMAP_DATA_DIR ?? path.join(PROJECT_ROOT, '.data'));
}
