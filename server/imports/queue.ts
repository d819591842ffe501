/**
 * The server's imports: uploads are spooled to disk (constant memory, up to IMPORT_MAX_BYTES; server/imports/spool.ts),
 * then run one at a time, in the background, on the import's own connection (importDb), so the
 * request that uploaded answers 202 at once and the serving pool is never used by an import. At
 * start (`recover`) it settles the jobs a stopped process left, removes their spool files and runs
 * any refresh a merged import still owes.
 */
import fs from 'node:fs';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/knex.js';
import { refreshAssistance, refreshMenu } from '../db/refresh.js';
import type { ImportKind } from './formats.js';
import { markInterrupted } from './jobs.js';
import { importDb, runImport } from './pipeline.js';
import { refreshOwed, refreshPending } from './refresh-pending.js';
import { ImportSpool } from './spool.js';

export class ImportQueue {
  private db: Db | null = null;
  private tail: Promise<void> = Promise.resolve();
  private pending = 0;
  private assistanceRefreshQueued = false;
  private menuRefreshQueued = false;

  constructor(private readonly databaseUrl: string, private readonly log: FastifyBaseLogger, readonly spool: ImportSpool = new ImportSpool()) {}

  /**
   * At start: jobs a stopped process left running are settled (failed, or refresh_pending when
   * merged), spool files no queued or running job will read are removed, and the refresh owed by
   * merged imports runs in the background, before any upload queued after it. `db` is the serving pool.
   */
  async recover(db: Db): Promise<void> {
    // first, and without the database: a file's process tells whether it is an orphan
    const orphans = this.spool.removeOrphans();
    if (orphans.length) this.log.warn({ files: orphans.length, dir: this.spool.dir }, 'spooled uploads of stopped processes removed');
    const ids = await markInterrupted(db);
    if (ids.length) this.log.warn({ ids }, 'imports interrupted by a stopped process settled (failed before their merge, refresh pending after it)');
    if (await refreshOwed(db)) this.resumeRefresh();
  }

  /** Run the refresh merged imports still owe, on the import connection, after the jobs before it. */
  private resumeRefresh(): void {
    this.pending++;
    this.tail = this.tail.then(async () => {
      this.db ??= importDb(this.databaseUrl);
      try {
        const ids = await refreshPending(this.db);
        if (ids.length) this.log.info({ ids }, 'refresh owed by merged imports done');
      } catch (err) {
        this.log.error({ err }, 'the refresh owed by merged imports failed; it runs again at the next start or import');
      } finally {
        this.pending--;
      }
    });
  }

  /** Run job `id` from the spooled file after the jobs before it; the file is removed afterwards. */
  enqueue(id: number, kind: ImportKind, file: string): void {
    this.pending++;
    this.tail = this.tail.then(async () => {
      this.db ??= importDb(this.databaseUrl);
      try {
        // the file's size, for the size of its last parts (a missing file fails in runImport, marking the job)
        const size = fs.statSync(file, { throwIfNoEntry: false })?.size;
        await runImport(this.db, id, kind, fs.createReadStream(file, { highWaterMark: 256 * 1024 }), {}, size);
      } catch (err) {
        this.log.error({ err, importJob: id }, 'import failed');
      } finally {
        this.spool.remove(file);
        this.pending--;
      }
    });
  }

  /**
   * After logbook entries written one by one (the route): refresh the logbook rollup the tiles
   * read, on the import connection after the jobs before it; requests made while one waits share it.
   */
  refreshAssistanceSoon(): void {
    if (this.assistanceRefreshQueued) return;
    this.assistanceRefreshQueued = true;
    this.pending++;
    this.tail = this.tail.then(async () => {
      this.assistanceRefreshQueued = false;
      this.db ??= importDb(this.databaseUrl);
      try {
        await refreshAssistance(this.db);
      } catch (err) {
        this.log.error({ err }, 'refreshing the logbook rollup failed');
      } finally {
        this.pending--;
      }
    });
  }

  /**
   * After menu items written one by one (the menu routes): refresh the matches, the needs per area
   * and the decisions over them, like refreshAssistanceSoon.
   */
  refreshMenuSoon(): void {
    if (this.menuRefreshQueued) return;
    this.menuRefreshQueued = true;
    this.pending++;
    this.tail = this.tail.then(async () => {
      this.menuRefreshQueued = false;
      this.db ??= importDb(this.databaseUrl);
      try {
        await refreshMenu(this.db);
      } catch (err) {
        this.log.error({ err }, 'refreshing the menu matches failed');
      } finally {
        this.pending--;
      }
    });
  }

  /** Resolves when every queued job has finished (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.pending) await this.tail;
  }

  async close(): Promise<void> {
    await this.idle();
    await this.db?.destroy();
    this.db = null;
  }
}
