/**
 * Every error leaves as application/problem+json (RFC 9457) with a message a person can act on:
 * validation errors name the bad parameter, and database errors never leak their SQL text.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export class HttpProblem extends Error {
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
  406: 'Not Acceptable', 409: 'Conflict', 413: 'Payload Too Large', 415: 'Unsupported Media Type',
  422: 'Unprocessable Content', 429: 'Too Many Requests', 500: 'Internal Server Error', 503: 'Service Unavailable',
};

export const problemPlugin = fp(async (app: FastifyInstance) => {
  app.setErrorHandler((err: FastifyError | HttpProblem, request, reply) => {
    let status: number;
    let detail: string;
    let extra: Record<string, unknown> = {};
    if (err instanceof HttpProblem) {
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
    } else {
      status = 500;
      detail = 'Internal error; it has been logged.';
      request.log.error({ err }, 'unhandled error');
    }
    reply
      .code(status)
      .type('application/problem+json')
      .send({ type: 'about:blank', title: TITLES[status] ?? 'Error', status, detail, instance: request.url.split('?')[0], ...extra });
  });
  app.setNotFoundHandler((request, reply) => {
    reply.code(404).type('application/problem+json').send({
      type: 'about:blank', title: 'Not Found', status: 404, detail: `No route for ${request.method} ${request.url.split('?')[0]}`,
      instance: request.url.split('?')[0],
    });
  });
});
