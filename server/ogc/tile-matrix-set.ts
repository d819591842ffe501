/**
 * The one tile matrix set povmap's tiles use: OGC WebMercatorQuad (TMS 2.0 JSON), the grid of
 * /tiles/{z}/{x}/{y} — tile matrix = zoom, row = y (from the top), column = x. Served at
 * /ogc/tileMatrixSets/WebMercatorQuad so GDAL's OGCAPI driver needs nothing built in.
 *
 * The document is TMS 2.0 and also carries the TMS 1.0 members (`type`, `identifier`,
 * `supportedCRS`, `boundingBox`, `tileMatrix`): GDAL before 3.7 (Debian 12 ships 3.6) parses 1.0
 * only, newer GDAL and other clients read 2.0 and ignore the rest.
 */
export const WEB_MERCATOR_QUAD = 'WebMercatorQuad';
export const WEB_MERCATOR_QUAD_URI = 'http://www.opengis.net/def/tilematrixset/OGC/1.0/WebMercatorQuad';

const HALF_WORLD = 20037508.3427892;
const CELL_SIZE_Z0 = (2 * HALF_WORLD) / 256;
/** The OGC standardized rendering pixel: 0.28 mm. */
const PIXEL_METRES = 0.00028;

/** The matrices (zooms) the tiles serve. */
export const TILE_MATRIX_MAX = 14;

export function webMercatorQuad() {
  const zooms = Array.from({ length: TILE_MATRIX_MAX + 1 }, (_, z) => z);
  return {
    id: WEB_MERCATOR_QUAD,
    title: 'Google Maps Compatible for the World',
    uri: WEB_MERCATOR_QUAD_URI,
    crs: 'http://www.opengis.net/def/crs/EPSG/0/3857',
    orderedAxes: ['X', 'Y'],
    wellKnownScaleSet: 'http://www.opengis.net/def/wkss/OGC/1.0/GoogleMapsCompatible',
    tileMatrices: zooms.map((z) => ({
      id: String(z),
      scaleDenominator: CELL_SIZE_Z0 / 2 ** z / PIXEL_METRES,
      cellSize: CELL_SIZE_Z0 / 2 ** z,
      cornerOfOrigin: 'topLeft',
      pointOfOrigin: [-HALF_WORLD, HALF_WORLD],
      tileWidth: 256,
      tileHeight: 256,
      matrixWidth: 2 ** z,
      matrixHeight: 2 ** z,
    })),
    // TMS 1.0 (GDAL 3.6)
    type: 'TileMatrixSetType',
    identifier: WEB_MERCATOR_QUAD,
    supportedCRS: 'http://www.opengis.net/def/crs/EPSG/0/3857',
    boundingBox: { type: 'BoundingBoxType', crs: 'http://www.opengis.net/def/crs/EPSG/0/3857', lowerCorner: [-HALF_WORLD, -HALF_WORLD], upperCorner: [HALF_WORLD, HALF_WORLD] },
    tileMatrix: zooms.map((z) => ({
      type: 'TileMatrixType',
      identifier: String(z),
      scaleDenominator: CELL_SIZE_Z0 / 2 ** z / PIXEL_METRES,
      topLeftCorner: [-HALF_WORLD, HALF_WORLD],
      tileWidth: 256,
      tileHeight: 256,
      matrixWidth: 2 ** z,
      matrixHeight: 2 ** z,
    })),
  };
}

/** A longitude/latitude box in web-mercator metres (EPSG:3857), latitudes held to the matrix's ±85.05°. */
export function mercatorBox([west, south, east, north]: readonly number[]): [number, number, number, number] {
  const x = (lon: number) => (lon / 180) * HALF_WORLD;
  const y = (lat: number) => {
    const r = (Math.max(-85.0511287798, Math.min(85.0511287798, lat)) * Math.PI) / 180;
    return (Math.log(Math.tan(Math.PI / 4 + r / 2)) / Math.PI) * HALF_WORLD;
  };
  return [x(west), y(south), x(east), y(north)];
}

/** The tile columns and rows covering a longitude/latitude box at zoom z. */
export function tileLimits(z: number, [west, south, east, north]: readonly number[]) {
  const n = 2 ** z;
  const col = (lon: number) => Math.min(n - 1, Math.max(0, Math.floor(((lon + 180) / 360) * n)));
  const row = (lat: number) => {
    const r = (lat * Math.PI) / 180;
    return Math.min(n - 1, Math.max(0, Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n)));
  };
  return { tileMatrix: String(z), minTileRow: row(north), maxTileRow: row(south), minTileCol: col(west), maxTileCol: col(east) };
}
