/**
 * A COPY transform thread (server/db/copy-thread.ts) with a transform written for the test
 * (tests/fixtures/copy-thread): the output comes back whole and in order, in several chunks; a
 * failing input fails with its reason and the thread serves the next one; an output given up half
 * way does not leak into the next; an input that is the whole of its memory moves to the thread,
 * one that shares it (a slice of Node's pool, a view into a larger buffer) is copied and stays usable.
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CopyThread, ownsItsMemory } from '../../server/db/copy-thread.js';

const entry = path.resolve(import.meta.dirname, '../fixtures/copy-thread/upper-thread.mjs');
const thread = new CopyThread(entry, { refuse: 'no' }, 'upper-casing');
afterAll(() => thread.close());

const lines = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `${prefix} line ${i}\n`).join('');
async function all(output: AsyncIterable<Buffer>): Promise<{ text: string; chunks: number }> {
  const parts: Buffer[] = [];
  for await (const chunk of output) parts.push(chunk);
  return { text: Buffer.concat(parts).toString('utf8'), chunks: parts.length };
}

describe('a COPY transform thread', () => {
  it('returns the whole output in order, chunk by chunk', async () => {
    const input = lines(250_000, 'a'); // about 3.4 MB: chunks of about 1 MB
    const { text, chunks } = await all(thread.transform(Buffer.from(input)));
    expect(text).toBe(input.toUpperCase());
    expect(chunks).toBeGreaterThanOrEqual(3);
  });

  it('fails an input with the reason, then serves the next', async () => {
    await expect(all(thread.transform(Buffer.from('yes\nno\n')))).rejects.toThrow('upper-casing failed: refused line no');
    expect((await all(thread.transform(Buffer.from('yes\n')))).text).toBe('YES\n');
  });

  it('drops what is left of an output given up half way', async () => {
    for await (const chunk of thread.transform(Buffer.from(lines(150_000, 'b')))) {
      expect(chunk.toString('utf8', 0, 1)).toBe('B');
      break;
    }
    expect((await all(thread.transform(Buffer.from('c\n')))).text).toBe('C\n');
  });

  it('moves an input that is the whole of its memory to the thread, and copies one that shares it', async () => {
    const whole = Buffer.concat([Buffer.from(lines(1_000, 'd')), Buffer.from('e\n')]);
    expect(ownsItsMemory(whole)).toBe(true);
    const expected = whole.toString('utf8').toUpperCase();
    expect((await all(thread.transform(whole))).text).toBe(expected);
    expect(whole.length).toBe(0); // its memory is the thread's now

    const pooled = Buffer.from('f\n'); // small buffers are slices of Node's shared pool
    const view = Buffer.from(lines(1_000, 'g')).subarray(10);
    for (const shared of [pooled, view]) {
      expect(ownsItsMemory(shared)).toBe(false);
      const before = shared.toString('utf8');
      expect((await all(thread.transform(shared))).text).toBe(before.toUpperCase());
      expect(shared.toString('utf8')).toBe(before);
    }
  });
});
