/**
 * An import's merge: ONE transaction holding the merge lock (the whole good set or nothing), fed the
 * validated rows (the temp table import_valid) one part at a time.
 *
 * A household file is merged on a connection of its own while the import's connection reads and
 * checks the next part of the file (server/imports/pipeline.ts). Each part's rows are read off the
 * import's connection into this process (COPY … TO, a few tens of MB) and written on the merging
 * connection in the background, so the checking of part n + 1 and the storing of part n run on the
 * two cores at once. Households of survey years no one had stored are all new: they are copied
 * straight into household (COPY, as fast as a bulk load of the same rows). The others go into a
 * temp table there and are merged with sql/import/households_merge.sql.
 *
 * Other kinds merge once, on the import's own connection, after the whole file is checked: their
 * merges read more of its temporary tables.
 */
import type pg from 'pg';
import { sqlText } from '../../sql/load.js';
import { copyOut } from '../db/copy-out.js';
import { copyInChunks } from '../db/copy-text.js';
import type { ImportKind, RefreshKind } from './formats.js';
import { queryOn, type Query } from './query.js';

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
    this.q = queryOn(conn);
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

  /** Adds what touched.sql read on `q` to what the merge touched. */
  private async touched(q: Query, lookUp: boolean) {
    if (!this.tracksTouched) return;
    // read before the merge moves any household: the provinces it leaves count too
    const { rows: [t] } = await q(sqlText('import/touched.sql'), [lookUp]);
    for (const p of t.provinces ?? []) this.provinces.add(p);
    for (const y of t.years ?? []) this.years.add(Number(y));
  }

  /** Merges this connection's own import_valid (a kind other than households), there and then. */
  async add() {
    await this.settle();
    await this.begin();
    const { rows: [merged] } = await this.q(sqlText(`import/${this.kind}_merge.sql`));
    this.inserted += Number(merged.inserted);
    this.updated += Number(merged.updated);
  }

  /**
   * Hands over the households in `source`'s import_valid (the import's connection; `rows` of them).
   * Resolves once their rows are read off it, so the caller may check its next part while these are written.
   */
  async addFrom(source: pg.Client, rows: number) {
    const sourceQuery = queryOn(source);
    // the merge lock first, so that no other import commits households between the question below
    // and this import's writing
    if (!this.begun) {
      await this.settle();
      await this.begin();
    }
    // whether any year of the part was stored before this import: asked on the import's connection,
    // which sees only what is committed, once per year
    const { rows: [{ years }] } = await sourceQuery(sqlText('import/valid_years.sql'));
    const unknown = (years as number[]).filter((y) => !this.storedBefore.has(y));
    if (unknown.length) {
      for (const r of (await sourceQuery(sqlText('import/years_stored.sql'), [unknown])).rows) this.storedBefore.set(Number(r.year), r.stored);
    }
    const allNew = !(years as number[]).some((y) => this.storedBefore.get(y));
    let write: () => Promise<void>;
    if (allNew) {
      await this.touched(sourceQuery, false);
      const chunks = await copyOut(source, sqlText('import/households_new_out.sql'));
      write = async () => {
        await copyInChunks(this.conn, sqlText('import/households_new_in.sql'), chunks);
        this.inserted += rows;
      };
    } else {
      const columns = this.hasValidTable ? '' : (await sourceQuery(sqlText('import/valid_columns.sql'))).rows[0].columns;
      const chunks = await copyOut(source, 'copy import_valid to stdout');
      write = async () => {
        if (!this.hasValidTable) {
          await this.q(`create temp table import_valid (${columns}) on commit drop`);
          this.hasValidTable = true;
        } else {
          await this.q('truncate import_valid');
        }
        await copyInChunks(this.conn, 'copy import_valid from stdin', chunks);
        await this.touched(this.q, true);
        const { rows: [merged] } = await this.q(sqlText('import/households_merge.sql'));
        this.inserted += Number(merged.inserted);
        this.updated += Number(merged.updated);
      };
    }
    await this.settle();
    this.merging = write().catch((err) => {
      this.failure = err;
    });
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
