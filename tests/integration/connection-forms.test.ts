/**
 * Setup works with every DATABASE_URL form libpq accepts (here pointed at the tests' own database
 * over its unix socket) and wherever the checkout is, even inside a folder only root may enter.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'pg-connection-string';
import { afterAll, describe, expect, it } from 'vitest';
import { isRoot } from '../../server/cli/apt.js';
import { loadConfig } from '../../server/config.js';
import { clusterFor } from '../../server/db/cluster.js';
import { createDb } from '../../server/db/knex.js';
import { testDatabaseUrl } from '../helpers/database.js';

const target = parse(testDatabaseUrl());
const socket = target.host!;
const port = target.port || '5432';
const name = target.database!;

describe('DATABASE_URL forms', () => {
  const forms = [
    `postgresql://postgres@/${name}?host=${socket}&port=${port}`,
    `postgresql://postgres@${encodeURIComponent(socket)}:${port}/${name}`,
    `postgresql:///${name}?host=${encodeURIComponent(socket)}&port=${port}&user=postgres`,
    `host=${socket} port=${port} dbname=${name} user=postgres`,
  ];
  it.each(forms)('%s reaches the database', async (url) => {
    const config = loadConfig({ DATABASE_URL: url });
    const db = createDb(config.databaseUrl!, { max: 1 });
    try {
      const { rows } = await db.raw('select current_database() as name');
      expect(rows[0].name).toBe(name);
    } finally {
      await db.destroy();
    }
  });
});

describe.runIf(isRoot() && fs.existsSync('/var/lib/postgresql'))('a checkout in a folder only root may enter', () => {
  const made: string[] = [];
  afterAll(() => made.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it('keeps its cluster where the postgres user can reach it, and the rest in .data', () => {
    const closed = fs.mkdtempSync(path.join(os.tmpdir(), 'povmap-closed-'));
    made.push(closed);
    expect(fs.statSync(closed).mode & 0o777).toBe(0o700);
    const cluster = clusterFor(path.join(closed, 'checkout', '.data'));
    expect(cluster.dataDir.startsWith('/var/lib/postgresql/povmap/checkout-')).toBe(true);
    expect(clusterFor(path.join(closed, 'checkout', '.data')).dataDir).toBe(cluster.dataDir);
    expect(clusterFor(path.join(closed, 'other', '.data')).dataDir).not.toBe(cluster.dataDir);

    const open = fs.mkdtempSync(path.join(os.tmpdir(), 'povmap-open-'));
    made.push(open);
    fs.chmodSync(open, 0o755);
    expect(clusterFor(path.join(open, '.data')).dataDir).toBe(path.join(open, '.data'));
  });
});
