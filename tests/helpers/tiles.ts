/** Decoding tiles in tests: the bytes as a client gets them, through @mapbox/vector-tile + pbf. */
import zlib from 'node:zlib';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';

export function decodeTile(body: Buffer, contentEncoding?: string | string[]): VectorTile {
  const raw = contentEncoding === 'gzip' ? zlib.gunzipSync(body) : contentEncoding === 'br' ? zlib.brotliDecompressSync(body) : body;
  return new VectorTile(new PbfReader(raw));
}

/** The tile at zoom z that contains a lon/lat point (web-mercator XYZ scheme). */
export function tileOf(lon: number, lat: number, z: number): { z: number; x: number; y: number } {
  const n = 2 ** z;
  const rad = (lat * Math.PI) / 180;
  return {
    z,
    x: Math.floor(((lon + 180) / 360) * n),
    y: Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n),
  };
}

/** Every feature of one layer of a tile, as { id, properties }. */
export function features(tile: VectorTile, layer: string) {
  const l = tile.layers[layer];
  if (!l) return [];
  return Array.from({ length: l.length }, (_, i) => {
    const f = l.feature(i);
    return { id: f.id, type: f.type, properties: f.properties as Record<string, string | number | boolean> };
  });
}
