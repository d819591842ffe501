/**
 * Several server processes on one port (WORKERS=N, node:cluster; server/cli/workers.ts): both
 * workers answer, each from its own tile cache, and both drop a cached tile when its data changes,
 * each told by its own LISTEN on the data versions. Real processes and sockets (tests/helpers/workers-process.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PROJECT_ROOT } from '../../server/config.js';
import type { Db } from '../../server/db/knex.js';
import { testDatabaseUrl, testDb } from '../helpers/database.js';
import { httpGet } from '../helpers/http-get.js';
import { decodeTile, features, tileOf } from '../helpers/tiles.js';

let child: ChildProcess;
let port: number;
let db: Db;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port: p } = server.address() as net.AddressInfo;
      server.close(() => resolve(p));
    }).on('error', reject);
  });
}

beforeAll(async () => {
  db = testDb();
  port = await freePort();
  child = spawn(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'tests/helpers/workers-process.ts')], {
    env: { ...process.env, DATABASE_URL: testDatabaseUrl(), PORT: String(port) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => { if (chunk.toString().includes('listening')) resolve(); });
    child.once('exit', (code) => reject(new Error(`the workers stopped (exit code ${code})`)));
  });
});

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  await db?.destroy();
});

describe('two workers on one port', () => {
  it('both answer, and both drop a cached tile when its data changes', async () => {
    const { rows } = await db.raw("select name_en, st_x(label_point) lon, st_y(label_point) lat from admin_area where code = '50'");
    const province = rows[0];
    const t = tileOf(province.lon, province.lat, 5);
    // a new connection each time, so the cluster's round robin hands them to both workers
    const names = async () => {
      const seen = new Map<string, string>();
      for (let i = 0; i < 6; i++) {
        const r = await httpGet(port, `/tiles/areas/${t.z}/${t.x}/${t.y}.mvt`, { 'accept-encoding': 'gzip', connection: 'close' });
        expect(r.status).toBe(200);
        const name = features(decodeTile(r.body, r.headers['content-encoding']), 'areas').find((f) => f.properties.code === '50')!.properties.name_en;
        seen.set(String(r.headers['x-test-worker']), String(name));
      }
      return seen;
    };
    const before = await names();
    expect(before.size).toBe(2);
    expect([...before.values()]).toEqual([province.name_en, province.name_en]);
    const rename = (name: string) => db.transaction(async (trx) => {
      await trx('admin_area').where({ code: '50' }).update({ name_en: name });
      await trx.raw("select povmap.bump_data_version('areas')");
    });
    try {
      await rename('Chiang Mai (renamed by the workers test)');
      await vi.waitFor(async () => {
        const after = await names();
        expect(after.size).toBe(2);
        expect([...after.values()]).toEqual(['Chiang Mai (renamed by the workers test)', 'Chiang Mai (renamed by the workers test)']);
      }, { timeout: 10_000, interval: 100 });
    } finally {
      await rename(province.name_en);
    }
  });
});
