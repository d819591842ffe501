/**
 * Debian packages a command needs (PostgreSQL + PostGIS + GDAL for the database, Chromium for the
 * browser tests): installed with apt-get when missing and we are root, otherwise one line saying
 * what to install. The package lists are refreshed once per process, before the first install.
 */
import { spawnSync } from 'node:child_process';
import { SetupError, step } from './output.js';

export const isRoot = () => process.getuid?.() === 0;

let listsUpdated = false;

export interface DebianNeed {
  /** What the packages provide, for messages ("PostgreSQL 15 with PostGIS"). */
  what: string;
  packages: string[];
  /** Whether they are there; checked again after installing. */
  present: () => boolean;
  /** Appended to the not-root message: another way to go without them. */
  otherwise?: string;
}

export function ensureDebianPackages(need: DebianNeed, { present = need.present(), root = isRoot() } = {}): void {
  if (present) return;
  if (!root) {
    throw new SetupError(`${need.what} is not installed. Install it with: sudo apt-get install -y ${need.packages.join(' ')}`
      + (need.otherwise ? ` (${need.otherwise})` : ''));
  }
  step(`Installing ${need.packages.join(', ')} from Debian (one time, a few minutes)`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const steps = [...(listsUpdated ? [] : [['update', '-q']]), ['install', '-y', '-q', '--no-install-recommends', ...need.packages]];
  for (const args of steps) {
    const r = spawnSync('apt-get', args, { stdio: ['ignore', 'inherit', 'inherit'], env });
    if (r.status !== 0) throw new SetupError(`apt-get ${args[0]} failed (exit ${r.status}); see the lines above`);
    if (args[0] === 'update') listsUpdated = true;
  }
  if (!need.present()) throw new SetupError(`${need.what} is still missing after apt-get install`);
}
