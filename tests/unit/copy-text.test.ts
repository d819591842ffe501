/**
 * The COPY text writer (server/db/copy-text.ts): strings, byte ranges, single bytes and integers'
 * digits all land in the chunk in the order written, and chunks end on whole items.
 */
import { describe, expect, it } from 'vitest';
import { copyBooleanByte, copyTextChunks, NEWLINE, TAB } from '../../server/db/copy-text.js';

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
