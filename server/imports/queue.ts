/**
 * The server's imports: uploads are spooled to disk (constant memory, any size), then run one at a
 * time, in the background, on the import's own connection (importDb), so the request that
 * uploaded answers 202 at once and the serving pool is never used by an import.
 */
import fs from 'node:fs';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/knex.js';
import { refreshAssistance } from '../db/refresh.js';
import type { ImportKind } from './formats.js';
import { importDb, runImport } from './pipeline.js';

export class ImportQueue {
  private db: Db | null = null;
  private tail: Promise<void> = Promise.resolve();
  private pending = 0;
  private assistanceRefreshQueued = false;

  constructor(private readonly databaseUrl: string, private readonly log: FastifyBaseLogger) {}

  /** Run job `id` from the spooled file after the jobs before it; the file is removed afterwards. */
  enqueue(id: number, kind: ImportKind, file: string): void {
    this.pending++;
    this.tail = this.tail.then(async () => {
      this.db ??= importDb(this.databaseUrl);
      try {
        await runImport(this.db, id, kind, fs.createReadStream(file, { highWaterMark: 256 * 1024 }));
      } catch (err) {
        this.log.error({ err, importJob: id }, 'import failed');
      } finally {
        fs.rm(file, { force: true }, () => undefined);
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
