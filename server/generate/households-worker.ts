/**
 * A households thread (./households.ts starts it through server/db/copy-thread.ts): given the data
 * set's settings once, then the COPY text of one unit's houses at a time, it makes their households.
 */
import { serveCopyTransform } from '../db/copy-thread-serve.js';
import { drawsFor } from './draw.js';
import { householdChunks, type HouseholdSettings } from './households.js';

serveCopyTransform((settings: HouseholdSettings) => {
  const draw = drawsFor(settings.seed);
  return (houses) => householdChunks(houses, draw, settings);
});
