/**
 * The disclosure policy decides again over the rollups as they are now and writes what the public
 * may see (area_public). `refreshFirst` refreshes the rollups themselves: a SQL file's name
 * (sql/refresh/rollups.sql, …) or a function given the transaction. It runs in the same transaction,
 * so readers see the old counts with the old decisions or the new with the new, never a mix. Readers
 * are never blocked (the rollups and area_public are written under MVCC). The stored
 * tile figures (tile_area_metrics) are made again in the same transaction, so a tile never shows
 * counts of one refresh with decisions of another.
 *
 * With `years` (an import that changed only these survey years' rollups) only those years are decided
 * again, and each year after a year whose decisions changed (its changes are withheld where the year
 * before is: withheldFigures); every other year's rollups and decisions are as they were.
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Knex } from 'knex';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { sqlText } from '../../sql/load.js';
import { stepMilliseconds, timedStep, type Log } from '../db/timed-step.js';
import { decideYear } from './decide.js';
import { POLICY_VERSION } from './version.js';
import type { AreaCells } from './suppression.js';
import { withheldFigures, type CellDecision } from './tile-figures.js';

export interface DisclosureFigures {
  /** Survey years decided. */
  years: number;
  areas: number;
  /** Areas withheld whole (1 to 4 households). */
  suppressed: number;
  /** Single withheld cells of the other areas. */
  cells: number;
  milliseconds: number;
  /** Whether any decision differs from those it replaced (what rests on them must then follow). */
  changed: boolean;
  /** The survey years whose decisions differ from those they replaced. */
  changedYears: number[];
}

export type RollupRefresh = string | ((trx: Knex.Transaction) => Promise<unknown>);

export interface DisclosureScope {
  /** Only these survey years' rollups changed; absent: any may have (every year is decided). */
  years?: readonly number[];
  /**
   * What rests on the decisions (the hotspots, the fit), made in the same transaction after them and
   * before the tile figures, for `years`: those whose rollups or decisions changed (undefined: all).
   */
  dependents?: (trx: Knex.Transaction, years: number[] | undefined) => Promise<unknown>;
  log?: Log;
}

export async function refreshDisclosure(db: Knex, refreshFirst?: RollupRefresh, scope: DisclosureScope = {}): Promise<DisclosureFigures> {
  const log = scope.log ?? (() => {});
  const started = Date.now();
  const figures: DisclosureFigures = { years: 0, areas: 0, suppressed: 0, cells: 0, milliseconds: 0, changed: false, changedYears: [] };
  await db.transaction(async (trx) => {
    await trx.raw(sqlText('disclosure/lock.sql'));
    await trx.raw(sqlText('disclosure/no_idle_limit.sql'));
    // an import's refresh (its years known) has the merges note the areas they change, so the tile
    // figures are built again for those alone (the others take only the relative figures anew)
    if (scope.years) await trx.raw(sqlText('disclosure/note_changed_areas.sql'));
    if (typeof refreshFirst === 'string') await trx.raw(sqlText(refreshFirst));
    else if (refreshFirst) await refreshFirst(trx);
    const deciding = performance.now();
    log('Deciding what the public may see (disclosure control)');
    const { rows } = await trx.raw(sqlText('disclosure/survey_years.sql'));
    const years = (rows as Array<{ survey_year: number }>).map((r) => Number(r.survey_year));
    const touched = scope.years ? new Set(scope.years.map(Number)) : null;
    // the decisions of the year before the one being decided; null: not read yet (that year was not decided)
    let previous: Map<string, CellDecision> | null = new Map();
    let previousChanged = false;
    for (const [i, year] of years.entries()) {
      if (touched && !touched.has(year) && !previousChanged) {
        previous = null;
        continue;
      }
      previous ??= await storedDecisions(trx, years[i - 1]);
      const decided: AreaCells[] = await decideYear(trx, year);
      previousChanged = (await replaceYear(trx, year, decided, previous)) > 0;
      if (previousChanged) figures.changedYears.push(year);
      previous = new Map(decided.map((a) => [a.code, a]));
      figures.years++;
      figures.areas += decided.length;
      for (const a of decided) {
        if (a.suppressed) figures.suppressed++;
        figures.cells += Object.keys(a.cells).length;
      }
    }
    log(`Decided what the public may see (disclosure control), ${figures.years} of ${years.length} survey years: ${stepMilliseconds(deciding)}`);
    const forgotten = (await trx.raw(sqlText('disclosure/forget_years.sql'))).rowCount ?? 0;
    await trx.raw(sqlText('disclosure/record_version.sql'), { version: POLICY_VERSION });
    figures.changed = figures.changedYears.length > 0 || forgotten > 0;
    // the years whose figures may differ now: rollups or decisions changed; each year after one of
    // them too (its change since the year before)
    const redo = touched ? years.filter((y) => touched.has(y) || figures.changedYears.includes(y)) : undefined;
    if (scope.dependents) await scope.dependents(trx, redo);
    const tileYears = redo && years.filter((y, i) => redo.includes(y) || (i > 0 && redo.includes(years[i - 1])));
    await timedStep(log, `Storing the tile figures${tileYears ? ` of ${tileYears.length ? tileYears.join(', ') : 'no year'}` : ''}`,
      () => trx.raw(sqlText(scope.years ? 'refresh/tile_area_metrics_of_changed.sql' : 'refresh/tile_area_metrics.sql'), { years: tileYears ?? null }));
  });
  figures.milliseconds = Date.now() - started;
  return figures;
}

