/**
 * Errors that mean "the database cannot be reached right now" rather than "this request or our SQL
 * is wrong": the tile routes answer them 503 (retry later) instead of 500.
 */
const NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOENT', 'ETIMEDOUT', 'EPIPE']);
// PostgreSQL SQLSTATEs: class 08 connection exception; shutdown / crash / starting up; no such
// database; too many connections; query_canceled (the statement time-out the server gives tile
// requests, or a cancel): retrying later may succeed.
const PG_CODES = new Set(['57P01', '57P02', '57P03', '3D000', '53300', '57014']);

export function isDatabaseUnavailable(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const { code, name, message } = err as { code?: unknown; name?: unknown; message?: unknown };
  if (typeof code === 'string' && (NODE_CODES.has(code) || PG_CODES.has(code) || code.startsWith('08'))) return true;
  if (name === 'KnexTimeoutError') return true;
  return typeof message === 'string' && /Connection terminated|connection timeout/i.test(message);
}
