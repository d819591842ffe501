/**
 * The definitions the tiles' `areas` layer names its keys after (tiles/area-properties.ts): the MPI's
 * indicators and dimensions and the groups of people. One object, handed to the tile registry when
 * the server mounts it and used wherever the server lists the layer's keys (OGC queryables, map measures).
 */
import type { AreaVocabulary } from '../../tiles/area-properties.js';
import { DIMENSIONS, INDICATORS } from '../mpi/indicators.js';
import { PERSON_GROUPS } from '../people/groups.js';

export const AREA_VOCABULARY: AreaVocabulary = { indicators: INDICATORS, dimensions: DIMENSIONS, personGroups: PERSON_GROUPS };
