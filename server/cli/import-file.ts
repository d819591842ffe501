/**
 * `npm run import:households -- --file F [--rejects R.csv] [--database NAME]` and
 * `npm run import:assistance -- --file F …`: import an offline CSV into the database `npm start`
 * serves (or DATABASE_URL / --database), with a progress bar. Same pipeline as the upload route
 * (server/imports/pipeline.ts); the rejected lines go to R.csv (default F.rejects.csv) when any.
 * First it settles imports a stopped process left running and runs any refresh a merged import
 * still owes (server/imports/refresh-pending.ts), so a re-run after a crash ends with current figures.
 */
import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { loadConfig } from '../config.js';
import { prepareDatabase } from '../db/prepare.js';
import { IMPORT_KINDS, type ImportKind } from '../imports/formats.js';
import { copyCsv } from '../households/csv.js';
import { createJob, markInterrupted, REJECT_HEADER, rejectsSql } from '../imports/jobs.js';
import { importDb, runImport } from '../imports/pipeline.js';
import { refreshOwed, refreshPending } from '../imports/refresh-pending.js';
import { ImportFileError } from '../imports/records.js';
import { SetupError, runCli, step } from './output.js';

function progressBar(total: number) {
  const tty = process.stderr.isTTY;
  const bar = tty
    ? new cliProgress.SingleBar({ format: '  reading {bar} {percentage}% | {value}/{total} MB | {rows} rows | {eta_formatted} left', hideCursor: true }, cliProgress.Presets.shades_classic)
    : null;
  const mb = (n: number) => Math.round(n / 2 ** 20);
  let lastTenth = -1;
  let rows = 0;
  let started = false;
  return {
    bytes(n: number) {
      if (bar) {
        if (!started) bar.start(Math.max(1, mb(total)), 0, { rows: 0 });
        started = true;
        bar.update(mb(n), { rows: rows.toLocaleString('en') });
      } else {
        const tenth = Math.floor((n / Math.max(1, total)) * 10);
        if (tenth !== lastTenth) {
          lastTenth = tenth;
          step(`  read ${mb(n)} / ${mb(total)} MB (${tenth * 10} %), ${rows.toLocaleString('en')} rows`);
        }
      }
    },
    rows(read: number) {
      rows = read;
    },
    step(line: string) {
      step(`  ${line}`);
    },
    state(state: string) {
      if (state === 'reading') return;
      bar?.stop();
      if (state !== 'done') step(`${state}…`);
    },
  };
}

runCli(async () => {
  const kind = process.argv[2] as ImportKind;
  if (!IMPORT_KINDS.includes(kind)) throw new SetupError(`first argument must be one of ${IMPORT_KINDS.join(', ')}`);
  let values;
  try {
    ({ values } = parseArgs({ args: process.argv.slice(3), options: { file: { type: 'string' }, rejects: { type: 'string' }, database: { type: 'string' } } }));
  } catch (err) {
    throw new SetupError((err as Error).message);
  }
  if (!values.file) throw new SetupError(`--file is required: npm run import:${kind.replace('_', '-')} -- --file ${kind}.csv`);
  if (!fs.existsSync(values.file)) throw new SetupError(`no such file: ${values.file}`);
  const url = await prepareDatabase(loadConfig(), { purpose: 'main', seedDemo: false, database: values.database });
  const db = importDb(url);
  try {
    const interrupted = await markInterrupted(db);
    if (interrupted.length) step(`settled import(s) ${interrupted.join(', ')} that a stopped process left running`);
    if (await refreshOwed(db)) {
      step('refreshing the published figures for imports merged before a stop…');
      const resumed = await refreshPending(db, (s) => step(`  ${s}`));
      if (resumed.length) step(`import(s) ${resumed.join(', ')} done`);
    }
    const id = await createJob(db, kind, values.file, null);
    const size = fs.statSync(values.file).size;
    step(`import ${id}: ${values.file} (${(size / 2 ** 20).toFixed(1)} MB) as ${kind}`);
    const progress = progressBar(size);
    let result;
    try {
      result = await runImport(db, id, kind, fs.createReadStream(values.file, { highWaterMark: 256 * 1024 }), progress, size);
    } catch (err) {
      progress.state('failed');
      if (err instanceof ImportFileError) throw new SetupError(err.message);
      throw err;
    }
    step(`import ${id} done: ${result.rows_read.toLocaleString('en')} rows read, ${result.rows_valid.toLocaleString('en')} valid, ` +
      `${result.rows_rejected.toLocaleString('en')} rejected; ${result.inserted.toLocaleString('en')} inserted, ` +
      `${result.updated.toLocaleString('en')} updated, ${result.unchanged.toLocaleString('en')} unchanged`);
    if (result.rows_rejected) {
      const out = values.rejects ?? `${values.file}.rejects.csv`;
      const { body } = await copyCsv(db, rejectsSql(db, id), REJECT_HEADER);
      await pipeline(body, fs.createWriteStream(out));
      step(`rejected lines: ${out}`);
    }
  } finally {
    await db.destroy();
  }
});
