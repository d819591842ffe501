/**
 * The tile registry as the server mounts it (server/app.ts passes the MPI vocabulary and the stored
 * night-light overviews), for tests that read layers or the `areas` metric keys without an app.
 */
import { AREA_VOCABULARY } from '../../server/areas/vocabulary.js';
import { OVERVIEW_FACTORS } from '../../server/nightlight/import.js';
import { areaMetrics, areaOptionalMetrics } from '../../tiles/area-properties.js';
import { tileRegistry } from '../../tiles/registry.js';

const vocabulary = AREA_VOCABULARY;

export const registry = tileRegistry({ vocabulary, nightlightOverviews: OVERVIEW_FACTORS });

/** The vector layers (the four MVT layers, in catalog order). */
export const TILE_LAYERS = registry.vectorLayers;

export const findLayer = (id: string) => registry.find(id);

/** The metric keys of an `areas` feature. */
export const AREA_METRICS: readonly string[] = areaMetrics(vocabulary);

/** The metrics an unsuppressed area may lack (tiles/area-properties.ts). */
export const AREA_OPTIONAL_METRICS: readonly string[] = areaOptionalMetrics(vocabulary);
