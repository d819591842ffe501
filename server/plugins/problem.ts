/**
 * Every error leaves as application/problem+json (RFC 9457) with a message a person can act on:
 * validation errors name the bad parameter, and database errors never leak their SQL text.
 * A refusal is any Error carrying the Problem shape — the server's HttpProblem, and the TileProblem
 * of tiles/problem.ts, which tiles throws without knowing this plugin — rendered the same way.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { budgetError } from '../db/budget.js';

/** What an error must carry to be answered as a problem: its status, detail (`message`) and extra members. */
export interface Problem extends Error {
  readonly status: number;
  readonly extra: Record<string, unknown>;
}

export function isProblem(err: unknown): err is Problem {
  if (!(err instanceof Error)) return false;
  const { status, extra } = err as Partial<Problem>;
  return typeof status === 'number' && Number.isInteger(status) && status >= 400 && status <= 599 &&
    typeof extra === 'object' && extra !== null && !Array.isArray(extra);
}

export class HttpProblem extends Error implements Problem {
  constructor(
    public readonly status: number,
    message: string,
    public readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

const TITLES: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
  406: 'Not Acceptable', 408: 'Request Timeout', 409: 'Conflict', 413: 'Payload Too Large', 414: 'URI Too Long',
  415: 'Unsupported Media Type', 422: 'Unprocessable Content', 429: 'Too Many Requests', 431: 'Request Header Fields Too Large',
  500: 'Internal Server Error', 503: 'Service Unavailable',
};

/** The problem+json document of a refusal (RFC 9457), as every error answer carries it. */
export function problemDocument(status: number, detail: string, instance: string | undefined, extra: Record<string, unknown> = {}) {
  return { type: 'about:blank', title: TITLES[status] ?? 'Error', status, detail, ...(instance === undefined ? {} : { instance }), ...extra };
}

/** A request body Fastify's parsers refused: name the body, so the answer says what to fix. */
const BODY_ERRORS = new Set([
  'FST_ERR_CTP_INVALID_JSON_BODY', 'FST_ERR_CTP_EMPTY_JSON_BODY', 'FST_ERR_CTP_BODY_TOO_LARGE', 'FST_ERR_CTP_INVALID_MEDIA_TYPE',
  'FST_ERR_CTP_INVALID_CONTENT_LENGTH', 'FST_ERR_CTP_INVALID_TYPE', 'FST_ERR_CTP_EMPTY_TYPE',
]);

export const problemPlugin = fp(async (app: FastifyInstance) => {
  app.setErrorHandler((raw: FastifyError | Problem, request, reply) => {
    // A statement stopped by a time-out or a cancel that reached here untranslated (a CSV's COPY runs
    // outside knex's query path): the request's time budget says which (server/db/budget.ts).
    const err = budgetError(raw, request.budget) ?? raw;
    let status: number;
    let detail: string;
    let extra: Record<string, unknown> = {};
    if (isProblem(err)) {
      status = err.status;
      detail = err.message;
      extra = err.extra;
    } else if ((err as FastifyError).validation) {
      status = 400;
      const v = (err as FastifyError).validation![0];
      const where = (err as FastifyError).validationContext ?? 'request';
      const param = (v.instancePath || '').replace(/^\//, '').replace(/\//g, '.') ||
        (v.params as { missingProperty?: string; additionalProperty?: string })?.missingProperty ||
        (v.params as { additionalProperty?: string })?.additionalProperty || where;
      detail = `${where} parameter "${param}" ${v.message ?? 'is invalid'}`;
      extra = { parameter: param, in: where };
    } else if ((err as FastifyError).statusCode && (err as FastifyError).statusCode! < 500) {
      status = (err as FastifyError).statusCode!;
      detail = err.message;
      if (BODY_ERRORS.has((err as FastifyError).code)) extra = { parameter: 'body', in: 'body' };
    } else {
      status = 500;
      detail = 'Internal error; it has been logged.';
      request.log.error({ err }, 'unhandled error');
    }
    if (status === 503 && !reply.hasHeader('retry-after')) {
      reply.header('retry-after', String(typeof extra.retry_after_s === 'number' ? extra.retry_after_s : 30));
    }
    reply.code(status).type('application/problem+json').send(problemDocument(status, detail, request.url.split('?')[0], extra));
  });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0];
    reply.code(404).type('application/problem+json').send(problemDocument(404, `No route for ${request.method} ${path}`, path));
  });
});

/** Fastify's router refusals (FST_ERR_BAD_URL, FST_ERR_MAX_PARAM_LENGTH) as problems that do not quote the path. */
export function frameworkErrors(err: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const tooLong = err.code === 'FST_ERR_MAX_PARAM_LENGTH';
  const status = tooLong ? 414 : 400;
  const detail = tooLong ? 'A part of the request path is longer than 100 characters.' : 'The request path is not a valid URL (a malformed % escape).';
  reply.code(status).type('application/problem+json').send(problemDocument(status, detail, undefined, { parameter: 'path', in: 'path' }));
}
