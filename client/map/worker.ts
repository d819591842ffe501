/**
 * MapLibre parses tiles in a web worker that it loads from a file next to its own module. Bundled
 * by Vite that file is gone, so it is emitted as an asset and its URL handed to MapLibre.
 */
import { prewarm, setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'virtual:maplibre-worker-url';

setWorkerUrl(new URL(workerUrl, window.location.href).href);
// Start the worker while the app still waits for /api/meta and the tile catalogue: on a slow
// machine parsing the worker is a good part of the time to the first painted map.
prewarm();
