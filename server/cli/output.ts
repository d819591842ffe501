/**
 * How the command-line tools talk to a person: short progress lines, and one clear line (no stack
 * trace) when something the user can fix goes wrong.
 */
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
        process.stderr.write(`povmap: unexpected error: ${(err as Error)?.stack ?? String(err)}\n`);
      }
      process.exit(1);
    },
  );
}

function isConnectionError(err: unknown): boolean {
  const code = (err as { code?: string })?.code ?? '';
  return ['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'EAI_AGAIN', 'ENOENT', 'EHOSTUNREACH', '28P01', '3D000', '28000'].includes(code);
}
