/**
 * Vite plugin (runs in Node at build time) that provides `virtual:basemap`: the URL of Thailand's
 * outline (Natural Earth 1:10m) and its neighbours (1:50m, clipped to the region) from the
 * world-atlas package, as a GeoJSON file of the build. The map then needs no remote basemap at all.
 * A file, not an object in the script: MapLibre's worker fetches and parses it off the main thread,
 * and the start-up script is that much smaller and quicker to parse (a JSON object literal of
 * 150 KB in the script cost the first paint its parse time).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { bboxClip } from '@turf/turf';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { Plugin } from 'vite';

const VIRTUAL_ID = 'virtual:basemap';
const RESOLVED_ID = '\0virtual:basemap';
const THAILAND = '764';
const NEIGHBOURS = ['104', '418', '116', '458', '704', '156', '356', '050', '360', '608', '096', '626'];
const REGION: [number, number, number, number] = [88, -6, 118, 30];

function countries(file: string): GeoJSON.Feature[] {
  const require = createRequire(import.meta.url);
  const topo = JSON.parse(fs.readFileSync(require.resolve(`world-atlas/${file}`), 'utf8')) as Topology;
  return (feature(topo, topo.objects.countries as GeometryCollection) as GeoJSON.FeatureCollection).features;
}

function roundCoords(value: unknown, digits: number): unknown {
  if (typeof value === 'number') return Number(value.toFixed(digits));
  if (Array.isArray(value)) return value.map((v) => roundCoords(v, digits));
  return value;
}

function roundGeometry(g: GeoJSON.Geometry, digits: number): GeoJSON.Geometry {
  return { ...g, coordinates: roundCoords((g as GeoJSON.Polygon).coordinates, digits) } as GeoJSON.Geometry;
}

export function basemapData(): GeoJSON.FeatureCollection {
  const thailand = countries('countries-10m.json').find((f) => String(f.id) === THAILAND);
  if (!thailand) throw new Error('Thailand (764) not found in world-atlas countries-10m');
  const neighbours = countries('countries-50m.json')
    .filter((f) => NEIGHBOURS.includes(String(f.id)))
    .map((f) => bboxClip(f as GeoJSON.Feature<GeoJSON.Polygon | GeoJSON.MultiPolygon>, REGION))
    .filter((f) => f.geometry.coordinates.length > 0)
    .map((f, i): GeoJSON.Feature => ({ type: 'Feature', id: i + 1, properties: { kind: 'neighbour' }, geometry: roundGeometry(f.geometry, 3) }));
  return {
    type: 'FeatureCollection',
    features: [...neighbours, { type: 'Feature', id: 764, properties: { kind: 'thailand' }, geometry: roundGeometry(thailand.geometry, 4) }],
  };
}

export function basemapPlugin(): Plugin {
  let serving = false;
  return {
    name: 'povmap-basemap',
    configResolved(config) {
      serving = config.command === 'serve';
    },
    resolveId: (id) => (id === VIRTUAL_ID ? RESOLVED_ID : null),
    load(id) {
      if (id !== RESOLVED_ID) return null;
      const json = JSON.stringify(basemapData());
      // the dev server cannot emit files: there the data travels in the URL itself
      if (serving) return `export default ${JSON.stringify(`data:application/json,${encodeURIComponent(json)}`)};`;
      const ref = this.emitFile({ type: 'asset', name: 'basemap.json', source: json });
      return `export default import.meta.ROLLUP_FILE_URL_${ref};`;
    },
  };
}
