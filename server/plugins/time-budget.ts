/**
 * Every request has a time budget (issue 16): its route class sets the statement time-out its
 * queries run under (server/db/budget.ts applies it in the pool), and when the client goes away
 * before the answer is sent the request's running statement is cancelled. The classes are one table
 * here, documented in the README ("Time budgets"). A refusal for lack of time or capacity (503)
 * carries Retry-After.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { cancelBudget, newBudget, runWithBudget, StatementTimeout, type RequestBudget } from '../db/budget.js';

export interface RouteClass {
  name: string;
  /** Statement time-out in milliseconds; 0 = none. */
  statementTimeoutMs: number;
  /** Cancel the running statement when the client goes away. */
  cancelOnDisconnect: boolean;
  /** Route URLs as registered (`/api/areas/:code/access`), or patterns over them. */
  routes: Array<string | RegExp>;
}

/**
 * The first class whose routes match wins; a route in none is `quick`. Each time-out sits well
 * above what legitimate requests of its class cost (`npm run bench -- budgets`, in
 * tests/bench/RESULTS.md and the README): at least 3 × the slowest measured on the demo data on
 * 2 shared cores, because the test suite and a busy server run slower than a quiet measurement.
 * A time-out is a safety net against a runaway statement, not a way to shape normal traffic: the
 * costs that grow with parameters are refused earlier, by documented limits (custom catchments,
 * server/access/on-request.ts) and by bounded queues (hotspot threads, custom access figures).
 */
export const ROUTE_CLASSES: RouteClass[] = [
  // Streaming CSV exports: as long as the client reads, but cancelled when it leaves.
  // GIS downloads too (ogr2ogr reads on its own connection and is killed when the client leaves).
  { name: 'export', statementTimeoutMs: 0, cancelOnDisconnect: true, routes: [/\.csv$/, '/ogc/collections/:collectionId/download'] },
  // Analyses computed on request over many areas or households. Slowest legitimate statement
  // measured: 5.2 s (a 15 km catchment over Bangkok, the densest province, at load 4-10).
  {
    name: 'analysis', statementTimeoutMs: 60_000, cancelOnDisconnect: true,
    routes: ['/api/hotspots', '/api/changes', '/api/rankings', '/api/access/rankings', '/api/areas/:code/access',
      '/api/light-mismatch', '/api/areas/:code/potential', '/api/areas/:code/nightlight'],
  },
  // Tiles: one bounded query each (slowest cold tile measured: 1.2 s). Not cancelled on disconnect:
  // a tile being made may be awaited by other requests for the same tile (tiles/ shares one rendering).
  // OGC API tiles are the same tiles (tiles/send.ts).
  { name: 'tiles', statementTimeoutMs: 10_000, cancelOnDisconnect: false,
    routes: [/^\/tiles\//, '/tiles', '/ogc/collections/:collectionId/tiles/:tileMatrixSetId/:tileMatrix/:tileRow/:tileCol'] },
  // Everything else: area summaries and children, assistance progress, lookups, pages of households,
  // sign-in, health (slowest measured: 2.7 s, the country's assistance progress counted live).
  { name: 'quick', statementTimeoutMs: 15_000, cancelOnDisconnect: true, routes: [] },
];

const QUICK = ROUTE_CLASSES.find((c) => c.name === 'quick')!;

/** The class of a route by its registered URL (undefined: no route matched, e.g. a 404). */
export function routeClass(url: string | undefined): RouteClass {
  if (url === undefined) return QUICK;
  return ROUTE_CLASSES.find((c) => c.routes.some((r) => (typeof r === 'string' ? r === url : r.test(url)))) ?? QUICK;
}

/** The statement time-out of a route class, with the options' override if any. */
export function classTimeoutMs(name: string, overrides?: Record<string, number>): number {
  const cls = ROUTE_CLASSES.find((c) => c.name === name);
  if (!cls) throw new Error(`no route class ${name}`);
  return overrides?.[name] ?? cls.statementTimeoutMs;
}

/** Seconds a client should wait before retrying a 503 that names no other wait (`retry_after_s`). */
export const RETRY_AFTER_SECONDS = 30;

declare module 'fastify' {
  interface FastifyRequest {
    /** This request's time budget (server/db/budget.ts). */
    budget: RequestBudget;
  }
}

export interface TimeBudgetOptions {
  /** Statement time-outs (ms) by class name, replacing the table's (tests shorten them). */
  statementTimeoutMs?: Record<string, number>;
}

export const timeBudgetPlugin = fp(async (app: FastifyInstance, options: TimeBudgetOptions) => {
  app.decorateRequest('budget', undefined as unknown as RequestBudget);

  app.addHook('onRequest', (request, reply, done) => {
    const cls = routeClass(request.routeOptions.url);
    const budget = newBudget(cls.name, classTimeoutMs(cls.name, options.statementTimeoutMs));
    request.budget = budget;
    if (cls.cancelOnDisconnect) {
      reply.raw.once('close', () => {
        // Closed before the answer was ended: the client went away. (writableEnded, not
        // writableFinished: the latter waits for the socket to drain, and light-my-request's
        // responses, which have no socket, never report it.)
        if (reply.raw.writableEnded) return;
        void cancelBudget(app.db, budget).then((n) => {
          if (n) request.log.info({ budget: budget.name, statements: n }, 'client went away: its statements were cancelled');
        });
      });
    }
    runWithBudget(budget, done);
  });
  // Parsing a body runs in the socket's context, not the request's: enter the budget again.
  app.addHook('preHandler', (request: FastifyRequest, _reply, done) => runWithBudget(request.budget, done));

  app.addHook('onError', async (request, reply, err) => {
    const { status, extra } = err as { status?: number; extra?: { retry_after_s?: unknown } };
    // a time-out is a safety net: one that fires is worth a look (a runaway statement or a limit set too low)
    if (err instanceof StatementTimeout) request.log.warn({ budget: err.budget, limit_ms: err.limitMs }, 'statement stopped by its time budget');
    if (status === 503 && !reply.hasHeader('retry-after')) {
      const seconds = typeof extra?.retry_after_s === 'number' ? extra.retry_after_s : RETRY_AFTER_SECONDS;
      reply.header('retry-after', String(seconds));
    }
  });
});
