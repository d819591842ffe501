/**
 * Vector tiles: each layer's statement (sql/tiles/<layer>.sql, ST_AsMVT) is a pg named (prepared)
 * query, parsed and planned once per connection, always with bound parameters.
 */
import { sqlText } from '../../sql/load.js';
import { withConnection, type TileDatabase } from '../database.js';
import type { TileAddress, TileQuery, VectorTileLayer } from '../layer.js';
import { statementName, type TileSource } from './source.js';

/** A tile the store kept (gzip as stored, etag), or the bytes rendered now. */
export type KeptOrRendered = { kept: true; etag: string | undefined; gzip: Buffer | undefined } | { kept: false; bytes: Buffer };

export class MvtSource implements TileSource<VectorTileLayer> {
  /** Per layer: its statement inside sql/tiles/kept_or_rendered.sql. */
  private readonly keptOrRenderedText = new Map<string, string>();

  constructor(private readonly db: TileDatabase) {}

  async tile(layer: VectorTileLayer, address: TileAddress, query: TileQuery): Promise<Buffer> {
    const result = await withConnection(this.db, (c) => c.query<{ tile: Buffer | null }>({
      name: statementName(layer), text: sqlText(`tiles/${layer.sql}`), values: layer.args(address, query),
    }));
    return result.rows[0]?.tile ?? Buffer.alloc(0);
  }

  /** The tile kept in tile_store under `stamp`, else rendered, in one statement (sql/tiles/kept_or_rendered.sql). */
  async keptOrRendered(layer: VectorTileLayer, address: TileAddress, query: TileQuery, key: string, stamp: string): Promise<KeptOrRendered> {
    const args = layer.args(address, query);
    const result = await withConnection(this.db, (c) => c.query<{ kept: boolean; etag: string | null; gzip_base64: string | null; tile: Buffer | null }>({
      name: `${statementName(layer)}_kept`, text: this.keptOrRenderedSql(layer, args.length), values: [...args, key, stamp],
    }));
    const row = result.rows[0];
    if (row?.kept) return { kept: true, etag: row.etag ?? undefined, gzip: row.gzip_base64 === null ? undefined : Buffer.from(row.gzip_base64, 'base64') };
    return { kept: false, bytes: row?.tile ?? Buffer.alloc(0) };
  }

  private keptOrRenderedSql(layer: VectorTileLayer, parameters: number): string {
    let text = this.keptOrRenderedText.get(layer.id);
    if (text === undefined) {
      text = sqlText('tiles/kept_or_rendered.sql')
        .replaceAll('$key', `$${parameters + 1}`).replaceAll('$stamp', `$${parameters + 2}`)
        // (a newline: the layer's statement may end in a comment)
        .replaceAll('$render', () => `${sqlText(`tiles/${layer.sql}`)}\n`);
      this.keptOrRenderedText.set(layer.id, text);
    }
    return text;
  }
}
