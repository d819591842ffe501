/**
 * The MapLibre style in tiles/style.json, with its relative TileJSON URLs prefixed by the configured
 * public origin (PUBLIC_URL), or left relative when none is configured; never the request's Host.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const STYLE_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'style.json');

interface Style {
  sources: Record<string, { url?: string }>;
  [key: string]: unknown;
}

const style = JSON.parse(fs.readFileSync(STYLE_FILE, 'utf8')) as Style;

export function styleFor(origin: string): Style {
  const sources = Object.fromEntries(Object.entries(style.sources).map(([id, s]) =>
    [id, s.url?.startsWith('/') ? { ...s, url: `${origin}${s.url}` } : s]));
  return { ...style, sources };
}
