/**
 * A people thread (./people.ts starts it through server/db/copy-thread.ts): given the data set's
 * seed once, then the COPY text of one range of households at a time, it makes their people.
 */
import { serveCopyTransform } from '../db/copy-thread-serve.js';
import { drawsFor } from './draw.js';
import { peopleChunks } from './people.js';

serveCopyTransform(({ seed }: { seed: number }) => {
  const draw = drawsFor(seed);
  return (households) => peopleChunks(households, draw);
});
