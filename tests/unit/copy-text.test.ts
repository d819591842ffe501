/**
 * The COPY text writer (server/db/copy-text.ts): strings, byte ranges, single bytes and integers'
 * digits all land in the chunk in the order written, and chunks end on whole items; and its reader:
 * lines' fields found in place, a line of another shape refused.
 */
import { describe, expect, it } from 'vitest';
import { copyBooleanByte, copyTextChunks, digitsIn, fieldLines, fieldStart, NEWLINE, TAB } from '../../server/db/copy-text.js';

const text = (chunks: Iterable<Buffer>) => Buffer.concat([...chunks]).toString('utf8');

describe('COPY text chunks', () => {
  it('write strings, byte ranges, bytes and digits in order', () => {
    const source = Buffer.from('abc\tสวัสดี\t' + 'x'.repeat(100));
    const out = text(copyTextChunks([1], (_, emit) => {
      emit('ไทย');
      emit.byte(TAB);
      emit.bytes(source, 4, 22); // a short range (copied byte by byte): the Thai word
      emit.byte(TAB);
      emit.bytes(source, 23, 123); // a long one (Buffer's copy)
      emit.byte(TAB);
      emit.byte(copyBooleanByte(true));
      emit.byte(copyBooleanByte(false));
      emit.byte(NEWLINE);
    }));
    expect(out).toBe(`ไทย\tสวัสดี\t${'x'.repeat(100)}\ttf\n`);
  });

  it('write integers as their digits, padded to a width', () => {
    const numbers = [0, 7, 10, 99, 100, 2022, 2147483647, 2147483648, 999999999999, 2 ** 53 - 1];
    const out = text(copyTextChunks(numbers, (n, emit) => { emit.digits(n); emit.byte(TAB); emit.digits(n, 6); emit.byte(NEWLINE); }));
    expect(out).toBe(numbers.map((n) => `${n}\t${String(n).padStart(6, '0')}\n`).join(''));
  });

  it('cut chunks of about 1 MB between items, never inside one', () => {
    const line = `${'y'.repeat(999)}\n`;
    const chunks = [...copyTextChunks(Array.from({ length: 3000 }, (_, i) => i), (_, emit) => emit(line))];
    expect(chunks.length).toBe(3);
    for (const chunk of chunks) expect(chunk.length % line.length).toBe(0);
    expect(chunks.reduce((sum, c) => sum + c.length, 0)).toBe(3000 * line.length);
  });
});

describe('COPY text lines with their fields in place', () => {
  const text = Buffer.from('2022\t0042\tสวัสดี\n2023\t7\tx');

  it('finds every field of every line, the last line without its newline too', () => {
    // one object is reused for every line: each is read as it comes
    const lines = Array.from(fieldLines(text, 3, 'test'), (l) => [0, 1, 2].map((i) => l.text.toString('utf8', fieldStart(l, i), l.ends[i])));
    expect(lines).toEqual([['2022', '0042', 'สวัสดี'], ['2023', '7', 'x']]);
    const [first] = fieldLines(text, 3, 'test');
    expect(digitsIn(text, fieldStart(first, 1), first.ends[1])).toBe(42);
  });

  it('refuses a line with fewer or more fields, naming it', () => {
    expect(() => [...fieldLines(text, 4, 'test')]).toThrow('test line with 3 fields, not 4: 2022\t0042\tสวัสดี');
    expect(() => [...fieldLines(text, 2, 'test')]).toThrow('test line with 3 fields, not 2: 2022\t0042\tสวัสดี');
  });
});
