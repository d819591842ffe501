/**
 * Everything under /api (and the OGC API under /ogc), registered here and nowhere else: who is calling (auth), rate limits, and one
 * plugin per resource. Public routes simply do not ask for a user.
 */
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { authPlugin } from '../plugins/auth.js';
import { accessRoutes } from './access.js';
import { areaRoutes } from './areas.js';
import { authRoutes } from './auth.js';
import { choroplethRoutes } from './choropleth.js';
import { assistanceRoutes } from './assistance.js';
import { hotspotRoutes } from './hotspots.js';
import { householdRoutes } from './households.js';
import { personRoutes } from './persons.js';
import { importRoutes } from './imports.js';
import { labelRoutes } from './labels.js';
import { lightMismatchRoutes } from './light-mismatch.js';
import { handoffRoutes } from './handoff.js';
import { menuRoutes } from './menu.js';
import { metaRoutes } from './meta.js';
import { nightlightRoutes } from './nightlight.js';
import { downloadRoutes } from './downloads.js';
import { ogcRoutes } from './ogc.js';
import { ogcTileRoutes } from './ogc-tiles.js';
import { areaContextRoutes } from './area-context.js';
import { speedUpRoutes } from './speed-up.js';
import { potentialRoutes } from './potential.js';
import { rankingRoutes } from './rankings.js';
import { registryRoutes } from './registry.js';
import { searchRoutes } from './search.js';
import { userRoutes } from './users.js';

export interface ApiOptions {
  /** PUBLIC_URL, for the absolute links of /ogc (relative without it). */
  publicUrl?: string;
}

export async function apiPlugin(app: FastifyInstance, options: ApiOptions = {}) {
  // Limits are declared per route (login, exports); nothing else is limited.
  await app.register(rateLimit, { global: false });
  await app.register(authPlugin);
  await app.register(metaRoutes);
  await app.register(areaRoutes);
  await app.register(rankingRoutes);
  await app.register(choroplethRoutes);
  await app.register(searchRoutes);
  await app.register(labelRoutes);
  await app.register(accessRoutes);
  await app.register(hotspotRoutes);
  await app.register(nightlightRoutes);
  await app.register(lightMismatchRoutes);
  await app.register(potentialRoutes);
  await app.register(areaContextRoutes);
  await app.register(speedUpRoutes);
  await app.register(authRoutes, {});
  await app.register(householdRoutes, {});
  await app.register(personRoutes, {});
  await app.register(userRoutes);
  await app.register(assistanceRoutes);
  await app.register(menuRoutes);
  await app.register(handoffRoutes);
  await app.register(registryRoutes);
  await app.register(importRoutes);
  // OGC API – Features and Tiles and the GIS downloads (issue 19): public, under the same disclosure policy.
  await app.register(ogcRoutes, { publicUrl: options.publicUrl });
  await app.register(ogcTileRoutes, { publicUrl: options.publicUrl });
  await app.register(downloadRoutes, {});
}
