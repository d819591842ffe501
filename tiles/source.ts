/**
 * Runs tile SQL in PostgreSQL: each layer's statement is a pg named (prepared) query, parsed and
 * planned once per connection, always with bound parameters. Connections come from the app's knex
 * pool, so tiles share its size limit with the rest of the API.
 */
import fs from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import { PROJECT_ROOT } from '../server/config.js';
import type { Db } from '../server/db/knex.js';
import type { TileAddress, TileLayer, TileQuery } from './layer.js';

export const TILE_SQL_DIR = path.join(PROJECT_ROOT, 'sql', 'tiles');

const texts = new Map<string, string>();

export function readTileSql(file: string): string {
  let text = texts.get(file);
  if (text === undefined) {
    text = fs.readFileSync(path.join(TILE_SQL_DIR, file), 'utf8');
    texts.set(file, text);
  }
  return text;
}

/** The pg statement name of a layer's tile query. */
export function statementName(layer: TileLayer): string {
  return `povmap_tile_${layer.id}`;
}

export class PostgresTileSource {
  private readonly sql = new Map<string, string>();

  constructor(private readonly db: Db, layers: readonly TileLayer[]) {
    for (const layer of layers) this.sql.set(layer.id, readTileSql(layer.sql));
  }

  /** The MVT bytes of one tile (empty buffer when no feature falls in it). */
  async tile(layer: TileLayer, address: TileAddress, query: TileQuery): Promise<Buffer> {
    const text = this.sql.get(layer.id);
    if (!text) throw new Error(`layer ${layer.id} is not in this source`);
    const result = await this.withConnection((c) =>
      c.query<{ tile: Buffer | null }>({ name: statementName(layer), text, values: layer.args(address, query) }));
    return result.rows[0]?.tile ?? Buffer.alloc(0);
  }

  /** Rows of a helper statement from sql/tiles/ (catalog data: years, bounds, versions). */
  async rows<T>(file: string): Promise<T[]> {
    const { rows } = await this.db.raw(readTileSql(file));
    return rows as T[];
  }

  private async withConnection<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
    const client = (await this.db.client.acquireConnection()) as pg.Client;
    try {
      return await work(client);
    } finally {
      await this.db.client.releaseConnection(client);
    }
  }
}
