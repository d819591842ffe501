/** The libpq keyword string GDAL's PostgreSQL drivers take ("PG:host=… dbname=…") for a connection URL. */
import { parse as parseConnection } from 'pg-connection-string';

export function gdalConnection(url: string): string {
  const c = parseConnection(url);
  const q = (v: string) => `'${v.replace(/'/g, "\\'")}'`;
  return ['PG:', c.host && `host=${q(c.host)}`, c.port && `port=${c.port}`, c.database && `dbname=${q(c.database)}`,
    c.user && `user=${q(c.user)}`, c.password && `password=${q(c.password)}`].filter(Boolean).join(' ');
}
