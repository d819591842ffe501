/**
 * The overlays the client can draw, in the order of the layer list. Night lights and other layers
 * join here when the tile server offers them.
 */
import type { Overlay } from './overlay.js';
import { servicesOverlay } from './services.js';
import { villagesOverlay } from './villages.js';

export const OVERLAYS: readonly Overlay[] = [servicesOverlay, villagesOverlay];
