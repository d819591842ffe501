/**
 * `npm run bench -- NAME [NAME…]`: runs tests/bench/NAME.bench.ts (each exports
 * `run(ctx): Promise<string>` returning a Markdown section) and writes the sections, with the machine
 * and date, into tests/bench/RESULTS.md (replacing that benchmark's previous section).
 * BENCH_DATABASE_URL picks the database (default: the national profile database `povmap_national`
 * in the private cluster). Benchmarks: access, api, budgets, client, context, hotspots, import, ogc, search, tiles, and
 * soak (10 minutes of tiles and API under wrk; BENCH_SOAK_SECONDS shortens it).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../server/config.js';
import { clusterFor, clusterUrl, ensureCluster } from '../../server/db/cluster.js';
import { runCli, SetupError, step } from '../../server/cli/output.js';

export interface BenchContext {
  databaseUrl: string;
  log(message: string): void;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const resultsFile = path.join(here, 'RESULTS.md');

function machine(): string {
  return `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
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
  for (const name of names) {
    step(`bench ${name}: starting`);
    const mod = (await import(path.join(here, `${name}.bench.ts`))) as { run(ctx: BenchContext): Promise<string> };
    const body = await mod.run({ databaseUrl, log: (m) => step(`bench ${name}: ${m}`) });
    const section = `## ${name}\n\n_Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machine()}._\n\n${body}`;
    const doc = fs.existsSync(resultsFile) ? fs.readFileSync(resultsFile, 'utf8') : '# Benchmark results\n\nWritten by `npm run bench`. Each section is replaced when its benchmark runs again.\n';
    fs.writeFileSync(resultsFile, replaceSection(doc, name, section));
    step(`bench ${name}: written to tests/bench/RESULTS.md`);
  }
});
