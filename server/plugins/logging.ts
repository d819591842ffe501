/**
 * What the request log may say about a request: never a credential. Fastify's default request
 * serializer writes the URL, so a token passed as `?token=` (or any query parameter named like a
 * secret) is replaced by "[redacted]" before it is logged; headers are not logged at all, and
 * pino's redaction removes Authorization and Cookie wherever a request or its headers end up in a
 * log line anyway (an error's context, a plugin's own log).
 */
import type { FastifyRequest } from 'fastify';

/** Query parameter names whose values are secrets. */
const SECRET_PARAMS = /^(token|access_token|refresh_token|id_token|auth|authorization|api_key|apikey|key|password|passwd|secret|session|sid)$/i;

/** `url` with the values of secret-named query parameters replaced by "[redacted]". */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q === -1) return url;
  const query = url.slice(q + 1).split('&').map((pair) => {
    const eq = pair.indexOf('=');
    const rawName = eq === -1 ? pair : pair.slice(0, eq);
    let name = rawName;
    try {
      name = decodeURIComponent(rawName.replace(/\+/g, ' '));
    } catch {
      // A malformed escape is logged as sent (it is not a secret-named parameter we recognise).
    }
    return SECRET_PARAMS.test(name.trim()) ? `${rawName}=[redacted]` : pair;
  });
  return `${url.slice(0, q)}?${query.join('&')}`;
}

/** Fastify's `req` log serializer without credentials. */
export function requestSerializer(request: FastifyRequest) {
  return {
    method: request.method,
    url: redactUrl(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}

/** pino redaction paths: credentials wherever a request's headers are logged. */
export const REDACT_PATHS = [
  'req.headers.authorization', 'req.headers.cookie', 'request.headers.authorization', 'request.headers.cookie',
  'headers.authorization', 'headers.cookie', 'res.headers["set-cookie"]',
];
