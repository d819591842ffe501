/**
 * A worker thread that turns COPY text read from the database into COPY text to write back, one
 * input at a time, handing back each chunk as it is made (./copy-thread-serve.ts runs inside it).
 * The work rows need in this process (the distances to services, the generator's people) runs
 * there, so that two threads at once get a core each for it instead of sharing this process's one
 * thread: with one thread, the national profile's distances kept it busy about 93 % of the time
 * while each connection's backend waited on it.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/** The file a thread starts from, for the worker `<name>-worker.ts` beside `moduleUrl`. */
export function threadEntry(moduleUrl: string, name: string): string {
  // TypeScript sources start through a JavaScript entry that loads tsx in the thread (a thread does
  // not inherit the loader); compiled ones start from the worker directly
  const here = fileURLToPath(moduleUrl);
  return path.join(path.dirname(here), here.endsWith('.ts') ? `${name}-thread.mjs` : `${name}-worker.js`);
}

/** What the thread sends back: chunks of a transform's output, then its end or its failure. */
export type CopyThreadReply = { id: number } & ({ chunk: ArrayBuffer; length: number } | { done: true } | { error: string });

export class CopyThread<Init> {
  private readonly worker: Worker;
  private nextId = 1;
  private listener: ((reply: CopyThreadReply) => void) | null = null;
  private failure: Error | null = null;

  /** Starts the thread at `entry` and hands it `init` (cloned) once, before any input. */
  constructor(entry: string, init: Init, private readonly what: string) {
    this.worker = new Worker(entry);
    const fail = (err: Error) => {
      this.failure ??= err;
      this.listener?.({ id: 0, error: err.message });
    };
    this.worker.on('message', (reply: CopyThreadReply) => this.listener?.(reply));
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`the thread stopped (exit code ${code})`)));
    this.worker.postMessage({ init });
  }

  /**
   * The thread's output for `input`, chunk by chunk as it comes. One input at a time; the replies
   * of one given up before its end (its COPY failed) are told apart by their id and dropped.
   * `input` is handed over: when it is the whole of its memory (as Buffer.concat makes a large
   * one), that memory moves to the thread and `input` is empty here after; else it is copied.
   */
  async *transform(input: Buffer): AsyncGenerator<Buffer> {
    if (this.failure) throw new Error(`${this.what} failed: ${this.failure.message}`);
    const id = this.nextId++;
    const inbox: CopyThreadReply[] = [];
    let wake: (() => void) | null = null;
    this.listener = (reply) => {
      if (reply.id !== id && reply.id !== 0) return;
      inbox.push(reply);
      wake?.();
    };
    try {
      this.worker.postMessage({ id, input }, ownsItsMemory(input) ? [input.buffer as ArrayBuffer] : []);
      for (;;) {
        while (inbox.length === 0) await new Promise<void>((resolve) => { wake = resolve; });
        wake = null;
        const reply = inbox.shift()!;
        if ('error' in reply) throw new Error(`${this.what} failed: ${reply.error}`);
        if ('done' in reply) return;
        yield Buffer.from(reply.chunk, 0, reply.length);
      }
    } finally {
      this.listener = null;
    }
  }

  async close(): Promise<void> {
    this.listener = null;
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }
}

/**
 * Whether `buffer` spans all of its ArrayBuffer, which may then be moved to a thread rather than
 * copied: copying the national profile's inputs (about 5 GB of COPY text for the households, their
 * people and the distances) cost this process and the threads about 1.2 ms of a core per MB, moving
 * them next to nothing. A small Buffer is a slice of Node's shared pool, which must not move.
 */
export const ownsItsMemory = (buffer: Buffer) => buffer.byteOffset === 0 && buffer.byteLength === buffer.buffer.byteLength;

/** `use` given `count` threads made by `start` (two: one per core), each closed when it ends, however it ends. */
export async function withCopyThreads<T extends { close(): Promise<unknown> }, R>(start: () => T, use: (threads: T[]) => Promise<R>, count = 2): Promise<R> {
  const threads = Array.from({ length: count }, start);
  try {
    return await use(threads);
  } finally {
    await Promise.all(threads.map((t) => t.close()));
  }
}
