/**
 * The rows a measuring writes (sql/access/measuring_rows.sql), made from the lines it read
 * (sql/access/measuring_todo.sql) as bytes: a line's fields up to the point go back as they came,
 * never decoded, followed by the nearest school and clinic (./nearest.ts). Runs in a measuring
 * thread (./measuring-worker.ts).
 */
import { copyTextChunks, type CopyLines } from '../db/copy-text.js';
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
const school: Nearest = { id: 0, metres: Infinity };
const clinic: Nearest = { id: 0, metres: Infinity };
const NONE = '\\N';

/**
 * A line of sql/access/measuring_todo.sql as a line of sql/access/measuring_rows.sql, given to
 * `emit`: its fields up to the point as they came, then the nearest school and clinic (nothing for a
 * household without a location, or when there is no service of a kind).
 */
export function writeMeasuredRow({ text, start, end }: Line, schools: NearestSearch, clinics: NearestSearch, emit: CopyLines): void {
  const latAt = text.lastIndexOf(TAB, end - 1);
  const lonAt = latAt > start ? text.lastIndexOf(TAB, latAt - 1) : -1;
  if (lonAt < start) throw new Error(`a household to measure without its point: ${text.toString('utf8', start, end)}`);
  emit.bytes(text, start, lonAt);
  const lonText = text.toString('latin1', lonAt + 1, latAt);
  if (lonText === NONE) {
    emit(`\t${NONE}\t${NONE}\t${NONE}\t${NONE}\n`);
    return;
  }
  const lon = Number(lonText);
  const lat = Number(text.toString('latin1', latAt + 1, end));
  emit(`\t${found(schools.find(lon, lat, school))}\t${found(clinics.find(lon, lat, clinic))}\n`);
}

const found = (n: Nearest) => (n.metres === Infinity ? `${NONE}\t${NONE}` : `${n.id}\t${n.metres}`);
