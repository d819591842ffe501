/**
 * The Fastify application. `buildApp` returns an app that tests drive with `inject`; `main` only
 * listens. Each resource is its own plugin; the database handle is shared as `app.db`.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { tilesPlugin } from '../tiles/plugin.js';
import { connectionUrl, createDb, type Db } from './db/knex.js';
import { markInterrupted } from './imports/jobs.js';
import { DIMENSIONS, INDICATORS } from './mpi/indicators.js';
import { OVERVIEW_FACTORS } from './nightlight/import.js';
import { ImportQueue } from './imports/queue.js';
import { clientPlugin } from './plugins/client.js';
import { finiteNumbersKeyword, finiteNumbersPlugin } from './plugins/finite-numbers.js';
import { problemPlugin } from './plugins/problem.js';
import { healthRoutes } from './routes/health.js';
import { apiPlugin } from './routes/api.js';
import { openapiPlugin } from './plugins/openapi.js';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    /** Uploaded imports waiting for or running on the import connection. */
    imports: ImportQueue;
  }
}

export interface AppOptions {
  databaseUrl: string;
  logLevel?: string;
  /** Pretty logs for people at a terminal; JSON otherwise. */
  prettyLogs?: boolean;
  /** Where uploaded import files wait for their job (default: the system temp directory). */
  importSpoolDir?: string;
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: {
      level: options.logLevel ?? 'info',
      ...(options.prettyLogs ? { transport: { target: 'pino-pretty', options: { colorize: true, ignore: 'pid,hostname' } } } : {}),
    },
    // Coerced query numbers can come out as ±Infinity, which ajv's bounds skip: finite-numbers.ts refuses them.
    ajv: { customOptions: { coerceTypes: true, removeAdditional: false, allErrors: false }, plugins: [finiteNumbersKeyword] },
  });
  app.decorate('db', createDb(options.databaseUrl, { max: 20 }));
  app.decorate('imports', new ImportQueue(options.databaseUrl, app.log));
  app.addHook('onClose', async () => {
    await app.imports.close();
    await app.db.destroy();
  });
  // Imports a process that is gone left in a running state are failed, not shown as running forever.
  app.addHook('onReady', async () => {
    const ids = await markInterrupted(app.db).catch((err) => {
      app.log.warn({ err }, 'could not check for interrupted imports');
      return [];
    });
    if (ids.length) app.log.warn({ ids }, 'imports interrupted by a stopped process marked failed');
  });
  await app.register(problemPlugin);
  await app.register(finiteNumbersPlugin);
  await app.register(openapiPlugin);
  await app.register(healthRoutes);
  await app.register(apiPlugin, { importSpoolDir: options.importSpoolDir });
  // Tiles (vector and night-light raster) get what they need of the server passed in: connections
  // from the app's pool, the listener's connection string, the MPI vocabulary, the stored overviews.
  await app.register(tilesPlugin, {
    database: { acquire: () => app.db.client.acquireConnection(), release: (c) => app.db.client.releaseConnection(c) },
    listenUrl: connectionUrl(app.db),
    vocabulary: { indicators: INDICATORS, dimensions: DIMENSIONS },
    nightlightOverviews: OVERVIEW_FACTORS,
  });
  await app.register(clientPlugin);
  return app;
}
