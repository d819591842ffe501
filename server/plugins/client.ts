/**
 * Serves the built map client (dist/client) at `/`. Only `/assets/*` (the files Vite writes) and
 * the client's own routes (`/`, `/area/:code`, `/area/:code/report`, `/area/:code/dashboard`, `/households`) are routes here, so `/api`, `/tiles`,
 * `/docs` and `/health` are never shadowed and an unknown path still gets the problem+json 404.
 * Assets have content hashes in their names and are cached for a year; index.html is revalidated
 * on every load so a new build shows at once. Assets go out brotli- or gzip-compressed when the
 * browser accepts it, from the copies the build wrote (client/build/precompress-plugin.ts). The build is looked up per request, so a client
 * rebuilt while the server runs is served without a restart. Source maps are not built
 * (vite.config.ts) and never served, even if a *.map file is left in the build folder: a 404.
 */
import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifySchema } from 'fastify';
import { CLIENT_DIST } from '../cli/client-build.js';
import { HttpProblem } from './problem.js';

export const CLIENT_ROUTES = ['/', '/area/:code', '/area/:code/report', '/area/:code/dashboard', '/households'];

export async function clientPlugin(app: FastifyInstance, options: { root?: string } = {}) {
  const root = options.root ?? CLIENT_DIST;
  await app.register(fastifyStatic, {
    root: path.join(root, 'assets'),
    prefix: '/assets/',
    wildcard: true,
    index: false,
    immutable: true,
    maxAge: '365d',
    // the build writes .br and .gz copies (client/build/precompress-plugin.ts): sent as they are,
    // with Content-Encoding and Vary: Accept-Encoding, to a browser that accepts them
    preCompressed: true,
    allowedPath: (pathName) => !pathName.toLowerCase().endsWith('.map'),
  });
  const page = async (_req: unknown, reply: FastifyReply) => {
    if (!fs.existsSync(path.join(root, 'index.html'))) {
      throw new HttpProblem(503, 'The map client is not built yet; `npm start` builds it (vite build of client/).');
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html', root, { cacheControl: false });
  };
  for (const url of CLIENT_ROUTES) app.get(url, { schema: { hide: true } as FastifySchema }, page);
}
