/**
 * `npm run bench -- search`: the place search behind the map's search box (GET /api/search), p50 and
 * p95 per kind of query, server time through `app.inject`. Goal (issue 17): p95 ≤ 50 ms.
 *
 * The search reads admin_area only (names, never households), and the demo and national profiles
 * hold the same 77 provinces, 927 districts, 7,319 subdistricts and about 77,000 villages, so the
 * figures hold for either. Queries are drawn from the stored names with a fixed seed: Thai and
 * English prefixes of every level, whole names, a letter swapped (the typo path, pg_trgm), and
 * queries that match nothing.
 */
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { buildApp } from '../../server/app.js';
import { quantile } from './quantile.js';
import type { BenchContext } from './run.js';

/** A seeded draw of an integer from..to (pure-rand, as the hotspot permutations): the same queries every run. */
type Draw = (from: number, to: number) => number;

/** Two neighbouring characters swapped, away from the first (a typing slip). */
function swapped(s: string, draw: Draw): string {
  const chars = [...s];
  if (chars.length < 4) return s;
  const i = draw(1, chars.length - 2);
  [chars[i], chars[i + 1]] = [chars[i + 1], chars[i]];
  return chars.join('');
}

export async function run(ctx: BenchContext): Promise<string> {
  const app = await buildApp({ databaseUrl: ctx.databaseUrl, logLevel: 'warn' });
  try {
    await app.ready();
    const db = app.db;
    const rng = xoroshiro128plus(17);
    const draw: Draw = (from, to) => uniformInt(rng, from, to);
    const names = await db('admin_area').whereNot('level', 'country').orderBy('code').select('level', 'name_th', 'name_en');
    const pick = (level: string) => {
      const of = names.filter((n) => n.level === level);
      return of[draw(0, of.length - 1)];
    };
    const levels = ['province', 'district', 'subdistrict', 'village'];
    const kinds: Array<{ kind: string; queries: string[] }> = [
      { kind: 'Thai prefix (3 letters), any level', queries: levels.flatMap((l) => Array.from({ length: 30 }, () => [...pick(l).name_th].slice(0, 3).join(''))) },
      { kind: 'Thai whole name, any level', queries: levels.flatMap((l) => Array.from({ length: 30 }, () => pick(l).name_th)) },
      { kind: 'English prefix (4 letters), any level', queries: levels.flatMap((l) => Array.from({ length: 30 }, () => String(pick(l).name_en ?? pick(l).name_th).slice(0, 4))) },
      { kind: 'Thai name with two letters swapped (typo)', queries: levels.flatMap((l) => Array.from({ length: 30 }, () => swapped(pick(l).name_th, draw))) },
      { kind: 'English name with two letters swapped (typo)', queries: levels.flatMap((l) => Array.from({ length: 30 }, () => swapped(String(pick(l).name_en ?? 'Udon Thani'), draw))) },
      { kind: 'the issue\'s examples ("อุดร", "udon")', queries: Array.from({ length: 60 }, (_, i) => (i % 2 ? 'udon' : 'อุดร')) },
      { kind: 'nothing matches', queries: Array.from({ length: 60 }, (_, i) => `zzqx${i}`) },
    ];
    const rows: string[] = [];
    const all: number[] = [];
    for (const { kind, queries } of kinds) {
      ctx.log(`place search: ${kind} (${queries.length} queries)`);
      const times: number[] = [];
      for (const q of queries) {
        const t = process.hrtime.bigint();
        const res = await app.inject({ method: 'GET', url: `/api/search?q=${encodeURIComponent(q)}` });
        times.push(Number(process.hrtime.bigint() - t) / 1e6);
        if (res.statusCode !== 200) throw new Error(`/api/search?q=${q}: HTTP ${res.statusCode} ${res.body}`);
      }
      all.push(...times);
      times.sort((a, b) => a - b);
      rows.push(`| ${kind} | ${queries.length} | ${quantile(times, 0.5).toFixed(1)} | ${quantile(times, 0.95).toFixed(1)} |`);
    }
    all.sort((a, b) => a - b);
    const p95 = quantile(all, 0.95);
    const [{ n: areas }] = await db('admin_area').whereNot('level', 'country').count({ n: '*' });
    return [
      `Place search (GET /api/search, limit 10) over ${Number(areas).toLocaleString('en')} areas, server time through app.inject, one request at a time;`,
      'queries drawn from the stored names with a fixed seed. Goal: p95 ≤ 50 ms.',
      '',
      '| queries | n | p50 ms | p95 ms |',
      '|---|---:|---:|---:|',
      ...rows,
      `| **all** | ${all.length} | ${quantile(all, 0.5).toFixed(1)} | **${p95.toFixed(1)}** |`,
      '',
      `Goal met (p95 of all ≤ 50 ms): **${p95 <= 50 ? 'yes' : 'no'}**.`,
    ].join('\n');
  } finally {
    await app.close();
  }
}
