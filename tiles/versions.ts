/**
 * The data versions the tile cache keys on, kept current by LISTEN povmap_data_version
 * (sql/tiles/listen_data_version.sql; the data_version trigger notifies at commit, sql/functions/data_version.sql). A lost listening connection is
 * re-opened and the versions re-read, so a change made while it was down is not missed.
 *
 * Between a commit and the notification's arrival (milliseconds) a cache hit can still be served
 * from the previous data; no request ever stores a tile under a newer version than it read.
 */
import pg from 'pg';
import { sqlText } from '../sql/load.js';
import type { DataName } from './layer.js';

export type VersionQuery = () => Promise<Array<{ name: string; version: number }>>;

export class DataVersions {
  private versions = new Map<string, number>();
  /** stamp()'s answers per list of names, until a version changes. */
  private stamps = new WeakMap<readonly DataName[], string>();
  private listener: pg.Client | undefined;
  private closed = false;
  private retry: NodeJS.Timeout | undefined;
  private readonly onChange: Array<(name: string) => void> = [];

  constructor(
    private readonly connectionString: string,
    private readonly read: VersionQuery,
    private readonly warn: (message: string) => void = () => undefined,
  ) {}

  /** Read every version and start listening; if the database is not there, keep retrying. */
  async start(): Promise<void> {
    try {
      await this.listen();
    } catch (err) {
      this.warn(`tile cache off until the database answers: ${(err as Error).message}`);
      this.scheduleListen();
    }
  }

  /**
   * The versions of `names` as one string; a cached tile is valid while its stamp equals this.
   * Undefined while not listening: without notifications the versions may be old, so nothing is
   * served from or stored in the cache until the connection is back.
   */
  stamp(names: readonly DataName[]): string | undefined {
    if (!this.listener) return undefined;
    // asked on every cache hit with the layer's own (constant) list; made again only after a change
    let stamp = this.stamps.get(names);
    if (stamp === undefined) {
      stamp = names.map((n) => this.versions.get(n) ?? 0).join('.');
      this.stamps.set(names, stamp);
    }
    return stamp;
  }

  /** Every version as last read or announced; undefined while not listening (as for stamp). */
  current(): ReadonlyMap<string, number> | undefined {
    return this.listener ? this.versions : undefined;
  }

  changed(handler: (name: string) => void): void {
    this.onChange.push(handler);
  }

  /** Re-read all versions now (also the recovery path after a lost connection). */
  async reload(): Promise<void> {
    const rows = await this.read();
    for (const { name, version } of rows) this.set(name, Number(version));
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    const client = this.listener;
    this.listener = undefined;
    await client?.end().catch(() => undefined);
  }

  private set(name: string, version: number): void {
    if (this.versions.get(name) === version) return;
    this.versions.set(name, version);
    this.stamps = new WeakMap();
    for (const h of this.onChange) h(name);
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.connectionString, application_name: 'povmap-tile-versions' });
    client.on('notification', (msg) => {
      const [name, version] = (msg.payload ?? '').split(':');
      if (name && version && Number.isFinite(Number(version))) this.set(name, Number(version));
    });
    client.on('error', () => this.reconnectSoon(client));
    client.on('end', () => this.reconnectSoon(client));
    try {
      await client.connect();
      await client.query(sqlText('tiles/listen_data_version.sql'));
      // Read after LISTEN so that no change can fall between the read and the subscription.
      await this.reload();
    } catch (err) {
      await client.end().catch(() => undefined);
      throw err;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.listener = client;
  }

  private reconnectSoon(client: pg.Client): void {
    if (this.closed || this.listener !== client) return;
    this.listener = undefined;
    this.warn('lost the data-version listener; tile cache off until it is back');
    this.scheduleListen();
  }

  private scheduleListen(): void {
    if (this.closed) return;
    this.retry = setTimeout(() => {
      this.listen().catch(() => this.scheduleListen());
    }, 1000);
    // A retry timer must not keep a finished process alive.
    this.retry.unref();
  }
}
