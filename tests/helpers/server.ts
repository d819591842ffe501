/**
 * A real povmap server for browser tests and benchmarks: buildApp over a database, listening on a
 * free port on localhost, serving the built client (built first when stale).
 */
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.js';
import { ensureClientBuilt } from '../../server/cli/client-build.js';

export interface RunningServer {
  app: FastifyInstance;
  url: string;
  close(): Promise<void>;
}

export async function startServer(databaseUrl: string): Promise<RunningServer> {
  await ensureClientBuilt();
  return startApiServer(databaseUrl, 'warn');
}

/** The same without building the client first: for tests of the API through real HTTP (GDAL as the client). */
export async function startApiServer(databaseUrl: string, logLevel = 'silent'): Promise<RunningServer> {
  const app = await buildApp({ databaseUrl, logLevel });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('server has no TCP address');
  return { app, url: `http://127.0.0.1:${address.port}`, close: () => app.close() };
}
