/**
 * `npm run bench -- linkage` (issue 21), on the bench database (BENCH_DATABASE_URL; the demo data on
 * this machine, there being no national one):
 *  (a) registry linkage: a 1,000,000-line registry file (national ids of surveyed people, valid ids
 *      of nobody surveyed, ids with a wrong check digit, repeats, lines with an area code only),
 *      imported through the pipeline (read, validate, hash with HMAC-SHA256, link, merge), rows/s ÷
 *      plain `COPY FROM` of the same file into a bare table of text columns, in the same run, with the
 *      seconds of each state of the pipeline (reading, validating, merging, refreshing);
 *  (b) hand-off CSV export: the largest batch the demo menu allows (every matched person of the
 *      country for the agency with the most matches, one row per person and item), streamed through the CSV writer, rows/s ÷
 *      `COPY (the same SELECT) TO STDOUT`.
 * What it writes (the registry rows and their job, the batch) is deleted at the end.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import type pg from 'pg';
import { createDb } from '../../server/db/knex.js';
import { batchCsv, createBatch } from '../../server/handoff/batches.js';
import { createJob } from '../../server/imports/jobs.js';
import { importDb, runImport } from '../../server/imports/pipeline.js';
import { refreshRegistry } from '../../server/db/refresh.js';
import { sqlText } from '../../sql/load.js';
import { withCheck } from '../helpers/thai-id.js';
import type { BenchContext } from './run.js';

const ROWS = Number(process.env.BENCH_LINKAGE_ROWS ?? 1_000_000);

/** The registry file: 55 % surveyed people's ids (every member, not only heads), 25 % valid strangers, 5 % bad check digits, 10 % repeats, 5 % area only. */
async function writeRegistry(db: ReturnType<typeof createDb>, file: string, log: (m: string) => void) {
  const ids: string[] = (await db('person').distinct('national_id').orderBy('national_id').limit(Math.ceil(ROWS * 0.55))).map((r) => r.national_id);
  const villages: string[] = await db('admin_area').where({ level: 'village' }).orderBy('code').limit(5000).pluck('code');
  // the lines are counted in the newest survey year (the registry's reference year)
  const year = Number((await db('area_stats').where({ code: 'TH' }).max({ y: 'survey_year' }))[0].y);
  const out = fs.createWriteStream(file);
  out.write('survey_year,registry,record_id,national_id,area_code,problem\n');
  let seed = 1;
  const next = () => (seed = (seed * 48271) % 2147483647);
  const written: string[] = [];
  for (let i = 0; i < ROWS; i++) {
    const r = i % 20;
    let id = '';
    let area = '';
    if (r < 11) id = ids[i % ids.length];
    else if (r < 16) id = withCheck(`9${String(next()).padStart(11, '0').slice(-11)}`);
    else if (r === 16) {
      const good = withCheck(`8${String(next()).padStart(11, '0').slice(-11)}`);
      id = good.slice(0, 12) + String((Number(good[12]) + 1) % 10);
    } else if (r < 19) id = written[next() % Math.max(1, written.length)] ?? ids[0];
    else area = villages[next() % villages.length];
    if (id) written.push(id);
    if (!out.write(`${year},bench,r${i},${id},${area},stable_house\n`)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    if (i % 200_000 === 0 && i) log(`registry file: ${i.toLocaleString('en')} lines`);
  }
  await new Promise<void>((resolve) => out.end(() => resolve()));
}

export async function run(ctx: BenchContext): Promise<string> {
  const db = createDb(ctx.databaseUrl, { max: 2 });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'povmap-linkage-bench-'));
  const file = path.join(dir, 'registry.csv');
  const lines: string[] = [];
  try {
    await writeRegistry(db, file, ctx.log);
    const bytes = fs.statSync(file).size;

    // (a) baseline: COPY of the same file into a bare table
    const conn: pg.Client = await db.client.acquireConnection();
    let copySeconds: number;
    try {
      await conn.query('create temp table bench_registry_copy (survey_year text, registry text, record_id text, national_id text, area_code text, problem text)');
      const t0 = process.hrtime.bigint();
      await pipeline(fs.createReadStream(file), conn.query(copyFrom('copy bench_registry_copy from stdin with (format csv, header true)')));
      copySeconds = Number(process.hrtime.bigint() - t0) / 1e9;
      await conn.query('drop table bench_registry_copy');
    } finally {
      db.client.releaseConnection(conn);
    }
    ctx.log(`COPY: ${copySeconds.toFixed(1)} s`);

    // (a) the linkage import
    const idb = importDb(ctx.databaseUrl);
    const jobId = await createJob(db, 'registry', 'linkage-bench', null);
    let importSeconds: number;
    let result;
    // seconds spent in each state of the pipeline (the profile: which step the time goes to)
    const phases: Array<[string, number]> = [];
    try {
      const t0 = process.hrtime.bigint();
      let last = t0;
      const state = (s: string) => {
        const now = process.hrtime.bigint();
        if (phases.length) phases[phases.length - 1][1] = Number(now - last) / 1e9;
        last = now;
        if (s !== 'done') phases.push([s, 0]);
        ctx.log(`import: ${s}`);
      };
      result = await runImport(idb, jobId, 'registry', fs.createReadStream(file, { highWaterMark: 256 * 1024 }), { state });
      importSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
    } finally {
      await idb.destroy();
    }
    const { rows: [report] } = await db.raw(sqlText('linkage/report.sql'), { job: jobId });
    await db('import_job').where({ id: jobId }).delete();
    // the import's refresh counted the bench's lines in the registry figures: count them again without
    // (timed: the refresh a registry import owes, over the rows left)
    const t2 = process.hrtime.bigint();
    await refreshRegistry(db);
    const refreshSeconds = Number(process.hrtime.bigint() - t2) / 1e9;
    const importRate = ROWS / importSeconds;
    const copyRate = ROWS / copySeconds;
    // the linkage proper: from the first byte read to the merge committed (before the figures' refresh)
    const linkSeconds = phases.filter(([s]) => s !== 'refreshing').reduce((sum, [, sec]) => sum + sec, 0);
    const linkRate = ROWS / linkSeconds;
    lines.push('### Registry linkage', '',
      `${ROWS.toLocaleString('en')} lines (${(bytes / 2 ** 20).toFixed(0)} MiB); valid ${result.rows_valid.toLocaleString('en')}: linked ${report.linked.toLocaleString('en')}, no match ${report.no_match.toLocaleString('en')}, bad check digit ${report.bad_check_digit.toLocaleString('en')}, duplicate ${report.duplicate.toLocaleString('en')}, area only ${report.area_only.toLocaleString('en')}.`, '',
      '| step | seconds | rows/s |', '|---|---|---|',
      `| \`COPY FROM\` into a bare table (baseline) | ${copySeconds.toFixed(1)} | ${Math.round(copyRate).toLocaleString('en')} |`,
      ...phases.map(([s, sec]) => `| — ${s} | ${sec.toFixed(1)} | |`),
      `| linkage proper (read, validate, HMAC, link, merge committed) | ${linkSeconds.toFixed(1)} | ${Math.round(linkRate).toLocaleString('en')} |`,
      `| linkage import (read, validate, HMAC, link, merge, refresh of the registry figures) | ${importSeconds.toFixed(1)} | ${Math.round(importRate).toLocaleString('en')} |`,
      `| refresh of the registry figures alone (area_registry_stats and the policy's decisions), after the bench's lines are deleted | ${refreshSeconds.toFixed(1)} | |`,
      '', `**Linkage ÷ COPY: ${(linkRate / copyRate).toFixed(3)} for the linkage proper, ${(importRate / copyRate).toFixed(3)} with the refresh of the figures.**`,
      'The refresh decides the disclosure policy again over every area and year and rebuilds the stored tile figures: a cost per area, not per registry line.', '');

    // (b) the hand-off CSV of the largest batch
    const { rows: [largest] } = await db.raw(`select m.agency, x.survey_year, count(*)::int as n from menu_match x join menu_item m on m.id = x.menu_item_id
                                             group by 1, 2 order by 3 desc limit 1`);
    if (largest) {
      // no app user: the batch's user_id stays null (as for a user since deleted)
      const { id: batch, rows } = await createBatch(db, { agency: largest.agency, year: largest.survey_year, area: { code: 'TH', level: 'country' }, items: [], allocated_only: false, unit: 'person' },
        { id: null as unknown as number, username: 'linkage-bench' });
      try {
        const sink = () => new Writable({ write(_c, _e, cb) { cb(); } });
        const t0 = process.hrtime.bigint();
        const { body, done } = await batchCsv(db, batch, false);
        await pipeline(body, sink());
        const sent = await done;
        const csvSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
        const raw = await db.client.acquireConnection();
        let rawSeconds: number;
        try {
          const t1 = process.hrtime.bigint();
          await pipeline(raw.query(copyTo(`copy (${db.raw(sqlText('handoff/csv.sql'), { batch, pii: false }).toQuery()}) to stdout with (format csv)`)), sink());
          rawSeconds = Number(process.hrtime.bigint() - t1) / 1e9;
        } finally {
          db.client.releaseConnection(raw);
        }
        lines.push('### Hand-off CSV export', '',
          `Batch of ${rows.toLocaleString('en')} rows (${largest.agency}, ${largest.survey_year}, the whole country, every matched person: one row per person and item).`, '',
          '| step | seconds | rows/s |', '|---|---|---|',
          `| \`COPY (SELECT) TO STDOUT\` (baseline) | ${rawSeconds.toFixed(2)} | ${Math.round(sent / rawSeconds).toLocaleString('en')} |`,
          `| hand-off CSV (neutralised cells, BOM, streamed) | ${csvSeconds.toFixed(2)} | ${Math.round(sent / csvSeconds).toLocaleString('en')} |`,
          '', `**Export ÷ COPY: ${(rawSeconds / csvSeconds).toFixed(3)}**`, '');
      } finally {
        await db('handoff_batch').where({ id: batch }).delete();
      }
    }
    const { rows: [data] } = await db.raw(`select (select count(*) from household)::bigint as households,
      (select count(distinct survey_year) from household)::int as years, (select count(*) from menu_item)::int as items`);
    lines.push(`Data: ${Number(data.households).toLocaleString('en')} households over ${data.years} survey year(s), ${data.items} menu items.`);
    return lines.join('\n');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    await db.destroy();
  }
}
