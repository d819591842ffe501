/**
 * The streaming replicas reads may go to (DATABASE_REPLICA_URLS), each with its own knex pool, and
 * what is known of each: up or not, how far it has replayed the primary's WAL, the data versions it
 * holds. A probe reads that every second, and at once whenever the primary announces a new data
 * version (heard on the primary through the tile cache's LISTEN: a standby cannot LISTEN, and NOTIFY
 * is not replicated).
 *
 * A replica is read from only while it is up AND holds at least the data versions the primary has
 * announced. Caches (tiles, computed answers) key on the announced version: were a request stamped
 * with version 7 served from a replica still at 6, the old rows would be cached under 7 for good.
 * Between a change and its replay (milliseconds on a quiet replica; longer during a bulk import)
 * reads go to the primary.
 */
import { sqlText } from '../../sql/load.js';
import { DataVersions } from '../../tiles/versions.js';
import { createDb, type Db } from './knex.js';

/** A WAL position ("16/B374D848") as one number, for comparing. */
export function lsnValue(lsn: string): bigint {
  const m = /^([0-9A-F]{1,8})\/([0-9A-F]{1,8})$/i.exec(lsn);
  if (!m) throw new Error(`not a WAL position: ${lsn}`);
  return (BigInt(`0x${m[1]}`) << 32n) + BigInt(`0x${m[2]}`);
}

export interface ReplicaState {
  /** "replica 1", "replica 2": the order of DATABASE_REPLICA_URLS (addresses are not published). */
  readonly name: string;
  up: boolean;
  /** Why it is not up (an error code or "not a standby"). */
  reason?: string;
  replayLsn?: bigint;
  /** Seconds since the last transaction it replayed committed on the primary (grows while idle). */
  replayAgeSeconds?: number;
  versions: Map<string, number>;
}

export interface Replica extends ReplicaState {
  readonly db: Db;
}

export interface ReplicaSetOptions {
  /** The primary's connection string: its data versions are the ones the replicas must reach. */
  primaryUrl: string;
  replicaUrls: string[];
  /** Steady probe interval (ms); a data-version change probes at once and then every 50 ms until replayed. */
  probeMs?: number;
  /** Where to report a replica going down or coming back. */
  warn?: (message: string) => void;
  /** Pool size per replica. */
  poolMax?: number;
}

const CATCH_UP_PROBE_MS = 50;

export class ReplicaSet {
  readonly replicas: Replica[];
  /** The primary's data versions as announced: the tile cache's listener (follow), so both see a change at once. */
  private announced: DataVersions | undefined;
  private readonly primary: Db;
  private primaryLsn: bigint | undefined;
  private timer: NodeJS.Timeout | undefined;
  private probing: Promise<void> | undefined;
  private closed = false;
  private next = 0;

  constructor(private readonly options: ReplicaSetOptions) {
    this.replicas = options.replicaUrls.map((url, i) => ({
      name: `replica ${i + 1}`,
      db: createDb(url, { max: options.poolMax ?? 20, applicationName: 'povmap-read' }),
      up: false,
      reason: 'not probed yet',
      versions: new Map(),
    }));
    this.primary = createDb(options.primaryUrl, { max: 1, applicationName: 'povmap-replica-probe' });
  }

  /**
   * Take the announced versions from `versions`, the listener the tile cache stamps its tiles with.
   * One listener for both: were they two, a tile could be stamped with a version the router has not
   * heard of yet, and be built from a replica that has not replayed it. Until then no replica is used.
   */
  follow(versions: DataVersions): void {
    this.announced = versions;
    versions.changed(() => void this.catchUp());
  }

  async start(): Promise<void> {
    await this.probe();
    this.schedule(this.options.probeMs ?? 1000);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    await this.probing?.catch(() => undefined);
    await Promise.all([this.primary.destroy(), ...this.replicas.map((r) => r.db.destroy())]);
  }

