/**
 * Every request has a time budget (issue 16): its route class sets the statement time-out its
 * queries run under (server/db/budget.ts applies it in the pool), and when the client goes away
 * before the answer is sent the request's running statement is cancelled. The classes are one table
 * here, documented in the README ("Time budgets"). A refusal for lack of time or capacity (503)
 * carries Retry-After.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { cancelBudget, newBudget, runWithBudget, type RequestBudget } from '../db/budget.js';

export interface RouteClass {
  name: string;
  /** Statement time-out in milliseconds; 0 = none. */
  statementTimeoutMs: number;
  /** Cancel the running statement when the client goes away. */
  cancelOnDisconnect: boolean;
  /** Route URLs as registered (`/api/areas/:code/access`), or patterns over them. */
  routes: Array<string | RegExp>;
}

/** The first class whose routes match wins; a route in none is `quick`. */
export const ROUTE_CLASSES: RouteClass[] = [
  // Streaming CSV exports: as long as the client reads, but cancelled when it leaves.
  { name: 'export', statementTimeoutMs: 0, cancelOnDisconnect: true, routes: [/\.csv$/] },
  // Analyses computed on request over many areas or households.
  {
    name: 'analysis', statementTimeoutMs: 20_000, cancelOnDisconnect: true,
    routes: ['/api/hotspots', '/api/changes', '/api/rankings', '/api/access/rankings', '/api/areas/:code/access',
      '/api/light-mismatch', '/api/areas/:code/potential', '/api/areas/:code/nightlight'],
  },
  // Tiles: one bounded query each. Not cancelled on disconnect: a tile being made may be awaited by
  // other requests for the same tile (tiles/ shares one rendering among them).
  { name: 'tiles', statementTimeoutMs: 5_000, cancelOnDisconnect: false, routes: [/^\/tiles\//, '/tiles'] },
  // Everything else: area summaries, lookups, pages of households, sign-in, health.
  { name: 'quick', statementTimeoutMs: 5_000, cancelOnDisconnect: true, routes: [] },
];

const QUICK = ROUTE_CLASSES.find((c) => c.name === 'quick')!;

/** The class of a route by its registered URL (undefined: no route matched, e.g. a 404). */
export function routeClass(url: string | undefined): RouteClass {
  if (url === undefined) return QUICK;
  return ROUTE_CLASSES.find((c) => c.routes.some((r) => (typeof r === 'string' ? r === url : r.test(url)))) ?? QUICK;
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
    const budget = newBudget(cls.name, options.statementTimeoutMs?.[cls.name] ?? cls.statementTimeoutMs);
    request.budget = budget;
    if (cls.cancelOnDisconnect) {
      reply.raw.once('close', () => {
        if (reply.raw.writableFinished) return;
        void cancelBudget(app.db, budget).then((n) => {
          if (n) request.log.info({ budget: budget.name, statements: n }, 'client went away: its statements were cancelled');
        });
      });
    }
    runWithBudget(budget, done);
  });
  // Parsing a body runs in the socket's context, not the request's: enter the budget again.
  app.addHook('preHandler', (request: FastifyRequest, _reply, done) => runWithBudget(request.budget, done));

  app.addHook('onError', async (_request, reply, err) => {
    const { status, extra } = err as { status?: number; extra?: { retry_after_s?: unknown } };
    if (status === 503 && !reply.hasHeader('retry-after')) {
      const seconds = typeof extra?.retry_after_s === 'number' ? extra.retry_after_s : RETRY_AFTER_SECONDS;
      reply.header('retry-after', String(seconds));
    }
  });
});
