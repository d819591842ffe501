/**
 * Place search: areas by Thai or English name, the whole name first, then names that start with
 * what was typed, names that contain it, and when none does, names close to it despite a typo
 * (pg_trgm word similarity, on the names without a village's number). The statements are
 * sql/api/place_search*.sql; the keys and their indexes are sql/migrations/004_place_search.sql,
 * 005_place_search_order.sql and 024_place_search_typo.sql.
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

/**
 * Four steps, each run only when the ones before found fewer than `limit` areas, and each stopping
 * as soon as it has enough (a query most names contain, a village's "บ้าน", costs no more than a
 * rare one): the whole name, names that start with q, names that contain it, and only when none
 * does, names close to it (a typo). Together they give the one order the API documents.
 * `within` (an area code) keeps only the areas inside that area: a province's page finds its own
 * districts and subdistricts, not their namesakes elsewhere.
 */
export async function searchPlaces(db: Knex, text: string, limit: number, within: string | null = null): Promise<PlaceHit[]> {
  const q = normaliseQuery(text);
  if (!q) return [];
  return db.transaction(async (trx) => {
    const codes: string[] = [];
    const step = async (file: string) => {
      if (codes.length >= limit) return;
      const { rows } = await trx.raw(sqlText(file), { q, within, limit: limit - codes.length });
      codes.push(...rows.map((r: { code: string }) => r.code));
    };
    await step('api/place_search_whole.sql');
    await step('api/place_search_prefix.sql');
    await step('api/place_search_contains.sql');
    if (!codes.length) {
      // set_config(…, true) lasts until the end of this transaction only
      await trx.raw(sqlText('api/place_search_threshold.sql'), { threshold: String(WORD_SIMILARITY_THRESHOLD) });
      await step(within ? 'api/place_search_similar_within.sql' : 'api/place_search_similar.sql');
    }
    if (!codes.length) return [];
    const { rows } = await trx.raw(sqlText('api/place_search_names.sql'), { codes });
    return rows as PlaceHit[];
  });
}
