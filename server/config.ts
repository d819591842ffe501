import { SetupError } from './cli/output.js';
import { dataDirFrom, PROJECT_ROOT } from './data-dir.js';
import { normalizeConnectionString } from './db/connection-string.js';

export { PROJECT_ROOT };

export interface Config {
  port: number;
  host: string;
  /** Set when the user points povmap at an existing server; otherwise the private cluster is used. */
  databaseUrl: string | undefined;
  logLevel: string;
  /** Where the private cluster, generated files and caches live. */
  dataDir: string;
  /**
   * PUBLIC_URL: the origin the public reaches povmap at (e.g. https://povmap.example.org), for the
   * absolute URLs of style.json and TileJSON; unset, those URLs are relative. Never the Host header.
   */
  publicUrl: string | undefined;
  /** IMPORT_MAX_BYTES: the largest file an import upload may carry (default 4 GiB); larger is 413. */
  importMaxBytes: number | undefined;
  /** DATABASE_REPLICA_URLS: streaming replicas of the primary that reads may go to (server/db/replicas.ts). */
  replicaUrls: string[];
  /** WORKERS: server processes sharing the port (node:cluster; server/cli/workers.ts). */
  workers: number;
}

export class ConfigError extends SetupError {}

/** PUBLIC_URL checked and without a trailing slash: an http(s) URL with no query, fragment or credentials. */
export function publicUrlFrom(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`PUBLIC_URL must be an absolute http(s) URL such as https://povmap.example.org, got "${value}"`);
  }
  if (!['http:', 'https:'].includes(url.protocol) || url.search || url.hash || url.username || url.password) {
    throw new ConfigError(`PUBLIC_URL must be an http(s) URL without query, fragment or credentials, got "${value}"`);
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`PORT must be 0-65535, got "${env.PORT}"`);
  const logLevel = env.LOG_LEVEL ?? 'info';
  const levels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
  if (!levels.includes(logLevel)) throw new ConfigError(`LOG_LEVEL must be one of ${levels.join(', ')}, got "${logLevel}"`);
  // Any form libpq accepts (socket paths, keyword=value), as one URI every tool reads.
  const databaseUrl = env.DATABASE_URL ? normalizeConnectionString(env.DATABASE_URL) : undefined;
  let importMaxBytes: number | undefined;
  if (env.IMPORT_MAX_BYTES !== undefined) {
    importMaxBytes = Number(env.IMPORT_MAX_BYTES);
    if (!/^\d+$/.test(env.IMPORT_MAX_BYTES) || !Number.isSafeInteger(importMaxBytes) || importMaxBytes < 1) {
      throw new ConfigError(`IMPORT_MAX_BYTES must be a whole number of bytes (at least 1), got "${env.IMPORT_MAX_BYTES}"`);
    }
  }
  const replicaUrls = (env.DATABASE_REPLICA_URLS ?? '').split(',').map((u) => u.trim()).filter(Boolean).map(normalizeConnectionString);
  const workers = Number(env.WORKERS ?? 1);
  if (!/^\d+$/.test(env.WORKERS ?? '1') || workers < 1 || workers > 64) throw new ConfigError(`WORKERS must be a whole number from 1 to 64, got "${env.WORKERS}"`);
  return {
    importMaxBytes,
    replicaUrls,
    workers,
    publicUrl: env.PUBLIC_URL ? publicUrlFrom(env.PUBLIC_URL) : undefined,
    port,
    host: env.HOST ?? '127.0.0.1',
    databaseUrl,
    logLevel,
    dataDir: dataDirFrom(env),
  };
}
