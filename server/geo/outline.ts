/** Thailand's outline from Natural Earth (npm world-atlas, countries-10m), as GeoJSON. */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { feature } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';

export const THAILAND_ISO_NUMERIC = '764';

export function thailandOutline(): GeoJSON.Geometry {
  const require = createRequire(import.meta.url);
  const topo = JSON.parse(fs.readFileSync(require.resolve('world-atlas/countries-10m.json'), 'utf8')) as Topology;
  const countries = feature(topo, topo.objects.countries as GeometryCollection) as GeoJSON.FeatureCollection;
  const thailand = countries.features.find((f) => String(f.id) === THAILAND_ISO_NUMERIC);
  if (!thailand) throw new Error('Thailand (764) not found in world-atlas countries-10m');
  return thailand.geometry;
}
