/** Listen. Everything else is in buildApp (server/app.ts); setup is in server/cli/start.ts. */
import { buildApp } from './app.js';
import type { Config } from './config.js';

/** `seedTiles`: re-render the first tiles after data changes (tiles/seed.ts); on unless a test turns it off. */
export async function main(config: Config, databaseUrl: string, { seedTiles = true }: { seedTiles?: boolean } = {}) {
  const app = await buildApp({
    databaseUrl, logLevel: config.logLevel, prettyLogs: process.stdout.isTTY, publicUrl: config.publicUrl,
    importMaxBytes: config.importMaxBytes, replicaUrls: config.replicaUrls, seedTiles,
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      app.log.info(`${signal}: closing`);
      void app.close().then(() => process.exit(0));
    });
  }
  await app.listen({ port: config.port, host: config.host });
  return app;
}
