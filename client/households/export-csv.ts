/**
 * CSV export of the current filter. The endpoint needs the Bearer token, which a plain link cannot
 * send, so the file is fetched and handed to the browser as a Blob download.
 */
import { getBlob } from '../api/http.js';

export async function downloadCsv(path: string, filename: string): Promise<void> {
  const blob = await getBlob(path);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  // Give the browser the time to start the download before the URL is revoked.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
