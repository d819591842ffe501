/**
 * The SQL that must name every indicator or dimension one by one (bit masks inlined into the MPI
 * functions, the rollups' per-indicator arrays, the tile view's keys, the import's per-column checks)
 * is written from the one definition, server/mpi/indicators.ts, into marked regions of the ordinary
 * .sql files:
 *
 *     -- generated: <region> (npm run sql:generate from server/mpi/indicators.ts)
 *     …
 *     -- end generated
 *
 * The files stay plain SQL a DBA can read and run; `npm run sql:generate` rewrites the regions and
 * tests/unit/sql-generated.test.ts fails when a committed region differs from what this makes now.
 * SQL that only needs to label or loop over the indicators reads the table povmap.indicator instead.
 */
import fs from 'node:fs';
import path from 'node:path';
import { SQL_DIR } from '../../sql/load.js';
import { DIMENSIONS, INDICATORS, dimensionMask, type Indicator } from '../mpi/indicators.js';

const bit = (i: Indicator) => 1 << (i.number - 1);
const allMask = INDICATORS.reduce((m, i) => m | bit(i), 0);

/** Items of a SQL list, comma-separated, each with a trailing comment. */
function list(indent: string, items: string[], comments: string[], lastComma = false): string[] {
  const width = Math.max(...items.map((s) => s.length)) + 1;
  return items.map((item, k) => {
    const text = item + (k < items.length - 1 || lastComma ? ',' : '');
    return `${indent}${text.padEnd(width)} -- ${comments[k]}`;
  });
}

/**
 * The indicators in the order of their bits (number 1 is bit 0); throws unless the numbers run 1…N,
 * which reading the flags as one bit string needs.
 */
function indicatorsInBitOrder(): Indicator[] {
  const sorted = [...INDICATORS].sort((a, b) => a.number - b.number);
  sorted.forEach((i, k) => {
    if (i.number !== k + 1) throw new Error(`indicator numbers must run 1…${sorted.length}; found ${i.number} at position ${k + 1}`);
  });
  return sorted;
}

/** `items` in groups of `per` (the last may be shorter): the terms of one line of a long expression. */
function groupsOf<T>(items: T[], per: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / per) }, (_, k) => items.slice(k * per, (k + 1) * per));
}

const indicatorNotes = INDICATORS.map((i) => `${i.number} ${i.id}`);
const dimensionNotes = DIMENSIONS.map((d) => `${d.number} ${d.id}`);
const dimensionCounts = Array.from({ length: DIMENSIONS.length + 1 }, (_, n) => n);

/** An `array[…]::integer[] as name` select item over the indicators or dimensions. */
function arrayItem(indent: string, elements: string[], notes: string[], name: string, comma: boolean): string[] {
  return [`${indent}array[`, ...list(`${indent}  `, elements, notes), `${indent}]::integer[] as ${name}${comma ? ',' : ''}`];
}

