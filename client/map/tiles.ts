/**
 * The tile server's catalogue and TileJSON documents, and tile URLs for a survey year. The server
 * writes absolute tile URLs; the year is a query parameter on them, set here so that switching the
 * year only swaps the URLs of the existing sources.
 */
import { getJson } from '../api/http.js';
import type { TileCatalog, TileJson } from '../api/types.js';

export interface TileLayerInfo {
  id: string;
  name: string;
  description: string;
  minzoom: number;
  maxzoom: number;
  tilejson: TileJson;
}

/** The choropleth's TileJSON, asked for first: it gates the first paint. */
export function loadAreasTileJson(): Promise<TileJson> {
  return getJson<TileJson>('/tiles/areas.json');
}

export async function loadTileLayers(areas: Promise<TileJson>): Promise<Map<string, TileLayerInfo>> {
  const catalog = await getJson<TileCatalog>('/tiles');
  const entries = await Promise.all(
    catalog.layers.map(async (l) => {
      const tilejson = await (l.id === 'areas' ? areas : getJson<TileJson>(l.tilejson));
      return [l.id, { id: l.id, name: l.name, description: l.description, minzoom: l.minzoom, maxzoom: l.maxzoom, tilejson }] as const;
    }),
  );
  return new Map(entries);
}

/** The tile URL templates of a layer for one year (keeps the template's `{z}/{x}/{y}` untouched). */
export function tileUrlsForYear(tilejson: TileJson, year: number): string[] {
  return tilejson.tiles.map((template) => {
    const [base, search = ''] = template.split('?');
    const q = new URLSearchParams(search);
    q.set('year', String(year));
    return `${base}?${q.toString()}`;
  });
}

/** The property names a vector layer announces (TileJSON vector_layers[].fields). */
export function fieldsOf(tilejson: TileJson | undefined, layer: string): string[] | null {
  const vl = tilejson?.vector_layers?.find((v) => v.id === layer);
  return vl ? Object.keys(vl.fields) : null;
}
