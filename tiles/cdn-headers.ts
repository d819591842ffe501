/**
 * Cache-Control for tiles and TileJSON whose URL carries the data version (`?v=`), so a CDN or a
 * browser can keep them without asking again. TileJSON lists its tile URLs with `v` = the stamp of
 * the data versions the layer depends on (DataVersions.stamp): a data change gives new URLs, so the
 * bytes under one URL never change.
 *   - `v` equal to the version the answer was built under: cached for a year, `immutable`.
 *   - any other `v` (an old TileJSON still in a client, or a guess): the current tile with a short
 *     life and stale-while-revalidate, so a cache in front does not keep it, nor hammer us for it.
 *   - no `v`: as before, `public, no-cache` (stored, always revalidated by ETag).
 */
import { TILE_CACHE_CONTROL } from './response.js';

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const SHORT_LIVED = 'public, max-age=60, stale-while-revalidate=300';

/** The data-version stamp as it appears in URLs ('3.17' for two data versions). */
export const VERSION_PATTERN = '^[0-9]{1,18}(\\.[0-9]{1,18}){0,7}$';

/** Cache-Control for an answer built under data versions `builtUnder`, asked for with `?v=requested`. */
export function versionedCacheControl(requested: string | undefined, builtUnder: string | undefined): string {
  if (requested === undefined) return TILE_CACHE_CONTROL;
  return builtUnder && requested === builtUnder ? IMMUTABLE : SHORT_LIVED;
}
