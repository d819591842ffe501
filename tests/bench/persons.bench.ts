/**
 * `npm run bench -- persons`: the person search and its CSV export (issue 20 part 4).
 * - p50/p95 of GET /api/persons (first pages and a page further on through the cursor) over a varied
 *   set of queries: areas of every level drawn by a fixed hash, each with filters of every kind
 *   (none, a target group, a population group with sex, an age band with the card, disability, a range
 *   of ages with a group); server time through `app.inject`, one request at a time;
 * - CSV export rows/s over a real socket ÷ a plain `COPY (the same SELECT) TO STDOUT` through psql
 *   (the baseline, without the cell neutralisation) in the same run, rounds interleaved, for the
 *   province with the most people; every path must give the search's total of rows.
 */
import type { AddressInfo } from 'node:net';
import { buildApp } from '../../server/app.js';
import { createSession } from '../../server/auth/sessions.js';
import { createUser } from '../../server/auth/users.js';
import { personExportSql } from '../../server/persons/csv.js';
import { parsePersonFilter } from '../../server/persons/filters.js';
import { httpCsvRun, mb, medianRate, ms, peakRss, psqlCopyRun, timeRequests, type ExportRun } from './measure.js';
import type { BenchContext } from './run.js';

const BENCH_USER = 'bench_persons_admin';

/** Filters of every kind the search takes, added to an area. */
const FILTERS = ['', '&group=neet', '&group=target_card&sex=f', '&age_band=60%2B&card=with', '&disabled=true', '&group=working_no_work&age_min=20&age_max=40'];

