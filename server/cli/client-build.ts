/** Build the map client with Vite when its sources are newer than the last build. */
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../config.js';
import { step } from './output.js';

export const CLIENT_DIST = path.join(PROJECT_ROOT, 'dist', 'client');

function newestMtime(dir: string): number {
  if (!fs.existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

export async function ensureClientBuilt(): Promise<void> {
  const sources = path.join(PROJECT_ROOT, 'client');
  if (!fs.existsSync(path.join(sources, 'index.html'))) return;
  const built = path.join(CLIENT_DIST, 'index.html');
  // The client also bundles the indicator definitions it shares with the server.
  const shared = ['vite.config.ts', 'server/mpi/indicators.ts'].map((f) => fs.statSync(path.join(PROJECT_ROOT, f)).mtimeMs);
  const stale = !fs.existsSync(built) || Math.max(newestMtime(sources), ...shared) > fs.statSync(built).mtimeMs;
  if (!stale) return;
  step('Building the map client (vite build)');
  const { build } = await import('vite');
  await build({ configFile: path.join(PROJECT_ROOT, 'vite.config.ts'), logLevel: 'warn' });
}
