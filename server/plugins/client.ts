/**
 * Serves the built map client (dist/client) at `/`. Only the files Vite wrote and the client's own
 * routes (`/`, `/area/:code`, `/households`) are routes here, so `/api`, `/tiles`, `/docs` and
 * `/health` are never shadowed and an unknown path still gets the problem+json 404.
 * Hashed assets are cached for a year; index.html is revalidated on every load so a new build shows.
 */
import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifySchema } from 'fastify';
import { CLIENT_DIST } from '../cli/client-build.js';
import { HttpProblem } from './problem.js';

export const CLIENT_ROUTES = ['/', '/area/:code', '/households'];

export async function clientPlugin(app: FastifyInstance, options: { root?: string } = {}) {
  const root = options.root ?? CLIENT_DIST;
  const built = fs.existsSync(path.join(root, 'index.html'));
  if (built) {
    await app.register(fastifyStatic, {
      root,
      prefix: '/',
      wildcard: false,
      index: false,
      setHeaders(res, file) {
        res.header('Cache-Control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  } else {
    app.log.warn(`map client not built (${root} has no index.html): npm start builds it`);
  }
  const page = async (_req: unknown, reply: FastifyReply) => {
    if (!built) throw new HttpProblem(503, 'The map client is not built yet; run `npm start` (it builds client/ with Vite).');
    reply.header('Cache-Control', 'no-cache');
    return reply.sendFile('index.html');
  };
  for (const url of CLIENT_ROUTES) app.get(url, { schema: { hide: true } as FastifySchema }, page);
}