/** Each region's text, by name; the lines replace everything between the two markers. */
export const SQL_REGIONS: Record<string, () => string[]> = {
  all_indicators_mask: () => [`  select ${allMask}`],

  score60: () => {
    const weights = [...new Set(INDICATORS.map((i) => i.weight60))].sort((a, b) => a - b);
    const terms = weights.map((w, k) => {
      const group = INDICATORS.filter((i) => i.weight60 === w);
      const mask = group.reduce((m, i) => m | bit(i), 0);
      return [`${k === 0 ? '  select (' : '        + '}${w} * povmap.bit_count17(deprived & ${mask})`, `${group.length} indicators at ${w}/60`];
    });
    const width = Math.max(...terms.map(([t]) => t.length)) + 1;
    return [...terms.map(([t, c]) => `${t.padEnd(width)} -- ${c}`), '         )::smallint'];
  },

  failed_dims: () => {
    const terms = DIMENSIONS.map((d, k) => {
      const test = `((deprived & ${dimensionMask(d.id)}) <> 0)::integer`;
      return [k === 0 ? `  select (${test}` : `        | (${test} << ${k})`, `${d.number} ${d.id}`];
    });
    const width = Math.max(...terms.map(([t]) => t.length)) + 1;
    return [...terms.map(([t, c]) => `${t.padEnd(width)} -- ${c}`), '         )::smallint'];
  },

  area_stats_arrays: () => {
    const i4 = '    ';
    return [
      ...arrayItem(i4, INDICATORS.map((i) => `count(*) filter (where deprived & ${bit(i)} <> 0)`), indicatorNotes, 'deprived_households', true),
      ...arrayItem(i4, INDICATORS.map((i) => `coalesce(sum(members) filter (where deprived & ${bit(i)} <> 0), 0)`), indicatorNotes, 'deprived_people', true),
      ...arrayItem(i4, INDICATORS.map((i) => `coalesce(sum(members) filter (where deprived & ${bit(i)} <> 0 and score60 >= 20), 0)`),
        indicatorNotes, 'censored_people', true),
      ...arrayItem(i4, DIMENSIONS.map((d) => `count(*) filter (where failed_dims & ${1 << (d.number - 1)} <> 0)`), dimensionNotes, 'dim_failed_households', true),
      ...arrayItem(i4, dimensionCounts.map((n) => `count(*) filter (where failed_dim_count = ${n})`),
        dimensionCounts.map((n) => `${n} failed dimensions`), 'failed_dim_count_households', true),
    ];
  },

  area_score_stats_arrays: () => [
    '  -- people in households of this score that fail indicator j',
    ...arrayItem('  ', INDICATORS.map((i) => `coalesce(sum(members) filter (where deprived & ${bit(i)} <> 0), 0)`), indicatorNotes, 'deprived_people', true),
    '  -- people in households of this score that fail dimension d',
    ...arrayItem('  ', DIMENSIONS.map((d) => `coalesce(sum(members) filter (where failed_dims & ${1 << (d.number - 1)} <> 0), 0)`),
      dimensionNotes, 'dim_failed_people', false),
  ],

  // element-wise sums of area_score_stats' arrays (a sum over the score groups of the poor)
  poor_counts_arrays: () => [
    ...arrayItem('         ', INDICATORS.map((i) => `sum(p.deprived_people[${i.number}])`), indicatorNotes, 'censored_people', true),
    ...arrayItem('         ', DIMENSIONS.map((d) => `sum(p.dim_failed_people[${d.number}])`), dimensionNotes, 'dim_censored_people', false),
  ],

  household_list_dimensions: () => DIMENSIONS.map((d) => `       h.failed_dims & ${1 << (d.number - 1)} <> 0 as ${d.id},`),

  tile_area_metrics_indicators: () => {
    const pairs: Array<[string, string, string?]> = [
      ...dimensionCounts.map((n): [string, string] => [`fail_dims_${n}`, `s.failed_dim_count_households[${n + 1}]`]),
      ...INDICATORS.map((i, k): [string, string, string?] => [`hc_${i.id}`, `s.censored_people[${i.number}]::double precision / s.people`,
        k === 0 ? 'Censored headcount ratio per indicator: people who are poor and deprived in it / all people.' : undefined]),
      ...DIMENSIONS.map((d, k): [string, string, string?] => [`dim_${d.id}`, `s.dim_failed_households[${d.number}]::double precision / s.households`,
        k === 0 ? 'Share of households failing at least one indicator of the dimension.' : undefined]),
    ];
    // The region continues the object opened above it; a new object starts before the indicators
    // and then every 50 pairs (jsonb_build_object's limit is 100 arguments).
    const lines: string[] = [];
    pairs.forEach(([key, value, comment], k) => {
      const opensObject = k === dimensionCounts.length || (k > dimensionCounts.length && (k - dimensionCounts.length) % 50 === 0);
      if (opensObject) {
        lines[lines.length - 1] = lines[lines.length - 1].replace(/,$/, '');
        lines.push('  ) || jsonb_build_object(');
      }
      if (comment) lines.push(`    -- ${comment}`);
      lines.push(`    '${key}', ${value},`);
    });
    lines[lines.length - 1] = lines[lines.length - 1].replace(/,$/, '');
    return lines;
  },

  import_deprived_mask: () => INDICATORS.map((i, k) =>
    `${k === 0 ? '       ((' : '         ('}btrim(s.${i.id})::integer << ${i.number - 1})${k === INDICATORS.length - 1 ? ')::integer as deprived,' : ' |'}`),

  // a staged row's indicator flags as one string, first indicator first (the plain rows' mask below)
  import_flags: () => groupsOf(indicatorsInBitOrder().map((i) => `s.${i.id}`), 5).map((g, k) => `    ${k === 0 ? '' : '|| '}${g.join(' || ')}`),

  import_deprived_bits: () => [`       reverse(f.flags)::bit(${INDICATORS.length})::integer as deprived,`],

  import_flag_shapes: () => {
    // housing_problem and every indicator flag: each exactly one character, and that 0 or 1
    const lengths = ['s.housing_problem', ...indicatorsInBitOrder().map((i) => `s.${i.id}`)].map((f) => `octet_length(${f}) = 1`);
    return [...groupsOf(lengths, 3).map((g) => `                 and ${g.join(' and ')}`), "                 and (s.housing_problem || f.flags) !~ '[^01]'"];
  },

  import_flag_checks: () => INDICATORS.map((i, k) =>
    `    ('${i.id}', povmap.import_flag_problem(s.${i.id}))${k === INDICATORS.length - 1 ? '' : ','}`),
};

