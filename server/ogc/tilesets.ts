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
import { xsdLink } from './schema-xsd.js';
import { mercatorBox, tileLimits, TILE_MATRIX_MAX, WEB_MERCATOR_QUAD, WEB_MERCATOR_QUAD_URI } from './tile-matrix-set.js';

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
  /** It also has features (a GML application schema describes them); the night lights do not. */
  hasFeatures: boolean;
}

const MEDIA: Record<TiledCollection['format'], string> = { mvt: 'application/vnd.mapbox-vector-tile', png: 'image/png' };

const fromFeatures = (c: Collection): TiledCollection => ({
  id: c.id, title: c.title, description: c.description, layer: c.tiles.layer, minzoom: c.tiles.minzoom, maxzoom: c.tiles.maxzoom,
  dataType: 'vector', format: 'mvt', hasFeatures: true,
});

/** The night-light composite: a tiles-only collection (no features). */
export const NIGHTLIGHT: TiledCollection = {
  id: 'nightlight',
  title: 'Night lights',
  description: 'The night-light composite of a year (VIIRS-like radiance, nW/cm²/sr) as coloured PNG tiles; `year` picks the composite (default the newest).',
  layer: 'nightlight', minzoom: 0, maxzoom: TILE_MATRIX_MAX, dataType: 'map', format: 'png', hasFeatures: false,
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

/**
 * The tileset list of a collection (one tileset: WebMercatorQuad). It is also a document GDAL's
 * OGCAPI driver can open by itself (`OGCAPI:<base>/collections/<id>/tiles`): GDAL (3.6 and, for
 * vector tiles, later versions too) takes the box of the document it opens as coordinates of the tile
 * matrix set's CRS, so a collection's CRS84 extent puts every tile it would read at 0°N 0°E and it
 * makes no layer. Here the extent is in EPSG:3857 (OGC API – Common lets an extent name its CRS),
 * with a link of the tilesets relation to this list and the schema that gives the layers their fields.
 */
export function tilesetList(base: string, t: TiledCollection, bbox: readonly [number, number, number, number]) {
  const self = `${base}/collections/${t.id}/tiles`;
  return {
    title: `${t.title}: tilesets`,
    links: [
      { href: self, rel: 'self', type: 'application/json', title: 'Tilesets' },
      { href: self, rel: tilesetsRel(t), type: 'application/json', title: `${t.dataType === 'map' ? 'Map' : 'Vector'} tilesets (this list)` },
      { href: `${base}/collections/${t.id}`, rel: 'collection', type: 'application/json', title: t.title },
      ...(t.hasFeatures ? [xsdLink(base, t.id)] : []),
    ],
    extent: { spatial: { bbox: [mercatorBox(bbox)], crs: 'http://www.opengis.net/def/crs/EPSG/0/3857' } },
    tilesets: [{
      title: `${t.title} (${WEB_MERCATOR_QUAD})`,
      dataType: t.dataType,
      crs: 'http://www.opengis.net/def/crs/EPSG/0/3857',
      tileMatrixSetURI: WEB_MERCATOR_QUAD_URI,
      links: tilesetLinks(base, t).filter((l) => l.rel !== 'item'),
    }],
  };
}

export interface TileMatrixLimits { tileMatrix: string; minTileRow: number; maxTileRow: number; minTileCol: number; maxTileCol: number }

/**
 * The tiles a tileset lists per zoom it serves. Vector tilesets: the tiles covering the data. The
 * night-light map tileset: the whole matrix (its PNG route answers every tile), because GDAL 3.6
 * reads a raster of limited tiles wrongly: it gives it the height of the whole matrix (4,194,304 px at
 * z14 stretched over Thailand's 1,708 km, then asks for rows past the matrix) and counts columns from
 * the first limited one (column 797 at z10 asked for as 9).
 */
function tilesetLimits(t: TiledCollection, bbox: readonly number[]): TileMatrixLimits[] {
  const zooms = Array.from({ length: t.maxzoom - t.minzoom + 1 }, (_, i) => t.minzoom + i);
  const whole = (z: number) => ({ tileMatrix: String(z), minTileRow: 0, maxTileRow: 2 ** z - 1, minTileCol: 0, maxTileCol: 2 ** z - 1 });
  return zooms.map((z) => (t.dataType === 'map' ? whole(z) : tileLimits(z, bbox)));
}

/** A tileset's metadata: its tile URL template and the tiles it has per zoom. */
export function tilesetDocument(base: string, t: TiledCollection, bbox: readonly [number, number, number, number]) {
  return {
    title: t.title,
    description: t.description,
    dataType: t.dataType,
    crs: 'http://www.opengis.net/def/crs/EPSG/0/3857',
    tileMatrixSetURI: WEB_MERCATOR_QUAD_URI,
    tileMatrixSetLimits: tilesetLimits(t, bbox),
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
