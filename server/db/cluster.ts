/**
 * The private PostgreSQL + PostGIS cluster under .data/ that `npm start` and `npm test` use when no
 * DATABASE_URL is given. PostgreSQL refuses to run as root, so as root the cluster belongs to the
 * `postgres` system user of Debian's package. It listens on a unix socket inside its folder only, so
 * two checkouts on one machine never fight over a TCP port.
 *
 * The `postgres` user must be able to reach that folder. A checkout inside a folder only root may
 * enter (root's home, `mktemp -d`) cannot hold it, so there the cluster lives in a folder of its own
 * under /var/lib/postgresql/povmap/, named after the checkout's path; everything else stays in .data/.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ensureDebianPackages, isRoot } from '../cli/apt.js';
import { SetupError, step } from '../cli/output.js';

export const PG_BIN = '/usr/lib/postgresql/15/bin';
const EXTENSION_DIR = '/usr/share/postgresql/15/extension';
const DEBIAN_PACKAGES = ['postgresql-15', 'postgresql-15-postgis-3', 'postgis', 'gdal-bin'];

export interface Cluster {
  dataDir: string;
  socketDir: string;
  port: number;
}

/** Where the cluster of a checkout's data folder lives (see the top of this file). */
export function clusterFor(dataDir: string): Cluster {
  const home = isRoot() && !othersCanReach(dataDir) ? outsideHome(dataDir) : dataDir;
  return { dataDir: home, socketDir: path.join(home, 'run'), port: Number(process.env.POVMAP_PG_PORT ?? 54329) };
}

/** The postgres user is nobody's owner or group here: it gets in where "others" may search. */
function othersCanReach(dir: string): boolean {
  let at = path.resolve(dir);
  while (!fs.existsSync(at)) at = path.dirname(at);
  for (; ; at = path.dirname(at)) {
    const st = fs.statSync(at);
    if (!(st.mode & 0o001) && st.uid !== postgresUid()) return false;
    if (at === path.dirname(at)) return true;
  }
}

function postgresUid(): number | undefined {
  const line = fs.existsSync('/etc/passwd') ? fs.readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith('postgres:')) : undefined;
  return line ? Number(line.split(':')[2]) : undefined;
}

function outsideHome(dataDir: string): string {
  const tag = createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 12);
  const name = path.basename(path.dirname(path.resolve(dataDir))).replace(/[^A-Za-z0-9._-]/g, '_');
  return path.join('/var/lib/postgresql/povmap', `${name}-${tag}`);
}

/** Connection string for a database in the private cluster. */
export function clusterUrl(cluster: Cluster, database: string): string {
  return `postgresql://postgres@localhost/${database}?host=${encodeURIComponent(cluster.socketDir)}&port=${cluster.port}`;
}

function postgisPresent(): boolean {
  return (
    fs.existsSync(path.join(PG_BIN, 'postgres')) &&
    fs.existsSync(path.join(EXTENSION_DIR, 'postgis.control')) &&
    fs.existsSync(path.join(EXTENSION_DIR, 'postgis_raster.control')) &&
    fs.existsSync('/usr/bin/raster2pgsql') &&
    fs.existsSync('/usr/bin/ogr2ogr')
  );
}

/**
 * PostgreSQL 15 + PostGIS + GDAL from Debian, installed when missing and we are root. The facts are
 * parameters so that the not-root path can be tested on a machine that has everything.
 */
export function ensurePostgis(facts: { present?: boolean; root?: boolean } = {}): void {
  ensureDebianPackages({
    what: 'PostgreSQL 15 with PostGIS', packages: DEBIAN_PACKAGES, present: postgisPresent,
    otherwise: 'or set DATABASE_URL to an existing PostGIS server',
  }, facts);
}

/** Run a PostgreSQL program as the `postgres` user when we are root (it refuses to run as root). */
export function asPostgres(cmd: string, args: string[], opts: { quiet?: boolean } = {}) {
  const [file, argv] = isRoot() ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
  const r = spawnSync(file, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.status !== 0 && !opts.quiet) {
    const detail = (r.stderr || r.stdout || '').trim().split('\n').slice(-3).join(' | ');
    throw new SetupError(`${path.basename(cmd)} failed: ${detail}`);
  }
  return r;
}

export function isRunning(cluster: Cluster): boolean {
  return asPostgres(path.join(PG_BIN, 'pg_ctl'), ['status', '-D', path.join(cluster.dataDir, 'pg')], { quiet: true }).status === 0;
}

/** Make the cluster (initdb) if it does not exist, and start it if it is not running. */
export function ensureCluster(cluster: Cluster): void {
  const pgdata = path.join(cluster.dataDir, 'pg');
  fs.mkdirSync(path.dirname(cluster.dataDir), { recursive: true });
  fs.mkdirSync(cluster.dataDir, { recursive: true, mode: 0o700 });
  if (isRoot()) execFileSync('chown', ['postgres:postgres', cluster.dataDir]);
  if (!fs.existsSync(path.join(pgdata, 'PG_VERSION'))) {
    step(`Creating a private PostgreSQL cluster in ${pgdata}`);
    // initdb into a scratch folder and rename, so an interrupted initdb never looks like a cluster.
    const scratch = `${pgdata}.init`;
    fs.rmSync(scratch, { recursive: true, force: true });
    asPostgres(path.join(PG_BIN, 'initdb'), ['-D', scratch, '--auth=trust', '--encoding=UTF8', '--no-locale', '-U', 'postgres']);
    fs.appendFileSync(path.join(scratch, 'postgresql.conf'), clusterSettings(cluster));
    fs.renameSync(scratch, pgdata);
  }
  fs.mkdirSync(cluster.socketDir, { recursive: true });
  if (isRoot()) execFileSync('chown', ['postgres:postgres', cluster.socketDir]);
  if (!isRunning(cluster)) {
    step(`Starting PostgreSQL (socket in ${cluster.socketDir}, port ${cluster.port})`);
    asPostgres(path.join(PG_BIN, 'pg_ctl'), ['start', '-w', '-t', '60', '-D', pgdata, '-l', path.join(cluster.dataDir, 'postgresql.log'), '-o', `-p ${cluster.port}`]);
  }
}

export function stopCluster(cluster: Cluster): boolean {
  if (!fs.existsSync(path.join(cluster.dataDir, 'pg', 'PG_VERSION')) || !isRunning(cluster)) return false;
  asPostgres(path.join(PG_BIN, 'pg_ctl'), ['stop', '-w', '-m', 'fast', '-D', path.join(cluster.dataDir, 'pg')]);
  return true;
}

/** Settings for a 2-core, 24 GB machine that bulk-loads millions of rows and serves tiles. */
function clusterSettings(cluster: Cluster): string {
  return `
# --- povmap private cluster ---
listen_addresses = ''
unix_socket_directories = '${cluster.socketDir}'
shared_buffers = 2GB
work_mem = 64MB
maintenance_work_mem = 1GB
effective_cache_size = 12GB
max_wal_size = 8GB
checkpoint_timeout = 30min
wal_level = minimal
max_wal_senders = 0
max_parallel_workers_per_gather = 2
random_page_cost = 1.1
jit = off
max_connections = 200
# a killed client's long statement stops within a second instead of running to its end
client_connection_check_interval = 1s
`;
}
