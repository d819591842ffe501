/**
 * DATABASE_URL in every form libpq documents, reduced to one URI that node-postgres, psql and GDAL
 * all read (https://www.postgresql.org/docs/15/libpq-connect.html#LIBPQ-CONNSTRING):
 *   postgresql://user:pass@host:5432/db?sslmode=require        an ordinary URI (also postgres://)
 *   postgresql://user@/db?host=/var/run/postgresql             a unix socket as a query parameter
 *   postgresql://user@%2Fvar%2Frun%2Fpostgresql/db             a unix socket as a percent-encoded host
 *   postgresql:///db                                           everything else from libpq's defaults
 *   host=/var/run/postgresql dbname=db user=me                 keyword = value, values may be 'quoted'
 * The database name sits in the URI's path; WHATWG `URL` refuses an empty or percent-encoded host,
 * so paths are edited as text here, never through `new URL`.
 */
import { SetupError } from '../cli/output.js';

/** A connection string libpq would not accept either: one line for the user, no stack. */
export class ConnectionStringError extends SetupError {}

const URI = /^(postgres(?:ql)?:\/\/)([^/?#]*)(\/[^?#]*)?(\?[^#]*)?$/i;

/** The URI form of any libpq connection string. */
export function normalizeConnectionString(raw: string): string {
  const text = raw.trim();
  if (URI.test(text)) {
    const [, , netloc] = URI.exec(text)!;
    if (netloc.includes(',')) {
      throw new ConnectionStringError('DATABASE_URL lists several hosts; povmap connects to one (give the primary, and replicas separately)');
    }
    return text;
  }
  if (/^[a-z_]+\s*=/i.test(text)) return fromKeywords(parseKeywords(text));
  throw new ConnectionStringError('DATABASE_URL is neither a postgresql:// URI nor "keyword=value" pairs (see libpq connection strings)');
}

/** The database name of a connection string (libpq's default, the user name, is not guessed). */
export function databaseName(raw: string): string {
  const url = normalizeConnectionString(raw);
  const [, , , pathPart, query] = URI.exec(url)!;
  const fromQuery = new URLSearchParams(query?.slice(1) ?? '').get('dbname');
  const name = fromQuery ?? decodeURIComponent((pathPart ?? '').slice(1));
  if (!name) throw new ConnectionStringError(`no database name in DATABASE_URL (${redact(url)})`);
  return name;
}

/** The same server and settings, another database. */
export function withDatabase(raw: string, database: string): string {
  const url = normalizeConnectionString(raw);
  const [, scheme, netloc, , query] = URI.exec(url)!;
  const params = new URLSearchParams(query?.slice(1) ?? '');
  params.delete('dbname');
  const search = params.toString();
  return `${scheme}${netloc}/${encodeURIComponent(database)}${search ? `?${search}` : ''}`;
}

/** The string with its password replaced, for messages and logs. */
export function redact(url: string): string {
  return url.replace(/^(postgres(?:ql)?:\/\/[^:/?#@]*:)[^@/?#]*@/i, '$1***@').replace(/(\bpassword=)[^&\s]*/gi, '$1***');
}

function parseKeywords(text: string): Map<string, string> {
  const pairs = new Map<string, string>();
  let i = 0;
  const skipSpace = () => { while (i < text.length && /\s/.test(text[i])) i++; };
  while (true) {
    skipSpace();
    if (i >= text.length) return pairs;
    const key = /^[a-z_]+/i.exec(text.slice(i))?.[0];
    if (!key) throw new ConnectionStringError(`DATABASE_URL: expected a keyword at "${text.slice(i, i + 20)}"`);
    i += key.length;
    skipSpace();
    if (text[i] !== '=') throw new ConnectionStringError(`DATABASE_URL: "${key}" is not followed by "="`);
    i++;
    skipSpace();
    let value = '';
    if (text[i] === "'") {
      i++;
      while (i < text.length && text[i] !== "'") {
        if (text[i] === '\\' && i + 1 < text.length) i++;
        value += text[i++];
      }
      if (text[i] !== "'") throw new ConnectionStringError(`DATABASE_URL: the quoted value of "${key}" is not closed`);
      i++;
    } else {
      while (i < text.length && !/\s/.test(text[i])) {
        if (text[i] === '\\' && i + 1 < text.length) i++;
        value += text[i++];
      }
    }
    pairs.set(key.toLowerCase(), value);
  }
}

function fromKeywords(pairs: Map<string, string>): string {
  const user = pairs.get('user');
  const password = pairs.get('password');
  const database = pairs.get('dbname') ?? '';
  const auth = user ? `${encodeURIComponent(user)}${password ? `:${encodeURIComponent(password)}` : ''}@` : '';
  const params = new URLSearchParams();
  for (const [key, value] of pairs) if (!['user', 'password', 'dbname'].includes(key)) params.set(key, value);
  const search = params.toString();
  return `postgresql://${auth}/${encodeURIComponent(database)}${search ? `?${search}` : ''}`;
}
