/**
 * Night-light figures of one area (the zonal statistics of sql/functions/nightlight_stats.sql), for every loaded year,
 * so a request shows the year asked for and the trend across years. 'TH' (the country) is the sum of
 * the provinces, which is exact because provinces are sums of the pixels assigned beneath them.
 */
import type { YearData } from '../areas/lookup.js';
import { sqlText } from '../../sql/load.js';
import type { Db } from '../db/knex.js';

export interface NightlightYear {
  year: number;
  pixels: number;
  lit_pixels: number;
  radiance_sum: number;
  radiance_mean: number | null;
  lit_share: number | null;
}

export const NIGHTLIGHT_DATA: YearData = {
  name: 'night-light composite',
  none: 'No night-light composite is loaded (npm run import:nightlight).',
};

export async function nightlightYears(db: Db): Promise<number[]> {
  return (await db('nightlight_raster').distinct('year').orderBy('year').pluck('year')).map(Number);
}

export async function areaNightlight(db: Db, code: string): Promise<NightlightYear[]> {
  const { rows } = await db.raw(sqlText('nightlight/area_years.sql'), { code });
  return (rows as Array<{ year: number; pixels: number; lit_pixels: number; radiance_sum: number }>).map((r) => {
    const pixels = Number(r.pixels);
    const sum = Number(r.radiance_sum);
    return {
      year: Number(r.year), pixels, lit_pixels: Number(r.lit_pixels), radiance_sum: sum,
      radiance_mean: pixels > 0 ? sum / pixels : null,
      lit_share: pixels > 0 ? Number(r.lit_pixels) / pixels : null,
    };
  });
}
