/**
 * Which failures the command-line tools report as "cannot reach the database": real errors, made by
 * really connecting (pg) and really opening files (fs), not error objects written by hand.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { isConnectionError } from '../../server/cli/output.js';

async function connectError(config: pg.ClientConfig): Promise<unknown> {
  const client = new pg.Client({ ...config, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (err) {
    return err;
  } finally {
    await client.end().catch(() => undefined);
  }
  throw new Error('the connection was expected to fail');
}

/** A local TCP port with nothing listening on it (taken, then given back). */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('isConnectionError', () => {
  it('a Unix socket folder without a server in it (ENOENT from connect) is a connection error', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'povmap-no-server-'));
    try {
      const err = await connectError({ host: empty, port: 54329, user: 'postgres', database: 'povmap' });
      expect((err as { code?: string }).code).toBe('ENOENT');
      expect(isConnectionError(err)).toBe(true);
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });

  it('a TCP port nobody listens on (ECONNREFUSED) is a connection error', async () => {
    const err = await connectError({ host: '127.0.0.1', port: await closedPort(), user: 'postgres', database: 'povmap' });
    expect((err as { code?: string }).code).toBe('ECONNREFUSED');
    expect(isConnectionError(err)).toBe(true);
  });

  it('a missing file (ENOENT from open, e.g. an SQL file renamed under a running job) is not', () => {
    let err: unknown;
    try {
      fs.readFileSync(path.join(os.tmpdir(), `povmap-missing-${process.pid}.sql`), 'utf8');
    } catch (e) {
      err = e;
    }
    expect((err as { code?: string }).code).toBe('ENOENT');
    expect(isConnectionError(err)).toBe(false);
  });

  it('an error without a code, or nothing at all, is not', () => {
    expect(isConnectionError(new Error('relation "x" does not exist'))).toBe(false);
    expect(isConnectionError(undefined)).toBe(false);
  });
});
