/** Everything under /api: who is calling (auth), rate limits, and one plugin per resource. */
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { authPlugin } from '../plugins/auth.js';
import { accessRoutes } from './access.js';
import { areaRoutes } from './areas.js';
import { authRoutes } from './auth.js';
import { assistanceRoutes } from './assistance.js';
import { householdRoutes } from './households.js';
import { importRoutes } from './imports.js';
import { metaRoutes } from './meta.js';
import { rankingRoutes } from './rankings.js';
import { userRoutes } from './users.js';

export async function apiPlugin(app: FastifyInstance, options: { importSpoolDir?: string }) {
  // Limits are declared per route (login, exports); nothing else is limited.
  await app.register(rateLimit, { global: false });
  await app.register(authPlugin);
  await app.register(metaRoutes);
  await app.register(areaRoutes);
  await app.register(rankingRoutes);
  await app.register(accessRoutes);
  await app.register(authRoutes, {});
  await app.register(householdRoutes, {});
  await app.register(userRoutes);
  await app.register(assistanceRoutes);
  await app.register(importRoutes, { spoolDir: options.importSpoolDir });
}
