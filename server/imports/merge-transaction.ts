/**
 * An import's merge: ONE transaction holding the merge lock (the whole good set or nothing), fed the
 * validated rows (the temp table import_valid) one part at a time.
 *
 * A household file is merged on a connection of its own while the import's connection reads and
 * checks the next part of the file (server/imports/pipeline.ts): each part's import_valid is copied
 * over (binary COPY through this process) and merged there, so the checking of part n + 1 and the
 * storing of part n run on the two cores at once. Other kinds merge once, on the import's own
 * connection, after the whole file is checked: their merges read more of its temporary tables.
 */
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { sqlText } from '../../sql/load.js';
import type { ImportKind, RefreshKind } from './formats.js';

type Query = (sql: string, params?: unknown[]) => Promise<pg.QueryResult>;

const on = (conn: pg.Client): Query => (sql, params) => conn.query(sql, params as unknown[]);

export class MergeTransaction {
  inserted = 0;
  updated = 0;
  private begun = false;
  /** The merge of the last part handed over; a failure is kept and thrown at the next step. */
  private merging: Promise<void> = Promise.resolve();
  private failure: unknown = null;
  private hasValidTable = false;
  /** Per survey year met so far: whether households of it were stored before this import. */
  private storedBefore = new Map<number, boolean>();
  /** What the merged parts touched (households only): their provinces and survey years. */
  private provinces = new Set<string>();
  private years = new Set<number>();
  private q: Query;

  /**
   * `conn`: the connection the transaction runs on (the import's own, or one of its own for a
   * household file). `lockTimeout`: the lock timeout within the transaction once the merge lock is held.
   */
  constructor(private conn: pg.Client, private kind: ImportKind, private refreshes: RefreshKind | null, private lockTimeout: string) {
    this.q = on(conn);
  }

  /** Whether this import's merges change households, so that it knows what they touched. */
  private get tracksTouched() {
    return this.kind === 'households' && this.refreshes !== null;
  }

  private async begin() {
    if (this.begun) return;
    await this.q('begin');
    this.begun = true;
    await this.q(sqlText('import/merge_lock.sql'));
    await this.q(sqlText('import/lock_timeout.sql'), [this.lockTimeout]);
  }

  /** Waits for the part being merged; rethrows its failure. */
  async settle() {
    await this.merging;
    if (this.failure) throw this.failure;
  }

  /**
   * Merge the rows of import_valid: those of `source` (the import's connection, copied over first;
   * resolves once copied, so the caller may check its next part while this one is merged), or with
   * no source, this connection's own (resolves once merged).
   */
  async add(source?: pg.Client) {
    await this.settle();
    await this.begin();
    if (source) await this.copyFrom(source);
    this.merging = this.mergePart().catch((err) => {
      this.failure = err;
    });
    if (!source) await this.settle();
  }

  /** The source connection's import_valid into this connection's (made once, of the same shape). */
  private async copyFrom(source: pg.Client) {
    if (!this.hasValidTable) {
      const { rows: [{ columns }] } = await source.query(sqlText('import/valid_columns.sql'));
      await this.q(`create temp table import_valid (${columns}) on commit drop`);
      this.hasValidTable = true;
    } else {
      await this.q('truncate import_valid');
    }
    const out = copyTo('copy import_valid to stdout (format binary)');
    const into = copyFrom('copy import_valid from stdin (format binary)');
    source.query(out as unknown as pg.Submittable); // pg-copy-streams' types predate pg's Submittable
    this.conn.query(into);
    await pipeline(out, into);
  }

  /**
   * Households of survey years that no one had stored before this import are all new: inserted without
   * being looked up. A year's first part asks; a year this import began stays new for its later parts
   * (the merge lock keeps other imports out, and a house code appears once per year in a file).
   */
  private async mergeSql(): Promise<string> {
    if (this.kind !== 'households') return `import/${this.kind}_merge.sql`;
    const { rows: [{ years }] } = await this.q(sqlText('import/valid_years.sql'));
    const unknown = (years as number[]).filter((y) => !this.storedBefore.has(y));
    if (unknown.length) {
      const { rows } = await this.q(sqlText('import/years_stored.sql'), [unknown]);
      for (const r of rows) this.storedBefore.set(Number(r.year), r.stored);
    }
    return (years as number[]).some((y) => this.storedBefore.get(y)) ? 'import/households_merge.sql' : 'import/households_insert.sql';
  }

  private async mergePart() {
    const merge = await this.mergeSql();
    if (this.tracksTouched) {
      // read before the merge moves any household: the provinces it leaves count too
      const { rows: [t] } = await this.q(sqlText('import/touched.sql'), [merge === 'import/households_merge.sql']);
      for (const p of t.provinces ?? []) this.provinces.add(p);
      for (const y of t.years ?? []) this.years.add(Number(y));
    }
    const { rows: [merged] } = await this.q(sqlText(merge));
    this.inserted += Number(merged.inserted);
    this.updated += Number(merged.updated);
  }

  /**
   * The merge is complete (every part merged, the transaction still open): records the refresh it owes
   * and the job's counts, in the same transaction, then commits.
   */
  async commit(jobId: number, valid: number) {
    await this.settle();
    await this.begin();
    if (this.inserted + this.updated > 0 && this.refreshes) {
      // only these provinces' and years' rollups and distances to services are made again (all when null)
      const touched = this.tracksTouched
        ? { provinces: [...this.provinces].sort(), years: [...this.years].sort((a, b) => a - b) }
        : { provinces: null, years: null };
      await this.q(sqlText('import/refresh_mark.sql'), [jobId, this.refreshes, touched.provinces, touched.years]);
    }
    await this.q(sqlText('import/job_merged.sql'), [jobId, this.inserted, this.updated, valid - this.inserted - this.updated]);
    await this.q('commit');
    this.begun = false;
  }
}
