/**
 * `npm run bench -- refresh`: the refresh an import owes (server/db/refresh.ts refreshDerivedData),
 * after ROWS households of the K provinces with the most households changed, made the way an import
 * refreshes (only those provinces' areas: incremental) against the full refresh of every area, both
 * on the same change, alternated in the same run (BENCH_REFRESH_ROUNDS, default 2), each step timed.
 *
 * Each round changes the same ROWS households of the newest survey year (one indicator flipped, so
 * every rollup of their areas changes; the next change flips it back), then refreshes incrementally;
 * changes them again, then refreshes fully. The change is an UPDATE of the rows, as the import's
 * merge makes it: the import's own reading and merging are import.bench.ts's subject. Everything runs
 * on a throw-away template copy of the bench database, dropped at the end.
 */
import pg from 'pg';
import { createDb, databaseName, withDatabase, type Db } from '../../server/db/knex.js';
import { refreshDerivedData } from '../../server/db/refresh.js';
import type { BenchContext } from './run.js';
import { median } from './quantile.js';

const ROWS = Number(process.env.BENCH_REFRESH_ROWS ?? 100_000);
const K = Number(process.env.BENCH_REFRESH_PROVINCES ?? 2);
const ROUNDS = Number(process.env.BENCH_REFRESH_ROUNDS ?? 2);

/**
 * A step's name as the table shows it, from its closing line: the same for the incremental and the
 * full refresh (the rollups' line names its scope, the decisions' and others' their years).
 */
const stepName = (line: string) => {
  if (line.startsWith('Decided what the public may see')) return 'Deciding what the public may see (disclosure control)';
  if (line.startsWith('Counting the households')) return 'Counting the households again (area_stats, area_score_stats)';
  if (line.startsWith('Recomputing the default hotspots')) return 'Recomputing the default hotspots';
  if (line.startsWith('Storing the tile figures')) return 'Storing the tile figures';
  // the ratios' line names the years that owe them, or says none did
  if (line.startsWith('Clinic capacity per person')) return 'Clinic capacity per person (2SFCA, d0 = 10 km)';
  return line;
};

/**
 * Seconds of each step of one refresh (in the order first seen) and in all. Each step's time is the
 * one its closing line gives ('…: 1,234 ms'): the distances (with their vacuum and ratios) run beside
 * the rollups (server/db/refresh.ts), so the gaps between lines would mix the two, and the steps add
 * up to more than the refresh in all. Indented detail lines are the steps' parts.
 */
async function timedRefresh(db: Db, changed: Parameters<typeof refreshDerivedData>[1]) {
  const steps = new Map<string, number>();
  const started = process.hrtime.bigint();
  await refreshDerivedData(db, changed, (line) => {
    const closing = /^(\S.*): ([\d,]+) ms$/.exec(line);
    if (!closing) return;
    const name = stepName(closing[1]);
    steps.set(name, (steps.get(name) ?? 0) + Number(closing[2].replace(/,/g, '')) / 1000);
  });
  return { steps, total: Number(process.hrtime.bigint() - started) / 1e9 };
}

export async function run(ctx: BenchContext): Promise<string> {
  const sourceDb = databaseName(ctx.databaseUrl);
  const copyName = `${sourceDb}_refreshbench`;
  const admin = new pg.Client({ connectionString: withDatabase(ctx.databaseUrl, 'postgres') });
  await admin.connect();
  try {
    ctx.log(`copying database ${sourceDb} to ${copyName} (template copy)`);
    await admin.query(`drop database if exists ${copyName} with (force)`);
    await admin.query(`create database ${copyName} template ${sourceDb}`);
    const db = createDb(withDatabase(ctx.databaseUrl, copyName), { max: 4 });
    try {
      const { rows: [{ year }] } = await db.raw('select max(survey_year) as year from household');
      const provinces: string[] = (await db.raw(`select province_code from household where survey_year = ?
        group by 1 order by count(*) desc, 1 limit ?`, [year, K])).rows.map((r: { province_code: string }) => r.province_code);
      // the changed households: the first ROWS of those provinces in the newest year
      await db.raw(`create table bench_changed as select survey_year, house_code from household
        where survey_year = ? and province_code = any (?) order by house_code limit ?`, [year, provinces, ROWS]);
      const [{ n }] = await db('bench_changed').count({ n: '*' });
      const rows = Number(n);
      const [{ total: households }] = await db('household').count({ total: '*' });
      ctx.log(`${rows.toLocaleString('en')} households of provinces ${provinces.join(', ')} (${year}) change in each round; ${Number(households).toLocaleString('en')} households in all`);
      const change = async () => {
        const t = Date.now();
        // indicator 15 (income_threshold) flipped: every rollup of these areas changes
        await db.raw(`update household h set deprived = h.deprived # 16384 from bench_changed c
          where h.survey_year = c.survey_year and h.house_code = c.house_code`);
        await db.raw('analyze household');
        return (Date.now() - t) / 1000;
      };

      const results: Array<{ mode: 'incremental' | 'full'; steps: Map<string, number>; total: number }> = [];
      for (let r = 0; r < ROUNDS; r++) {
        for (const mode of ['incremental', 'full'] as const) {
          const updated = await change();
          ctx.log(`round ${r + 1}/${ROUNDS}, ${mode}: ${rows.toLocaleString('en')} households updated in ${updated.toFixed(1)} s; refreshing`);
          const timed = await timedRefresh(db, mode === 'incremental' ? { geometry: false, provinces, years: [Number(year)] } : { geometry: false });
          ctx.log(`round ${r + 1}/${ROUNDS}, ${mode}: ${timed.total.toFixed(1)} s`);
          results.push({ mode, ...timed });
        }
      }

            const of = (mode: string) => results.filter((x) => x.mode === mode);
      const names = [...new Set(results.flatMap((x) => [...x.steps.keys()]))];
      const cell = (mode: string, name: string) => median(of(mode).map((x) => x.steps.get(name) ?? 0));
      const table = names.map((name) => {
        const [inc, full] = [cell('incremental', name), cell('full', name)];
        return `| ${name} | ${inc.toFixed(1)} s | ${full.toFixed(1)} s | ${full > 0 ? (inc / full).toFixed(2) : '–'} |`;
      });
      const [inc, full] = [median(of('incremental').map((x) => x.total)), median(of('full').map((x) => x.total))];
      return [
        `Database \`${sourceDb}\` (${Number(households).toLocaleString('en')} households; a template copy). Each of ${ROUNDS} rounds: `
        + `${rows.toLocaleString('en')} households of the ${K} provinces with the most households in ${year} (${provinces.join(', ')}) change one indicator `
        + '(an UPDATE, as an import\'s merge), then the refresh an import owes: incremental (only those provinces\' areas and the country: '
        + 'what an import runs) and, after the same change again, full (every area). Medians over the rounds, per step (the logged steps of '
        + 'server/db/refresh.ts refreshDerivedData, each as its closing line times it; "Refreshing the rollups…" holds the rollups, the decisions and the tile figures, in one transaction). '
        + 'The distances, their vacuum and the ratios run beside the household and other rollups, so the steps add up to more than the refresh in all.',
        '',
        '| step | incremental | full | incremental ÷ full |',
        '|---|---:|---:|---:|',
        ...table,
        `| **refresh in all** | **${inc.toFixed(1)} s** | **${full.toFixed(1)} s** | **${(inc / full).toFixed(2)}** |`,
      ].join('\n');
    } finally {
      await db.destroy();
    }
  } finally {
    await admin.query(`drop database if exists ${copyName} with (force)`).catch(() => undefined);
    await admin.end();
  }
}
