/**
 * A streaming replica of the private cluster, for the tests of the read paths (`npm test` makes it;
 * tests/integration/replica.test.ts reads from it). It is PostgreSQL's own machinery only: the
 * primary gets what streaming needs (wal_level replica, WAL senders, some WAL kept for a replica
 * that was stopped a while), `pg_basebackup -R` copies the whole cluster into its own folder under
 * the data folder (replica/pg) and writes the standby settings, and the copy runs on its own socket
 * folder and port. It is made once and then kept: a later run starts it and it catches up.
 *
 * wal_level replica costs a little on bulk loads (a table made and filled in one transaction is
 * written to WAL too), so a cluster that only ever served `npm start` keeps `minimal`; the first
 * `npm test` switches it and restarts it once.
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { execFileSync } from 'node:child_process';
import { isRoot } from '../cli/apt.js';
import { SetupError, step } from '../cli/output.js';
import { sqlText } from '../../sql/load.js';
import { asPostgres, clusterUrl, isRunning, PG_BIN, type Cluster } from './cluster.js';
import { createDb } from './knex.js';

/** The replica of `primary`: replica/ in its folder, its own socket folder, the next port. */
export function replicaFor(primary: Cluster): Cluster {
  const home = path.join(primary.dataDir, 'replica');
  return { dataDir: home, socketDir: path.join(home, 'run'), port: primary.port + 1 };
}

/** The rows of the file's last statement; each statement runs on its own (ALTER SYSTEM allows no transaction). */
async function query<T>(cluster: Cluster, file: string): Promise<T[]> {
  const db = createDb(clusterUrl(cluster, 'postgres'), { max: 1 });
  try {
    let rows: T[] = [];
    for (const statement of sqlText(file).replace(/^--.*$/gm, '').split(';').filter((s) => s.trim())) rows = (await db.raw(statement)).rows as T[];
    return rows;
  } finally {
    await db.destroy();
  }
}

/** wal_level replica and WAL senders on the primary; restarts it when they had to change. */
export async function ensureStreamingPrimary(primary: Cluster): Promise<void> {
  const [settings] = await query<{ wal_level: string; max_wal_senders: number }>(primary, 'replicas/streaming_settings.sql');
  if (settings.wal_level !== 'minimal' && settings.max_wal_senders > 0) return;
  step('Turning on streaming replication in the private cluster (wal_level replica; restarting it once)');
  await query(primary, 'replicas/enable_streaming.sql');
  asPostgres(path.join(PG_BIN, 'pg_ctl'), ['restart', '-w', '-t', '120', '-m', 'fast', '-D', path.join(primary.dataDir, 'pg'),
    '-l', path.join(primary.dataDir, 'postgresql.log'), '-o', `-p ${primary.port}`]);
}

/** Settings of the replica's own (written after the copy, so they win over the primary's). */
function replicaSettings(replica: Cluster): string {
  return `
# --- povmap streaming replica (server/db/replica-cluster.ts) ---
unix_socket_directories = '${replica.socketDir}'
shared_buffers = '256MB'
hot_standby = on
# a long read on the replica is not cancelled at once by a conflicting replay
max_standby_streaming_delay = 30s
`;
}

/** Make the replica if there is none (pg_basebackup), then start it if it is not running. */
export async function ensureReplica(primary: Cluster): Promise<Cluster> {
  await ensureStreamingPrimary(primary);
  const replica = replicaFor(primary);
  const pgdata = path.join(replica.dataDir, 'pg');
  if (!fs.existsSync(path.join(pgdata, 'standby.signal'))) {
    fs.rmSync(replica.dataDir, { recursive: true, force: true });
    fs.mkdirSync(replica.socketDir, { recursive: true, mode: 0o700 });
    if (isRoot()) execFileSync('chown', ['-R', 'postgres:postgres', replica.dataDir]);
    step(`Making a streaming replica of the private cluster in ${pgdata} (pg_basebackup)`);
    const started = performance.now();
    // into a scratch folder and renamed, so an interrupted copy never looks like a replica
    const scratch = `${pgdata}.copy`;
    asPostgres(path.join(PG_BIN, 'pg_basebackup'), ['-D', scratch, '-h', primary.socketDir, '-p', String(primary.port), '-U', 'postgres',
      '-R', '--checkpoint=fast', '--wal-method=stream', '--no-sync']);
    fs.appendFileSync(path.join(scratch, 'postgresql.auto.conf'), replicaSettings(replica));
    fs.renameSync(scratch, pgdata);
    const bytes = folderBytes(pgdata);
    step(`Replica made: ${(bytes / 2 ** 30).toFixed(1)} GiB copied in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  startReplica(replica);
  return replica;
}

export function startReplica(replica: Cluster): void {
  if (isRunning(replica)) return;
  const pgdata = path.join(replica.dataDir, 'pg');
  step(`Starting the streaming replica (socket in ${replica.socketDir}, port ${replica.port})`);
  const r = asPostgres(path.join(PG_BIN, 'pg_ctl'), ['start', '-w', '-t', '120', '-D', pgdata, '-l', path.join(replica.dataDir, 'postgresql.log'), '-o', `-p ${replica.port}`], { quiet: true });
  if (r.status !== 0) {
    throw new SetupError(`the streaming replica did not start (see ${path.join(replica.dataDir, 'postgresql.log')}); remove ${replica.dataDir} to make it again`);
  }
}

/** Stop the replica if it runs; true when it did. */
export function stopReplica(replica: Cluster): boolean {
  if (!fs.existsSync(path.join(replica.dataDir, 'pg', 'PG_VERSION')) || !isRunning(replica)) return false;
  asPostgres(path.join(PG_BIN, 'pg_ctl'), ['stop', '-w', '-m', 'fast', '-D', path.join(replica.dataDir, 'pg')]);
  return true;
}

function folderBytes(dir: string): number {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    total += entry.isDirectory() ? folderBytes(full) : entry.isFile() ? fs.statSync(full).size : 0;
  }
  return total;
}