export async function run(ctx: BenchContext): Promise<string> {
  const app = await buildApp({ databaseUrl: ctx.databaseUrl, logLevel: 'warn' });
  try {
    const db = app.db;
    const year = Number((await db.raw('select max(survey_year) as y from area_person_stats')).rows[0].y);
    const people = Number((await db('area_person_stats').where({ code: 'TH', survey_year: year }).first('persons')).persons);
    await db('app_user').where({ username: BENCH_USER }).delete();
    const user = await createUser(db, { username: BENCH_USER, password: 'bench-password-not-used', role: 'admin', pii: true });
    const headers = { authorization: `Bearer ${(await createSession(db, user.id)).token}` };
    const get = async (url: string) => {
      const r = await app.inject({ method: 'GET', url, headers });
      if (r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode} ${r.body.slice(0, 200)}`);
      return r.json() as { next_cursor: string | null; total: number };
    };
    const pick = async (level: string, n: number) =>
      (await db('area_person_stats').where({ level, survey_year: year }).orderByRaw('md5(code)').limit(n).pluck('code')) as string[];
    const levels = [['province', await pick('province', 12)], ['district', await pick('district', 12)],
      ['subdistrict', await pick('subdistrict', 12)], ['village', await pick('village', 12)]] as const;

    ctx.log(`warming up (${people} people, year ${year})`);
    for (const [level, codes] of levels) for (const c of codes.slice(0, 3)) await get(`/api/persons?${level}=${c}&year=${year}`);
    const rows: string[] = [];
    const record = (what: string, r: { p50: number; p95: number; n: number }) => {
      rows.push(`| ${what} | ${r.n} | ${ms(r.p50)} | ${ms(r.p95)} |`);
      ctx.log(`${what}: p50 ${ms(r.p50)} ms, p95 ${ms(r.p95)} ms`);
    };
    const all: Array<{ p50: number; p95: number; n: number }> = [];
    const queries: string[] = [];
    for (const [level, codes] of levels) {
      const urls = codes.flatMap((c) => FILTERS.map((f) => `/api/persons?${level}=${c}&year=${year}${f}`));
      queries.push(...urls);
      const r = await timeRequests((i) => get(urls[i % urls.length]).then(() => undefined), urls.length);
      all.push(r);
      record(`first page (50), ${level}, ${codes.length} areas × ${FILTERS.length} filters`, r);
    }
    // A page further on: the cursor of the first page, as "load more" sends it.
    const cursors: string[] = [];
    for (const url of queries) {
      const first = await get(url);
      if (first.next_cursor) cursors.push(`${url}&cursor=${first.next_cursor}`);
    }
    if (cursors.length) record('second page (cursor), all levels', await timeRequests((i) => get(cursors[i % cursors.length]).then(() => undefined), cursors.length));
    const overall = await timeRequests((i) => get(queries[i % queries.length]).then(() => undefined), queries.length);
    record(`all first pages together (${queries.length} queries)`, overall);

    // CSV export of the province with the most people, against a plain COPY of the same SELECT.
    const { code: big, persons: bigRows } = await db('area_person_stats').where({ level: 'province', survey_year: year }).orderBy('persons', 'desc').first('code', 'persons');
    const filter = await parsePersonFilter(db, { province: big }, year);
    const copySql = `COPY (${personExportSql(db, filter, true)}) TO STDOUT WITH (FORMAT csv)`;
    const total = (await get(`/api/persons?province=${big}&year=${year}&limit=1`)).total;
    await app.listen({ port: 0, host: '127.0.0.1' });
    const port = (app.server.address() as AddressInfo).port;
    const psqlOnce = () => psqlCopyRun(ctx.databaseUrl, copySql);
    const httpOnce = () => httpCsvRun(port, `/api/persons.csv?province=${big}&year=${year}`, headers);
    const rounds = Number(process.env.BENCH_EXPORT_ROUNDS ?? 3);
    ctx.log(`CSV export of province ${big} (${bigRows} people): psql COPY and HTTP CSV, ${rounds} interleaved rounds`);
    const copies: ExportRun[] = [];
    const exports: ExportRun[] = [];
    let peak = process.memoryUsage().rss;
    for (let i = 0; i < rounds; i++) {
      copies.push(await psqlOnce());
      const rss = peakRss();
      exports.push(await httpOnce());
      peak = Math.max(peak, rss.stop());
      ctx.log(`round ${i + 1}/${rounds} done`);
    }
    for (const r of [...copies, ...exports]) if (r.rows !== total) throw new Error(`${r.rows} rows, the search's total is ${total}`);
    const ratio = medianRate(exports) / medianRate(copies);
    ctx.log(`export median ${Math.round(medianRate(exports))} rows/s vs COPY ${Math.round(medianRate(copies))} rows/s: ratio ${ratio.toFixed(2)}`);
    await db('audit_log').where({ username: BENCH_USER }).delete();
    await db('app_user').where({ username: BENCH_USER }).delete();

    const exportRow = (what: string, list: ExportRun[]) => `| ${what} | ${Math.round(medianRate(list)).toLocaleString('en')} | ${mb(list[0].bytes)} |`;
    return [
      `Database: ${people.toLocaleString('en')} people (survey year ${year}); requests through \`app.inject\` one at a time after a warm-up; an admin with the PII grant.`,
      `Queries: ${levels.map(([l, c]) => `${c.length} ${l}s`).join(', ')} (drawn by md5 of the code), each with ${FILTERS.length} filters: ${FILTERS.map((f) => `\`${f.slice(1) || '(none)'}\``).join(', ')}.`,
      '',
      '| request | n | p50 ms | p95 ms |',
      '|---|---|---|---|',
      ...rows,
      '',
      `Person search p95 over all first pages: **${ms(overall.p95)} ms**.`,
      '',
      `**CSV export** of province ${big} (${Number(bigRows).toLocaleString('en')} people; every path gave the search's total, ${total.toLocaleString('en')} rows), ${rounds} rounds interleaved:`,
      '',
      '| path | median rows/s | bytes |',
      '|---|---|---|',
      exportRow('`COPY (the same SELECT) TO STDOUT` through psql, piped here and discarded (the baseline)', copies),
      exportRow('`GET /api/persons.csv` over HTTP (cells neutralised, BOM and header; read and discarded)', exports),
      '',
      `Ratio of medians, export ÷ COPY: **${ratio.toFixed(2)}** (goal ≥ 0.5). Peak RSS during the exports ${mb(peak)} (streamed, never held).`,
    ].join('\n');
  } finally {
    await app.close();
  }
}
