/**
 * The overlays the client can draw, in the order of the layer list; each shows when the tile
 * server's catalog offers its layer.
 */
import type { Overlay } from './overlay.js';
import { nightlightOverlay } from './nightlight.js';
import { servicesOverlay } from './services.js';
import { villagesOverlay } from './villages.js';

export const OVERLAYS: readonly Overlay[] = [servicesOverlay, villagesOverlay, nightlightOverlay];
