/**
 * tiles/cache.ts: the tile cache is bounded by bytes, not entries: tiles of known sizes go in until
 * the byte budget is spent, the least recently used go first, brotli bytes added later count, and a
 * tile bigger than the whole budget is not kept. The per-entry bookkeeping the cache adds is its own
 * business; the sizes here (10 kB buffers against a 35 kB budget) leave room for any overhead under
 * 1.6 kB an entry, so the expected counts hold whatever it is.
 */
import { describe, expect, it } from 'vitest';
import { TileCache, type CachedTile } from '../../tiles/cache.js';

const KB10 = 10_000;
const tile = (bytes: number, stamp = 's1'): CachedTile => ({ stamp, etag: `W/"${bytes}"`, contentType: 'application/vnd.mapbox-vector-tile', gzip: Buffer.alloc(bytes, 1) });
const keys = (cache: TileCache, all: string[]) => all.filter((k) => cache.get(k, 's1') !== undefined);

describe('the tile cache', () => {
  it('keeps tiles until the byte budget is spent, then drops the least recently used', () => {
    const cache = new TileCache(35_000);
    for (const k of ['a', 'b', 'c']) cache.set(k, tile(KB10));
    expect(cache.size).toBe(3);
    expect(cache.bytes).toBeGreaterThanOrEqual(3 * KB10);
    expect(cache.bytes).toBeLessThanOrEqual(35_000);
    cache.set('d', tile(KB10)); // a fourth does not fit: a, the oldest, goes
    expect(keys(cache, ['a', 'b', 'c', 'd'])).toEqual(['b', 'c', 'd']);
    cache.get('b', 's1'); // b is used: c is now the oldest
    cache.set('e', tile(KB10));
    expect(keys(cache, ['a', 'b', 'c', 'd', 'e'])).toEqual(['b', 'd', 'e']);
    expect(cache.bytes).toBeLessThanOrEqual(35_000);
  });

  it('counts bytes, not tiles: many small tiles fit where three large ones did', () => {
    const cache = new TileCache(35_000);
    for (let i = 0; i < 20; i++) cache.set(`small${i}`, tile(1_000));
    expect(cache.size).toBe(20);
    cache.set('big', tile(30_000)); // needs the room of most of the small ones
    expect(cache.get('big', 's1')).toBeDefined();
    expect(cache.size).toBeLessThan(6);
    expect(cache.bytes).toBeLessThanOrEqual(35_000);
  });

  it('counts brotli bytes added to a stored tile, evicting others to make room', () => {
    const cache = new TileCache(35_000);
    const first = tile(KB10);
    cache.set('a', first);
    cache.set('b', tile(KB10));
    cache.set('c', tile(KB10));
    const before = cache.bytes;
    first.br = Buffer.alloc(KB10, 2);
    cache.set('a', first); // re-stored so the budget sees the brotli bytes
    expect(cache.bytes).toBeLessThanOrEqual(35_000);
    expect(cache.get('a', 's1')?.br?.length).toBe(KB10);
    expect(keys(cache, ['a', 'b', 'c'])).toEqual(['a', 'c']);
    expect(cache.bytes).toBeGreaterThan(before - KB10); // a grew by 10 kB, b (10 kB) left
  });

  it('does not keep a tile larger than the whole budget, and keeps the others', () => {
    const cache = new TileCache(35_000);
    cache.set('a', tile(KB10));
    cache.set('huge', tile(40_000));
    expect(cache.get('huge', 's1')).toBeUndefined();
    expect(keys(cache, ['a'])).toEqual(['a']);
  });

  it('answers a tile only under the stamp it was built under, and nothing when caching is off', () => {
    const cache = new TileCache(35_000);
    cache.set('a', tile(KB10, 's1'));
    expect(cache.get('a', 's1')).toBeDefined();
    expect(cache.get('a', 's2')).toBeUndefined();
    expect(cache.get('a', undefined)).toBeUndefined();
  });
});
