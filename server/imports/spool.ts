/**
 * Where uploaded import files wait for their job. They hold names and national ids, so the folder
 * is private to the server's user (0700, inside the project's data directory, never the shared
 * system temp folder), each file 0600, removed when its job ends or fails, and files a stopped
 * process left behind are removed at the next start.
 *
 * A file is named after the process that received it (`upload-<pid>-<uuid>.csv`): jobs do not
 * outlive the process that queued them (a queued or running job of a process that is gone is
 * settled by markInterrupted), so a file whose process is gone belongs to no queued or running job
 * and is an orphan. The data directory is this machine's, so a pid is checked on this host.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { dataDirFrom } from '../data-dir.js';

const SPOOL_FILE = /^upload-(\d+)-[0-9a-f-]{36}\.csv$/;

/** The spool folder inside the project's data directory (POVMAP_DATA_DIR, default .data/). */
export function defaultSpoolDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(dataDirFrom(env), 'spool');
}

function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The default largest upload (IMPORT_MAX_BYTES): 4 GiB, room for a national survey file (~2.4 GB). */
export const DEFAULT_IMPORT_MAX_BYTES = 4 * 1024 ** 3;

export class ImportSpool {
  /** `maxBytes`: the largest file an upload may carry; a larger one is refused with 413. */
  constructor(readonly dir: string = defaultSpoolDir(), readonly maxBytes: number = DEFAULT_IMPORT_MAX_BYTES) {}

  /** The folder, made (0700) or made private again if it exists with a wider mode. */
  ensure(): void {
    fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    fs.chmodSync(this.dir, 0o700);
  }

  /** Write `body` to a new private (0600) spool file; returns its path. Nothing is left on failure. */
  async receive(body: NodeJS.ReadableStream): Promise<string> {
    this.ensure();
    const file = path.join(this.dir, `upload-${process.pid}-${randomUUID()}.csv`);
    try {
      await pipeline(body, fs.createWriteStream(file, { flags: 'wx', mode: 0o600 }));
    } catch (err) {
      this.remove(file);
      throw err;
    }
    return file;
  }

  remove(file: string): void {
    fs.rmSync(file, { force: true });
  }

  /**
   * Remove what no queued or running job will read: files of processes that are gone, and anything
   * else that is not a spool file. Returns the names removed.
   */
  removeOrphans(): string[] {
    if (!fs.existsSync(this.dir)) return [];
    this.ensure();
    const removed: string[] = [];
    for (const name of fs.readdirSync(this.dir)) {
      const match = SPOOL_FILE.exec(name);
      if (match && processAlive(Number(match[1]))) continue;
      fs.rmSync(path.join(this.dir, name), { recursive: true, force: true });
      removed.push(name);
    }
    return removed;
  }
}
