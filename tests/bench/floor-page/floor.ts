/**
 * The floor under the app's first paint (tests/bench/client-floor.bench.ts): MapLibre built as the
 * app builds it, its worker started the app's way, the app's stylesheet and base style as the app's
 * map starts with it (the sea; the basemap's data comes after the first coloured frame, see
 * client/map/base-style.ts) in the app's map box and camera, and one filled polygon over Thailand
 * in place of the choropleth's tiles: the fill program and the frame any choropleth needs. No app
 * code, no API request, no tiles of ours. Its first frame with that polygon drawn is what any first
 * painted choropleth costs at least on this browser and machine.
 */
import 'maplibre-gl/dist/maplibre-gl.css';
import '../../../client/style.css';
import '../../../client/map/worker.js';
import { Map as MapLibreMap } from 'maplibre-gl';
import { baseStyle } from '../../../client/map/base-style.js';
import { FRAME_PADDING, THAILAND_BBOX } from '../../../client/map/camera.js';
import type { StyleSpecification } from 'maplibre-gl';

/** The base style with one filled polygon, Thailand's box, standing in for the choropleth. */
function withStandIn(style: StyleSpecification): StyleSpecification {
  const [w, s, e, n] = THAILAND_BBOX;
  return {
    ...style,
    sources: { ...style.sources, 'stand-in': { type: 'geojson', data: { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] } } } },
    layers: [...style.layers, { id: 'stand-in', type: 'fill', source: 'stand-in', paint: { 'fill-color': '#c0504d', 'fill-opacity': 0.8 } }],
  };
}

performance.mark('povmap:app-start');
const container = document.getElementById('map')!;
const map = new MapLibreMap({
  container,
  style: withStandIn(baseStyle()),
  validateStyle: false,
  bounds: THAILAND_BBOX,
  fitBoundsOptions: { padding: FRAME_PADDING },
  attributionControl: false,
  // as the app's map (map/map-view.ts): kept for the printed report
  canvasContextAttributes: { preserveDrawingBuffer: true },
});
performance.mark('povmap:map-created');
// the first frame drawn with the stand-in's data loaded, checked as the app checks its own tiles
const onRender = () => {
  if (!map.getSource('stand-in') || !map.isSourceLoaded('stand-in')) return;
  map.off('render', onRender);
  performance.mark('povmap:floor-painted');
  container.dataset.floor = 'painted';
};
map.on('render', onRender);
