/**
 * Requests refused before any route runs, answered as problem+json like every other error:
 *  - a request target longer than MAX_URL_LENGTH: 414 URI Too Long (checked first thing in Fastify);
 *  - what Node's HTTP parser refuses before Fastify sees a request (Fastify's clientErrorHandler):
 *    a head larger than Node's limit (16 KiB) is 431 Request Header Fields Too Large, or 414 when it
 *    is the request line that is too long; a head that cannot be parsed is 400; a client too slow
 *    to send its head is 408.
 * The body limit (413) and body parser refusals (bad JSON, wrong content type) are Fastify errors
 * that the problem plugin renders.
 */
import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { HttpProblem, problemDocument } from './problem.js';

/** The longest request target (path and query) accepted; longer is 414 URI Too Long. */
export const MAX_URL_LENGTH = 8 * 1024;

export const requestLimitsPlugin = fp(async (app: FastifyInstance) => {
  app.addHook('onRequest', async (request) => {
    if (request.url.length > MAX_URL_LENGTH) {
      throw new HttpProblem(414, `The request URL is ${request.url.length} characters long; at most ${MAX_URL_LENGTH} are accepted.`);
    }
  });
});

interface ClientError extends Error {
  code?: string;
  /** The bytes Node's parser gave up on (a Buffer from Node's http server). */
  rawPacket?: unknown;
}

/** True when the bytes Node gave up on are a request line that alone is over the URL limit. */
function requestLineTooLong(raw: unknown): boolean {
  if (!Buffer.isBuffer(raw)) return false;
  const end = raw.indexOf('\r\n');
  return end === -1 ? raw.length > MAX_URL_LENGTH : end > MAX_URL_LENGTH;
}

/** Fastify's `clientErrorHandler`: the parser's refusals as problem+json, then the socket closed. */
export function clientErrorHandler(err: ClientError, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  let status: number;
  let detail: string;
  if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    status = 408;
    detail = 'The request head did not arrive in time.';
  } else if (err.code === 'HPE_HEADER_OVERFLOW' && requestLineTooLong(err.rawPacket)) {
    status = 414;
    detail = `The request URL is too long; at most ${MAX_URL_LENGTH} characters are accepted.`;
  } else if (err.code === 'HPE_HEADER_OVERFLOW') {
    status = 431;
    detail = 'The request headers are too large (16 KiB in all at most).';
  } else {
    status = 400;
    detail = 'The request could not be parsed as HTTP.';
  }
  const body = JSON.stringify(problemDocument(status, detail, undefined));
  const reason = { 400: 'Bad Request', 408: 'Request Timeout', 414: 'URI Too Long', 431: 'Request Header Fields Too Large' }[status];
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status} ${reason}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/problem+json\r\n` +
      `X-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${body}`);
  }
  socket.destroy(err);
}
