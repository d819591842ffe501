/**
 * The tile server's catalogue and TileJSON documents, and tile URLs for a survey year. The server
 * writes tile URLs relative ("/tiles/…") unless it is configured with a public URL; they are made
 * absolute on this page's origin here, because MapLibre fetches tiles in workers started from blob:
 * URLs, against which a relative URL does not resolve. The year is a query parameter on them, set
 * here so that switching the year only swaps the URLs of the existing sources.
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

/** A TileJSON URL template made absolute on the page's origin (kept as text: `{z}` stays unescaped). */
export function absoluteTileUrl(template: string, origin: string = location.origin): string {
  return template.startsWith('/') && !template.startsWith('//') ? `${origin}${template}` : template;
}

async function loadTileJson(url: string): Promise<TileJson> {
  const tilejson = await getJson<TileJson>(url);
  return { ...tilejson, tiles: tilejson.tiles.map((t) => absoluteTileUrl(t)) };
}

/** The choropleth's TileJSON, asked for first: it gates the first paint. */
export function loadAreasTileJson(): Promise<TileJson> {
  return loadTileJson('/tiles/areas.json');
}

export async function loadTileLayers(areas: Promise<TileJson>): Promise<Map<string, TileLayerInfo>> {
  const catalog = await getJson<TileCatalog>('/tiles');
  const entries = await Promise.all(
    catalog.layers.map(async (l) => {
      const tilejson = await (l.id === 'areas' ? areas : loadTileJson(l.tilejson));
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