  /**
   * A replica to read from now: up, holding every announced data version, and (for a caller who
   * just wrote) replayed at least to `minLsn`. Round robin over those; undefined → the primary.
   */
  pick(minLsn?: bigint): Replica | undefined {
    const usable = this.replicas.filter((r) => this.usable(r, minLsn));
    if (!usable.length) return undefined;
    this.next = (this.next + 1) % usable.length;
    return usable[this.next];
  }

  /** Whether `replica` may serve a read now (see pick). */
  usable(replica: Replica, minLsn?: bigint): boolean {
    if (!replica.up) return false;
    if (minLsn !== undefined && (replica.replayLsn === undefined || replica.replayLsn < minLsn)) return false;
    const wanted = this.announced?.current();
    // Not listening to the primary: the announced versions may be old, so no replica can be trusted.
    if (!wanted) return false;
    for (const [name, version] of wanted) if ((replica.versions.get(name) ?? 0) < version) return false;
    return true;
  }

  /** What /health reports of each replica. */
  report(): Array<{ name: string; status: 'ok' | 'behind' | 'unavailable'; reason?: string; lag_bytes?: number; replay_age_s?: number }> {
    return this.replicas.map((r) => {
      if (!r.up) return { name: r.name, status: 'unavailable' as const, reason: r.reason };
      const lag = this.primaryLsn !== undefined && r.replayLsn !== undefined && this.primaryLsn > r.replayLsn ? Number(this.primaryLsn - r.replayLsn) : 0;
      return {
        name: r.name,
        status: this.usable(r) ? ('ok' as const) : ('behind' as const),
        lag_bytes: lag,
        ...(r.replayAgeSeconds !== undefined ? { replay_age_s: Math.round(r.replayAgeSeconds * 10) / 10 } : {}),
      };
    });
  }

  /** Probe every replica (and the primary's WAL position) once; concurrent callers share one probe. */
  probe(): Promise<void> {
    this.probing ??= this.probeAll().finally(() => {
      this.probing = undefined;
    });
    return this.probing;
  }

  private async probeAll(): Promise<void> {
    const primary = this.primary.raw(sqlText('replicas/primary_lsn.sql')).then(
      (r) => { this.primaryLsn = lsnValue((r.rows as Array<{ lsn: string }>)[0].lsn); },
      () => { this.primaryLsn = undefined; },
    );
    const before = this.replicas.map((r) => r.up);
    await Promise.all([primary, ...this.replicas.map((r) => probeReplica(r))]);
    this.replicas.forEach((r, i) => {
      if (before[i] === r.up || this.closed) return;
      this.options.warn?.(r.up ? `${r.name} is up: reads go to it again` : `${r.name} is ${r.reason}: its reads go to the primary`);
    });
  }

  /** After an announced change: probe quickly until every replica that is up has replayed it. */
  private async catchUp(): Promise<void> {
    while (!this.closed) {
      await this.probe();
      if (this.replicas.every((r) => !r.up || this.usable(r))) return;
      await new Promise((resolve) => setTimeout(resolve, CATCH_UP_PROBE_MS).unref());
    }
  }

  private schedule(ms: number): void {
    if (this.closed) return;
    this.timer = setTimeout(() => {
      void this.probe().finally(() => this.schedule(ms));
    }, ms);
    this.timer.unref();
  }
}

async function probeReplica(replica: Replica): Promise<void> {
  try {
    const [row] = (await replica.db.raw(sqlText('replicas/replica_status.sql'))).rows as Array<{
      in_recovery: boolean; replay_lsn: string | null; replay_age_s: number | null; versions: Record<string, number>;
    }>;
    if (!row.in_recovery || !row.replay_lsn) {
      // promoted, or a primary given by mistake: reading from it could miss the real primary's writes
      replica.up = false;
      replica.reason = 'not a standby of the primary';
      return;
    }
    replica.replayLsn = lsnValue(row.replay_lsn);
    replica.replayAgeSeconds = row.replay_age_s ?? undefined;
    replica.versions = new Map(Object.entries(row.versions).map(([k, v]) => [k, Number(v)]));
    replica.up = true;
    replica.reason = undefined;
  } catch (err) {
    replica.up = false;
    replica.reason = `unreachable (${(err as { code?: string }).code ?? 'error'})`;
  }
}
