/**
 * A measuring thread (./measure.ts starts it, server/db/copy-thread.ts): given the services once,
 * then the COPY text of one province's households to measure at a time, it makes their rows with
 * the nearest school and clinic (./measured-rows.ts).
 */
import { serveCopyTransform } from '../db/copy-thread-serve.js';
import type { AccessServices } from './measure.js';
import { measuredChunks } from './measured-rows.js';
import { NearestSearch, serviceSet } from './nearest.js';

serveCopyTransform((services: AccessServices) => {
  const school = new NearestSearch(serviceSet(services.school));
  const clinic = new NearestSearch(serviceSet(services.clinic));
  return (todo) => measuredChunks(todo, school, clinic);
});
