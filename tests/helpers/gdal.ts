/** Running GDAL's command-line tools from a test whose server runs in the same process. */
import { execFile } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A GDAL command, run without blocking this process (the server it reads runs here). */
export async function gdal(tool: string, args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  try {
    // GDAL's tile readers keep a cache in the working folder unless told otherwise: keep it out of the checkout.
    const env = { ...process.env, GDAL_DEFAULT_WMS_CACHE_PATH: path.join(os.tmpdir(), 'povmap-gdal-wms-cache') };
    const { stdout, stderr } = await run(tool, args, { encoding: 'utf8', timeout: 300_000, maxBuffer: 256 * 2 ** 20, env });
    return { status: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { status: typeof e.code === 'number' ? e.code : 1, stdout: e.stdout ?? '', stderr: e.stderr ?? String(err) };
  }
}
