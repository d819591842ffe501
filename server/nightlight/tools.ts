/** Running the GDAL and PostGIS command-line tools the night-light code drives, and what they share. */
import { spawnSync } from 'node:child_process';

/** A night-light file or argument the user must fix: one line, no stack. */
export class NightlightFileError extends Error {}

/** A north-up raster grid: upper-left corner, pixel size (scaleY < 0) and size in pixels. */
export interface Grid {
  originX: number;
  originY: number;
  scaleX: number;
  scaleY: number;
  width: number;
  height: number;
}

/** Composites and zones are tiled alike, so their tiles line up one to one. */
export const TILE_SIZE = 256;

/** Run a tool to completion; a missing tool or a failure is an error naming it and its last words. */
export function run(command: string, args: string[], stdout?: number): void {
  const r = spawnSync(command, args, {
    encoding: 'utf8', stdio: ['ignore', stdout ?? 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw new NightlightFileError(`cannot run ${command}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${command} failed: ${(r.stderr || '').trim().split('\n').slice(-3).join(' ')}`);
}
