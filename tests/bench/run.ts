/**
 * `npm run bench -- NAME [NAME…]`: runs tests/bench/NAME.bench.ts (each exports
 * `run(ctx): Promise<string>` returning a Markdown section) and writes the sections into
 * tests/bench/RESULTS.md (replacing that benchmark's previous section), each stamped with what it
 * describes: the commit, whether the tree had changes (a dirty tree is refused unless
 * BENCH_ALLOW_DIRTY=1, and then the stamp says "dirty"), the database, the machine (CPU model, cores,
 * memory, Node) and its load average at the start and the end, and the date.
 * BENCH_DATABASE_URL picks the database (default: the national profile database `povmap_national`
 * in the private cluster). Benchmarks: access, api, budgets, client, client-floor (the first-paint floor: MapLibre and the base style alone), context, hotspots, import, ogc, search, tiles, and
 * soak (10 minutes of tiles and API under wrk; BENCH_SOAK_SECONDS shortens it).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../server/config.js';
import { clusterFor, clusterUrl, ensureCluster } from '../../server/db/cluster.js';
import { databaseName } from '../../server/db/connection-string.js';
import { runCli, SetupError, step } from '../../server/cli/output.js';

export interface BenchContext {
  databaseUrl: string;
  log(message: string): void;
}

/** What a tests/bench/NAME.bench.ts exports. */
interface BenchModule {
  run(ctx: BenchContext): Promise<string>;
  /** The database the benchmark measures when it is not BENCH_DATABASE_URL's (the stamp names it); null: none. */
  servedDatabaseUrl?(): Promise<string | null>;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const resultsFile = path.join(here, 'RESULTS.md');

function machine(): string {
  const cpus = os.cpus();
  return `${cpus.length} cores × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
}

/** The 1-, 5- and 15-minute load averages: how busy the (shared) machine was. */
function load(): string {
  return os.loadavg().map((l) => l.toFixed(2)).join(' / ');
}

const git = (...args: string[]) => execFileSync('git', args, { cwd: here, encoding: 'utf8' }).trim();

/**
 * The commit the figures describe. Changes to RESULTS.md itself do not count (each benchmark run
 * writes it); any other change to tracked or new files makes the tree dirty, and dirty figures
 * describe no commit, so they are refused unless BENCH_ALLOW_DIRTY=1 says to record them anyway.
 */
function revision(): { commit: string; dirty: boolean } {
  const commit = git('rev-parse', '--short=12', 'HEAD');
  // not git(): its trim() would eat the first line's leading status column (" M path")
  const status = execFileSync('git', ['status', '--porcelain', '--untracked-files=normal'], { cwd: here, encoding: 'utf8' });
  const changed = status.split('\n').filter(Boolean)
    .map((line) => line.slice(3)).filter((file) => file !== 'tests/bench/RESULTS.md');
  return { commit, dirty: changed.length > 0 };
}

function checkClean(): { commit: string; dirty: boolean } {
  const r = revision();
  if (r.dirty && process.env.BENCH_ALLOW_DIRTY !== '1') {
    throw new SetupError(`the work tree has uncommitted changes (git status): figures would describe no commit. Commit first, or set BENCH_ALLOW_DIRTY=1 to record them marked "dirty"`);
  }
  return r;
}

/** Which database, by name only (the connection string may hold a password). */
function databaseLabel(url: string): string {
  try {
    return `\`${databaseName(url)}\``;
  } catch {
    return '(name not readable from the connection string)';
  }
}

const utc = (d: Date) => `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** The stamp under a section's heading. */
function stamp(r: { commit: string; dirty: boolean }, database: string, started: Date, loadAtStart: string): string {
  return [
    `_Commit \`${r.commit}\`${r.dirty ? ' **dirty** (uncommitted changes, recorded with BENCH_ALLOW_DIRTY=1)' : ' (clean tree)'}; `,
    `${utc(started)} to ${utc(new Date())}; database ${database}; ${machine()}; `,
    `load average (1/5/15 min) ${loadAtStart} at the start, ${load()} at the end._`,
  ].join('');
}

function replaceSection(doc: string, name: string, body: string): string {
  const start = `<!-- bench:${name} -->`;
  const end = `<!-- /bench:${name} -->`;
  const block = `${start}\n${body.trim()}\n${end}`;
  const re = new RegExp(`${start}[\\s\\S]*?${end}`);
  return re.test(doc) ? doc.replace(re, block) : `${doc.trimEnd()}\n\n${block}\n`;
}

runCli(async () => {
  const names = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const available = fs.readdirSync(here).filter((f) => f.endsWith('.bench.ts')).map((f) => f.replace('.bench.ts', ''));
  if (!names.length) throw new SetupError(`name a benchmark: npm run bench -- ${available.join('|')}`);
  for (const n of names) if (!available.includes(n)) throw new SetupError(`unknown benchmark "${n}"; have: ${available.join(', ')}`);
  const config = loadConfig();
  let databaseUrl = process.env.BENCH_DATABASE_URL;
  if (!databaseUrl) {
    const cluster = clusterFor(config.dataDir);
    ensureCluster(cluster);
    databaseUrl = clusterUrl(cluster, 'povmap_national');
  }
  checkClean();
  for (const name of names) {
    step(`bench ${name}: starting`);
    // checked again per benchmark: a tree changed while an earlier one ran is not this commit either
    const r = checkClean();
    const started = new Date();
    const loadAtStart = load();
    const mod = (await import(path.join(here, `${name}.bench.ts`))) as BenchModule;
    // a benchmark that serves a database of its own (the client bench: the demo one) is stamped with that one
    const served = mod.servedDatabaseUrl ? await mod.servedDatabaseUrl() : databaseUrl;
    const body = await mod.run({ databaseUrl, log: (m) => step(`bench ${name}: ${m}`) });
    const section = `## ${name}\n\n${stamp(r, served === null ? 'none (the benchmark serves no database)' : databaseLabel(served), started, loadAtStart)}\n\n${body}`;
    const doc = fs.existsSync(resultsFile) ? fs.readFileSync(resultsFile, 'utf8') : '# Benchmark results\n\nWritten by `npm run bench`. Each section is replaced when its benchmark runs again.\n';
    fs.writeFileSync(resultsFile, replaceSection(doc, name, section));
    step(`bench ${name}: written to tests/bench/RESULTS.md`);
  }
});
