/**
 * How the command-line tools talk to a person: short progress lines, and one clear line (no stack
 * trace) when something goes wrong. A bug's stack goes to a log file under the data folder, named
 * in that line, never to the terminal.
 */
import fs from 'node:fs';
import path from 'node:path';
import { dataDirFrom } from '../data-dir.js';

export class SetupError extends Error {}

export function step(message: string): void {
  process.stderr.write(`povmap: ${message}\n`);
}

/** Run a CLI main: errors the user can act on print one line and exit 1; bugs keep their stack. */
export function runCli(main: () => Promise<void>): void {
  main().then(
    () => undefined,
    (err: unknown) => {
      if (err instanceof SetupError) {
        process.stderr.write(`povmap: error: ${(err as Error).message}\n`);
      } else if (isConnectionError(err)) {
        process.stderr.write(`povmap: error: cannot reach the database (${(err as Error).message})\n`);
      } else {
        process.stderr.write(`povmap: unexpected error: ${firstLine(err)} (details in ${writeCrashLog(err)})\n`);
      }
      process.exit(1);
    },
  );
}

/**
 * The database could not be reached or refused us: no server at the address, an unknown host, a
 * wrong password, no such database. ENOENT only from connecting (a Unix socket folder without a
 * server in it): the same code from opening a file is a missing file, not a database problem.
 */
export function isConnectionError(err: unknown): boolean {
  const { code = '', syscall } = (err ?? {}) as { code?: string; syscall?: string };
  if (code === 'ENOENT') return syscall === 'connect';
  return ['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'EAI_AGAIN', 'EHOSTUNREACH', '28P01', '3D000', '28000'].includes(code);
}

function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0].slice(0, 300);
}

/** The full error in a private file (it may name paths, hosts or data); returns its path. */
function writeCrashLog(err: unknown): string {
  const text = `${new Date().toISOString()} ${process.argv.slice(1).join(' ')}\n${err instanceof Error ? err.stack : String(err)}\n`;
  try {
    const dir = path.join(dataDirFrom(), 'logs');
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const file = path.join(dir, `error-${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}.log`);
    fs.writeFileSync(file, text, { mode: 0o600 });
    return file;
  } catch {
    return 'nowhere: the data folder is not writable';
  }
}
