/**
 * A point's longitude and latitude read straight from its geometry as PostgreSQL writes it in COPY
 * text: hex EWKB (PostGIS's geometry output), e.g. `0101000020E6100000` then x and y, each a double
 * in 16 hex digits. Reading the two doubles from those bytes gives them exactly, so a COPY need not
 * also ask PostGIS for ST_X and ST_Y: printing two shortest round-trip decimals per row was a quarter
 * of reading a province's households to measure (province 30 of the national profile: 0.29 s with
 * them, 0.21 s without), and parsing them back here costs three times the hex (tests/bench/RESULTS.md,
 * generate, session 53).
 */

const HEX_VALUE = (() => {
  const table = new Int8Array(256).fill(-1);
  for (let i = 0; i < 10; i++) table[0x30 + i] = i;
  for (let i = 0; i < 6; i++) {
    table[0x41 + i] = 10 + i;
    table[0x61 + i] = 10 + i;
  }
  return table;
})();

/** EWKB's geometry type of a point, and its flags: an SRID follows the type; Z and M add ordinates (refused here). */
const POINT = 1;
const HAS_SRID = 0x20000000;
const HAS_Z_OR_M = 0x80000000 | 0x40000000;
/** A point with an SRID: byte order (1), type (4), SRID (4), x and y (8 each). */
const POINT_BYTES = 1 + 4 + 4 + 16;

/** Where the point's coordinates go: NaN for an empty point (POINT EMPTY, whose EWKB holds NaNs). */
export interface LonLat {
  lon: number;
  lat: number;
}

const bytes = new Uint8Array(POINT_BYTES);
const view = new DataView(bytes.buffer);

/**
 * Reads the point in text[start, end) (hex EWKB of a 2-d point, with or without an SRID) into `into`.
 * Anything else (another geometry type, Z or M, a digit that is not hex) is an error naming it.
 */
export function readHexEwkbPoint(text: Buffer, start: number, end: number, into: LonLat): LonLat {
  const size = (end - start) >> 1;
  if ((end - start) % 2 !== 0 || (size !== POINT_BYTES && size !== POINT_BYTES - 4)) throw notAPoint(text, start, end);
  for (let i = 0, at = start; i < size; i++, at += 2) {
    const high = HEX_VALUE[text[at]];
    const low = HEX_VALUE[text[at + 1]];
    if (high < 0 || low < 0) throw notAPoint(text, start, end);
    bytes[i] = (high << 4) | low;
  }
  const littleEndian = bytes[0] === 1;
  if (!littleEndian && bytes[0] !== 0) throw notAPoint(text, start, end);
  const type = view.getUint32(1, littleEndian);
  const hasSrid = (type & HAS_SRID) !== 0;
  if ((type & 0xffff) !== POINT || (type & HAS_Z_OR_M) !== 0 || hasSrid !== (size === POINT_BYTES)) throw notAPoint(text, start, end);
  const at = hasSrid ? 9 : 5;
  into.lon = view.getFloat64(at, littleEndian);
  into.lat = view.getFloat64(at + 8, littleEndian);
  return into;
}

const notAPoint = (text: Buffer, start: number, end: number) =>
  new Error(`not the hex EWKB of a 2-d point: ${text.toString('latin1', start, Math.min(end, start + 80))}`);
