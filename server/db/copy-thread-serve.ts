/**
 * The inside of a CopyThread (./copy-thread.ts): `make` is given the thread's init once and returns
 * the transform, which is then run on each input; every chunk it yields is sent back as it is made
 * (transferred, not copied: a chunk is the start of a buffer of its own, ./copy-text.ts).
 * Messages in: { init } once, then { id, input }; out: { id, chunk, length } …, then { id, done }
 * or { id, error }.
 */
import { parentPort } from 'node:worker_threads';
import type { CopyThreadReply } from './copy-thread.js';

export function serveCopyTransform<Init>(make: (init: Init) => (input: Buffer) => Iterable<Buffer>): void {
  if (!parentPort) throw new Error('a COPY transform runs as a worker thread (server/db/copy-thread.ts starts it)');
  const port = parentPort;
  const reply = (message: CopyThreadReply, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
  let transform: ((input: Buffer) => Iterable<Buffer>) | undefined;
  port.on('message', (message: { init: Init } | { id: number; input: Uint8Array }) => {
    const id = 'id' in message ? message.id : 0;
    try {
      if ('init' in message) {
        transform = make(message.init);
        return;
      }
      if (!transform) throw new Error('an input before the init');
      for (const chunk of transform(Buffer.from(message.input.buffer, message.input.byteOffset, message.input.byteLength))) {
        reply({ id, chunk: chunk.buffer as ArrayBuffer, length: chunk.length }, [chunk.buffer as ArrayBuffer]);
      }
      reply({ id, done: true });
    } catch (err) {
      reply({ id, error: (err as Error).message });
    }
  });
}
