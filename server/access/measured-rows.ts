/**
 * The rows a measuring writes (sql/access/measuring_rows.sql), made from the lines it read
 * (sql/access/measuring_todo.sql) as bytes: a line goes back as it came, never decoded, followed by
 * the nearest school and clinic (./nearest.ts) of its point, whose coordinates are read from the
 * point's hex EWKB (server/db/hex-ewkb-point.ts). Runs in a measuring
 * thread (./measuring-worker.ts).
 */
import { copyTextChunks, type CopyLines } from '../db/copy-text.js';
import { readHexEwkbPoint, type LonLat } from '../db/hex-ewkb-point.js';
import type { Nearest, NearestSearch } from './nearest.js';

/** The rows for the COPY text `todo`, in chunks of about 1 MB. */
export function measuredChunks(todo: Buffer, schools: NearestSearch, clinics: NearestSearch): Generator<Buffer> {
  return copyTextChunks(lines(todo), (line, emit) => writeMeasuredRow(line, schools, clinics, emit));
}

/** A line of COPY text: `end` is its newline's offset (or the text's end). */
export interface Line {
  text: Buffer;
  start: number;
  end: number;
}

/** The lines of COPY text, one object reused for each (each is written before the next is read). */
function* lines(text: Buffer): Generator<Line> {
  const line: Line = { text, start: 0, end: 0 };
  for (let start = 0; start < text.length;) {
    let end = text.indexOf(NEWLINE, start);
    if (end < 0) end = text.length;
    line.start = start;
    line.end = end;
    yield line;
    start = end + 1;
  }
}

const NEWLINE = 0x0a;
const TAB = 0x09;
const BACKSLASH = 0x5c;
const school: Nearest = { id: 0, metres: Infinity };
const clinic: Nearest = { id: 0, metres: Infinity };
const point: LonLat = { lon: NaN, lat: NaN };
const NONE = '\\N';

/**
 * A line of sql/access/measuring_todo.sql as a line of sql/access/measuring_rows.sql, given to
 * `emit`: the line as it came (its last field the point), then the nearest school and clinic, read
 * from the point's own bytes (nothing for a household without a location or with an empty point, or
 * when there is no service of a kind).
 */
export function writeMeasuredRow({ text, start, end }: Line, schools: NearestSearch, clinics: NearestSearch, emit: CopyLines): void {
  const pointAt = text.lastIndexOf(TAB, end - 1) + 1;
  if (pointAt <= start) throw new Error(`a household to measure without its point: ${text.toString('utf8', start, end)}`);
  emit.bytes(text, start, end);
  const located = text[pointAt] !== BACKSLASH && !Number.isNaN(readHexEwkbPoint(text, pointAt, end, point).lon);
  if (!located) {
    emit(`\t${NONE}\t${NONE}\t${NONE}\t${NONE}\n`);
    return;
  }
  emit(`\t${found(schools.find(point.lon, point.lat, school))}\t${found(clinics.find(point.lon, point.lat, clinic))}\n`);
}

const found = (n: Nearest) => (n.metres === Infinity ? `${NONE}\t${NONE}` : `${n.id}\t${n.metres}`);
