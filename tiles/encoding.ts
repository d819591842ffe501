/**
 * Content-coding negotiation for tiles (RFC 9110 §12.5.3, q-values honoured): brotli when the
 * client lists it, else gzip, else identity.
 */
export type TileEncoding = 'br' | 'gzip' | 'identity';

export function negotiateEncoding(acceptEncoding: string | undefined): TileEncoding {
  if (!acceptEncoding) return 'identity';
  let br = false;
  let gzip = false;
  for (const part of acceptEncoding.split(',')) {
    const [rawName, ...params] = part.split(';');
    const name = rawName.trim().toLowerCase();
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (q && Number(q.slice(2)) === 0) continue;
    if (name === 'br') br = true;
    else if (name === 'gzip' || name === 'x-gzip' || name === '*') gzip = true;
  }
  return br ? 'br' : gzip ? 'gzip' : 'identity';
}
