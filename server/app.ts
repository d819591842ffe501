/**
 * The Fastify application. `buildApp` returns an app that tests drive with `inject`; `main` only
 * listens. Each resource is its own plugin; the database handle is shared as `app.db`.
 */
import { AREA_VOCABULARY } from './areas/vocabulary.js';
import Fastify, { type FastifyInstance } from 'fastify';
import { tilesPlugin } from '../tiles/plugin.js';
import { applyBudgets } from './db/budget.js';
import { connectionUrl, createDb, type Db } from './db/knex.js';
import { installReadRouting } from './db/read-routing.js';
import { ReplicaSet } from './db/replicas.js';
import { OVERVIEW_FACTORS } from './nightlight/import.js';
import { ImportQueue } from './imports/queue.js';
import { ImportSpool } from './imports/spool.js';
import { clientPlugin } from './plugins/client.js';
import { REDACT_PATHS, requestSerializer } from './plugins/logging.js';
import { finiteNumbersKeyword, finiteNumbersPlugin } from './plugins/finite-numbers.js';
import { frameworkErrors, problemPlugin } from './plugins/problem.js';
import { clientErrorHandler, requestLimitsPlugin } from './plugins/request-limits.js';
import { securityPlugin } from './plugins/security.js';
import { readRoutingPlugin } from './plugins/read-routing.js';
import { classTimeoutMs, timeBudgetPlugin } from './plugins/time-budget.js';
import { healthRoutes } from './routes/health.js';
import { apiPlugin } from './routes/api.js';
import { openapiPlugin } from './plugins/openapi.js';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    /** Uploaded imports waiting for or running on the import connection. */
    imports: ImportQueue;
    /** The streaming replicas reads may go to (DATABASE_REPLICA_URLS); undefined when none. */
    replicas: ReplicaSet | undefined;
  }
}

/**
 * Connections of the tiles' own pool. Tile statements are short and CPU-bound in the database; a
 * few connections keep the cores busy, and a burst of cold tiles queues here instead of taking the
 * API's connections.
 */
const TILE_POOL_MAX = 8;

export interface AppOptions {
  databaseUrl: string;
  logLevel?: string;
  /** Pretty logs for people at a terminal; JSON otherwise. */
  prettyLogs?: boolean;
  /** Where uploaded import files wait for their job (default: spool/ in the data directory). */
  importSpoolDir?: string;
  /** The largest upload file in bytes (IMPORT_MAX_BYTES; default 4 GiB); larger ones get 413. */
  importMaxBytes?: number;
  /**
   * The origin the public reaches the server at (PUBLIC_URL, e.g. https://povmap.example.org), used
   * for absolute URLs in style.json and TileJSON. Unset: those URLs are relative. Never the Host header.
   */
  publicUrl?: string;
  /** Where JSON log lines go instead of stdout (tests read the request log from it). */
  logStream?: NodeJS.WritableStream;
  /** Statement time-outs (ms) by route class, replacing server/plugins/time-budget.ts's table. */
  statementTimeoutMs?: Record<string, number>;
  /**
   * Re-render the planner's first tiles (areas and boundaries, z0-10, newest year) in the background
   * after every data change (tiles/seed.ts). On in `npm start`; off unless asked, so tests and tools
   * that build an app do not render tiles behind their backs.
   */
  seedTiles?: boolean;
  /** Streaming replicas of databaseUrl for reads (DATABASE_REPLICA_URLS; server/db/replicas.ts). */
  replicaUrls?: string[];
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: {
      level: options.logLevel ?? 'info',
      // Credentials never reach the log: secret query parameters and auth headers are redacted.
      serializers: { req: requestSerializer },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      ...(options.logStream ? { stream: options.logStream } : {}),
      ...(options.prettyLogs && !options.logStream ? { transport: { target: 'pino-pretty', options: { colorize: true, ignore: 'pid,hostname' } } } : {}),
    },
    // What Node's HTTP parser refuses (header too large, unparsable) is answered as problem+json too.
    clientErrorHandler,
    // So are paths the router refuses (a path segment over 100 characters, a malformed escape), without
    // echoing the path back (Fastify's own answer quotes it).
    frameworkErrors,
    // Coerced query numbers can come out as ±Infinity, which ajv's bounds skip: finite-numbers.ts refuses them.
    ajv: { customOptions: { coerceTypes: true, removeAdditional: false, allErrors: false }, plugins: [finiteNumbersKeyword] },
  });
  const replicas = options.replicaUrls?.length
    ? new ReplicaSet({ primaryUrl: options.databaseUrl, replicaUrls: options.replicaUrls, warn: (message) => app.log.warn(message) })
    : undefined;
  const db = createDb(options.databaseUrl, { max: 20 });
  // Reads of a request may go to a replica (read routing), under the request's time budget either way.
  if (replicas) installReadRouting(db, replicas);
  applyBudgets(db);
  app.decorate('db', db);
  // Tiles have a pool of their own whose connections all keep the tiles' statement time-out, set
  // once per connection: in the shared pool a connection passed between a tile and an API request
  // got a `set statement_timeout` round trip before the tile statement each time (server/db/budget.ts).
  // Tile reads go to replicas like every other read.
  const tileDb = createDb(options.databaseUrl, { max: TILE_POOL_MAX, applicationName: 'povmap-tiles' });
  if (replicas) installReadRouting(tileDb, replicas);
  applyBudgets(tileDb, classTimeoutMs('tiles', options.statementTimeoutMs));
  app.decorate('replicas', replicas);
  app.decorate('imports', new ImportQueue(options.databaseUrl, app.log, new ImportSpool(options.importSpoolDir, options.importMaxBytes)));
  app.addHook('onClose', async () => {
    await app.imports.close();
    await app.replicas?.close();
    await app.db.destroy();
    await tileDb.destroy();
  });
  // Imports a process that is gone left running are settled, not shown as running forever; their
  // spool files go; a refresh a merged import still owes runs (server/imports/queue.ts).
  app.addHook('onReady', async () => {
    await app.imports.recover(app.db).catch((err) => app.log.warn({ err }, 'could not recover interrupted imports'));
  });
  await app.register(securityPlugin);
  await app.register(problemPlugin);
  await app.register(requestLimitsPlugin);
  await app.register(timeBudgetPlugin, { statementTimeoutMs: options.statementTimeoutMs });
  await app.register(readRoutingPlugin, { replicas });
  await app.register(finiteNumbersPlugin);
  await app.register(openapiPlugin);
  await app.register(healthRoutes);
  await app.register(apiPlugin, { publicUrl: options.publicUrl });
  // Tiles (vector and night-light raster) get what they need of the server passed in: connections
  // from the tiles' pool, the listener's connection string, the MPI vocabulary, the stored overviews.
  await app.register(tilesPlugin, {
    database: { acquire: () => tileDb.client.acquireConnection(), release: (c) => tileDb.client.releaseConnection(c) },
    listenUrl: connectionUrl(app.db),
    vocabulary: AREA_VOCABULARY,
    nightlightOverviews: OVERVIEW_FACTORS,
    publicUrl: options.publicUrl,
    seedTiles: options.seedTiles,
  });
  if (replicas) {
    // one listener for the tiles' stamps and the router's version gate (server/db/replicas.ts)
    replicas.follow(app.tiles.versions);
    await replicas.start();
  }
  await app.register(clientPlugin);
  return app;
}
