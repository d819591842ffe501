/**
 * Which requests read from a replica (server/db/read-routing.ts does the routing in the pool):
 * GET and HEAD requests for tiles, aggregates, search, exports and the OGC API. Everything that
 * writes (imports, logbook, users, sign-in) and everything about one's own rows and session
 * (households and their logbook, imports' state, /api/auth/me) stays on the primary, as does
 * /health, which checks the primary itself and reports the replicas.
 *
 * Read-your-writes: a request that wrote answers with the primary's WAL position after it, as the
 * cookie `povmap_wrote` and kept per bearer token in this process; the caller's reads then go to
 * the primary until a replica has replayed that far. A data change by an import needs none of this:
 * no replica is read from before it has replayed every data version the primary announced.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { LRUCache } from 'lru-cache';
import { sqlText } from '../../sql/load.js';
import { onPrimary, runWithReadRoute, type ReadRoute } from '../db/read-routing.js';
import { lsnValue, type ReplicaSet } from '../db/replicas.js';

/** Paths whose reads stay on the primary: writes, one's own rows and session, the health check. */
const PRIMARY_PATHS = [/^\/api\/auth\//, /^\/api\/users/, /^\/api\/households/, /^\/api\/imports/, /^\/health/];

export const WROTE_COOKIE = 'povmap_wrote';
/** Long enough for any replica that is up to replay the write; after it, a lagging replica is caught by the version gate. */
const WROTE_MAX_AGE_S = 300;
const READ_METHODS = new Set(['GET', 'HEAD']);

declare module 'fastify' {
  interface FastifyRequest {
    readRoute: ReadRoute | undefined;
  }
}

const WROTE_COOKIE_RE = new RegExp(`(?:^|;\\s*)${WROTE_COOKIE}=([0-9A-Fa-f]{1,8}/[0-9A-Fa-f]{1,8})(?:;|$)`);

/** The WAL position in the request's `povmap_wrote` cookie, if it carries a well-formed one. */
function wroteCookie(request: FastifyRequest): bigint | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  const m = WROTE_COOKIE_RE.exec(header);
  return m ? lsnValue(m[1]) : undefined;
}

function bearer(request: FastifyRequest): string | undefined {
  return /^Bearer\s+(\S+)$/.exec(request.headers.authorization ?? '')?.[1];
}

export const readRoutingPlugin = fp(async (app: FastifyInstance, options: { replicas: ReplicaSet | undefined }) => {
  const { replicas } = options;
  if (!replicas) return;
  // bearer callers (scripts) do not keep cookies: their last write's position, per token, in this process
  const wroteByToken = new LRUCache<string, bigint>({ max: 10_000, ttl: WROTE_MAX_AGE_S * 1000 });
  app.decorateRequest('readRoute', undefined);

  app.addHook('onRequest', (request, _reply, done) => {
    const path = request.url.split('?')[0];
    if (!READ_METHODS.has(request.method) || PRIMARY_PATHS.some((p) => p.test(path))) return done();
    const token = bearer(request);
    const lsns = [wroteCookie(request), token ? wroteByToken.get(token) : undefined].filter((l): l is bigint => l !== undefined);
    const route: ReadRoute = { replica: true, ...(lsns.length ? { minLsn: lsns.reduce((a, b) => (a > b ? a : b)) } : {}) };
    request.readRoute = route;
    runWithReadRoute(route, done);
  });
  // A body is parsed in the socket's context: enter the route again for the handler (as the time budget does).
  app.addHook('preHandler', (request, _reply, done) => (request.readRoute ? runWithReadRoute(request.readRoute, done) : done()));

  app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply) => {
    if (READ_METHODS.has(request.method) || request.method === 'OPTIONS' || reply.statusCode >= 400) return;
    try {
      const { rows } = await onPrimary(() => app.db.raw(sqlText('replicas/primary_lsn.sql')));
      const lsn = (rows as Array<{ lsn: string }>)[0].lsn;
      reply.header('set-cookie', `${WROTE_COOKIE}=${lsn}; Path=/; Max-Age=${WROTE_MAX_AGE_S}; HttpOnly; SameSite=Lax`);
      const token = bearer(request);
      if (token) wroteByToken.set(token, lsnValue(lsn));
    } catch (err) {
      // the write is done; without its position the caller's next reads may come from a replica a moment behind
      request.log.warn({ err }, 'could not read the primary WAL position after a write');
    }
  });
});
