/**
 * The tile server under benchmark, in its own process like a deployed server (so the benchmark's
 * HTTP client does not share its event loop). Started by tiles.bench.ts with an IPC channel:
 * it sends { port } once listening, answers 'clear' (empty the tile cache) with 'cleared', and
 * exits on 'close'.
 */
import type { AddressInfo } from 'node:net';
import { buildApp } from '../../server/app.js';

const databaseUrl = process.env.BENCH_TILE_DATABASE_URL;
if (!databaseUrl || !process.send) throw new Error('start me from tiles.bench.ts');
const app = await buildApp({ databaseUrl, logLevel: 'warn' });
await app.listen({ port: 0, host: '127.0.0.1' });
process.send({ port: (app.server.address() as AddressInfo).port });
process.on('message', (message) => {
  if (message === 'clear') {
    app.tiles.cache.clear();
    process.send!('cleared');
  } else if (message === 'stats') {
    process.send!({ entries: app.tiles.cache.size, bytes: app.tiles.cache.bytes });
  } else if (message === 'close') {
    void app.close().then(() => process.exit(0));
  }
});
