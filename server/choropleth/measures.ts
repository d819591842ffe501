/**
 * The map measures the choropleth routes answer for: the numeric properties of the `areas` tiles
 * (tiles/area-properties.ts, the one list), so a legend or a list can only be about a figure the
 * map itself can colour by. Class properties (Gi*, local Moran) are strings and have no breaks.
 */
import { AREA_VOCABULARY } from '../areas/vocabulary.js';
import { areaMetricFields } from '../../tiles/area-properties.js';

export const MAP_MEASURES: readonly string[] = Object.entries(areaMetricFields(AREA_VOCABULARY))
  .filter(([, description]) => description.startsWith('Number:'))
  .map(([key]) => key);

/** A change is classed around zero whatever the method: the sign is what the reader looks for. */
export const DIVERGING_MEASURES: readonly string[] = ['change_target_share'];
