/**
 * Vector tiles: each layer's statement (sql/tiles/<layer>.sql, ST_AsMVT) is a pg named (prepared)
 * query, parsed and planned once per connection, always with bound parameters.
 */
import { sqlText } from '../../sql/load.js';
import { withConnection, type TileDatabase } from '../database.js';
import type { TileAddress, TileQuery, VectorTileLayer } from '../layer.js';
import { statementName, type TileSource } from './source.js';

export class MvtSource implements TileSource<VectorTileLayer> {
  constructor(private readonly db: TileDatabase) {}

  async tile(layer: VectorTileLayer, address: TileAddress, query: TileQuery): Promise<Buffer> {
    const result = await withConnection(this.db, (c) => c.query<{ tile: Buffer | null }>({
      name: statementName(layer), text: sqlText(`tiles/${layer.sql}`), values: layer.args(address, query),
    }));
    return result.rows[0]?.tile ?? Buffer.alloc(0);
  }
}
