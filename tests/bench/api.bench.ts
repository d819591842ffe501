/**
 * `npm run bench -- api`: the analytics API on the national profile.
 * - p50/p95 of the area summary and of children (drill-down), default settings and another k;
 * - p50/p95 of the household search's first page;
 * - CSV export rows/s over HTTP ÷ `COPY (same query) TO STDOUT` rows/s in the same run, with peak RSS;
 *   beside it the same COPY written to a file by the database server, and the same rows as JSON
 *   (every page of /api/households through its cursor). Rounds interleave the paths; median and best
 *   of each are reported.
 * Requests go through `app.inject` for latencies (server time, no socket) and through a real socket
 * for the export (so backpressure and streaming are real).
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { pipeline } from 'node:stream/promises';
import { to as copyTo } from 'pg-copy-streams';
import { buildApp } from '../../server/app.js';
import { createSession } from '../../server/auth/sessions.js';
import { createUser } from '../../server/auth/users.js';
import { exportSql } from '../../server/households/csv.js';
import { parseFilter } from '../../server/households/filters.js';
import { httpCsvRun, lineCounter, mb, medianRate, ms, peakRss, psqlCopyRun, rowsPerSecond, timeRequests } from './measure.js';
import type { BenchContext } from './run.js';

const BENCH_USER = 'bench_api_admin';

export async function run(ctx: BenchContext): Promise<string> {
  const app = await buildApp({ databaseUrl: ctx.databaseUrl, logLevel: 'warn' });
  try {
    const db = app.db;
    const [{ n: households }] = await db('household').count({ n: '*' });
    const year = (await db('area_stats').where({ code: 'TH' }).max({ y: 'survey_year' }))[0].y as number;
    await db('app_user').where({ username: BENCH_USER }).delete();
    const user = await createUser(db, { username: BENCH_USER, password: 'bench-password-not-used', role: 'admin', pii: true });
    const headers = { authorization: `Bearer ${(await createSession(db, user.id)).token}` };
    const inject = async (url: string) => {
      const r = await app.inject({ method: 'GET', url, headers });
      if (r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode} ${r.body.slice(0, 200)}`);
    };
    const pick = async (level: string, n: number) =>
      (await db('area_stats').where({ level, survey_year: year }).orderByRaw('md5(code)').limit(n).pluck('code')) as string[];
    const areas = ['TH', ...(await pick('province', 20)), ...(await pick('district', 60)), ...(await pick('subdistrict', 60)), ...(await pick('village', 60))];
    const parents = ['TH', ...(await pick('province', 30)), ...(await pick('district', 40)), ...(await pick('subdistrict', 40))];
    const provinces = await pick('province', 40);
    const districts = await pick('district', 40);

    // Every drawn area once, so the first timed pass does not read the rollup rows from disk while
    // the later passes find them in the buffers: a running server has its rollups cached.
    ctx.log(`warming up (${households} households, year ${year}, ${areas.length} areas)`);
    for (const c of areas) await inject(`/api/areas/${c}`);
    const rows: string[] = [];
    const record = (what: string, r: { p50: number; p95: number; n: number }) => {
      rows.push(`| ${what} | ${r.n} | ${ms(r.p50)} | ${ms(r.p95)} |`);
      ctx.log(`${what}: p50 ${ms(r.p50)} ms, p95 ${ms(r.p95)} ms`);
    };
    record('area summary, default (af, k = 1/3)', await timeRequests((i) => inject(`/api/areas/${areas[i % areas.length]}`), 400));
    record('area summary, k = 0.5', await timeRequests((i) => inject(`/api/areas/${areas[i % areas.length]}?k=0.5`), 400));
    record('area summary, tpmap', await timeRequests((i) => inject(`/api/areas/${areas[i % areas.length]}?mode=tpmap`), 200));
    record('children, default', await timeRequests((i) => inject(`/api/areas/${parents[i % parents.length]}/children`), 222));
    record('children, k = 0.25', await timeRequests((i) => inject(`/api/areas/${parents[i % parents.length]}/children?k=0.25`), 111));
    record('ranking: provinces by indicator', await timeRequests(() => inject('/api/rankings?by=indicator:income_threshold'), 50));
    record('ranking: districts in a province by m0, k = 0.5', await timeRequests((i) => inject(`/api/rankings?level=district&parent=${provinces[i % provinces.length]}&by=m0&k=0.5`), 80));
    record('household search, first page (province)', await timeRequests((i) => inject(`/api/households?province=${provinces[i % provinces.length]}`), 80));
    record('household search, first page (district, dims_any=income, card=without)', await timeRequests((i) => inject(`/api/households?district=${districts[i % districts.length]}&dims_any=income&card=without`), 80));
    record('household search, first page (province, sort=-failed_dim_count)', await timeRequests((i) => inject(`/api/households?province=${provinces[i % provinces.length]}&sort=-failed_dim_count`), 40));

    // CSV export: the biggest province, over a real socket, against COPY of the same SELECT.
    const { rows: [{ province_code: big, n: bigRows }] } = await db.raw(
      'select province_code, count(*) as n from household where survey_year = ? group by 1 order by 2 desc limit 1', [year]);
    const filter = await parseFilter(db, { province: big }, year);
    const sql = `COPY (${exportSql(db, filter, true, 'house_code')}) TO STDOUT WITH (FORMAT csv)`;
    await app.listen({ port: 0, host: '127.0.0.1' });
    const port = (app.server.address() as AddressInfo).port;

    const copyOnce = async () => {
      const conn = await db.client.acquireConnection();
      try {
        const counter = lineCounter();
        const t = process.hrtime.bigint();
        await pipeline(conn.query(copyTo(sql)), counter.sink);
        return { rows: counter.lines, seconds: Number(process.hrtime.bigint() - t) / 1e9, bytes: counter.bytes };
      } finally {
        db.client.releaseConnection(conn);
      }
    };
    // The same COPY through psql (C client, output piped here in large chunks): the database's raw
    // speed, without pg-copy-streams' one-chunk-per-row cost in Node.
    const psqlOnce = () => psqlCopyRun(ctx.databaseUrl, sql);
    const httpOnce = () => httpCsvRun(port, `/api/households.csv?province=${big}&year=${year}`, headers);
    // The database server writing the same COPY to a file of its own (no client, no network): what
    // producing the CSV costs at all. Needs a superuser and a server on this machine (the private cluster).
    const copyFile = path.join(os.tmpdir(), `povmap-bench-export-${process.pid}.csv`);
    const copyFileOnce = async () => {
      const t = process.hrtime.bigint();
      const r = await db.raw(`COPY (${exportSql(db, filter, true, 'house_code')}) TO '${copyFile}' WITH (FORMAT csv)`);
      const seconds = Number(process.hrtime.bigint() - t) / 1e9;
      const bytes = fs.statSync(copyFile).size;
      fs.rmSync(copyFile, { force: true });
      return { rows: Number(r.rowCount), seconds, bytes };
    };
    // The same rows as JSON: every page of the household search (1,000 rows a page) through its cursor.
    const jsonOnce = async () => {
      let rows = 0;
      let bytes = 0;
      const t = process.hrtime.bigint();
      for (let cursor: string | null = null; ;) {
        const page: { items: unknown[]; next_cursor: string | null } = await new Promise((resolve, reject) => {
          http.get({ host: '127.0.0.1', port, path: `/api/households?province=${big}&year=${year}&limit=1000${cursor ? `&cursor=${cursor}` : ''}`, headers }, (res) => {
            if (res.statusCode !== 200) reject(new Error(`JSON pages: HTTP ${res.statusCode}`));
            const chunks: Buffer[] = [];
            res.on('data', (d: Buffer) => chunks.push(d));
            res.on('end', () => {
              const body = Buffer.concat(chunks);
              bytes += body.length;
              resolve(JSON.parse(body.toString('utf8')));
            });
          }).on('error', reject);
        });
        rows += page.items.length;
        if (!page.next_cursor) break;
        cursor = page.next_cursor;
      }
      return { rows, seconds: Number(process.hrtime.bigint() - t) / 1e9, bytes };
    };
    const rounds = Number(process.env.BENCH_EXPORT_ROUNDS ?? 3);
    ctx.log(`CSV export of province ${big} (${bigRows} rows): psql COPY, COPY in Node, COPY to a file, HTTP CSV, JSON pages; ${rounds} interleaved rounds`);
    const rssBefore = process.memoryUsage().rss;
    type Run = { rows: number; seconds: number; bytes: number };
    const copies: Run[] = [];
    const psqls: Run[] = [];
    const files: Run[] = [];
    const exports: Run[] = [];
    const jsons: Run[] = [];
    let peak = rssBefore;
    for (let i = 0; i < rounds; i++) {
      psqls.push(await psqlOnce());
      copies.push(await copyOnce());
      files.push(await copyFileOnce());
      const rss = peakRss();
      exports.push(await httpOnce());
      peak = Math.max(peak, rss.stop());
      jsons.push(await jsonOnce());
      ctx.log(`round ${i + 1}/${rounds} done`);
    }
    const rate = rowsPerSecond;
    const best = (list: Run[]) => list.reduce((a, b) => (rate(b) > rate(a) ? b : a));
    for (const [name, list] of [['psql', psqls], ['COPY in Node', copies], ['COPY to a file', files], ['HTTP CSV', exports], ['JSON pages', jsons]] as const) {
      for (const r of list) if (r.rows !== Number(bigRows)) throw new Error(`${name}: ${r.rows} rows, expected ${bigRows}`);
    }
    const ratio = medianRate(exports) / medianRate(psqls);
    ctx.log(`export median ${Math.round(medianRate(exports))} rows/s vs COPY ${Math.round(medianRate(psqls))} rows/s (psql): ratio ${ratio.toFixed(2)}, peak RSS ${mb(peak)}`);
    const exportRow = (what: string, list: Run[]) =>
      `| ${what} | ${Math.round(medianRate(list)).toLocaleString('en')} | ${Math.round(rate(best(list))).toLocaleString('en')} | ${mb(best(list).bytes)} |`;
    await db('audit_log').where({ username: BENCH_USER }).delete();
    await db('app_user').where({ username: BENCH_USER }).delete();

    return [
      `Database: ${Number(households).toLocaleString('en')} households (survey year ${year}); requests through \`app.inject\` one at a time after a warm-up (each drawn area once);`,
      `load average at the end ${os.loadavg().map((l) => l.toFixed(1)).join(' / ')} (the 2 cores are shared with other work; latencies include waiting for them).`,
      'areas drawn across all levels (country, 20 provinces, 60 districts, 60 subdistricts, 60 villages).',
      '',
      '| request | n | p50 ms | p95 ms |',
      '|---|---|---|---|',
      ...rows,
      '',
      'Goals: area summary p95 ≤ 10 ms (issue 18), children p95 ≤ 20 ms.',
      '',
      `**CSV export** of province ${big} (${Number(bigRows).toLocaleString('en')} rows), the same SELECT on every path, ${rounds} rounds interleaved (one of each path per round):`,
      '',
      '| path | median rows/s | best rows/s | bytes |',
      '|---|---|---|---|',
      exportRow('`COPY (query) TO STDOUT` through psql, piped here and discarded (the baseline)', psqls),
      exportRow('`COPY (query) TO STDOUT` through pg-copy-streams in Node, discarded', copies),
      exportRow("`COPY (query) TO 'file'` written by the database server itself", files),
      exportRow('`GET /api/households.csv` over HTTP (read and discarded by the client)', exports),
      exportRow('the same rows as JSON: every page of `GET /api/households` (1,000 a page) through its cursor', jsons),
      '',
      `Ratio of medians, export ÷ COPY through psql: **${ratio.toFixed(2)}** (goal ≥ 0.5); ÷ COPY in Node: ${(medianRate(exports) / medianRate(copies)).toFixed(2)}; ` +
      `÷ COPY to a file: ${(medianRate(exports) / medianRate(files)).toFixed(2)}; CSV export ÷ JSON pages: ${(medianRate(exports) / medianRate(jsons)).toFixed(2)}.`,
      'The export is itself a COPY of this SELECT streamed through the server, so a ratio near 1 against COPY to a client is expected by construction; COPY to a file shows what producing the rows costs without any client, and the JSON pages what the same rows cost without COPY.',
      `Process RSS before the exports ${mb(rssBefore)}, peak during them ${mb(peak)}`,
      `(server and client in one process; the body is streamed, never held).`,
    ].join('\n');
  } finally {
    await app.close();
  }
}
