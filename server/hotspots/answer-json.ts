/**
 * The JSON bytes of a GET /api/hotspots answer, written in slices that yield to the event loop: a
 * village answer (~75,000 items, ~18 MB) took hundreds of milliseconds to serialise in one go, and
 * the route caches these bytes so a repeated request sends them without serialising again. The
 * output follows the route's response schema (server/routes/hotspots.ts) field for field, as its
 * serializer would: only the schema's fields, in its order; a non-nullable number that is null
 * becomes 0 and a non-finite one null.
 */
import type { HotspotItem } from './analysis.js';

/** The answer's fields other than `items`, in the schema's order. */
export interface HotspotsHead {
  level: string; year: number; measure: string; weights: string; k: number | null; parent: string | null;
  correction: string; permutations: number; seed: number; n: number; excluded_small: number; islands: string[];
}

const ITEMS_PER_SLICE = 500;

const num = (v: number | null) => (v === null ? 0 : Number.isFinite(v) ? v : null);
const nullableNum = (v: number | null) => (v === null || Number.isFinite(v) ? v : null);

function item(it: HotspotItem) {
  return {
    code: it.code, name_th: it.name_th, name_en: it.name_en, value: num(it.value), neighbours: it.neighbours,
    gi_z: num(it.gi_z), gi_p: num(it.gi_p), gi_p_fdr: num(it.gi_p_fdr), gi_class: it.gi_class,
    moran_i: num(it.moran_i), moran_p: nullableNum(it.moran_p), moran_p_fdr: nullableNum(it.moran_p_fdr), moran_class: it.moran_class,
  };
}

export async function hotspotsJson(head: HotspotsHead, items: HotspotItem[]): Promise<Buffer> {
  const parts: Buffer[] = [Buffer.from(`${JSON.stringify(head).slice(0, -1)},"items":[`)];
  for (let start = 0; start < items.length; start += ITEMS_PER_SLICE) {
    if (start > 0) await new Promise<void>((resume) => setImmediate(resume));
    const slice = items.slice(start, start + ITEMS_PER_SLICE).map(item);
    parts.push(Buffer.from((start > 0 ? ',' : '') + JSON.stringify(slice).slice(1, -1)));
  }
  parts.push(Buffer.from(']}'));
  return Buffer.concat(parts);
}
