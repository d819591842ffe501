/**
 * Raster tiles: a layer's statement (e.g. sql/tiles/nightlight_png.sql) warps a postgis_raster
 * coverage onto the tile's 256×256 Web Mercator grid, colours it (ST_ColorMap) and encodes a PNG.
 * ST_AsPNG needs the GDAL PNG driver, a session setting made once per pooled connection. Where the
 * coverage has no pixel the tile is a fully transparent PNG (a raster map expects an image).
 */
import type pg from 'pg';
import { PNG } from 'pngjs';
import { sqlText } from '../../sql/load.js';
import { withConnection, type TileDatabase } from '../database.js';
import type { RasterTileLayer, TileAddress, TileQuery } from '../layer.js';
import { statementName, type TileSource } from './source.js';

let transparent: Buffer | undefined;
function transparentPng(): Buffer {
  transparent ??= PNG.sync.write(new PNG({ width: 256, height: 256 }));
  return transparent;
}

export class RasterSource implements TileSource<RasterTileLayer> {
  /** Pooled connections that already have the PNG driver enabled. */
  private readonly pngReady = new WeakSet<pg.ClientBase>();

  constructor(private readonly db: TileDatabase) {}

  async tile(layer: RasterTileLayer, address: TileAddress, query: TileQuery): Promise<Buffer> {
    const result = await withConnection(this.db, async (c) => {
      if (!this.pngReady.has(c)) {
        await c.query(sqlText('tiles/enable_png_driver.sql'));
        this.pngReady.add(c);
      }
      return c.query<{ png: Buffer | null }>({ name: statementName(layer), text: sqlText(`tiles/${layer.sql}`), values: layer.args(address, query) });
    });
    return result.rows[0]?.png ?? transparentPng();
  }
}
