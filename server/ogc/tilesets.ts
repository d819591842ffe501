/**
 * OGC API – Tiles (issue 19) over the one tile stack: each collection's tileset is a layer of
 * tiles/registry.ts (the same source, cache and invalidation as /tiles), on WebMercatorQuad, over
 * the zooms where that layer draws the collection: the area collections are the `areas` layer at
 * their level's zooms (provinces z0–6, districts z7–8, subdistricts z9–10, villages z11–14), the
 * service collections the `services` layer (all three kinds in one tile, told apart by `kind`),
 * village potential the `villages` layer, and the night-light raster the `nightlight` layer (PNG).
 */
import { COLLECTIONS, type Collection } from './collections.js';
import { CRS84 } from './crs.js';
import { REL_TILESETS_MAP, REL_TILESETS_VECTOR, type Link } from './documents.js';
import { tileLimits, TILE_MATRIX_MAX, WEB_MERCATOR_QUAD, WEB_MERCATOR_QUAD_URI } from './tile-matrix-set.js';

export interface TiledCollection {
  id: string;
  title: string;
  description: string;
  /** The tiles/registry.ts layer */
  layer: string;
  minzoom: number;
  maxzoom: number;
  dataType: 'vector' | 'map';
  format: 'mvt' | 'png';
}

const MEDIA: Record<TiledCollection['format'], string> = { mvt: 'application/vnd.mapbox-vector-tile', png: 'image/png' };

const fromFeatures = (c: Collection): TiledCollection => ({
  id: c.id, title: c.title, description: c.description, layer: c.tiles.layer, minzoom: c.tiles.minzoom, maxzoom: c.tiles.maxzoom,
  dataType: 'vector', format: 'mvt',
});

/** The night-light composite: a tiles-only collection (no features). */
export const NIGHTLIGHT: TiledCollection = {
  id: 'nightlight',
  title: 'Night lights',
  description: 'The night-light composite of a year (VIIRS-like radiance, nW/cm²/sr) as coloured PNG tiles; `year` picks the composite (default the newest).',
  layer: 'nightlight', minzoom: 0, maxzoom: TILE_MATRIX_MAX, dataType: 'map', format: 'png',
};

export const TILED_COLLECTIONS: readonly TiledCollection[] = [...COLLECTIONS.map(fromFeatures), NIGHTLIGHT];

export function findTiled(id: string): TiledCollection | undefined {
  return TILED_COLLECTIONS.find((t) => t.id === id);
}

export const tilesetsRel = (t: TiledCollection) => (t.dataType === 'map' ? REL_TILESETS_MAP : REL_TILESETS_VECTOR);

function tilesetLinks(base: string, t: TiledCollection): Link[] {
  const here = `${base}/collections/${t.id}/tiles/${WEB_MERCATOR_QUAD}`;
  return [
    { href: here, rel: 'self', type: 'application/json', title: `${t.title}: ${WEB_MERCATOR_QUAD} tileset` },
    { href: `${base}/tileMatrixSets/${WEB_MERCATOR_QUAD}`, rel: 'http://www.opengis.net/def/rel/ogc/1.0/tiling-scheme', type: 'application/json', title: 'The tile matrix set' },
    { href: `${base}/collections/${t.id}`, rel: 'collection', type: 'application/json', title: t.title },
    { href: `${here}/{tileMatrix}/{tileRow}/{tileCol}`, rel: 'item', type: MEDIA[t.format], title: 'A tile', templated: true },
  ];
}

/** The tileset list of a collection (one tileset: WebMercatorQuad). */
export function tilesetList(base: string, t: TiledCollection) {
  return {
    links: [{ href: `${base}/collections/${t.id}/tiles`, rel: 'self', type: 'application/json', title: 'Tilesets' }],
    tilesets: [{
      title: `${t.title} (${WEB_MERCATOR_QUAD})`,
      dataType: t.dataType,
      crs: 'http://www.opengis.net/def/crs/EPSG/0/3857',
      tileMatrixSetURI: WEB_MERCATOR_QUAD_URI,
      links: tilesetLinks(base, t).filter((l) => l.rel !== 'item'),
    }],
  };
}

/** A tileset's metadata: its tile URL template and, per zoom it serves, the tiles covering the data. */
export function tilesetDocument(base: string, t: TiledCollection, bbox: readonly [number, number, number, number]) {
  const zooms = Array.from({ length: t.maxzoom - t.minzoom + 1 }, (_, i) => t.minzoom + i);
  return {
    title: t.title,
    description: t.description,
    dataType: t.dataType,
    crs: 'http://www.opengis.net/def/crs/EPSG/0/3857',
    tileMatrixSetURI: WEB_MERCATOR_QUAD_URI,
    tileMatrixSetLimits: zooms.map((z) => tileLimits(z, bbox)),
    boundingBox: { lowerLeft: [bbox[0], bbox[1]], upperRight: [bbox[2], bbox[3]], crs: CRS84 },
    ...(t.dataType === 'vector' ? { layers: [{ id: t.layer, dataType: 'vector', minTileMatrix: String(t.minzoom), maxTileMatrix: String(t.maxzoom) }] } : {}),
    links: tilesetLinks(base, t),
  };
}

/** The collection document of the night-light raster (tiles only). */
export function rasterCollectionDocument(base: string, t: TiledCollection, bbox: readonly [number, number, number, number]) {
  const self = `${base}/collections/${t.id}`;
  return {
    id: t.id, title: t.title, description: t.description,
    links: [
      { href: `${self}?f=json`, rel: 'self', type: 'application/json', title: t.title },
      { href: `${self}/tiles`, rel: tilesetsRel(t), type: 'application/json', title: 'Map tilesets' },
    ],
    extent: { spatial: { bbox: [bbox], crs: CRS84 } },
  };
}
