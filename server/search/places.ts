/**
 * Place search: areas by Thai or English name, the whole name first, then names that start with
 * what was typed, names that contain it, and last names close to it despite a typo (pg_trgm word
 * similarity). The statements are sql/api/place_search.sql and place_search_similar.sql; the key
 * and its trigram index are sql/migrations/004_place_search.sql.
 */
import type { Knex } from 'knex';
import { sqlText } from '../../sql/load.js';

/**
 * How close a name must be to count as a typo of what was typed (pg_trgm word similarity, 0-1).
 * pg_trgm's default, 0.6, misses one wrong letter in two short words ("udpn thani" is 0.57 from
 * "udon thani"); 0.4 lets every name with a common syllable in ("don") through, which is slow.
 */
export const WORD_SIMILARITY_THRESHOLD = 0.5;

export interface PlaceHit {
  code: string;
  level: string;
  name_th: string;
  name_en: string | null;
  province_th: string | null;
  province_en: string | null;
  district_th: string | null;
  district_en: string | null;
}

/** What is compared: surrounding and repeated spaces dropped, English lower-cased (Thai has no case). */
export function normaliseQuery(q: string): string {
  return q.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}

export async function searchPlaces(db: Knex, text: string, limit: number): Promise<PlaceHit[]> {
  const q = normaliseQuery(text);
  if (!q) return [];
  return db.transaction(async (trx) => {
    // set_config(…, true) lasts until the end of this transaction only: other queries keep the default
    await trx.raw("select set_config('pg_trgm.word_similarity_threshold', ?, true)", [String(WORD_SIMILARITY_THRESHOLD)]);
    const { rows } = await trx.raw(sqlText('api/place_search.sql'), { q, limit });
    // near misses only when the names containing q are too few: ranking every name that shares a
    // common word ("ban", "mu") by similarity would cost seconds
    if (rows.length >= limit) return rows as PlaceHit[];
    const similar = await trx.raw(sqlText('api/place_search_similar.sql'), { q, limit: limit - rows.length });
    return [...rows, ...similar.rows] as PlaceHit[];
  });
}
