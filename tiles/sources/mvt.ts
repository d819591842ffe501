/**
 * Vector tiles: each layer's statement (sql/tiles/<layer>.sql, ST_AsMVT) is a pg named (prepared)
 * query, parsed and planned once per connection, always with bound parameters. A tile the seeder
 * keeps is asked for with the store's row in the same statement (sql/tiles/kept_or_rendered.sql),
 * so a memory miss costs one round trip whether the tile is kept or not.
 */
import { sqlText } from '../../sql/load.js';
import { withConnection, type TileDatabase } from '../database.js';
import type { TileAddress, TileQuery, VectorTileLayer } from '../layer.js';
import { keptFromRow, type KeptRow, type KeptTile } from '../store.js';
import { statementName, type TileSource } from './source.js';

/** A seeded tile on a memory miss: as kept in the store, or the bytes rendered now. */
export type KeptOrRendered = { kept: Pick<KeptTile, 'etag' | 'gzip'> } | { kept: undefined; bytes: Buffer };

/** The layer's statement inside kept_or_rendered.sql, the key and stamp numbered after the layer's `argCount` parameters. */
export function keptOrRenderedSql(layerSql: string, argCount: number): string {
  return sqlText('tiles/kept_or_rendered.sql')
    // the marker alone on its line (the file's comments name it too); a function, as a replacement
    // string would read the statement's $ signs as patterns
    .replace(/^LAYER_STATEMENT$/m, () => layerSql)
    .replace('KEY::text', `$${argCount + 1}::text`)
    .replace('STAMP::text', `$${argCount + 2}::text`);
}

export class MvtSource implements TileSource<VectorTileLayer> {
  /** kept_or_rendered statements by layer id, made once. */
  private readonly keptOrRenderedText = new Map<string, string>();

  constructor(private readonly db: TileDatabase) {}

  async tile(layer: VectorTileLayer, address: TileAddress, query: TileQuery): Promise<Buffer> {
    const result = await withConnection(this.db, (c) => c.query<{ tile: Buffer | null }>({
      name: statementName(layer), text: sqlText(`tiles/${layer.sql}`), values: layer.args(address, query),
    }));
    return result.rows[0]?.tile ?? Buffer.alloc(0);
  }

  /** The tile as kept under `key` and `stamp` in the tile store, or rendered now when none is kept. */
  async keptOrRendered(layer: VectorTileLayer, address: TileAddress, query: TileQuery, key: string, stamp: string): Promise<KeptOrRendered> {
    const args = layer.args(address, query);
    let text = this.keptOrRenderedText.get(layer.id);
    if (text === undefined) {
      text = keptOrRenderedSql(sqlText(`tiles/${layer.sql}`), args.length);
      this.keptOrRenderedText.set(layer.id, text);
    }
    const { rows: [row] } = await withConnection(this.db, (c) => c.query<KeptRow & { kept: boolean; tile: Buffer | null }>({
      name: `${statementName(layer)}_kept`, text, values: [...args, key, stamp],
    }));
    return row.kept ? { kept: keptFromRow(row) } : { kept: undefined, bytes: row.tile ?? Buffer.alloc(0) };
  }
}
