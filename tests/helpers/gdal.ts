/** Running GDAL's command-line tools from a test whose server runs in the same process. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A GDAL command, run without blocking this process (the server it reads runs here). */
export async function gdal(tool: string, args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(tool, args, { encoding: 'utf8', timeout: 300_000, maxBuffer: 256 * 2 ** 20 });
    return { status: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { status: typeof e.code === 'number' ? e.code : 1, stdout: e.stdout ?? '', stderr: e.stderr ?? String(err) };
  }
}
