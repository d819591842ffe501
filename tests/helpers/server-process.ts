/**
 * A povmap server as a child process, for the crash tests (tests/integration/import-kill.test.ts
 * kills it with SIGKILL): serves DATABASE_URL on PORT (0: any free port) exactly as `npm start`
 * does after its setup, and prints `listening <port>` on stdout once it answers.
 */
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../server/config.js';
import { main } from '../../server/main.js';

const config = loadConfig();
if (!config.databaseUrl) throw new Error('DATABASE_URL is required');
// tests turn the background tile seeding on only where they test it
const app = await main(config, config.databaseUrl, { seedTiles: false });
process.stdout.write(`listening ${(app.server.address() as AddressInfo).port}\n`);