/** One survey year's stored decisions (none before the first year). */
async function storedDecisions(db: Knex, year: number | undefined): Promise<Map<string, CellDecision>> {
  if (year === undefined) return new Map();
  const { rows } = await db.raw(sqlText('disclosure/year_decisions.sql'), { year });
  return new Map((rows as Array<{ code: string } & CellDecision>).map((r) => [r.code, { suppressed: r.suppressed, cells: r.cells }]));
}

/**
 * Makes one survey year's stored decisions (area_public) these, writing only the areas decided
 * otherwise than before; returns how many rows went or were written: 0 when the policy decided the
 * year exactly as before. Each area's COPY line has a digest (md5) stored beside it (migration
 * 030): only the areas whose digest differs are sent, by COPY into a staging table, and merged
 * (sql/disclosure/merge_year.sql); the areas no longer decided are removed. An import changes few
 * areas' decisions: sending and comparing every area took 5.7 s on the national profile.
 * The lines are made as the COPY takes them, so the database reads one batch while this process
 * writes the next: after a generation every area is sent (85,023 on the national profile, 95 MB),
 * and made first, then sent, the lines took 1.9-2.4 s and the COPY 3.4-4.3 s after them. The
 * figures withheld because the year before withholds them (withheldFigures, against `previous`,
 * that year's decisions) are worked out line by line there too.
 */
async function replaceYear(trx: Knex.Transaction, year: number, decided: AreaCells[], previous: Map<string, CellDecision>): Promise<number> {
  const { rows: storedRows } = await trx.raw(sqlText('disclosure/year_digests.sql'), { year });
  const stored = new Map((storedRows as Array<{ code: string; digest: string | null }>).map((r) => [r.code, r.digest]));
  const { rowCount: gone } = await trx.raw(sqlText('disclosure/forget_areas.sql'), { year, codes: decided.map((a) => a.code) });
  // JSON text has no tab, newline or carriage return of its own (it escapes them); COPY's text
  // format needs only its backslashes doubled
  const text = (v: object) => JSON.stringify(v).replaceAll('\\', '\\\\');
  let changed = 0;
  const batches = function* () {
    let batch = '';
    for (const a of decided) {
      const withheld = withheldFigures(a, previous.get(a.code));
      const line = `${year}\t${a.code}\t${a.suppressed ? 't' : 'f'}\t${text(a.cells)}\t${text(withheld)}`;
      const digest = createHash('md5').update(line).digest('hex');
      if (stored.get(a.code) === digest) continue;
      batch += `${line}\t${digest}\n`;
      if (++changed % 1000 === 0) {
        yield batch;
        batch = '';
      }
    }
    if (batch) yield batch;
  };
  // a year decided exactly as before (an import's usual case) stages and sends nothing
  const lines = batches();
  const first = lines.next();
  if (first.done) return gone ?? 0;
  await trx.raw(sqlText('disclosure/stage_year.sql'));
  const conn: pg.Client = await trx.client.acquireConnection();
  const all = function* () {
    yield first.value;
    yield* lines;
  };
  await pipeline(Readable.from(all()), conn.query(copyFrom(sqlText('disclosure/copy_year.sql'))));
  const { rows: [merged] } = await trx.raw(sqlText('disclosure/merge_year.sql'), { year });
  return (gone ?? 0) + merged.changed;
}

/** The decisions in area_public were made by another version of the policy, or by none. */
export async function disclosureOutdated(db: Knex): Promise<boolean> {
  const { rows } = await db.raw(sqlText('disclosure/recorded_version.sql'));
  return rows[0]?.version !== POLICY_VERSION;
}

/** Have the next preparation of the data decide again (ensureDerivedData, server/db/refresh.ts). */
export async function markDisclosureOutdated(db: Knex): Promise<void> {
  await db.raw(sqlText('disclosure/forget_version.sql'));
}
