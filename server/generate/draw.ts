/**
 * The generator's draws in this process: the same numbers as `povmap.rand(seed, key, salt)`
 * (sql/functions/rand.sql), bit for bit, so that rows made here and rows made in SQL come from one
 * random surface. povmap.rand is PostgreSQL's `hashint8extended(key, seed * 1000003 + salt)`, i.e.
 * Bob Jenkins' lookup3 over the key's two 32-bit halves folded into one, with the 64-bit seed mixed
 * in first; its low 53 bits divided by 2^53 give a double in [0, 1).
 */

/** A draw function for one seed: `rand(key, salt)`, key a non-negative integer below 2^53. */
export type Draw = (key: number, salt: number) => number;

const TWO_32 = 4294967296;
const TWO_53 = 9007199254740992;

const rot = (x: number, k: number) => (x << k) | (x >>> (32 - k));

/** lookup3's state after the seed is mixed in (hash_uint32_extended in PostgreSQL's common/hashfn.c). */
function seededState(seed64: bigint): [number, number, number] {
  let a = (0x9e3779b9 + 4 + 3923095) | 0;
  let b = a;
  let c = a;
  if (seed64 !== 0n) {
    a = (a + Number(seed64 >> 32n)) | 0;
    b = (b + Number(seed64 & 0xffffffffn)) | 0;
    a = (a - c) | 0; a ^= rot(c, 4); c = (c + b) | 0;
    b = (b - a) | 0; b ^= rot(a, 6); a = (a + c) | 0;
    c = (c - b) | 0; c ^= rot(b, 8); b = (b + a) | 0;
    a = (a - c) | 0; a ^= rot(c, 16); c = (c + b) | 0;
    b = (b - a) | 0; b ^= rot(a, 19); a = (a + c) | 0;
    c = (c - b) | 0; c ^= rot(b, 4); b = (b + a) | 0;
  }
  return [a, b, c];
}

/**
 * Draws for `seed`. The salts' seeded states are computed once each (a salt is a small integer), so
 * a draw costs lookup3's final mix alone.
 */
export function drawsFor(seed: number): Draw {
  const states: Array<[number, number, number]> = [];
  const stateOf = (salt: number) =>
    (states[salt] ??= seededState(BigInt.asUintN(64, BigInt(seed) * 1000003n + BigInt(salt))));
  return (key, salt) => {
    const [a0, b0, c0] = stateOf(salt);
    // hashint8extended folds a non-negative key's high half into its low half
    const k = (key % TWO_32) ^ Math.floor(key / TWO_32);
    let a = (a0 + k) | 0;
    let b = b0;
    let c = c0;
    c ^= b; c = (c - rot(b, 14)) | 0;
    a ^= c; a = (a - rot(c, 11)) | 0;
    b ^= a; b = (b - rot(a, 25)) | 0;
    c ^= b; c = (c - rot(b, 16)) | 0;
    a ^= c; a = (a - rot(c, 4)) | 0;
    b ^= a; b = (b - rot(a, 14)) | 0;
    c ^= b; c = (c - rot(b, 24)) | 0;
    // the 64-bit result is b:c; its low 53 bits are b's low 21 and all of c
    return ((b & 0x1fffff) * TWO_32 + (c >>> 0)) / TWO_53;
  };
}
