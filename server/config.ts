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
}

export class ConfigError extends SetupError {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`PORT must be 0-65535, got "${env.PORT}"`);
  const logLevel = env.LOG_LEVEL ?? 'info';
  const levels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
  if (!levels.includes(logLevel)) throw new ConfigError(`LOG_LEVEL must be one of ${levels.join(', ')}, got "${logLevel}"`);
  // Any form libpq accepts (socket paths, keyword=value), as one URI every tool reads.
  const databaseUrl = env.DATABASE_URL ? normalizeConnectionString(env.DATABASE_URL) : undefined;
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    databaseUrl,
    logLevel,
    dataDir: dataDirFrom(env),
  };
}
