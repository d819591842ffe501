/**
 * The floor under the app's first paint (tests/bench/client-floor.bench.ts): MapLibre built as the
 * app builds it, its worker started the app's way, the app's stylesheet and base style (sea,
 * neighbours, Thailand from the basemap GeoJSON) in the app's map box and camera, and nothing else:
 * no app code, no API request, no tiles of ours. Its first frame with the basemap drawn is what any
 * first painted choropleth costs at least on this browser and machine.
 */
import 'maplibre-gl/dist/maplibre-gl.css';
import '../../../client/style.css';
import '../../../client/map/worker.js';
import { Map as MapLibreMap } from 'maplibre-gl';
import { baseStyle } from '../../../client/map/base-style.js';
import { FRAME_PADDING, THAILAND_BBOX } from '../../../client/map/camera.js';

performance.mark('povmap:app-start');
const container = document.getElementById('map')!;
const map = new MapLibreMap({
  container,
  style: baseStyle(),
  validateStyle: false,
  bounds: THAILAND_BBOX,
  fitBoundsOptions: { padding: FRAME_PADDING },
  attributionControl: false,
  // as the app's map (map/map-view.ts): kept for the printed report
  canvasContextAttributes: { preserveDrawingBuffer: true },
});
performance.mark('povmap:map-created');
// the first frame drawn with every basemap tile of the view, checked as the app checks its own
const onRender = () => {
  if (!map.getSource('basemap') || !map.isSourceLoaded('basemap')) return;
  map.off('render', onRender);
  performance.mark('povmap:floor-painted');
  container.dataset.floor = 'painted';
};
map.on('render', onRender);
