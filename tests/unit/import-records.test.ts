/** The import's reader: records with their line numbers, bad lines reported and skipped, whatever the chunking. */
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { copyCsvLines, readRecords, type BadRecord, type GoodRecord } from '../../server/imports/records.js';

async function read(bytes: Buffer, chunkSize = bytes.length) {
  async function* chunks() {
    for (let i = 0; i < bytes.length; i += chunkSize) yield bytes.subarray(i, i + chunkSize);
  }
  let header: string[] = [];
  const records: GoodRecord[] = [];
  const bad: BadRecord[] = [];
  for await (const batch of readRecords(chunks(), (h) => (header = h))) {
    records.push(...batch.good);
    bad.push(...batch.bad);
  }
  records.sort((a, b) => a.line - b.line);
  return {
    header,
    records,
    // a good record is passed on as its bytes: read them back as fields to compare
    good: records.map((r) => ({ line: r.line, fields: (parse(r.bytes) as string[][])[0] })),
    bad: bad.sort((a, b) => a.line - b.line),
  };
}

const FILE = Buffer.concat([
  Buffer.from('\uFEFFa,b,c\r\n', 'utf8'),             // 1 header (BOM, CRLF)
  Buffer.from('1,ไทย,3\r\n', 'utf8'),                  // 2
  Buffer.from('4,"x"y,6\n', 'utf8'),                   // 3 closing quote not followed by a comma
  Buffer.from('7,ab"c,9\n', 'utf8'),                   // 4 quote inside an unquoted field
  Buffer.from('10,11\n', 'utf8'),                      // 5 two fields
  Buffer.from('12,"two\nlines, and ""quotes""",13\n', 'utf8'), // 6-7 one record over two lines
  Buffer.from('\n', 'utf8'),                           // 8 empty: skipped
  Buffer.from('14,', 'utf8'), Buffer.from([0xff, 0xfe]), Buffer.from(',15\n', 'utf8'), // 9 not UTF-8
  Buffer.from('16,"never closed,17\n', 'utf8'),        // 10 quote never closed …
  Buffer.from('18,19,20\n', 'utf8'),                   // 11 … reading resumes here
  Buffer.from('24,a\rb,25\n', 'utf8'),                 // 12 carriage return outside quotes
  Buffer.from('26,', 'utf8'), Buffer.from([0]), Buffer.from(',27\n', 'utf8'), // 13 NUL byte
  Buffer.from('28,"x\n\\.\ny",29\n', 'utf8'),          // 14-16 a line of only \. inside quotes (COPY's end marker)
  Buffer.from('21,22,23', 'utf8'),                     // 17 no newline at the end
]);

describe('readRecords', () => {
  it.each([FILE.length, 7, 1])('reads every record with its line and reports every bad line (chunks of %i bytes)', async (size) => {
    const { header, good, bad } = await read(FILE, size);
    expect(header).toEqual(['a', 'b', 'c']);
    expect(good).toEqual([
      { line: 2, fields: ['1', 'ไทย', '3'] },
      { line: 6, fields: ['12', 'two\nlines, and "quotes"', '13'] },
      { line: 11, fields: ['18', '19', '20'] },
      { line: 17, fields: ['21', '22', '23'] },
    ]);
    expect(bad.map((b) => [b.line, b.column])).toEqual([[3, null], [4, null], [5, null], [9, 'b'], [10, null], [12, null], [13, 'b'], [14, null]]);
    expect(bad[0].reason).toMatch(/^broken quoting/);
    expect(bad[1].reason).toMatch(/^broken quoting/);
    expect(bad[2].reason).toBe('has 2 field(s); the header has 3');
    expect(bad[3].reason).toMatch(/UTF-8/);
    expect(bad[4].reason).toMatch(/^broken quoting/);
    expect(bad[5].reason).toMatch(/carriage return/);
    expect(bad[6].reason).toBe('contains a NUL byte');
    expect(bad[7].reason).toMatch(/"\\\."/);
  });

  it('passes good records on unchanged, as COPY CSV lines led by their line number', async () => {
    const { records } = await read(FILE, 5);
    const lines = copyCsvLines(records).toString('utf8');
    expect(lines).toBe('2,1,ไทย,3\n6,12,"two\nlines, and ""quotes""",13\n11,18,19,20\n17,21,22,23\n');
    expect((parse(lines) as string[][]).map((r) => r.length)).toEqual([4, 4, 4, 4]);
  });

  it('an empty file has no header', async () => {
    const { header, good, bad } = await read(Buffer.alloc(0));
    expect([header, good, bad]).toEqual([[], [], []]);
  });
});