const MARKER = /^[ \t]*-- generated: ([a-z0-9_]+) \(npm run sql:generate from server\/mpi\/indicators\.ts\)$/;
const END = /^[ \t]*-- end generated$/;

/** `text` with every marked region rewritten; throws on an unknown or unterminated region. */
export function rewriteRegions(text: string, file = 'SQL'): { text: string; regions: string[] } {
  const lines = text.split('\n');
  const out: string[] = [];
  const regions: string[] = [];
  for (let k = 0; k < lines.length; k++) {
    const m = MARKER.exec(lines[k]);
    out.push(lines[k]);
    if (!m) continue;
    const make = SQL_REGIONS[m[1]];
    if (!make) throw new Error(`${file}:${k + 1}: unknown generated region "${m[1]}" (server/db/sql-regions.ts lists them)`);
    const end = lines.findIndex((l, j) => j > k && END.test(l));
    if (end < 0) throw new Error(`${file}:${k + 1}: region "${m[1]}" has no "-- end generated" line`);
    out.push(...make(), lines[end]);
    regions.push(m[1]);
    k = end;
  }
  return { text: out.join('\n'), regions };
}

/** Every .sql file under sql/ (relative paths), in name order. */
function sqlFiles(dir = SQL_DIR): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sqlFiles(path.join(dir, e.name)) : e.name.endsWith('.sql') ? [path.relative(SQL_DIR, path.join(dir, e.name))] : [],
  ).sort();
}

export interface RegionFile {
  file: string;
  regions: string[];
  current: string;
  generated: string;
}

/** The files holding generated regions, each with its text now and as the generator writes it. */
export function regionFiles(): RegionFile[] {
  return sqlFiles().flatMap((file) => {
    const current = fs.readFileSync(path.join(SQL_DIR, file), 'utf8');
    if (!current.includes('-- generated: ')) return [];
    const { text, regions } = rewriteRegions(current, `sql/${file}`);
    return [{ file, regions, current, generated: text }];
  });
}

/** Rewrite every region in place; returns the files that changed. */
export function writeRegions(): string[] {
  return regionFiles().filter((f) => f.generated !== f.current).map((f) => {
    fs.writeFileSync(path.join(SQL_DIR, f.file), f.generated);
    return f.file;
  });
}
