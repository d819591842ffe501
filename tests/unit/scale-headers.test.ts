/**
 * The small pure parts of scale-out: WAL positions compared as numbers (read-your-writes) and the
 * Cache-Control a versioned tile URL gets (tiles/cdn-headers.ts). Values written out by hand.
 */
import { describe, expect, it } from 'vitest';
import { lsnValue } from '../../server/db/replicas.js';
import { IMMUTABLE, SHORT_LIVED, versionedCacheControl } from '../../tiles/cdn-headers.js';

describe('lsnValue', () => {
  it('reads both halves of a WAL position in hex', () => {
    expect(lsnValue('0/0')).toBe(0n);
    expect(lsnValue('0/16B3748')).toBe(0x16b3748n);
    expect(lsnValue('1/0')).toBe(4294967296n);
    expect(lsnValue('16/B374D848')).toBe(22n * 4294967296n + 0xb374d848n);
  });

  it('orders positions as the server does, not as text', () => {
    expect(lsnValue('0/FFFFFFFF') < lsnValue('1/0')).toBe(true);
    expect(lsnValue('0/9') < lsnValue('0/10')).toBe(true);
  });

  it('refuses what is not a position', () => {
    expect(() => lsnValue('16-B374D848')).toThrow(/not a WAL position/);
    expect(() => lsnValue('0/123456789')).toThrow(/not a WAL position/);
  });
});

describe('versionedCacheControl', () => {
  it('is immutable only for the version the answer was built under', () => {
    expect(versionedCacheControl('3.17', '3.17')).toBe(IMMUTABLE);
    expect(versionedCacheControl('3.16', '3.17')).toBe(SHORT_LIVED);
    expect(versionedCacheControl('3.17', '')).toBe(SHORT_LIVED); // built with the cache off
    expect(versionedCacheControl(undefined, '3.17')).toBe('public, no-cache');
  });
});
