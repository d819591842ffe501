/**
 * DATABASE_URL in each form libpq accepts: the database name is read, another database is swapped
 * in, and node-postgres still reads the same host, port and user from the result.
 */
import { parse } from 'pg-connection-string';
import { describe, expect, it } from 'vitest';
import { ConnectionStringError, databaseName, normalizeConnectionString, redact, withDatabase } from '../../server/db/connection-string.js';

const FORMS: Array<{ form: string; url: string; host: string; port: string; user: string; database: string }> = [
  { form: 'URI with host and port', url: 'postgres://u:p%40ss@db.example:5433/povmap?sslmode=disable', host: 'db.example', port: '5433', user: 'u', database: 'povmap' },
  { form: 'socket as a query parameter, empty host', url: 'postgresql://postgres@/povmap?host=/path/to/socket', host: '/path/to/socket', port: '', user: 'postgres', database: 'povmap' },
  { form: 'socket as a percent-encoded host', url: 'postgresql://postgres@%2Fvar%2Frun%2Fpostgresql:54329/povmap', host: '/var/run/postgresql', port: '54329', user: 'postgres', database: 'povmap' },
  { form: 'no netloc at all', url: 'postgresql:///povmap?host=/tmp&port=54329', host: '/tmp', port: '54329', user: '', database: 'povmap' },
  { form: 'keyword = value', url: "host=/tmp/pg port=54329 dbname=povmap user=postgres application_name='povmap cli'", host: '/tmp/pg', port: '54329', user: 'postgres', database: 'povmap' },
  { form: 'keyword = value, spaces round =, quoted escapes', url: "dbname = 'pov\\'map' host = localhost", host: 'localhost', port: '', user: '', database: "pov'map" },
];

describe('connection strings', () => {
  it.each(FORMS)('$form: name, another database, and what pg reads', ({ url, host, port, user, database }) => {
    expect(databaseName(url)).toBe(database);
    const other = withDatabase(url, 'povmap_test');
    expect(databaseName(other)).toBe('povmap_test');
    for (const u of [normalizeConnectionString(url), other]) {
      const c = parse(u);
      expect([c.host, c.port ?? '', c.user ?? '']).toEqual([host, port, user]);
    }
    expect(parse(other).database).toBe('povmap_test');
  });

  it('keeps the other parameters when the database changes', () => {
    expect(withDatabase('postgres://u@h/a?sslmode=require&dbname=a', 'b')).toBe('postgres://u@h/b?sslmode=require');
  });

  it('refuses what libpq would refuse, or what povmap cannot use, with one clear line', () => {
    expect(() => normalizeConnectionString('mysql://x/y')).toThrow(ConnectionStringError);
    expect(() => normalizeConnectionString("host='unclosed")).toThrow(/not closed/);
    expect(() => normalizeConnectionString('postgresql://h1:5432,h2:5433/db')).toThrow(/several hosts/);
    expect(() => databaseName('postgresql://u@h')).toThrow(/no database name/);
  });

  it('hides passwords in messages', () => {
    expect(redact('postgres://u:secret@h/db')).toBe('postgres://u:***@h/db');
    expect(redact('postgresql:///db?password=secret&host=/tmp')).toBe('postgresql:///db?password=***&host=/tmp');
  });
});
